/* Life of a configuration: defaults, copies, freeing, loading. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/pstate.h"

void rc_conf_defaults(struct rc_conf *c)
{
	c->log = RC_LOG_INFO;
	c->privsep.uid = -1;
	c->privsep.gid = -1;
	c->gss_id_enc = RC_GSS_UTF16LE;
	c->complex_bundle = true;            /* racoon's code; its man page says off */
	c->padding = (struct rc_padding){
		.randomize = true, .randomize_length = false, .maximum_length = 20,
		.exclusive_tail = true, .strict_check = false,
	};
	c->listen.adminsock_mode = 0600;
	c->timer = (struct rc_timer){
		.counter = 5, .interval = 10, .persend = 1,
		.phase1 = 30, .phase2 = 30,      /* racoon's code; its man page says 15 / 10 */
		.natt_keepalive = 20,
	};
	c->mode_cfg.pool_size = 255;
	c->mode_cfg.auth_throttle = 1;
}

void rc_remote_defaults(struct rc_remote *r)
{
	r->doi = IKE_DOI_IPSEC;
	r->situation = IKE_SIT_IDENTITY_ONLY;
	r->my_id.type = RC_ID_ADDRESS;
	r->verify_cert = true;
	r->send_cert = true;
	r->send_cr = true;
	r->match_empty_cr = false;           /* racoon's code; its man page says on */
	r->lifetime = 28800;
	r->nonce_size = 16;
	r->esp_frag = RC_IP_MAXPACKET;
	r->initial_contact = true;
	r->dpd = true;
	r->dpd_retry = 5;
	r->dpd_maxfail = 5;
	r->rekey = RC_ON;
	r->proposal_check = RC_PC_STRICT;
}

void rc_sainfo_defaults(struct rc_sainfo *s)
{
	s->lifetime = 28800;
}

void rc_id_clear(struct rc_id *id)
{
	for (unsigned i = 0; i < id->n_rdns; i++) {
		free(id->rdns[i].type);
		free(id->rdns[i].value);
	}
	free(id->rdns);
	free(id->value);
	id->rdns = NULL;
	id->n_rdns = 0;
	id->value = NULL;
}

void rc_id_free(struct rc_id *id)
{
	if (!id)
		return;
	rc_id_clear(id);
	free(id);
}

void rc_ids_free(struct rc_id *id)
{
	while (id) {
		struct rc_id *n = id->next;
		rc_id_free(id);
		id = n;
	}
}

void rc_proposals_free(struct rc_ph1_proposal *p)
{
	while (p) {
		struct rc_ph1_proposal *n = p->next;
		free(p->gss_id);
		free(p);
		p = n;
	}
}

void rc_remote_free(struct rc_remote *r)
{
	free(r->name);
	free(r->inherit);
	rc_id_clear(&r->my_id);
	rc_ids_free(r->peers_ids);
	free(r->xauth_login);
	free(r->cert_file);
	free(r->key_file);
	free(r->peers_certfile);
	free(r->ca_file);
	for (int i = 0; i < RC_SCRIPT_COUNT; i++)
		free(r->script[i]);
	rc_proposals_free(r->proposals);
	free(r);
}

static int dup_str(char **s)
{
	if (*s && !(*s = strdup(*s)))
		return -ENOMEM;
	return 0;
}

static int id_copy(struct rc_id *dst, const struct rc_id *src)
{
	int rc = 0;
	*dst = *src;
	dst->next = NULL;
	dst->rdns = NULL;
	dst->n_rdns = 0;
	rc |= dup_str(&dst->value);
	if (src->n_rdns) {
		dst->rdns = calloc(src->n_rdns, sizeof *dst->rdns);
		if (!dst->rdns)
			return -ENOMEM;
		dst->n_rdns = src->n_rdns;
		for (unsigned i = 0; i < src->n_rdns; i++) {
			dst->rdns[i] = src->rdns[i];
			rc |= dup_str(&dst->rdns[i].type);
			rc |= dup_str(&dst->rdns[i].value);
		}
	}
	return rc ? -ENOMEM : 0;
}

/* Copies everything the body of a remote sets; the caller sets the header
 * (kind, name, inherit, location, next). */
