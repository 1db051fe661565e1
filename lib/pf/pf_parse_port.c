/* SPDX-License-Identifier: BSD-2-Clause */
/* Ports, protocols and TCP flags of a rule (pfctl's portspec, proto, flags). */
#include "pf_names.h"
#include "pf_parse_int.h"

#include <stdio.h>
#include <string.h>

/* getservice(): a number 0-65535 or a service name. */
static bool service(struct pf_parser *p, uint32_t line, const char *s, uint16_t *out)
{
	uint64_t v = 0;
	const char *c;
	int port;

	if (*s >= '0' && *s <= '9') {
		for (c = s; *c != '\0'; c++) {
			if (*c < '0' || *c > '9')
				return pp_err(p, line, "unknown port %s", s);
			v = v * 10 + (uint64_t)(*c - '0');
			if (v > 65535)
				return pp_err(p, line, "illegal port value %s", s);
		}
		*out = (uint16_t)v;
		return true;
	}
	port = pf_service_byname(s);
	if (port < 0)
		return pp_err(p, line, "unknown port %s", s);
	*out = (uint16_t)port;
	return true;
}

/* parseport(): "p" or "a:b" (a == b is just "a"). */
bool pp_portrange(struct pf_parser *p, const struct pf_token *t, uint16_t *a, uint16_t *b,
                  bool *range)
{
	char buf[PF_TOK_MAX + 1];
	char *colon;

	if (t->type != PF_T_WORD && t->type != PF_T_STRING)
		return pp_err(p, t->line, "syntax error at \"%s\": expected a port", t->text);
	snprintf(buf, sizeof(buf), "%s", t->text);
	colon = strchr(buf, ':');
	*range = false;
	*b = 0;
	if (colon == NULL)
		return service(p, t->line, buf, a);
	*colon = '\0';
	if (!service(p, t->line, buf, a) || !service(p, t->line, colon + 1, b))
		return false;
	if (*a == *b)
		*b = 0;
	else
		*range = true;
	return true;
}

/* validate_range() of parse.y. */
static bool range_valid(uint8_t op, uint16_t a, uint16_t b)
{
	return !((op == PF_OP_RRG && a > b) || (op == PF_OP_IRG && a >= b) ||
	         (op == PF_OP_XRG && a > b));
}

static int unary_op(enum pf_tok type)
{
	switch (type) {
	case PF_T_EQ:
		return PF_OP_EQ;
	case PF_T_NE:
		return PF_OP_NE;
	case PF_T_LT:
		return PF_OP_LT;
	case PF_T_LE:
		return PF_OP_LE;
	case PF_T_GT:
		return PF_OP_GT;
	case PF_T_GE:
		return PF_OP_GE;
	default:
		return -1;
	}
}

/* port_item: portrange | unaryop portrange | portrange (<>|><) portrange */
static bool port_item(struct pf_parser *p, struct pf_vec *ports)
{
	struct pf_rule_port rp = {0};
	struct pf_token t, t2;
	bool range, range2;
	int op = unary_op(pp_peek(p)->type);

	if (op >= 0) {
		pp_next(p, &t);
		pp_next(p, &t);
		if (!pp_portrange(p, &t, &rp.a, &rp.b, &range))
			return false;
		if (range)
			return pp_err(p, t.line, "':' cannot be used with an other port operator");
		rp.op = (uint8_t)op;
		rp.b = 0;
		return pf_vec_push(p, ports, &rp, sizeof(rp));
	}
	pp_next(p, &t);
	if (!pp_portrange(p, &t, &rp.a, &rp.b, &range))
		return false;
	if (pp_peek(p)->type == PF_T_XRG || pp_peek(p)->type == PF_T_IRG) {
		uint16_t unused;

		rp.op = pp_peek(p)->type == PF_T_XRG ? PF_OP_XRG : PF_OP_IRG;
		pp_next(p, &t2);
		pp_next(p, &t2);
		if (!pp_portrange(p, &t2, &rp.b, &unused, &range2))
			return false;
		if (range || range2)
			return pp_err(p, t.line, "':' cannot be used with an other port operator");
	} else {
		rp.op = range ? PF_OP_RRG : PF_OP_EQ;
	}
	if (!range_valid(rp.op, rp.a, rp.b))
		return pp_err(p, t.line, "invalid port range");
	return pf_vec_push(p, ports, &rp, sizeof(rp));
}

