/* SPDX-License-Identifier: BSD-2-Clause */
/* The ruleset as rte_acl contexts: see fwd_filter_acl.h. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rte_acl.h>
#include <rte_byteorder.h>

#include "fwd_filter_acl.h"

/*
 * The classifier's input, network order as rte_acl reads it: the first
 * field one byte alone (rte_acl's rule), then groups of 4 bytes:
 *   0 proto | 1 dir, tcp flags, packet class, pad | 5 src | dst | sport, dport | ifindex
 * with the addresses 1 (IPv4) or 4 (IPv6) words each.
 */
enum { F_PROTO, F_DIR, F_FLAGS, F_CLS, F_PAD, F_ADDR }; /* then src, dst words, sport, dport, ifx */

#define OFF_ADDR 5
#define NF4      (F_ADDR + 2 + 3)
#define NF6      (F_ADDR + 8 + 3)
#define IN_MAX   (OFF_ADDR + 32 + 8)

RTE_ACL_RULE_DEF(acl_rule6, NF6);

static void def(struct rte_acl_field_def *d, unsigned *n, uint8_t type, uint8_t size, uint32_t off,
                uint32_t *word, bool same_word)
{
	if (!same_word && *n > 0)
		(*word)++;
	d[*n] = (struct rte_acl_field_def){.type = type,
	                                   .size = size,
	                                   .field_index = (uint8_t)*n,
	                                   .input_index = (uint8_t)*word,
	                                   .offset = off};
	(*n)++;
}

/* Field layout of one family: naddr words per address. */
static unsigned field_defs(struct rte_acl_field_def *d, unsigned naddr)
{
	uint32_t tail = OFF_ADDR + 8 * naddr, w = 0; /* tail: sport */
	unsigned n = 0;

	def(d, &n, RTE_ACL_FIELD_TYPE_RANGE, 1, 0, &w, true);
	def(d, &n, RTE_ACL_FIELD_TYPE_RANGE, 1, 1, &w, false);
	def(d, &n, RTE_ACL_FIELD_TYPE_BITMASK, 1, 2, &w, true);
	def(d, &n, RTE_ACL_FIELD_TYPE_BITMASK, 1, 3, &w, true);
	def(d, &n, RTE_ACL_FIELD_TYPE_BITMASK, 1, 4, &w, true);
	for (unsigned i = 0; i < 2 * naddr; i++)
		def(d, &n, RTE_ACL_FIELD_TYPE_MASK, 4, OFF_ADDR + 4 * i, &w, false);
	def(d, &n, RTE_ACL_FIELD_TYPE_RANGE, 2, tail, &w, false);
	def(d, &n, RTE_ACL_FIELD_TYPE_RANGE, 2, tail + 2, &w, true);
	def(d, &n, RTE_ACL_FIELD_TYPE_RANGE, 4, tail + 4, &w, false);
	return n;
}

static void range8(struct rte_acl_field *f, uint8_t lo, uint8_t hi)
{
	f->value.u8 = lo;
	f->mask_range.u8 = hi;
}

static void range16(struct rte_acl_field *f, uint16_t lo, uint16_t hi)
{
	f->value.u16 = lo;
	f->mask_range.u16 = hi;
}

/* Word i (0-3) of a prefix: value host order, mask the bits of plen in it. */
static void set_prefix_word(struct rte_acl_field *f, const struct pf_addr *a, unsigned plen,
                            unsigned i)
{
	uint32_t v;
	unsigned bits = plen > 32 * i ? plen - 32 * i : 0;

	memcpy(&v, &a->b[4 * i], 4);
	f->value.u32 = rte_be_to_cpu_32(v);
	f->mask_range.u32 = bits > 32 ? 32 : bits;
}

static void prim_rule(const struct pf_acl_prim *p, struct acl_rule6 *r, unsigned naddr)
{
	unsigned k = F_ADDR;

	memset(r, 0, sizeof(*r));
	r->data.category_mask = 1u << p->category;
	r->data.priority = (int32_t)p->priority;
	r->data.userdata = p->rule + 1;
	range8(&r->field[F_PROTO], p->proto_lo, p->proto_hi);
	range8(&r->field[F_DIR], p->dir_lo, p->dir_hi);
	r->field[F_FLAGS].value.u8 = p->flags_val;
	r->field[F_FLAGS].mask_range.u8 = p->flags_mask;
	r->field[F_CLS].value.u8 = p->class_val;
	r->field[F_CLS].mask_range.u8 = p->class_mask;
	for (unsigned i = 0; i < naddr; i++)
		set_prefix_word(&r->field[k++], &p->src, p->src_plen, i);
	for (unsigned i = 0; i < naddr; i++)
		set_prefix_word(&r->field[k++], &p->dst, p->dst_plen, i);
	range16(&r->field[k++], p->sport_lo, p->sport_hi);
	range16(&r->field[k++], p->dport_lo, p->dport_hi);
	r->field[k].value.u32 = p->if_lo;
	r->field[k].mask_range.u32 = p->if_hi;
}

