/* SPDX-License-Identifier: BSD-2-Clause */
/* libpcap plumbing for the operator tools: see capture.h. */
#include "capture.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

void capture_catch_signals(void)
{
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
}

static int set_filter(struct capture *c)
{
	struct bpf_program prog;
	const char *filter = c->linktype == CAPTURE_LINK_ETHERNET && c->o.filter_ether != NULL
	                         ? c->o.filter_ether
	                         : c->o.filter;
	int rc;

	if (filter == NULL)
		return 0;
	if (pcap_compile(c->pc, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		fprintf(stderr, "%s: filter: %s\n", c->o.prog, pcap_geterr(c->pc));
		return -EINVAL;
	}
	rc = pcap_setfilter(c->pc, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		fprintf(stderr, "%s: filter: %s\n", c->o.prog, pcap_geterr(c->pc));
		return -EINVAL;
	}
	return 0;
}

static pcap_t *open_live(const struct capture_opts *o)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	pcap_t *pc = pcap_create(o->ifname, err);

	if (pc == NULL) {
		fprintf(stderr, "%s: %s: %s\n", o->prog, o->ifname, err);
		return NULL;
	}
	/* promiscuous: unicast peers' packets are addressed to the peer's MAC */
	if (pcap_set_snaplen(pc, o->snaplen) < 0 || pcap_set_promisc(pc, 1) < 0 ||
	    pcap_set_immediate_mode(pc, 1) < 0 || pcap_set_timeout(pc, 100) < 0 ||
	    pcap_activate(pc) < 0 || pcap_setnonblock(pc, 1, err) < 0) {
		fprintf(stderr, "%s: %s: %s\n", o->prog, o->ifname,
		        err[0] != '\0' ? err : pcap_geterr(pc));
		pcap_close(pc);
		return NULL;
	}
	return pc;
}

int capture_open(struct capture *c, const struct capture_opts *o)
{
	char err[PCAP_ERRBUF_SIZE] = "";

	memset(c, 0, sizeof(*c));
	c->o = *o;
	if (o->file != NULL) {
		c->pc = pcap_open_offline(o->file, err);
		if (c->pc == NULL) {
			fprintf(stderr, "%s: %s\n", o->prog, err);
			return -ENOENT;
		}
	} else {
		c->pc = open_live(o);
		if (c->pc == NULL)
			return -ENODEV;
	}
	c->linktype = pcap_datalink(c->pc);
	if (!capture_link_supported(c->linktype)) {
		fprintf(stderr, "%s: unsupported link type %s (%d)\n", o->prog,
		        pcap_datalink_val_to_name(c->linktype), c->linktype);
		return -EPROTONOSUPPORT;
	}
	return set_filter(c);
}

void capture_stop(struct capture *c)
{
	c->stop = true;
	pcap_breakloop(c->pc);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Live loop: poll the capture fd until stopped, timeout or a signal. */
static int run_live(struct capture *c, pcap_handler cb, u_char *user)
{
	double deadline = c->o.timeout_s != 0 ? now_s() + (double)c->o.timeout_s : 0;
	struct pollfd pfd = {.fd = pcap_get_selectable_fd(c->pc), .events = POLLIN};

	if (pfd.fd < 0) {
		fprintf(stderr, "%s: %s: no selectable descriptor\n", c->o.prog, c->o.ifname);
		return -EINVAL;
	}
	while (!stop_flag && !c->stop) {
		int wait_ms = 200, n;

		if (deadline != 0) {
			double left = deadline - now_s();

			if (left <= 0)
				break;
			if (left * 1000 < wait_ms)
				wait_ms = (int)(left * 1000) + 1;
		}
		if (poll(&pfd, 1, wait_ms) < 0 && errno != EINTR)
			return -errno;
		n = pcap_dispatch(c->pc, -1, cb, user);
		if (n == PCAP_ERROR) {
			fprintf(stderr, "%s: %s\n", c->o.prog, pcap_geterr(c->pc));
			return -EIO;
		}
		if (n == PCAP_ERROR_BREAK)
			break;
	}
	return 0;
}

int capture_run(struct capture *c, pcap_handler cb, u_char *user)
{
	if (c->o.file == NULL)
		return run_live(c, cb, user);
	if (pcap_loop(c->pc, -1, cb, user) == PCAP_ERROR) {
		fprintf(stderr, "%s: %s: %s\n", c->o.prog, c->o.file, pcap_geterr(c->pc));
		return -EIO;
	}
	return 0;
}

void capture_close(struct capture *c)
{
	if (c->pc != NULL)
		pcap_close(c->pc);
	c->pc = NULL;
}
