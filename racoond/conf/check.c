/* Semantic checks of a whole configuration, once every file is read: what
 * racoon checks at the end of each block, and what it finds only when a
 * negotiation fails.  Every problem is reported, not only the first. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "racoond/conf/names.h"
#include "racoond/conf/pstate.h"

static void err(struct rc_diags *d, const struct rc_loc *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err(struct rc_diags *d, const struct rc_loc *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(d, RC_SEV_ERROR, l->file, l->line, l->col, fmt, ap);
	va_end(ap);
}

static void warn(struct rc_diags *d, const struct rc_loc *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn(struct rc_diags *d, const struct rc_loc *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(d, RC_SEV_WARNING, l->file, l->line, l->col, fmt, ap);
	va_end(ap);
}

static bool auth_needs_cert(uint32_t a)
{
	return a == IKE_P1_AUTH_RSASIG || a == IKE_P1_AUTH_HYBRID_RSA_R ||
	       a == IKE_P1_AUTH_XAUTH_RSA_I || a == IKE_P1_AUTH_XAUTH_RSA_R;
}

static void check_proposal(const struct rc_remote *r, const struct rc_ph1_proposal *p,
			   struct rc_diags *d)
{
	if (p->invalid)
		return;
	if (!p->enc)
		err(d, &p->loc, "remote %s: proposal without encryption_algorithm", r->name);
	if (!p->hash)
		err(d, &p->loc, "remote %s: proposal without hash_algorithm", r->name);
	if (!p->auth)
		err(d, &p->loc, "remote %s: proposal without authentication_method", r->name);
	if (!p->dh_group)
		err(d, &p->loc, "remote %s: proposal without dh_group", r->name);
	if (auth_needs_cert(p->auth) && r->cert_type == RC_CERT_NONE)
		err(d, &p->loc, "remote %s: authentication_method %s needs certificate_type",
		    r->name, rc_name_of(rc_names_p1_auth, p->auth));
}

static void check_remote(const struct rc_remote *r, struct rc_diags *d)
{
	const struct rc_ph1_proposal *p;
	bool aggressive = false;

	if (r->invalid)
		return;
	if (r->n_xchg == 0)
		err(d, &r->loc, "remote %s: exchange_mode is missing", r->name);
	for (unsigned i = 0; i < r->n_xchg; i++)
		aggressive |= r->xchg[i] == IKE_XCHG_AGGRESSIVE;
	if (!r->proposals)
		err(d, &r->loc, "remote %s: no proposal", r->name);
	for (p = r->proposals; p; p = p->next)
		check_proposal(r, p, d);
	if (aggressive) {
		uint16_t g = r->dh_group;
		for (p = r->proposals; p; p = p->next) {
			if (!p->dh_group)
				continue;
			if (!g) {
				g = p->dh_group;
			} else if (p->dh_group != g) {
				err(d, &p->loc, "remote %s: with aggressive mode every proposal must "
				    "use the same DH group (%u here, %u before)", r->name, p->dh_group, g);
				break;
			}
		}
	}
	if (r->my_id.type == RC_ID_ASN1DN && !r->my_id.value && r->cert_type != RC_CERT_X509)
		err(d, r->my_id.loc.file ? &r->my_id.loc : &r->loc,
		    "remote %s: my_identifier asn1dn without a DN needs certificate_type x509 "
		    "(the DN is its subject)", r->name);
	for (const struct rc_id *id = r->peers_ids; id; id = id->next) {
		if (id->type == RC_ID_ASN1DN && !id->value && r->cert_type == RC_CERT_NONE &&
		    r->peers_cert_type == RC_PEERCERT_RECEIVED)
			err(d, &id->loc, "remote %s: peers_identifier asn1dn without a DN compares "
			    "with the peer's certificate, which needs certificate authentication", r->name);
	}
	if (r->verify_identifier && !r->peers_ids)
		warn(d, &r->loc, "remote %s: verify_identifier on without peers_identifier: "
		     "every peer will be refused", r->name);
	if (r->kind == RC_REMOTE_NAMED && !r->has_address)
		warn(d, &r->loc, "remote %s has no remote_address: it is only used through "
		     "inherit or sainfo remoteid", r->name);
}

static bool said_eq(const struct rc_said *a, const struct rc_said *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == RC_SAID_ADDR)
		return prefix_cmp(&a->prefix, &b->prefix) == 0 && a->is_range == b->is_range &&
		       (!a->is_range || addr_eq(&a->range_end, &b->range_end)) &&
		       a->port == b->port && a->ulproto == b->ulproto;
	if (a->kind == RC_SAID_NAME)
		return a->idtype == b->idtype && strcmp(a->value, b->value) == 0;
	return true;
}

static bool id_eq(const struct rc_id *a, const struct rc_id *b)
{
	return a->type == b->type && addr_eq(&a->addr, &b->addr) && a->prefixlen == b->prefixlen &&
	       ((!a->value && !b->value) || (a->value && b->value && strcmp(a->value, b->value) == 0));
}

static void check_sainfo(const struct rc_conf *c, const struct rc_sainfo *s, struct rc_diags *d)
{
	if (s->invalid)
		return;
	if (!s->n_enc)
		err(d, &s->loc, "sainfo without encryption_algorithm");
	if (!s->n_auth)
		err(d, &s->loc, "sainfo without authentication_algorithm");
	if (!s->n_comp)
		err(d, &s->loc, "sainfo without compression_algorithm (racoon requires it; "
		    "it is only used when the policy asks for IPComp)");
	if (s->local.kind == RC_SAID_ADDR && s->remote.kind == RC_SAID_ADDR &&
	    s->local.prefix.addr.family != s->remote.prefix.addr.family)
		err(d, &s->loc, "sainfo: local and remote addresses of different families");
	for (const struct rc_sainfo *o = c->sainfos; o != s; o = o->next) {
		if (said_eq(&o->local, &s->local) && said_eq(&o->remote, &s->remote) &&
		    o->has_from == s->has_from && (!s->has_from || id_eq(&o->from, &s->from)) &&
		    o->has_remoteid == s->has_remoteid && o->remoteid == s->remoteid) {
			err(d, &s->loc, "duplicated sainfo (same as %s:%u)", o->loc.file, o->loc.line);
			break;
		}
	}
	if (s->has_remoteid) {
		bool found = false;
		for (const struct rc_remote *r = c->remotes; r; r = r->next)
			found |= r->ph1id == s->remoteid;
		if (!found)
			warn(d, &s->loc, "sainfo remoteid %u: no remote has ph1id %u",
			     s->remoteid, s->remoteid);
	}
}

/* A file named by the configuration must be a readable regular file. */
static void check_file(const struct rc_conf *c, struct rc_diags *d, const struct rc_loc *l,
		       enum rc_path_type t, const char *name, const char *what, int mode)
{
	char path[PATH_MAX];
	struct stat st;

