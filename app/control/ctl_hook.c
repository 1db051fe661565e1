/* SPDX-License-Identifier: BSD-2-Clause */
/* Hook runner: posix_spawn, output captured line by line, timeout, SIGKILL. */
#include "ctl_hook.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

void ctl_hook_argv(const struct ctl_hook_event *ev, char vhid_buf[4], char *argv[6])
{
	if (ev->cmd != NULL) {
		argv[0] = (char *)"/bin/sh";
		argv[1] = (char *)"-c";
		argv[2] = (char *)ev->cmd;
		argv[3] = NULL;
		return;
	}
	snprintf(vhid_buf, 4, "%u", ev->vhid);
	argv[0] = (char *)ev->path;
	argv[1] = (char *)ev->iface;
	argv[2] = vhid_buf;
	argv[3] = (char *)ev->old_state;
	argv[4] = (char *)ev->new_state;
	argv[5] = NULL;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int ctl_spawn(char *const argv[], int out_fd, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	int err;

	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* EAL's fds stay ours */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
	                                    POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	err = posix_spawn(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return -err;
}

static int spawn(const struct ctl_hook_event *ev, int out_fd, pid_t *pid)
{
	char vhid[4], *argv[6];

	ctl_hook_argv(ev, vhid, argv);
	return ctl_spawn(argv, out_fd, pid);
}

/* Hand complete lines of buf[0..*len) to the callback; keep the rest. A
 * line longer than the buffer is passed on in pieces. */
static void emit_lines(char *buf, size_t *len, bool flush, const struct ctl_hook_event *ev,
                       ctl_hook_line_fn line, void *arg)
{
	size_t start = 0;

	for (size_t i = 0; i < *len; i++)
		if (buf[i] == '\n') {
			buf[i] = '\0';
			if (line)
				line(arg, ev, buf + start);
			start = i + 1;
		}
	if ((flush || (start == 0 && *len == CTL_HOOK_LINE_MAX)) && start < *len) {
		buf[*len] = '\0';
		if (line)
			line(arg, ev, buf + start);
		start = *len;
	}
	memmove(buf, buf + start, *len - start);
	*len -= start;
}

void ctl_hook_run(const struct ctl_hook_event *ev, uint32_t timeout_ms, ctl_hook_line_fn line,
                  ctl_hook_done_fn done, void *arg, struct ctl_hook_result *res)
{
	char buf[CTL_HOOK_LINE_MAX + 1];
	uint64_t start = mono_ms(), now;
	size_t len = 0;
	bool eof = false, exited = false;
	int fds[2], wstatus = 0, err;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe2(fds, O_CLOEXEC) < 0) {
		res->outcome = CTL_HOOK_SPAWN_ERR;
		res->status = -errno;
		goto out;
	}
	err = spawn(ev, fds[1], &pid);
	close(fds[1]);
	if (err < 0) {
		close(fds[0]);
		res->outcome = CTL_HOOK_SPAWN_ERR;
		res->status = err;
		goto out;
	}
	while (!exited) {
		now = mono_ms();
		if (now - start >= timeout_ms) {
			kill(-pid, SIGKILL); /* the hook and whatever it started */
			kill(pid, SIGKILL);
			waitpid(pid, &wstatus, 0);
			res->outcome = CTL_HOOK_TIMEOUT;
			res->status = SIGKILL;
			res->signaled = true;
			break;
		}
		if (!eof) {
			struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
			int wait = (int)(timeout_ms - (now - start));

			/* wake at least every 50 ms to notice an exit whose
			 * output pipe a grandchild keeps open */
			if (poll(&pfd, 1, wait < 50 ? wait : 50) > 0) {
				ssize_t n = read(fds[0], buf + len, CTL_HOOK_LINE_MAX - len);

				if (n > 0) {
					len += (size_t)n;
					emit_lines(buf, &len, false, ev, line, arg);
				} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
					eof = true;
				}
			}
		} else {
			usleep(5000);
		}
		if (waitpid(pid, &wstatus, WNOHANG) == pid)
			exited = true;
	}
	if (exited) {
		/* what the hook wrote just before exiting */
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};

		while (!eof && poll(&pfd, 1, 0) > 0) {
			ssize_t n = read(fds[0], buf + len, CTL_HOOK_LINE_MAX - len);

			if (n <= 0)
				break;
			len += (size_t)n;
			emit_lines(buf, &len, false, ev, line, arg);
		}
		if (WIFEXITED(wstatus)) {
			res->status = WEXITSTATUS(wstatus);
			res->outcome = res->status == 0 ? CTL_HOOK_OK : CTL_HOOK_FAILED;
		} else {
			res->status = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : -1;
			res->signaled = WIFSIGNALED(wstatus);
			res->outcome = CTL_HOOK_FAILED;
		}
	}
	emit_lines(buf, &len, true, ev, line, arg);
	close(fds[0]);
