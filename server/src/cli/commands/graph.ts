/** `gem5-ckpt graph SCRIPT [--format json|dot] [-- MODEL_OPTIONS]`: what the model understood an SST script builds. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sstGraph, toDot } from '../../config/graph';
import { modelSstScript } from '../../config';
import { EXIT_OK, UsageError, json, oneOf, parseCommandArgs, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt graph SST_SCRIPT [--format json|dot] [-- MODEL_OPTIONS]';

export const graphCommand: Command = {
  name: 'graph',
  summary: "the SST graph the model sees in a script (like sst --output-json; unknown values are null)",
  usage: USAGE,
  async run(args, io) {
    const dash = args.indexOf('--');
    const own = dash >= 0 ? args.slice(0, dash) : args;
    const modelOptions = dash >= 0 ? args.slice(dash + 1) : undefined;
    const { values, positionals } = parseCommandArgs(own, { format: { type: 'string' } }, USAGE);
    if (positionals.length !== 1) throw new UsageError(`expected one SST script\n${USAGE}`);
    const format = oneOf(values.format as string | undefined, ['json', 'dot'] as const, 'json', 'format');
    const file = path.resolve(positionals[0]);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const model = modelSstScript(file, text, modelOptions);
    if (model.syntaxErrors.length) {
      const e = model.syntaxErrors[0];
      throw new UsageError(`${positionals[0]}:${e.span.start.line + 1}:${e.span.start.character + 1}: ${e.message}`);
    }
    const graph = sstGraph(model);
    io.out(format === 'dot' ? toDot(graph) : json(graph));
    return EXIT_OK;
  },
};
