// out/server/server.js, what editors start: the language server bundle (serverMain.js, from main.ts) run through a
// V8 code cache (codeCache.ts), so the first diagnostics do not wait for the bundle's functions to compile.
// GEM5SST_CODE_CACHE=off runs it without one; GEM5SST_CODE_CACHE_DIR says where caches are kept.
import { join } from 'node:path';
import { loadWithCodeCache } from './codeCache';

const bundle = join(__dirname, 'serverMain.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.env.GEM5SST_CODE_CACHE === 'off') require(bundle);
else loadWithCodeCache(bundle, { cacheDir: process.env.GEM5SST_CODE_CACHE_DIR || undefined });
