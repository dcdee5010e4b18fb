#!/usr/bin/env bash
# Packs this clone's `mockwebex` and installs it as a .NET global tool (replacing an earlier install),
# so `mockwebex` is on PATH and each verb starts in well under a second (no build on every call).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "packing mockwebex..." >&2
dotnet pack "$repo/src/MockWebex/MockWebex.csproj" -c Release -o "$out" -v minimal -nologo -clp:NoSummary >&2
dotnet tool uninstall --global MockWebex >/dev/null 2>&1 || true
# --no-cache: a re-pack of the same version must not be served from the NuGet cache.
dotnet tool install --global MockWebex --add-source "$out" --no-cache
case ":$PATH:" in
  *":$HOME/.dotnet/tools:"*) ;;
  *) echo "add the .NET tools folder to PATH:  export PATH=\"\$PATH:\$HOME/.dotnet/tools\"" >&2 ;;
esac
