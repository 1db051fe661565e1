/* SPDX-License-Identifier: BSD-2-Clause */
/* The main thread while the router runs: neighbour table writer and reloads, until a stop signal. */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "fwd.h"
#include "fwd6.h"
#include "rtr.h"
#include "rtr_log.h"
#include "rtr_reload.h"
#include "rtr_pfsync.h"

/* How often the main thread runs the neighbour table writer (fwd.h: 10-100 ms). */
#define SERVICE_PERIOD_US 20000

/* A worker that returned on its own (it only returns when stopped). */
static int worker_exited(const struct rtr *r)
{
	for (unsigned int i = 0; i < r->n_workers_launched; i++)
		if (rte_eal_get_lcore_state(r->workers[i]) != RUNNING)
			return (int)r->workers[i];
	return -1;
}

int rtr_run(struct rtr *r)
{
	int lcore;

	RTR_LOG(app, NOTICE,
	        "running: %u ports, %u workers, %s polling; SIGINT or SIGTERM stops, SIGHUP "
	        "reloads",
	        r->cfg.n_ports, r->n_workers, cfg_polling_name(r->cfg.polling));
	uint64_t last = 0;

	rtr_reload_open();
	while (!rtr_stop_requested()) {
		uint64_t now = fwd_now_ms();

		if (now - last >= SERVICE_PERIOD_US / 1000) {
			last = now;
			fwd_neigh_service(r->ctx, now);
			fwd_neigh6_service(r->ctx, now);
			rtr_reload_serve(r);
			lcore = worker_exited(r);
			if (lcore >= 0) {
				RTR_LOG(app, ERR, "worker lcore %d stopped on its own: shutting down",
				        lcore);
				rtr_reload_close();
				return -EIO;
			}
		}
		/* pfsync: a source of its own, timed every RTR_PFSYNC_POLL_US (rtr_pfsync.h) */
		rtr_pfsync_poll(r->pfsync);
		rte_delay_us_sleep(r->pfsync != NULL ? RTR_PFSYNC_POLL_US : SERVICE_PERIOD_US);
	}
	rtr_reload_close();
	RTR_LOG(app, NOTICE, "%s received: stopping", strsignal(rtr_stop_requested()));
	return 0;
}
