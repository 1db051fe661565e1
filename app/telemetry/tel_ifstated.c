/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /ifstated/info, read under the ifstated thread's lock (ifsd.h; the
 * struct ifsd is published to the handler through a tel_pub): the file,
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
#include "tel_pub.h"

static struct tel_pub ifs_pub = TEL_PUB_INIT; /* struct ifsd */

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

	for (uint32_t t = 0; t < c->n_tests; t++) {
		const struct ifs_test_rt *rt = &d->e->test[t];
		struct rte_tel_data *x = rtr_tel_dict();

		if (x == NULL)
			return -ENOMEM;
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
		if (rtr_tel_column_add(out, key, x) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int info(const struct ifsd *d, struct rte_tel_data *r)
{
	const struct ifs_engine *e = d->e;
	const struct ifs_conf *c = d->c;
	struct rte_tel_data *states = rtr_tel_column(RTE_TEL_STRING_VAL), *links = rtr_tel_dict();
	struct rte_tel_data *lt = rtr_tel_dict(), *tests = rtr_tel_dict();
	uint64_t now = ifsd_now_us(d);
	int ret = 0;

	rte_tel_data_add_dict_string(r, "file", c->file);
	rte_tel_data_add_dict_string(r, "state", state_name(c, e->cur));
	for (uint32_t s = 1; states != NULL && s < c->n_states; s++)
		rte_tel_data_add_array_string(states, c->states[s].name);
	ret |= rtr_tel_column_add(r, "states", states);
	rte_tel_data_add_dict_int(r, "entered_ms_ago",
	                          e->started ? (int)ago_ms(now, e->entered_us) : -1);
	if (lt != NULL) {
		rte_tel_data_add_dict_string(lt, "from", state_name(c, e->last.from));
		rte_tel_data_add_dict_string(lt, "to", state_name(c, e->last.to));
		rte_tel_data_add_dict_int(lt, "ago_ms",
		                          e->transitions ? (int)ago_ms(now, e->last.at_us) : -1);
	}
	ret |= rtr_tel_column_add(r, "last_transition", lt);
	rte_tel_data_add_dict_u64(r, "transitions", e->transitions);
	rte_tel_data_add_dict_u64(r, "loops", e->loops);
	rte_tel_data_add_dict_u64(r, "runs", e->runs);
	rte_tel_data_add_dict_u64(r, "run_failures", atomic_load(&d->hooks.failures));
	rte_tel_data_add_dict_u64(r, "run_timeouts", atomic_load(&d->hooks.timeouts));
	rte_tel_data_add_dict_u64(r, "run_dropped", atomic_load(&d->hooks.dropped));
	for (uint32_t i = 0; links != NULL && i < c->n_ifaces; i++)
		rte_tel_data_add_dict_string(links, c->ifaces[i].name, ifs_link_name(e->link[i]));
	ret |= rtr_tel_column_add(r, "links", links);
	if (tests != NULL && add_tests(d, now, tests) < 0) {
		rte_tel_data_free(tests);
		tests = NULL;
	}
	ret |= rtr_tel_column_add(r, "tests", tests);
	return ret < 0 ? -ENOMEM : 0;
}

static int tel_ifstated_info(const char *cmd, const char *params, struct rte_tel_data *r)
{
	struct ifsd *d = tel_pub_enter(&ifs_pub);
	int ret = -ENODEV;

	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(r);
	if (d != NULL) {
		pthread_mutex_lock(&d->lock);
		ret = info(d, r);
		pthread_mutex_unlock(&d->lock);
	}
	tel_pub_leave(&ifs_pub);
	return ret;
}

int rtr_telemetry_ifstated_register(struct ifsd *d)
{
	int ret;

	if (d == NULL)
		return 0;
	tel_pub_set(&ifs_pub, d);
	ret = rte_telemetry_register_cmd("/ifstated/info", tel_ifstated_info,
	                                 "ifstated: current state, last transition, links, "
	                                 "tests and their last exit status.");
	if (ret < 0)
		RTR_LOG(ifs, ERR, "telemetry: cannot register /ifstated/info: %s", strerror(-ret));
	return ret;
}

void rtr_telemetry_ifstated_unpublish(void)
{
	tel_pub_set(&ifs_pub, NULL);
}
