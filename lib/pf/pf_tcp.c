/* SPDX-License-Identifier: BSD-2-Clause */
/* TCP tracking as pf: see pf_tcp.h. */
#include "pf_tcp.h"

#include <stddef.h>

/* netinet/tcp_seq.h */
#define SEQ_LT(a, b)  ((int32_t)((a) - (b)) < 0)
#define SEQ_LEQ(a, b) ((int32_t)((a) - (b)) <= 0)
#define SEQ_GT(a, b)  ((int32_t)((a) - (b)) > 0)
#define SEQ_GEQ(a, b) ((int32_t)((a) - (b)) >= 0)

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static const char *const descs[PF_TCP__COUNT] = {
#define X(e, d) [PF_TCP_##e] = d,
    PF_TCP_REASONS(X)
#undef X
};

const char *pf_tcp_reason_desc(enum pf_tcp_reason r)
{
	return (unsigned)r < PF_TCP__COUNT ? descs[r] : "?";
}

void pf_tcp_options(const uint8_t *opts, unsigned olen, uint8_t *wscale, uint16_t *mss)
{
	unsigned i = 0;

	*wscale = 0;
	*mss = 0;
	while (i < olen) {
		unsigned kind = opts[i], len;

		if (kind == 0 || kind == 1) { /* EOL is skipped like NOP, as pf */
			i++;
			continue;
		}
		if (i + 1 >= olen)
			break;
		len = opts[i + 1];
		if (kind == 3 && len >= 3 && i + 2 < olen) {
			unsigned ws = opts[i + 2];

			*wscale = (uint8_t)((ws > PF_TCP_MAX_WINSHIFT ? PF_TCP_MAX_WINSHIFT : ws) |
			                    PF_WSCALE_FLAG);
		} else if (kind == 2 && len >= 4 && i + 3 < olen) {
			*mss = (uint16_t)(opts[i + 2] << 8 | opts[i + 3]);
		}
		i += len > 2 ? len : 2;
	}
}

/* The timeout class for the two peers' TCP states. */
static void tcp_timeout(struct pf_state *st, const struct pf_state_peer *src,
                        const struct pf_state_peer *dst)
{
	if (src->state >= PF_TCPS_FIN_WAIT_2 && dst->state >= PF_TCPS_FIN_WAIT_2)
		st->timeout = PFTM_TCP_CLOSED;
	else if (src->state >= PF_TCPS_CLOSING && dst->state >= PF_TCPS_CLOSING)
		st->timeout = PFTM_TCP_FIN_WAIT;
	else if (src->state < PF_TCPS_ESTABLISHED || dst->state < PF_TCPS_ESTABLISHED)
		st->timeout = PFTM_TCP_OPENING;
	else if (src->state >= PF_TCPS_CLOSING || dst->state >= PF_TCPS_CLOSING)
		st->timeout = PFTM_TCP_CLOSING;
	else
		st->timeout = PFTM_TCP_ESTABLISHED;
}

static void raise_to(uint8_t *state, uint8_t v)
{
	if (*state < v)
		*state = v;
}

static void track_sloppy(struct pf_state *st, struct pf_state_peer *src, struct pf_state_peer *dst,
                         const struct pf_tcp_seg *seg, uint32_t now, struct pf_tcp_out *out)
{
	if (seg->flags & PF_TH_SYN)
		raise_to(&src->state, PF_TCPS_SYN_SENT);
	if (seg->flags & PF_TH_FIN)
		raise_to(&src->state, PF_TCPS_CLOSING);
	if (seg->flags & PF_TH_ACK) {
		if (dst->state == PF_TCPS_SYN_SENT) {
			dst->state = PF_TCPS_ESTABLISHED;
		} else if (dst->state == PF_TCPS_CLOSING) {
			dst->state = PF_TCPS_FIN_WAIT_2;
		} else if (src->state == PF_TCPS_SYN_SENT && dst->state < PF_TCPS_SYN_SENT) {
			/* one half of the connection only: an ACK after our SYN */
			src->state = dst->state = PF_TCPS_ESTABLISHED;
		} else if (src->state == PF_TCPS_CLOSING && dst->state == PF_TCPS_ESTABLISHED &&
		           dst->seqlo == 0) {
			/* closing a half connection without seeing the other FIN/ACK */
			dst->state = PF_TCPS_CLOSING;
		}
	}
	if (seg->flags & PF_TH_RST)
		src->state = dst->state = PF_TCPS_TIME_WAIT;
	st->expire = now;
	tcp_timeout(st, src, dst);
	out->pass = true;
	out->reason = PF_TCP_OK;
}

