/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control lcore's loop as a list of registered event sources and
 * timers (issue 9 item 4): a protocol that joins the control lcore (CARP
 * today; pfsync, neighbour discovery next) registers what it polls and when
 * it wants to run, and the loop in ctl_main.c never changes.
 *
 *   source  poll(arg, now): drain a ring, serve requests, publish; returns
 *           the work it did (0: nothing; the loop sleeps only when a whole
 *           pass did nothing)
 *   timer   deadline(arg): the next expiry in the loop's clock (UINT64_MAX:
 *           none); fire(arg, now, late) once now >= deadline, late = how
 *           far past it
 *
 * One pass runs every entry in registration order. Pure C: the loop's
 * clock, sleeping and what the entries do are the caller's; unit-tested in
 * tests/unit/control/test_loop.c.
 */
#ifndef CTL_LOOP_H
#define CTL_LOOP_H

#include <stdint.h>

#define CTL_LOOP_MAX   16
#define CTL_LOOP_NEVER UINT64_MAX

typedef unsigned int (*ctl_poll_fn)(void *arg, uint64_t now);
typedef uint64_t (*ctl_deadline_fn)(void *arg);
typedef void (*ctl_fire_fn)(void *arg, uint64_t now, uint64_t late);

struct ctl_loop_entry {
	const char *name;
	void *arg;
	ctl_poll_fn poll;         /* a source; NULL for a timer */
	ctl_deadline_fn deadline; /* a timer: */
	ctl_fire_fn fire;
};

struct ctl_loop {
	unsigned int n;
	struct ctl_loop_entry e[CTL_LOOP_MAX];
};

void ctl_loop_init(struct ctl_loop *l);
/* 0, -EINVAL (NULL function), -ENOSPC (CTL_LOOP_MAX entries). */
int ctl_loop_add_source(struct ctl_loop *l, const char *name, ctl_poll_fn poll, void *arg);
int ctl_loop_add_timer(struct ctl_loop *l, const char *name, ctl_deadline_fn deadline,
                       ctl_fire_fn fire, void *arg);
/* One pass at now: every source polled, every due timer fired (a fired
 * timer counts as one unit of work). Returns the work done. */
unsigned int ctl_loop_run(struct ctl_loop *l, uint64_t now);
/* How long to sleep after an idle pass: up to the earliest deadline, at
 * most max; 0 if a deadline is already due. */
uint64_t ctl_loop_idle(const struct ctl_loop *l, uint64_t now, uint64_t max);

#endif /* CTL_LOOP_H */
