/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One reload, on the main thread (rtr_reload.h): load and check the file as
 * --check does, refuse what cannot change live, then apply the difference
 * and make the new file the running one. Nothing is applied before every
 * check has passed, so a refused file changes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cfg_diff.h"
#include "ctl.h"
#include "fwd_reload.h"
#include "rtr.h"
#include "rtr_log.h"
#include "rtr_reload.h"

/* Both big (the config's arrays): not on the stack. Main thread only. */
static struct cfg next;
static struct rtr scratch;

/* The checks --check runs with EAL (rtr_eal_check), on the new file, and the
 * lcores they resolve compared with the running ones. */
static int eal_checks(const struct rtr *r, struct cfg_errors *errs)
{
	int ret;

	memset(&scratch, 0, sizeof(scratch));
	scratch.args = r->args;
	scratch.cfg = next; /* shallow: scratch never frees it */
	ret = rtr_eal_check(&scratch, errs);
	if (ret < 0)
		return ret;
	if (scratch.n_workers != r->n_workers ||
	    memcmp(scratch.workers, r->workers, r->n_workers * sizeof(r->workers[0])) != 0) {
		cfg_diff_refuse(errs, &next, next.workers_loc, "workers");
		ret = -EINVAL;
	}
	if (next.carp.n_ifs > 0 && scratch.control_lcore != r->control_lcore) {
		cfg_diff_refuse(errs, &next, next.control_lcore_loc, "control_lcore");
		ret = -EINVAL;
	}
	return ret;
}

/* What this version cannot apply yet is refused, before anything is
 * applied: today only parts of the carp section (ctl_reload.h). */
static int check_applicable(const struct rtr *r, const struct cfg_diff *d, struct cfg_errors *errs)
{
	return ctl_reload_check(&r->cfg, &next, d, errs);
}

/* The carp plan goes first: a control lcore that cannot take it (not
 * running, request ring full: -EAGAIN, nothing enqueued) refuses the whole
 * file before anything else is applied. */
static int apply(struct rtr *r, const struct cfg_diff *d, struct cfg_errors *errs)
{
	int ret = ctl_reload_apply(r->ctl, &next, d, errs);

	if (ret == -EAGAIN)
		return ret;
	if (d->log_level && !r->args.log_level_given)
		rtr_log_set_level(next.log_level);
	return ret;
}

/* next becomes r->cfg; the old one is freed. The ifstated thread keeps the
 * file it parsed at start (ifsd.h holds it), so that pointer stays. */
static void swap_in(struct rtr *r, const struct cfg_diff *d, struct fwd_routes *routes)
{
	struct cfg old;
	struct ifs_conf *ifs;

	rtr_telemetry_pause(); /* route walks and r->cfg readers wait */
	if (routes != NULL)
		fwd_routes_swap(r->ctx, routes);
	old = r->cfg;
	r->cfg = next;
	ctl_reload_commit(r->ctl, d);
	ifs = r->cfg.ifstated;
	r->cfg.ifstated = old.ifstated;
	old.ifstated = ifs;
	r->cfg_generation++;
	r->cfg_loaded = time(NULL);
	rtr_telemetry_resume();
	cfg_free(&old);
	memset(&next, 0, sizeof(next));
}

static int refuse(struct rtr *r, struct rtr_reload_result *res)
{
	for (unsigned int i = 0; i < res->errs.n; i++)
		RTR_LOG(cfg, ERR, "%s", res->errs.msg[i]);
	if (res->errs.dropped > 0)
		RTR_LOG(cfg, ERR, "(%u more errors not shown)", res->errs.dropped);
	RTR_LOG(cfg, ERR, "reload refused: %s unchanged, generation %lu running", r->args.config,
	        (unsigned long)r->cfg_generation);
	res->applied = false;
	res->generation = r->cfg_generation;
	snprintf(res->changes, sizeof(res->changes), "nothing");
	cfg_free(&next);
	return -EINVAL;
}

int rtr_reload(struct rtr *r, struct rtr_reload_result *res)
{
	struct fwd_routes *routes = NULL;
	struct cfg_diff d;
	int ret;

	cfg_errors_init(&res->errs);
	if (cfg_load_file(&next, r->args.config, &res->errs) < 0 || eal_checks(r, &res->errs) < 0 ||
	    cfg_diff(&r->cfg, &next, &d, &res->errs) < 0 ||
	    check_applicable(r, &d, &res->errs) < 0 ||
	    ((d.routes || d.addrs) && rtr_reload_routes_build(r, &next, &routes, &res->errs) < 0))
		return refuse(r, res);
	cfg_diff_describe(&d, &r->cfg, &next, res->changes, sizeof(res->changes));
	ret = apply(r, &d, &res->errs);
	if (ret == -EAGAIN) {
		fwd_routes_free(routes);
		return refuse(r, res);
	}
	if (ret < 0) {
		/* Enqueued but not answered within 1 s: the control lcore will
		 * still apply the plan, so the new file becomes the running one. */
		RTR_LOG(cfg, ERR, "%s", res->errs.msg[res->errs.n - 1]);
	}
	if (d.neighs)
		rtr_reload_neighs_apply(r, &r->cfg, &next);
	swap_in(r, &d, routes);
	res->applied = true;
	res->generation = r->cfg_generation;
	RTR_LOG(cfg, NOTICE, "reload: %s applied as generation %lu (changed: %s)", r->args.config,
	        (unsigned long)r->cfg_generation, res->changes);
	return 0;
}
