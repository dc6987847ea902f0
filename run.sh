#!/usr/bin/env bash
# The run command of the README's quick start.
#
# Today it starts one simulated Llama 3 70B vLLM pod (vllm-simulator) on a free port, shows an OpenAI-style chat
# request to it, non-streaming and streaming, and its vLLM metrics, then stops it. As the services land, this
# becomes the full local migration (see the README).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

profile=llama-3-70b
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    -h|--help) echo "usage: ./run.sh [--profile llama-3-70b|llama-2-70b]"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

jar=$(ls vllm-simulator/target/vllm-simulator-*-runner.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ] || [ -n "$(find vllm-simulator/src modelshift-api/src -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  echo "Building vllm-simulator (first run only)..."
  ./mvnw -B -q -pl vllm-simulator -am package -DskipTests
  jar=$(ls vllm-simulator/target/vllm-simulator-*-runner.jar | head -1)
fi

run_dir="runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run_dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 8000)
java -jar "$jar" --profile "$profile" --port "$port" >"$run_dir/simulator.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT INT TERM

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "the simulator did not start; see $run_dir/simulator.log" >&2; exit 1; }
  sleep 0.1
done
model=$(curl -fs "$base/v1/models" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
echo "Simulated vLLM pod ($profile) serving '$model' at $base (log: $run_dir/simulator.log)"
echo
echo "POST $base/v1/chat/completions"
body=$(printf '{"model":"%s","messages":[{"role":"user","content":"Explain canary releases in one sentence."}],"max_tokens":48}' "$model")
echo "$body"
echo "->"
curl -fsS "$base/v1/chat/completions" -H 'content-type: application/json' -d "$body"
echo; echo
echo "Streaming the same request (stream_options.include_usage=true):"
curl -fsSN "$base/v1/chat/completions" -H 'content-type: application/json' \
  -d "${body%\}},\"stream\":true,\"stream_options\":{\"include_usage\":true}}" | python3 -c '
import json, sys, time
start, first, text, frames = time.time(), None, [], 0
for line in sys.stdin:
    if not line.startswith("data: "):
        continue
    frames += 1
    data = line[6:].strip()
    if frames <= 2 or data == "[DONE]" or "\"usage\":{" in data:
        print("  " + data[:160] + ("..." if len(data) > 160 else ""))
    elif frames == 3:
        print("  ...")
    if data == "[DONE]":
        continue
    chunk = json.loads(data)
    for choice in chunk.get("choices", []):
        if choice.get("delta", {}).get("content"):
            first = first or time.time()
            text.append(choice["delta"]["content"])
print("%d SSE frames; first token after %.0f ms, stream done after %.0f ms; text: %s" % (
    frames, ((first or start) - start) * 1000, (time.time() - start) * 1000, "".join(text)))
'
echo
echo "vLLM metrics after the two requests:"
curl -fs "$base/metrics" | grep -E '^vllm:(num_requests_running|num_requests_waiting|kv_cache_usage_perc|prompt_tokens_total|generation_tokens_total|request_success_total)' || true
