#!/usr/bin/env bash
# Builds Release and prints the benchmark table (every figure beside a baseline from the same run).
# An argument (soak, api, fanout, lane, latency, hops, coldstart, scaling, memory) runs one section only.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project tests/MockWebex.Benchmarks/MockWebex.Benchmarks.csproj -- "$@"
