/* SPDX-License-Identifier: BSD-2-Clause */
/* Crafted frames for the fwd tests, byte by byte (no lib/fwd code used). */

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "fwd_test.h"

const struct rte_ether_addr tf_mac_port0 = {{0x02, 0, 0, 0, 0, 0x01}};
const struct rte_ether_addr tf_mac_port1 = {{0x02, 0, 0, 0, 0x01, 0x01}};
const struct rte_ether_addr tf_mac_host = {{0x02, 0xaa, 0, 0, 0, 0x01}};
const struct rte_ether_addr tf_mac_other = {{0x02, 0xbb, 0, 0, 0, 0x01}};
const struct rte_ether_addr tf_mac_bcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

uint16_t rd16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] << 8 | b[1]);
}

uint32_t rd32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)rd16(b) << 16 | rd16(b + 2);
}

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void wr32(uint8_t *p, uint32_t v)
{
	wr16(p, v >> 16);
	wr16(p + 2, v & 0xffff);
}

uint16_t ref_cksum(const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint8_t *eth(uint8_t *buf, const struct rte_ether_addr *dst,
                    const struct rte_ether_addr *src, uint16_t type)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	wr16(buf + 12, type);
	return buf + 14;
}

void tf_ipv4_fix_cksum(uint8_t *frame)
{
	uint8_t *ip = frame + 14;
	size_t hlen = (ip[0] & 0xf) * 4u;

	wr16(ip + 10, 0);
	wr16(ip + 10, ref_cksum(ip, hlen));
}

static uint8_t *ip_hdr(uint8_t *ip, uint32_t sip, uint32_t dip, uint8_t ttl, uint8_t proto,
                       uint16_t plen)
{
	ip[0] = 0x45;
	ip[1] = 0;
	wr16(ip + 2, 20 + plen);
	wr16(ip + 4, 0x1234);
	wr16(ip + 6, 0);
	ip[8] = ttl;
	ip[9] = proto;
	wr16(ip + 10, 0);
	wr32(ip + 12, sip);
	wr32(ip + 16, dip);
	wr16(ip + 10, ref_cksum(ip, 20));
	return ip + 20;
}

uint32_t tf_ipv4(uint8_t *buf, const struct rte_ether_addr *dst, const struct rte_ether_addr *src,
                 uint32_t sip, uint32_t dip, uint8_t ttl, uint8_t proto, uint16_t plen)
{
	uint8_t *p = ip_hdr(eth(buf, dst, src, 0x0800), sip, dip, ttl, proto, plen);

	for (uint16_t i = 0; i < plen; i++)
		p[i] = (uint8_t)i;
	return 14 + 20 + plen;
}

uint32_t tf_icmp_echo(uint8_t *buf, const struct rte_ether_addr *dst,
                      const struct rte_ether_addr *src, uint32_t sip, uint32_t dip, uint16_t id,
                      uint16_t seq, uint16_t dlen)
{
	uint8_t *icmp = ip_hdr(eth(buf, dst, src, 0x0800), sip, dip, 63, 1, 8 + dlen);

	icmp[0] = 8;
	icmp[1] = 0;
	wr16(icmp + 2, 0);
	wr16(icmp + 4, id);
	wr16(icmp + 6, seq);
	for (uint16_t i = 0; i < dlen; i++)
		icmp[8 + i] = (uint8_t)(0xa0 + i);
	wr16(icmp + 2, ref_cksum(icmp, 8u + dlen));
	return 14 + 20 + 8 + dlen;
}

uint32_t tf_arp(uint8_t *buf, const struct rte_ether_addr *eth_dst, uint16_t op,
                const struct rte_ether_addr *sha, uint32_t spa, const struct rte_ether_addr *tha,
                uint32_t tpa)
{
	uint8_t *a = eth(buf, eth_dst, sha, 0x0806);

	wr16(a, 1);
	wr16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	wr16(a + 6, op);
	memcpy(a + 8, sha, 6);
	wr32(a + 14, spa);
	memcpy(a + 18, tha, 6);
	wr32(a + 24, tpa);
	return 14 + 28;
}

int tf_run(void)
{
	unsigned int failed;

	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}

struct rte_mempool *tf_eal_pool(const char *argv0, const char *name, unsigned int mem_mb)
{
	char prefix[64], mem[16];
	char *eal[] = {(char *)argv0, "--no-huge", "--no-pci", "-m", mem, "--file-prefix", prefix,
	               "--log-level=error", "-l", "0", "--no-shconf", "--no-telemetry"};
	struct rte_mempool *mp;

	snprintf(prefix, sizeof(prefix), "%s-%d", name, (int)getpid());
	snprintf(mem, sizeof(mem), "%u", mem_mb);
	if (rte_eal_init(RTE_DIM(eal), eal) < 0) {
		fprintf(stderr, "rte_eal_init failed\n");
		return NULL;
	}
	mp = rte_pktmbuf_pool_create(name, 511, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (mp == NULL)
		fprintf(stderr, "mempool: %s\n", rte_strerror(rte_errno));
	return mp;
}

void tf_eal_done(struct rte_mempool *mp)
{
	char rundir[PATH_MAX];

	snprintf(rundir, sizeof(rundir), "%s", rte_eal_get_runtime_dir());
	rte_mempool_free(mp);
	rte_eal_cleanup();
	rmdir(rundir);
}
