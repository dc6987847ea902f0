#!/usr/bin/env bash
# The test command of the README's quick start: picks a JDK >= 21, then builds everything and runs every test.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
exec ./mvnw -B verify "$@"
