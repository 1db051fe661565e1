/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Building an ifs_conf while parsing: states, interned interfaces and
 * external tests, actions and expressions. Internal to lib/ifstated. Every
 * function returns NULL or -1 only when out of memory.
 */
#ifndef IFS_BUILD_H
#define IFS_BUILD_H

#include "ifs_conf.h"

struct ifs_conf *ifs_conf_new(const char *file);
/* A new state NAME declared at LINE: its index, or -1. */
int ifs_state_add(struct ifs_conf *c, const char *name, int line);
/* The index of interface NAME (added on first use, at LINE), or -1; the
 * state STATE is noted as naming it. */
int ifs_iface_use(struct ifs_conf *c, uint32_t state, const char *name, int line);
/* The index of STATE's test (CMD, EVERY_S) (added on first use), or -1. */
int ifs_test_use(struct ifs_conf *c, uint32_t state, const char *cmd, uint32_t every_s, int line);

struct ifs_action *ifs_action_new(enum ifs_action_type type, int line);
void ifs_block_init(struct ifs_block *b);
void ifs_block_append(struct ifs_block *b, struct ifs_action *a);

struct ifs_expr *ifs_expr_new(enum ifs_expr_type type);
void ifs_expr_free(struct ifs_expr *e);

#endif /* IFS_BUILD_H */
