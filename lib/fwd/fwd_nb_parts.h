/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What both neighbour tables (fwd_neigh.c, fwd_neigh6.c) are made of: the
 * hash workers read lock-free (deleted slots reclaimed through a QSBR
 * variable), the MP/SC ring workers send what they learn on, and the
 * writer's meta array. Only their making is shared: each table keeps its
 * own layout for the fast path.
 */
#ifndef FWD_NB_PARTS_H
#define FWD_NB_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include <rte_hash.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include "fwd.h"

struct fwd_nb_parts {
	const char *hash_name, *ring_name, *meta_name;
	uint32_t key_len;
	uint32_t entries;
	unsigned int learn_size; /* one learn ring message */
	size_t meta_size;        /* one meta entry */
};

/*
 * Makes *h (with v as its QSBR variable), *learn and *meta. What could not
 * be made is NULL, what was made stays for the caller's fini. 0, -ENOMEM or
 * the DPDK error.
 */
int fwd_nb_parts_create(const struct fwd_nb_parts *np, const struct fwd_params *p,
                        struct rte_rcu_qsbr *v, struct rte_hash **h, struct rte_ring **learn,
                        void **meta);

#endif /* FWD_NB_PARTS_H */
