#!/usr/bin/env bash
# Load test of a running cost-service on 127.0.0.1 (bounded: 15 s per endpoint). Usage: run.sh [port]
set -euo pipefail
port=${1:-8300}
here=$(cd "$(dirname "$0")" && pwd)
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## POST /v1/usage (100 records per request)"
wrk -t2 -c8 -d15s --latency -s "$here/ingest.lua" "http://127.0.0.1:$port"
echo "## POST /v1/tco/scenarios (case study)"
wrk -t2 -c8 -d15s --latency -s "$here/scenario.lua" "http://127.0.0.1:$port/v1/tco/scenarios"
echo "## GET /v1/chargeback?month=2026-11 (over the ledger filled above)"
wrk -t2 -c4 -d15s --latency "http://127.0.0.1:$port/v1/chargeback?month=2026-11&groupBy=tenant"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
