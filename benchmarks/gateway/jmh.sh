#!/usr/bin/env bash
# JMH microbenchmarks of gateway hot-path pieces: the *Benchmark classes in gateway-service's tests (not run by the
# tests themselves). Time per operation and, with the gc profiler, bytes allocated per operation.
#   benchmarks/gateway/jmh.sh                      # all of them
#   benchmarks/gateway/jmh.sh RecordJsonBenchmark  # JMH's own arguments: a pattern, -f, -wi, -i, ...
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# the last module of the reactor writes the file last: gateway-service, with its test scope
./mvnw -B -q -pl gateway-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath"
"$JAVA_HOME/bin/java" -cp "gateway-service/target/test-classes:gateway-service/target/classes:$(cat "$classpath")" \
  org.openjdk.jmh.Main -prof gc "${@:-Benchmark}"
