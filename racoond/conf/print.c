/* racoond -C: the effective configuration, defaults included, as
 * racoon.conf text that loads back to the same configuration. */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "racoond/conf/names.h"
#include "racoond/conf/pstate.h"

static const char *sw(bool b)
{
	return b ? "on" : "off";
}

static const char *tri(enum rc_tristate t)
{
	return t == RC_FORCE ? "force" : t == RC_ON ? "on" : "off";
}

static const char *addr_s(const struct ip_addr *a, char *buf)
{
	return addr_fmt(a, buf, ADDR_STRLEN);
}

static void port_s(FILE *o, uint16_t port, bool any_if_zero)
{
	if (port)
		fprintf(o, " [%u]", port);
	else if (any_if_zero)
		fprintf(o, " [any]");
}

static void print_id(FILE *o, const struct rc_id *id)
{
	char b[ADDR_STRLEN];
	switch (id->type) {
	case RC_ID_ADDRESS:
		fprintf(o, "address");
		if (id->addr.family != AF_UNSPEC)
			fprintf(o, " %s", addr_s(&id->addr, b));
		break;
	case RC_ID_SUBNET:
		fprintf(o, "subnet %s/%u", addr_s(&id->addr, b), id->prefixlen);
		break;
	case RC_ID_FQDN:
		fprintf(o, "fqdn \"%s\"", id->value);
		break;
	case RC_ID_USER_FQDN:
		fprintf(o, "user_fqdn \"%s\"", id->value);
		break;
	case RC_ID_KEYID:
		fprintf(o, "keyid file \"%s\"", id->value);
		break;
	case RC_ID_KEYID_TAG:
		fprintf(o, "keyid tag \"%s\"", id->value);
		break;
	case RC_ID_ASN1DN:
		fprintf(o, "asn1dn");
		if (id->value)
			fprintf(o, " \"%s\"", id->value);
		break;
	}
}

static void print_top(const struct rc_conf *c, FILE *o)
{
	const struct rc_listen *l = &c->listen;
	char b[ADDR_STRLEN];

	for (int t = 0; t < RC_PATH_COUNT; t++)
		if (c->path[t])
			fprintf(o, "path %s \"%s\";\n", rc_name_of(rc_names_path, (unsigned)t), c->path[t]);
	if (!c->path[RC_PATH_PIDFILE])
		fprintf(o, "path pidfile \"%s\";\n", RC_DEFAULT_PIDFILE);
	fprintf(o, "log %s;\n", rc_name_of(rc_names_log, c->log));
	if (c->privsep.set) {
		fprintf(o, "privsep {\n");
		if (c->privsep.user)
			fprintf(o, "\tuser \"%s\";\n", c->privsep.user);
		else if (c->privsep.uid >= 0)
			fprintf(o, "\tuser %ld;\n", c->privsep.uid);
		if (c->privsep.group)
			fprintf(o, "\tgroup \"%s\";\n", c->privsep.group);
		else if (c->privsep.gid >= 0)
			fprintf(o, "\tgroup %ld;\n", c->privsep.gid);
		if (c->privsep.chroot)
			fprintf(o, "\tchroot \"%s\";\n", c->privsep.chroot);
		fprintf(o, "}\n");
	}
	fprintf(o, "pfkey_buffer %u;\n", c->pfkey_buffer);
	fprintf(o, "gss_id_enc %s;\n", c->gss_id_enc == RC_GSS_LATIN1 ? "latin1" : "utf-16le");
	fprintf(o, "complex_bundle %s;\n", sw(c->complex_bundle));
	fprintf(o, "padding {\n\trandomize %s;\n\trandomize_length %s;\n\tmaximum_length %u;\n"
		"\texclusive_tail %s;\n\tstrict_check %s;\n}\n",
		sw(c->padding.randomize), sw(c->padding.randomize_length), c->padding.maximum_length,
		sw(c->padding.exclusive_tail), sw(c->padding.strict_check));
	fprintf(o, "listen {\n");
	for (const struct rc_listen_addr *a = l->addrs; a; a = a->next)
		fprintf(o, "\t%s %s [%u];\n", a->natt ? "isakmp_natt" : "isakmp", addr_s(&a->addr, b), a->port);
	if (l->strict_address)
		fprintf(o, "\tstrict_address;\n");
	if (l->adminsock_disabled)
		fprintf(o, "\tadminsock disabled;\n");
	else
		fprintf(o, "\tadminsock \"%s\" \"%s\" \"%s\" 0%o;\n",
			l->adminsock_path ? l->adminsock_path : RC_DEFAULT_ADMINSOCK,
			l->adminsock_owner ? l->adminsock_owner : "root",
			l->adminsock_group ? l->adminsock_group : "root", l->adminsock_mode);
	fprintf(o, "}\n");
	fprintf(o, "timer {\n\tcounter %u;\n\tinterval %u sec;\n\tpersend %u;\n\tphase1 %u sec;\n"
		"\tphase2 %u sec;\n\tnatt_keepalive %u sec;\n}\n",
		c->timer.counter, c->timer.interval, c->timer.persend, c->timer.phase1,
		c->timer.phase2, c->timer.natt_keepalive);
}

