/* Loading mip6d.conf: runs the scanner and parser over a file or a string,
 * then the semantic checks; owns the diagnostics and freeing. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/conf/conf_int.h"
#include "mip6d/conf/parse.h"
#define YYSTYPE MCSTYPE
#define YYLTYPE MCLTYPE
#include "mip6d/conf/scan.h"

void conf_vreport(const struct conf_opts *o, const struct conf_loc *loc, const char *severity,
		  const char *fmt, va_list ap)
{
	char line[1024];
	int n = 0;

	if (loc && loc->file && loc->line > 0)
		n = snprintf(line, sizeof(line), "%s:%d:%d: %s: ", loc->file, loc->line, loc->col,
			     severity);
	else if (loc && loc->file)
		n = snprintf(line, sizeof(line), "%s: %s: ", loc->file, severity);
	else
		n = snprintf(line, sizeof(line), "%s: ", severity);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (o && o->diag)
		o->diag(o->diag_ctx, line);
	else
		fprintf(stderr, "%s\n", line);
}

void conf_report(const struct conf_opts *o, const struct conf_loc *loc, const char *severity,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vreport(o, loc, severity, fmt, ap);
	va_end(ap);
}

void conf_error(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
{
	va_list ap;

	st->errors++;
	if (st->errors > CONF_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	if (st->errors == CONF_MAX_ERRORS)
		conf_report(st->opts, loc, "error", "too many errors, giving up");
	else
		conf_vreport(st->opts, loc, "error", fmt, ap);
	va_end(ap);
}

void conf_lost(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	st->incomplete = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	conf_error(st, loc, "%s", msg);
}

void conf_warning(struct conf_state *st, const struct conf_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_vreport(st->opts, loc, "warning", fmt, ap);
	va_end(ap);
}

const char *conf_intern_file(struct mip6_conf *c, const char *name)
{
	struct conf_file *f;
	size_t n = strlen(name);

	for (f = c->files; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->name;
	f = malloc(sizeof(*f) + n + 1);
	if (!f)
		return NULL;
	memcpy(f->name, name, n + 1);
	f->next = c->files;
	c->files = f;
	return f->name;
}

static const struct conf_opts default_opts;

static int load(struct mip6_conf *c, const char *path, const char *text, size_t len,
		const struct conf_opts *opts)
{
	struct conf_state st = { 0 };
	yyscan_t scanner;
	int r;

	st.conf = c;
	st.opts = opts ? opts : &default_opts;
	st.kwuses_tail = &st.kwuses;
	if (mclex_init_extra(&st, &scanner) != 0)
		return -ENOMEM;
	r = text ? conf_scan_begin_string(&st, scanner, text, len, path)
		 : conf_scan_begin_file(&st, scanner, path);
	if (r < 0 && r != -ENOMEM) {
		mclex_destroy(scanner);
		return r;
	}
	if (r == 0) {
		r = conf_run_parser(&st, scanner);
		if (r == 0 && st.oom)
			r = -ENOMEM;
		/* With statements lost, cross-statement checks would only echo
		 * the error that lost them. */
		if (r == 0 && !st.incomplete)
			conf_check(&st);
	}
	conf_scan_end(&st, scanner);
	mclex_destroy(scanner);
	while (st.kwuses) {
		struct conf_kwuse *u = st.kwuses->next;

		free(st.kwuses);
		st.kwuses = u;
	}
	if (r == -ENOMEM || st.oom) {
		conf_report(st.opts, NULL, "error", "out of memory reading '%s'", path);
		return -ENOMEM;
	}
	return st.errors ? -EINVAL : 0;
}

int conf_load_file(struct mip6_conf *c, const char *path, const struct conf_opts *opts)
{
	return load(c, path, NULL, 0, opts);
}

int conf_load_string(struct mip6_conf *c, const char *text, size_t len, const char *name,
		     const struct conf_opts *opts)
{
	return load(c, name, text, len, opts);
}

static void prefixes_free(struct conf_prefix *p)
{
	while (p) {
		struct conf_prefix *n = p->next;

		free(p);
		p = n;
	}
}

#define FREE_LIST(head, each) do {                                              \
		while (head) {                                                   \
			__typeof__(head) next_ = (head)->next;                   \
			each(head);                                              \
			free(head);                                              \
			(head) = next_;                                          \
		}                                                                \
	} while (0)

static void nothing(const void *p)
{
	(void)p;
}

static void set_free(struct conf_ipsec_set *s)
{
	prefixes_free(s->hoas);
	FREE_LIST(s->policies, nothing);
}

static void acl_free(struct conf_acl *a)
{
	prefixes_free(a->mnps);
}

static void home_link_free(struct conf_home_link *h)
{
	prefixes_free(h->mnps);
	FREE_LIST(h->ro_policies, nothing);
}

void conf_free(struct mip6_conf *c)
{
	free(c->debug_log_file);
	free(c->movement_module);
	free(c->policy_module);
	FREE_LIST(c->cn_policies, nothing);
	FREE_LIST(c->ifaces, nothing);
	FREE_LIST(c->ipsec_sets, set_free);
	prefixes_free(c->ha_served_prefixes);
	FREE_LIST(c->acls, acl_free);
	FREE_LIST(c->home_links, home_link_free);
	FREE_LIST(c->files, nothing);
	conf_init(c);
}

const char *node_type_name(enum node_type t)
{
	switch (t) {
	case NODE_CN:
		return "CN";
	case NODE_HA:
		return "HA";
	case NODE_MN:
		return "MN";
	}
	return "?";
}

const char *ipsec_pol_type_name(enum ipsec_pol_type t)
{
	static const char *const names[IPSEC_POL_TYPE_COUNT] = {
		[IPSEC_POL_HOME_REG_BINDING] = "HomeRegBinding",
		[IPSEC_POL_MH] = "Mh",
		[IPSEC_POL_MOB_PFX_DISC] = "MobPfxDisc",
		[IPSEC_POL_ICMP] = "ICMP",
		[IPSEC_POL_ANY] = "any",
		[IPSEC_POL_TUNNEL_HOME_TESTING] = "TunnelHomeTesting",
		[IPSEC_POL_TUNNEL_MH] = "TunnelMh",
		[IPSEC_POL_TUNNEL_PAYLOAD] = "TunnelPayload",
	};

	return (unsigned)t < IPSEC_POL_TYPE_COUNT ? names[t] : "?";
}