	if (!name)
		return;
	if (rc_conf_path(c, t, name, path, sizeof path) < 0) {
		err(d, l, "%s %s: path too long", what, name);
		return;
	}
	if (stat(path, &st) < 0) {
		err(d, l, "%s %s: %s", what, path, strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		err(d, l, "%s %s: not a regular file", what, path);
		return;
	}
	if (access(path, mode) < 0)
		err(d, l, "%s %s: %s", what, path, strerror(errno));
}

static void check_files(const struct rc_conf *c, struct rc_diags *d)
{
	bool psk = false;
	for (const struct rc_remote *r = c->remotes; r; r = r->next) {
		check_file(c, d, &r->cert_loc, RC_PATH_CERT, r->cert_file, "certificate", R_OK);
		check_file(c, d, &r->cert_loc, RC_PATH_CERT, r->key_file, "private key", R_OK);
		check_file(c, d, &r->ca_loc, RC_PATH_CERT, r->ca_file, "CA certificate", R_OK);
		check_file(c, d, &r->peers_cert_loc, RC_PATH_CERT, r->peers_certfile, "peers_certfile", R_OK);
		for (int i = 0; i < RC_SCRIPT_COUNT; i++)
			check_file(c, d, &r->script_loc[i], RC_PATH_SCRIPT, r->script[i], "script", X_OK);
		for (const struct rc_ph1_proposal *p = r->proposals; p; p = p->next)
			psk |= p->auth == IKE_P1_AUTH_PSK || p->auth == IKE_P1_AUTH_XAUTH_PSK_I ||
			       p->auth == IKE_P1_AUTH_XAUTH_PSK_R;
	}
	if (psk) {
		struct rc_loc none = { 0 };
		if (!c->path[RC_PATH_PSK])
			err(d, &none, "pre_shared_key authentication needs 'path pre_shared_key'");
		else
			check_file(c, d, &none, RC_PATH_PSK, c->path[RC_PATH_PSK],
				   "pre-shared key file", R_OK);
	}
}

void rc_conf_check(struct rc_conf *c, unsigned flags, struct rc_diags *d)
{
	for (const struct rc_remote *r = c->remotes; r; r = r->next)
		check_remote(r, d);
	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next)
		check_sainfo(c, s, d);
	if (flags & RC_LOAD_CHECK_FILES)
		check_files(c, d);
}
