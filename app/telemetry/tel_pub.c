/* SPDX-License-Identifier: BSD-2-Clause */
/* Publication of the telemetry handlers' object: see tel_pub.h. */
#include "tel_pub.h"

/* glibc's default rwlock prefers readers: a handler entering while
 * tel_pub_set waits is not held up behind it. */
void *tel_pub_enter(struct tel_pub *p)
{
	pthread_rwlock_rdlock(&p->lock);
	return p->obj;
}

void tel_pub_leave(struct tel_pub *p)
{
	pthread_rwlock_unlock(&p->lock);
}

void tel_pub_set(struct tel_pub *p, void *obj)
{
	pthread_rwlock_wrlock(&p->lock);
	p->obj = obj;
	pthread_rwlock_unlock(&p->lock);
}

void tel_pub_hold(struct tel_pub *p)
{
	pthread_rwlock_wrlock(&p->lock);
}

void tel_pub_release(struct tel_pub *p)
{
	pthread_rwlock_unlock(&p->lock);
}