bool pp_portspec(struct pf_parser *p, struct pf_vec *ports)
{
	if (!pp_accept_tok(p, PF_T_LBRACE))
		return port_item(p, ports);
	pp_skip_nl(p);
	do {
		if (!port_item(p, ports))
			return false;
		pp_accept_tok(p, PF_T_COMMA);
		pp_skip_nl(p);
	} while (!pp_failed(p) && pp_peek(p)->type != PF_T_RBRACE && pp_peek(p)->type != PF_T_EOF);
	return pp_expect_tok(p, PF_T_RBRACE, "\"}\"");
}

static bool proto_item(struct pf_parser *p, struct pf_vec *protos)
{
	struct pf_token t;
	uint8_t pr;

	pp_next(p, &t);
	if (t.type != PF_T_WORD && t.type != PF_T_STRING)
		return pp_err(p, t.line, "syntax error at \"%s\": expected a protocol", t.text);
	if (t.text[0] >= '0' && t.text[0] <= '9') {
		uint64_t v;
		const char *c;

		for (c = t.text, v = 0; *c != '\0'; c++) {
			if (*c < '0' || *c > '9')
				return pp_err(p, t.line, "unknown protocol %s", t.text);
			if ((v = v * 10 + (uint64_t)(*c - '0')) > 255)
				return pp_err(p, t.line, "protocol outside range");
		}
		pr = (uint8_t)v;
	} else {
		int v = pf_proto_byname(t.text);

		if (v < 0)
			return pp_err(p, t.line, "unknown protocol %s", t.text);
		pr = (uint8_t)v;
	}
	if (pr == 0)
		return pp_err(p, t.line, "proto 0 cannot be used");
	return pf_vec_push(p, protos, &pr, sizeof(pr));
}

bool pp_protospec(struct pf_parser *p, struct pf_vec *protos)
{
	if (!pp_accept_tok(p, PF_T_LBRACE))
		return proto_item(p, protos);
	pp_skip_nl(p);
	do {
		if (!proto_item(p, protos))
			return false;
		pp_accept_tok(p, PF_T_COMMA);
		pp_skip_nl(p);
	} while (!pp_failed(p) && pp_peek(p)->type != PF_T_RBRACE && pp_peek(p)->type != PF_T_EOF);
	return pp_expect_tok(p, PF_T_RBRACE, "\"}\"");
}

/* parse_flags(): letters FSRPAUEW; -1 on any other character. */
static int parse_flags(const char *s)
{
	static const char letters[] = "FSRPAUEW";
	int f = 0;

	for (; *s != '\0'; s++) {
		const char *c = strchr(letters, *s);

		if (c == NULL)
			return -1;
		f |= 1 << (c - letters);
	}
	return f;
}

/* flags F/M | flags /M | flags any */
bool pp_flags(struct pf_parser *p, struct pf_p_rule *r)
{
	struct pf_token t;
	int f = 0, m;

	pp_next(p, &t); /* flags */
	if (r->flags_given)
		return pp_err(p, t.line, "flags cannot be redefined");
	r->flags_given = true;
	if (pp_accept(p, "any")) {
		r->flags = r->flagset = 0;
		return true;
	}
	if (pp_peek(p)->type != PF_T_SLASH) {
		pp_next(p, &t);
		if (t.type != PF_T_WORD || (f = parse_flags(t.text)) < 0)
			return pp_err(p, t.line, "bad flags %s", t.text);
	}
	if (!pp_expect_tok(p, PF_T_SLASH, "\"/\" and the flags to check"))
		return false;
	pp_next(p, &t);
	if (t.type != PF_T_WORD || (m = parse_flags(t.text)) < 0)
		return pp_err(p, t.line, "bad flags %s", t.text);
	if ((f & m) != f)
		return pp_err(p, t.line, "flags always false");
	r->flags = (uint8_t)f;
	r->flagset = (uint8_t)m;
	return true;
}
