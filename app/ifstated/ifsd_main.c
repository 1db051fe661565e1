/* SPDX-License-Identifier: BSD-2-Clause */
/* The ifstated thread: inputs to lib/ifstated's engine, its output carried out. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_ethdev.h>

#include "carp_fsm.h"
#include "carp_view.h"
#include "ctl.h"
#include "ifsd.h"
#include "ifsd_proc.h"
#include "rtr.h"
#include "rtr_log.h"

#define POLL_US 20000 /* links and test exits are looked at this often */

uint64_t ifsd_now_us(const struct ifsd *d)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000 - d->t0_us;
}

void ifsd_export_prefix(void)
{
	const char *dir = rte_eal_get_runtime_dir(), *slash = strrchr(dir, '/');

	setenv("CARP_ROUTER_PREFIX", slash != NULL ? slash + 1 : dir, 1);
}

/* A carp interface's link as OpenBSD sets it: up if a vhid is MASTER,
 * unknown while one is in INIT, else down (all BACKUP). */
static enum ifs_link carp_link(const struct ifsd *d, unsigned int k)
{
	struct carp_if_view v;
	bool init = false;

	if (!carp_view_read(&d->ctl->ifs[k].ifc.view, &v, 1000))
		return IFS_LINK_NONE; /* never published yet */
	for (unsigned int n = 0; n < v.nvh; n++) {
		if (v.vh[n].state == CARP_STATE_MASTER)
			return IFS_LINK_UP;
		init |= v.vh[n].state == CARP_STATE_INIT;
	}
	return init || v.nvh == 0 ? IFS_LINK_UNKNOWN : IFS_LINK_DOWN;
}

static enum ifs_link port_link(unsigned int port_id)
{
	struct rte_eth_link link;

	if (rte_eth_link_get_nowait((uint16_t)port_id, &link) != 0)
		return IFS_LINK_UNKNOWN;
	return link.link_status == RTE_ETH_LINK_UP ? IFS_LINK_UP : IFS_LINK_DOWN;
}

static void on_line(void *arg, const struct ctl_hook_event *ev, const char *line)
{
	(void)arg;
	RTR_LOG(ifs, INFO, "run \"%s\": %s", ev->cmd, line);
}

static void on_done(void *arg, const struct ctl_hook_event *ev, const struct ctl_hook_result *res)
{
	(void)arg;
	if (res->outcome == CTL_HOOK_OK)
		RTR_LOG(ifs, INFO, "run \"%s\": exit 0 after %" PRIu64 " ms", ev->cmd,
		        res->elapsed_ms);
	else if (res->outcome == CTL_HOOK_TIMEOUT)
		RTR_LOG(ifs, WARNING, "run \"%s\": killed after %" PRIu64 " ms (timeout)", ev->cmd,
		        res->elapsed_ms);
	else if (res->outcome == CTL_HOOK_SPAWN_ERR)
		RTR_LOG(ifs, WARNING, "run \"%s\": cannot start: %s", ev->cmd,
		        strerror(-res->status));
	else
		RTR_LOG(ifs, WARNING, "run \"%s\": %s %d after %" PRIu64 " ms", ev->cmd,
		        res->signaled ? "signal" : "exit", res->status, res->elapsed_ms);
}

static const char *state_name(const struct ifsd *d, uint32_t s)
{
	return s == IFS_NO_STATE ? "(none)" : d->c->states[s].name;
}

/* Carry out what the last engine call returned. */
static void apply(struct ifsd *d)
{
	struct ctl_hook_event ev;

	for (uint32_t i = 0; i < d->out.n; i++) {
		const struct ifs_out_item *o = &d->out.v[i];

		switch (o->type) {
		case IFS_OUT_RUN:
			memset(&ev, 0, sizeof(ev));
			ev.cmd = o->cmd;
			snprintf(ev.path, sizeof(ev.path), "ifstated");
			RTR_LOG(ifs, NOTICE, "running \"%s\"", o->cmd);
			if (ctl_hooks_post(&d->hooks, &ev) < 0)
				RTR_LOG(ifs, WARNING, "command queue full: \"%s\" not run", o->cmd);
			break;
		case IFS_OUT_STATE:
			RTR_LOG(ifs, NOTICE, "changing state %s -> %s", state_name(d, o->from),
			        state_name(d, o->to));
			break;
		case IFS_OUT_LOOP:
			RTR_LOG(ifs, ERR,
			        "set-state loop: stopped in state %s after %d changes (%s -> %s "
			        "not taken)",
			        state_name(d, o->from), IFS_CHAIN_MAX, state_name(d, o->from),
			        state_name(d, o->to));
			break;
		case IFS_OUT_TEST_START:
			ifsd_proc_start(&d->proc[o->test], o->cmd, o->run);
			break;
		case IFS_OUT_TEST_KILL:
			if (o->why == IFS_KILL_OVERDUE)
				RTR_LOG(ifs, WARNING,
				        "test \"%s\" still running at its next run: killed",
				        o->cmd);
			ifsd_proc_kill(&d->proc[o->test]);
			break;
		}
	}
	if (d->out.dropped > 0)
		RTR_LOG(ifs, ERR, "%u engine outputs lost", d->out.dropped);
	d->out.n = d->out.dropped = 0;
}

