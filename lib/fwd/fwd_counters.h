/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_COUNTERS_H
#define FWD_COUNTERS_H

/*
 * Fast-path counters: every drop under a named reason, every generated or
 * queued packet under a named event, per port rx/tx, per lcore cycles.
 *
 * Counters live in struct fwd_lcore_stats, one per worker lcore, cache
 * aligned. Writer: the owning worker only (relaxed atomic store of a plain
 * increment, no locked RMW). Readers: any thread (telemetry) with relaxed
 * loads through fwd_stats_read()/fwd_stats_sum(). A reader may see a counter
 * a few packets old; it never sees a torn value.
 */

#include <stdint.h>

#define FWD_MAX_PORTS 32 /* = RTE_MAX_ETHPORTS of Debian's build */

/* X(ENUM, "name", "meaning") -- the names are the telemetry keys. */
#define FWD_DROP_REASONS(X)                                                                        \
	X(RUNT, "runt", "frame shorter than an Ethernet header")                                   \
	X(DST_MAC_NOT_OURS, "dst_mac_not_ours",                                                    \
	  "destination MAC is not the port's, broadcast, or an accepted (multicast/virtual) MAC")  \
	X(NOT_IPV4_ETHERTYPE, "not_ipv4_ethertype",                                                \
	  "ethertype other than IPv4, ARP and IPv6 (VLAN, LLDP...), or IPv6 on a port without it") \
	X(ARP_MALFORMED, "arp_malformed",                                                          \
	  "ARP shorter than 28 bytes, or not Ethernet/IPv4, or an unknown opcode")                 \
	X(ARP_BAD_SENDER, "arp_bad_sender",                                                        \
	  "ARP sender MAC is multicast/broadcast/zero or sender IP is one of ours")                \
	X(ARP_NOT_FOR_US, "arp_not_for_us", "ARP whose target IP is not an address of the port")   \
	X(IP_TRUNCATED, "truncated", "frame too short for the IPv4 header (20 bytes or IHL*4)")    \
	X(IP_BAD_VERSION, "bad_version", "IPv4 ethertype but version field is not 4")              \
	X(IP_BAD_IHL, "bad_ihl", "IHL below 5 (header shorter than 20 bytes)")                     \
	X(IP_BAD_TOTAL_LENGTH, "bad_total_length",                                                 \
	  "total length smaller than the header or larger than the frame")                         \
	X(RX_TRUNCATED, "rx_truncated",                                                            \
	  "IPv4 frame cut by the port at its longest frame (af_packet: framesz - 66)")             \
	X(IP_BAD_CHECKSUM, "bad_checksum", "IPv4 header checksum does not verify")                 \
	X(IP_OPTIONS, "ip_options", "IPv4 options present (IHL > 5): not processed, dropped")      \
	X(MARTIAN_SOURCE, "martian_source",                                                        \
	  "source is 0/8, 127/8, multicast, 240/4 or limited broadcast")                           \
	X(MARTIAN_DESTINATION, "martian_destination", "destination is 0/8, 127/8 or 240/4")        \
	X(L2_GROUP_TRANSIT, "l2_group_transit",                                                    \
	  "link-layer broadcast/multicast frame that is not for the router (RFC 1812 5.3.4)")      \
	X(IP_MULTICAST, "ip_multicast", "IPv4 multicast or broadcast destination not handled")     \
	X(SUBNET_BROADCAST, "subnet_broadcast",                                                    \
	  "broadcast address of a connected subnet (directed broadcast): not forwarded")           \
	X(TTL_EXCEEDED, "ttl_exceeded", "transit packet with TTL <= 1")                            \
	X(NO_ROUTE, "no_route", "no LPM match for the destination")                                \
	X(NEIGHBOUR_UNRESOLVED, "neighbour_unresolved",                                            \
	  "next hop has no MAC yet: packet dropped, ARP request sent (rate-limited)")              \
	X(MTU_EXCEEDED, "mtu_exceeded",                                                            \
	  "packet larger than the egress port MTU with DF set (ICMP fragmentation needed sent)")   \
	X(FRAG_NO_MBUF, "frag_no_mbuf",                                                            \
	  "no mbuf for a fragment of a packet split for the egress MTU (the packet is lost)")      \
	X(FRAG_PAST_64K, "frag_past_64k",                                                          \
	  "fragment to split for the egress MTU whose offset + length pass 65535 bytes")           \
	X(LOCAL_FRAGMENT, "local_fragment", "fragment addressed to the router (no reassembly)")    \
	X(LOCAL_UNSUPPORTED, "local_unsupported",                                                  \
	  "addressed to the router, but not an ICMP echo request nor CARP")                        \
	X(ICMP_MALFORMED, "icmp_malformed", "ICMP to the router truncated or with bad checksum")   \
	X(CARP_NO_CONSUMER, "carp_no_consumer", "CARP advert to punt and no CARP ring registered") \
	X(CARP_RING_FULL, "carp_ring_full", "CARP ring to the control lcore full")                 \
	X(CARP_PUNT_RATE, "carp_punt_rate",                                                        \
	  "CARP advert over the port's punt token bucket (carp.punt rate/burst)")                  \
	X(CARP_HDROPS, "carp_hdrops",                                                              \
	  "IP protocol 112 on a carp port with an unusable IPv4 header, or a fragment to "         \
	  "224.0.0.18 (counted in /carp/stats hdrops)")                                            \
	X(CARP_BADTTL, "carp_badttl",                                                              \
	  "IP protocol 112 to 224.0.0.18 or to the router on a carp port, TTL not 255 "            \
	  "(counted in /carp/stats badttl)")                                                       \
	X(CARP_NOT_MASTER, "carp_not_master",                                                      \
	  "transit IPv4 to an ip-balancing virtual MAC whose node (src^dst)%count is not MASTER "  \
	  "here")                                                                                  \
	X(ARP_VIP_NOT_MASTER, "arp_vip_not_master",                                                \
	  "ARP request for a virtual address: this host is not MASTER of the node that answers")   \
	X(ARP_VIP_ANNOUNCE, "arp_vip_announce",                                                    \
	  "ARP whose sender address is one of our virtual addresses (another CARP node "           \
	  "announcing)")                                                                           \
	X(VIP_NOT_MASTER, "vip_not_master",                                                        \
	  "IPv4 to a virtual address this host does not answer now (not MASTER / not running)")    \
	X(TX_FULL, "tx_full", "tx queue full when flushing the tx buffer")                         \
	X(IP6_TRUNCATED, "ip6_truncated",                                                          \
	  "frame shorter than the 40-byte IPv6 header or than 40 + payload length")                \
	X(IP6_BAD_VERSION, "ip6_bad_version", "IPv6 ethertype but version field is not 6")         \
	X(IP6_MULTICAST_SOURCE, "ip6_multicast_source", "IPv6 source address is multicast")        \
	X(IP6_LOOPBACK, "ip6_loopback", "::1 as source or destination on a port (RFC 4291 2.5.3)") \
	X(IP6_V4MAPPED, "ip6_v4mapped",                                                            \
	  "IPv4-mapped ::ffff:0:0/96 source or destination on the wire (as OpenBSD)")              \
	X(IP6_UNSPECIFIED_DESTINATION, "ip6_unspecified_destination", ":: as destination")         \
	X(IP6_UNSPECIFIED_SOURCE, "ip6_unspecified_source",                                        \
	  ":: source on a packet to forward or to answer (only NDP's DAD may use it)")             \
	X(IP6_LINK_LOCAL_TRANSIT, "ip6_link_local_transit",                                        \
	  "fe80::/10 source or destination on a packet that would leave its link")                 \
	X(IP6_MULTICAST, "ip6_multicast",                                                          \
	  "IPv6 multicast destination not for the router (no multicast routing)")                  \
	X(IP6_HOP_LIMIT_EXCEEDED, "ip6_hop_limit_exceeded",                                        \
	  "transit IPv6 packet with hop limit <= 1")                                               \
	X(IP6_EXT_TRUNCATED, "ip6_ext_truncated",                                                  \
	  "extension header chain runs past the payload length")                                   \
	X(IP6_EXT_TOO_MANY, "ip6_ext_too_many", "more than 8 extension headers")                   \
	X(IP6_HBH_NOT_FIRST, "ip6_hbh_not_first",                                                  \
	  "hop-by-hop options header not right after the IPv6 header (RFC 8200 4.1)")              \
	X(IP6_OPTION_MALFORMED, "ip6_option_malformed",                                            \
	  "option running past its extension header, or a router alert option of length != 2")     \
	X(IP6_OPTION_UNKNOWN, "ip6_option_unknown",                                                \
	  "unrecognised hop-by-hop option whose type says discard (RFC 8200 4.2)")                 \
	X(IP6_JUMBO, "ip6_jumbo",                                                                  \
	  "jumbogram (payload length 0 + hop-by-hop, RFC 2675): unsupported")                      \
	X(IP6_RH0, "ip6_rh0",                                                                      \
	  "routing header type 0 (deprecated by RFC 5095): dropped, as OpenBSD")                   \
	X(ICMP6_MALFORMED, "icmp6_malformed",                                                      \
	  "ICMPv6 to the router shorter than its header or than its type needs")                   \
	X(ICMP6_BAD_CHECKSUM, "icmp6_bad_checksum",                                                \
	  "ICMPv6 checksum (with the RFC 8200 8.1 pseudo-header) does not verify")                 \
	X(ICMP6_UNSUPPORTED, "icmp6_unsupported",                                                  \
	  "ICMPv6 type or code the router does not handle (redirect, MLD, ...)")                   \
	X(NDP_BAD_HOP_LIMIT, "ndp_bad_hop_limit",                                                  \
	  "NDP message with hop limit != 255: it may come from off-link (RFC 4861)")               \
	X(NDP_BAD_CODE, "ndp_bad_code", "NDP message with ICMPv6 code != 0")                       \
	X(NDP_TRUNCATED, "ndp_truncated",                                                          \
	  "NDP message shorter than its fixed part (RS 8, RA 16, NS/NA 24 bytes)")                 \
	X(NDP_BAD_OPTION, "ndp_bad_option",                                                        \
	  "NDP option of length 0, running past the message, or of a wrong length for its type")   \
	X(NDP_MULTICAST_TARGET, "ndp_multicast_target", "NS or NA whose target is multicast")      \
	X(NDP_UNSPECIFIED_WITH_SLLA, "ndp_unspecified_with_slla",                                  \
	  "NS or RS from :: carrying a source link-layer address option")                          \
	X(NDP_DAD_NOT_SOLICITED_NODE, "ndp_dad_not_solicited_node",                                \
	  "NS from :: (DAD) not sent to the target's solicited-node group")                        \
	X(NDP_SOLICITED_MULTICAST, "ndp_solicited_multicast",                                      \
	  "NA to a multicast destination with the Solicited flag set")                             \
	X(NDP_RA_NOT_LINK_LOCAL, "ndp_ra_not_link_local", "RA whose source is not link-local")     \
	X(IP6_NO_ROUTE, "ip6_no_route", "no IPv6 route for the destination")                       \
	X(IP6_TOO_BIG, "ip6_too_big",                                                              \
	  "IPv6 packet larger than the egress MTU (routers never fragment IPv6)")                  \
	X(IP6_NEIGHBOUR_UNRESOLVED, "ip6_neighbour_unresolved",                                    \
	  "IPv6 next hop has no MAC yet: packet dropped, NS sent (rate-limited)")                  \
	X(IP6_LOCAL_UNSUPPORTED, "ip6_local_unsupported",                                          \
	  "IPv6 to the router, but not ICMPv6 (echo, NDP): no upper layer here")                   \
	X(IP6_LOCAL_FRAGMENT, "ip6_local_fragment", "IPv6 fragment to the router (no reassembly)") \
	X(IP6_DST_OPTION, "ip6_dst_option",                                                        \
	  "IPv6 to the router with a destination option whose type says discard (RFC 8200 4.2)")   \
	X(NDP_NOT_FOR_US, "ndp_not_for_us", "NS whose target is not an address of the port")       \
	X(NDP_IGNORED, "ndp_ignored", "RS/RA, or NA without a link-layer address to learn")        \
	FWD_PF_DROP_REASONS(X)

