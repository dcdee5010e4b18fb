#!/usr/bin/env bash
# Builds the emulator (restore and build progress shown: a cold first build takes a minute or two),
# then runs `mockwebex serve` in the current directory, so ./mockwebex.db lands where you typed it.
# Any arguments go to serve: bash scripts/serve.sh --port 9000 --data /tmp/x.db
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "building MockWebex (Release)..." >&2
dotnet build "$repo/src/MockWebex/MockWebex.csproj" -c Release -v minimal -nologo -clp:NoSummary >&2
exec dotnet "$repo/src/MockWebex/bin/Release/net10.0/mockwebex.dll" serve "$@"