static void print_remote(const struct rc_remote *r, FILE *o)
{
	char b[ADDR_STRLEN];

	switch (r->kind) {
	case RC_REMOTE_NAMED:
		fprintf(o, "remote \"%s\"", r->name);
		break;
	case RC_REMOTE_ANONYMOUS:
		fprintf(o, "remote anonymous");
		port_s(o, r->port, false);
		break;
	case RC_REMOTE_ADDRESS:
		fprintf(o, "remote %s", addr_s(&r->address, b));
		port_s(o, r->port, false);
		break;
	}
	if (r->inherit)
		fprintf(o, " inherit \"%s\"", r->inherit);
	fprintf(o, " {\n");
	if (r->has_address && r->kind != RC_REMOTE_ADDRESS) {
		fprintf(o, "\tremote_address %s", addr_s(&r->address, b));
		port_s(o, r->port, false);
		fprintf(o, ";\n");
	}
	if (r->n_xchg) {
		fprintf(o, "\texchange_mode");
		for (unsigned i = 0; i < r->n_xchg; i++)
			fprintf(o, "%s %s", i ? "," : "", rc_name_of(rc_names_xchg, r->xchg[i]));
		fprintf(o, ";\n");
	}
	fprintf(o, "\tdoi ipsec_doi;\n\tsituation identity_only;\n");
	fprintf(o, "\tmy_identifier ");
	print_id(o, &r->my_id);
	fprintf(o, ";\n");
	for (const struct rc_id *id = r->peers_ids; id; id = id->next) {
		fprintf(o, "\tpeers_identifier ");
		print_id(o, id);
		fprintf(o, ";\n");
	}
	fprintf(o, "\tverify_identifier %s;\n", sw(r->verify_identifier));
	if (r->xauth_login)
		fprintf(o, "\txauth_login \"%s\";\n", r->xauth_login);
	if (r->cert_type == RC_CERT_X509)
		fprintf(o, "\tcertificate_type x509 \"%s\" \"%s\";\n", r->cert_file, r->key_file);
	else if (r->cert_type == RC_CERT_PLAIN_RSA)
		fprintf(o, "\tcertificate_type plain_rsa \"%s\";\n", r->key_file);
	if (r->peers_cert_type == RC_PEERCERT_X509)
		fprintf(o, "\tpeers_certfile x509 \"%s\";\n", r->peers_certfile);
	else if (r->peers_cert_type == RC_PEERCERT_PLAIN_RSA)
		fprintf(o, "\tpeers_certfile plain_rsa \"%s\";\n", r->peers_certfile);
	else if (r->peers_cert_type == RC_PEERCERT_DNSSEC)
		fprintf(o, "\tpeers_certfile dnssec;\n");
	if (r->ca_x509)
		fprintf(o, "\tca_type x509 \"%s\";\n", r->ca_file);
	fprintf(o, "\tverify_cert %s;\n\tsend_cert %s;\n\tsend_cr %s;\n\tmatch_empty_cr %s;\n"
		"\tmode_cfg %s;\n\tweak_phase1_check %s;\n",
		sw(r->verify_cert), sw(r->send_cert), sw(r->send_cr), sw(r->match_empty_cr),
		sw(r->mode_cfg), sw(r->weak_phase1_check));
	fprintf(o, "\tlifetime time %u sec;\n\tnonce_size %u;\n", r->lifetime, r->nonce_size);
	if (r->dh_group)
		fprintf(o, "\tdh_group %s;\n", rc_name_of(rc_names_dh, r->dh_group));
	fprintf(o, "\tpassive %s;\n\tike_frag %s;\n\tesp_frag %u;\n", sw(r->passive),
		tri(r->ike_frag), r->esp_frag);
	for (int i = 0; i < RC_SCRIPT_COUNT; i++)
		if (r->script[i])
			fprintf(o, "\tscript \"%s\" %s;\n", r->script[i],
				rc_name_of(rc_names_script, (unsigned)i));
	fprintf(o, "\tgenerate_policy %s;\n",
		r->generate_policy == RC_GENPOL_UNIQUE ? "unique" : sw(r->generate_policy == RC_GENPOL_ON));
	fprintf(o, "\tsupport_proxy %s;\n\tinitial_contact %s;\n\tnat_traversal %s;\n\tdpd %s;\n"
		"\tdpd_delay %u;\n\tdpd_retry %u;\n\tdpd_maxfail %u;\n\trekey %s;\n"
		"\tproposal_check %s;\n\tph1id %u;\n",
		sw(r->support_proxy), sw(r->initial_contact), tri(r->nat_traversal), sw(r->dpd),
		r->dpd_delay, r->dpd_retry, r->dpd_maxfail, tri(r->rekey),
		rc_name_of(rc_names_prop_check, r->proposal_check), r->ph1id);
	for (const struct rc_ph1_proposal *p = r->proposals; p; p = p->next) {
		fprintf(o, "\tproposal {\n\t\tencryption_algorithm %s", rc_name_of(rc_names_p1_enc, p->enc));
		if (p->keylen)
			fprintf(o, " %u", p->keylen);
		fprintf(o, ";\n\t\thash_algorithm %s;\n\t\tauthentication_method %s;\n"
			"\t\tdh_group %s;\n\t\tlifetime time %u sec;\n",
			rc_name_of(rc_names_p1_hash, p->hash), rc_name_of(rc_names_p1_auth, p->auth),
			rc_name_of(rc_names_dh, p->dh_group), p->lifetime);
		if (p->gss_id)
			fprintf(o, "\t\tgss_id \"%s\";\n", p->gss_id);
		fprintf(o, "\t}\n");
	}
	fprintf(o, "}\n");
}

