/* The grammar's actions: check each value where it is written and store it. */
#include "config.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/build.h"
#include "racoond/conf/names.h"

#define ERR(p, ...) rc_err_at(ps, (p).line, (p).col, __VA_ARGS__)

struct rc_loc rc_loc_at(struct rc_pstate *ps, struct rc_pos p)
{
	return (struct rc_loc){ ps->file, (unsigned)p.line, (unsigned)p.col };
}

char *rc_strdup(struct rc_pstate *ps, struct rc_pos p, const char *s)
{
	char *d = strdup(s);
	if (!d)
		ERR(p, "out of memory");
	return d;
}

void rc_set_string(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

void rc_set_switch(struct rc_pstate *ps, struct rc_pos p, char *w, bool *dst)
{
	if (strcmp(w, "on") == 0)
		*dst = true;
	else if (strcmp(w, "off") == 0)
		*dst = false;
	else
		ERR(p, "'%s': expected on or off", w);
	free(w);
}

void rc_set_uint(struct rc_pstate *ps, struct rc_pos p, uint64_t v, uint64_t min, uint64_t max,
		 unsigned *dst, const char *what)
{
	if (v < min || v > max)
		ERR(p, "%s %llu out of range (%llu to %llu)", what, (unsigned long long)v,
		    (unsigned long long)min, (unsigned long long)max);
	else
		*dst = (unsigned)v;
}

/* n unit in seconds; -EINVAL (reported) on an unknown unit or overflow. */
static int seconds(struct rc_pstate *ps, struct rc_pos p, uint64_t n, const char *unit,
		   uint64_t *out)
{
	unsigned mult;
	if (rc_name_lookup(rc_names_time_unit, unit, &mult) < 0) {
		ERR(p, "'%s': expected a time unit (sec, secs, second, seconds, min, mins, "
		    "minute, minutes, hour, hours)", unit);
		return -EINVAL;
	}
	if (n * mult > UINT32_MAX) {
		ERR(p, "%llu %s is too long", (unsigned long long)n, unit);
		return -EINVAL;
	}
	*out = n * mult;
	return 0;
}

void rc_set_time(struct rc_pstate *ps, struct rc_pos p, uint64_t n, char *unit, unsigned min,
		 unsigned *dst, const char *what)
{
	uint64_t s;
	if (seconds(ps, p, n, unit, &s) == 0) {
		if (s < min)
			ERR(p, "%s must be at least %u second%s", what, min, min == 1 ? "" : "s");
		else
			*dst = (unsigned)s;
	}
	free(unit);
}

void rc_lifetime(struct rc_pstate *ps, struct rc_pos p, char *kind, uint64_t n, char *unit,
		 uint32_t *dst)
{
	uint64_t s;
	if (strcmp(kind, "byte") == 0 || strcmp(kind, "bytes") == 0)
		ERR(p, "byte lifetimes are deprecated and not supported: use lifetime time N unit");
	else if (strcmp(kind, "time") != 0)
		ERR(p, "'%s': expected 'time' (lifetime time N unit)", kind);
	else if (seconds(ps, p, n, unit, &s) == 0) {
		if (s == 0)
			ERR(p, "a lifetime must not be zero");
		else
			*dst = (uint32_t)s;
	}
	free(kind);
	free(unit);
}

/* ---------------- top level ---------------- */

void rc_set_path(struct rc_pstate *ps, struct rc_pos p, char *type, char *value)
{
	unsigned t = RC_PATH_INCLUDE;
	if (type && rc_name_lookup(rc_names_path, type, &t) < 0) {
		ERR(p, "'%s': expected a path type (include, pre_shared_key, certificate, "
		    "script, backupsa, pidfile)", type);
		free(value);
	} else {
		if (type && strcmp(type, "certificates") == 0)
			rc_warn_at(ps, p.line, p.col, "'path certificates' read as 'path certificate'");
		if (value[0] == '\0') {
			ERR(p, "empty path");
			free(value);
		} else {
			rc_set_string(&ps->conf->path[t], value);
		}
	}
	free(type);
}

static int join(char *buf, size_t len, const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	int n = snprintf(buf, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

void rc_include(struct rc_pstate *ps, struct rc_pos p, char *pattern)
{
	char full[PATH_MAX];
	glob_t g;
	int rc;

	if (ps->opts->flags & RC_LOAD_NO_INCLUDE) {
		ERR(p, "include is not allowed here");
		goto out;
	}
	if (ps->depth >= RC_MAX_INCLUDE_DEPTH) {
		ERR(p, "includes nested deeper than %d (an include loop?)", RC_MAX_INCLUDE_DEPTH);
		goto out;
	}
	if (pattern[0] == '/') {
		rc = snprintf(full, sizeof full, "%s%s", ps->opts->root ? ps->opts->root : "", pattern);
		rc = rc < 0 || (size_t)rc >= sizeof full ? -ENAMETOOLONG : 0;
	} else if (ps->conf->path[RC_PATH_INCLUDE]) {
		rc = join(full, sizeof full, ps->conf->path[RC_PATH_INCLUDE], pattern);
	} else {
		/* Relative to the directory of the including file. */
		const char *slash = strrchr(ps->file, '/');
		char dir[PATH_MAX];
		if (slash && (size_t)(slash - ps->file) < sizeof dir) {
			memcpy(dir, ps->file, (size_t)(slash - ps->file) + 1);
			dir[slash - ps->file + 1] = '\0';
		} else {
			strcpy(dir, "./");
		}
		rc = join(full, sizeof full, dir, pattern);
	}
	if (rc < 0) {
		ERR(p, "include path too long");
		goto out;
	}
	rc = glob(full, 0, NULL, &g);
	if (rc == GLOB_NOMATCH) {
		ERR(p, "include \"%s\": no file matches %s", pattern, full);
		goto out;
	}
	if (rc != 0) {
		ERR(p, "include \"%s\": cannot expand %s", pattern, full);
		goto out;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *saved = ps->file;
		ps->depth++;
		rc = rc_parse_file(ps, g.gl_pathv[i]);
		ps->depth--;
		ps->file = saved;
		if (rc < 0 && rc != -EINVAL)
			ERR(p, "include: cannot read %s: %s", g.gl_pathv[i], strerror(-rc));
	}
	globfree(&g);
out:
	free(pattern);
}

void rc_set_log(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v;
	if (rc_name_lookup(rc_names_log, w, &v) < 0) {
		ERR(p, "'%s': expected a log level (error, warning, notify, info, debug, debug2)", w);
	} else {
		ps->conf->log = (enum rc_log_level)v;
		ps->conf->log_set = true;
	}
	free(w);
}

void rc_set_gss_enc(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "utf-16le") == 0)
		ps->conf->gss_id_enc = RC_GSS_UTF16LE;
	else if (strcmp(w, "latin1") == 0)
		ps->conf->gss_id_enc = RC_GSS_LATIN1;
	else
		ERR(p, "'%s': expected utf-16le or latin1", w);
	free(w);
}

void rc_privsep_id(struct rc_pstate *ps, struct rc_pos p, bool user, char *name, long id)
{
	struct rc_privsep *s = &ps->conf->privsep;
	if (name && name[0] == '\0') {
		ERR(p, "empty %s name", user ? "user" : "group");
		free(name);
		return;
	}
	if (user) {
		rc_set_string(&s->user, name);
		s->uid = name ? -1 : id;
	} else {
		rc_set_string(&s->group, name);
		s->gid = name ? -1 : id;
	}
}

static int parse_addr(struct rc_pstate *ps, struct rc_pos p, const char *text, struct ip_addr *a)
{
	if (addr_parse(a, text) < 0) {
		ERR(p, "'%s' is not a numeric IPv4 or IPv6 address", text);
		return -EINVAL;
	}
	return 0;
}

void rc_listen_add(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port, bool natt)
{
	struct rc_listen_addr *l, **tail;
	struct ip_addr a;

	if (parse_addr(ps, p, addr, &a) == 0) {
		l = calloc(1, sizeof *l);
		if (!l) {
			ERR(p, "out of memory");
		} else {
			l->addr = a;
			l->natt = natt;
			l->port = (uint16_t)(port == RC_NOPORT ? (natt ? RC_NATT_PORT : RC_ISAKMP_PORT) : port);
			for (tail = &ps->conf->listen.addrs; *tail; tail = &(*tail)->next)
				;
			*tail = l;
		}
	}
	free(addr);
}

void rc_adminsock(struct rc_pstate *ps, struct rc_pos p, char *path, char *owner, char *group,
		  uint64_t mode, struct rc_pos mode_pos)
{
	struct rc_listen *l = &ps->conf->listen;
	if (path[0] == '\0') {
		ERR(p, "empty adminsock path");
		free(path);
		free(owner);
		free(group);
		return;
	}
	if (owner && mode > 07777) {
		ERR(mode_pos, "adminsock mode %llo is not a file mode", (unsigned long long)mode);
		free(path);
		free(owner);
		free(group);
		return;
	}
	l->adminsock_disabled = false;
	rc_set_string(&l->adminsock_path, path);
	if (owner) {
		rc_set_string(&l->adminsock_owner, owner);
		rc_set_string(&l->adminsock_group, group);
		l->adminsock_mode = (unsigned)mode;
	}
}

void rc_adminsock_word(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "disabled") == 0)
		ps->conf->listen.adminsock_disabled = true;
	else
		ERR(p, "'%s': expected a quoted socket path or disabled", w);
	free(w);
}

