/* State shared by the scanner, the parser and the checks of mip6d.conf;
 * private to mip6d/conf/. */
#ifndef MIP6D_CONF_CONF_INT_H
#define MIP6D_CONF_CONF_INT_H

#include <glob.h>
#include <stdarg.h>

#include "mip6d/conf/conf.h"

/* Roles a keyword is valid for: a mask of (1 << enum node_type). */
#define ROLE_CN  (1u << NODE_CN)
#define ROLE_HA  (1u << NODE_HA)
#define ROLE_MN  (1u << NODE_MN)

/* A keyword written that is valid only for some roles, checked once the
 * NodeConfig is known (it may come last). */
struct conf_kwuse {
	struct conf_kwuse *next;
	const char *keyword;
	unsigned roles;
	struct conf_loc loc;
};

/* One file (or the string) being read.  An include whose pattern matched
 * several files reads them in turn through the same input. */
struct conf_input {
	struct conf_input *up;
	FILE *fp;                       /* NULL for the string input */
	void *buf;                      /* the scanner's buffer */
	const char *file;               /* interned in conf->files */
	int line, col;                  /* where the scanner is */
	glob_t g;                       /* matches of the include directive */
	size_t gi;                      /* the match being read */
	bool has_glob;
	int depth;
};

#define CONF_MAX_INCLUDE_DEPTH 16
#define CONF_MAX_ERRORS        100
#define CONF_TOKEN_TEXT        64

struct conf_state {
	struct mip6_conf *conf;
	const struct conf_opts *opts;
	int errors;
	bool incomplete;                /* statements were lost (syntax, include) */
	bool oom;
	struct conf_input *in;
	struct conf_kwuse *kwuses, **kwuses_tail;

	/* The current token and the one before: for "expected ';' after X". */
	char tok_text[CONF_TOKEN_TEXT];
	char prev_text[CONF_TOKEN_TEXT];
	struct conf_loc prev_end;
	struct conf_loc tok_end;

	/* Block being filled. */
	struct conf_iface *cur_iface;
	struct conf_home_link *cur_hl;
	struct conf_ipsec_set *cur_set;
	int cur_set_has;               /* HomeAgentAddress lines in cur_set */
};

/* Diagnostics: "file:line:col: error: ..." through opts->diag. */
void conf_report(const struct conf_opts *o, const struct conf_loc *loc, const char *severity,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void conf_vreport(const struct conf_opts *o, const struct conf_loc *loc, const char *severity,
		  const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
void conf_error(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error after which the file's content is not all known: the
 * cross-statement checks are then skipped. */
void conf_lost(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void conf_warning(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Keeps a copy of a file name for the life of the configuration. */
const char *conf_intern_file(struct mip6_conf *c, const char *name);

/* Scanner side (scan.l). */
int conf_scan_begin_file(struct conf_state *st, void *scanner, const char *path);
int conf_scan_begin_string(struct conf_state *st, void *scanner, const char *text, size_t len,
			   const char *name);
void conf_scan_end(struct conf_state *st, void *scanner);

/* Parser (parse.y). */
int conf_run_parser(struct conf_state *st, void *scanner);

/* Semantic checks after a successful parse (check.c); also resolves the
 * defaults that depend on other settings (IfType, HomePrefix). */
void conf_check(struct conf_state *st);

/* Lists, in file order. */
#define CONF_APPEND(headp, elem) do {                                   \
		__typeof__(elem) *pp_ = (headp);                         \
		while (*pp_)                                             \
			pp_ = &(*pp_)->next;                             \
		*pp_ = (elem);                                           \
	} while (0)

#endif
