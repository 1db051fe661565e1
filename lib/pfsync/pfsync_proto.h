/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync version 6 protocol constants, exactly as OpenBSD defines them
 * (sys/net/if_pfsync.h rev 1.65, sys/net/pfvar.h rev 1.543). Names follow
 * OpenBSD's so operators and readers of if_pfsync.c find their way.
 * Every table is one X-macro so enum, names and sizes never diverge.
 */
#ifndef PFSYNC_PROTO_H
#define PFSYNC_PROTO_H

#include <stdint.h>

#define PFSYNC_PROTO          240 /* IPPROTO_PFSYNC */
#define PFSYNC_VERSION        6
#define PFSYNC_DFLTTL         255         /* sent and required on receive */
#define PFSYNC_GROUP4         0xe00000f0u /* INADDR_PFSYNC_GROUP 224.0.0.240 */
#define PFSYNC_IP4_TOS        0x10        /* IPTOS_LOWDELAY */
#define PFSYNC_IP4_HDR_LEN    20
#define PFSYNC_HDR_LEN        20 /* version, pad, len, pfcksum[16] */
#define PFSYNC_CKSUM_OFF      4  /* pfcksum inside the pfsync header */
#define PFSYNC_CKSUM_LEN      16 /* PF_MD5_DIGEST_LENGTH */
#define PFSYNC_SUBH_LEN       4  /* action, len in 32-bit words, count */
#define PFSYNC_MINPKT         (PFSYNC_IP4_HDR_LEN + PFSYNC_HDR_LEN)
#define PFSYNC_MTU_DEFAULT    1500 /* ETHERMTU: pfsync0's MTU sizes packets */
#define PFSYNC_MTU_MAX        9216
#define PFSYNC_MAXUPD_DEFAULT 128
#define PFSYNC_MAXUPD_MAX     255 /* ifconfig rejects more (EINVAL) */
#define PFSYNC_IFNAMSIZ       16

/* Message sizes (all __packed on the wire). */
#define PFSYNC_STATE_LEN 264 /* struct pfsync_state */
#define PFSYNC_PEER_LEN  32  /* struct pfsync_state_peer */
#define PFSYNC_KEY_LEN   40  /* struct pfsync_state_key */
#define PFSYNC_SCRUB_LEN 8   /* struct pfsync_state_scrub */
#define PFSYNC_UPD_C_LEN 84
#define PFSYNC_REF_LEN   12 /* ins_ack, upd_req, del_c: id + creatorid */
#define PFSYNC_BUS_LEN   12
#define PFSYNC_CLR_LEN   20
#define PFSYNC_TDB_LEN   52

/*
 * Subheader actions: X(ENUM, value, name, OpenBSD label, message length).
 * Length 0 = OpenBSD has no handler (deprecated or never implemented): the
 * receiver skips such a subheader by len x count. The label is the
 * PFSYNC_ACTIONS string tcpdump prints.
 */
#define PFSYNC_ACTIONS(X)                                                                          \
	X(CLR, 0, clr, "CLR ST", PFSYNC_CLR_LEN)                                                   \
	X(OINS, 1, oins, "INS ST OLD", 0)                                                          \
	X(INS_ACK, 2, ins_ack, "INS ST ACK", PFSYNC_REF_LEN)                                       \
	X(OUPD, 3, oupd, "UPD ST OLD", 0)                                                          \
	X(UPD_C, 4, upd_c, "UPD ST COMP", PFSYNC_UPD_C_LEN)                                        \
	X(UPD_REQ, 5, upd_req, "UPD ST REQ", PFSYNC_REF_LEN)                                       \
	X(DEL, 6, del, "DEL ST", PFSYNC_STATE_LEN)                                                 \
	X(DEL_C, 7, del_c, "DEL ST COMP", PFSYNC_REF_LEN)                                          \
	X(INS_F, 8, ins_f, "INS FR", 0)                                                            \
	X(DEL_F, 9, del_f, "DEL FR", 0)                                                            \
	X(BUS, 10, bus, "BULK UPD STAT", PFSYNC_BUS_LEN)                                           \
	X(OTDB, 11, otdb, "UPD TDB OLD", 0)                                                        \
	X(EOF, 12, eof, "EOF", 0)                                                                  \
	X(INS, 13, ins, "INS ST", PFSYNC_STATE_LEN)                                                \
	X(UPD, 14, upd, "UPD ST", PFSYNC_STATE_LEN)                                                \
	X(TDB, 15, tdb, "UPD TDB", PFSYNC_TDB_LEN)

