/**
 * One run of the interpreter over a script: the natives wired up (builtins, stdlib, sst, gem5), sibling modules
 * loaded from disk the way Python would find them, the budget applied.
 */
import type { ArgValues } from '../types';
import { makeBuiltins } from './builtins';
import { gem5Module } from './domains/gem5';
import { SstRecording, sstModule, type SstRun } from './domains/sst';
import { stdlibModule } from './domains/stdlib';
import { pyLibModule } from './domains/pylib';
import { collectionsModule } from './domains/collections';
import { getoptModule } from './domains/getopt';
import { typingModule } from './domains/typing';
import { dataclassesModule } from './domains/dataclasses';
import { enumModule } from './domains/enums';
import { reModule } from './domains/re';
import { jsonModule } from './domains/json';
import { configparserModule } from './domains/configparser';
import { randomModule } from './domains/randomModule';
import type { RunFiles } from './domains/files';
import { Interpreter, type ModuleLoader, type ModuleSource } from './interpreter';
import type { Budget } from './limits';
import type { ModuleObject } from './heap';

/** Library modules that need only the interpreter. */
const LIBRARY_MODULES = new Map<string, (interp: Interpreter) => ModuleObject>([
  ['collections', collectionsModule],
  ['dataclasses', dataclassesModule],
  ['enum', enumModule],
  ['re', reModule],
  ['json', jsonModule],
  ['configparser', configparserModule],
  ['random', randomModule],
  ['getopt', getoptModule],
  ['typing', typingModule],
]);

export interface RunResult {
  interp: Interpreter;
  sst: SstRecording;
}

export interface RunRequest {
  source: ModuleSource;
  /** `__name__` of the main module: gem5 runs config scripts as "__m5_main__", SST as "__main__". */
  moduleName: string;
  args?: ArgValues;
  loader: ModuleLoader | null;
  recordValues?: boolean;
  budget?: Partial<Budget>;
  /** sys.argv[1:] when the run is known; otherwise sys.argv is an incomplete list. */
  argv?: readonly string[];
  /** How SST is launched (rank and thread counts, parallel load), when an sst task says so. */
  sstRun?: SstRun;
  /** The disk as the run sees it (open(), os.path.exists), when its working directory is known. */
  files?: RunFiles;
}

export function runScript(req: RunRequest): RunResult {
  const sst = new SstRecording();
  const interp = new Interpreter({
    files: req.files,
    moduleName: req.moduleName,
    loader: req.loader,
    recordValues: req.recordValues,
    budget: req.budget,
    natives: (name, it) => {
      if (name === 'builtins') return makeBuiltins(it);
      if (name === 'sst') return sstModule(it, sst, req.sstRun);
      return stdlibModule(name, it, req.args, req.argv) ?? pyLibModule(name, it) ?? LIBRARY_MODULES.get(name)?.(it) ?? gem5Module(name, it, req.args);
    },
  });
  interp.run(req.source);
  return { interp, sst };
}