/* ---------------- remote ---------------- */

char *rc_remote_addr_name(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port)
{
	struct ip_addr a;
	char buf[ADDR_STRLEN], *name = NULL;

	if (parse_addr(ps, p, addr, &a) == 0) {
		addr_fmt(&a, buf, sizeof buf);
		if (port == RC_NOPORT)
			name = rc_strdup(ps, p, buf);
		else if (asprintf(&name, "%s[%u]", buf, (unsigned)port) < 0)
			name = NULL;
	}
	free(addr);
	return name;
}

static struct rc_remote *find_remote(struct rc_conf *c, const char *name, struct rc_remote *except)
{
	for (struct rc_remote *r = c->remotes; r; r = r->next)
		if (r != except && r->name && strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

int rc_remote_begin(struct rc_pstate *ps, struct rc_pos p, enum rc_remote_kind kind,
		    char *name, uint64_t port, char *inherit)
{
	struct rc_remote *r = calloc(1, sizeof *r), *parent = NULL, **tail;

	if (!r) {
		free(name);
		free(inherit);
		return -ENOMEM;
	}
	rc_remote_defaults(r);
	if (inherit) {
		parent = find_remote(ps->conf, inherit, NULL);
		if (!parent) {
			ERR(p, "inherit: no remote \"%s\" defined before this one", inherit);
			r->invalid = true;
		}
		else if (rc_remote_copy(r, parent) < 0)
			ERR(p, "out of memory");
	}
	r->kind = kind;
	r->inherit = inherit;
	r->loc = rc_loc_at(ps, p);
	ps->remote_props_inherited = parent && r->proposals;
	ps->remote_peers_inherited = parent && r->peers_ids;

	free(r->name);
	r->name = NULL;
	switch (kind) {
	case RC_REMOTE_NAMED:
		r->name = name;
		if (name[0] == '\0')
			ERR(p, "a remote's name must not be empty");
		break;
	case RC_REMOTE_ANONYMOUS:
		r->has_address = false;
		r->port = port == RC_NOPORT ? 0 : (uint16_t)port;
		if (port == RC_NOPORT)
			r->name = rc_strdup(ps, p, "anonymous");
		else if (asprintf(&r->name, "anonymous[%u]", (unsigned)port) < 0)
			r->name = NULL;
		break;
	case RC_REMOTE_ADDRESS:
		if (parse_addr(ps, p, name, &r->address) == 0) {
			r->has_address = true;
			r->port = port == RC_NOPORT ? 0 : (uint16_t)port;
		}
		r->name = rc_remote_addr_name(ps, p, name, port);
		break;
	}
	if (r->name) {
		struct rc_remote *dup = find_remote(ps->conf, r->name, NULL);
		if (dup)
			ERR(p, "remote %s is already defined at %s:%u", r->name, dup->loc.file, dup->loc.line);
	}
	for (tail = &ps->conf->remotes; *tail; tail = &(*tail)->next)
		;
	*tail = r;
	ps->remote = r;
	return 0;
}

void rc_remote_end(struct rc_pstate *ps)
{
	struct rc_remote *r = ps->remote;
	if (!r)
		return;
	for (struct rc_ph1_proposal *pr = r->proposals; pr; pr = pr->next)
		if (pr->lifetime == 0)
			pr->lifetime = r->lifetime;
	ps->remote = NULL;
}

void rc_remote_address(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port)
{
	struct rc_remote *r = ps->remote;
	if (parse_addr(ps, p, addr, &r->address) == 0) {
		r->has_address = true;
		r->port = port == RC_NOPORT ? 0 : (uint16_t)port;
	}
	free(addr);
}

void rc_xchg_add(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	struct rc_remote *r = ps->remote;
	unsigned v;
	if (rc_name_lookup(rc_names_xchg, w, &v) < 0) {
		ERR(p, "'%s': expected an exchange mode (main, aggressive, base)", w);
	} else {
		bool dup = false;
		for (unsigned i = 0; i < r->n_xchg; i++)
			dup |= r->xchg[i] == v;
		if (dup)
			ERR(p, "exchange mode %s listed twice", w);
		else
			r->xchg[r->n_xchg++] = (uint8_t)v;
	}
	free(w);
}

void rc_set_doi(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "ipsec_doi") == 0)
		ps->remote->doi = IKE_DOI_IPSEC;
	else
		ERR(p, "'%s': the only DOI is ipsec_doi", w);
	free(w);
}

