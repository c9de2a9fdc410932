#!/usr/bin/env bash
# Demo: builds and starts the gateway with embedded broker, SQLite and simulated stations.
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project firmware/Stations.Simulator -c Release -- "$@"
