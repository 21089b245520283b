"""Drives calls between accounts of one jsonRpc daemon with the fake tunnel; see calls.sh."""
import json, os, queue, shutil, signal, subprocess, sys, tempfile, threading, time

setups, concurrent, signalbox, fake, jcmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]


class Daemon:
    def __init__(self, data, tunnels):
        env = dict(os.environ, SIGNAL_CALL_TUNNEL_BIN=fake, FAKE_TUNNEL_LOG=tunnels)
        self.p = subprocess.Popen([signalbox, "--config", data, "jsonRpc"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        self.answers, self.events, self.lock, self.next_id = {}, queue.Queue(), threading.Lock(), 0
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.p.stdout:
            m = json.loads(line)
            if "id" in m:
                self.answers[m["id"]].put(m)
            else:
                self.events.put((time.perf_counter(), m))

    def request(self, method, params=None):
        with self.lock:
            self.next_id += 1
            i = self.next_id
            self.answers[i] = queue.Queue()
            self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": method, "params": params or {}, "id": i}) + "\n")
            self.p.stdin.flush()
        return self.answers[i]

    def call(self, method, params=None):
        m = self.request(method, params).get(timeout=120)
        if "error" in m:
            raise RuntimeError(method + ": " + json.dumps(m["error"]))
        return m["result"]

    def wait(self, predicate, kind="callEvent", timeout=120):
        """The next notification of this kind matching predicate (a callEvent's result, a receive's params)."""
        deadline = time.perf_counter() + timeout
        while True:
            at, m = self.events.get(timeout=max(0.01, deadline - time.perf_counter()))
            if m.get("method") != kind:
                continue
            body = m["params"]["result"] if kind == "callEvent" else m["params"]
            if predicate(body):
                return at, body


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def resources(pid):
    status = open("/proc/%d/status" % pid).read()
    rss = int([l for l in status.splitlines() if l.startswith("VmRSS")][0].split()[1]) // 1024
    fds = len(os.listdir("/proc/%d/fd" % pid))
    dump = tempfile.mktemp(suffix=".json")
    subprocess.run([jcmd, str(pid), "Thread.dump_to_file", "-format=json", dump], check=True,
                   stdout=subprocess.DEVNULL)
    doc = json.load(open(dump))
    os.unlink(dump)
    threads = sum(len(c.get("threads", [])) for c in doc["threadDump"]["threadContainers"])
    platform = int([l for l in status.splitlines() if l.startswith("Threads")][0].split()[1])
    children = len(subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split())
    return "threads %4d (platform %3d)  fds %4d  rss %5d MiB  tunnels %3d" % (threads, platform, fds, rss, children)


def tunnel_start():
    """A bare fake tunnel: spawn, config line, ready."""
    start = time.perf_counter()
    p = subprocess.Popen([fake], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    p.stdin.write('{"call_id":1,"is_outgoing":true,"local_device_id":1}\n')
    p.stdin.flush()
    p.stdout.readline()
    elapsed = time.perf_counter() - start
    p.stdin.close()
    p.wait()
    return elapsed


def caller_tunnel(log, known):
    """The pid of the outgoing tunnel among those spawned since known (a set of spawn numbers, updated)."""
    pid = None
    for name in os.listdir(log):
        if name.endswith(".pid") and int(name[:-4]) not in known:
            n = int(name[:-4])
            known.add(n)
            with open(os.path.join(log, "%d.in" % n)) as f:
                if json.loads(f.readline())["is_outgoing"]:
                    pid = int(open(os.path.join(log, name)).read())
    return pid


def main():
    work = tempfile.mkdtemp()
    try:
        d = Daemon(os.path.join(work, "data"), os.path.join(work, "tunnels"))
        os.makedirs(os.path.join(work, "tunnels"))
        numbers = ["+1555%07d" % (1000 + i) for i in range(2 * concurrent)]
        for n in numbers:
            d.call("register", {"account": n})
            d.call("verify", {"account": n, "verificationCode": "123456"})
        d.call("subscribeCallEvents")
        a, b = numbers[0], numbers[1]

        deliveries = []
        for i in range(setups):
            start = time.perf_counter()
            d.call("send", {"account": a, "recipient": b, "message": "m%d" % i})
            at, _ = d.wait(lambda p: p.get("account") == b and "dataMessage" in p.get("envelope", {}), "receive")
            deliveries.append(at - start)
        starts = [tunnel_start() for _ in range(setups)]

        setup_times = []
        for _ in range(setups):
            start = time.perf_counter()
            call = d.call("startCall", {"account": a, "recipient": b})["callId"]
            _, r = d.wait(lambda e: e["state"] == "RINGING_INCOMING" and e["account"] == b)
            d.call("acceptCall", {"account": b, "callId": call})
            done = {}
            while len(done) < 2:
                at, e = d.wait(lambda e: e["state"] == "CONNECTED")
                done[e["account"]] = at
            setup_times.append(max(done.values()) - start)
            d.call("hangupCall", {"account": a, "callId": call})
            for _ in range(2):
                d.wait(lambda e: e["state"] == "ENDED")
        print("call set-up, startCall to both CONNECTED, %d calls one after another (fake tunnels):" % setups)
        print("  p50 %.1f ms  p99 %.1f ms" % (1000 * pct(setup_times, 50), 1000 * pct(setup_times, 99)))
        print("  measured in the same run: a message delivered p50 %.1f ms; a bare fake tunnel ready p50 %.1f ms"
              % (1000 * pct(deliveries, 50), 1000 * pct(starts, 50)))
        print("  set-up / message delivery: %.1fx; set-up / (2 tunnel starts + 4 deliveries, the critical path): %.2fx"
              % (pct(setup_times, 50) / pct(deliveries, 50),
                 pct(setup_times, 50) / (2 * pct(starts, 50) + 4 * pct(deliveries, 50))))

        log, known = os.path.join(work, "tunnels"), set()
        caller_tunnel(log, known)
        own, peer = [], []
        for _ in range(setups):
            call = d.call("startCall", {"account": a, "recipient": b})["callId"]
            d.wait(lambda e: e["state"] == "RINGING_INCOMING" and e["account"] == b)
            d.call("acceptCall", {"account": b, "callId": call})
            for _ in range(2):
                d.wait(lambda e: e["state"] == "CONNECTED")
            pid = caller_tunnel(log, known)
            start = time.perf_counter()
            os.kill(pid, signal.SIGKILL)
            at, e = d.wait(lambda e: e["state"] == "ENDED" and e["account"] == a)
            if e.get("reason") != "tunnel_exit":
                raise RuntimeError("the killed tunnel's call ended with " + json.dumps(e))
            own.append(at - start)
            at, _ = d.wait(lambda e: e["state"] == "ENDED" and e["account"] == b)
            peer.append(at - start)
        print("a connected caller's tunnel SIGKILLed, %d times:" % setups)
        print("  to the caller's ENDED (tunnel_exit) p50 %.1f ms  p99 %.1f ms; to the callee's ENDED p50 %.1f ms"
              % (1000 * pct(own, 50), 1000 * pct(own, 99), 1000 * pct(peer, 50)))
        print("  caller's ENDED / message delivery: %.1fx" % (pct(own, 50) / pct(deliveries, 50)))

        print("%d concurrent calls between %d account pairs:" % (concurrent, concurrent))
        print("  before: " + resources(d.p.pid))
        start = time.perf_counter()
        calls = [(numbers[2 * i], numbers[2 * i + 1], d.request("startCall", {"account": numbers[2 * i],
                                                                             "recipient": numbers[2 * i + 1]}))
                 for i in range(concurrent)]
        ids = {}
        for caller, callee, answer in calls:
            ids[callee] = answer.get(timeout=120)["result"]["callId"]
        connected = set()
        while len(connected) < 2 * concurrent:  # accept each callee as it rings; count both sides connected
            _, e = d.wait(lambda e: e["state"] in ("RINGING_INCOMING", "CONNECTED", "ENDED"))
            if e["state"] == "ENDED":
                raise RuntimeError("a call ended while setting up: " + json.dumps(e))
            if e["state"] == "RINGING_INCOMING":
                d.request("acceptCall", {"account": e["account"], "callId": e["callId"]})
            else:
                connected.add(e["account"])
        print("  all %d connected %.2f s after the first startCall" % (concurrent, time.perf_counter() - start))
        print("  during: " + resources(d.p.pid))
        for callee, call in ids.items():
            d.request("hangupCall", {"account": callee, "callId": call})
        ended = 0
        while ended < 2 * concurrent:
            d.wait(lambda e: e["state"] == "ENDED")
            ended += 1
        time.sleep(2)
        print("  after:  " + resources(d.p.pid))
        time.sleep(65)  # idle carrier threads of the virtual thread pool and process reapers time out after 60 s
        print("  +65 s:  " + resources(d.p.pid))
        d.p.stdin.close()
        d.p.wait(timeout=120)
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
