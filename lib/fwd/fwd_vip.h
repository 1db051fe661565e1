/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_VIP_H
#define FWD_VIP_H

/*
 * CARP in the fast path: virtual addresses (VIPs) and virtual MACs (vMACs)
 * of the carp interfaces on each port, and the per-burst view of which of
 * them this host owns now (issue 4 item 3, contract section 3, spec 7-8).
 *
 * What the workers do with it:
 *   - destination MAC: besides the port's MAC, broadcast and the accepted
 *     list, a frame is taken when it is addressed to a vMAC this host
 *     receives now: mode none: 00:00:5e:00:01:<vhid> while the vhid is
 *     MASTER here; arp: node i's 00:00:5e:00:01:<vhid_i> while node i is
 *     MASTER; ip: 01:00:5e:00:01:<leader vhid>, ip-stealth / ip-unicast:
 *     00:00:5e:00:01:<leader vhid>, in every node while the carp interface
 *     runs (the ip-mode multicast vMAC counts as unicast, spec 7.3).
 *     A port with a carp interface also takes 01:00:5e:00:00:12 (adverts
 *     to 224.0.0.18: IP protocol 112 with TTL 255 goes to the control
 *     lcore through the punt, fwd_carp_classify).
 *     Anything else: drop `dst_mac_not_ours`.
 *   - transit IPv4 that came to a vMAC in an ip mode: forwarded only when
 *     node (src ^ dst) % count is MASTER here, else `carp_not_master`.
 *   - ARP request for a VIP: answered when this host masters the
 *     responsible node (leader; arp mode: node carp_arp_hash(arp_sha) %
 *     count), sender MAC = that node's MAC, else `arp_vip_not_master`.
 *   - ICMP echo to a VIP: answered while the leader is MASTER (none, arp;
 *     in arp mode also when it came to a node's vMAC this host owns); in ip
 *     modes by every node while the carp interface runs, as OpenBSD does
 *     (spec 7.3: ICMP is not hashed), else `vip_not_master`.
 *
 * Threads:
 *   main thread, before launch     fwd_vip_register (after fwd_port_setup /
 *                                  the port is known to the ctx)
 *   control lcore, at run time     fwd_vip_publish after every lib/carp call
 *                                  that changed a state (STATE actions),
 *                                  and after admin/link changes
 *   workers                        read the port's published words once per
 *                                  burst (one atomic load each, see
 *                                  fwd_vip_priv.h)
 *
 * Registration copies what is fixed for the life of the ctx (mode, node
 * vhids, carp MAC, ARP hash key, the addresses) from the carp_balance
 * object, which must already be set up (carp_if_init); the object must
 * outlive the workers. Do not add vMACs with fwd_port_accept_mac: that
 * list is accepted unconditionally.
 */

#include <stdbool.h>
#include <stdint.h>

struct fwd_ctx;
struct carp_balance;

#define FWD_VIP_MAX_IFS   8 /* carp interfaces per port */
#define FWD_VIP_MAX_ADDRS 8 /* virtual IPv4 addresses per carp interface (contract: 1-8) */

/* One carp interface on its carpdev, as the fast path needs it. */
struct fwd_vip_conf {
	/* lib/carp's published view of the carp interface: carp_if_balance(ifc).
	 * Gives mode, node vhids (sorted, node 0 = leader), carp interface MAC,
	 * ARP hash key, and the master mask fwd_vip_publish copies. */
	const struct carp_balance *bal;
	unsigned int n_addrs;             /* 1..FWD_VIP_MAX_ADDRS */
	uint32_t addr[FWD_VIP_MAX_ADDRS]; /* virtual IPv4 addresses, host byte order */
	uint8_t len[FWD_VIP_MAX_ADDRS];   /* their prefix lengths, 1..32 */
};

/*
 * Main thread, before the workers are launched: attaches a carp interface
 * to port (its carpdev). Returns 0, or -EINVAL (bad port, port not set up,
 * no bal, 0 or too many addresses, prefix out of range, address 0 or
 * multicast), -EEXIST (bal already registered, or an address already a VIP
 * of this ctx), -EADDRINUSE (an address is the router's own, fwd_iface_add),
 * -ENETUNREACH (an address is not inside a connected subnet of port: add the
 * port's interfaces first), -ENOSPC (FWD_VIP_MAX_IFS on this port). The
 * interface starts unpublished: not running, no node MASTER.
 */
int fwd_vip_register(struct fwd_ctx *ctx, uint16_t port, const struct fwd_vip_conf *conf);

/*
 * Control lcore (the single writer after launch; before launch the main
 * thread may call it too): publishes the carp interface's current word,
 * read from bal (carp_balance_read: master mask and whether it runs, as
 * lib/carp published it). Workers see it from
 * their next burst on. Never blocks on workers. Returns 0, or -ENOENT if
 * bal was not registered.
 */
int fwd_vip_publish(struct fwd_ctx *ctx, const struct carp_balance *bal);

/* Telemetry / tests: what workers see now for bal. -ENOENT if not registered. */
struct fwd_vip_state {
	uint16_t port; /* carpdev */
	uint32_t mask; /* bit i: node i MASTER here, as last published */
	bool running;
	uint32_t publications; /* fwd_vip_publish calls for this interface */
};
int fwd_vip_state_get(const struct fwd_ctx *ctx, const struct carp_balance *bal,
                      struct fwd_vip_state *out);

#endif
