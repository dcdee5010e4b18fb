#!/usr/bin/env bash
# Installs what RealClientsTests runs: Node.js and npm (Debian packages, when missing) and the pinned official
# Webex JS SDK plugins and webex-node-bot-framework from tests/clients/js/package-lock.json (npm ci, so exactly
# the locked versions). Skipped when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/../tests/clients/js"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Installing Debian nodejs and npm (apt)..." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ -f node_modules/.installed-lock.json ] && cmp -s package-lock.json node_modules/.installed-lock.json; then
  exit 0
fi
echo "Installing the pinned JS clients (npm ci, about 1.5 minutes on a fresh machine)..." >&2
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.installed-lock.json
