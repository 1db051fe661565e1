/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State-change hooks (contract section 5; what ifstated does on OpenBSD).
 *
 * On every state change the control lcore posts an event; a dedicated
 * pthread (never an lcore) runs `HOOK IFACE VHID OLD NEW`, e.g.
 * `/etc/carp-hook carp0 1 BACKUP MASTER`, with stdin from /dev/null and
 * stdout+stderr captured and handed line by line to a callback. A hook that
 * runs longer than the timeout is killed (SIGKILL to its process group).
 *
 * Threads: ctl_hooks_post is called by ONE producer (the control lcore) and
 * never blocks: a lock-free single-producer/single-consumer queue and a
 * semaphore; when the queue is full the event is counted and dropped.
 * Counters are relaxed atomics any thread may read.
 */
#ifndef CTL_HOOK_H
#define CTL_HOOK_H

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define CTL_HOOK_PATH_MAX 256
#define CTL_HOOK_QUEUE    64  /* power of two */
#define CTL_HOOK_LINE_MAX 256 /* longer output lines are split */

struct ctl_hook_event {
	/* A shell command (ifstated's run "..."), run as /bin/sh -c cmd, or
	 * NULL for a state-change hook. Owned by the poster, which keeps it
	 * alive until the runner has stopped. */
	const char *cmd;
	char path[CTL_HOOK_PATH_MAX];
	char iface[16];
	uint8_t vhid;
	char old_state[8], new_state[8]; /* "INIT", "BACKUP", "MASTER" */
};

enum ctl_hook_outcome {
	CTL_HOOK_OK = 0,    /* exited 0 */
	CTL_HOOK_FAILED,    /* exited non-zero or killed by a signal */
	CTL_HOOK_TIMEOUT,   /* still running after the timeout: killed */
	CTL_HOOK_SPAWN_ERR, /* could not be started (status = -errno) */
};

struct ctl_hook_result {
	enum ctl_hook_outcome outcome;
	int status;    /* exit code, signal number, or -errno */
	bool signaled; /* status is the signal that killed the hook */
	uint64_t elapsed_ms;
};

/* Receives each output line (without the newline) and the final result. */
typedef void (*ctl_hook_line_fn)(void *arg, const struct ctl_hook_event *ev, const char *line);
typedef void (*ctl_hook_done_fn)(void *arg, const struct ctl_hook_event *ev,
                                 const struct ctl_hook_result *res);

/* argv for the event: {path, iface, vhid, old, new, NULL}, or for a shell
 * command {"/bin/sh", "-c", cmd, NULL}; vhid_buf holds the vhid's digits.
 * Pure. */
void ctl_hook_argv(const struct ctl_hook_event *ev, char vhid_buf[4], char *argv[6]);

/* Start argv[0] with ARGV in a process group of its own (a kill of -pid
 * reaches what it starts), default signal dispositions, an empty mask,
 * stdin /dev/null, stdout and stderr to OUT_FD (-1: /dev/null), no other fd.
 * 0 or -errno. */
int ctl_spawn(char *const argv[], int out_fd, pid_t *pid);

/* Run one hook synchronously (the runner thread's body; tests call it). */
void ctl_hook_run(const struct ctl_hook_event *ev, uint32_t timeout_ms, ctl_hook_line_fn line,
                  ctl_hook_done_fn done, void *arg, struct ctl_hook_result *res);

struct ctl_hooks {
	pthread_t thread;
	bool started;
	sem_t sem;
	_Atomic bool stop;
	uint32_t timeout_ms;
	ctl_hook_line_fn line;
	ctl_hook_done_fn done;
	void *arg;
	/* SPSC queue: head written by the producer, tail by the runner. */
	_Atomic uint32_t head, tail;
	struct ctl_hook_event q[CTL_HOOK_QUEUE];
	/* Counters (relaxed). */
	_Atomic uint64_t runs, failures, timeouts, dropped;
};

/* Start the runner thread (signals blocked in it). 0 or -errno. */
int ctl_hooks_start(struct ctl_hooks *h, uint32_t timeout_ms, ctl_hook_line_fn line,
                    ctl_hook_done_fn done, void *arg);
/* Producer: queue an event. 0, or -ENOBUFS when full (counted in dropped). */
int ctl_hooks_post(struct ctl_hooks *h, const struct ctl_hook_event *ev);
/* Run what is queued (each hook bounded by the timeout), then join. */
void ctl_hooks_stop(struct ctl_hooks *h);

#endif /* CTL_HOOK_H */
