#!/usr/bin/env bash
# Throughput and latency of the vLLM simulator itself, with zero configured latency, so that gateway and proxy
# benchmarks can show the simulator is not their bottleneck. Runs only against 127.0.0.1 and is bounded in time.
#
# usage: benchmarks/simulator/run.sh [duration, default 15s] [connections, default 32]
# needs: wrk (apt-get install -y wrk), the runner jar (./mvnw -B -q -pl vllm-simulator -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15s}"
CONNECTIONS="${2:-32}"
PORT="${SIM_BENCH_PORT:-18431}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR=$(ls vllm-simulator/target/vllm-simulator-*-runner.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "runner jar missing: ./mvnw -B -q -pl vllm-simulator -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

"$JAVA" -Xmx512m -jar "$JAR" --profile llama-3-70b --model sim-model --zero-latency --max-num-seqs 1024 \
    --max-waiting 4096 --host 127.0.0.1 --port "$PORT" --pod-name bench-pod > /tmp/sim-bench-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
echo "== warm-up (5s, not recorded)"
wrk -t1 -c"$CONNECTIONS" -d5s -s benchmarks/simulator/chat.lua "http://127.0.0.1:$PORT/v1/chat/completions" >/dev/null
echo "== non-streaming chat completion, 16 tokens, $CONNECTIONS connections, $DURATION"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/simulator/chat.lua \
    "http://127.0.0.1:$PORT/v1/chat/completions"
echo "== streaming chat completion, 16 token chunks + usage + [DONE], $CONNECTIONS connections, $DURATION"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/simulator/stream.lua \
    "http://127.0.0.1:$PORT/v1/chat/completions"
echo "== GET /metrics, 4 connections, 5s"
wrk -t1 -c4 -d5s --latency "http://127.0.0.1:$PORT/metrics"
