/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An ifstated.conf (OpenBSD's ifstated.conf(5) grammar) parsed into plain
 * data: states with an init block and a body, the interfaces the tests name,
 * the external tests, and the actions (run, set-state, nested if).
 *
 * Pure C: no DPDK, no clock, no process handling. The parser allocates; the
 * result is read-only afterwards and is what ifs_engine (ifs_engine.h)
 * evaluates. State 0 is the global pseudo-state: actions outside any state,
 * evaluated as if it were always current (ifstated's "always").
 */
#ifndef IFS_CONF_H
#define IFS_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IFS_STRING_MAX   4096    /* longest string or command */
#define IFS_FILE_MAX     1048576 /* largest file accepted */
#define IFS_DEPTH_MAX    64      /* nesting of parentheses, '!', and if blocks */
#define IFS_EVERY_MAX    86400   /* "every N": 1 .. one day, in seconds */
#define IFS_GLOBAL_STATE 0

/* An interface's link as ifstated sees it. For a carp interface (OpenBSD):
 * up = MASTER, down = BACKUP, unknown = INIT. NONE: never reported yet, so
 * none of up/down/unknown is true (ifstated's prevstate -1). */
#define IFS_LINKS(X)                                                                               \
	X(NONE, "none")                                                                            \
	X(UNKNOWN, "unknown")                                                                      \
	X(DOWN, "down")                                                                            \
	X(UP, "up")

enum ifs_link {
#define X(e, n) IFS_LINK_##e,
	IFS_LINKS(X)
#undef X
	    IFS_LINK__COUNT
};

const char *ifs_link_name(enum ifs_link l);

enum ifs_expr_type {
	IFS_EXPR_LINK, /* IFACE.link.up|down|unknown */
	IFS_EXPR_TEST, /* "command" every N */
	IFS_EXPR_NOT,
	IFS_EXPR_AND,
	IFS_EXPR_OR,
};

struct ifs_expr {
	enum ifs_expr_type type;
	union {
		struct {
			uint32_t iface;     /* index into ifs_conf.ifaces */
			enum ifs_link want; /* UP, DOWN or UNKNOWN */
		} link;
		uint32_t test;           /* index into ifs_conf.tests */
		struct ifs_expr *arg[2]; /* NOT uses arg[0] */
	} u;
};

enum ifs_action_type {
	IFS_ACTION_RUN,       /* run "command" */
	IFS_ACTION_SET_STATE, /* set-state NAME */
	IFS_ACTION_IF,        /* if EXPR { actions } */
};

struct ifs_action;

/* A list of actions in file order (no pointer into itself: blocks live
 * in arrays that grow while parsing). */
struct ifs_block {
	struct ifs_action *first, *last;
};

struct ifs_action {
	enum ifs_action_type type;
	int line;
	struct ifs_action *next;
	union {
		char *cmd;      /* RUN */
		uint32_t state; /* SET_STATE: index into ifs_conf.states */
		struct {
			struct ifs_expr *cond;
			struct ifs_block then;
		} cond; /* IF */
	} u;
};

struct ifs_state {
	char *name; /* "" for the global pseudo-state */
	int line;   /* where "state NAME" is */
	struct ifs_block init, body;
	/* What the state's tests name (init and body): the body is evaluated
	 * when one of them changes, as ifstated does. */
	uint32_t n_ifaces, *ifaces; /* indices into ifs_conf.ifaces */
	uint32_t n_tests, *tests;   /* indices into ifs_conf.tests */
};

/* An external test belongs to one state (ifstated keeps one per state, so
 * the same command in two states is two tests). */
struct ifs_test {
	char *cmd;
	uint32_t every_s;
	uint32_t state; /* owning state */
	int line;       /* first use */
};

struct ifs_iface {
	char *name;
	int line; /* first use */
};

struct ifs_conf {
	char *file;
	uint32_t n_states; /* >= 1: [0] is the global pseudo-state */
	struct ifs_state *states;
	uint32_t init_state; /* first state or init-state; 0 when there is none */
	uint32_t n_ifaces;
	struct ifs_iface *ifaces;
	uint32_t n_tests;
	struct ifs_test *tests;
};

/* Called once per parse error, in file order: FILE:LINE: reason is
 * file, line (0 when the error is the file itself) and reason. */
typedef void (*ifs_error_fn)(void *arg, const char *file, int line, const char *reason);

/* Answers whether an interface name exists (carp interface or port); NULL
 * accepts any name. An unknown name is an error at its line. */
typedef bool (*ifs_iface_known_fn)(void *arg, const char *name);

struct ifs_parse_opts {
	ifs_error_fn error;
	ifs_iface_known_fn iface_known;
	void *arg; /* passed to both */
};

/* Parse TEXT (LEN bytes, NUL not required) named FILE in messages. Returns
 * the configuration, or NULL after reporting every error found (a syntax
 * error ends the parse; other errors are all reported). errno is EINVAL
 * for errors in the text, ENOMEM when out of memory. */
struct ifs_conf *ifs_parse_text(const char *file, const char *text, size_t len,
                                const struct ifs_parse_opts *opts);
/* Read and parse FILE (at most IFS_FILE_MAX bytes). */
struct ifs_conf *ifs_parse_file(const char *file, const struct ifs_parse_opts *opts);
void ifs_conf_free(struct ifs_conf *c);

/* Index of interface NAME among those the configuration names, or -1. */
int ifs_conf_iface_find(const struct ifs_conf *c, const char *name);
/* Index of state NAME (not the global pseudo-state), or -1. */
int ifs_conf_state_find(const struct ifs_conf *c, const char *name);

#endif /* IFS_CONF_H */
