#!/usr/bin/env bash
# npm start [-- FOLDER] — try the extension with no VS Code installed: installs code-server and chromium (first time
# only), packages the extension, generates the example checkpoint, and serves VS Code on 127.0.0.1 with FOLDER (a gem5
# checkout, say) or, by default, the bundled example workspace.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"
EXAMPLE="$REPO/examples/disaggregated"
WS="$EXAMPLE"
if (($#)); then
  if [ ! -d "$1" ]; then
    echo "npm start: \"$1\" is not a folder. Usage: npm start -- /path/to/folder" >&2
    exit 2
  fi
  WS="$(cd "$1" && pwd)"
fi
step() { printf '\n[%s] %s\n' "$1" "$2" >&2; }

step 1/4 "VS Code (code-server) and chromium — the first time this installs them into ~/.cache (about 5 minutes); later it takes a second"
# setup.sh prints its progress, then the code-server path as its last line: show the progress, keep the path.
CS_BIN="$(bash test/e2e/setup.sh | tee /dev/stderr | tail -1)"
PORT="${PORT:-8080}"
HOME_DIR="${E2E_CACHE:-$HOME/.cache/gem5-sst-e2e}/try"
mkdir -p "$HOME_DIR/user-data/User" "$HOME_DIR/extensions"

step 2/4 "packaging the extension"
node esbuild.mjs --production
npx vsce package --no-dependencies --out "$HOME_DIR/gem5-sst-checkpoints.vsix" >/dev/null

step 3/4 "the example's checkpoint"
npm run --silent example
echo "examples/disaggregated/m5out/take_0 is a gem5-format checkpoint written by this repository's generator (npm run example), with the sizes and layout the example's take task would produce — no gem5 needed." >&2

# Demo profile: no auto-save (a typo in the demo must not be saved into the repository's examples/), no tips.
SETTINGS="$HOME_DIR/user-data/User/settings.json" node -e '
  const fs = require("fs"); const f = process.env.SETTINGS;
  let s = {}; try { s = JSON.parse(fs.readFileSync(f, "utf8")); } catch {}
  Object.assign(s, { "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
    "extensions.autoUpdate": false, "files.autoSave": "off" });
  fs.writeFileSync(f, JSON.stringify(s, null, 2));'
printf 'auth: none\ncert: false\n' > "$HOME_DIR/config.yaml"
COMMON=(--config "$HOME_DIR/config.yaml" --user-data-dir "$HOME_DIR/user-data" --extensions-dir "$HOME_DIR/extensions")
export XDG_DATA_HOME="$HOME_DIR/xdg" XDG_CONFIG_HOME="$HOME_DIR/xdg"
"$CS_BIN" "${COMMON[@]}" --force --install-extension "$HOME_DIR/gem5-sst-checkpoints.vsix" >/dev/null
# Only the bundled example opens without the "Do you trust the authors?" prompt: another folder's scripts are the
# user's to trust (running gem5/SST tasks needs it).
TRUST=()
[ "$WS" = "$EXAMPLE" ] && TRUST=(--disable-workspace-trust)

step 4/4 "starting VS Code"
echo
echo "  gem5 + SST Checkpoints is running in VS Code at:"
echo "    http://127.0.0.1:$PORT/?folder=$WS"
echo "  (open it in a browser on this machine; Ctrl+C stops it)"
echo
exec "$CS_BIN" "${COMMON[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check "${TRUST[@]}" "$WS"