void rc_set_situation(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "identity_only") == 0)
		ps->remote->situation = IKE_SIT_IDENTITY_ONLY;
	else if (strcmp(w, "secrecy") == 0 || strcmp(w, "integrity") == 0)
		ERR(p, "situation %s is not supported (racoon does not implement it either): use identity_only", w);
	else
		ERR(p, "'%s': expected identity_only", w);
	free(w);
}

struct rc_id *rc_id_make(struct rc_pstate *ps, struct rc_pos p, char *type, char *sub,
			 char *value, char *addr, int prefix, enum rc_idtype fixed)
{
	struct rc_id *id = calloc(1, sizeof *id);
	unsigned t = fixed;
	const char *why;

	if (!id) {
		ERR(p, "out of memory");
		goto fail;
	}
	id->loc = rc_loc_at(ps, p);
	if (type && rc_name_lookup(rc_names_idtype, type, &t) < 0) {
		ERR(p, "'%s': expected an identifier type (address, fqdn, user_fqdn, keyid, asn1dn)", type);
		goto fail;
	}
	id->type = (enum rc_idtype)t;
	if (sub && id->type != RC_ID_KEYID) {
		ERR(p, "'%s' cannot follow %s", sub, type);
		goto fail;
	}
	switch (id->type) {
	case RC_ID_ADDRESS:
	case RC_ID_SUBNET:
		if (!addr && value) {
			addr = value;
			value = NULL;
		}
		if (value) {
			ERR(p, "%s takes a numeric address", type ? type : "address");
			goto fail;
		}
		if (addr && parse_addr(ps, p, addr, &id->addr) < 0)
			goto fail;
		if (id->type == RC_ID_SUBNET) {
			if (!addr) {
				ERR(p, "subnet needs an address and a prefix length");
				goto fail;
			}
			if (prefix > (int)addr_bits(&id->addr)) {
				ERR(p, "prefix length /%d too long for %s", prefix, addr);
				goto fail;
			}
			id->prefixlen = (uint8_t)(prefix < 0 ? addr_bits(&id->addr) : (unsigned)prefix);
		}
		break;
	case RC_ID_FQDN:
	case RC_ID_USER_FQDN:
		if (!value || value[0] == '\0') {
			ERR(p, "%s needs a quoted name", type);
			goto fail;
		}
		break;
	case RC_ID_KEYID:
		if (sub && strcmp(sub, "tag") == 0) {
			id->type = RC_ID_KEYID_TAG;
		} else if (sub && strcmp(sub, "file") != 0) {
			ERR(p, "'%s': expected keyid file \"path\" or keyid tag \"string\"", sub);
			goto fail;
		}
		if (!value || value[0] == '\0') {
			ERR(p, "keyid needs a quoted file name or tag");
			goto fail;
		}
		break;
	case RC_ID_ASN1DN:
		if (value) {
			id->value = value;
			value = NULL;
			if (rc_dn_parse(id, &why) < 0) {
				ERR(p, "asn1dn \"%s\": %s", id->value, why);
				goto fail;
			}
		}
		break;
	case RC_ID_KEYID_TAG:
		break;
	}
	if (value)
		id->value = value;
	free(type);
	free(sub);
	free(addr);
	return id;
fail:
	rc_id_free(id);
	free(type);
	free(sub);
	free(value);
	free(addr);
	return NULL;
}

