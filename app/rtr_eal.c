/* SPDX-License-Identifier: BSD-2-Clause */
/* EAL start-up and the configuration checks that need EAL's view of the machine. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "rtr.h"
#include "rtr_log.h"

#define EAL_ARGS_MAX 256

static bool has_arg(char *const argv[], int argc, const char *arg)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], arg) == 0)
			return true;
	return false;
}

int rtr_eal_init(struct rtr *r)
{
	char *argv[EAL_ARGS_MAX + 3];
	int argc = r->args.eal_argc;
	int ret;

	if (argc > EAL_ARGS_MAX) {
		fprintf(stderr, "carp-router: more than %d EAL arguments\n", EAL_ARGS_MAX);
		return -E2BIG;
	}
	memcpy(argv, r->args.eal_argv, (size_t)argc * sizeof(argv[0]));
	if (r->args.check) {
		/* A check must never collide with a running instance's runtime
		 * files (same --file-prefix) nor open a telemetry socket.
		 * --in-memory refuses --no-huge, whose counterpart is --no-shconf. */
		const char *isolate =
		    has_arg(argv, argc, "--no-huge") ? "--no-shconf" : "--in-memory";

		if (!has_arg(argv, argc, isolate))
			argv[argc++] = (char *)isolate;
		argv[argc++] = (char *)"--no-telemetry";
	}
	argv[argc] = NULL;
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "carp-router: EAL initialisation failed: %s\n",
		        rte_strerror(rte_errno));
		return -rte_errno;
	}
	return 0;
}

/* "net_pcap0, net_pcap1" or "none", for a not-found message. */
static void probed_names(char *buf, size_t len)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	uint16_t pid;

	snprintf(buf, len, "none");
	RTE_ETH_FOREACH_DEV(pid)
	{
		size_t used = strcmp(buf, "none") == 0 ? 0 : strlen(buf);

		if (rte_eth_dev_get_name_by_port(pid, name) != 0)
			continue;
		snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "", name);
	}
}

static void check_port(struct rtr *r, unsigned int i, struct cfg_errors *errs)
{
	const struct cfg_port *p = &r->cfg.ports[i];
	struct rte_eth_dev_info info;
	char names[256];

	if (rte_eth_dev_get_port_by_name(p->device, &r->port_ids[i]) != 0) {
		probed_names(names, sizeof(names));
		cfg_errorf(errs, p->device_loc.file, p->device_loc.line,
		           "port \"%s\": device \"%s\" not found (EAL probed: %s)", p->name,
		           p->device, names);
		return;
	}
	if (rte_eth_dev_info_get(r->port_ids[i], &info) != 0) {
		cfg_errorf(errs, p->device_loc.file, p->device_loc.line,
		           "port \"%s\": device \"%s\": cannot read its capabilities", p->name,
		           p->device);
		return;
	}
	if (p->rx_queues > info.max_rx_queues)
		cfg_errorf(errs, p->loc.file, p->loc.line,
		           "port \"%s\": rx_queues %u but device \"%s\" has at most %u", p->name,
		           p->rx_queues, p->device, info.max_rx_queues);
	/* One tx queue per worker; one more for the control lcore when the
	 * device has it, else lib/fwd relays control frames through worker 0. */
	if (r->n_workers > info.max_tx_queues)
		cfg_errorf(errs, p->loc.file, p->loc.line,
		           "port \"%s\": %u workers need %u tx queues but device \"%s\" has at "
		           "most %u",
		           p->name, r->n_workers, r->n_workers, p->device, info.max_tx_queues);
	if (p->mtu < info.min_mtu || p->mtu > info.max_mtu)
		cfg_errorf(errs, p->loc.file, p->loc.line,
		           "port \"%s\": mtu %u out of range %u-%u of device \"%s\"", p->name,
		           p->mtu, info.min_mtu, info.max_mtu, p->device);
}

static unsigned int last_lcore(void)
{
	unsigned int lcore, last = RTE_MAX_LCORE;

	RTE_LCORE_FOREACH_WORKER(lcore) last = lcore;
	return last;
}

/* The CARP control lcore (contract section 1): configured or picked. */
static int check_control_lcore(struct rtr *r, struct cfg_errors *errs)
{
	bool enabled[RTE_MAX_LCORE];
	uint16_t workers[CFG_WORKERS_MAX];
	int l;

	if (r->cfg.carp.n_ifs == 0)
		return 0;
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		enabled[i] = rte_lcore_is_enabled(i);
	for (unsigned int i = 0; i < r->n_workers; i++)
		workers[i] = (uint16_t)r->workers[i];
	l = cfg_control_lcore_pick(&r->cfg, rte_get_main_lcore(), enabled, RTE_MAX_LCORE, workers,
	                           r->n_workers, errs);
	if (l < 0)
		return l;
	r->control_lcore = (unsigned int)l;
	return 0;
}

/* The file's workers, each enabled and not the main lcore; else every worker lcore. */
static int check_workers(struct rtr *r, struct cfg_errors *errs)
{
	const struct cfg *cfg = &r->cfg;
	const struct cfg_loc *loc = &cfg->workers_loc;
	unsigned int before = errs->n;
	unsigned int lcore;

	r->n_workers = 0;
	if (cfg->n_workers == 0) {
		/* With CARP, one lcore stays out of the default workers for the
		 * control lcore: the configured one, else the last one. */
		unsigned int keep = RTE_MAX_LCORE;

		if (cfg->carp.n_ifs > 0 && rte_lcore_count() > 2)
			keep = cfg->control_lcore_set ? cfg->control_lcore : last_lcore();
		RTE_LCORE_FOREACH_WORKER(lcore)
		{
			if (lcore != keep)
				r->workers[r->n_workers++] = lcore;
		}
		if (r->n_workers == 0)
			cfg_errorf(errs, loc->file != NULL ? loc->file : cfg->path, loc->line,
			           "workers: EAL gave no lcore besides the main lcore %u (use -l "
			           "with two or more lcores)",
			           rte_get_main_lcore());
		return errs->n == before ? 0 : -EINVAL;
	}
	for (unsigned int i = 0; i < cfg->n_workers; i++) {
		lcore = cfg->workers[i];
		if (lcore == rte_get_main_lcore())
			cfg_errorf(errs, loc->file, loc->line,
			           "workers: lcore %u is the main lcore", lcore);
		else if (!rte_lcore_is_enabled(lcore))
			cfg_errorf(errs, loc->file, loc->line,
			           "workers: lcore %u is not enabled (EAL -l/--lcores)", lcore);
		r->workers[r->n_workers++] = lcore;
	}
	return errs->n == before ? 0 : -EINVAL;
}

int rtr_eal_check(struct rtr *r, struct cfg_errors *errs)
{
	unsigned int before = errs->n;

	if (check_workers(r, errs) == 0 && r->cfg.n_workers == 0)
		cfg_check_workers(&r->cfg, r->n_workers, errs); /* count known only now */
	if (errs->n == before)
		check_control_lcore(r, errs);
	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		check_port(r, i, errs);
	return errs->n == before ? 0 : -EINVAL;
}
