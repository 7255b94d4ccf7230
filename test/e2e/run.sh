#!/usr/bin/env bash
# npm run test:e2e — the extension in a real VS Code (code-server) driven by chromium. Installs what it needs on
# first use (test/e2e/setup.sh), packages the extension, then runs each test file against its own code-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/setup.sh >/dev/null
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-$PWD/.e2e-artifacts}"
mkdir -p "$E2E_ARTIFACTS"
npm run --silent build
node esbuild.mjs --production
npx vsce package --no-dependencies --out "$E2E_ARTIFACTS/gem5-sst-checkpoints.vsix" >/dev/null
npm run --silent build   # back to the development build (source maps) for the in-host tests
export E2E_VSIX="$E2E_ARTIFACTS/gem5-sst-checkpoints.vsix"
FILES=("$@")
((${#FILES[@]})) || FILES=(test/e2e/host.test.ts test/e2e/ui.test.ts test/e2e/corpus.test.ts test/e2e/retarget.test.ts test/e2e/restorePlan.test.ts)
node --import=tsx --test --test-concurrency=1 --test-reporter=spec "${FILES[@]}"
