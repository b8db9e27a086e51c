/* racoon.conf: the seeds' configurations, every keyword, every default,
 * every class of error with its line and column, include handling, file
 * checks, support checks, and --show-config output loading back. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "racoond/conf/conf.h"

#define PROP "proposal { encryption_algorithm aes; hash_algorithm sha1; " \
	     "authentication_method pre_shared_key; dh_group 2; }"
#define SPECS "{ encryption_algorithm aes; authentication_algorithm hmac_sha1; " \
	      "compression_algorithm deflate; }"

/* ---------------- helpers ---------------- */

static struct rc_conf *load_opts(const char *text, const struct rc_load_opts *o, struct rc_diags *d)
{
	struct rc_conf *c = NULL;
	int rc = rc_conf_load_buffer(text, strlen(text), "t.conf", o, &c, d);
	assert_true((rc == 0) == (c != NULL));
	return c;
}

static struct rc_conf *load_ok(const char *text)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_opts(text, NULL, &d);
	if (!c)
		rc_diags_print(&d, stderr);
	assert_non_null(c);
	assert_int_equal(d.n_errors, 0);
	rc_diags_free(&d);
	return c;
}

static struct rc_conf *load_path(const char *path, const char *root, struct rc_diags *d)
{
	struct rc_load_opts o = { .root = root };
	struct rc_conf *c = NULL;
	int rc = rc_conf_load_file(path, &o, &c, d);
	if (rc < 0)
		rc_diags_print(d, stderr);
	assert_int_equal(rc, 0);
	return c;
}

static bool has_diag(const struct rc_diags *d, unsigned line, unsigned col, const char *sub)
{
	for (const struct rc_diag *g = d->head; g; g = g->next)
		if (g->line == line && g->col == col && strstr(g->msg, sub))
			return true;
	return false;
}

/* The text must fail to load, with an error at line:col containing sub. */
static void expect_error(const char *text, unsigned line, unsigned col, const char *sub)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_opts(text, NULL, &d);
	if (c || !has_diag(&d, line, col, sub)) {
		fprintf(stderr, "config:\n%s\nexpected error at %u:%u containing '%s', got:\n",
			text, line, col, sub);
		rc_diags_print(&d, stderr);
	}
	assert_null(c);
	assert_true(has_diag(&d, line, col, sub));
	rc_diags_free(&d);
}

static char *print_conf(const struct rc_conf *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(rc_conf_print(c, f), 0);
	fclose(f);
	return buf;
}

/* --show-config output loads back to the same configuration: printing the
 * reloaded configuration gives the same text. */
static void assert_roundtrip(const struct rc_conf *c)
{
	char *a = print_conf(c), *b;
	struct rc_conf *again = load_ok(a);
	b = print_conf(again);
	if (strcmp(a, b) != 0)
		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", a, b);
	assert_string_equal(a, b);
	free(a);
	free(b);
	rc_conf_free(again);
}

static unsigned count_remotes(const struct rc_conf *c)
{
	unsigned n = 0;
	for (const struct rc_remote *r = c->remotes; r; r = r->next)
		n++;
	return n;
}

static unsigned count_sainfos(const struct rc_conf *c)
{
	unsigned n = 0;
	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next)
		n++;
	return n;
}

static void assert_addr(const struct ip_addr *a, const char *text)
{
	struct ip_addr b;
	assert_int_equal(addr_parse(&b, text), 0);
	assert_true(addr_eq(a, &b));
}

/* ---------------- seed 000 ---------------- */

static const char *const dn_ha_peers =
	"C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=*, emailAddress=*";
static const char *const dn_arno =
	"C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=arno, emailAddress=arno@natisbad.org";
static const char *const dn_ha1 =
	"C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=ha1, emailAddress=arno@natisbad.org";

static void test_seed000_ha(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_path(CONF_FIXTURES "/ha/etc/racoon/racoon.conf",
				      CONF_FIXTURES "/ha", &d);
	const struct rc_remote *r = c->remotes;
	const struct rc_ph1_proposal *p;
	const struct rc_sainfo *s;

	assert_int_equal(d.n_errors, 0);
	assert_string_equal(c->path[RC_PATH_CERT], "/etc/racoon/certs/");
	assert_string_equal(c->path[RC_PATH_SCRIPT], "/etc/racoon/scripts");
	assert_string_equal(c->path[RC_PATH_BACKUPSA], "/var/log/racoon_sa_dump.log");
	assert_int_equal(c->log, RC_LOG_INFO);        /* "#log debug2;" is a comment */
	assert_int_equal(c->timer.counter, 5);
	assert_int_equal(c->timer.interval, 10);
	assert_int_equal(c->timer.persend, 1);
	assert_int_equal(c->timer.phase1, 30);
	assert_int_equal(c->timer.phase2, 20);
	assert_int_equal(c->timer.natt_keepalive, 20);
	assert_null(c->listen.addrs);
	assert_int_equal(c->gss_id_enc, RC_GSS_UTF16LE);
	assert_false(c->padding.randomize);
	assert_true(c->padding.randomize_length);
	assert_int_equal(c->padding.maximum_length, 20);
	assert_false(c->padding.exclusive_tail);
	assert_false(c->padding.strict_check);

	assert_int_equal(count_remotes(c), 1);
	assert_int_equal(r->kind, RC_REMOTE_ANONYMOUS);
	assert_int_equal(r->n_xchg, 1);
	assert_int_equal(r->xchg[0], IKE_XCHG_MAIN);
	assert_int_equal(r->doi, IKE_DOI_IPSEC);
	assert_int_equal(r->situation, IKE_SIT_IDENTITY_ONLY);
	assert_int_equal(r->my_id.type, RC_ID_ASN1DN);
	assert_null(r->my_id.value);
	/* The DN split over two lines with a backslash is one string. */
	assert_non_null(r->peers_ids);
	assert_null(r->peers_ids->next);
	assert_int_equal(r->peers_ids->type, RC_ID_ASN1DN);
	assert_string_equal(r->peers_ids->value, dn_ha_peers);
	assert_int_equal(r->peers_ids->n_rdns, 6);
	assert_string_equal(r->peers_ids->rdns[3].type, "OU");
	assert_string_equal(r->peers_ids->rdns[3].value, "IPsec Services");
	assert_string_equal(r->peers_ids->rdns[4].type, "CN");
	assert_true(r->peers_ids->rdns[4].wildcard);
	assert_string_equal(r->peers_ids->rdns[5].type, "emailAddress");
	assert_true(r->peers_ids->rdns[5].wildcard);
	assert_false(r->peers_ids->rdns[2].wildcard);
	assert_true(r->verify_identifier);
	assert_int_equal(r->cert_type, RC_CERT_X509);
	assert_string_equal(r->cert_file, "ha.crt");
	assert_string_equal(r->key_file, "ha.key");
	assert_true(r->ca_x509);
	assert_string_equal(r->ca_file, "ca_ipsec-crt.pem");
	assert_true(r->verify_cert);
	assert_int_equal(r->lifetime, 24 * 3600);
	assert_int_equal(r->ike_frag, RC_ON);
	assert_true(r->initial_contact);
	assert_true(r->passive);
	assert_int_equal(r->proposal_check, RC_PC_OBEY);
	assert_true(r->support_proxy);
	assert_int_equal(r->nonce_size, 16);
	assert_int_equal(r->generate_policy, RC_GENPOL_OFF);
	assert_true(r->dpd);
	assert_int_equal(r->dpd_delay, 0);
	p = r->proposals;
	assert_non_null(p);
	assert_null(p->next);
	assert_int_equal(p->enc, IKE_P1_ENC_AES);
	assert_int_equal(p->keylen, 0);
	assert_int_equal(p->hash, IKE_P1_HASH_SHA1);
	assert_int_equal(p->auth, IKE_P1_AUTH_RSASIG);
	assert_int_equal(p->dh_group, IKE_DH_MODP2048);
	assert_int_equal(p->lifetime, 4 * 3600);

	/* The two sainfos come from the included file. */
	assert_int_equal(count_sainfos(c), 2);
	s = c->sainfos;
	assert_non_null(strstr(s->loc.file, "one.user.racoon.conf"));
	assert_int_equal(s->loc.line, 1);
	assert_int_equal(s->local.kind, RC_SAID_ADDR);
	assert_false(s->local.subnet_kw);
	assert_addr(&s->local.prefix.addr, "2001:db8:ffff::1000");
	assert_int_equal(s->local.prefix.len, 128);
	assert_int_equal(s->local.port, 0);
	assert_int_equal(s->local.ulproto, 135);
	assert_addr(&s->remote.prefix.addr, "2001:db8:ffff::1");
	assert_int_equal(s->remote.ulproto, 135);
	assert_true(s->has_from);
	assert_int_equal(s->from.type, RC_ID_ASN1DN);
	assert_string_equal(s->from.value, dn_arno);
	assert_int_equal(s->from.n_rdns, 6);
	assert_string_equal(s->from.rdns[4].value, "arno");
	assert_int_equal(s->pfs_group, IKE_DH_MODP2048);
	assert_int_equal(s->lifetime, 4 * 3600);
	assert_int_equal(s->n_enc, 1);
	assert_int_equal(s->enc[0].id, IPSEC_ESP_AES);
	assert_int_equal(s->enc[0].keylen, 128);
	assert_int_equal(s->n_auth, 1);
	assert_int_equal(s->auth[0].id, IPSEC_AUTH_HMAC_SHA1);
	assert_int_equal(s->n_comp, 1);
	assert_int_equal(s->comp[0].id, IPSEC_IPCOMP_DEFLATE);
	s = s->next;
	assert_true(s->local.subnet_kw);
	assert_addr(&s->local.prefix.addr, "::");
	assert_int_equal(s->local.prefix.len, 0);
	assert_int_equal(s->local.ulproto, 0);
	assert_addr(&s->remote.prefix.addr, "2001:db8:ffff::1");
	assert_int_equal(s->remote.ulproto, 0);
	assert_string_equal(s->from.value, dn_arno);

	assert_roundtrip(c);
	rc_conf_free(c);
	rc_diags_free(&d);
}

