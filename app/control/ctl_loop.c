/* SPDX-License-Identifier: BSD-2-Clause */
/* Registered event sources and timers of the control lcore's loop (ctl_loop.h). */
#include <errno.h>
#include <stddef.h>

#include "ctl_loop.h"

void ctl_loop_init(struct ctl_loop *l)
{
	l->n = 0;
}

static int add(struct ctl_loop *l, const struct ctl_loop_entry *e)
{
	if (l->n >= CTL_LOOP_MAX)
		return -ENOSPC;
	l->e[l->n++] = *e;
	return 0;
}

int ctl_loop_add_source(struct ctl_loop *l, const char *name, ctl_poll_fn poll, void *arg)
{
	if (poll == NULL)
		return -EINVAL;
	return add(l, &(struct ctl_loop_entry){.name = name, .arg = arg, .poll = poll});
}

int ctl_loop_add_timer(struct ctl_loop *l, const char *name, ctl_deadline_fn deadline,
                       ctl_fire_fn fire, void *arg)
{
	if (deadline == NULL || fire == NULL)
		return -EINVAL;
	return add(l, &(struct ctl_loop_entry){
	                  .name = name, .arg = arg, .deadline = deadline, .fire = fire});
}

unsigned int ctl_loop_run(struct ctl_loop *l, uint64_t now)
{
	unsigned int work = 0;

	for (unsigned int i = 0; i < l->n; i++) {
		const struct ctl_loop_entry *e = &l->e[i];
		uint64_t at;

		if (e->poll != NULL) {
			work += e->poll(e->arg, now);
			continue;
		}
		at = e->deadline(e->arg);
		if (at != CTL_LOOP_NEVER && now >= at) {
			e->fire(e->arg, now, now - at);
			work++;
		}
	}
	return work;
}

uint64_t ctl_loop_idle(const struct ctl_loop *l, uint64_t now, uint64_t max)
{
	uint64_t d = max;

	for (unsigned int i = 0; i < l->n; i++) {
		uint64_t at;

		if (l->e[i].deadline == NULL)
			continue;
		at = l->e[i].deadline(l->e[i].arg);
		if (at == CTL_LOOP_NEVER)
			continue;
		if (at <= now)
			return 0;
		if (at - now < d)
			d = at - now;
	}
	return d;
}