void rc_my_id(struct rc_pstate *ps, struct rc_id *id)
{
	if (!id)
		return;
	if (id->type == RC_ID_SUBNET)
		rc_err_at(ps, (int)id->loc.line, (int)id->loc.col, "my_identifier cannot be a subnet");
	rc_id_clear(&ps->remote->my_id);
	ps->remote->my_id = *id;
	ps->remote->my_id.next = NULL;
	free(id);
}

void rc_peers_id(struct rc_pstate *ps, struct rc_id *id)
{
	struct rc_id **tail;
	if (!id)
		return;
	if (ps->remote_peers_inherited) {
		rc_ids_free(ps->remote->peers_ids);
		ps->remote->peers_ids = NULL;
		ps->remote_peers_inherited = false;
	}
	for (tail = &ps->remote->peers_ids; *tail; tail = &(*tail)->next)
		;
	*tail = id;
}

void rc_cert_type(struct rc_pstate *ps, struct rc_pos p, char *type, char *cert, char *key)
{
	struct rc_remote *r = ps->remote;
	if (strcmp(type, "x509") == 0) {
		if (!key) {
			ERR(p, "certificate_type x509 needs a certificate file and a private key file");
			goto fail;
		}
		r->cert_type = RC_CERT_X509;
		r->cert_loc = rc_loc_at(ps, p);
		rc_set_string(&r->cert_file, cert);
		rc_set_string(&r->key_file, key);
	} else if (strcmp(type, "plain_rsa") == 0) {
		if (key) {
			ERR(p, "certificate_type plain_rsa takes only the private key file");
			goto fail;
		}
		r->cert_type = RC_CERT_PLAIN_RSA;
		r->cert_loc = rc_loc_at(ps, p);
		rc_set_string(&r->cert_file, NULL);
		rc_set_string(&r->key_file, cert);
	} else {
		ERR(p, "'%s': expected x509 or plain_rsa", type);
		goto fail;
	}
	free(type);
	return;
fail:
	free(type);
	free(cert);
	free(key);
}

