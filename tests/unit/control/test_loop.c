/* SPDX-License-Identifier: BSD-2-Clause */
/* The control loop's registry (app/control/ctl_loop.c): order, due timers, lateness, idle time. */
#include <errno.h>
#include <string.h>

#include "ctl_loop.h"
#include "ctl_test.h"

/* A trace of what ran: "a" source a, "T5" timer fired 5 late. */
static char trace[128];

static void note(const char *s)
{
	strncat(trace, s, sizeof(trace) - strlen(trace) - 1);
}

static unsigned int src_a(void *arg, uint64_t now)
{
	(void)now;
	note("a");
	return *(unsigned int *)arg;
}

static unsigned int src_b(void *arg, uint64_t now)
{
	(void)arg;
	(void)now;
	note("b");
	return 0;
}

struct tmr {
	uint64_t at;
	uint64_t fired_late;
	unsigned int fired;
};

static uint64_t tmr_deadline(void *arg)
{
	return ((struct tmr *)arg)->at;
}

static void tmr_fire(void *arg, uint64_t now, uint64_t late)
{
	struct tmr *t = arg;

	(void)now;
	note("T");
	t->fired++;
	t->fired_late = late;
	t->at = CTL_LOOP_NEVER; /* a timer re-arms itself, or not */
}

static void test_order_and_timers(void)
{
	struct ctl_loop l;
	struct tmr t = {.at = 100};
	unsigned int a_work = 0;

	ctl_loop_init(&l);
	CU_ASSERT_EQUAL(ctl_loop_add_source(&l, "a", src_a, &a_work), 0);
	CU_ASSERT_EQUAL(ctl_loop_add_timer(&l, "t", tmr_deadline, tmr_fire, &t), 0);
	CU_ASSERT_EQUAL(ctl_loop_add_source(&l, "b", src_b, NULL), 0);

	trace[0] = '\0';
	CU_ASSERT_EQUAL(ctl_loop_run(&l, 99), 0); /* not due; sources did nothing */
	CU_ASSERT_STRING_EQUAL(trace, "ab");
	CU_ASSERT_EQUAL(ctl_loop_idle(&l, 99, 1000), 1);
	CU_ASSERT_EQUAL(ctl_loop_idle(&l, 50, 10), 10); /* capped */

	trace[0] = '\0';
	a_work = 3;
	CU_ASSERT_EQUAL(ctl_loop_run(&l, 105), 4); /* 3 from a, 1 for the timer */
	CU_ASSERT_STRING_EQUAL(trace, "aTb");
	CU_ASSERT_EQUAL(t.fired, 1);
	CU_ASSERT_EQUAL(t.fired_late, 5);
	CU_ASSERT_EQUAL(ctl_loop_idle(&l, 105, 1000), 1000); /* disarmed */

	t.at = 200;
	CU_ASSERT_EQUAL(ctl_loop_idle(&l, 200, 1000), 0); /* due: do not sleep */
}

static void test_limits(void)
{
	struct ctl_loop l;
	unsigned int w = 0;

	ctl_loop_init(&l);
	CU_ASSERT_EQUAL(ctl_loop_add_source(&l, "x", NULL, NULL), -EINVAL);
	CU_ASSERT_EQUAL(ctl_loop_add_timer(&l, "x", tmr_deadline, NULL, NULL), -EINVAL);
	for (int i = 0; i < CTL_LOOP_MAX; i++)
		CU_ASSERT_EQUAL(ctl_loop_add_source(&l, "a", src_a, &w), 0);
	CU_ASSERT_EQUAL(ctl_loop_add_source(&l, "one too many", src_a, &w), -ENOSPC);
	CU_ASSERT_EQUAL(l.n, CTL_LOOP_MAX);
}

int ctl_test_loop_suite(void)
{
	CU_pSuite s = CU_add_suite("ctl_loop", NULL, NULL);

	if (s == NULL || CU_add_test(s, "order_and_timers", test_order_and_timers) == NULL ||
	    CU_add_test(s, "limits", test_limits) == NULL)
		return -1;
	return 0;
}