/* The filter's (lib/pf) reasons, pfctl -si's names; per rule: /pf/rules. */
#define FWD_PF_DROP_REASONS(X)                                                                     \
	X(PF_BLOCKED, "pf_blocked", "blocked by rule (the rule's counters: /pf/rules)")            \
	X(PF_STATE_MISMATCH, "pf_state_mismatch",                                                  \
	  "filter: outside the state's TCP window, or an ICMP reply or error not fitting it")      \
	X(PF_STATE_LIMIT, "pf_state_limit", "filter: the rule's max states reached")               \
	X(PF_MEMORY, "pf_memory", "filter: state table full (set limit states)")                   \
	X(PF_STATE_INSERT, "pf_state_insert", "filter: the new state's key is already taken")      \
	X(PF_TRANSLATE, "pf_translate", "filter: no free NAT port for the destination")            \
	X(PF_SHORT, "pf_short", "filter: truncated IP, TCP, UDP or ICMP header")                   \
	X(PF_BAD_OFFSET, "pf_bad_offset", "filter: TCP data offset out of bounds")                 \
	X(PF_FRAGMENT, "pf_fragment", "filter: an ICMP error quoting a later fragment")            \
	X(PF_IP_OPTION, "pf_ip_option", "filter: IPv4 options other than one router alert")        \
	X(PF_NORMALIZE, "pf_normalize", "filter: impossible header (bad version, ICMP in IPv6...)")