static void test_seed000_mn(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_path(CONF_FIXTURES "/mn/etc/racoon/racoon.conf", NULL, &d);
	const struct rc_remote *r = c->remotes;
	const struct rc_sainfo *s;

	assert_int_equal(d.n_errors, 0);
	assert_int_equal(c->timer.interval, 5);
	assert_int_equal(c->timer.phase1, 300);
	assert_int_equal(c->timer.phase2, 600);
	assert_int_equal(count_remotes(c), 1);
	assert_int_equal(r->kind, RC_REMOTE_ADDRESS);
	assert_true(r->has_address);
	assert_addr(&r->address, "2001:db8:ffff::1000");
	assert_string_equal(r->name, "2001:db8:ffff::1000");
	assert_string_equal(r->peers_ids->value, dn_ha1);
	assert_string_equal(r->peers_ids->rdns[4].value, "ha1");
	assert_false(r->peers_ids->rdns[4].wildcard);
	assert_string_equal(r->cert_file, "arno-crt.pem");
	assert_string_equal(r->key_file, "arno.key");
	assert_false(r->passive);
	assert_int_equal(r->generate_policy, RC_GENPOL_OFF);
	assert_true(r->verify_identifier);
	assert_int_equal(r->proposals->dh_group, IKE_DH_MODP2048);

	/* The ';' between each sainfo header and its '{' is an empty statement. */
	assert_int_equal(count_sainfos(c), 2);
	s = c->sainfos;
	assert_addr(&s->local.prefix.addr, "2001:db8:ffff::1");
	assert_int_equal(s->local.ulproto, 135);
	assert_addr(&s->remote.prefix.addr, "2001:db8:ffff::1000");
	assert_string_equal(s->from.value, dn_ha1);
	assert_int_equal(s->lifetime, 2 * 3600);
	s = s->next;
	assert_int_equal(s->local.ulproto, 0);
	assert_true(s->remote.subnet_kw);
	assert_int_equal(s->remote.prefix.len, 0);
	assert_false(c->padding.randomize);

	assert_roundtrip(c);
	rc_conf_free(c);
	rc_diags_free(&d);
}

/* ---------------- seed 004 ---------------- */

static void test_seed004_gateway(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_path(CONF_FIXTURES "/seed004/gateway-a-x509.conf", NULL, &d);
	const struct rc_remote *r = c->remotes;
	const struct rc_sainfo *s;

	/* "path certificates" (sic) is read as path certificate, with a warning. */
	assert_string_equal(c->path[RC_PATH_CERT], "/etc/certs");
	assert_true(has_diag(&d, 1, 6, "path certificates"));
	assert_non_null(c->listen.addrs);
	assert_addr(&c->listen.addrs->addr, "206.162.148.9");
	assert_int_equal(c->listen.addrs->port, 500);
	assert_false(c->listen.addrs->natt);
	assert_int_equal(r->kind, RC_REMOTE_ADDRESS);
	assert_addr(&r->address, "134.28.54.2");
	assert_int_equal(r->my_id.type, RC_ID_ASN1DN);
	assert_int_equal(r->peers_ids->type, RC_ID_ASN1DN);
	assert_null(r->peers_ids->value);
	assert_int_equal(r->proposals->enc, IKE_P1_ENC_BLOWFISH);
	assert_int_equal(r->proposals->dh_group, IKE_DH_MODP1024);
	assert_int_equal(r->proposals->lifetime, 24 * 3600);

	assert_int_equal(count_sainfos(c), 4);
	s = c->sainfos;
	assert_addr(&s->local.prefix.addr, "192.168.1.0");
	assert_int_equal(s->local.prefix.len, 24);
	assert_int_equal(s->local.ulproto, 0);
	assert_addr(&s->remote.prefix.addr, "10.0.0.0");
	assert_int_equal(s->remote.prefix.len, 8);
	assert_int_equal(s->pfs_group, IKE_DH_MODP1024);
	assert_int_equal(s->lifetime, 12 * 3600);
	assert_int_equal(s->enc[0].id, IPSEC_ESP_BLOWFISH);
	assert_int_equal(s->n_auth, 2);
	assert_int_equal(s->auth[0].id, IPSEC_AUTH_HMAC_SHA1);
	assert_int_equal(s->auth[1].id, IPSEC_AUTH_HMAC_MD5);
	s = s->next->next->next;
	assert_addr(&s->remote.prefix.addr, "134.28.54.2");
	assert_int_equal(s->remote.prefix.len, 32);

	assert_roundtrip(c);
	rc_conf_free(c);
	rc_diags_free(&d);
}

static void test_seed004_roadwarrior(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_path(CONF_FIXTURES "/seed004/roadwarrior-gateway-a.conf", NULL, &d);
	const struct rc_remote *r = c->remotes;

	assert_int_equal(d.n_errors + d.n_warnings, 0);
	assert_string_equal(c->path[RC_PATH_CERT], "/etc/certs");
	assert_int_equal(r->kind, RC_REMOTE_ANONYMOUS);
	assert_int_equal(r->generate_policy, RC_GENPOL_ON);
	assert_true(r->passive);
	assert_true(r->verify_identifier);
	assert_int_equal(count_sainfos(c), 1);
	assert_int_equal(c->sainfos->local.kind, RC_SAID_ANONYMOUS);
	assert_int_equal(c->sainfos->remote.kind, RC_SAID_ANONYMOUS);
	assert_roundtrip(c);
	rc_conf_free(c);
	rc_diags_free(&d);
}