void rc_peers_certfile(struct rc_pstate *ps, struct rc_pos p, char *type, char *file)
{
	struct rc_remote *r = ps->remote;
	enum rc_peer_cert t;
	if (!type || strcmp(type, "x509") == 0)
		t = RC_PEERCERT_X509;
	else if (strcmp(type, "plain_rsa") == 0)
		t = RC_PEERCERT_PLAIN_RSA;
	else if (strcmp(type, "dnssec") == 0)
		t = RC_PEERCERT_DNSSEC;
	else {
		ERR(p, "'%s': expected x509, plain_rsa or dnssec", type);
		goto fail;
	}
	if ((t == RC_PEERCERT_DNSSEC) != !file) {
		ERR(p, t == RC_PEERCERT_DNSSEC ? "peers_certfile dnssec takes no file"
					       : "peers_certfile needs a file name");
		goto fail;
	}
	r->peers_cert_type = t;
	r->peers_cert_loc = rc_loc_at(ps, p);
	rc_set_string(&r->peers_certfile, file);
	free(type);
	return;
fail:
	free(type);
	free(file);
}

void rc_ca_type(struct rc_pstate *ps, struct rc_pos p, char *type, char *file)
{
	if (strcmp(type, "x509") == 0) {
		ps->remote->ca_x509 = true;
		ps->remote->ca_loc = rc_loc_at(ps, p);
		rc_set_string(&ps->remote->ca_file, file);
	} else {
		ERR(p, "'%s': expected x509", type);
		free(file);
	}
	free(type);
}

void rc_set_tristate(struct rc_pstate *ps, struct rc_pos p, char *w, enum rc_tristate *dst)
{
	if (strcmp(w, "on") == 0)
		*dst = RC_ON;
	else if (strcmp(w, "off") == 0)
		*dst = RC_OFF;
	else if (strcmp(w, "force") == 0)
		*dst = RC_FORCE;
	else
		ERR(p, "'%s': expected on, off or force", w);
	free(w);
}

void rc_set_genpol(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "on") == 0 || strcmp(w, "require") == 0)
		ps->remote->generate_policy = RC_GENPOL_ON;
	else if (strcmp(w, "unique") == 0)
		ps->remote->generate_policy = RC_GENPOL_UNIQUE;
	else if (strcmp(w, "off") == 0)
		ps->remote->generate_policy = RC_GENPOL_OFF;
	else
		ERR(p, "'%s': expected on, require, unique or off", w);
	free(w);
}

void rc_set_propcheck(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v;
	if (rc_name_lookup(rc_names_prop_check, w, &v) < 0)
		ERR(p, "'%s': expected obey, strict, claim or exact", w);
	else
		ps->remote->proposal_check = (enum rc_prop_check)v;
	free(w);
}

void rc_set_script(struct rc_pstate *ps, struct rc_pos p, char *path, char *event)
{
	unsigned v;
	if (rc_name_lookup(rc_names_script, event, &v) < 0) {
		ERR(p, "'%s': expected phase1_up, phase1_down or phase1_dead", event);
		free(path);
	} else {
		rc_set_string(&ps->remote->script[v], path);
		ps->remote->script_loc[v] = rc_loc_at(ps, p);
	}
	free(event);
}

