#!/usr/bin/env bash
# Installs what the tests need (only what is missing), then runs every test in Stations.Host.slnf
# and ends with the runner's summary: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto mosquitto-clients)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
# The PDF reports draw Latin letters and digits with DejaVu Sans (the CJK fallback font has none).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "test.sh: run as root (or install: apt-get install -y ${need[*]})" >&2; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "test.sh: apt-get install failed" >&2; exit 2; }
fi
# Playwright drives the system Chromium (no browser download); see tests/Stations.Web.Tests.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=.test-results
rm -rf "$results"; mkdir -p "$results"
dotnet test Stations.Host.slnf -c Release --logger "console;verbosity=minimal" --results-directory "$results" "$@" 2>&1 | tee "$results/test.log"
rc=${PIPESTATUS[0]}

# One closing line for the whole suite, summed over every test project's "Passed!/Failed!" line.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } ; n++ }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (n == 0) exit 1 }' "$results/test.log" || { echo "test.sh: no test project reported results" >&2; rc=1; }
exit $rc