/* A passing segment: the sender's window and sequence, what the receiver may send. */
static void advance(struct pf_state_peer *src, struct pf_state_peer *dst, uint32_t win, uint8_t sws,
                    uint32_t end, uint32_t ack)
{
	if (src->max_win < win)
		src->max_win = (uint16_t)win;
	if (SEQ_GT(end, src->seqlo))
		src->seqlo = end;
	/* slide the window of what the other end can send */
	if (SEQ_GEQ(ack + (win << sws), dst->seqhi))
		dst->seqhi = ack + max_u32(win << sws, 1);
}

static void track_full(struct pf_state *st, struct pf_state_peer *src, struct pf_state_peer *dst,
                       uint8_t seen_bit, const struct pf_tcp_seg *seg, uint32_t now,
                       struct pf_tcp_out *out)
{
	uint32_t win = seg->win, ack, end, data_end, seq, orig_seq, widen = 0;
	uint8_t sws, dws, flags = seg->flags;
	bool c1, c2, c3, c4, c5, imported;
	int32_t ackskew;

	imported = (st->local_flags & PF_SL_IMPORTED) && !(st->local_flags & seen_bit);
	if (src->wscale && dst->wscale && !(flags & PF_TH_SYN)) {
		sws = src->wscale & PF_WSCALE_MASK;
		dws = dst->wscale & PF_WSCALE_MASK;
	} else {
		sws = dws = 0;
	}
	orig_seq = seq = seg->seq;
	if (src->seqlo == 0) {
		/* first packet from this end: set its state */
		ack = seg->ack;
		end = seq + seg->len;
		if (flags & PF_TH_SYN) {
			end++;
			if (dst->wscale & PF_WSCALE_FLAG) {
				src->wscale = seg->wscale;
				if (src->wscale & PF_WSCALE_FLAG) {
					/* remove the scale factor from the initial window */
					sws = src->wscale & PF_WSCALE_MASK;
					win = (win + (1u << sws) - 1) >> sws;
					dws = dst->wscale & PF_WSCALE_MASK;
				} else {
					/* fix up the other window; the other SYN was scaled */
					uint32_t w = (uint32_t)dst->max_win
					             << (dst->wscale & PF_WSCALE_MASK);

					dst->max_win =
					    (uint16_t)(w > PF_TCP_MAXWIN ? PF_TCP_MAXWIN : w);
					dst->wscale = 0; /* in case of a retransmitted SYN|ACK */
				}
			}
		}
		data_end = end;
		if (flags & PF_TH_FIN)
			end++;
		src->seqlo = seq;
		raise_to(&src->state, PF_TCPS_SYN_SENT);
		/*
		 * May need to slide the window (seqhi may have been set by the
		 * crappy stack check or if we picked up the connection after
		 * establishment).
		 */
		if (src->seqhi == 1 ||
		    SEQ_GEQ(end + max_u32(1, (uint32_t)dst->max_win << dws), src->seqhi))
			src->seqhi = end + max_u32(1, (uint32_t)dst->max_win << dws);
		if (win > src->max_win)
			src->max_win = (uint16_t)win;
	} else {
		ack = seg->ack - dst->seqdiff;
		end = seq + seg->len;
		if (flags & PF_TH_SYN)
			end++;
		data_end = end;
		if (flags & PF_TH_FIN)
			end++;
	}
	if (!(flags & PF_TH_ACK)) {
		ack = dst->seqlo; /* let it pass through the ack skew check */
	} else if ((ack == 0 && (flags & (PF_TH_ACK | PF_TH_RST)) == (PF_TH_ACK | PF_TH_RST)) ||
	           dst->state < PF_TCPS_SYN_SENT) {
		/* many stacks set no ACK number in a FIN|ACK after a SYN timeout */
		ack = dst->seqlo;
	}
	if (seq == end) {
		/* ease sequencing restrictions on no data packets */
		seq = src->seqlo;
		data_end = end = seq;
	}
	ackskew = (int32_t)(dst->seqlo - ack);
	if (imported)
		widen = ((uint32_t)0xffff << dws) + PF_MAXACKWINDOW;
	c1 = SEQ_GEQ(src->seqhi + widen, data_end);
	c2 = SEQ_GEQ(seq, src->seqlo - (imported ? widen : (uint32_t)dst->max_win << dws));
	c3 = imported || ackskew >= -PF_MAXACKWINDOW;
	c4 = imported || (int64_t)ackskew <= ((int64_t)PF_MAXACKWINDOW << sws);
	c5 = !(flags & PF_TH_RST) || orig_seq == src->seqlo || orig_seq == src->seqlo + 1 ||
	     orig_seq + 1 == src->seqlo;
	if (c1 && c2 && c3 && c4 && c5) {
		advance(src, dst, win, sws, end, ack);
		if (flags & PF_TH_SYN)
			raise_to(&src->state, PF_TCPS_SYN_SENT);
		if (flags & PF_TH_FIN)
			raise_to(&src->state, PF_TCPS_CLOSING);
		if (flags & PF_TH_ACK) {
			if (dst->state == PF_TCPS_SYN_SENT)
				dst->state = PF_TCPS_ESTABLISHED;
			else if (dst->state == PF_TCPS_CLOSING)
				dst->state = PF_TCPS_FIN_WAIT_2;
		}
		if (flags & PF_TH_RST)
			src->state = dst->state = PF_TCPS_TIME_WAIT;
		st->expire = now;
		tcp_timeout(st, src, dst);
		st->local_flags |= seen_bit;
		out->pass = true;
		out->reason = PF_TCP_OK;
		return;
	}
	if ((dst->state < PF_TCPS_SYN_SENT || dst->state >= PF_TCPS_FIN_WAIT_2 ||
	     src->state >= PF_TCPS_FIN_WAIT_2) &&
	    SEQ_GEQ(src->seqhi + PF_MAXACKWINDOW, data_end) &&
	    SEQ_GEQ(seq, src->seqlo - PF_MAXACKWINDOW)) {
		/*
		 * Shotgunned SYNs, a stream picked up after establishment, packets
		 * right after the close: pass without refreshing the state's
		 * expiry, so a flood cannot keep it alive.
		 */
		advance(src, dst, win, sws, end, ack);
		if (flags & PF_TH_FIN)
			raise_to(&src->state, PF_TCPS_CLOSING);
		if (flags & PF_TH_RST)
			src->state = dst->state = PF_TCPS_TIME_WAIT;
		out->pass = true;
		out->reason = PF_TCP_LOOSE;
		return;
	}
	out->pass = false;
	if (st->dst.state == PF_TCPS_SYN_SENT && st->src.state == PF_TCPS_SYN_SENT) {
		/* handshake mismatch: pf resets the sender's side and sends a RST */
		out->send_rst = !(flags & PF_TH_RST);
		src->seqlo = 0;
		src->seqhi = 1;
		src->max_win = 1;
		out->reason = PF_TCP_HANDSHAKE;
	} else if (!c1) {
		out->reason = PF_TCP_SEQ_AHEAD;
	} else if (!c2) {
		out->reason = PF_TCP_SEQ_BEHIND;
	} else if (!c3) {
		out->reason = PF_TCP_ACK_BEHIND;
	} else if (!c4) {
		out->reason = PF_TCP_ACK_AHEAD;
	} else {
		out->reason = PF_TCP_BAD_RST;
	}
}

