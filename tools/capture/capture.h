/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libpcap plumbing shared by the operator tools: open a capture file or a
 * live interface (promiscuous, immediate) with a BPF filter, then run a
 * loop that ends at the end of the file, a timeout, a signal or when the
 * callback calls capture_stop. Errors are printed as "PROG: ...".
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <pcap/pcap.h>
#include <stdbool.h>

#include "capture_link.h"

struct capture_opts {
	const char *prog;         /* for messages: "carpdump" */
	const char *file;         /* read this file, or */
	const char *ifname;       /* capture live here */
	const char *filter;       /* BPF filter for every link type */
	const char *filter_ether; /* the one for Ethernet (VLAN-aware), or NULL */
	int snaplen;
	long timeout_s; /* live only; 0 = none */
};

struct capture {
	struct capture_opts o;
	pcap_t *pc;
	int linktype;
	bool stop;
};

/* Open and filter; the link type must be capture_link_supported. Returns
 * 0, -ENOENT (file), -ENODEV (interface), -EPROTONOSUPPORT or -EINVAL. */
int capture_open(struct capture *c, const struct capture_opts *o);
/* Call `cb` for every packet until done. 0 or -EIO / -errno. */
int capture_run(struct capture *c, pcap_handler cb, u_char *user);
/* From the callback: end the loop after this packet. */
void capture_stop(struct capture *c);
void capture_close(struct capture *c);
/* SIGINT/SIGTERM end a live loop (installs the handlers). */
void capture_catch_signals(void);

#endif /* CAPTURE_H */