enum pfsync_act {
#define X(e, v, n, l, len) PFSYNC_ACT_##e = v,
	PFSYNC_ACTIONS(X)
#undef X
	    PFSYNC_ACT_MAX = 16
};

/* "ins", "upd_c", ...; "?" outside 0..15. */
const char *pfsync_act_name(unsigned act);
/* OpenBSD's label ("INS ST"); "?" outside 0..15. */
const char *pfsync_act_label(unsigned act);
/* Message length OpenBSD's receiver expects; 0 = no handler (skipped). */
unsigned pfsync_act_len(unsigned act);

/* BUS status */
#define PFSYNC_BUS_START 1
#define PFSYNC_BUS_END   2

/* Address families as OpenBSD numbers them (sa_family_t, 8 bits). */
#define PFSYNC_AF_INET  2
#define PFSYNC_AF_INET6 24

/* State key index and direction. */
#define PFSYNC_SK_WIRE  0
#define PFSYNC_SK_STACK 1
#define PFSYNC_PF_INOUT 0
#define PFSYNC_PF_IN    1
#define PFSYNC_PF_OUT   2

/* rt: route-to kind */
#define PFSYNC_RT_NONE    0 /* PF_NOPFROUTE */
#define PFSYNC_RT_ROUTETO 1
#define PFSYNC_RT_DUPTO   2
#define PFSYNC_RT_REPLYTO 3

/* sync_flags */
#define PFSYNC_FLAG_SRCNODE    0x04
#define PFSYNC_FLAG_NATSRCNODE 0x08

/* scrub */
#define PFSYNC_PFSS_TIMESTAMP   0x0001 /* the only pfss_flags bit exported */
#define PFSYNC_SCRUB_FLAG_VALID 0x01

/* rule/anchor/nat_rule "none" */
#define PFSYNC_RULE_NONE 0xffffffffu

/* state_flags: X(ENUM, bit, "pf.conf name") */
#define PFSYNC_STATE_FLAGS(X)                                                                      \
	X(ALLOWOPTS, 0x0001, "allow-opts")                                                         \
	X(SLOPPY, 0x0002, "sloppy")                                                                \
	X(PFLOW, 0x0004, "pflow")                                                                  \
	X(NOSYNC, 0x0008, "no-sync")                                                               \
	X(ACK, 0x0010, "ack")                                                                      \
	X(NODF, 0x0020, "no-df")                                                                   \
	X(SETTOS, 0x0040, "set-tos")                                                               \
	X(RANDOMID, 0x0080, "random-id")                                                           \
	X(SCRUB_TCP, 0x0100, "reassemble-tcp")                                                     \
	X(SETPRIO, 0x0200, "set-prio")

/* A file that includes lib/pf's headers first (the router's glue) defines
 * PFSYNC_PF_NAMES: lib/pf's PFSTATE_* and PFTM_* are OpenBSD's same names
 * and values (checked there), so these two enums are left out. */
#ifndef PFSYNC_PF_NAMES
enum pfsync_state_flag {
#define X(e, b, n) PFSTATE_##e = b,
	PFSYNC_STATE_FLAGS(X)
#undef X
};
#endif

/*
 * Timeout classes: the state's `timeout` byte is an index into these
 * (PFTM_*); a receiver rejects index >= PFTM_MAX. X(ENUM, name, OpenBSD
 * default seconds). The receiver's own timeouts apply on import.
 */
