/* SPDX-License-Identifier: BSD-2-Clause */
#include <signal.h>
#include <sys/wait.h>

#include "ctl_hook.h"
#include "ifsd_proc.h"

void ifsd_proc_start(struct ifsd_proc *p, const char *cmd, uint32_t run)
{
	char *argv[] = {(char *)"/bin/sh", (char *)"-c", (char *)cmd, NULL};

	ifsd_proc_kill(p);
	p->run = run;
	p->failed = ctl_spawn(argv, -1, &p->pid) != 0;
	if (p->failed)
		p->pid = 0;
}

void ifsd_proc_kill(struct ifsd_proc *p)
{
	int status;

	p->failed = false;
	if (p->pid <= 0)
		return;
	kill(-p->pid, SIGKILL); /* the test and whatever it started */
	waitpid(p->pid, &status, 0);
	p->pid = 0;
}

bool ifsd_proc_done(struct ifsd_proc *p, int *status)
{
	int ws;

	if (p->failed) {
		p->failed = false;
		*status = 127;
		return true;
	}
	if (p->pid <= 0 || waitpid(p->pid, &ws, WNOHANG) != p->pid)
		return false;
	p->pid = 0;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	return true;
}
