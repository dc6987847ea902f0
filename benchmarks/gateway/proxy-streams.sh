#!/usr/bin/env bash
# Runs `bench.sh streams` with PROTOCOL=h2c-proxy and, beside it, samples the two inference-proxies (heap, RSS, fds,
# connections to their pod, the proxy's own counters) every 5 s; the samples are appended to the streams result.
# Usage: benchmarks/gateway/proxy-streams.sh <name>   -> results/streams-h2c-proxy-<name>.txt  (run it under the
# CPU lock; STREAMS, PROXY_OPTS and OUT pass through to bench.sh)
set -euo pipefail
cd "$(dirname "$0")"
NAME=${1:?usage: proxy-streams.sh <name>}
OUT=${OUT:-$PWD/results}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SAMPLES=$(mktemp /tmp/proxy-samples.XXXXXX)
# failed attempts, health changes and probe failures are logged at DEBUG/INFO: keep them (a few lines per incident)
export PROXY_OPTS=${PROXY_OPTS:-'-Dquarkus.log.category."io.modelshift.proxy".level=DEBUG'}

proxy_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

sample() { # port pod-port
  local pid; pid=$(proxy_pid "$1") || true
  [ -n "$pid" ] || return 0
  local m; m=$(curl -s -m 2 127.0.0.1:$1/q/metrics || true)
  # jstat -gc: S0U S1U EU OU are columns 3, 4, 6, 8 (KB)
  echo "proxy :$1 heap used $(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 {printf "%.0f MB (old gen %.0f MB) of 512 MB", ($3+$4+$6+$8)/1024, $8/1024}') rss=$(awk '/VmRSS/{print $2$3}' /proc/$pid/status) fds=$(ls /proc/$pid/fd | wc -l) pod-conns=$(ss -tnpH state established "( dport = :$2 )" | grep -c "pid=$pid,")"
  # the proxy's counters, short: name{outcome or reason}=value, zeros left out
  echo "  $(grep -E '^modelshift_proxy_(requests_total|shed_total|retries_total|ejections_total|pod_in_flight|pod_metrics_age_seconds|pod_kv_cache_usage|pod_running)' <<< "$m" \
    | sed -E 's/^modelshift_proxy_//; s/,?pod="[^"]*"//; s/\{\}//' | awk '$2 != "0.0" {printf "%s=%s ", $1, $2}')"
}

( while sleep 5; do
    { echo "t=$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) | $(ss -s | sed -n 2p)"; sample 18201 18101; sample 18202 18102; } >> "$SAMPLES"
  done ) &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true; rm -f "$SAMPLES"' EXIT

listen_drops() { nstat -asz TcpExtListenOverflows TcpExtListenDrops TcpExtTCPReqQFullDoCookies | awk 'NR>1 {printf "%s=%s ", $1, $2}'; }
BEFORE=$(listen_drops)
env PROTOCOL=h2c-proxy OUT="$OUT" ./bench.sh streams
AFTER=$(listen_drops)
kill $SAMPLER 2>/dev/null || true
RESULT=$OUT/streams-h2c-proxy-$NAME.txt
mv "$OUT/streams-h2c-proxy.txt" "$RESULT"
{ echo "# kernel accept-queue counters (all listeners on the machine) before: $BEFORE"
  echo "#                                                        after:  $AFTER"
  echo "# inference-proxies every 5 s (PROXY_OPTS=${PROXY_OPTS:-})"; cat "$SAMPLES"; } >> "$RESULT"
for port in 18201 18202; do
  log=/tmp/msbench/proxy-$port.log
  [ -f $log ] || continue
  { echo "# proxy :$port log: $(wc -l < $log) lines; failed attempts and broken streams by cause:"
    { grep -oE '(attempt on|stream from) [^ ]+ (failed|broke): [^:]*' $log || true; } | sed -E 's/^(attempt on|stream from) [^ ]+ //' | sort | uniq -c | sort -rn | head
    echo "# warnings, errors and health changes (first 20):"; { grep -E ' (WARN|ERROR) |health: |re-admitted|probe failed' $log || true; } | cut -c1-300 | head -20; } >> "$RESULT"
done
echo "recorded $RESULT"
