#!/usr/bin/env bash
# The run command of the README's quick start: the whole Llama 2 70B -> Llama 3 70B migration on this machine.
#
# Builds what is needed (first run, or after a source change), then starts the local stack as separate processes
# (embedded PostgreSQL, 2 simulated vLLM pods and an inference-proxy per model, the evaluation, cost and gateway
# services), benchmarks both models, rolls the route out (mirror, 50, 70, 90, 100%) under synthetic OpenAI-SDK
# traffic, and writes the migration report (HTML, Markdown, JSON) into runs/<timestamp>/. Everything is stopped at
# the end, on Ctrl-C and on failure. ./run.sh --help lists the options (--quick, --scenario bad-canary, ...).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

jar=$(ls local-stack/target/local-stack-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
stale=
if [ -n "$jar" ]; then
  for m in modelshift-api vllm-simulator inference-proxy gateway-service evaluation-service cost-service local-stack; do
    [ -d "$m/src" ] || continue
    if [ -n "$(find "$m/src" "$m/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then stale=$m; break; fi
  done
fi
if [ -z "$jar" ] || [ -n "$stale" ]; then
  echo "Building the services and the launcher${stale:+ ($stale changed)}; the first build takes a few minutes..."
  ./mvnw -B -q -pl local-stack -am package -DskipTests
  jar=$(ls local-stack/target/local-stack-*.jar | grep -v -- '-sources' | head -1)
  touch "$jar"
fi

if [ -z "${MODELSHIFT_DATASETS:-}" ] && [ -d ../shared/datasets ]; then
  export MODELSHIFT_DATASETS="$(cd ../shared/datasets && pwd)"
fi
export MODELSHIFT_REPO="$PWD"
exec java -cp "$jar:$(dirname "$jar")/lib/*" io.modelshift.localstack.LocalStackMain "$@"
