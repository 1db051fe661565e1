/* SPDX-License-Identifier: BSD-2-Clause */
/* Parameters of the /carp/ write commands -> struct ctl_req (pure). */
#include "ctl_req.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[] = {
#define X(e, n, u) n,
    CTL_REQ_OPS(X)
#undef X
};
static const char *const op_usage[] = {
#define X(e, n, u) u,
    CTL_REQ_OPS(X)
#undef X
};

const char *ctl_req_op_name(enum ctl_req_op op)
{
	return (unsigned int)op < CTL_REQ__COUNT ? op_names[op] : "?";
}

bool ctl_req_params_safe(const char *params)
{
	if (params == NULL)
		return false;
	for (const char *p = params; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("_.+-,", *p) == NULL)
			return false;
	return true;
}

/* Decimal with an optional sign, nothing else; false when malformed (the
 * caller checked the charset: no blank strtol would skip). */
static bool parse_int(const char *s, bool sign_ok, long *out)
{
	char *end;

	if (*s == '\0' || (!sign_ok && (*s == '+' || *s == '-')))
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && end != s;
}

static int usage(enum ctl_req_op op, char *err, unsigned int errlen)
{
	snprintf(err, errlen, "usage: /carp/%s,%s", op_names[op], op_usage[op]);
	return -EINVAL;
}

int ctl_req_parse(enum ctl_req_op op, const char *params, struct ctl_req *req, char *err,
                  unsigned int errlen)
{
	char buf[128], *f[4], *save = NULL, *tok;
	unsigned int n = 0, want = op == CTL_REQ_DEMOTE ? 2 : 3;
	long v;

	memset(req, 0, sizeof(*req));
	if ((unsigned int)op >= CTL_REQ__COUNT) {
		snprintf(err, errlen, "unknown request");
		return -EINVAL;
	}
	req->op = (uint8_t)op;
	if (params == NULL || strlen(params) >= sizeof(buf))
		return usage(op, err, errlen);
	if (!ctl_req_params_safe(params)) {
		snprintf(err, errlen, "parameters may hold only letters, digits, '_', '.', '+', '-' "
		                      "and commas (no spaces)");
		return -EINVAL;
	}
	strcpy(buf, params);
	/* strtok_r would merge empty fields: split by hand */
	for (tok = buf; n < 4; n++) {
		f[n] = tok;
		save = strchr(tok, ',');
		if (save == NULL) {
			n++;
			break;
		}
		*save = '\0';
		tok = save + 1;
	}
	if (n != want || save != NULL || f[0][0] == '\0')
		return usage(op, err, errlen);
	if (strlen(f[0]) >= sizeof(req->name)) {
		snprintf(err, errlen, "name \"%s\" longer than %zu characters", f[0],
		         sizeof(req->name) - 1);
		return -EINVAL;
	}
	strcpy(req->name, f[0]);
	if (op == CTL_REQ_DEMOTE) {
		if (!parse_int(f[1], true, &v) || v < -255 || v > 255) {
			snprintf(err, errlen, "demote delta \"%s\" is not a number -255..+255",
			         f[1]);
			return -EINVAL;
		}
		req->value = (int32_t)v;
		return 0;
	}
	if (!parse_int(f[1], false, &v) || v < 1 || v > 255) {
		snprintf(err, errlen, "vhid \"%s\" out of range 1-255", f[1]);
		return -EINVAL;
	}
	req->vhid = (uint8_t)v;
	if (op == CTL_REQ_STATE) {
		if (strcmp(f[2], "master") == 0 || strcmp(f[2], "MASTER") == 0)
			req->value = 1;
		else if (strcmp(f[2], "backup") == 0 || strcmp(f[2], "BACKUP") == 0)
			req->value = 0;
		else {
			snprintf(err, errlen, "state \"%s\" is neither master nor backup", f[2]);
			return -EINVAL;
		}
		return 0;
	}
	if (!parse_int(f[2], false, &v) || v < 0 || v > 254) {
		snprintf(err, errlen, "advskew \"%s\" out of range 0-254", f[2]);
		return -EINVAL;
	}
	req->value = (int32_t)v;
	return 0;
}
