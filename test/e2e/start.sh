#!/usr/bin/env bash
# npm start — try the extension with no VS Code installed: installs code-server (first time only), packages the
# extension, generates the example checkpoint, and serves VS Code with the example workspace on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
CS_BIN="$(bash test/e2e/setup.sh | tail -1)"
PORT="${PORT:-8080}"
HOME_DIR="${E2E_CACHE:-$HOME/.cache/gem5-sst-e2e}/try"
mkdir -p "$HOME_DIR/user-data/User" "$HOME_DIR/extensions"
node esbuild.mjs --production
npx vsce package --no-dependencies --out "$HOME_DIR/gem5-sst-checkpoints.vsix" >/dev/null
npm run --silent example
[ -f "$HOME_DIR/user-data/User/settings.json" ] || cat > "$HOME_DIR/user-data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoUpdate": false }
JSON
printf 'auth: none\ncert: false\n' > "$HOME_DIR/config.yaml"
COMMON=(--config "$HOME_DIR/config.yaml" --user-data-dir "$HOME_DIR/user-data" --extensions-dir "$HOME_DIR/extensions")
export XDG_DATA_HOME="$HOME_DIR/xdg" XDG_CONFIG_HOME="$HOME_DIR/xdg"
"$CS_BIN" "${COMMON[@]}" --force --install-extension "$HOME_DIR/gem5-sst-checkpoints.vsix" >/dev/null
WS="$PWD/examples/disaggregated"
echo
echo "  gem5 + SST Checkpoints is running in VS Code at:"
echo "    http://127.0.0.1:$PORT/?folder=$WS"
echo "  (open it in a browser on this machine; Ctrl+C stops it)"
echo
exec "$CS_BIN" "${COMMON[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check "$WS"
