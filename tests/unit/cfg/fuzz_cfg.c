/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: arbitrary bytes as a configuration file. Whatever the
 * input, loading must not crash or leak, and the result must be consistent:
 * valid <=> no message; invalid => at least one message, each starting with
 * the file name. Built and run by tests/config/test_fuzz_cfg.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_errors errs;
	struct cfg cfg;
	char *text = malloc(size + 1);
	int ret;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* libconfig reads a C string: stops at the first NUL */
	cfg_errors_init(&errs);
	ret = cfg_load_string(&cfg, "f.cfg", text, &errs);
	if ((ret == 0) != (errs.n == 0))
		abort(); /* fuzz invariant failed: verdict and messages disagree */
	for (unsigned int i = 0; i < errs.n; i++)
		if (strncmp(errs.msg[i], "f.cfg", 5) != 0 ||
		    memchr(errs.msg[i], '\0', CFG_ERROR_LEN) == NULL)
			abort(); /* fuzz invariant failed: message without file name */
	if (ret == 0 && cfg.n_ports == 0)
		abort(); /* fuzz invariant failed: valid without ports */
	cfg_free(&cfg);
	free(text);
	return 0;
}
