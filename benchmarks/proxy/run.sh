#!/usr/bin/env bash
# Direct-to-simulator vs through-the-proxy, same machine, same run, with wrk. Bounded: about 2 minutes.
# Usage (from the repository root, after ./mvnw -pl inference-proxy -am verify):
#   benchmarks/proxy/run.sh [results-file]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT="${1:-benchmarks/proxy/results-$(date -u +%Y%m%dT%H%M%SZ).txt}"
SIM_PORT=18000
PROXY_PORT=18100
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
LUA=benchmarks/proxy/chat.lua
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$JAVA" -Xmx512m -jar vllm-simulator/target/vllm-simulator-0.1.0-SNAPSHOT-runner.jar --profile llama-3-70b \
  --zero-latency --model bench-model --max-num-seqs 256 --max-waiting 1024 --port $SIM_PORT \
  > /tmp/bench-sim.log 2>&1 &
pids+=($!)
"$JAVA" -Xmx512m -Dquarkus.http.port=$PROXY_PORT -Dmodelshift.proxy.pods=http://127.0.0.1:$SIM_PORT \
  -Dquarkus.log.level=WARN -jar inference-proxy/target/quarkus-app/quarkus-run.jar > /tmp/bench-proxy.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  if curl -sf localhost:$PROXY_PORT/q/health/ready > /dev/null; then break; fi
  sleep 0.5
done
curl -sf localhost:$PROXY_PORT/q/health/ready > /dev/null || { echo "proxy not ready"; exit 1; }

direct=http://127.0.0.1:$SIM_PORT/v1/chat/completions
proxied=http://127.0.0.1:$PROXY_PORT/v1/chat/completions
run() { # label url delay-ms connections
  echo "### $1 (connections $4, pause ${3} ms)" | tee -a "$OUT"
  WRK_DELAY_MS=$3 wrk -t2 -c"$4" -d"$DURATION" --latency -s $LUA "$2" | tee -a "$OUT"
}
rps() { grep -E '^Requests/sec' "$OUT" | tail -1 | awk '{print $2}'; }

{ echo "# inference-proxy benchmark $(date -u +%FT%TZ)"; echo "host: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)";
  echo "java: $("$JAVA" -version 2>&1 | head -1)"; echo; } | tee "$OUT"

# warm-up (JIT), not recorded
WRK_DELAY_MS=0 wrk -t2 -c"$CONNECTIONS" -d5s -s $LUA "$proxied" > /dev/null
WRK_DELAY_MS=0 wrk -t2 -c"$CONNECTIONS" -d5s -s $LUA "$direct" > /dev/null

run "max throughput, direct" "$direct" 0 "$CONNECTIONS"
run "max throughput, through the proxy" "$proxied" 0 "$CONNECTIONS"
max=$(rps)
# half of the proxy's max: 16 paced connections, each pausing so that 16 / pause = max / 2
pause=$(awk -v m="$max" 'BEGIN { p = 16 * 1000 / (m / 2); printf "%d", (p < 1 ? 1 : p) }')
run "half of proxy max (${max} req/s), direct" "$direct" "$pause" 16
run "half of proxy max (${max} req/s), through the proxy" "$proxied" "$pause" 16
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
