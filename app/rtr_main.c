/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * carp-router: an init sequence with a cleanup ladder. Pure configuration
 * checks run before EAL (so --check needs no EAL), EAL-dependent checks next,
 * and only then is anything configured or started. The only exits are here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_version.h>

#include "ctl.h"
#include "ifsd.h"
#include "rtr.h"
#include "rtr_log.h"
#include "tel_carp.h"
#include "tel_ifstated.h"
#include "rtr_pfsync.h"
#include "tel_pf.h"
#include "tel_pfsync.h"
#include "rtr_version.h"

static void print_errors(const struct cfg_errors *errs)
{
	for (unsigned int i = 0; i < errs->n; i++)
		fprintf(stderr, "%s\n", errs->msg[i]);
	if (errs->dropped > 0)
		fprintf(stderr, "(%u more errors not shown)\n", errs->dropped);
}

int main(int argc, char **argv)
{
	static struct rtr r; /* large (config arrays): not on the stack */
	struct cfg_errors errs;
	char err[256];
	int ret = EXIT_FAILURE, err_ctl = 0;

	cfg_errors_init(&errs);
	if (rtr_args_parse(argc, argv, &r.args, err, sizeof(err)) < 0) {
		fprintf(stderr, "carp-router: %s\n%.*sTry 'carp-router -- --help'.\n", err,
		        (int)(strchr(rtr_usage, '\n') - rtr_usage + 1), rtr_usage);
		return EXIT_FAILURE;
	}
	if (r.args.help || r.args.version) {
		if (r.args.help)
			fputs(rtr_usage, stdout);
		else
			printf("carp-router %s (%s)\n", RTR_VERSION, rte_version());
		return EXIT_SUCCESS;
	}
	if (cfg_load_file(&r.cfg, r.args.config, &errs) < 0)
		goto out_cfg;
	for (unsigned int i = 0; i < r.cfg.warnings.n; i++)
		fprintf(stderr, "warning: %s\n", r.cfg.warnings.msg[i]);
	if (r.args.check && !r.args.eal_given) {
		printf("%s: valid (devices and lcores not checked: no EAL arguments)\n",
		       r.args.config);
		ret = EXIT_SUCCESS;
		goto out_cfg;
	}
	if (rtr_eal_init(&r) < 0)
		goto out_cfg;
	ifsd_export_prefix();
	if (rtr_eal_check(&r, &errs) < 0)
		goto out_eal;
	if (r.args.check) {
		printf("%s: valid\n", r.args.config);
		ret = EXIT_SUCCESS;
		goto out_eal;
	}
	if (!r.args.log_level_given)
		rtr_log_set_level(r.cfg.log_level);
	r.started = time(NULL);
	r.cfg_generation = 1;
	r.cfg_loaded = r.started;
	if (rtr_signals_install() < 0)
		goto out_eal;
	if (rtr_dataplane_create(&r) < 0)
		goto out_dataplane;
	r.ctl = ctl_create(&r, &err_ctl);
	if (err_ctl < 0)
		goto out_dataplane;
	r.ifsd = ifsd_create(&r, r.ctl, &err_ctl);
	if (err_ctl < 0)
		goto out_telemetry;
	if (rtr_telemetry_register(&r) < 0 || rtr_telemetry_carp_register(r.ctl) < 0 ||
	    rtr_telemetry_ifstated_register(r.ifsd) < 0 || rtr_telemetry_pf_register(&r) < 0 ||
	    rtr_telemetry_pfsync_register(&r) < 0)
		goto out_telemetry;
	if (rtr_dataplane_start(&r) < 0 || ctl_start(r.ctl) < 0 || ifsd_start(r.ifsd) < 0 ||
	    rtr_pfsync_start(r.pfsync) < 0)
		goto out_stop;
	if (rtr_run(&r) == 0)
		ret = EXIT_SUCCESS;
out_stop:
	ifsd_stop(r.ifsd); /* its queued commands run; its tests are killed */
	ctl_stop(r.ctl); /* before the workers: MASTERs bow out first */
	rtr_dataplane_stop(&r);
	rtr_stats_log(&r);
out_telemetry:
	rtr_telemetry_ifstated_unpublish();
	rtr_telemetry_carp_unpublish();
	rtr_telemetry_unpublish();
	ifsd_destroy(r.ifsd);
	r.ifsd = NULL;
	ctl_destroy(r.ctl);
	r.ctl = NULL;
out_dataplane:
	rtr_dataplane_destroy(&r);
out_eal:
	rte_eal_cleanup();
out_cfg:
	print_errors(&errs);
	cfg_free(&r.cfg);
	return ret;
}