int rc_remote_copy(struct rc_remote *dst, const struct rc_remote *src)
{
	struct rc_id **it = &dst->peers_ids;
	struct rc_ph1_proposal **pt = &dst->proposals;
	int rc = 0;

	*dst = *src;
	dst->next = NULL;
	dst->name = dst->inherit = NULL;
	dst->peers_ids = NULL;
	dst->proposals = NULL;
	rc |= dup_str(&dst->xauth_login);
	rc |= dup_str(&dst->cert_file);
	rc |= dup_str(&dst->key_file);
	rc |= dup_str(&dst->peers_certfile);
	rc |= dup_str(&dst->ca_file);
	for (int i = 0; i < RC_SCRIPT_COUNT; i++)
		rc |= dup_str(&dst->script[i]);
	rc |= id_copy(&dst->my_id, &src->my_id);
	for (const struct rc_id *i = src->peers_ids; i; i = i->next) {
		*it = calloc(1, sizeof **it);
		if (!*it)
			return -ENOMEM;
		rc |= id_copy(*it, i);
		it = &(*it)->next;
	}
	for (const struct rc_ph1_proposal *p = src->proposals; p; p = p->next) {
		*pt = malloc(sizeof **pt);
		if (!*pt)
			return -ENOMEM;
		**pt = *p;
		(*pt)->next = NULL;
		rc |= dup_str(&(*pt)->gss_id);
		pt = &(*pt)->next;
	}
	return rc ? -ENOMEM : 0;
}

void rc_said_clear(struct rc_said *s)
{
	free(s->value);
	s->value = NULL;
}

void rc_sainfo_free(struct rc_sainfo *s)
{
	rc_said_clear(&s->local);
	rc_said_clear(&s->remote);
	rc_id_clear(&s->from);
	free(s->group);
	free(s);
}

void rc_conf_free(struct rc_conf *c)
{
	struct rc_mode_cfg *m;
	if (!c)
		return;
	for (int i = 0; i < RC_PATH_COUNT; i++)
		free(c->path[i]);
	free(c->privsep.user);
	free(c->privsep.group);
	free(c->privsep.chroot);
	for (struct rc_listen_addr *l = c->listen.addrs, *n; l; l = n) {
		n = l->next;
		free(l);
	}
	free(c->listen.adminsock_path);
	free(c->listen.adminsock_owner);
	free(c->listen.adminsock_group);
	for (struct rc_remote *r = c->remotes, *n; r; r = n) {
		n = r->next;
		rc_remote_free(r);
	}
	for (struct rc_sainfo *s = c->sainfos, *n; s; s = n) {
		n = s->next;
		rc_sainfo_free(s);
	}
	m = &c->mode_cfg;
	for (unsigned i = 0; i < m->n_split_dns; i++)
		free(m->split_dns[i]);
	for (unsigned i = 0; i < m->n_auth_groups; i++)
		free(m->auth_groups[i]);
	free(m->default_domain);
	free(m->auth_source);
	free(m->group_source);
	free(m->conf_source);
	free(m->accounting);
	free(m->banner);
	for (unsigned i = 0; i < c->n_files; i++)
		free(c->files[i]);
	free(c->files);
	free(c);
}

const char *rc_conf_add_file(struct rc_conf *c, const char *name)
{
	char **grown = realloc(c->files, (c->n_files + 1) * sizeof *c->files);
	if (!grown)
		return NULL;
	c->files = grown;
	c->files[c->n_files] = strdup(name);
	return c->files[c->n_files] ? c->files[c->n_files++] : NULL;
}

int rc_conf_path(const struct rc_conf *c, enum rc_path_type t, const char *name,
		 char *buf, size_t len)
{
	const char *dir = c->path[t];
	int n;
	if (name[0] == '/' || !dir)
		n = snprintf(buf, len, "%s", name);
	else
		n = snprintf(buf, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static const struct rc_load_opts no_opts;

static int load(const char *path, const char *text, size_t len, const char *name,
		const struct rc_load_opts *opts, struct rc_conf **out, struct rc_diags *diags)
{
	struct rc_conf *c = calloc(1, sizeof *c);
	struct rc_pstate ps = { .conf = c, .diags = diags, .opts = opts ? opts : &no_opts };
	unsigned errors_before = diags->n_errors;
	int rc;

	*out = NULL;
	if (!c)
		return -ENOMEM;
	rc_conf_defaults(c);
	rc = path ? rc_parse_file(&ps, path) : rc_parse_buffer(&ps, text, len, name);
	if (rc == 0 || rc == -EINVAL) {
		/* Bad values do not stop the checks (every problem is reported
		 * in one run); a syntax error does, as the rest is unknown. */
		if (!ps.syntax_error)
			rc_conf_check(c, ps.opts->flags, diags);
		rc = diags->n_errors == errors_before ? 0 : -EINVAL;
	} else if (path) {
		rc_diag_add(diags, RC_SEV_ERROR, NULL, 0, 0, "cannot read %s: %s", path, strerror(-rc));
	}
	if (rc < 0) {
		rc_conf_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int rc_conf_load_file(const char *path, const struct rc_load_opts *opts,
		      struct rc_conf **out, struct rc_diags *diags)
{
	return load(path, NULL, 0, NULL, opts, out, diags);
}

int rc_conf_load_buffer(const char *text, size_t len, const char *name,
			const struct rc_load_opts *opts, struct rc_conf **out,
			struct rc_diags *diags)
{
	return load(NULL, text, len, name, opts, out, diags);
}
