#!/usr/bin/env bash
# Throughput of evaluation-service: GSM8K items per second (concurrency 64, zero-latency simulated pod) and HumanEval
# sandbox executions per second. Starts a private PostgreSQL, one vllm-simulator and the service on 127.0.0.1, runs the
# benchmark runs through the public API, stops everything it started, and prints a results table.
# Needs: the packaged jars (./mvnw -B -q -pl evaluation-service -am package -DskipTests), PostgreSQL server binaries
# (Debian postgresql-15), bubblewrap, curl, python3 (for reading JSON), and the real datasets (MODELSHIFT_DATASETS).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
DATASETS="${MODELSHIFT_DATASETS:-$(cd ../shared/datasets 2>/dev/null && pwd || true)}"
[ -d "$DATASETS/gsm8k" ] || { echo "set MODELSHIFT_DATASETS to the datasets folder" >&2; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SIM_JAR=$(ls vllm-simulator/target/vllm-simulator-*-runner.jar)
APP=evaluation-service/target/quarkus-app/quarkus-run.jar
PG_PORT=55439; SIM_PORT=18009; APP_PORT=18209; CONST_PORT=18019
# ONLY=gsm8k runs just the GSM8K rows; SIM_OPTS / APP_OPTS add JVM options (e.g. -XX:StartFlightRecording=...)
ONLY="${ONLY:-all}"; SIM_OPTS="${SIM_OPTS:-}"; APP_OPTS="${APP_OPTS:-}"
WORK=$(mktemp -d /tmp/eval-bench.XXXXXX); chmod 755 "$WORK"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/pg/postmaster.pid" ] && su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# private PostgreSQL cluster (initdb refuses root: run it as postgres)
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -U bench --auth=trust" >/dev/null
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -l $WORK/pg/log -o '-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1' start" >/dev/null
sleep 2
su postgres -s /bin/sh -c "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U bench eval"

"$JAVA" $SIM_OPTS -jar "$SIM_JAR" --profile llama-3-70b --port $SIM_PORT --model sim --zero-latency --datasets "$DATASETS" \
  > "$WORK/sim.log" 2>&1 & pids+=($!)
"$JAVA" benchmarks/evaluation/ConstantTarget.java $CONST_PORT > "$WORK/const.log" 2>&1 & pids+=($!)
EVAL_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/eval" EVAL_DB_USER=bench EVAL_DB_PASSWORD=x \
MODELSHIFT_DATASETS="$DATASETS" "$JAVA" $APP_OPTS -Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN -jar "$APP" \
  > "$WORK/app.log" 2>&1 & pids+=($!)
SIM_PID=${pids[0]}; CONST_PID=${pids[1]}; APP_PID=${pids[2]}
PG_PID=$(head -1 "$WORK/pg/postmaster.pid")
for i in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null && curl -sf "http://127.0.0.1:$SIM_PORT/health" >/dev/null && break
  sleep 1
done
curl -sf -XPOST "http://127.0.0.1:$SIM_PORT/admin/config" -d '{"accuracy":{"gsm8k":0.8,"humaneval":0.7}}' >/dev/null

run() { # body -> prints the finished run's JSON
  local id
  id=$(curl -sf -XPOST "http://127.0.0.1:$APP_PORT/v1/evaluations" -H 'content-type: application/json' -d "$1" \
       | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for i in $(seq 1 600); do
    local body; body=$(curl -sf "http://127.0.0.1:$APP_PORT/v1/evaluations/$id")
    case $(echo "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])') in
      succeeded|failed|cancelled) echo "$body"; return;;
    esac
    sleep 0.5
  done
}
ticks() { # pid -> CPU clock ticks used by the process and its live children (PostgreSQL backends)
  local total=0 p
  for p in $1 $(ps -o pid= --ppid "$1"); do
    [ -r /proc/$p/stat ] && total=$((total + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo $total
}
cpu_mark() { MARK=("$(ticks $APP_PID)" "$(ticks $1)" "$(ticks $PG_PID)"); }
cpu_since() { # target pid -> "app/target/postgres" CPU ms per 1,000 items ($2 = items)
  local hz; hz=$(getconf CLK_TCK)
  python3 -c 'import sys; h,n=float(sys.argv[1]),float(sys.argv[2]); d=[(int(a)-int(b))*1000.0/h for a,b in zip(sys.argv[3:6],sys.argv[6:9])]
print("%.0f / %.0f / %.0f" % tuple(x*1000.0/n for x in d))' "$hz" "$2" "$(ticks $APP_PID)" "$(ticks $1)" "$(ticks $PG_PID)" "${MARK[@]}"
}
summary() { # label, run JSON, target pid
  local n; n=$(echo "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["progress"]["done"] or 1)')
  local cpu; cpu=$(cpu_since "$3" "$n")
  echo "$2" | python3 -c '
import json, sys
from datetime import datetime
r = json.load(sys.stdin)
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
wall = (t(r["finished_at"]) - t(r["started_at"])).total_seconds()
p = r["progress"]
print("| %s | %s | %d | %d | %.2f | %.0f | %.3f | %.1f | %s |" % (sys.argv[1], r["status"], p["done"], p["errors"], wall,
      p["done"] / wall, r["scores"]["accuracy"], p["mean_latency_ms"], sys.argv[2]))' "$1" "$cpu"
}
S="http://127.0.0.1:$SIM_PORT"
# the target's own ceiling for the same request shape, measured with wrk (64 connections, 10 s)
python3 - "$DATASETS" > "$WORK/wrk.lua" <<'PY'
import json, sys
q = json.loads(open(sys.argv[1] + "/gsm8k/test.jsonl").readline())["question"]
body = json.dumps({"model": "sim", "messages": [{"role": "user", "content": "Question: " + q + "\nAnswer:"}],
                   "max_tokens": 256, "temperature": 0, "stop": ["Question:", "</s>", "<|im_end|>"]})
print('wrk.method="POST"\nwrk.headers["content-type"]="application/json"\nwrk.body=%s' % json.dumps(body))
PY
if command -v wrk >/dev/null; then
  echo "simulator alone (wrk -t2 -c64 -d10s, one GSM8K chat request): $(wrk -t2 -c64 -d10s -s "$WORK/wrk.lua" "$S/v1/chat/completions" | awk '/Requests\/sec/ {print $2}') requests/s"
  echo
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | status | items | errors | wall s | items/s | accuracy | mean latency ms | CPU ms per 1k items: service / target / postgres |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
cpu_mark $SIM_PID; summary "gsm8k warm-up, 1319 items, concurrency 64" "$(run "{\"target\":\"$S\",\"model\":\"sim\",\"benchmark\":\"gsm8k\",\"concurrency\":64}")" $SIM_PID
for k in 1 2 3; do
  cpu_mark $SIM_PID; summary "gsm8k 1319 items, concurrency 64 (#$k)" "$(run "{\"target\":\"$S\",\"model\":\"sim\",\"benchmark\":\"gsm8k\",\"concurrency\":64,\"seed\":$k}")" $SIM_PID
done
if [ "$ONLY" = all ]; then
cpu_mark $SIM_PID; summary "mmlu 5-shot 2000 items, concurrency 64" "$(run "{\"target\":\"$S\",\"model\":\"sim\",\"benchmark\":\"mmlu\",\"shots\":5,\"sample_size\":2000,\"concurrency\":64}")" $SIM_PID
cpu_mark $SIM_PID; summary "humaneval 164 x 5 samples (sandbox executions), concurrency 16" "$(run "{\"target\":\"$S\",\"model\":\"sim\",\"benchmark\":\"humaneval\",\"samples\":5,\"temperature\":0.8,\"concurrency\":16,\"mode\":\"completions\"}")" $SIM_PID
fi

# the service's own ceiling: the same GSM8K runs against a target that answers instantly with a constant
C="http://127.0.0.1:$CONST_PORT"
echo
if command -v wrk >/dev/null; then
  echo "constant target alone (wrk -t2 -c64 -d10s): $(wrk -t2 -c64 -d10s -s "$WORK/wrk.lua" "$C/v1/chat/completions" | awk '/Requests\/sec/ {print $2}') requests/s"
  echo
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | status | items | errors | wall s | items/s | accuracy | mean latency ms | CPU ms per 1k items: service / target / postgres |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
for k in 1 2 3; do
  cpu_mark $CONST_PID; summary "gsm8k 1319 items, concurrency 64, constant target (#$k)" "$(run "{\"target\":\"$C\",\"model\":\"const\",\"benchmark\":\"gsm8k\",\"concurrency\":64,\"seed\":$k}")" $CONST_PID
done
