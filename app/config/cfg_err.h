/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A bounded list of configuration error messages, each "FILE:LINE: reason".
 * Fixed storage so that reporting an error can never fail.
 */
#ifndef RTR_CFG_ERR_H
#define RTR_CFG_ERR_H

#define CFG_ERRORS_MAX 32
#define CFG_ERROR_LEN  256

struct cfg_errors {
	unsigned int n;       /* messages stored */
	unsigned int dropped; /* messages beyond CFG_ERRORS_MAX */
	char msg[CFG_ERRORS_MAX][CFG_ERROR_LEN];
};

void cfg_errors_init(struct cfg_errors *errs);

/* Add "FILE:LINE: " + fmt; line <= 0 gives "FILE: " + fmt. */
void cfg_errorf(struct cfg_errors *errs, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Add a message that already names its file and line (a library's own). */
void cfg_errors_add(struct cfg_errors *errs, const char *msg);

#endif /* RTR_CFG_ERR_H */
