#!/usr/bin/env python3
"""Drive a router's telemetry socket with raw bytes (issue 8 items 11, 12).

    tel_input.py PREFIX

Sends each request as the bytes given (non-ASCII, control characters, tabs,
newlines and spaces included), requires every reply to be valid JSON
(json.loads on the raw bytes, so invalid UTF-8 fails), and checks the
answers: whitespace refused the same way wherever it is, nothing unsafe
echoed, operator demotion refused rather than clamped. Prints one line per
check, exits 1 on the first that fails.
"""
import json
import socket
import sys

BAD_CHARS = ("parameters may hold only letters, digits, '_', '.', '+', '-' "
             "and commas (no spaces)")


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


class Tel:
    def __init__(self, prefix):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.connect(f"/var/run/dpdk/{prefix}/dpdk_telemetry.v2")
        greeting = json.loads(self.sock.recv(4096))
        self.max_len = greeting["max_output_len"]

    def ask(self, raw):
        """One request as raw bytes -> the reply's value (parsed JSON)."""
        self.sock.send(raw)
        reply = self.sock.recv(self.max_len)
        try:
            doc = json.loads(reply)
        except ValueError as e:
            fail(f"reply to {raw!r} is not valid JSON ({e}): {reply!r}")
        cmd = raw.split(b",", 1)[0].decode()
        if cmd not in doc:
            fail(f"reply to {raw!r} lacks key {cmd}: {doc}")
        return doc[cmd]


def expect(tel, raw, want):
    got = tel.ask(raw)
    if got != want:
        fail(f"{raw!r}: got {got}, want {want}")
    print(f"ok {raw!r} -> {json.dumps(got)}")


def main():
    tel = Tel(sys.argv[1])
    refused = {"error": BAD_CHARS}
    # whitespace: the same answer wherever it is and whatever it is
    for raw in (b"/carp/demote,carp,+1\t", b"/carp/demote,carp,\t+1",
                b"/carp/demote,carp,+1\n", b"/carp/demote,carp, +1",
                b"/carp/demote,carp,+1 ", b"/carp/demote,carp,+1\r",
                b"/carp/state,carp0,1,\tmaster", b"/carp/advskew,carp0,1,\n7"):
        expect(tel, raw, refused)
    # non-ASCII and control bytes: valid JSON, never echoed
    for raw in (b"/carp/demote,\xc3\xa9t\xc3\xa9,+1", b"/carp/demote,carp,+1\xff",
                b"/carp/state,carp0\x01,1,master", b"/carp/advskew,carp0,1,\x7f",
                b"/carp/state,carp0,1,ma\"ster", b"/carp/state,carp0,1,ma\\ster",
                b"/carp/demote,carp\x1b[2J,+1"):
        expect(tel, raw, refused)
    for raw in (b"/carp/info,carp\xff", b"/carp/info,\xe9", b"/carp/info,carp0\t",
                b"/carp/info,carp0\"x", b"/carp/info,carp0\\"):
        expect(tel, raw, {"error": "no such carp interface"})
    expect(tel, b"/carp/info,carp9", {"error": "no such carp interface", "name": "carp9"})
    # echoed text is what the safe set allows
    expect(tel, b"/carp/state,carp0,1,up",
           {"error": "state \"up\" is neither master nor backup"})
    expect(tel, b"/carp/demote,nosuch,+1", {"error": "no carp group \"nosuch\""})
    # nothing above changed the demotion
    groups = tel.ask(b"/carp/groups")
    if groups["carp"]["ledger"]["operator"] != 0:
        fail(f"a refused request changed the operator demotion: {groups}")
    print("ok no refused request changed anything")
    # operator demotion: +200 +200 -200 -> ok, refused, ok; 0 left (was 55)
    expect(tel, b"/carp/demote,carp,+200", {"result": "ok", "demote": 200})
    expect(tel, b"/carp/demote,carp,+200",
           {"error": "demote carp +200 refused: the demotion would be 400, above 255 "
                     "(nothing changed)"})
    expect(tel, b"/carp/demote,carp,+55", {"result": "ok", "demote": 255})
    expect(tel, b"/carp/demote,carp,-255", {"result": "ok", "demote": 0})
    expect(tel, b"/carp/demote,carp,-1",
           {"error": "demote carp -1 refused: the operator's demotion is 0, not below 0 "
                     "(nothing changed)"})
    groups = tel.ask(b"/carp/groups")
    if groups["carp"]["demote"] != 0 or groups["carp"]["ledger"]["operator"] != 0:
        fail(f"after +200 +200(refused) +55 -255 -1(refused): {groups}")
    print("ok group carp back at 0")


if __name__ == "__main__":
    main()