uint64_t rc_dh_word(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v = 0;
	if (rc_name_lookup(rc_names_dh, w, &v) < 0) {
		ERR(p, "unknown DH group '%s' (modp768, modp1024, modp1536, modp2048, modp3072, "
		    "modp4096, modp6144, modp8192 or their numbers 1, 2, 5, 14-18)", w);
		v = 0;
	} else if (!rc_dh_known(v)) {
		ERR(p, "DH group %s is not implemented", w);
		v = 0;
	}
	free(w);
	return v;
}

uint64_t rc_dh_number(struct rc_pstate *ps, struct rc_pos p, uint64_t n)
{
	if (n == IKE_DH_EC2N155 || n == IKE_DH_EC2N185) {
		ERR(p, "DH group %llu (%s) is not implemented", (unsigned long long)n,
		    rc_name_of(rc_names_dh, (unsigned)n));
		return 0;
	}
	if (!rc_dh_known((unsigned)n) || n > 18) {
		ERR(p, "unknown DH group %llu (must be 1, 2, 5 or 14-18)", (unsigned long long)n);
		return 0;
	}
	return n;
}

/* ---------------- proposal ---------------- */

int rc_prop_begin(struct rc_pstate *ps, struct rc_pos p)
{
	struct rc_remote *r = ps->remote;
	struct rc_ph1_proposal *pr, **tail;

	if (ps->remote_props_inherited) {
		rc_proposals_free(r->proposals);
		r->proposals = NULL;
		ps->remote_props_inherited = false;
	}
	pr = calloc(1, sizeof *pr);
	if (!pr)
		return -ENOMEM;
	pr->loc = rc_loc_at(ps, p);
	for (tail = &r->proposals; *tail; tail = &(*tail)->next)
		;
	*tail = pr;
	ps->prop = pr;
	return 0;
}

void rc_prop_end(struct rc_pstate *ps)
{
	ps->prop = NULL;
}

void rc_prop_enc(struct rc_pstate *ps, struct rc_pos p, char *w, uint64_t keylen, struct rc_pos kp)
{
	unsigned v;
	if (rc_name_lookup(rc_names_p1_enc, w, &v) < 0) {
		ERR(p, "unknown phase 1 encryption algorithm '%s' (des, 3des, blowfish, cast128, "
		    "aes, camellia)", w);
	} else if (keylen && !rc_p1_keylen_ok(v, (unsigned)keylen)) {
		ERR(kp, "key length %llu is not valid for %s", (unsigned long long)keylen, w);
	} else {
		ps->prop->enc = (uint16_t)v;
		ps->prop->keylen = (uint16_t)keylen;
	}
	free(w);
}

void rc_prop_hash(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v;
	if (rc_name_lookup(rc_names_p1_hash, w, &v) < 0)
		ERR(p, "unknown hash algorithm '%s' (md5, sha1, sha256, sha384, sha512)", w);
	else
		ps->prop->hash = (uint16_t)v;
	free(w);
}

void rc_prop_auth(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v;
	if (rc_name_lookup(rc_names_p1_auth, w, &v) < 0)
		ERR(p, "unknown authentication method '%s' (pre_shared_key, rsasig, gssapi_krb, "
		    "hybrid_*, xauth_*)", w);
	else if (v == IKE_P1_AUTH_DSS || v == IKE_P1_AUTH_RSAENC || v == IKE_P1_AUTH_RSAREV)
		ERR(p, "authentication method %s is not usable (racoon never implemented it)", w);
	else
		ps->prop->auth = v;
	free(w);
}

/* ---------------- sainfo ---------------- */

int rc_sainfo_begin(struct rc_pstate *ps, struct rc_pos p)
{
	struct rc_sainfo *s = calloc(1, sizeof *s), **tail;
	if (!s)
		return -ENOMEM;
	rc_sainfo_defaults(s);
	s->loc = rc_loc_at(ps, p);
	for (tail = &ps->conf->sainfos; *tail; tail = &(*tail)->next)
		;
	*tail = s;
	ps->sainfo = s;
	return 0;
}

static void take_said(struct rc_said *dst, struct rc_said *src)
{
	if (!src)
		return;
	*dst = *src;
	free(src);
}

void rc_sainfo_ids(struct rc_pstate *ps, struct rc_said *local, struct rc_said *remote,
		   bool clientaddr)
{
	struct rc_sainfo *s = ps->sainfo;
	take_said(&s->local, local);
	take_said(&s->remote, remote);
	if (clientaddr)
		s->remote.kind = RC_SAID_CLIENTADDR;
}