out:
	res->elapsed_ms = mono_ms() - start;
	if (done)
		done(arg, ev, res);
}

static void *runner(void *p)
{
	struct ctl_hooks *h = p;
	struct ctl_hook_result res;

	for (;;) {
		uint32_t tail = atomic_load_explicit(&h->tail, memory_order_relaxed);
		struct ctl_hook_event ev;

		if (tail == atomic_load_explicit(&h->head, memory_order_acquire)) {
			/* stop only with the queue empty: the shutdown's own
			 * MASTER -> INIT events still run */
			if (atomic_load_explicit(&h->stop, memory_order_acquire))
				break;
			while (sem_wait(&h->sem) < 0 && errno == EINTR)
				;
			continue;
		}
		ev = h->q[tail % CTL_HOOK_QUEUE];
		atomic_store_explicit(&h->tail, tail + 1, memory_order_release);
		ctl_hook_run(&ev, h->timeout_ms, h->line, h->done, h->arg, &res);
		atomic_fetch_add_explicit(&h->runs, 1, memory_order_relaxed);
		if (res.outcome == CTL_HOOK_TIMEOUT)
			atomic_fetch_add_explicit(&h->timeouts, 1, memory_order_relaxed);
		else if (res.outcome != CTL_HOOK_OK)
			atomic_fetch_add_explicit(&h->failures, 1, memory_order_relaxed);
	}
	return NULL;
}

int ctl_hooks_start(struct ctl_hooks *h, uint32_t timeout_ms, ctl_hook_line_fn line,
                    ctl_hook_done_fn done, void *arg)
{
	sigset_t all, old;
	int err;

	h->timeout_ms = timeout_ms;
	h->line = line;
	h->done = done;
	h->arg = arg;
	atomic_store(&h->stop, false);
	atomic_store(&h->head, 0);
	atomic_store(&h->tail, 0);
	if (sem_init(&h->sem, 0, 0) < 0)
		return -errno;
	/* SIGINT/SIGTERM must reach the main thread, never the runner */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&h->thread, NULL, runner, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		sem_destroy(&h->sem);
		return -err;
	}
	pthread_setname_np(h->thread, "carp-hooks");
	h->started = true;
	return 0;
}

int ctl_hooks_post(struct ctl_hooks *h, const struct ctl_hook_event *ev)
{
	uint32_t head = atomic_load_explicit(&h->head, memory_order_relaxed);

	if (head - atomic_load_explicit(&h->tail, memory_order_acquire) >= CTL_HOOK_QUEUE) {
		atomic_fetch_add_explicit(&h->dropped, 1, memory_order_relaxed);
		return -ENOBUFS;
	}
	h->q[head % CTL_HOOK_QUEUE] = *ev;
	atomic_store_explicit(&h->head, head + 1, memory_order_release);
	sem_post(&h->sem);
	return 0;
}

void ctl_hooks_stop(struct ctl_hooks *h)
{
	if (!h->started)
		return;
	atomic_store_explicit(&h->stop, true, memory_order_release);
	sem_post(&h->sem);
	pthread_join(h->thread, NULL);
	sem_destroy(&h->sem);
	h->started = false;
}
