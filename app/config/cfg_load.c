/* SPDX-License-Identifier: BSD-2-Clause */
/* libconfig text -> struct cfg: syntax errors, section dispatch, then validation. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfg_scan.h"
#include "cfg_sections.h"
#include "ifs_conf.h"

/* Top-level keys and their parsers. A new section is one more line here. */
static const struct {
	const char *name;
	int (*parse)(struct cfg_ctx *ctx, const config_setting_t *s);
} sections[] = {
    {"log_level", cfg_log_level_parse},
    {"polling", cfg_polling_parse},
    {"idle_polls", cfg_idle_polls_parse},
    {"sleep_max_us", cfg_sleep_max_parse},
    {"workers", cfg_workers_parse},
    {"tables", cfg_tables_parse},
    {"ports", cfg_ports_parse},
    {"routes", cfg_routes_parse},
    {"neighbours", cfg_neighs_parse},
    {"routes6", cfg_routes6_parse},
    {"neighbours6", cfg_neighs6_parse},
    {"control_lcore", cfg_control_lcore_parse},
    {"carp", cfg_carp_parse},
    {"ifstated", cfg_ifstated_parse},
    {"filter", cfg_filter_parse},
    {"pfsync", cfg_pfsync_parse},
};

static int parse_tree(struct cfg *cfg, config_t *tree, struct cfg_errors *errs)
{
	config_setting_t *root = config_root_setting(tree);
	struct cfg_ctx ctx = {.cfg = cfg, .errs = errs};
	int ret = 0;

	for (int i = 0; i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned int)i);
		const char *name = config_setting_name(s);
		size_t k;

		for (k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
			if (strcmp(sections[k].name, name) == 0)
				break;
		if (k == sizeof(sections) / sizeof(sections[0])) {
			cfg_report(&ctx, s, "", "unknown key \"%s\"", name);
			ret = -EINVAL;
		} else if (sections[k].parse(&ctx, s) < 0) {
			ret = -EINVAL;
		}
	}
	/* Cross-object checks only make sense on a fully parsed file. */
	if (ret == 0)
		ret = cfg_validate(cfg, errs);
	return ret;
}

static void report_syntax(const struct cfg *cfg, const config_t *tree, struct cfg_errors *errs)
{
	const char *file = config_error_file(tree);

	const char *text = config_error_text(tree);

	/* libconfig's bison message is often just "syntax error": don't say it twice. */
	if (text == NULL || strcmp(text, "syntax error") == 0)
		text = "";
	cfg_errorf(errs, file != NULL ? file : cfg->path, config_error_line(tree),
	           "syntax error%s%s", *text != '\0' ? ": " : "", text);
}

/* Open the file ourselves (libconfig says only "file I/O error", we want
 * errno) and scan its raw bytes (cfg_scan.h). @include'd files are read by
 * libconfig alone: not scanned. */
static int scan_file(const char *path, struct cfg_errors *errs)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	char *buf;
	size_t n;
	int ret;

	if (f == NULL) {
		cfg_errorf(errs, path, 0, "cannot open: %s", strerror(errno));
		return -EINVAL;
	}
	if (fstat(fileno(f), &st) < 0 || S_ISDIR(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;

		fclose(f);
		cfg_errorf(errs, path, 0, "cannot open: %s", strerror(e));
		return -EINVAL;
	}
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (buf == NULL) {
		fclose(f);
		cfg_errorf(errs, path, 0, "out of memory");
		return -ENOMEM;
	}
	n = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	ret = cfg_scan_text(buf, n, path, errs);
	free(buf);
	return ret;
}

static int load(struct cfg *cfg, const char *path, const char *text, struct cfg_errors *errs)
{
	config_t *tree;
	int ok;

	memset(cfg, 0, sizeof(*cfg));
	cfg->path = path;
	cfg_errors_init(&cfg->warnings);
	cfg_defaults(cfg);
	tree = calloc(1, sizeof(*tree));
	if (tree == NULL) {
		cfg_errorf(errs, path, 0, "out of memory");
		return -ENOMEM;
	}
	config_init(tree);
	cfg->tree = tree;
	if (text != NULL) {
		if (cfg_scan_text(text, strlen(text), path, errs) < 0)
			return -EINVAL;
		ok = config_read_string(tree, text);
	} else {
		if (scan_file(path, errs) < 0)
			return -EINVAL;
		ok = config_read_file(tree, path);
	}
	if (!ok) {
		report_syntax(cfg, tree, errs);
		return -EINVAL;
	}
	return parse_tree(cfg, tree, errs);
}

int cfg_load_file(struct cfg *cfg, const char *path, struct cfg_errors *errs)
{
	return load(cfg, path, NULL, errs);
}

int cfg_load_string(struct cfg *cfg, const char *name, const char *text, struct cfg_errors *errs)
{
	return load(cfg, name, text, errs);
}

void cfg_free(struct cfg *cfg)
{
	if (cfg->tree != NULL) {
		config_destroy(cfg->tree);
		free(cfg->tree);
	}
	free(cfg->routes);
	free(cfg->neighs);
	free(cfg->routes6);
	free(cfg->neighs6);
	cfg->routes6 = NULL;
	cfg->neighs6 = NULL;
	ifs_conf_free(cfg->ifstated);
	cfg_filter_free(&cfg->filter);
	cfg->ifstated = NULL;
	cfg->tree = NULL;
	cfg->routes = NULL;
	cfg->neighs = NULL;
}