void rc_sainfo_from(struct rc_pstate *ps, struct rc_id *id)
{
	if (!id)
		return;
	ps->sainfo->has_from = true;
	ps->sainfo->from = *id;
	ps->sainfo->from.next = NULL;
	free(id);
}

void rc_sainfo_end(struct rc_pstate *ps)
{
	ps->sainfo = NULL;
}

struct rc_said *rc_said_addr(struct rc_pstate *ps, struct rc_pos p, char *addr, int prefix,
			     char *end)
{
	struct rc_said *s = calloc(1, sizeof *s);
	if (!s) {
		ERR(p, "out of memory");
		goto fail;
	}
	s->kind = RC_SAID_ADDR;
	if (parse_addr(ps, p, addr, &s->prefix.addr) < 0)
		goto fail;
	if (prefix > (int)addr_bits(&s->prefix.addr)) {
		ERR(p, "prefix length /%d too long for %s", prefix, addr);
		goto fail;
	}
	s->prefix.len = (uint8_t)(prefix < 0 ? addr_bits(&s->prefix.addr) : (unsigned)prefix);
	if (end) {
		s->is_range = true;
		if (parse_addr(ps, p, end, &s->range_end) < 0)
			goto fail;
		if (s->range_end.family != s->prefix.addr.family) {
			ERR(p, "range %s-%s mixes address families", addr, end);
			goto fail;
		}
		if (addr_cmp(&s->prefix.addr, &s->range_end) > 0) {
			ERR(p, "range %s-%s ends before it starts", addr, end);
			goto fail;
		}
	}
	free(addr);
	free(end);
	return s;
fail:
	free(s);
	free(addr);
	free(end);
	return NULL;
}

struct rc_said *rc_said_finish(struct rc_said *s, bool subnet_kw, uint64_t port, uint64_t ulproto)
{
	if (!s)
		return NULL;
	s->subnet_kw = subnet_kw;
	s->port = port == RC_NOPORT ? 0 : (uint16_t)port;
	s->ulproto = (uint8_t)ulproto;
	return s;
}

struct rc_said *rc_said_name(struct rc_pstate *ps, struct rc_pos p, char *type, char *value)
{
	struct rc_said *s = NULL;
	unsigned t;
	if (rc_name_lookup(rc_names_idtype, type, &t) < 0 || t == RC_ID_ADDRESS || t == RC_ID_SUBNET) {
		ERR(p, "'%s': expected address, subnet, fqdn, user_fqdn, keyid or asn1dn", type);
	} else if (value[0] == '\0') {
		ERR(p, "%s needs a value", type);
	} else if (!(s = calloc(1, sizeof *s))) {
		ERR(p, "out of memory");
	} else {
		s->kind = RC_SAID_NAME;
		s->idtype = (enum rc_idtype)t;
		s->value = value;
		value = NULL;
	}
	free(type);
	free(value);
	return s;
}

void rc_said_free(struct rc_said *s)
{
	if (!s)
		return;
	rc_said_clear(s);
	free(s);
}

uint64_t rc_ulproto_word(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	unsigned v = 0;
	if (rc_name_lookup(rc_names_ulproto, w, &v) < 0)
		ERR(p, "'%s': expected an upper-layer protocol (any, a number, icmp, icmp6, tcp, "
		    "udp, gre, esp, ah, ipcomp, mh)", w);
	free(w);
	return v;
}

uint64_t rc_ulproto_number(struct rc_pstate *ps, struct rc_pos p, uint64_t n)
{
	if (n > 255) {
		ERR(p, "protocol number %llu out of range (0 to 255)", (unsigned long long)n);
		return 0;
	}
	return n;
}

void rc_sainfo_alg(struct rc_pstate *ps, struct rc_pos p, char *w, uint64_t keylen, struct rc_pos kp)
{
	static const struct rc_name *const tables[] = { rc_names_esp, rc_names_auth_alg, rc_names_ipcomp };
	static const char *const what[] = { "encryption", "authentication", "compression" };
	struct rc_sainfo *s = ps->sainfo;
	struct rc_alg *list[] = { s->enc, s->auth, s->comp };
	unsigned *count[] = { &s->n_enc, &s->n_auth, &s->n_comp };
	int c = ps->alg_class;
	unsigned v;

	if (rc_name_lookup(tables[c], w, &v) < 0)
		ERR(p, "unknown %s algorithm '%s'", what[c], w);
	else if (keylen && (c != RC_ALG_ENC || !rc_esp_keylen_ok(v, (unsigned)keylen)))
		ERR(kp, "key length %llu is not valid for %s", (unsigned long long)keylen, w);
	else if (*count[c] == RC_MAX_ALGS)
		ERR(p, "more than %d %s algorithms", RC_MAX_ALGS, what[c]);
	else
		list[c][(*count[c])++] = (struct rc_alg){ (uint16_t)v, (uint16_t)keylen };
	free(w);
}

