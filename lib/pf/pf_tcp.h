/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP state tracking as pf (pf.c pf_test_state / pf_tcp_track_full /
 * pf_tcp_track_sloppy): Guido van Rooij's sequence windows.
 *
 * For a segment from peer `src` to peer `dst` (seq, ack, win, data length
 * len; end = seq + len (+1 for SYN, +1 for FIN); sws/dws the window scale
 * shifts once both sides negotiated one, 0 on SYNs), the strict check is
 *
 *   end <= src.seqhi                          inside the receiver's window
 *   seq >= src.seqlo - (dst.max_win << dws)   retransmit at most a window back
 *   -MAXACKWINDOW <= dst.seqlo - ack           ack not behind one big packet
 *   dst.seqlo - ack <= MAXACKWINDOW << sws     ack not more than a window ahead
 *   RST: seq == src.seqlo, seqlo + 1 or seqlo - 1   (blind resets fail)
 *
 * with MAXACKWINDOW = 65535 + 1500. A passing segment advances src.seqlo,
 * src.max_win and dst.seqhi (= ack + win << sws) and the per-side TCP
 * states, which choose the timeout (tcp.opening/established/closing/
 * finwait/closed). pf's loose branch (not established yet, or closing)
 * accepts a window of MAXACKWINDOW around the edges without moving the
 * state on. Anything else is dropped with the reason below and leaves the
 * state as it was (pf's handshake exception, both sides in SYN_SENT,
 * forgets the sender's side so a fresh SYN re-arms it, and asks for a RST).
 *
 * Our addition: a state marked PF_SL_IMPORTED (pfsync) takes each side's
 * first segment here without the ack-skew test and with windows widened by
 * (65535 << shift) + MAXACKWINDOW, then returns to the strict check.
 */
#ifndef PF_TCP_H
#define PF_TCP_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_state.h"

#define PF_MAXACKWINDOW     (0xffff + 1500)
#define PF_TCP_MAXWIN       65535
#define PF_TCP_MAX_WINSHIFT 14

/* The parsed TCP header fields the tracker reads. */
struct pf_tcp_seg {
	uint8_t flags; /* PF_TH_* */
	uint32_t seq, ack;
	uint16_t win;   /* unscaled, as on the wire */
	uint8_t wscale; /* PF_WSCALE_FLAG | shift (max 14) if a SYN carried the option, else 0 */
	uint16_t mss;   /* MSS option, 0 if none */
	uint32_t len;   /* payload bytes */
};

/* X(ENUM, description) */
#define PF_TCP_REASONS(X)                                                                          \
	X(OK, "in window")                                                                         \
	X(LOOSE, "accepted by the loose (handshake/closing) window")                               \
	X(SEQ_AHEAD, "data beyond the receiver's window")                                          \
	X(SEQ_BEHIND, "retransmission more than one window back")                                  \
	X(ACK_BEHIND, "ack more than MAXACKWINDOW behind")                                         \
	X(ACK_AHEAD, "ack more than one window ahead")                                             \
	X(BAD_RST, "RST whose sequence is not exact")                                              \
	X(HANDSHAKE, "mismatch during the handshake")                                              \
	X(SYN_REUSE, "SYN on a closed state: state to be replaced")                                \
	X(SYN_ESTABLISHED, "SYN on an established state")

enum pf_tcp_reason {
#define X(e, d) PF_TCP_##e,
	PF_TCP_REASONS(X)
#undef X
	    PF_TCP__COUNT
};

struct pf_tcp_out {
	bool pass;
	enum pf_tcp_reason reason;
	bool send_rst;      /* pf would answer with a RST (handshake mismatch) */
	bool challenge_ack; /* pf would send a challenge ACK (SYN on established) */
};

const char *pf_tcp_reason_desc(enum pf_tcp_reason r);

/*
 * One segment of direction dir against a TCP state at time now. On SYN_REUSE
 * the state is marked PFTM_PURGE and the caller evaluates the rules for the
 * segment as for a new connection (pf does the same).
 */
void pf_tcp_test(struct pf_state *st, const struct pf_tcp_seg *seg, uint8_t dir, uint32_t now,
                 struct pf_tcp_out *out);

/* Read the window scale and MSS options of a TCP header (opts, olen bytes). */
void pf_tcp_options(const uint8_t *opts, unsigned olen, uint8_t *wscale, uint16_t *mss);

#endif /* PF_TCP_H */