enum fwd_drop {
	FWD_DROP_NONE = 0, /* not a drop; index 0 of the counter array is unused */
#define FWD_X_ENUM(e, n, d) FWD_DROP_##e,
	FWD_DROP_REASONS(FWD_X_ENUM)
#undef FWD_X_ENUM
	    FWD_DROP_MAX
};

/* Things the fast path did that are not drops. */
#define FWD_EVENTS(X)                                                                              \
	X(ARP_REPLY_SENT, "arp_replies_sent", "ARP replies for our addresses")                     \
	X(ARP_VIP_REPLY_SENT, "arp_vip_replies_sent", "ARP replies for virtual addresses (CARP)")  \
	X(ARP_REPLY_CONSUMED, "arp_replies_consumed",                                              \
	  "ARP replies to our or a virtual address: learned, nothing sent")                        \
	X(ARP_REQUEST_SENT, "arp_requests_sent", "ARP requests for unresolved next hops")          \
	X(ARP_REQUEST_SUPPRESSED, "arp_requests_suppressed",                                       \
	  "ARP request not sent: asked for this IP recently or token bucket empty")                \
	X(NEIGH_LEARN_QUEUED, "neigh_learn_queued", "learned neighbours sent to the writer")       \
	X(NEIGH_LEARN_QUEUE_FULL, "neigh_learn_queue_full",                                        \
	  "learn message lost: ring to the neighbour writer full")                                 \
	X(ICMP_ECHO_REPLY_SENT, "icmp_echo_replies_sent", "ICMP echo replies")                     \
	X(ICMP_TIME_EXCEEDED_SENT, "icmp_time_exceeded_sent", "ICMP time exceeded (TTL)")          \
	X(ICMP_UNREACH_SENT, "icmp_unreachable_sent", "ICMP destination unreachable")              \
	X(ICMP_ERROR_SUPPRESSED, "icmp_errors_suppressed",                                         \
	  "ICMP error not sent: per-lcore token bucket empty")                                     \
	X(CARP_QUEUED, "carp_queued", "CARP adverts copied to the control lcore ring")             \
	X(FORWARDED, "forwarded", "transit IPv4 packets handed to tx")                             \
	X(FRAGMENTED, "fragmented",                                                                \
	  "transit IPv4 packets (DF clear) split for the egress MTU; in forwarded too")            \
	X(FRAGMENTS_SENT, "fragments_sent", "fragments those packets became")                      \
	X(FORWARDED6, "forwarded6", "transit IPv6 packets handed to tx")                           \
	X(ICMP6_ECHO_REPLY_SENT, "icmp6_echo_replies_sent", "ICMPv6 echo replies")                 \
	X(ICMP6_TIME_EXCEEDED_SENT, "icmp6_time_exceeded_sent",                                    \
	  "ICMPv6 time exceeded (hop limit)")                                                      \
	X(ICMP6_UNREACH_SENT, "icmp6_unreachable_sent", "ICMPv6 destination unreachable")          \
	X(ICMP6_TOO_BIG_SENT, "icmp6_too_big_sent", "ICMPv6 packet too big (with the MTU)")        \
	X(ICMP6_PARAM_PROBLEM_SENT, "icmp6_param_problem_sent", "ICMPv6 parameter problem")        \
	X(NDP_NA_SENT, "ndp_na_sent", "neighbor advertisements for our addresses")                 \
	X(NDP_NA_CONSUMED, "ndp_na_consumed",                                                      \
	  "neighbor advertisements with a link-layer address: learned, nothing sent")              \
	X(NDP_NS_SENT, "ndp_ns_sent", "neighbor solicitations for unresolved and stale next hops") \
	X(NDP_NS_SUPPRESSED, "ndp_ns_suppressed",                                                  \
	  "NS not sent: asked for this address recently or token bucket empty")                    \
	X(NEIGH6_LEARN_QUEUED, "neigh6_learn_queued",                                              \
	  "learned IPv6 neighbours sent to the writer")                                            \
	X(NEIGH6_LEARN_QUEUE_FULL, "neigh6_learn_queue_full",                                      \
	  "IPv6 learn message lost: ring to the neighbour writer full")