void pf_tcp_test(struct pf_state *st, const struct pf_tcp_seg *seg, uint8_t dir, uint32_t now,
                 struct pf_tcp_out *out)
{
	bool fwd = dir == st->direction;
	struct pf_state_peer *src = fwd ? &st->src : &st->dst, *dst = fwd ? &st->dst : &st->src;

	out->pass = false;
	out->send_rst = out->challenge_ack = false;
	out->reason = PF_TCP_OK;
	if ((seg->flags & (PF_TH_SYN | PF_TH_ACK)) == PF_TH_SYN) {
		if (dst->state >= PF_TCPS_FIN_WAIT_2 && src->state >= PF_TCPS_FIN_WAIT_2) {
			st->timeout = PFTM_PURGE; /* a new connection on an old 4-tuple */
			out->reason = PF_TCP_SYN_REUSE;
			return;
		}
		if (dst->state >= PF_TCPS_ESTABLISHED && src->state >= PF_TCPS_ESTABLISHED) {
			/* the sender rebooted? pf answers with a challenge ACK */
			out->challenge_ack = true;
			out->reason = PF_TCP_SYN_ESTABLISHED;
			return;
		}
	}
	if (st->state_flags & PFSTATE_SLOPPY)
		track_sloppy(st, src, dst, seg, now, out);
	else
		track_full(st, src, dst, fwd ? PF_SL_SEEN_SRC : PF_SL_SEEN_DST, seg, now, out);
}
