/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rtr_args.h"

const char rtr_usage[] =
    "usage: carp-router [EAL args] -- -c FILE [--check] [--version] [--help]\n"
    "       carp-router -c FILE --check\n"
    "\n"
    "  -c, --config FILE  configuration file (docs/configuration.md)\n"
    "  --check            validate the configuration and exit: 0 valid, 1 invalid;\n"
    "                     with EAL args, also check devices and lcores (no port is\n"
    "                     configured or started)\n"
    "  --version          print the version and exit\n"
    "  -h, --help         print this help and exit\n"
    "\n"
    "EAL args (-l, --vdev, --file-prefix, --no-pci, ...) go before \"--\".\n"
    "SIGINT/SIGTERM stop the router cleanly. Telemetry: /router/info, /router/stats,\n"
    "/router/routes, /router/neighbors, /router/lcores (docs/operations.md).\n";

static int fail(char *err, size_t len, const char *fmt, const char *arg)
{
	snprintf(err, len, fmt, arg);
	return -EINVAL;
}

int rtr_args_parse(int argc, char **argv, struct rtr_args *a, char *err, size_t len)
{
	int sep = -1;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			sep = i;
			break;
		}
	/* Without "--" every argument is ours and EAL runs with defaults. */
	a->eal_argc = sep < 0 ? 1 : sep;
	a->eal_argv = argv;
	a->eal_given = a->eal_argc > 1;
	for (i = 1; i < a->eal_argc; i++)
		if (strncmp(argv[i], "--log-level", 11) == 0)
			a->log_level_given = true;

	for (i = sep < 0 ? 1 : sep + 1; i < argc; i++) {
		const char *o = argv[i];

		if (strcmp(o, "-c") == 0 || strcmp(o, "--config") == 0) {
			if (i + 1 == argc)
				return fail(err, len, "option %s needs a file name", o);
			a->config = argv[++i];
		} else if (strncmp(o, "--config=", 9) == 0) {
			a->config = o + 9;
		} else if (strcmp(o, "--check") == 0) {
			a->check = true;
		} else if (strcmp(o, "--version") == 0) {
			a->version = true;
		} else if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			a->help = true;
		} else if (o[0] == '-') {
			return fail(err, len,
			            sep < 0 ? "unknown option '%s' (EAL arguments go before \"--\")"
			                    : "unknown option '%s'",
			            o);
		} else {
			return fail(err, len, "unknown argument '%s'", o);
		}
	}
	if (a->config == NULL && !a->help && !a->version)
		return fail(err, len, "%s", "missing -c FILE");
	if (a->config != NULL && *a->config == '\0')
		return fail(err, len, "%s", "empty configuration file name");
	return 0;
}