enum fwd_event {
#define FWD_X_ENUM(e, n, d) FWD_EV_##e,
	FWD_EVENTS(FWD_X_ENUM)
#undef FWD_X_ENUM
	    FWD_EV_MAX
};

/* Per port counters of one lcore. */
struct fwd_port_counters {
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t tx_dropped; /* tx queue full at flush (also in drops[TX_FULL]) */
};

/*
 * One worker lcore's counters. Writer: that worker. Readers: any (relaxed).
 * Cycle accounting: cycles_total covers every poll loop iteration (sleeps
 * of the adaptive mode included), cycles_busy only iterations that received
 * at least one packet. busy % = cycles_busy / cycles_total; cycles per
 * packet = cycles_busy / packets.
 */
struct fwd_lcore_stats {
	uint64_t packets; /* packets received by this lcore */
	uint64_t polls;   /* poll loop iterations */
	uint64_t busy_polls;
	uint64_t cycles_total;
	uint64_t cycles_busy;
	uint64_t drops[FWD_DROP_MAX];
	uint64_t events[FWD_EV_MAX];
	struct fwd_port_counters port[FWD_MAX_PORTS];
} __attribute__((aligned(64)));

/* Name ("no_route") and meaning of a drop reason; "?" when out of range. */
const char *fwd_drop_name(enum fwd_drop d);
const char *fwd_drop_description(enum fwd_drop d);
const char *fwd_event_name(enum fwd_event e);
const char *fwd_event_description(enum fwd_event e);

/* Relaxed snapshot of one lcore's counters into *out (any thread). */
void fwd_stats_read(const struct fwd_lcore_stats *s, struct fwd_lcore_stats *out);
/* out += s, field by field (relaxed loads of s). */
void fwd_stats_add(struct fwd_lcore_stats *out, const struct fwd_lcore_stats *s);
/* Sum of all drop reasons of a snapshot. */
uint64_t fwd_stats_drops_total(const struct fwd_lcore_stats *s);
/*
 * Received frames the snapshot accounts for: forwarded, dropped under a
 * reason (tx_full aside: those frames were counted when queued), or
 * consumed (ARP and echo answered, ARP reply learned, CARP queued). Equal to
 * the frames received once the workers are idle.
 */
uint64_t fwd_stats_frames_ended(const struct fwd_lcore_stats *s);

/* Increment helpers for the owning writer: a relaxed store, not a locked add. */
#define FWD_CNT_ADD(field, n)                                                                      \
	__atomic_store_n(&(field), __atomic_load_n(&(field), __ATOMIC_RELAXED) + (n),              \
	                 __ATOMIC_RELAXED)
#define FWD_CNT_INC(field) FWD_CNT_ADD(field, 1)

#endif