static void print_said(FILE *o, const struct rc_said *s)
{
	char b[ADDR_STRLEN];
	switch (s->kind) {
	case RC_SAID_ANONYMOUS:
		fprintf(o, "anonymous");
		break;
	case RC_SAID_CLIENTADDR:
		fprintf(o, "clientaddr");
		break;
	case RC_SAID_ADDR:
		fprintf(o, "%s %s", s->subnet_kw ? "subnet" : "address", addr_s(&s->prefix.addr, b));
		if (s->is_range)
			fprintf(o, "-%s", addr_s(&s->range_end, b));
		else if (s->prefix.len != addr_bits(&s->prefix.addr))
			fprintf(o, "/%u", s->prefix.len);
		port_s(o, s->port, true);
		if (s->ulproto)
			fprintf(o, " %u", s->ulproto);
		else
			fprintf(o, " any");
		break;
	case RC_SAID_NAME:
		fprintf(o, "%s \"%s\"", rc_name_of(rc_names_idtype, s->idtype), s->value);
		break;
	}
}

static void print_algs(FILE *o, const char *kw, const struct rc_name *t, const struct rc_alg *a,
		       unsigned n)
{
	fprintf(o, "\t%s", kw);
	for (unsigned i = 0; i < n; i++) {
		fprintf(o, "%s %s", i ? "," : "", rc_name_of(t, a[i].id));
		if (a[i].keylen)
			fprintf(o, " %u", a[i].keylen);
	}
	fprintf(o, ";\n");
}

