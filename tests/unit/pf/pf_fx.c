/* SPDX-License-Identifier: BSD-2-Clause */
/* The filter fixture of pf_fx.h. */
#include <stdlib.h>

#include "pf_frames.h"
#include "pf_fx.h"
#include "pf_test.h"

static void on_remove(void *arg, const struct pf_state *st)
{
	(void)st;
	((struct t_fx *)arg)->removed++;
}

struct t_fx *t_fx_new(const char *text, uint32_t hostid)
{
	struct t_fx *x = calloc(1, sizeof(*x));

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	x->rs = t_parse(text);
	CU_ASSERT_EQUAL_FATAL(
	    pf_filter_init(&x->f, x->slots, T_FX_SLOTS, x->ents, T_FX_ENTS, hostid, 1), 0);
	pf_filter_set_ruleset(&x->f, x->rs, 1);
	return x;
}

void t_fx_free(struct t_fx *x)
{
	pf_ruleset_free(x->rs);
	free(x);
}

void t_fx_count_removals(struct t_fx *x)
{
	x->f.on_remove = on_remove;
	x->f.on_remove_ctx = x;
}

struct pf_result t_fx_run(struct t_fx *x, uint16_t ifx, uint8_t dir, uint8_t *buf, size_t n,
                          uint32_t now)
{
	struct pf_result r;

	pf_filter_packet(&x->f, ifx, dir, buf, n, true, now, &r);
	return r;
}

size_t t_tcp_frame(uint8_t *buf, const char *s, uint16_t sp, const char *d, uint16_t dp,
                   uint8_t flags, uint32_t seq, uint32_t ack, size_t len)
{
	uint8_t l4[1600];

	return t_frame(buf, true, s, d, 6, l4,
	               t_tcp(l4, sp, dp, seq, ack, flags, 8000, NULL, 0, len), false);
}