static int build_family(struct fwd_filter_acl *a, const struct pf_acl *acl, unsigned fam,
                        const char *name, int socket)
{
	unsigned naddr = fam == 0 ? 1 : 4;
	uint8_t af = fam == 0 ? PF_AF_INET : PF_AF_INET6;
	struct rte_acl_config cfg = {.num_categories = RTE_ACL_RESULTS_MULTIPLIER, .max_size = 0};
	char cname[RTE_ACL_NAMESIZE];
	struct rte_acl_param prm;
	struct acl_rule6 r;
	uint32_t n = 0;
	int rc;

	for (uint32_t i = 0; i < acl->n; i++)
		n += acl->prims[i].af == af;
	if (n == 0)
		return 0;
	snprintf(cname, sizeof(cname), "%s_%u", name, fam == 0 ? 4 : 6);
	prm = (struct rte_acl_param){.name = cname,
	                             .socket_id = socket,
	                             .rule_size = RTE_ACL_RULE_SZ(fam == 0 ? NF4 : NF6),
	                             .max_rule_num = n};
	a->ctx[fam] = rte_acl_create(&prm);
	if (a->ctx[fam] == NULL)
		return -ENOMEM;
	for (uint32_t i = 0; i < acl->n; i++) {
		if (acl->prims[i].af != af)
			continue;
		prim_rule(&acl->prims[i], &r, naddr);
		if ((rc = rte_acl_add_rules(a->ctx[fam], (const struct rte_acl_rule *)&r, 1)) != 0)
			return rc;
	}
	cfg.num_fields = field_defs(cfg.defs, naddr);
	return rte_acl_build(a->ctx[fam], &cfg);
}

int fwd_filter_acl_build(struct fwd_filter_acl *a, const struct pf_ruleset *rs, const char *name,
                         int socket)
{
	struct pf_acl acl = {0};
	int rc;

	memset(a, 0, sizeof(*a));
	a->rs = rs;
	if ((rc = pf_acl_expand(rs, &acl, 1u << 20)) != 0)
		return rc;
	a->nat_fallback = acl.nat_fallback;
	a->nprims = acl.n;
	rc = build_family(a, &acl, 0, name, socket);
	if (rc == 0)
		rc = build_family(a, &acl, 1, name, socket);
	pf_acl_free(&acl);
	if (rc != 0)
		fwd_filter_acl_free(a);
	return rc;
}

void fwd_filter_acl_free(struct fwd_filter_acl *a)
{
	for (unsigned i = 0; i < 2; i++) {
		rte_acl_free(a->ctx[i]);
		a->ctx[i] = NULL;
	}
}

void fwd_filter_acl_classify(void *arg, const struct pf_pkt_meta *m, struct pf_eval_result *res)
{
	const struct fwd_filter_acl *a = arg;
	unsigned fam = m->af == PF_AF_INET6, alen = fam ? 16 : 4;
	uint32_t results[RTE_ACL_RESULTS_MULTIPLIER] = {0};
	uint8_t in[IN_MAX] = {0};
	const uint8_t *data = in;
	uint16_t sp, dp;
	uint32_t ifx;
	struct pf_acl_key k;

	pf_acl_key_from_meta(m, &k);
	in[0] = k.proto;
	in[1] = k.dir;
	in[2] = k.tcp_flags;
	in[3] = k.pkt_class;
	memcpy(&in[OFF_ADDR], k.src.b, alen);
	memcpy(&in[OFF_ADDR + alen], k.dst.b, alen);
	sp = rte_cpu_to_be_16(k.sport);
	dp = rte_cpu_to_be_16(k.dport);
	ifx = rte_cpu_to_be_32(k.ifindex);
	memcpy(&in[OFF_ADDR + 2 * alen], &sp, 2);
	memcpy(&in[OFF_ADDR + 2 + 2 * alen], &dp, 2);
	memcpy(&in[OFF_ADDR + 4 + 2 * alen], &ifx, 4);
	if (a->ctx[fam] != NULL)
		rte_acl_classify(a->ctx[fam], &data, results, 1, RTE_ACL_RESULTS_MULTIPLIER);
	pf_acl_resolve(a->rs, m, (int32_t)results[PF_ACL_FILTER] - 1,
	               (int32_t)results[PF_ACL_NAT] - 1, res);
}
