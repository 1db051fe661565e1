/* SPDX-License-Identifier: BSD-2-Clause */
/* The making of a neighbour table's hash, learn ring and meta (fwd_nb_parts.h). */
#include <errno.h>

#include <rte_errno.h>
#include <rte_hash_crc.h>
#include <rte_malloc.h>
#include <rte_ring_elem.h>

#include "fwd_nb_parts.h"

int fwd_nb_parts_create(const struct fwd_nb_parts *np, const struct fwd_params *p,
                        struct rte_rcu_qsbr *v, struct rte_hash **h, struct rte_ring **learn,
                        void **meta)
{
	struct rte_hash_parameters hp = {
	    .name = np->hash_name,
	    .entries = np->entries,
	    .key_len = np->key_len,
	    .hash_func = rte_hash_crc,
	    .socket_id = p->socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	struct rte_hash_rcu_config rcu = {.mode = RTE_HASH_QSBR_MODE_DQ, .v = v};

	*h = rte_hash_create(&hp);
	if (*h == NULL)
		return -ENOMEM;
	if (rte_hash_rcu_qsbr_add(*h, &rcu) != 0)
		return -rte_errno;
	*learn = rte_ring_create_elem(np->ring_name, np->learn_size,
	                              rte_align32pow2(RTE_MAX(p->learn_ring_size, 64u)),
	                              p->socket_id, RING_F_SC_DEQ);
	if (*learn == NULL)
		return -rte_errno;
	*meta = rte_zmalloc_socket(np->meta_name, np->meta_size * np->entries, 0, p->socket_id);
	if (*meta == NULL)
		return -ENOMEM;
	return 0;
}
