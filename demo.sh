#!/usr/bin/env bash
# The demo: builds and starts the gateway (embedded MQTT broker, SQLite in .data/demo, web UI and API) with demo
# regions (贵州省 → 贵阳市 → 南明区/云岩区/观山湖区), one user per role and simulated stations; backfills three months of
# history once, then keeps the stations running live. A second run reuses the data (and the same logins).
# Settings (environment): DEMO_DATA (.data/demo), DEMO_HTTP_PORT (5080), DEMO_MQTT_PORT (1883), DEMO_STATIONS (24),
# DEMO_BACKFILL_DAYS (90, 0 = none), DEMO_FIRMWARE (core, falls back to beacon).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
data=${DEMO_DATA:-.data/demo}
http_port=${DEMO_HTTP_PORT:-5080}
mqtt_port=${DEMO_MQTT_PORT:-1883}
stations=${DEMO_STATIONS:-24}
backfill_days=${DEMO_BACKFILL_DAYS:-90}
firmware=${DEMO_FIRMWARE:-core}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$data"
data=$(cd "$data" && pwd)
url="http://127.0.0.1:$http_port"

echo "demo: building the gateway…"
dotnet build gateway/Stations.Gateway/Stations.Gateway.csproj -c Release -v quiet -nologo >"$data/build-gateway.log" 2>&1 \
  || { echo "demo: the gateway does not build; see $data/build-gateway.log" >&2; tail -20 "$data/build-gateway.log" >&2; exit 1; }

gateway_pid=""
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "demo: starting the gateway (data in $data)…"
(cd gateway/Stations.Gateway/bin/Release/net10.0 && exec dotnet Stations.Gateway.dll \
  --urls "$url" \
  --Gateway:Storage:Provider=Sqlite --Gateway:Storage:DataFolder="$data" \
  --Gateway:Broker:ListenAddress=127.0.0.1 --Gateway:Broker:Port="$mqtt_port" \
  --Web:Demo:Enabled=true --Web:Demo:Stations="$stations" \
  --Logging:LogLevel:Default=Warning) >"$data/gateway.log" 2>&1 &
gateway_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS "$url/health/live" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    echo "demo: the gateway stopped while starting; its log ($data/gateway.log) ends with:" >&2
    tail -20 "$data/gateway.log" >&2
    echo "demo: is port $http_port or $mqtt_port taken? Set DEMO_HTTP_PORT / DEMO_MQTT_PORT." >&2
    exit 1
  fi
  sleep 1
done
curl -fsS "$url/health/live" >/dev/null 2>&1 || { echo "demo: the gateway did not answer within 120 s; see $data/gateway.log" >&2; exit 1; }

echo
echo "================================================================"
echo " 工会驿站管理平台 demo is running:  $url"
echo " MQTT broker (embedded):             127.0.0.1:$mqtt_port"
echo " Logins (user role password), also in $data/demo-logins.txt:"
grep -v '^#' "$data/demo-logins.txt" | sed 's/^/   /'
echo "================================================================"
echo

sim=(dotnet firmware/Stations.Simulator/bin/Release/net10.0/Stations.Simulator.dll --broker "127.0.0.1:$mqtt_port" --stations "$stations" --id-prefix sim)
run_sim() { "${sim[@]}" --firmware "$1" "${@:2}"; }

echo "demo: building the simulator…"
if ! dotnet build firmware/Stations.Simulator/Stations.Simulator.csproj -c Release -v quiet -nologo >"$data/build-simulator.log" 2>&1; then
  echo "demo: the simulator does not build yet (see $data/build-simulator.log); the web UI keeps running with the data it has. Ctrl+C to stop."
  wait "$gateway_pid" || true
  exit 0
fi

# Prefer the real station logic; fall back to the connectivity-only stand-in when Core is not wired in this build.
if ! run_sim "$firmware" --duration 00:00:01 >/dev/null 2>&1; then firmware=beacon; fi

if [ "$backfill_days" -gt 0 ] && [ ! -f "$data/backfill.done" ]; then
  from=$(date -u -d "-$backfill_days days" +%Y-%m-%dT00:00:00Z)
  echo "demo: backfilling $backfill_days days of history for $stations stations (firmware $firmware; once only; the UI is usable meanwhile)…"
  # In the background, so Ctrl+C or a TERM reaches the trap at once and stops everything.
  "${sim[@]}" --firmware "$firmware" --backfill-from "$from" --max-backlog 200 &
  sim_pid=$!
  if wait "$sim_pid"; then
    sim_pid=""
    date -u +%FT%TZ >"$data/backfill.done"
  else
    echo "demo: the backfill stopped early; it will be retried on the next run."
  fi
fi

echo "demo: stations now run live (Ctrl+C stops everything). Web UI: $url"
"${sim[@]}" --firmware "$firmware" --acceleration 1 &
sim_pid=$!
wait "$gateway_pid" || true
