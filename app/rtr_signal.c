/* SPDX-License-Identifier: BSD-2-Clause */
/* SIGINT/SIGTERM -> an atomic flag that the main loop (rtr_run.c) polls. */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "rtr.h"
#include "rtr_log.h"

/* Written by the signal handler, read by the main thread. Lock-free int:
 * async-signal-safe. */
static atomic_int stop_signal;

static void on_signal(int sig)
{
	atomic_store_explicit(&stop_signal, sig, memory_order_relaxed);
}

int rtr_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0) {
		RTR_LOG(app, ERR, "cannot install signal handlers: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int rtr_stop_requested(void)
{
	return atomic_load_explicit(&stop_signal, memory_order_relaxed);
}
