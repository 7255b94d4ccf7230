/**
 * SST passes what follows `--` on its command line to the script as sys.argv (domain-spec §6.3: `sst script.py --
 * --ckpts-dir=… --system-nodes=2`). A script read without them cannot decide its argparse options, so its node loop
 * and checkpoint paths are unknown and every rule is silent; read with the sst task's options it is the graph SST
 * builds. Only when every sst task that runs the script gives the same options: otherwise no one argv is "the" run.
 */
import { modelSstScript } from '../config';
import type { SstScriptModel } from '../config/types';
import { splitSstArgs, type SstTask } from './tasks';

/** The model options the sst tasks running `path` agree on; null when none give any or they differ. */
export function agreedModelOptions(tasks: readonly SstTask[], path: string): string[] | null {
  const running = tasks.filter((t) => t.scriptPath === path);
  const options = running.map((t) => splitSstArgs(t).model?.map((a) => a.value) ?? null);
  if (!options.length || options.some((o) => o === null)) return null;
  const key = JSON.stringify(options[0]);
  return options.every((o) => JSON.stringify(o) === key) ? options[0] : null;
}

/** The script's model read with these options, reused while the plain model (the text) and the options are the same. */
export class ModelWithOptions {
  private readonly cache = new WeakMap<SstScriptModel, { key: string; model: SstScriptModel }>();

  of(path: string, plain: SstScriptModel, text: string, options: readonly string[]): SstScriptModel {
    const key = JSON.stringify(options);
    const hit = this.cache.get(plain);
    if (hit?.key === key) return hit.model;
    const model = modelSstScript(path, text, options);
    this.cache.set(plain, { key, model });
    return model;
  }
}
