/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hook runner with real /bin/sh scripts: arguments, output captured line
 * by line, exit codes, a hanging hook killed at the timeout, a missing hook,
 * and the runner thread's queue and counters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "ctl_hook.h"
#include "ctl_test.h"

static char dir[64];

struct capture {
	char lines[8][CTL_HOOK_LINE_MAX + 1];
	unsigned int n, done;
	struct ctl_hook_result res;
};

static void on_line(void *arg, const struct ctl_hook_event *ev, const char *line)
{
	struct capture *c = arg;

	(void)ev;
	if (c->n < 8)
		snprintf(c->lines[c->n], sizeof(c->lines[0]), "%s", line);
	c->n++;
}

static void on_done(void *arg, const struct ctl_hook_event *ev, const struct ctl_hook_result *r)
{
	struct capture *c = arg;

	(void)ev;
	c->res = *r;
	c->done++;
}

static void script(const char *name, const char *body, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0755);
}

static void event(struct ctl_hook_event *ev, const char *path)
{
	memset(ev, 0, sizeof(*ev));
	snprintf(ev->path, sizeof(ev->path), "%s", path);
	strcpy(ev->iface, "carp0");
	ev->vhid = 12;
	strcpy(ev->old_state, "BACKUP");
	strcpy(ev->new_state, "MASTER");
}

static void test_argv(void)
{
	struct ctl_hook_event ev;
	char vhid[4], *argv[6];

	event(&ev, "/etc/carp-hook");
	ctl_hook_argv(&ev, vhid, argv);
	CU_ASSERT_STRING_EQUAL(argv[0], "/etc/carp-hook");
	CU_ASSERT_STRING_EQUAL(argv[1], "carp0");
	CU_ASSERT_STRING_EQUAL(argv[2], "12");
	CU_ASSERT_STRING_EQUAL(argv[3], "BACKUP");
	CU_ASSERT_STRING_EQUAL(argv[4], "MASTER");
	CU_ASSERT_PTR_NULL(argv[5]);
}

/* ifstated's run "...": /bin/sh -c, so a shell line with its quoting works. */
static void test_shell_command(void)
{
	struct capture c = {0};
	struct ctl_hook_event ev;
	struct ctl_hook_result r;
	char vhid[4], *argv[6];

	memset(&ev, 0, sizeof(ev));
	ev.cmd = "x='a b'; echo \"$x\" | tr a-z A-Z; exit 3";
	ctl_hook_argv(&ev, vhid, argv);
	CU_ASSERT_STRING_EQUAL(argv[0], "/bin/sh");
	CU_ASSERT_STRING_EQUAL(argv[1], "-c");
	CU_ASSERT_PTR_EQUAL(argv[2], ev.cmd);
	CU_ASSERT_PTR_NULL(argv[3]);
	ctl_hook_run(&ev, 5000, on_line, on_done, &c, &r);
	CU_ASSERT_EQUAL(r.outcome, CTL_HOOK_FAILED);
	CU_ASSERT_EQUAL(r.status, 3);
	CU_ASSERT_EQUAL(c.n, 1);
	CU_ASSERT_STRING_EQUAL(c.lines[0], "A B");
}

static void test_output_and_args(void)
{
	struct capture c = {0};
	struct ctl_hook_event ev;
	struct ctl_hook_result r;
	char path[128];

	/* stdout and stderr both captured, a last line without newline too */
	script("ok.sh", "echo \"args: $*\"\necho oops >&2\nprintf tail", path, sizeof(path));
	event(&ev, path);
	ctl_hook_run(&ev, 5000, on_line, on_done, &c, &r);
	CU_ASSERT_EQUAL(r.outcome, CTL_HOOK_OK);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(c.done, 1);
	CU_ASSERT_EQUAL(c.n, 3);
	CU_ASSERT_STRING_EQUAL(c.lines[0], "args: carp0 12 BACKUP MASTER");
	CU_ASSERT_STRING_EQUAL(c.lines[1], "oops");
	CU_ASSERT_STRING_EQUAL(c.lines[2], "tail");
}

static void test_failure(void)
{
	struct capture c = {0};
	struct ctl_hook_event ev;
	struct ctl_hook_result r;
	char path[128];

	script("fail.sh", "exit 3", path, sizeof(path));
	event(&ev, path);
	ctl_hook_run(&ev, 5000, on_line, on_done, &c, &r);
	CU_ASSERT_EQUAL(r.outcome, CTL_HOOK_FAILED);
	CU_ASSERT_EQUAL(r.status, 3);
	CU_ASSERT_FALSE(r.signaled);

	event(&ev, "/nonexistent/hook");
	ctl_hook_run(&ev, 5000, on_line, on_done, &c, &r);
	CU_ASSERT_EQUAL(r.outcome, CTL_HOOK_SPAWN_ERR);
	CU_ASSERT_EQUAL(r.status, -2 /* -ENOENT */);
}

