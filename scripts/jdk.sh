# Sourced by run.sh and .ci/run: selects a JDK >= 21 and exports JAVA_HOME and PATH.
# The machine default may be 17; Temurin 25 sits at /usr/lib/jvm/temurin-25-jdk-amd64 on our build machines.
_java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}'; }
_jdk_ok() { [ -x "$1/bin/java" ] && [ "$(_java_major "$1/bin/java")" -ge 21 ] 2>/dev/null; }
if [ -z "${JAVA_HOME:-}" ] || ! _jdk_ok "$JAVA_HOME"; then
  JAVA_HOME=
  if command -v java >/dev/null; then
    _default=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    _jdk_ok "$_default" && JAVA_HOME=$_default
  fi
  if [ -z "$JAVA_HOME" ]; then
    for _candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
      if _jdk_ok "$_candidate"; then JAVA_HOME=$_candidate; break; fi
    done
  fi
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "modelshift needs a JDK 21 or newer; none was found. Install one (e.g. Temurin 21+) and set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
