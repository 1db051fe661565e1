/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SIGINT/SIGTERM -> a stop flag, SIGHUP -> a reload flag; the main loop
 * (rtr_run.c) polls both. SIGHUP is what `systemctl reload` sends: without a
 * handler its default action would kill the router.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "rtr.h"
#include "rtr_log.h"

/* Written by the signal handler, read by the main thread. Lock-free ints:
 * async-signal-safe. */
static atomic_int stop_signal;
static atomic_int reload_signal;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		atomic_store_explicit(&reload_signal, 1, memory_order_relaxed);
	else
		atomic_store_explicit(&stop_signal, sig, memory_order_relaxed);
}

int rtr_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGHUP, &sa, NULL) < 0) {
		RTR_LOG(app, ERR, "cannot install signal handlers: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int rtr_stop_requested(void)
{
	return atomic_load_explicit(&stop_signal, memory_order_relaxed);
}

bool rtr_reload_signalled(void)
{
	return atomic_exchange_explicit(&reload_signal, 0, memory_order_relaxed) != 0;
}
