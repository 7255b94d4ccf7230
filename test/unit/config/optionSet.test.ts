import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PARSER_ASSIGNMENT, parserNames } from '../../../server/src/config/optionSet';
import { gem5Script } from '../../support/generateScripts';

/** The names the regex gives scanning the whole text: what parserNames must give. */
const byRegex = (text: string) => [...new Set([...text.matchAll(PARSER_ASSIGNMENT)].map((m) => m[1]))];

describe('parser names found from the callee names (optionSet.ts parserNames)', () => {
  it('gives the names of the whole-text regex, in order, on hand-picked texts', () => {
    const texts = [
      'parser = argparse.ArgumentParser(description="x")\ng = parser.add_argument_group("a")\nh = g.add_mutually_exclusive_group()',
      'a = b = ArgumentParser(', 'x.y = m.ArgumentParser (', 'p=argparse.ArgumentParser.ArgumentParser(', '1a = ArgumentParser(',
      'éa = ArgumentParser(', 'a = ..ArgumentParser(', 'a = .ArgumentParser(', 'a == ArgumentParser(', 'a =\n  ArgumentParser\n(',
      'a = myArgumentParser(', 'a = x.ArgumentParser', 'q = "ArgumentParser("; r = ArgumentParser(', 'a = ArgumentParser(b = ArgumentParser(',
      'a = b.ArgumentParserArgumentParser(', 'from argparse import ArgumentParser\nap = ArgumentParser()', '', 'ArgumentParser(',
      gem5Script(300),
    ];
    for (const t of texts) assert.deepEqual([...parserNames(t)], byRegex(t), JSON.stringify(t.slice(0, 60)));
  });

  it('gives the names of the whole-text regex on random texts of the pieces such assignments are made of', () => {
    const piece = fc.constantFrom('a', 'p2', '_x', '1', 'é', ' ', '\n', '\t', '=', '==', '.', '..', '(', ')', '"', '#', ',',
      'ArgumentParser', 'add_argument_group', 'add_mutually_exclusive_group', 'argparse.', 'parser', ' = ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual([...parserNames(text)], byRegex(text), JSON.stringify(text));
    }), { numRuns: 3000, seed: 19 });
  });
});