static void print_sainfo(const struct rc_sainfo *s, FILE *o)
{
	fprintf(o, "sainfo ");
	if (s->local.kind == RC_SAID_ANONYMOUS && s->remote.kind == RC_SAID_ANONYMOUS) {
		fprintf(o, "anonymous");
	} else {
		print_said(o, &s->local);
		fprintf(o, " ");
		print_said(o, &s->remote);
	}
	if (s->has_from) {
		fprintf(o, " from ");
		print_id(o, &s->from);
	}
	if (s->group)
		fprintf(o, " group \"%s\"", s->group);
	fprintf(o, " {\n");
	if (s->pfs_group)
		fprintf(o, "\tpfs_group %s;\n", rc_name_of(rc_names_dh, s->pfs_group));
	fprintf(o, "\tlifetime time %u sec;\n", s->lifetime);
	if (s->n_enc)
		print_algs(o, "encryption_algorithm", rc_names_esp, s->enc, s->n_enc);
	if (s->n_auth)
		print_algs(o, "authentication_algorithm", rc_names_auth_alg, s->auth, s->n_auth);
	if (s->n_comp)
		print_algs(o, "compression_algorithm", rc_names_ipcomp, s->comp, s->n_comp);
	if (s->has_remoteid)
		fprintf(o, "\tremoteid %u;\n", s->remoteid);
	fprintf(o, "}\n");
}

static void print_list_addr(FILE *o, const char *kw, const struct ip_addr *a, unsigned n)
{
	char b[ADDR_STRLEN];
	if (!n)
		return;
	fprintf(o, "\t%s", kw);
	for (unsigned i = 0; i < n; i++)
		fprintf(o, "%s %s", i ? "," : "", addr_s(&a[i], b));
	fprintf(o, ";\n");
}

static void print_list_str(FILE *o, const char *kw, char *const *s, unsigned n)
{
	if (!n)
		return;
	fprintf(o, "\t%s", kw);
	for (unsigned i = 0; i < n; i++)
		fprintf(o, "%s \"%s\"", i ? "," : "", s[i]);
	fprintf(o, ";\n");
}

static void print_mode_cfg(const struct rc_mode_cfg *m, FILE *o)
{
	char b[ADDR_STRLEN];
	fprintf(o, "mode_cfg {\n");
	if (m->network4.family)
		fprintf(o, "\tnetwork4 %s;\n", addr_s(&m->network4, b));
	if (m->netmask4.family)
		fprintf(o, "\tnetmask4 %s;\n", addr_s(&m->netmask4, b));
	fprintf(o, "\tpool_size %u;\n", m->pool_size);
	print_list_addr(o, "dns4", m->dns4, m->n_dns4);
	print_list_addr(o, "wins4", m->wins4, m->n_wins4);
	if (m->n_split_network) {
		fprintf(o, "\tsplit_network %s", m->split_local_lan ? "local_lan" : "include");
		for (unsigned i = 0; i < m->n_split_network; i++)
			fprintf(o, "%s %s/%u", i ? "," : "", addr_s(&m->split_network[i].addr, b),
				m->split_network[i].len);
		fprintf(o, ";\n");
	}
	print_list_str(o, "split_dns", m->split_dns, m->n_split_dns);
	if (m->default_domain)
		fprintf(o, "\tdefault_domain \"%s\";\n", m->default_domain);
	if (m->auth_source)
		fprintf(o, "\tauth_source %s;\n", m->auth_source);
	print_list_str(o, "auth_groups", m->auth_groups, m->n_auth_groups);
	if (m->group_source)
		fprintf(o, "\tgroup_source %s;\n", m->group_source);
	if (m->conf_source)
		fprintf(o, "\tconf_source %s;\n", m->conf_source);
	if (m->accounting)
		fprintf(o, "\taccounting %s;\n", m->accounting);
	if (m->banner)
		fprintf(o, "\tbanner \"%s\";\n", m->banner);
	fprintf(o, "\tauth_throttle %u;\n", m->auth_throttle);
	if (m->pfs_group)
		fprintf(o, "\tpfs_group %s;\n", rc_name_of(rc_names_dh, m->pfs_group));
	fprintf(o, "\tsave_passwd %s;\n}\n", sw(m->save_passwd));
}

int rc_conf_print(const struct rc_conf *c, FILE *o)
{
	print_top(c, o);
	for (const struct rc_remote *r = c->remotes; r; r = r->next)
		print_remote(r, o);
	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next)
		print_sainfo(s, o);
	if (c->mode_cfg.set)
		print_mode_cfg(&c->mode_cfg, o);
	if (c->ldapcfg.line)
		fprintf(o, "# ldapcfg {} of %s:%u is not implemented\n", c->ldapcfg.file, c->ldapcfg.line);
	if (c->radiuscfg.line)
		fprintf(o, "# radiuscfg {} of %s:%u is not implemented\n", c->radiuscfg.file, c->radiuscfg.line);
	return ferror(o) ? -EIO : 0;
}
