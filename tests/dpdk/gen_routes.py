#!/usr/bin/python3
"""Frames, expectations and router config of test_routes.sh: routes of
prefix length 0, 1, 31 and 32, connected (out of a port, no gateway) and
through a gateway.

    gen_routes.py SCENARIO DIR      (writes DIR/in.pcap, expect.json, router.cfg)

SCENARIO: c0 (connected 0.0.0.0/0 + /31 and /32), g0 (the same through
gateways), c1 (connected 128.0.0.0/1), g1 (128.0.0.0/1 through a gateway).
Ports and static neighbours are those of forwarding.cfg (gen_frames.py);
every frame enters on lan (port 0). A destination reached by a connected
route is not on a subnet of its port, so it can have no static neighbour:
the router must drop the packet as neighbour_unresolved and send an ARP
request for it out of the route's port (the frame asserted). Gateway routes
are asserted by the forwarded frame. In every scenario the wan subnet's
broadcast address is dropped as subnet_broadcast.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_frames as g  # noqa: E402
from scapy.all import ARP, IP, UDP, Ether, Raw  # noqa: E402

LAN, WAN = 0, 1
PORT_NAME = ["lan", "wan"]
GW = ["192.0.2.2", "198.51.100.2"]
GW_MAC = [g.GW_LAN_MAC, g.GW_WAN_MAC]

# routes (prefix, "port" = connected or "via" = gateway, port), then
# (destination, port it must leave by)
SCENARIOS = {
    "c0": ([("0.0.0.0/0", "port", WAN), ("203.0.113.0/31", "port", LAN),
            ("203.0.113.8/32", "port", LAN)],
           [("203.0.113.100", WAN), ("203.0.113.255", WAN), ("203.0.113.0", LAN),
            ("203.0.113.1", LAN), ("203.0.113.8", LAN), ("203.0.113.9", WAN)]),
    "g0": ([("0.0.0.0/0", "via", WAN), ("203.0.113.0/31", "via", LAN),
            ("203.0.113.8/32", "via", LAN)],
           [("203.0.113.100", WAN), ("203.0.113.255", WAN), ("203.0.113.0", LAN),
            ("203.0.113.1", LAN), ("203.0.113.8", LAN), ("203.0.113.9", WAN)]),
    "c1": ([("128.0.0.0/1", "port", WAN)],
           [("203.0.113.77", WAN), ("203.0.113.255", WAN)]),
    "g1": ([("128.0.0.0/1", "via", WAN)],
           [("203.0.113.77", WAN), ("203.0.113.255", WAN)]),
}


def arp_request(dst, port):
    """The packet to dst is dropped; its mbuf becomes a request for dst."""
    g.dropped("neighbour_unresolved", g.Ether(bytes(
        g.to_router(IP(src=g.HOST_IP, dst=dst) / UDP(sport=4000, dport=5000) / Raw(b"r" * 18)))))
    g.event("arp_requests_sent")
    req = Ether(src=g.ROUTER_MAC[port], dst="ff:ff:ff:ff:ff:ff") / ARP(
        op=1, hwsrc=g.ROUTER_MAC[port], psrc=g.ROUTER_IP[port],
        hwdst="00:00:00:00:00:00", pdst=dst)
    g.expect.append({"what": f"arp request for {dst} out of {PORT_NAME[port]}",
                     "port": port, "match": "exact", "frame": bytes(req).hex()})


def config(routes):
    lines = []
    for prefix, kind, port in routes:
        how = f'port = "{PORT_NAME[port]}";' if kind == "port" else f'via = "{GW[port]}";'
        lines.append(f'\t{{ prefix = "{prefix}"; {how} }}')
    return f"""# test_routes.sh (gen_routes.py); ports and neighbours as forwarding.cfg
log_level = "info";
polling = "adaptive";
workers = [ 1 ];
tables = {{ routes = 64; neighbours = 64; }};
ports = (
	{{ name = "lan"; device = "net_pcap0"; addresses = [ "192.0.2.1/24" ]; }},
	{{ name = "wan"; device = "net_pcap1"; addresses = [ "198.51.100.1/24" ]; }}
);
routes = (
{(","+chr(10)).join(lines)}
);
neighbours = (
	{{ address = "192.0.2.10"; mac = "{g.HOST_MAC}"; }},
	{{ address = "192.0.2.2"; mac = "{g.GW_LAN_MAC}"; }},
	{{ address = "198.51.100.2"; mac = "{g.GW_WAN_MAC}"; }}
);
"""


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SCENARIOS:
        raise SystemExit(__doc__)
    name, out = sys.argv[1], sys.argv[2]
    routes, dsts = SCENARIOS[name]
    connected = routes[0][1] == "port"  # a scenario's routes are all of one kind
    for dst, port in dsts:
        if connected:
            arp_request(dst, port)
        else:
            g.transit(dst, port, GW_MAC[port], f"udp to {dst} -> {PORT_NAME[port]} gw")
    # a directed broadcast to the wan subnet (the interface's connected
    # route): dropped under its own reason, never forwarded
    g.dropped("subnet_broadcast", Ether(bytes(
        g.to_router(IP(src=g.HOST_IP, dst="198.51.100.255") / UDP(sport=4001, dport=5001)))))
    with open(os.path.join(out, "router.cfg"), "w") as f:
        f.write(config(routes))
    g.write(os.path.join(out, "in.pcap"), os.path.join(out, "expect.json"), f"gen_routes {name}")


if __name__ == "__main__":
    main()
