#!/usr/bin/env bash
# Runs every test: installs Chromium and the pinned JS clients if missing, then `dotnet test` on the solution.
# Ends with one line "N passed, N failed" summed over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-chromium.sh || { echo "chromium install failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-js-clients.sh || { echo "JS clients install failed"; echo "0 passed, 1 failed"; exit 1; }
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log=$(mktemp)
dotnet test MockWebex.sln -c "${CONFIGURATION:-Debug}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet prints one summary per assembly: "Passed!  - Failed: 0, Passed: 67, Skipped: 0, ..."
read -r passed failed < <(grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log" \
  | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $status (build or run failure)"; fi
echo "$passed passed, $failed failed"
exit "$status"
