"""Behaves as lto-watchdog's SignalHook/Commander do (reference legacy-socket.md 6.2), written from that
description: SIGNAL_CLI=host:port (exit 1 if malformed), connect with a 3 s retry, send nothing on connect, the same
64 KiB non-blocking poll and unguarded JSON parse. A new sender is subscribed and welcomed; the first word picks a
command: help|h|list, unsubscribe|unsub, contacts|cont|subs, trustall (one line: trust, endSession, sendMessage for
all subscribers), status|stat|st. Replies go out as sendMessage to the sender; texts may hold newlines and non-ASCII
(sent as \\n and \\uXXXX escapes). Prints what it does on stdout."""
import json
import os
import socket
import sys
import time


def address():
    value = os.environ.get("SIGNAL_CLI", "")
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        print("SIGNAL_CLI must be host:port", flush=True)
        sys.exit(1)
    return host, int(port)


def connect(where):
    while True:
        try:
            s = socket.create_connection(where)
            s.setblocking(False)
            return s
        except ConnectionRefusedError:
            time.sleep(3)


def send(s, obj):
    s.sendall((json.dumps(obj, ensure_ascii=True) + "\n").encode("ascii"))


def main():
    where = address()
    s = connect(where)
    print("connected", flush=True)
    subscribers = []
    while True:
        try:
            data = s.recv(65536)
        except BlockingIOError:
            time.sleep(1)
            continue
        if not data:
            s = connect(where)
            continue
        for piece in data.split(b"\n"):
            if not piece:
                continue
            obj = json.loads(piece.decode("utf-8"))
            if "envelope" not in obj:
                continue
            try:
                source = obj["envelope"]["source"]
                text = obj["envelope"]["dataMessage"]["message"]
            except (KeyError, TypeError):
                continue
            print("received", json.dumps(text), "from", source, flush=True)
            if source not in subscribers:
                subscribers.append(source)
                send(s, {"sendMessage": {"contacts": [source],
                                         "message": "Welcome \u2713\nYou are subscribed to alerts."}})
            word = text.split()[0].lower() if text.split() else ""
            if word in ("help", "h", "list"):
                reply = "Commands:\nhelp, unsubscribe, contacts, trustall, status"
            elif word in ("unsubscribe", "unsub"):
                subscribers.remove(source)
                reply = "Unsubscribed"
            elif word in ("contacts", "cont", "subs"):
                reply = "Subscribers: " + ", ".join(subscribers)
            elif word == "trustall":
                send(s, {"trust": {"contacts": subscribers}, "endSession": {"contacts": subscribers},
                         "sendMessage": {"contacts": subscribers, "message": "Trusted all, sessions reset"}})
                print("trustall", flush=True)
                continue
            elif word in ("status", "stat", "st"):
                reply = "Status: all nodes up \u00e9t\u00e9"
            else:
                continue
            send(s, {"sendMessage": {"contacts": [source], "message": reply}})
            print("answered", word, flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
