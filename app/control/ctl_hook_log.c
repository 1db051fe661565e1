/* SPDX-License-Identifier: BSD-2-Clause */
/* What the hook thread logs: each output line and how the hook ended. */
#include <inttypes.h>
#include <string.h>

#include "ctl.h"
#include "rtr_log.h"

void ctl_hook_log_line(void *arg, const struct ctl_hook_event *ev, const char *line)
{
	(void)arg;
	RTR_LOG(ctl, INFO, "[%s vhid %u] hook %s: %s", ev->iface, ev->vhid, ev->path, line);
}

void ctl_hook_log_done(void *arg, const struct ctl_hook_event *ev,
                       const struct ctl_hook_result *res)
{
	(void)arg;
	switch (res->outcome) {
	case CTL_HOOK_OK:
		RTR_LOG(ctl, INFO, "[%s vhid %u] hook %s %s %u %s %s: exit 0 after %" PRIu64 " ms",
		        ev->iface, ev->vhid, ev->path, ev->iface, ev->vhid, ev->old_state,
		        ev->new_state, res->elapsed_ms);
		break;
	case CTL_HOOK_FAILED:
		RTR_LOG(ctl, WARNING,
		        "[%s vhid %u] hook %s %s -> %s failed: %s %d after %" PRIu64 " ms",
		        ev->iface, ev->vhid, ev->path, ev->old_state, ev->new_state,
		        res->signaled ? "signal" : "exit", res->status, res->elapsed_ms);
		break;
	case CTL_HOOK_TIMEOUT:
		RTR_LOG(ctl, WARNING,
		        "[%s vhid %u] hook %s %s -> %s killed after %" PRIu64 " ms (timeout)",
		        ev->iface, ev->vhid, ev->path, ev->old_state, ev->new_state,
		        res->elapsed_ms);
		break;
	case CTL_HOOK_SPAWN_ERR:
		RTR_LOG(ctl, WARNING, "[%s vhid %u] hook %s cannot be started: %s", ev->iface,
		        ev->vhid, ev->path, strerror(-res->status));
		break;
	}
}
