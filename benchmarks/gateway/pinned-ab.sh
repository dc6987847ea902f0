#!/usr/bin/env bash
# A/B(/C) of gateway builds or settings at the tail, each gateway alone with the others on CPU 1 (generator, nginx
# backends and record sink on CPU 0), as phase `pinned` of bench.sh does for one gateway. Rounds alternate A, B, C.
#   A_JAR/B_JAR/C_JAR  gateway quarkus-run.jar (default: this tree's build); C is optional (C_NAME empty: no C)
#   A_OPTS/B_OPTS/C_OPTS  JVM options, e.g. "-XX:+UseZGC" or "-Dmodelshift.gateway.records.sinks=" (records off)
#   A_NAME/B_NAME/C_NAME, RATES (default "6500 13000"), ROUNDS (3), DURATION (10 s), SAVE file (stdout only if unset)
#   WARMUP (60 s): wrk at each gateway's maximum before the rounds. On one core the JIT shares the core with the
#   event loops: after 12 s a gateway had served 32k requests and its first round still showed p99s of 0.7-2.8 s,
#   records on or off, so shorter warm-ups measure the compiler, not the gateway
# Each gateway is bench.sh's start_gateway: records go to the sink (:18003) unless the options override
# modelshift.gateway.records.sinks.
set -euo pipefail
cd "$(dirname "$0")"
source <(sed -n "1,/^for phase in/p" bench.sh | sed "\$d" | sed "s|^cd .*|cd $PWD|")
set +e
start_backends
targets=() gateways=()
for x in A:18090 B:18091 C:18092; do
  IFS=: read k port <<< "$x"; name_var=${k}_NAME; jar_var=${k}_JAR; opts_var=${k}_OPTS
  name=${!name_var-$k}; [ -z "$name" ] && continue
  GATEWAY_PORT=$port GATEWAY_JAR=${!jar_var:-} GATEWAY_OPTS=${!opts_var:-} start_gateway
  gateways+=($GATEWAY); targets+=("$name:$port")
done
pin_to 0 $NGINX_B $(pgrep -f nginx-sink.conf | head -1); pin_to 1 "${gateways[@]}"
for t in "${targets[@]}"; do BENCH_BODY=request.json taskset -c 0 wrk -t1 -c$CONNS -d${WARMUP:-60}s -s post.lua http://127.0.0.1:${t#*:}/v1/chat/completions > /dev/null; done
{
  echo "# pinned-ab.sh [$(date -u +%FT%TZ)]: A=${A_NAME-A} (${A_JAR:-this tree} ${A_OPTS:-}) B=${B_NAME-B} (${B_JAR:-this tree} ${B_OPTS:-}) C=${C_NAME-C} (${C_JAR:-this tree} ${C_OPTS:-}); gateways on CPU 1, the rest on CPU 0; openloop -c $CONNS, ${DURATION}s per run after ${WARMUP:-60}s of wrk"
  for rate in ${RATES:-6500 13000}; do
    for round in $(seq 1 ${ROUNDS:-3}); do
      for t in "${targets[@]}"; do
        echo "== $rate ${t%:*}: $(taskset -c 0 $WORK/openloop -c $CONNS http://127.0.0.1:${t#*:}/v1/chat/completions request.json sk-bench $rate $DURATION | grep -E '^rate=' | grep -oE 'p50=[^ ]+ p90=[^ ]+ p99=[^ ]+ p99.9=[^ ]+')"
      done
    done
  done
  for t in "${targets[@]}"; do echo "records ${t%:*}: $(curl -s 127.0.0.1:${t#*:}/q/metrics | grep -E '^modelshift_gateway_records_(sent|dropped)' | tr '\n' ' ')"; done
} | tee ${SAVE:-/dev/null}
cleanup
