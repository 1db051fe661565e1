/* SPDX-License-Identifier: BSD-2-Clause */
/* Published status for telemetry threads: content and no torn reads. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "carp_test.h"
#include "carp_view.h"
#include "sim.h"

static struct sim S;

static void test_view_content(void)
{
	struct carp_if_config c;
	struct carp_if_view v;
	struct carp_actions *a;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, 0, 0, 1, 0);
	sim_add_if(&S, 0, &c);
	sim_cfg(&c, 1, 0, 1, 100);
	sim_add_if(&S, 1, &c);
	sim_run_until(&S, MS(10500));
	a = sim_actions(&S);
	carp_host_link(&S.host[1].h, S.now, 3, false, a); /* other carpdev */
	carp_host_demote(&S.host[1].h, S.now, "carp", 2, CARP_DEMOTE_OPERATOR, a);
	sim_process(&S, 1, a);
	CU_ASSERT_TRUE_FATAL(carp_view_read(&S.host[1].ifs[0].view, &v, 10));
	CU_ASSERT_STRING_EQUAL(v.name, "carp0");
	CU_ASSERT_EQUAL(v.nvh, 1);
	CU_ASSERT_EQUAL(v.vh[0].vhid, 1);
	CU_ASSERT_EQUAL(v.vh[0].state, CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(v.vh[0].reason, CARP_REASON_CONFIG);
	CU_ASSERT_EQUAL(v.vh[0].advskew, 100);
	CU_ASSERT_EQUAL(v.demote, 2);
	CU_ASSERT_EQUAL(v.demote_src[CARP_DEMOTE_OPERATOR], 2);
	CU_ASSERT_EQUAL(v.published_at, MS(10500));
	CU_ASSERT_EQUAL(v.stats[CARP_STAT_IPACKETS], 8);
	CU_ASSERT_TRUE_FATAL(carp_view_read(&S.host[0].ifs[0].view, &v, 10));
	CU_ASSERT_EQUAL(v.vh[0].state, CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(v.vh[0].reason, CARP_REASON_MASTER_DOWN);
	CU_ASSERT_EQUAL(v.vh[0].changed_at, SEC(3));
	CU_ASSERT_EQUAL(v.vh[0].garps, 2);
	CU_ASSERT_EQUAL(v.stats[CARP_STAT_OPACKETS], 8);
	/* admin changes publish too */
	a = sim_actions(&S);
	carp_if_admin(&S.host[0].ifs[0], S.now + 1, CARP_ADMIN_DOWN, 0, 0, a);
	sim_process(&S, 0, a);
	CU_ASSERT_TRUE(carp_view_read(&S.host[0].ifs[0].view, &v, 10));
	CU_ASSERT_EQUAL(v.vh[0].state, CARP_STATE_INIT);
	CU_ASSERT_EQUAL(v.admin_up, 0);
}

/*
 * A writer publishing views whose every counter equals k, readers checking
 * that every copy they get is internally consistent (the sequence check),
 * and that what the writer stored in plain memory before publishing k
 * (note[k]) is visible to a reader holding view k (the release/acquire
 * pairs of carp_seq.h). Without that ordering ThreadSanitizer reports a
 * data race on note[] and the test fails (tsan build).
 */
#define VIEW_ROUNDS 100000u
static struct carp_view_cell cell;
static uint64_t note[VIEW_ROUNDS + 1];
static struct carp_if wif;
static atomic_bool stop;
static atomic_uint torn, reads, stale;

static void *reader(void *arg)
{
	struct carp_if_view v;
	unsigned i, bad = 0, n = 0, late = 0;

	(void)arg;
	while (!atomic_load(&stop)) {
		if (!carp_view_read(&cell, &v, 1000))
			continue;
		n++;
		for (i = 0; i < CARP_MAX_NODES; i++)
			if (v.vh[i].transitions != v.published_at ||
			    v.vh[i].garps != v.published_at)
				bad++;
		for (i = 0; i < CARP_STAT__COUNT; i++)
			if (v.stats[i] != v.published_at)
				bad++;
		if (v.published_at > 0 && v.published_at <= VIEW_ROUNDS &&
		    note[v.published_at] != ~v.published_at)
			late++;
	}
	atomic_fetch_add(&stale, late);
	atomic_fetch_add(&torn, bad);
	atomic_fetch_add(&reads, n);
	return NULL;
}

static void test_view_no_torn_reads(void)
{
	pthread_t th[2];
	uint64_t k;
	unsigned i;

	memset(&wif, 0, sizeof(wif));
	wif.nvh = CARP_MAX_NODES;
	atomic_store(&stop, false);
	atomic_store(&torn, 0);
	atomic_store(&reads, 0);
	atomic_store(&stale, 0);
	carp_view_publish(&cell, &wif, 0);
	for (i = 0; i < 2; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, reader, NULL), 0);
	for (k = 1; k <= VIEW_ROUNDS; k++) {
		note[k] = ~k;
		for (i = 0; i < CARP_MAX_NODES; i++)
			wif.vh[i].transitions = wif.vh[i].garps = k;
		for (i = 0; i < CARP_STAT__COUNT; i++)
			wif.stats.c[i] = k;
		carp_view_publish(&cell, &wif, k);
	}
	atomic_store(&stop, true);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CU_ASSERT_EQUAL(atomic_load(&torn), 0);
	CU_ASSERT_EQUAL(atomic_load(&stale), 0);
	CU_ASSERT(atomic_load(&reads) > 0);
}

int carp_test_register_view(void)
{
	static const struct t_case cases[] = {
	    {"published view content", test_view_content},
	    {"no torn or unordered reads under a busy writer", test_view_no_torn_reads},
	    {NULL, NULL},
	};
	return t_suite("carp_view", cases);
}
