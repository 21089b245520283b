"""Times process starts: first JSON-RPC answer on stdio, --version, and a bare JVM. Interleaved rounds."""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

rounds, signalbox, signal_cli, java = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
REQUEST = (json.dumps({"jsonrpc": "2.0", "method": "version", "id": 1}) + "\n").encode()


def first_answer(command):
    """Seconds from spawn to the first stdout line; checks it is the version answer."""
    data = tempfile.mkdtemp()
    try:
        start = time.perf_counter()
        p = subprocess.Popen(command + ["--config", data, "jsonRpc"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        p.stdin.write(REQUEST)
        p.stdin.flush()
        line = p.stdout.readline()
        elapsed = time.perf_counter() - start
        p.stdin.close()
        p.wait(timeout=60)
        answer = json.loads(line)
        assert answer.get("id") == 1 and "version" in answer.get("result", {}), line
        return elapsed
    finally:
        shutil.rmtree(data, ignore_errors=True)


def whole_run(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=60)
    return time.perf_counter() - start


cases = {
    "signalbox jsonRpc: first answer": lambda: first_answer([signalbox]),
    "signal-cli 0.13.19 jsonRpc: first answer": lambda: first_answer([signal_cli]),
    "signalbox --version": lambda: whole_run([signalbox, "--version"]),
    "signal-cli 0.13.19 --version": lambda: whole_run([signal_cli, "--version"]),
    "bare JVM (java -version)": lambda: whole_run([java, "-version"]),
}
results = {name: [] for name in cases}
for name, case in cases.items():   # one warm-up each, not counted (disk cache)
    case()
for _ in range(rounds):
    for name, case in cases.items():
        results[name].append(case())

jvm = statistics.median(results["bare JVM (java -version)"])
print(f"Cold start, {rounds} interleaved rounds, {os.cpu_count()} cores, {java}")
print(f"{'case':44} {'median s':>9} {'min s':>7} {'max s':>7} {'x bare JVM':>10}")
for name, values in results.items():
    m = statistics.median(values)
    print(f"{name:44} {m:9.3f} {min(values):7.3f} {max(values):7.3f} {m / jvm:10.1f}")
sb = statistics.median(results["signalbox jsonRpc: first answer"])
sc = statistics.median(results["signal-cli 0.13.19 jsonRpc: first answer"])
print(f"signalbox / signal-cli, first answer: {sb / sc:.2f}")
sbv = statistics.median(results["signalbox --version"])
scv = statistics.median(results["signal-cli 0.13.19 --version"])
print(f"signalbox / signal-cli, --version:    {sbv / scv:.2f}")
