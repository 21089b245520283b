"""Behaves as socketTest.py of the legacy socket's original project does (reference legacy-socket.md 6.1),
written from that description: connect to 127.0.0.1:24250 (LEGACY_PORT overrides the port for tests), retry every
3 s while refused, send one line with trust then endSession, then poll about once a second with one non-blocking
read of up to 64 KiB, split on LF and parse every piece as JSON with no error handling. A message whose text is
"love" is answered with "From Russia with <text>". Prints what it does on stdout."""
import json
import os
import socket
import sys
import time

PORT = int(os.environ.get("LEGACY_PORT", "24250"))


def connect():
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", PORT))
            s.setblocking(False)
            return s
        except ConnectionRefusedError:
            time.sleep(3)


def send(s, obj):
    s.sendall((json.dumps(obj) + "\n").encode("utf-8"))


def main():
    s = connect()
    print("connected", flush=True)
    send(s, {"trust": {"contacts": ["+31638555555"]}, "endSession": {"contacts": ["+31638555555"]}})
    time.sleep(1)
    while True:
        try:
            data = s.recv(65536)
        except BlockingIOError:
            time.sleep(1)
            continue
        if not data:
            print("eof", flush=True)
            s = connect()
            continue
        for piece in data.split(b"\n"):
            if not piece:
                continue
            obj = json.loads(piece.decode("utf-8"))  # unguarded, as the original: a non-JSON line ends the bot
            try:
                source = obj["envelope"]["source"]
                text = obj["envelope"]["dataMessage"]["message"]
            except (KeyError, TypeError):
                print("skipped", json.dumps(obj), flush=True)
                continue
            print("received", json.dumps(text), "from", source, flush=True)
            if text.strip().lower() == "love":
                send(s, {"sendMessage": {"contacts": [source], "message": "From Russia with " + text}})
                print("answered", source, flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
