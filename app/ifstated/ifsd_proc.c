/* SPDX-License-Identifier: BSD-2-Clause */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "ifsd_proc.h"

extern char **environ;

void ifsd_proc_start(struct ifsd_proc *p, const char *cmd, uint32_t run)
{
	char *argv[] = {(char *)"/bin/sh", (char *)"-c", (char *)cmd, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;

	ifsd_proc_kill(p);
	p->run = run;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
	                                    POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	p->failed = posix_spawn(&p->pid, argv[0], &fa, &attr, argv, environ) != 0;
	if (p->failed)
		p->pid = 0;
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
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