/* A hook that hangs (and started a child that would hold the pipe open) is
 * killed at the timeout with its process group. */
static void test_timeout(void)
{
	struct capture c = {0};
	struct ctl_hook_event ev;
	struct ctl_hook_result r;
	char path[128];

	script("hang.sh", "echo started\nsleep 30 &\nsleep 30", path, sizeof(path));
	event(&ev, path);
	ctl_hook_run(&ev, 300, on_line, on_done, &c, &r);
	CU_ASSERT_EQUAL(r.outcome, CTL_HOOK_TIMEOUT);
	CU_ASSERT_TRUE(r.signaled);
	CU_ASSERT(r.elapsed_ms >= 300);
	CU_ASSERT(r.elapsed_ms < 5000);
	CU_ASSERT_EQUAL(c.n, 1);
	CU_ASSERT_STRING_EQUAL(c.lines[0], "started");
}

static void test_runner_thread(void)
{
	static struct ctl_hooks h; /* large: not on the stack */
	struct capture c = {0};
	struct ctl_hook_event ev;
	char path[128], out[160], buf[256] = "";
	FILE *f;

	snprintf(out, sizeof(out), "%s/runner.out", dir);
	snprintf(buf, sizeof(buf), "echo \"$*\" >> %s", out);
	script("rec.sh", buf, path, sizeof(path));
	CU_ASSERT_EQUAL_FATAL(ctl_hooks_start(&h, 2000, on_line, on_done, &c), 0);
	event(&ev, path);
	CU_ASSERT_EQUAL(ctl_hooks_post(&h, &ev), 0);
	strcpy(ev.old_state, "MASTER");
	strcpy(ev.new_state, "INIT");
	CU_ASSERT_EQUAL(ctl_hooks_post(&h, &ev), 0);
	/* stop runs what is queued, then joins */
	ctl_hooks_stop(&h);
	CU_ASSERT_EQUAL(atomic_load(&h.runs), 2);
	CU_ASSERT_EQUAL(atomic_load(&h.failures), 0);
	f = fopen(out, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof(buf), f));
	CU_ASSERT_STRING_EQUAL(buf, "carp0 12 BACKUP MASTER\n");
	CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof(buf), f));
	CU_ASSERT_STRING_EQUAL(buf, "carp0 12 MASTER INIT\n");
	fclose(f);
}

/* The producer never blocks: with the runner busy on a slow hook, the
 * queue fills and further events are counted as dropped. */
static void test_queue_full(void)
{
	static struct ctl_hooks h;
	struct capture c = {0};
	struct ctl_hook_event ev;
	char path[128];
	unsigned int ok = 0, full = 0;

	script("slow.sh", "sleep 0.3", path, sizeof(path));
	CU_ASSERT_EQUAL_FATAL(ctl_hooks_start(&h, 100, NULL, on_done, &c), 0);
	event(&ev, path);
	for (unsigned int i = 0; i < CTL_HOOK_QUEUE + 10; i++) {
		if (ctl_hooks_post(&h, &ev) == 0)
			ok++;
		else
			full++;
	}
	CU_ASSERT(ok >= CTL_HOOK_QUEUE);
	CU_ASSERT(full >= 9);
	CU_ASSERT_EQUAL(atomic_load(&h.dropped), full);
	/* every queued slow hook times out at 100 ms: counted as timeouts */
	ctl_hooks_stop(&h);
	CU_ASSERT_EQUAL(atomic_load(&h.runs), ok);
	CU_ASSERT_EQUAL(atomic_load(&h.timeouts), ok);
}

static int setup(void)
{
	strcpy(dir, "/tmp/ctl_hook_test.XXXXXX");
	return mkdtemp(dir) == NULL;
}

static int teardown(void)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) != 0;
}

int ctl_test_hook_suite(void)
{
	CU_pSuite s = CU_add_suite("ctl_hook", setup, teardown);

	if (s == NULL || CU_add_test(s, "argv", test_argv) == NULL ||
	    CU_add_test(s, "output lines and arguments", test_output_and_args) == NULL ||
	    CU_add_test(s, "shell command (ifstated run)", test_shell_command) == NULL ||
	    CU_add_test(s, "exit status, missing hook", test_failure) == NULL ||
	    CU_add_test(s, "timeout kills the process group", test_timeout) == NULL ||
	    CU_add_test(s, "runner thread, drain on stop", test_runner_thread) == NULL ||
	    CU_add_test(s, "queue full: dropped, counted", test_queue_full) == NULL)
		return -1;
	return 0;
}
