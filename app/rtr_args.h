/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Command line: carp-router [EAL args] -- -c FILE [--check] [--version] [--help]
 * Split at "--" before EAL sees anything, so --check, --version and --help
 * work without EAL (and without hugepages or root). Pure.
 */
#ifndef RTR_ARGS_H
#define RTR_ARGS_H

#include <stdbool.h>
#include <stddef.h>

struct rtr_args {
	const char *config; /* -c FILE */
	bool check;
	bool version;
	bool help;
	/* EAL arguments: argv[0] followed by everything before "--". */
	int eal_argc;
	char **eal_argv;      /* points into the argv given to rtr_args_parse */
	bool eal_given;       /* at least one EAL argument */
	bool log_level_given; /* EAL has --log-level: it wins over the file's */
};

/* 0, or -EINVAL with a one-line reason in err. */
int rtr_args_parse(int argc, char **argv, struct rtr_args *a, char *err, size_t len);

/* The usage text (for --help and after a command line error). */
extern const char rtr_usage[];

#endif /* RTR_ARGS_H */
