#!/usr/bin/env bash
# Messaging benchmark: end-to-end messages/s and p50/p99 latency through two daemon processes and a server
# process, beside libsignal's own cost per message (JMH), in one run. Loopback only; stops by itself.
# Usage: benchmarks/messaging.sh [MESSAGES [WINDOW]]   (defaults 2000 16). Report: target/bench/messaging.txt
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
# shellcheck source=../distribution/src/template/bin/find-jdk.sh
. distribution/src/template/bin/find-jdk.sh
signalbox_find_jdk
export MAVEN_OPTS="$SIGNALBOX_JDK_OPTS ${MAVEN_OPTS:-}"
if [ ! -x distribution/target/signalbox-minimal/bin/signalbox ] || [ ! -f benchmarks/messaging/target/classpath.txt ]; then
  mvn -B -q install -DskipTests -Dsignalbox.skipConformance=true
fi
cp="benchmarks/messaging/target/classes:$(cat benchmarks/messaging/target/classpath.txt)"
exec "$JAVA_HOME/bin/java" $SIGNALBOX_JDK_OPTS --enable-native-access=ALL-UNNAMED -cp "$cp" \
  org.signalbox.benchmarks.MessagingBenchmark distribution/target "$@"