static void test_seed004_psk(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_path(CONF_FIXTURES "/seed004/transport-psk.conf", NULL, &d);

	assert_string_equal(c->path[RC_PATH_PSK], "/etc/racoon/psk.txt");
	assert_int_equal(c->remotes->my_id.type, RC_ID_ADDRESS);
	assert_int_equal(c->remotes->my_id.addr.family, AF_UNSPEC);
	assert_int_equal(c->remotes->proposals->auth, IKE_P1_AUTH_PSK);
	assert_int_equal(c->sainfos->n_comp, 1);
	assert_roundtrip(c);
	rc_conf_free(c);
	rc_diags_free(&d);
}

/* ---------------- defaults ---------------- */

static void test_defaults(void **state)
{
	struct rc_conf *c = load_ok("remote anonymous { exchange_mode main; " PROP " }\n"
				    "sainfo anonymous " SPECS "\n");
	const struct rc_remote *r = c->remotes;

	assert_int_equal(c->log, RC_LOG_INFO);
	for (int i = 0; i < RC_PATH_COUNT; i++)
		assert_null(c->path[i]);
	assert_false(c->privsep.set);
	assert_int_equal(c->pfkey_buffer, 0);
	assert_int_equal(c->gss_id_enc, RC_GSS_UTF16LE);
	assert_true(c->complex_bundle);                  /* racoon's code, not its man page */
	assert_true(c->padding.randomize);
	assert_false(c->padding.randomize_length);
	assert_int_equal(c->padding.maximum_length, 20);
	assert_true(c->padding.exclusive_tail);
	assert_false(c->padding.strict_check);
	assert_null(c->listen.addrs);
	assert_false(c->listen.strict_address);
	assert_false(c->listen.adminsock_disabled);
	assert_null(c->listen.adminsock_path);
	assert_int_equal(c->listen.adminsock_mode, 0600);
	assert_int_equal(c->timer.counter, 5);
	assert_int_equal(c->timer.interval, 10);
	assert_int_equal(c->timer.persend, 1);
	assert_int_equal(c->timer.phase1, 30);             /* code; man page says 15 */
	assert_int_equal(c->timer.phase2, 30);             /* code; man page says 10 */
	assert_int_equal(c->timer.natt_keepalive, 20);

	assert_int_equal(r->doi, IKE_DOI_IPSEC);
	assert_int_equal(r->situation, IKE_SIT_IDENTITY_ONLY);
	assert_int_equal(r->my_id.type, RC_ID_ADDRESS);
	assert_null(r->peers_ids);
	assert_false(r->verify_identifier);
	assert_int_equal(r->cert_type, RC_CERT_NONE);
	assert_int_equal(r->peers_cert_type, RC_PEERCERT_RECEIVED);
	assert_false(r->ca_x509);
	assert_true(r->verify_cert);
	assert_true(r->send_cert);
	assert_true(r->send_cr);
	assert_false(r->match_empty_cr);                   /* code; man page says on */
	assert_false(r->mode_cfg);
	assert_false(r->weak_phase1_check);
	assert_int_equal(r->lifetime, 28800);
	assert_int_equal(r->nonce_size, 16);
	assert_int_equal(r->dh_group, 0);
	assert_false(r->passive);
	assert_int_equal(r->ike_frag, RC_OFF);
	assert_int_equal(r->esp_frag, 65535);
	for (int i = 0; i < RC_SCRIPT_COUNT; i++)
		assert_null(r->script[i]);
	assert_int_equal(r->generate_policy, RC_GENPOL_OFF);
	assert_false(r->support_proxy);
	assert_true(r->initial_contact);
	assert_int_equal(r->nat_traversal, RC_OFF);
	assert_true(r->dpd);
	assert_int_equal(r->dpd_delay, 0);
	assert_int_equal(r->dpd_retry, 5);
	assert_int_equal(r->dpd_maxfail, 5);
	assert_int_equal(r->rekey, RC_ON);
	assert_int_equal(r->proposal_check, RC_PC_STRICT);
	assert_int_equal(r->ph1id, 0);
	assert_int_equal(r->port, 0);
	assert_int_equal(r->proposals->lifetime, 28800);   /* the remote's lifetime */
	assert_null(r->proposals->gss_id);

	assert_int_equal(c->sainfos->pfs_group, 0);
	assert_int_equal(c->sainfos->lifetime, 28800);
	assert_false(c->sainfos->has_from);
	assert_false(c->sainfos->has_remoteid);
	assert_false(c->mode_cfg.set);
	assert_roundtrip(c);
	rc_conf_free(c);
}

/* ---------------- every keyword ---------------- */

static const char everything[] =
	"path include \"/nonexistent/inc\";\n"
	"path pre_shared_key \"/etc/racoon/psk.txt\";\n"
	"path certificate \"/etc/racoon/certs\";\n"
	"path script \"/etc/racoon/scripts\";\n"
	"path backupsa \"/var/log/sa.log\";\n"
	"path pidfile \"/run/r.pid\";\n"
	"log debug2;\n"
	"privsep { user \"racoon\"; group 100; chroot \"/var/empty\"; }\n"
	"pfkey_buffer 2048;\n"
	"gss_id_enc latin1;\n"
	"complex_bundle off;\n"
	"padding { randomize off; randomize_length on; maximum_length 40; exclusive_tail off; strict_check on; }\n"
	"listen { isakmp 192.0.2.1 [7000]; isakmp_natt 2001:db8::1 [4500]; isakmp 192.0.2.2;\n"
	"  isakmp_natt 192.0.2.3; strict_address; adminsock \"/run/r.sock\" \"root\" \"operator\" 0660; }\n"
	"timer { counter 7; interval 3 min; persend 2; phase1 1 hour; phase2 45 seconds; natt_keepalive 0 sec; }\n"
	"remote \"base\" {\n"
	"  remote_address 192.0.2.10 [500];\n"
	"  exchange_mode aggressive main,base;\n"
	"  doi ipsec_doi; situation identity_only;\n"
	"  my_identifier fqdn \"gw.example.org\";\n"
	"  peers_identifier user_fqdn \"peer@example.org\";\n"
	"  peers_identifier keyid tag \"tag1\";\n"
	"  peers_identifier keyid file \"kid.bin\";\n"
	"  peers_identifier keyid \"kid2.bin\";\n"
	"  peers_identifier address 192.0.2.10;\n"
	"  peers_identifier subnet 192.0.2.0/24;\n"
	"  peers_identifier asn1dn \"C=FR, O=Ex\\, Inc, CN=\\41b\";\n"
	"  verify_identifier on;\n"
	"  xauth_login \"bob\";\n"
	"  certificate_type x509 \"c.pem\" \"k.pem\";\n"
	"  peers_certfile x509 \"peer.pem\";\n"
	"  ca_type x509 \"ca.pem\";\n"
	"  verify_cert off; send_cert off; send_cr off; match_empty_cr on; mode_cfg on; weak_phase1_check on;\n"
	"  lifetime time 2 hours;\n"
	"  nonce_size 32;\n"
	"  dh_group modp1536;\n"
	"  passive on; ike_frag force; esp_frag 1400;\n"
	"  script \"up.sh\" phase1_up; script \"down.sh\" phase1_down; script \"dead.sh\" phase1_dead;\n"
	"  generate_policy unique; support_proxy on; initial_contact off; nat_traversal force;\n"
	"  dpd off; dpd_delay 30; dpd_retry 3; dpd_maxfail 7; rekey force; proposal_check exact; ph1id 9;\n"
	"  proposal { encryption_algorithm 3des; hash_algorithm sha256; authentication_method pre_shared_key; dh_group 5; }\n"
	"  proposal { encryption_algorithm camellia 256; hash_algorithm sha2_512; authentication_method rsasig;\n"
	"             dh_group modp1536; lifetime time 30 min; gss_id \"g\"; }\n"
	"}\n"
	"remote \"child\" inherit \"base\" { remote_address 192.0.2.11; proposal_check claim; }\n"
	"remote \"child2\" inherit \"base\";\n"
	"remote 2001:db8::5 [4500] inherit \"base\" { exchange_mode main; peers_identifier fqdn \"x.example\";\n"
	"  proposal { encryption_algorithm aes 128; hash_algorithm md5; authentication_method pre_shared_key; dh_group modp8192; } }\n"
	"remote anonymous [500] { exchange_mode main; ike_frag on; nat_traversal on; rekey off; generate_policy require;\n"
	"  my_identifier address 192.0.2.1; peers_certfile plain_rsa \"pub.key\"; certificate_type plain_rsa \"priv.key\";\n"
	"  proposal { encryption_algorithm blowfish 448; hash_algorithm sha384; authentication_method xauth_psk_client; dh_group 18; } }\n"
	"remote \"dnssec\" { exchange_mode base; peers_certfile dnssec; my_identifier asn1dn \"CN=me\";\n"
	"  proposal { encryption_algorithm des; hash_algorithm sha512; authentication_method gssapi_krb; dh_group 1; } }\n"
	"sainfo address 10.0.0.0/8 [any] tcp subnet 10.1.0.0/16 [80] 6 from fqdn \"peer.example.org\" group \"staff\" {\n"
	"  pfs_group modp3072; lifetime time 10 min;\n"
	"  encryption_algorithm aes 256, 3des, null_enc, twofish 192;\n"
	"  authentication_algorithm hmac_sha256, hmac_sha512, non_auth, hmac_sha2_384;\n"
	"  compression_algorithm deflate, lzs; remoteid 9; }\n"
	"sainfo anonymous clientaddr " SPECS "\n"
	"sainfo anonymous address 10.9.0.1-10.9.0.9 any " SPECS "\n"
	"sainfo address ::1 [any] icmp6 anonymous " SPECS "\n"
	"sainfo subnet fe80::/10 any clientaddr " SPECS "\n"
	"sainfo fqdn \"a.example\" user_fqdn \"b@example\" " SPECS "\n"
	"sainfo anonymous from address 192.0.2.99 " SPECS "\n"
	"sainfo anonymous from asn1dn \"CN=*\" ; ; " SPECS "\n"
	"mode_cfg { network4 10.8.0.0; netmask4 255.255.255.0; pool_size 100; dns4 10.8.0.1, 10.8.0.2;\n"
	"  nbns4 10.8.0.3; split_network include 10.0.0.0/8, 172.16.0.0/12; split_dns \"ex.org\", \"ex.net\";\n"
	"  default_domain \"ex.org\"; auth_source pam; auth_groups \"g1\", \"g2\"; group_source system;\n"
	"  conf_source local; accounting radius; banner \"/etc/motd\"; auth_throttle 5; pfs_group 2;\n"
	"  save_passwd on; }\n";

