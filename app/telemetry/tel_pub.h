/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The object a family of telemetry handlers works on (struct rtr, struct
 * ctl), published by main() and withdrawn before it is destroyed.
 *
 * Handlers run on DPDK's telemetry threads, one per client connection, and a
 * write handler may wait up to 1 s for the control lcore's answer: handlers
 * share a read lock, so no read ever waits on a write request (a mutex
 * held across that wait blocked every /carp read, issue 8 item 5). Only
 * tel_pub_set takes the lock exclusively: it waits for the handlers in
 * flight, so the object is never freed under one. Pure pthreads.
 */
#ifndef RTR_TEL_PUB_H
#define RTR_TEL_PUB_H

#include <pthread.h>

struct tel_pub {
	pthread_rwlock_t lock;
	void *obj; /* guarded by lock */
};

#define TEL_PUB_INIT {.lock = PTHREAD_RWLOCK_INITIALIZER, .obj = NULL}

/* Enter a handler: the published object (may be NULL). Pair with tel_pub_leave. */
void *tel_pub_enter(struct tel_pub *p);
void tel_pub_leave(struct tel_pub *p);
/* Publish obj (NULL: withdraw), once no handler is in flight. */
void tel_pub_set(struct tel_pub *p, void *obj);
/* Hold handlers off (after those in flight) while the object changes in
 * place; never from a handler of p. */
void tel_pub_hold(struct tel_pub *p);
void tel_pub_release(struct tel_pub *p);

#endif /* RTR_TEL_PUB_H */
