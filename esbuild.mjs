// Builds every bundle of the product into out/ (ignored by git).
//   node esbuild.mjs              one development build
//   node esbuild.mjs --production minified, no source maps (used by `npm run package`)
//   node esbuild.mjs --watch      rebuild on change
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Prefer ES module builds: some dependencies (jsonc-parser) ship a UMD `main` that esbuild cannot follow.
  mainFields: ['module', 'main'],
};

const CLI_COMMANDS = ['inspect', 'read', 'verify', 'check', 'graph', 'retarget', 'replaceRemote', 'lsp'];

/**
 * The CLI loads only what a command needs: main.ts imports commands/<name> dynamically, and those imports (and
 * every import of cli/common, whose UsageError must be one class for all commands) stay separate files at run time.
 */
const cliSplit = {
  name: 'cli-split',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(commands\/[\w-]+|common)$/ }, (args) => {
      if (!args.importer.includes('/server/src/cli/')) return undefined;
      if (args.kind === 'entry-point') return undefined;
      return { path: `${args.path}.js`, external: true };
    });
  },
};

/** Every bundle: one entry each, so each side loads only what it needs. */
const builds = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'out/client/extension.js', external: ['vscode'] },
  // The server: serverMain.js, started by server.js through a V8 code cache (server/src/lsp/codeCache.ts).
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'out/server/serverMain.js' },
  { ...node, entryPoints: ['server/src/lsp/serverEntry.ts'], outfile: 'out/server/server.js' },
  // The seek-index build, run in a worker thread by the explorer and `gem5-ckpt read --index` (seekIndexBuildWorker.ts).
  { ...node, entryPoints: ['server/src/checkpoint/seekIndexWorker.ts'], outfile: 'out/worker/seekIndexWorker.js' },
  {
    ...node,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'out/cli/gem5-ckpt.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [cliSplit],
  },
  // One bundle per command (out/cli/commands/<name>.js) plus the shared contract (out/cli/common.js).
  {
    ...node,
    entryPoints: [...CLI_COMMANDS.map((c) => `server/src/cli/commands/${c}.ts`), 'server/src/cli/common.ts'],
    outdir: 'out/cli',
    outbase: 'server/src/cli',
    plugins: [cliSplit],
  },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // The explorer (main) and the Restore plan (restorePlan), each with its stylesheet.
    entryPoints: { main: 'webview/src/main.ts', restorePlan: 'webview/src/restorePlanMain.ts' },
    outdir: 'out/webview',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching client, server, cli and webview');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