static void test_every_keyword(void **state)
{
	struct rc_conf *c = load_ok(everything);
	const struct rc_remote *r = c->remotes, *child, *child2, *v6, *anon, *dns;
	const struct rc_id *id;
	const struct rc_ph1_proposal *p;
	const struct rc_sainfo *s;
	const struct rc_listen_addr *l;

	assert_string_equal(c->path[RC_PATH_INCLUDE], "/nonexistent/inc");
	assert_string_equal(c->path[RC_PATH_PSK], "/etc/racoon/psk.txt");
	assert_string_equal(c->path[RC_PATH_PIDFILE], "/run/r.pid");
	assert_int_equal(c->log, RC_LOG_DEBUG2);
	assert_true(c->privsep.set);
	assert_string_equal(c->privsep.user, "racoon");
	assert_null(c->privsep.group);
	assert_int_equal(c->privsep.gid, 100);
	assert_string_equal(c->privsep.chroot, "/var/empty");
	assert_int_equal(c->pfkey_buffer, 2048);
	assert_int_equal(c->gss_id_enc, RC_GSS_LATIN1);
	assert_false(c->complex_bundle);
	assert_int_equal(c->padding.maximum_length, 40);
	assert_true(c->padding.strict_check);
	l = c->listen.addrs;
	assert_addr(&l->addr, "192.0.2.1");
	assert_int_equal(l->port, 7000);
	l = l->next;
	assert_true(l->natt);
	assert_int_equal(l->port, 4500);
	l = l->next;
	assert_int_equal(l->port, 500);
	l = l->next;
	assert_true(l->natt);
	assert_int_equal(l->port, 4500);
	assert_null(l->next);
	assert_true(c->listen.strict_address);
	assert_string_equal(c->listen.adminsock_path, "/run/r.sock");
	assert_string_equal(c->listen.adminsock_group, "operator");
	assert_int_equal(c->listen.adminsock_mode, 0660);
	assert_int_equal(c->timer.counter, 7);
	assert_int_equal(c->timer.interval, 180);
	assert_int_equal(c->timer.persend, 2);
	assert_int_equal(c->timer.phase1, 3600);
	assert_int_equal(c->timer.phase2, 45);
	assert_int_equal(c->timer.natt_keepalive, 0);

	assert_int_equal(count_remotes(c), 6);
	assert_string_equal(r->name, "base");
	assert_int_equal(r->kind, RC_REMOTE_NAMED);
	assert_true(r->has_address);
	assert_addr(&r->address, "192.0.2.10");
	assert_int_equal(r->port, 500);
	assert_int_equal(r->n_xchg, 3);
	assert_int_equal(r->xchg[0], IKE_XCHG_AGGRESSIVE);
	assert_int_equal(r->xchg[1], IKE_XCHG_MAIN);
	assert_int_equal(r->xchg[2], IKE_XCHG_BASE);
	assert_int_equal(r->my_id.type, RC_ID_FQDN);
	assert_string_equal(r->my_id.value, "gw.example.org");
	id = r->peers_ids;
	assert_int_equal(id->type, RC_ID_USER_FQDN);
	id = id->next;
	assert_int_equal(id->type, RC_ID_KEYID_TAG);
	assert_string_equal(id->value, "tag1");
	id = id->next;
	assert_int_equal(id->type, RC_ID_KEYID);
	assert_string_equal(id->value, "kid.bin");
	id = id->next;
	assert_int_equal(id->type, RC_ID_KEYID);
	assert_string_equal(id->value, "kid2.bin");
	id = id->next;
	assert_int_equal(id->type, RC_ID_ADDRESS);
	assert_addr(&id->addr, "192.0.2.10");
	id = id->next;
	assert_int_equal(id->type, RC_ID_SUBNET);
	assert_int_equal(id->prefixlen, 24);
	id = id->next;
	assert_int_equal(id->type, RC_ID_ASN1DN);
	assert_int_equal(id->n_rdns, 3);
	assert_string_equal(id->rdns[1].value, "Ex, Inc");       /* RFC 4514 escape */
	assert_string_equal(id->rdns[2].value, "Ab");            /* \41 = 'A' */
	assert_null(id->next);
	assert_true(r->verify_identifier);
	assert_string_equal(r->xauth_login, "bob");
	assert_string_equal(r->cert_file, "c.pem");
	assert_int_equal(r->peers_cert_type, RC_PEERCERT_X509);
	assert_string_equal(r->peers_certfile, "peer.pem");
	assert_string_equal(r->ca_file, "ca.pem");
	assert_false(r->verify_cert);
	assert_false(r->send_cert);
	assert_false(r->send_cr);
	assert_true(r->match_empty_cr);
	assert_true(r->mode_cfg);
	assert_true(r->weak_phase1_check);
	assert_int_equal(r->lifetime, 7200);
	assert_int_equal(r->nonce_size, 32);
	assert_int_equal(r->dh_group, IKE_DH_MODP1536);
	assert_true(r->passive);
	assert_int_equal(r->ike_frag, RC_FORCE);
	assert_int_equal(r->esp_frag, 1400);
	assert_string_equal(r->script[RC_SCRIPT_PHASE1_UP], "up.sh");
	assert_string_equal(r->script[RC_SCRIPT_PHASE1_DOWN], "down.sh");
	assert_string_equal(r->script[RC_SCRIPT_PHASE1_DEAD], "dead.sh");
	assert_int_equal(r->generate_policy, RC_GENPOL_UNIQUE);
	assert_true(r->support_proxy);
	assert_false(r->initial_contact);
	assert_int_equal(r->nat_traversal, RC_FORCE);
	assert_false(r->dpd);
	assert_int_equal(r->dpd_delay, 30);
	assert_int_equal(r->dpd_retry, 3);
	assert_int_equal(r->dpd_maxfail, 7);
	assert_int_equal(r->rekey, RC_FORCE);
	assert_int_equal(r->proposal_check, RC_PC_EXACT);
	assert_int_equal(r->ph1id, 9);
	p = r->proposals;
	assert_int_equal(p->enc, IKE_P1_ENC_3DES);
	assert_int_equal(p->hash, IKE_P1_HASH_SHA256);
	assert_int_equal(p->dh_group, IKE_DH_MODP1536);
	assert_int_equal(p->lifetime, 7200);               /* the remote's, set after it */
	p = p->next;
	assert_int_equal(p->enc, IKE_P1_ENC_CAMELLIA);
	assert_int_equal(p->keylen, 256);
	assert_int_equal(p->hash, IKE_P1_HASH_SHA512);
	assert_int_equal(p->auth, IKE_P1_AUTH_RSASIG);
	assert_int_equal(p->lifetime, 1800);
	assert_string_equal(p->gss_id, "g");

	/* inherit: a copy of the parent, then the child's own statements. */
	child = r->next;
	assert_string_equal(child->inherit, "base");
	assert_addr(&child->address, "192.0.2.11");
	assert_int_equal(child->port, 0);
	assert_int_equal(child->proposal_check, RC_PC_CLAIM);
	assert_int_equal(child->ph1id, 9);
	assert_string_equal(child->cert_file, "c.pem");
	assert_non_null(child->proposals->next);
	child2 = child->next;
	assert_string_equal(child2->name, "child2");
	assert_int_equal(child2->proposal_check, RC_PC_EXACT);
	v6 = child2->next;
	assert_int_equal(v6->kind, RC_REMOTE_ADDRESS);
	assert_int_equal(v6->port, 4500);
	assert_string_equal(v6->name, "2001:db8::5[4500]");
	assert_int_equal(v6->n_xchg, 1);
	/* A child's own proposals and peers_identifiers replace the parent's. */
	assert_null(v6->proposals->next);
	assert_int_equal(v6->proposals->dh_group, IKE_DH_MODP8192);
	assert_int_equal(v6->proposals->hash, IKE_P1_HASH_MD5);
	assert_int_equal(v6->peers_ids->type, RC_ID_FQDN);
	assert_null(v6->peers_ids->next);
	assert_true(v6->passive);
	anon = v6->next;
	assert_int_equal(anon->kind, RC_REMOTE_ANONYMOUS);
	assert_int_equal(anon->port, 500);
	assert_int_equal(anon->ike_frag, RC_ON);
	assert_int_equal(anon->nat_traversal, RC_ON);
	assert_int_equal(anon->rekey, RC_OFF);
	assert_int_equal(anon->generate_policy, RC_GENPOL_ON);
	assert_addr(&anon->my_id.addr, "192.0.2.1");
	assert_int_equal(anon->peers_cert_type, RC_PEERCERT_PLAIN_RSA);
	assert_int_equal(anon->cert_type, RC_CERT_PLAIN_RSA);
	assert_string_equal(anon->key_file, "priv.key");
	assert_null(anon->cert_file);
	assert_int_equal(anon->proposals->keylen, 448);
	assert_int_equal(anon->proposals->auth, IKE_P1_AUTH_XAUTH_PSK_I);
	assert_int_equal(anon->proposals->dh_group, IKE_DH_MODP8192);
	dns = anon->next;
	assert_int_equal(dns->peers_cert_type, RC_PEERCERT_DNSSEC);
	assert_int_equal(dns->xchg[0], IKE_XCHG_BASE);
	assert_int_equal(dns->proposals->auth, IKE_P1_AUTH_GSSAPI_KRB);
	assert_int_equal(dns->proposals->dh_group, IKE_DH_MODP768);

	assert_int_equal(count_sainfos(c), 8);
	s = c->sainfos;
	assert_int_equal(s->local.ulproto, 6);
	assert_int_equal(s->local.port, 0);
	assert_true(s->remote.subnet_kw);
	assert_int_equal(s->remote.port, 80);
	assert_int_equal(s->remote.prefix.len, 16);
	assert_int_equal(s->from.type, RC_ID_FQDN);
	assert_string_equal(s->group, "staff");
	assert_int_equal(s->pfs_group, IKE_DH_MODP3072);
	assert_int_equal(s->lifetime, 600);
	assert_int_equal(s->n_enc, 4);
	assert_int_equal(s->enc[0].keylen, 256);
	assert_int_equal(s->enc[1].id, IPSEC_ESP_3DES);
	assert_int_equal(s->enc[2].id, IPSEC_ESP_NULL);
	assert_int_equal(s->enc[3].id, IPSEC_ESP_TWOFISH);
	assert_int_equal(s->n_auth, 4);
	assert_int_equal(s->auth[0].id, IPSEC_AUTH_HMAC_SHA256);
	assert_int_equal(s->auth[1].id, IPSEC_AUTH_HMAC_SHA512);
	assert_int_equal(s->auth[2].id, IPSEC_AUTH_NONE);
	assert_int_equal(s->auth[3].id, IPSEC_AUTH_HMAC_SHA384);
	assert_int_equal(s->comp[1].id, IPSEC_IPCOMP_LZS);
	assert_true(s->has_remoteid);
	assert_int_equal(s->remoteid, 9);
	s = s->next;
	assert_int_equal(s->local.kind, RC_SAID_ANONYMOUS);
	assert_int_equal(s->remote.kind, RC_SAID_CLIENTADDR);
	s = s->next;
	assert_true(s->remote.is_range);
	assert_addr(&s->remote.range_end, "10.9.0.9");
	s = s->next;
	assert_int_equal(s->local.ulproto, 58);
	assert_int_equal(s->remote.kind, RC_SAID_ANONYMOUS);
	s = s->next;
	assert_int_equal(s->local.prefix.len, 10);
	assert_int_equal(s->remote.kind, RC_SAID_CLIENTADDR);
	s = s->next;
	assert_int_equal(s->local.kind, RC_SAID_NAME);
	assert_int_equal(s->local.idtype, RC_ID_FQDN);
	assert_string_equal(s->remote.value, "b@example");
	s = s->next;
	assert_int_equal(s->from.type, RC_ID_ADDRESS);
	s = s->next;
	assert_true(s->from.rdns[0].wildcard);

	assert_true(c->mode_cfg.set);
	assert_addr(&c->mode_cfg.network4, "10.8.0.0");
	assert_int_equal(c->mode_cfg.pool_size, 100);
	assert_int_equal(c->mode_cfg.n_dns4, 2);
	assert_int_equal(c->mode_cfg.n_wins4, 1);
	assert_int_equal(c->mode_cfg.n_split_network, 2);
	assert_int_equal(c->mode_cfg.split_network[1].len, 12);
	assert_int_equal(c->mode_cfg.n_split_dns, 2);
	assert_string_equal(c->mode_cfg.auth_source, "pam");
	assert_int_equal(c->mode_cfg.n_auth_groups, 2);
	assert_string_equal(c->mode_cfg.accounting, "radius");
	assert_int_equal(c->mode_cfg.auth_throttle, 5);
	assert_int_equal(c->mode_cfg.pfs_group, 2);
	assert_true(c->mode_cfg.save_passwd);

	assert_roundtrip(c);
	rc_conf_free(c);
}

