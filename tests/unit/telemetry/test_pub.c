/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The telemetry publication guard (app/telemetry/tel_pub.c): a read handler
 * gets through while a write handler waits (issue 8 item 5: a mutex held
 * across a request's wait blocked every /carp read for up to 1 s), and
 * withdrawing the object waits for the handlers in flight, and holding it
 * (a reload replacing what handlers read) keeps new handlers out until
 * released.
 *
 * No timed assertion: the write handler holds the guard until the reader
 * says it is done, or until a 10 s deadline that only a reader blocked
 * behind it reaches (the old mutex). The deadline turns that deadlock into
 * a failure instead of a hang.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <time.h>

#include <CUnit/Basic.h>

#include "tel_pub.h"

#define DEADLINE_S 10

static struct tel_pub pub = TEL_PUB_INIT;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool writer_in, reader_done, writer_saw_reader, set_done;
static int obj = 42;

static struct timespec deadline(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += DEADLINE_S;
	return ts;
}

/* waits on cv until *flag, or the deadline; returns *flag */
static bool wait_flag(bool *flag)
{
	struct timespec ts = deadline();
	int rc = 0;

	pthread_mutex_lock(&m);
	while (!*flag && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&cv, &m, &ts);
	pthread_mutex_unlock(&m);
	return *flag;
}

static void set_flag(bool *flag)
{
	pthread_mutex_lock(&m);
	*flag = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&m);
}

/* A write handler: enters, then "waits for the control lcore" until the
 * reader has been served. */
static void *writer(void *arg)
{
	(void)arg;
	CU_ASSERT_PTR_EQUAL(tel_pub_enter(&pub), &obj);
	set_flag(&writer_in);
	writer_saw_reader = wait_flag(&reader_done);
	tel_pub_leave(&pub);
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	wait_flag(&writer_in);
	CU_ASSERT_PTR_EQUAL(tel_pub_enter(&pub), &obj);
	tel_pub_leave(&pub);
	set_flag(&reader_done);
	return NULL;
}

static void test_read_while_write_waits(void)
{
	pthread_t w, r;

	tel_pub_set(&pub, &obj);
	writer_in = reader_done = writer_saw_reader = false;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&w, NULL, writer, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&r, NULL, reader, NULL), 0);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
	CU_ASSERT_TRUE(writer_saw_reader); /* the read went through during the write */
}

static void *withdraw(void *arg)
{
	(void)arg;
	tel_pub_set(&pub, NULL);
	set_flag(&set_done);
	return NULL;
}

/* Withdrawing waits for a handler in flight; after it, handlers see NULL. */
static void test_withdraw_waits(void)
{
	pthread_t t;
	bool early;

	tel_pub_set(&pub, &obj);
	set_done = false;
	CU_ASSERT_PTR_EQUAL(tel_pub_enter(&pub), &obj);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, withdraw, NULL), 0);
	pthread_mutex_lock(&m);
	early = set_done;
	pthread_mutex_unlock(&m);
	CU_ASSERT_FALSE(early); /* it cannot complete: we are still inside */
	tel_pub_leave(&pub);
	CU_ASSERT_TRUE(wait_flag(&set_done));
	pthread_join(t, NULL);
	CU_ASSERT_PTR_NULL(tel_pub_enter(&pub));
	tel_pub_leave(&pub);
}

static bool trying, entered;
static int other = 7;
static void *seen;

static void *late_handler(void *arg)
{
	(void)arg;
	set_flag(&trying);
	seen = tel_pub_enter(&pub);
	tel_pub_leave(&pub);
	set_flag(&entered);
	return NULL;
}

/* tel_pub_hold: a handler arriving while held enters only after the
 * release, and sees what the holder changed meanwhile. */
static void test_hold_keeps_handlers_out(void)
{
	pthread_t t;
	bool early;

	tel_pub_set(&pub, &obj);
	trying = entered = false;
	seen = NULL;
	tel_pub_hold(&pub);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, late_handler, NULL), 0);
	CU_ASSERT_TRUE(wait_flag(&trying));
	for (int i = 0; i < 1000; i++)
		sched_yield();
	pthread_mutex_lock(&m);
	early = entered;
	pthread_mutex_unlock(&m);
	pub.obj = &other; /* what a reload does while it holds */
	tel_pub_release(&pub);
	CU_ASSERT_TRUE(wait_flag(&entered));
	pthread_join(t, NULL);
	CU_ASSERT_FALSE(early);
	CU_ASSERT_PTR_EQUAL(seen, &other);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("tel_pub", NULL, NULL);
	if (s == NULL ||
	    CU_add_test(s, "a read goes through while a write waits",
	                test_read_while_write_waits) == NULL ||
	    CU_add_test(s, "withdrawing waits for handlers in flight", test_withdraw_waits) ==
	        NULL ||
	    CU_add_test(s, "holding keeps new handlers out", test_hold_keeps_handlers_out) == NULL) {
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
