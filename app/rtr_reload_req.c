/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reload mailbox: SIGHUP and /router/reload both end up in one reload
 * on the main thread. A requester takes a ticket and waits until the main
 * thread has served a reload that started after it asked; requests that
 * arrive together share one reload and its result.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "rtr.h"
#include "rtr_log.h"
#include "rtr_reload.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond;      /* CLOCK_MONOTONIC, set up by rtr_reload_open */
static bool serving;                  /* the run loop answers */
static uint64_t asked, served;        /* tickets: requests taken, requests answered */
static struct rtr_reload_result last; /* the latest reload's result, under lock */

void rtr_reload_open(void)
{
	pthread_condattr_t a;

	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&done_cond, &a);
	pthread_condattr_destroy(&a);
	pthread_mutex_lock(&lock);
	serving = true;
	pthread_mutex_unlock(&lock);
}

void rtr_reload_close(void)
{
	pthread_mutex_lock(&lock);
	serving = false;
	pthread_cond_broadcast(&done_cond); /* waiters see !serving */
	pthread_mutex_unlock(&lock);
}

void rtr_reload_serve(struct rtr *r)
{
	static struct rtr_reload_result res; /* 8 KiB of messages: not on the stack */
	bool sighup = rtr_reload_signalled();
	uint64_t upto;

	pthread_mutex_lock(&lock);
	upto = asked;
	pthread_mutex_unlock(&lock);
	if (!sighup && upto == served)
		return;
	if (sighup)
		RTR_LOG(cfg, NOTICE, "SIGHUP: reloading %s", r->args.config);
	rtr_reload(r, &res);
	pthread_mutex_lock(&lock);
	last = res;
	served = upto;
	pthread_cond_broadcast(&done_cond);
	pthread_mutex_unlock(&lock);
}

int rtr_reload_request(struct rtr_reload_result *res, unsigned int timeout_ms)
{
	struct timespec until;
	uint64_t ticket;
	int ret = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&lock);
	ticket = ++asked;
	while (ret == 0 && serving && served < ticket)
		ret = -pthread_cond_timedwait(&done_cond, &lock, &until);
	if (served >= ticket)
		*res = last, ret = 0;
	else if (!serving)
		ret = -ESRCH;
	pthread_mutex_unlock(&lock);
	return ret;
}
