/* SPDX-License-Identifier: BSD-2-Clause */
/* Strict text <-> IPv4 address, prefix and MAC conversions (pure libc). */
#ifndef RTR_CFG_INET_H
#define RTR_CFG_INET_H

#include <stdbool.h>
#include <stdint.h>

#define CFG_IP_STRLEN  16 /* "255.255.255.255" */
#define CFG_PFX_STRLEN 19 /* "255.255.255.255/32" */
#define CFG_MAC_STRLEN 18

/* "A.B.C.D" -> host order. Returns 0 or -EINVAL. */
int cfg_ip_parse(const char *s, uint32_t *addr);
/* "A.B.C.D/LEN" with LEN 0-32 -> host order address and length. 0 or -EINVAL. */
int cfg_prefix_parse(const char *s, uint32_t *addr, uint8_t *len);
/* "xx:xx:xx:xx:xx:xx" (hex, 1-2 digits per byte) -> bytes. 0 or -EINVAL. */
int cfg_mac_parse(const char *s, uint8_t mac[6]);

uint32_t cfg_mask(uint8_t len);
/* Do a/alen and b/blen share any address? */
bool cfg_prefix_overlap(uint32_t a, uint8_t alen, uint32_t b, uint8_t blen);
/* Is addr inside prefix/len? */
bool cfg_prefix_contains(uint32_t prefix, uint8_t len, uint32_t addr);

/* Formatting into caller buffers; return buf. */
char *cfg_ip_str(uint32_t addr, char buf[CFG_IP_STRLEN]);
char *cfg_prefix_str(uint32_t addr, uint8_t len, char buf[CFG_PFX_STRLEN]);
char *cfg_mac_str(const uint8_t mac[6], char buf[CFG_MAC_STRLEN]);

#endif /* RTR_CFG_INET_H */
