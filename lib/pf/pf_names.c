/* SPDX-License-Identifier: BSD-2-Clause */
/* Protocol and service name tables: see pf_names.h. */
#include "pf_names.h"

#include <string.h>

struct name_num {
	const char *name;
	uint16_t num;
};

/* OpenBSD /etc/protocols names (first entry of a number is canonical). */
static const struct name_num protos[] = {
    {"icmp", 1},       {"igmp", 2},     {"ipencap", 4},    {"tcp", 6},
    {"egp", 8},        {"udp", 17},     {"ipv6", 41},      {"ipv6-route", 43},
    {"ipv6-frag", 44}, {"rsvp", 46},    {"gre", 47},       {"esp", 50},
    {"ah", 51},        {"icmp6", 58},   {"ipv6-icmp", 58}, {"ipv6-nonxt", 59},
    {"ipv6-opts", 60}, {"eigrp", 88},   {"ospf", 89},      {"etherip", 97},
    {"pim", 103},      {"ipcomp", 108}, {"carp", 112},     {"vrrp", 112},
    {"l2tp", 115},     {"sctp", 132},   {"udplite", 136},  {"mpls-in-ip", 137},
    {"pfsync", 240},
};

/* Common services (OpenBSD /etc/services names; tcp and udp share a port). */
static const struct name_num services[] = {
    {"ftp-data", 20},
    {"ftp", 21},
    {"ssh", 22},
    {"telnet", 23},
    {"smtp", 25},
    {"time", 37},
    {"domain", 53},
    {"bootps", 67},
    {"bootpc", 68},
    {"tftp", 69},
    {"gopher", 70},
    {"finger", 79},
    {"http", 80},
    {"www", 80},
    {"kerberos", 88},
    {"pop3", 110},
    {"sunrpc", 111},
    {"auth", 113},
    {"ident", 113},
    {"nntp", 119},
    {"ntp", 123},
    {"netbios-ns", 137},
    {"netbios-dgm", 138},
    {"netbios-ssn", 139},
    {"imap", 143},
    {"snmp", 161},
    {"snmp-trap", 162},
    {"bgp", 179},
    {"ldap", 389},
    {"https", 443},
    {"microsoft-ds", 445},
    {"isakmp", 500},
    {"syslog", 514},
    {"dhcpv6-client", 546},
    {"dhcpv6-server", 547},
    {"submission", 587},
    {"ldaps", 636},
    {"rsync", 873},
    {"imaps", 993},
    {"pop3s", 995},
    {"openvpn", 1194},
    {"l2tp", 1701},
    {"pptp", 1723},
    {"radius", 1812},
    {"radius-acct", 1813},
    {"nfsd", 2049},
    {"mysql", 3306},
    {"ms-wbt-server", 3389},
    {"ipsec-nat-t", 4500},
    {"sip", 5060},
    {"postgresql", 5432},
    {"http-alt", 8080},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int lookup(const struct name_num *t, unsigned n, const char *name)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].num;
	return -1;
}

int pf_proto_byname(const char *name)
{
	return lookup(protos, N(protos), name);
}

const char *pf_proto_name(uint8_t proto)
{
	unsigned i;

	for (i = 0; i < N(protos); i++)
		if (protos[i].num == proto)
			return protos[i].name;
	return NULL;
}

int pf_service_byname(const char *name)
{
	return lookup(services, N(services), name);
}

const char *pf_service_at(unsigned i, uint16_t *port)
{
	if (i >= N(services))
		return NULL;
	*port = services[i].num;
	return services[i].name;
}
