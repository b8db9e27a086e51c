/* State shared by the scanner, the grammar and the builder while one
 * configuration is read (private to racoond/conf/). */
#ifndef RACOOND_CONF_PSTATE_H
#define RACOOND_CONF_PSTATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "racoond/conf/conf.h"

#define RC_MAX_INCLUDE_DEPTH 16

struct rc_pstate {
	struct rc_conf *conf;
	struct rc_diags *diags;
	const struct rc_load_opts *opts;
	const char *file;            /* current file name (owned by conf->files) */
	unsigned depth;              /* include nesting */
	bool syntax_error;           /* the grammar gave up on some file */

	/* The block being read. */
	struct rc_remote *remote;
	bool remote_props_inherited; /* the next proposal replaces the parent's */
	bool remote_peers_inherited;
	struct rc_ph1_proposal *prop;
	struct rc_sainfo *sainfo;
	int alg_class;               /* enum rc_alg_class of the list being read */
	int mcfg_list;               /* enum rc_mcfg_item of the list being read */
};

/* Records an error / a warning at a place of the current file.  An error
 * marks the block being read invalid: its end-of-block checks are skipped,
 * so one refused value does not also report what it left unset. */
void rc_err_at(struct rc_pstate *ps, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void rc_warn_at(struct rc_pstate *ps, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Adds a diagnostic; file may be NULL. */
void rc_diag_add(struct rc_diags *d, enum rc_severity sev, const char *file,
		 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void rc_diag_vadd(struct rc_diags *d, enum rc_severity sev, const char *file,
		  unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

/* Parses one file / buffer into ps->conf (grammar.y).  0 or -EINVAL. */
int rc_parse_file(struct rc_pstate *ps, const char *path);
int rc_parse_buffer(struct rc_pstate *ps, const char *text, size_t len, const char *name);

/* Registers a file name in the configuration and returns the stored copy. */
const char *rc_conf_add_file(struct rc_conf *c, const char *name);

/* Defaults of racoon's code for a new configuration / remote / sainfo. */
void rc_conf_defaults(struct rc_conf *c);
void rc_remote_defaults(struct rc_remote *r);
void rc_sainfo_defaults(struct rc_sainfo *s);

/* Deep copies and frees of the parts. */
int rc_remote_copy(struct rc_remote *dst, const struct rc_remote *src);
void rc_remote_free(struct rc_remote *r);
void rc_proposals_free(struct rc_ph1_proposal *p);
void rc_id_clear(struct rc_id *id);
void rc_id_free(struct rc_id *id);
void rc_ids_free(struct rc_id *id);
void rc_said_clear(struct rc_said *s);
void rc_sainfo_free(struct rc_sainfo *s);

/* Parses an asn1dn string into id->rdns; 0, or -EINVAL with a reason in
 * why (a static string). */
int rc_dn_parse(struct rc_id *id, const char **why);

/* Semantic checks of a finished configuration (check.c). */
void rc_conf_check(struct rc_conf *c, unsigned flags, struct rc_diags *d);

#endif