static void read_links(struct ifsd *d, uint64_t now)
{
	for (uint32_t i = 0; i < d->c->n_ifaces; i++) {
		enum ifs_link l =
		    d->src[i].carp ? carp_link(d, d->src[i].idx) : port_link(d->src[i].idx);

		if (l != d->e->link[i]) {
			if (d->e->started)
				RTR_LOG(ifs, INFO, "%s.link: %s -> %s", d->c->ifaces[i].name,
				        ifs_link_name(d->e->link[i]), ifs_link_name(l));
			ifs_engine_link(d->e, i, l, now, &d->out);
			apply(d);
		}
	}
}

static void reap_tests(struct ifsd *d, uint64_t now)
{
	int status;

	for (uint32_t t = 0; t < d->c->n_tests; t++) {
		struct ifsd_proc *p = &d->proc[t];

		if (!ifsd_proc_done(p, &status))
			continue;
		ifs_engine_test_done(d->e, t, p->run, status, now, &d->out);
		apply(d);
	}
}

static void *ifsd_thread(void *arg)
{
	struct ifsd *d = arg;
	uint64_t now, next;

	pthread_mutex_lock(&d->lock);
	now = ifsd_now_us(d);
	read_links(d, now); /* the initial values: recorded, nothing run */
	ifs_engine_start(d->e, now, &d->out);
	RTR_LOG(ifs, NOTICE, "started: %s, initial state %s", d->c->file,
	        ifs_engine_state_name(d->e)[0] ? ifs_engine_state_name(d->e) : "(none)");
	apply(d);
	pthread_mutex_unlock(&d->lock);
	while (!atomic_load_explicit(&d->stop, memory_order_acquire)) {
		pthread_mutex_lock(&d->lock);
		now = ifsd_now_us(d);
		read_links(d, now);
		reap_tests(d, now);
		ifs_engine_timeout(d->e, now, &d->out);
		apply(d);
		next = ifs_engine_deadline(d->e);
		pthread_mutex_unlock(&d->lock);
		usleep(next > now && next - now < POLL_US ? (useconds_t)(next - now) : POLL_US);
	}
	pthread_mutex_lock(&d->lock);
	for (uint32_t t = 0; t < d->c->n_tests; t++)
		ifsd_proc_kill(&d->proc[t]);
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

/* Resolve each interface the file names (cfg_validate checked they exist). */
static int resolve(struct ifsd *d)
{
	for (uint32_t i = 0; i < d->c->n_ifaces; i++) {
		const char *name = d->c->ifaces[i].name;
		int p = cfg_port_find(&d->r->cfg, name), k = cfg_carp_find(&d->r->cfg, name);

		if (k >= 0 && d->ctl != NULL) {
			d->src[i].carp = true;
			for (unsigned int j = 0; j < d->ctl->n_ifs; j++)
				if (d->ctl->ifs[j].cfg_if == k)
					d->src[i].idx = j;
		} else if (p >= 0) {
			d->src[i].idx = d->r->port_ids[p];
		} else {
			RTR_LOG(ifs, ERR, "interface %s: neither a port nor a carp interface",
			        name);
			return -EINVAL;
		}
	}
	return 0;
}

struct ifsd *ifsd_create(const struct rtr *r, struct ctl *ctl, int *err)
{
	struct ifsd *d;

	*err = 0;
	if (r->cfg.ifstated == NULL)
		return NULL;
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		goto nomem;
	d->r = r;
	d->ctl = ctl;
	d->c = r->cfg.ifstated;
	d->e = ifs_engine_new(d->c);
	d->out.cap = ifs_out_bound(d->c);
	d->out.v = calloc(d->out.cap, sizeof(*d->out.v));
	d->src = calloc(d->c->n_ifaces + 1, sizeof(*d->src));
	d->proc = calloc(d->c->n_tests + 1, sizeof(*d->proc));
	if (d->e == NULL || d->out.v == NULL || d->src == NULL || d->proc == NULL)
		goto nomem;
	if ((*err = resolve(d)) < 0)
		goto fail;
	pthread_mutex_init(&d->lock, NULL);
	d->t0_us = ifsd_now_us(d);
	return d;
nomem:
	RTR_LOG(ifs, ERR, "out of memory");
	*err = -ENOMEM;
fail:
	ifsd_destroy(d);
	return NULL;
}

int ifsd_start(struct ifsd *d)
{
	sigset_t all, old;
	int err;

	if (d == NULL)
		return 0;
	err = ctl_hooks_start(&d->hooks, d->r->cfg.carp.hook_timeout_ms, on_line, on_done, d);
	if (err < 0) {
		RTR_LOG(ifs, ERR, "cannot start the command runner: %s", strerror(-err));
		return err;
	}
	sigfillset(&all); /* signals are the main thread's */
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&d->thread, NULL, ifsd_thread, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		ctl_hooks_stop(&d->hooks);
		RTR_LOG(ifs, ERR, "cannot start the ifstated thread: %s", strerror(err));
		return -err;
	}
	pthread_setname_np(d->thread, "ifstated");
	d->started = true;
	return 0;
}

void ifsd_stop(struct ifsd *d)
{
	if (d == NULL || !d->started)
		return;
	atomic_store_explicit(&d->stop, true, memory_order_release);
	pthread_join(d->thread, NULL);
	ctl_hooks_stop(&d->hooks);
	d->started = false;
}

void ifsd_destroy(struct ifsd *d)
{
	if (d == NULL)
		return;
	ifsd_stop(d);
	ifs_engine_free(d->e);
	free(d->out.v);
	free(d->src);
	free(d->proc);
	free(d);
}