void rc_sainfo_remoteid(struct rc_pstate *ps, struct rc_pos p, uint64_t n)
{
	ps->sainfo->has_remoteid = true;
	ps->sainfo->remoteid = (unsigned)n;
}

/* ---------------- mode_cfg ---------------- */

void rc_mcfg_begin(struct rc_pstate *ps, struct rc_pos p)
{
	ps->conf->mode_cfg.set = true;
	ps->conf->mode_cfg.loc = rc_loc_at(ps, p);
}

void rc_mcfg_addr(struct rc_pstate *ps, struct rc_pos p, int which, char *addr)
{
	struct rc_mode_cfg *m = &ps->conf->mode_cfg;
	struct ip_addr a;

	if (parse_addr(ps, p, addr, &a) == 0) {
		if (a.family != AF_INET) {
			ERR(p, "mode_cfg takes IPv4 addresses only");
		} else if (which == RC_MCFG_NETWORK4) {
			m->network4 = a;
		} else if (which == RC_MCFG_NETMASK4) {
			m->netmask4 = a;
		} else {
			struct ip_addr *list = which == RC_MCFG_DNS4 ? m->dns4 : m->wins4;
			unsigned *n = which == RC_MCFG_DNS4 ? &m->n_dns4 : &m->n_wins4;
			if (*n == RC_MAX_MCFG_ADDRS)
				ERR(p, "more than %d addresses", RC_MAX_MCFG_ADDRS);
			else
				list[(*n)++] = a;
		}
	}
	free(addr);
}

void rc_mcfg_net(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t prefix)
{
	struct rc_mode_cfg *m = &ps->conf->mode_cfg;
	struct ip_prefix n;

	if (parse_addr(ps, p, addr, &n.addr) == 0) {
		if (prefix > addr_bits(&n.addr))
			ERR(p, "prefix length /%llu too long", (unsigned long long)prefix);
		else if (m->n_split_network == RC_MAX_MCFG_ADDRS)
			ERR(p, "more than %d networks", RC_MAX_MCFG_ADDRS);
		else {
			n.len = (uint8_t)prefix;
			m->split_network[m->n_split_network++] = n;
		}
	}
	free(addr);
}

void rc_mcfg_split(struct rc_pstate *ps, struct rc_pos p, char *w)
{
	if (strcmp(w, "local_lan") == 0)
		ps->conf->mode_cfg.split_local_lan = true;
	else
		ERR(p, "'%s': expected include or local_lan", w);
	free(w);
}

void rc_mcfg_string(struct rc_pstate *ps, struct rc_pos p, char *s)
{
	struct rc_mode_cfg *m = &ps->conf->mode_cfg;
	char **list = ps->mcfg_list == RC_MCFG_SPLIT_DNS ? m->split_dns : m->auth_groups;
	unsigned *n = ps->mcfg_list == RC_MCFG_SPLIT_DNS ? &m->n_split_dns : &m->n_auth_groups;
	if (*n == RC_MAX_MCFG_ADDRS) {
		ERR(p, "more than %d names", RC_MAX_MCFG_ADDRS);
		free(s);
	} else {
		list[(*n)++] = s;
	}
}

void rc_mcfg_word(struct rc_pstate *ps, struct rc_pos p, int which, char *w)
{
	static const char *const allowed[][5] = {
		[RC_MCFG_AUTH_SOURCE] = { "system", "radius", "pam", "ldap", NULL },
		[RC_MCFG_GROUP_SOURCE] = { "system", "ldap", NULL },
		[RC_MCFG_CONF_SOURCE] = { "local", "radius", "ldap", NULL },
		[RC_MCFG_ACCOUNTING] = { "none", "system", "radius", "pam", NULL },
	};
	struct rc_mode_cfg *m = &ps->conf->mode_cfg;
	char **dst = which == RC_MCFG_AUTH_SOURCE ? &m->auth_source
		   : which == RC_MCFG_GROUP_SOURCE ? &m->group_source
		   : which == RC_MCFG_CONF_SOURCE ? &m->conf_source : &m->accounting;
	for (const char *const *a = allowed[which]; *a; a++) {
		if (strcmp(*a, w) == 0) {
			rc_set_string(dst, w);
			return;
		}
	}
	ERR(p, "'%s' is not a valid value here", w);
	free(w);
}
