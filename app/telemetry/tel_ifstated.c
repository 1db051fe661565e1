/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /ifstated/info, read under the ifstated thread's lock (ifsd.h): the file,
 * the current state and when it was entered, the last transition, counters,
 * each interface's link as the engine sees it, and each external test's
 * state, command, interval, last exit status and counts. Tests are a dict
 * keyed by index (DPDK 22.11 telemetry has no dict inside an array);
 * durations are integer milliseconds.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <rte_telemetry.h>

#include "ifsd.h"
#include "rtr_log.h"
#include "tel.h"
#include "tel_ifstated.h"

static pthread_mutex_t ifs_tel_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ifsd *ifs_tel; /* guarded by ifs_tel_lock */

static const char *state_name(const struct ifs_conf *c, uint32_t s)
{
	return s == IFS_NO_STATE ? "" : c->states[s].name;
}

static int64_t ago_ms(uint64_t now, uint64_t at)
{
	return (int64_t)((now - at) / 1000);
}

static int add_tests(const struct ifsd *d, uint64_t now, struct rte_tel_data *out)
{
	const struct ifs_conf *c = d->c;
	char key[16];

	rte_tel_data_start_dict(out);
	for (uint32_t t = 0; t < c->n_tests; t++) {
		const struct ifs_test_rt *rt = &d->e->test[t];
		struct rte_tel_data *x = rte_tel_data_alloc();

		if (x == NULL)
			return -ENOMEM;
		rte_tel_data_start_dict(x);
		rte_tel_data_add_dict_string(x, "state", c->states[c->tests[t].state].name);
		rte_tel_data_add_dict_string(x, "command", c->tests[t].cmd);
		rte_tel_data_add_dict_int(x, "every_s", (int)c->tests[t].every_s);
		rte_tel_data_add_dict_int(x, "status", rt->status);
		rte_tel_data_add_dict_int(x, "running", rt->running);
		rte_tel_data_add_dict_u64(x, "runs", rt->runs);
		rte_tel_data_add_dict_u64(x, "kills", rt->kills);
		rte_tel_data_add_dict_u64(x, "abnormal", rt->abnormal);
		rte_tel_data_add_dict_int(x, "last_ms_ago",
		                          rt->last_us ? (int)ago_ms(now, rt->last_us) : -1);
		snprintf(key, sizeof(key), "%u", t);
		rte_tel_data_add_dict_container(out, key, x, 0);
	}
	return 0;
}

static int info(const struct ifsd *d, struct rte_tel_data *r)
{
	const struct ifs_engine *e = d->e;
	const struct ifs_conf *c = d->c;
	struct rte_tel_data *states = rte_tel_data_alloc(), *links = rte_tel_data_alloc();
	struct rte_tel_data *lt = rte_tel_data_alloc(), *tests = rte_tel_data_alloc();
	uint64_t now = ifsd_now_us(d);

	if (states == NULL || links == NULL || lt == NULL || tests == NULL) {
		rte_tel_data_free(states);
		rte_tel_data_free(links);
		rte_tel_data_free(lt);
		rte_tel_data_free(tests);
		return -ENOMEM;
	}
	rte_tel_data_add_dict_string(r, "file", c->file);
	rte_tel_data_add_dict_string(r, "state", state_name(c, e->cur));
	rte_tel_data_start_array(states, RTE_TEL_STRING_VAL);
	for (uint32_t s = 1; s < c->n_states; s++)
		rte_tel_data_add_array_string(states, c->states[s].name);
	rte_tel_data_add_dict_container(r, "states", states, 0);
	rte_tel_data_add_dict_int(r, "entered_ms_ago",
	                          e->started ? (int)ago_ms(now, e->entered_us) : -1);
	rte_tel_data_start_dict(lt);
	rte_tel_data_add_dict_string(lt, "from", state_name(c, e->last.from));
	rte_tel_data_add_dict_string(lt, "to", state_name(c, e->last.to));
	rte_tel_data_add_dict_int(lt, "ago_ms",
	                          e->transitions ? (int)ago_ms(now, e->last.at_us) : -1);
	rte_tel_data_add_dict_container(r, "last_transition", lt, 0);
	rte_tel_data_add_dict_u64(r, "transitions", e->transitions);
	rte_tel_data_add_dict_u64(r, "loops", e->loops);
	rte_tel_data_add_dict_u64(r, "runs", e->runs);
	rte_tel_data_add_dict_u64(r, "run_failures", atomic_load(&d->hooks.failures));
	rte_tel_data_add_dict_u64(r, "run_timeouts", atomic_load(&d->hooks.timeouts));
	rte_tel_data_add_dict_u64(r, "run_dropped", atomic_load(&d->hooks.dropped));
	rte_tel_data_start_dict(links);
	for (uint32_t i = 0; i < c->n_ifaces; i++)
		rte_tel_data_add_dict_string(links, c->ifaces[i].name, ifs_link_name(e->link[i]));
	rte_tel_data_add_dict_container(r, "links", links, 0);
	if (add_tests(d, now, tests) < 0) {
		rte_tel_data_free(tests);
		return -ENOMEM;
	}
	rte_tel_data_add_dict_container(r, "tests", tests, 0);
	return 0;
}

static int tel_ifstated_info(const char *cmd, const char *params, struct rte_tel_data *r)
{
	int ret = -ENODEV;

	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(r);
	pthread_mutex_lock(&ifs_tel_lock);
	if (ifs_tel != NULL) {
		pthread_mutex_lock(&ifs_tel->lock);
		ret = info(ifs_tel, r);
		pthread_mutex_unlock(&ifs_tel->lock);
	}
	pthread_mutex_unlock(&ifs_tel_lock);
	return ret;
}

int rtr_telemetry_ifstated_register(struct ifsd *d)
{
	int ret;

	if (d == NULL)
		return 0;
	pthread_mutex_lock(&ifs_tel_lock);
	ifs_tel = d;
	pthread_mutex_unlock(&ifs_tel_lock);
	ret = rte_telemetry_register_cmd("/ifstated/info", tel_ifstated_info,
	                                 "ifstated: current state, last transition, links, "
	                                 "tests and their last exit status.");
	if (ret < 0)
		RTR_LOG(ifs, ERR, "telemetry: cannot register /ifstated/info: %s", strerror(-ret));
	return ret;
}

void rtr_telemetry_ifstated_unpublish(void)
{
	pthread_mutex_lock(&ifs_tel_lock);
	ifs_tel = NULL;
	pthread_mutex_unlock(&ifs_tel_lock);
}
