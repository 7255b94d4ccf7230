#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently (about a second when everything is there):
#   - Debian packages: chromium (the browser), ripgrep (VS Code's search binary, which the npm package would fetch
#     from GitHub), libkrb5-dev (headers for code-server's native kerberos addon);
#   - code-server (a real VS Code: server + web workbench) from npm into a cache directory outside the repository.
# Needs root for apt, and the npm registry.
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"           # VS Code 1.100.3; the newest code-server that runs on Node 20
E2E_CACHE="${E2E_CACHE:-$HOME/.cache/gem5-sst-e2e}"
CS_DIR="$E2E_CACHE/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

need=()
for pkg in chromium ripgrep libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "e2e setup: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if [ ! -f "$CS_DIR/.installed" ]; then
  echo "e2e setup: installing code-server $CS_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall looks for $TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<tag>-<target>.tar.gz
  # before downloading from GitHub; seed it with Debian's rg. Versions pinned by code-server 4.100.3.
  export TMPDIR="$CS_DIR/.tmp"
  mkdir -p "$TMPDIR/rg" "$TMPDIR/vscode-ripgrep-cache-1.15.11"
  cp "$(command -v rg)" "$TMPDIR/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' > "$CS_DIR/package.json"
  # As root, code-server's postinstall needs unsafe_perm; node-pty's runs `npx node-gyp`, which needs yes=true.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$CS_VERSION")
  rm -rf "$TMPDIR"
  XDG_CONFIG_HOME="$CS_DIR/.xdg" XDG_DATA_HOME="$CS_DIR/.xdg" "$CS_BIN" --config "$CS_DIR/.xdg/config.yaml" --version
  touch "$CS_DIR/.installed"
fi
echo "$CS_BIN"
