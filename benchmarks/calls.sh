#!/usr/bin/env bash
# Calls with fake tunnels on one daemon: set-up time from startCall to both sides CONNECTED (p50/p99), beside a
# message delivery and a bare tunnel start measured in the same run; SETUPS times a connected caller's tunnel
# SIGKILLed, to each side's ENDED; then CONCURRENT calls between account pairs
# at once, with the daemon's threads, file descriptors, RSS and children before, during and after.
# Usage: benchmarks/calls.sh [SETUPS] [CONCURRENT]   (default 30 50). Report: target/bench/calls.txt
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/distribution/src/template/bin/find-jdk.sh"
signalbox_find_jdk
bench="$root/target/bench"
mkdir -p "$bench"
"$root/signalbox" --version >/dev/null   # builds the full distribution if needed
python3 "$root/benchmarks/calls.py" "${1:-30}" "${2:-50}" \
  "$root/distribution/target/signalbox-full/bin/signalbox" \
  "$root/conformance/tunnel/fake-call-tunnel" "$JAVA_HOME/bin/jcmd" | tee "$bench/calls.txt"