#define PFSYNC_TIMEOUTS(X)                                                                         \
	X(TCP_FIRST_PACKET, "tcp.first", 120)                                                      \
	X(TCP_OPENING, "tcp.opening", 30)                                                          \
	X(TCP_ESTABLISHED, "tcp.established", 86400)                                               \
	X(TCP_CLOSING, "tcp.closing", 900)                                                         \
	X(TCP_FIN_WAIT, "tcp.finwait", 45)                                                         \
	X(TCP_CLOSED, "tcp.closed", 90)                                                            \
	X(UDP_FIRST_PACKET, "udp.first", 60)                                                       \
	X(UDP_SINGLE, "udp.single", 30)                                                            \
	X(UDP_MULTIPLE, "udp.multiple", 60)                                                        \
	X(ICMP_FIRST_PACKET, "icmp.first", 20)                                                     \
	X(ICMP_ERROR_REPLY, "icmp.error", 10)                                                      \
	X(OTHER_FIRST_PACKET, "other.first", 60)                                                   \
	X(OTHER_SINGLE, "other.single", 30)                                                        \
	X(OTHER_MULTIPLE, "other.multiple", 60)                                                    \
	X(FRAG, "frag", 60)                                                                        \
	X(INTERVAL, "interval", 10)                                                                \
	X(ADAPTIVE_START, "adaptive.start", 60000)                                                 \
	X(ADAPTIVE_END, "adaptive.end", 120000)                                                    \
	X(SRC_NODE, "src.track", 0)                                                                \
	X(TS_DIFF, "tcp.tsdiff", 30)

#ifndef PFSYNC_PF_NAMES
enum pfsync_timeout {
#define X(e, n, s) PFTM_##e,
	PFSYNC_TIMEOUTS(X)
#undef X
	    PFTM_MAX
};
#endif

/* "tcp.established"; "?" when >= PFTM_MAX. */
const char *pfsync_timeout_name(unsigned t);

/* Peer state levels. TCP uses the TCP FSM (TCPS_*) then the synproxy
 * states; other protocols use 0 NO_TRAFFIC, 1 SINGLE, 2 MULTIPLE. */
#define PFSYNC_TCP_STATES(X)                                                                       \
	X(CLOSED, "CLOSED")                                                                        \
	X(LISTEN, "LISTEN")                                                                        \
	X(SYN_SENT, "SYN_SENT")                                                                    \
	X(SYN_RECEIVED, "SYN_RCVD")                                                                \
	X(ESTABLISHED, "ESTABLISHED")                                                              \
	X(CLOSE_WAIT, "CLOSE_WAIT")                                                                \
	X(FIN_WAIT_1, "FIN_WAIT_1")                                                                \
	X(CLOSING, "CLOSING")                                                                      \
	X(LAST_ACK, "LAST_ACK")                                                                    \
	X(FIN_WAIT_2, "FIN_WAIT_2")                                                                \
	X(TIME_WAIT, "TIME_WAIT")                                                                  \
	X(PROXY_SRC, "PROXY:SRC")                                                                  \
	X(PROXY_DST, "PROXY:DST")

enum pfsync_tcp_state {
#define X(e, n) PFSYNC_TCPS_##e,
	PFSYNC_TCP_STATES(X)
#undef X
};

#define PFSYNC_PEER_STATE_MAX PFSYNC_TCPS_PROXY_DST /* PF_TCPS_PROXY_DST */

#define PFSYNC_IPPROTO_ICMP   1
#define PFSYNC_IPPROTO_TCP    6
#define PFSYNC_IPPROTO_UDP    17
#define PFSYNC_IPPROTO_ICMPV6 58

/* Peer state name for `proto` ("ESTABLISHED", "MULTIPLE", ...). */
const char *pfsync_peer_state_name(uint8_t proto, uint8_t state);

#endif /* PFSYNC_PROTO_H */
