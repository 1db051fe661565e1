/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: arbitrary bytes as a configuration file. Whatever the
 * input, loading must not crash or leak, and the result must be consistent:
 * valid <=> no message; invalid => at least one message, each starting with
 * the file name; a valid carp section is accepted by lib/carp
 * (carp_if_init, carp_host_attach); IPv6 routes and neighbours name a port. Built and run by
 * tests/config/test_fuzz_cfg.sh.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carp_if.h"
#include "cfg.h"
#include "cfg_carp_lib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t fixed_random(void *arg)
{
	(void)arg;
	return 1;
}

/* What the configuration accepts, lib/carp must accept too (no surprise at
 * start): every carp interface initialises and attaches to one host. */
static void carp_accepts(const struct cfg *cfg)
{
	static const uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
	static struct carp_action buf[CARP_ACTIONS_HINT];
	static struct carp_if ifs[CFG_CARP_IFS_MAX];
	static struct carp_host host;
	struct carp_host_config hc;
	struct carp_if_config ic;
	struct carp_actions out;
	unsigned int n = 0;
	bool ok = true;

	cfg_carp_to_host_config(cfg, &hc);
	hc.random = fixed_random;
	if (carp_host_init(&host, &hc) != 0)
		abort(); /* fuzz invariant failed: host config refused */
	carp_actions_init(&out, buf, CARP_ACTIONS_HINT);
	for (; n < cfg->carp.n_ifs && ok; n++) {
		ok = cfg_carp_to_if_config(cfg, n, (uint16_t)cfg->carp.ifs[n].carpdev_port, mac,
		                           &ic) == 0 &&
		     carp_if_init(&ifs[n], &ic, NULL, 0) == 0;
		if (ok && carp_host_attach(&host, &ifs[n], 0, &out) != 0) {
			carp_if_fini(&ifs[n]);
			ok = false;
		}
	}
	for (unsigned int i = 0; i < n - (ok ? 0 : 1); i++) {
		carp_host_detach(&host, &ifs[i], 1, &out);
		carp_if_fini(&ifs[i]);
	}
	if (!ok)
		abort(); /* fuzz invariant failed: valid carp section refused by lib/carp */
}

/* msg starts with the file name path ("" names nothing). */
static bool names(const char *msg, const char *path)
{
	return path[0] != '\0' && strncmp(msg, path, strlen(path)) == 0;
}

/* A valid file's IPv6 next hops each name a port (app/rtr_dataplane6.c indexes with it). */
static void ipv6_ports_set(const struct cfg *cfg)
{
	for (unsigned int i = 0; i < cfg->n_routes6; i++)
		if (cfg->routes6[i].port < 0 || cfg->routes6[i].port >= (int)cfg->n_ports)
			abort(); /* fuzz invariant failed: route6 without its port */
	for (unsigned int i = 0; i < cfg->n_neighs6; i++)
		if (cfg->neighs6[i].port < 0 || cfg->neighs6[i].port >= (int)cfg->n_ports)
			abort(); /* fuzz invariant failed: neighbour6 without its port */
}

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
	/* a message names f.cfg, or the ifstated or rule file for that file's errors */
	for (unsigned int i = 0; i < errs.n; i++)
		if ((strncmp(errs.msg[i], "f.cfg", 5) != 0 &&
		     !names(errs.msg[i], cfg.ifstated_path) &&
		     !names(errs.msg[i], cfg.filter.rules)) ||
		    memchr(errs.msg[i], '\0', CFG_ERROR_LEN) == NULL)
			abort(); /* fuzz invariant failed: message without file name */
	if (ret == 0 && cfg.n_ports == 0)
		abort(); /* fuzz invariant failed: valid without ports */
	if (ret == 0) {
		carp_accepts(&cfg);
		ipv6_ports_set(&cfg);
	}
	cfg_free(&cfg);
	free(text);
	return 0;
}