static void test_time_units(void **state)
{
	static const struct { const char *unit; unsigned mult; } u[] = {
		{ "sec", 1 }, { "secs", 1 }, { "second", 1 }, { "seconds", 1 }, { "min", 60 },
		{ "mins", 60 }, { "minute", 60 }, { "minutes", 60 }, { "hour", 3600 }, { "hours", 3600 },
	};
	for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
		char text[128];
		struct rc_conf *c;
		snprintf(text, sizeof text, "timer { phase1 3 %s; }", u[i].unit);
		c = load_ok(text);
		assert_int_equal(c->timer.phase1, 3 * u[i].mult);
		rc_conf_free(c);
	}
}

static void test_dh_names_and_numbers(void **state)
{
	static const struct { const char *w; unsigned g; } t[] = {
		{ "modp768", 1 }, { "modp1024", 2 }, { "modp1536", 5 }, { "modp2048", 14 },
		{ "modp3072", 15 }, { "modp4096", 16 }, { "modp6144", 17 }, { "modp8192", 18 },
		{ "1", 1 }, { "2", 2 }, { "5", 5 }, { "14", 14 }, { "15", 15 }, { "16", 16 },
		{ "17", 17 }, { "18", 18 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char text[256];
		struct rc_conf *c;
		snprintf(text, sizeof text, "sainfo anonymous { pfs_group %s; encryption_algorithm aes; "
			 "authentication_algorithm hmac_sha1; compression_algorithm deflate; }", t[i].w);
		c = load_ok(text);
		assert_int_equal(c->sainfos->pfs_group, t[i].g);
		rc_conf_free(c);
	}
}

/* ---------------- errors: where and what ---------------- */

#define R_OPEN "remote anonymous {\nexchange_mode main;\n"
#define P_OPEN "proposal {\nencryption_algorithm aes;\nhash_algorithm sha1;\n" \
	       "authentication_method pre_shared_key;\n"

static void test_errors(void **state)
{
	/* lexical */
	expect_error("path certificate \"/etc\n;", 1, 18, "unterminated string");
	expect_error("log info; @", 1, 11, "unexpected character '@'");
	expect_error("pfkey_buffer 99999999999;", 1, 14, "below 2^32");
	expect_error("listen { isakmp 1.2.3.4 [70000]; }", 1, 25, "port [70000] out of range");
	expect_error("sainfo address 10.0.0.0/200 any anonymous " SPECS, 1, 24, "prefix length");
	/* syntax, with what was expected */
	expect_error(R_OPEN "lifetime time 1 hour\nproposal {}\n}", 4, 1,
		     "unexpected 'proposal', expecting ';'");
	expect_error("remote anonymous {", 1, 19, "unexpected end of file");
	expect_error("timer { counter; }", 1, 16, "unexpected ';', expecting number");
	expect_error("foo;", 1, 1, "unexpected word 'foo'");
	expect_error("remote anonymous { exchange_mode main; keepalive; }", 1, 40,
		     "unexpected word 'keepalive'");
	expect_error("remote anonymous { exchange_mode 0x12; }", 1, 34, "unexpected hex string '0x12'");
	/* values */
	expect_error("log loud;", 1, 5, "expected a log level");
	expect_error("complex_bundle maybe;", 1, 16, "expected on or off");
	expect_error("timer {\n counter 0;\n}", 2, 10, "counter 0 out of range");
	expect_error("timer { interval 10 parsecs; }", 1, 18, "expected a time unit");
	expect_error("path nowhere \"/x\";", 1, 6, "expected a path type");
	expect_error("gss_id_enc utf-8;", 1, 12, "expected utf-16le or latin1");
	expect_error("listen { isakmp 1.2.3.999; }", 1, 17, "not a numeric IPv4 or IPv6 address");
	expect_error("listen { adminsock maybe; }", 1, 20, "disabled");
	expect_error(R_OPEN "exchange_mode main, quick;\n" PROP "}", 3, 21, "expected an exchange mode");
	expect_error(R_OPEN "exchange_mode main main;\n" PROP "}", 3, 20, "listed twice");
	expect_error(R_OPEN "doi foo;\n" PROP "}", 3, 5, "ipsec_doi");
	expect_error(R_OPEN "situation secrecy;\n" PROP "}", 3, 11, "not supported");
	expect_error(R_OPEN "my_identifier fqdn;\n" PROP "}", 3, 15, "needs a quoted name");
	expect_error(R_OPEN "my_identifier dns \"x\";\n" PROP "}", 3, 15, "expected an identifier type");
	expect_error(R_OPEN "peers_identifier asn1dn \"C=FR, CN\";\n" PROP "}", 3, 18, "expected '='");
	expect_error(R_OPEN "peers_identifier asn1dn \"CN=a\\qb\";\n" PROP "}", 3, 18, "bad escape");
	expect_error(R_OPEN "peers_identifier asn1dn \"CN=\";\n" PROP "}", 3, 18, "empty attribute value");
	expect_error(R_OPEN "certificate_type x509 \"c.pem\";\n" PROP "}", 3, 18, "private key");
	expect_error(R_OPEN "certificate_type pgp \"c\" \"k\";\n" PROP "}", 3, 18, "x509 or plain_rsa");
	expect_error(R_OPEN "ike_frag sometimes;\n" PROP "}", 3, 10, "on, off or force");
	expect_error(R_OPEN "generate_policy always;\n" PROP "}", 3, 17, "unique");
	expect_error(R_OPEN "proposal_check loose;\n" PROP "}", 3, 16, "obey, strict, claim or exact");
	expect_error(R_OPEN "script \"a.sh\" phase2_up;\n" PROP "}", 3, 15, "phase1_up");
	expect_error(R_OPEN "nonce_size 4;\n" PROP "}", 3, 12, "nonce_size 4 out of range");
	expect_error(R_OPEN "lifetime byte 100 KB;\n" PROP "}", 3, 10, "deprecated");
	expect_error(R_OPEN "lifetime time 0 sec;\n" PROP "}", 3, 10, "must not be zero");
	expect_error(R_OPEN P_OPEN "dh_group 19;\n}\n}", 7, 10, "unknown DH group 19");
	expect_error(R_OPEN P_OPEN "dh_group modp9999;\n}\n}", 7, 10, "unknown DH group 'modp9999'");
	expect_error(R_OPEN P_OPEN "dh_group 3;\n}\n}", 7, 10, "not implemented");
	expect_error(R_OPEN P_OPEN "dh_group ec2n185;\n}\n}", 7, 10, "not implemented");
	expect_error(R_OPEN "proposal {\nencryption_algorithm aes 100;\n}\n}", 4, 26,
		     "key length 100 is not valid for aes");
	expect_error(R_OPEN "proposal {\nencryption_algorithm 3des 128;\n}\n}", 4, 27,
		     "key length 128 is not valid for 3des");
	expect_error(R_OPEN "proposal {\nencryption_algorithm rot13;\n}\n}", 4, 22,
		     "unknown phase 1 encryption algorithm 'rot13'");
	expect_error(R_OPEN "proposal {\nhash_algorithm crc32;\n}\n}", 4, 16, "unknown hash");
	expect_error(R_OPEN "proposal {\nauthentication_method rsaenc;\n}\n}", 4, 23, "not usable");
	expect_error(R_OPEN "proposal {\nauthentication_method magic;\n}\n}", 4, 23,
		     "unknown authentication method");
	expect_error("sainfo anonymous {\nencryption_algorithm aes 100;\n}", 2, 26, "key length 100");
	expect_error("sainfo anonymous {\nauthentication_algorithm hmac_sha1 160;\n}", 2, 36, "key length 160");
	expect_error("sainfo anonymous {\nencryption_algorithm foo;\n}", 2, 22,
		     "unknown encryption algorithm 'foo'");
	expect_error("sainfo anonymous {\ncompression_algorithm zstd;\n}", 2, 23,
		     "unknown compression algorithm");
	expect_error("sainfo address 10.0.0.1 [any] bogus anonymous " SPECS, 1, 31,
		     "expected an upper-layer protocol");
	expect_error("sainfo address 10.0.0.1 300 anonymous " SPECS, 1, 25, "protocol number 300");
	expect_error("sainfo address 10.0.0.9-10.0.0.1 any anonymous " SPECS, 1, 16, "ends before");
	expect_error("sainfo address 10.0.0.1-::1 any anonymous " SPECS, 1, 16, "families");
	expect_error("sainfo dns \"x\" anonymous " SPECS, 1, 8, "expected address, subnet");
	expect_error("remote \"a\" inherit \"nope\" { exchange_mode main; " PROP " }", 1, 8,
		     "no remote \"nope\" defined before");
	expect_error("mode_cfg { auth_source kerberos; }", 1, 24, "not a valid value");
	expect_error("mode_cfg { dns4 2001:db8::1; }", 1, 17, "IPv4 addresses only");
	{
		struct rc_load_opts o = { .flags = RC_LOAD_NO_INCLUDE };
		struct rc_diags d = { 0 };
		assert_null(load_opts("include \"x\";", &o, &d));
		assert_true(has_diag(&d, 1, 9, "include is not allowed here"));
		rc_diags_free(&d);
	}
}

/* Semantic errors found after reading: all of them, each at its block. */
static void test_semantic_errors(void **state)
{
	expect_error("remote anonymous {\n" PROP "\n}", 1, 8, "exchange_mode is missing");
	expect_error("remote anonymous {\nexchange_mode main;\n}", 1, 8, "no proposal");
	expect_error(R_OPEN "my_identifier asn1dn;\n" PROP "\n}", 3, 15,
		     "asn1dn without a DN needs certificate_type x509");
	expect_error("remote anonymous {\nexchange_mode aggressive;\n" PROP "\n"
		     "proposal { encryption_algorithm aes; hash_algorithm sha1; "
		     "authentication_method pre_shared_key; dh_group 14; }\n}", 4, 1, "same DH group");
	expect_error(R_OPEN "proposal { encryption_algorithm aes; hash_algorithm sha1; "
		     "authentication_method rsasig; dh_group 14; }\n}", 3, 1, "rsasig needs certificate_type");
	expect_error(R_OPEN "peers_identifier asn1dn;\n" PROP "\n}", 3, 18,
		     "peer's certificate");
	expect_error(R_OPEN "proposal {\nencryption_algorithm aes;\n}\n}", 3, 1, "without hash_algorithm");
	expect_error("sainfo anonymous { encryption_algorithm aes; authentication_algorithm hmac_sha1; }",
		     1, 1, "without compression_algorithm");
	expect_error("sainfo anonymous " SPECS "\nsainfo anonymous " SPECS, 2, 1, "duplicated sainfo");
	expect_error(R_OPEN PROP "\n}\nremote anonymous { exchange_mode main; " PROP " }", 5, 8,
		     "already defined");

	/* Every problem is reported, not only the first. */
	{
		struct rc_diags d = { 0 };
		struct rc_conf *c = load_opts(
			"remote \"a\" { remote_address 192.0.2.1; proposal { encryption_algorithm aes; } }\n"
			"remote \"b\" { remote_address 192.0.2.2; exchange_mode aggressive;\n"
			"  my_identifier asn1dn; " PROP "\n"
			"  proposal { encryption_algorithm aes; hash_algorithm sha1; "
			"authentication_method pre_shared_key; dh_group 5; } }\n"
			"sainfo anonymous { encryption_algorithm aes; }\n", NULL, &d);
		assert_null(c);
		/* a: no exchange_mode, no hash, no auth, no dh; b: asn1dn, DH groups;
		 * sainfo: no auth, no comp. */
		assert_int_equal(d.n_errors, 8);
		assert_true(has_diag(&d, 1, 8, "exchange_mode is missing"));
		assert_true(has_diag(&d, 1, 40, "without dh_group"));
		assert_true(has_diag(&d, 3, 17, "asn1dn"));
		assert_true(has_diag(&d, 4, 3, "same DH group"));
		assert_true(has_diag(&d, 5, 1, "without authentication_algorithm"));
		rc_diags_free(&d);
	}
	/* A bad value and an unrelated semantic error: both, in one run; and
	 * a refused value is not reported again as missing. */
	{
		struct rc_diags d = { 0 };
		struct rc_conf *c = load_opts("log loud;\nremote anonymous {\n" P_OPEN "dh_group 99;\n}\n}\n",
					      NULL, &d);
		assert_null(c);
		assert_int_equal(d.n_errors, 3);
		assert_true(has_diag(&d, 1, 5, "expected a log level"));
		assert_true(has_diag(&d, 2, 8, "exchange_mode is missing"));
		assert_true(has_diag(&d, 7, 10, "unknown DH group 99"));
		rc_diags_free(&d);
	}
	/* Several bad values in one run, too. */
	{
		struct rc_diags d = { 0 };
		struct rc_conf *c = load_opts("log loud;\ncomplex_bundle maybe;\ntimer { counter 0; }\n", NULL, &d);
		assert_null(c);
		assert_int_equal(d.n_errors, 3);
		rc_diags_free(&d);
	}
}

/* ---------------- include ---------------- */

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int make_tmpdir(void **state)
{
	char cmd[128];
	strcpy(tmpdir, "/tmp/racoond-conf-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(cmd, sizeof cmd, "%s/sub", tmpdir);
	assert_int_equal(mkdir(cmd, 0700), 0);
	return 0;
}

static int remove_tmpdir(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct rc_conf *load_tmp(const char *name, unsigned flags, struct rc_diags *d)
{
	char path[256];
	struct rc_load_opts o = { .flags = flags };
	struct rc_conf *c = NULL;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	rc_conf_load_file(path, &o, &c, d);
	return c;
}

static void test_include(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c;
	char text[512];

	write_file("sub/a.conf", "sainfo address 10.0.0.1 any anonymous " SPECS "\n");
	write_file("sub/b.conf", "sainfo address 10.0.0.2 any anonymous " SPECS "\n");
	write_file("sub/skip.txt", "garbage\n");
	/* A relative pattern is taken from the including file's directory. */
	write_file("main.conf", "include \"sub/*.conf\";\nlog debug;\n");
	c = load_tmp("main.conf", 0, &d);
	assert_non_null(c);
	assert_int_equal(count_sainfos(c), 2);                /* glob, in order */
	assert_addr(&c->sainfos->local.prefix.addr, "10.0.0.1");
	assert_int_equal(c->log, RC_LOG_DEBUG);
	assert_int_equal(c->n_files, 3);
	rc_conf_free(c);

	/* ... or from "path include". */
	snprintf(text, sizeof text, "path include \"%s/sub\";\ninclude \"a.conf\";\n", tmpdir);
	write_file("withpath.conf", text);
	c = load_tmp("withpath.conf", 0, &d);
	assert_non_null(c);
	assert_int_equal(count_sainfos(c), 1);
	rc_conf_free(c);

	/* An absolute one as is. */
	snprintf(text, sizeof text, "include \"%s/sub/b.conf\";\n", tmpdir);
	write_file("abs.conf", text);
	c = load_tmp("abs.conf", 0, &d);
	assert_non_null(c);
	assert_addr(&c->sainfos->local.prefix.addr, "10.0.0.2");
	rc_conf_free(c);
	assert_int_equal(d.n_errors, 0);

	/* No match is an error at the include statement. */
	write_file("nomatch.conf", "\n  include \"sub/none*.conf\";\n");
	c = load_tmp("nomatch.conf", 0, &d);
	assert_null(c);
	assert_true(has_diag(&d, 2, 11, "no file matches"));
	rc_diags_free(&d);

	/* An error in an included file names that file. */
	write_file("sub/bad.inc", "\nlog loud;\n");
	write_file("inc-bad.conf", "include \"sub/bad.inc\";\n");
	c = load_tmp("inc-bad.conf", 0, &d);
	assert_null(c);
	assert_non_null(d.head);
	assert_non_null(strstr(d.head->file, "sub/bad.inc"));
	assert_int_equal(d.head->line, 2);
	assert_int_equal(d.head->col, 5);
	rc_diags_free(&d);

	/* An include loop stops at a depth limit. */
	write_file("loop.conf", "include \"loop.conf\";\n");
	c = load_tmp("loop.conf", 0, &d);
	assert_null(c);
	assert_true(has_diag(&d, 1, 9, "nested deeper"));
	rc_diags_free(&d);

	/* A missing main file. */
	c = load_tmp("missing.conf", 0, &d);
	assert_null(c);
	assert_non_null(strstr(d.head->msg, "No such file"));
	rc_diags_free(&d);
}

/* ---------------- file checks ---------------- */

/* A remote naming a certificate, a key and a CA under certdir. */
static void write_cert_conf(const char *name, const char *certdir, const char *ca)
{
	char text[1024];
	snprintf(text, sizeof text,
		 "path certificate \"%s\";\n"
		 "remote anonymous { exchange_mode main; my_identifier asn1dn;\n"
		 "  certificate_type x509 \"me.crt\" \"me.key\"; ca_type x509 \"%s\";\n"
		 "  proposal { encryption_algorithm aes; hash_algorithm sha1; "
		 "authentication_method rsasig; dh_group 14; } }\n", certdir, ca);
	write_file(name, text);
}

static void test_file_checks(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c;
	char dir[128];

	write_file("sub/me.crt", "cert\n");
	write_file("sub/me.key", "key\n");
	write_file("sub/ca.pem", "ca\n");

	/* Relative names resolve against "path certificate". */
	snprintf(dir, sizeof dir, "%s/sub", tmpdir);
	write_cert_conf("files-ok.conf", dir, "ca.pem");
	c = load_tmp("files-ok.conf", RC_LOAD_CHECK_FILES, &d);
	if (!c)
		rc_diags_print(&d, stderr);
	assert_non_null(c);
	{
		char p[512], want[512];
		assert_int_equal(rc_conf_path(c, RC_PATH_CERT, "me.key", p, sizeof p), 0);
		snprintf(want, sizeof want, "%s/sub/me.key", tmpdir);
		assert_string_equal(p, want);
		assert_int_equal(rc_conf_path(c, RC_PATH_CERT, "/abs/x", p, sizeof p), 0);
		assert_string_equal(p, "/abs/x");
	}
	rc_conf_free(c);

	/* A missing CA file, and a directory where the key should be. */
	write_cert_conf("files-bad.conf", dir, "nope.pem");
	c = load_tmp("files-bad.conf", RC_LOAD_CHECK_FILES, &d);
	assert_null(c);
	assert_int_equal(d.n_errors, 1);
	assert_true(has_diag(&d, 3, 52, "nope.pem: No such file"));
	rc_diags_free(&d);
	/* Without the flag (the seeds' case), files are not looked at. */
	c = load_tmp("files-bad.conf", 0, &d);
	assert_non_null(c);
	rc_conf_free(c);

	write_cert_conf("files-dir.conf", tmpdir, "sub");
	c = load_tmp("files-dir.conf", RC_LOAD_CHECK_FILES, &d);
	assert_null(c);
	/* me.crt, me.key missing in tmpdir, and "sub" is a directory: all three. */
	assert_int_equal(d.n_errors, 3);
	assert_true(has_diag(&d, 3, 52, "not a regular file"));
	rc_diags_free(&d);

	/* Unreadable (only meaningful when not root). */
	if (geteuid() != 0) {
		char p[256];
		snprintf(p, sizeof p, "%s/sub/ca.pem", tmpdir);
		chmod(p, 0);
		c = load_tmp("files-ok.conf", RC_LOAD_CHECK_FILES, &d);
		assert_null(c);
		assert_true(has_diag(&d, 3, 52, "Permission denied"));
		rc_diags_free(&d);
		chmod(p, 0600);
	}

	/* pre_shared_key needs its file. */
	write_file("psk.conf", "remote anonymous { exchange_mode main; " PROP " }\n");
	c = load_tmp("psk.conf", RC_LOAD_CHECK_FILES, &d);
	assert_null(c);
	assert_true(has_diag(&d, 0, 0, "path pre_shared_key"));
	rc_diags_free(&d);
}

/* ---------------- support ---------------- */

static void test_support(void **state)
{
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_ok("remote anonymous { exchange_mode main; " PROP " }\n"
				    "sainfo anonymous " SPECS "\n");
	assert_int_equal(rc_conf_check_support(c, &d), 0);
	assert_int_equal(d.n_errors, 0);
	rc_conf_free(c);

	c = load_ok("remote anonymous { exchange_mode main; xauth_login \"u\"; mode_cfg on;\n"
		    "proposal { encryption_algorithm aes; hash_algorithm tiger; "
		    "authentication_method gssapi_krb; dh_group 2; } }\n"
		    "sainfo anonymous group \"g\" { encryption_algorithm rc4; authentication_algorithm kpdk; "
		    "compression_algorithm oui; }\n"
		    "mode_cfg { pool_size 10; }\nldapcfg { host \"x\"; port 389; }\n");
	assert_int_equal(rc_conf_check_support(c, &d), -EINVAL);
	/* tiger, gssapi_krb, mode_cfg on, xauth_login, rc4, kpdk, oui, group,
	 * mode_cfg {}, ldapcfg {} */
	assert_int_equal(d.n_errors, 10);
	assert_true(has_diag(&d, 2, 1, "tiger"));
	assert_true(has_diag(&d, 2, 1, "gssapi_krb is parsed but not implemented"));
	assert_true(has_diag(&d, 4, 1, "mode_cfg {} (ModeCfg server) is not implemented"));
	assert_true(has_diag(&d, 5, 1, "ldapcfg"));
	rc_diags_free(&d);
	rc_conf_free(c);
}

static void test_kernel_algs(void **state)
{
	struct rc_kernel_algs k = { 0 };
	struct rc_diags d = { 0 };
	struct rc_conf *c = load_ok("sainfo anonymous { encryption_algorithm aes 256, 3des, blowfish;\n"
				    "authentication_algorithm hmac_sha1, hmac_sha512, non_auth;\n"
				    "compression_algorithm deflate; }\n");

	k.esp[IPSEC_ESP_AES] = (struct rc_kernel_alg){ true, 128, 256 };
	k.esp[IPSEC_ESP_3DES] = (struct rc_kernel_alg){ true, 192, 192 };
	k.esp[IPSEC_ESP_BLOWFISH] = (struct rc_kernel_alg){ true, 40, 448 };
	k.auth[IPSEC_AUTH_HMAC_SHA1].present = true;
	k.auth[IPSEC_AUTH_HMAC_SHA512].present = true;
	k.ipcomp[IPSEC_IPCOMP_DEFLATE].present = true;
	assert_int_equal(rc_conf_check_kernel(c, &k, &d), 0);
	assert_int_equal(d.n_errors, 0);

	/* Each missing choice is its own error. */
	k.esp[IPSEC_ESP_AES].max_bits = 128;
	k.auth[IPSEC_AUTH_HMAC_SHA512].present = false;
	k.ipcomp[IPSEC_IPCOMP_DEFLATE].present = false;
	assert_int_equal(rc_conf_check_kernel(c, &k, &d), -EINVAL);
	assert_int_equal(d.n_errors, 3);
	assert_true(has_diag(&d, 1, 1, "aes takes 128 to 128 bit keys, not 256"));
	assert_true(has_diag(&d, 1, 1, "no authentication transform for hmac_sha512"));
	assert_true(has_diag(&d, 1, 1, "no IPComp transform for deflate"));
	rc_diags_free(&d);
	rc_conf_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000_ha),
		cmocka_unit_test(test_seed000_mn),
		cmocka_unit_test(test_seed004_gateway),
		cmocka_unit_test(test_seed004_roadwarrior),
		cmocka_unit_test(test_seed004_psk),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_keyword),
		cmocka_unit_test(test_time_units),
		cmocka_unit_test(test_dh_names_and_numbers),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test_setup_teardown(test_include, make_tmpdir, remove_tmpdir),
		cmocka_unit_test_setup_teardown(test_file_checks, make_tmpdir, remove_tmpdir),
		cmocka_unit_test(test_support),
		cmocka_unit_test(test_kernel_algs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
