/* The IKEv1 engine: two engines against each other over an in-memory
 * network with a manual clock, a fake key manager recording GETSPI,
 * UPDATE, ADD and DELETE, and every refusal path counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "racoond/ike/ike.h"
#include "racoond/ike/ike_int.h"
#include "test/unit/racoond-ike/harness.h"

static char tmpdir[256];
static bool have_certs;

#define A4 "192.0.2.1"
#define B4 "192.0.2.2"
#define HA "2001:db8:1::1000"
#define HOA "2001:db8:1::1"
#define COA1 "2001:db8:2::1"
#define COA2 "2001:db8:3::1"

static const char *timer_sec =
	"timer { counter 3; interval 2 sec; persend 1; phase1 30 sec; phase2 20 sec; }\n";

/* ---- configuration texts ---- */

struct rm_opts {
	const char *peer;            /* remote's header: address or "anonymous" */
	const char *extra;           /* more remote statements */
	const char *xchg;            /* "main" or "aggressive" */
	const char *auth;            /* "pre_shared_key" or "rsasig" */
	const char *enc;             /* phase 1 encryption */
	const char *sainfo;          /* whole sainfo blocks, NULL: anonymous, no PFS */
};

static char *mkconf(const struct rm_opts *o)
{
	char *s = malloc(8192);

	if (!s)
		return NULL;
	if (snprintf(s, 8192,
		     "path pre_shared_key \"%s/psk.txt\";\n"
		     "path certificate \"%s/certs\";\n"
		     "%s"
		     "remote %s {\n exchange_mode %s;\n proposal_check obey;\n %s\n"
		     " proposal { encryption_algorithm %s; hash_algorithm sha1;"
		     " authentication_method %s; dh_group modp1024; lifetime time 100 sec; }\n}\n"
		     "%s\n",
		     tmpdir, tmpdir, timer_sec, o->peer, o->xchg ? o->xchg : "main",
		     o->extra ? o->extra : "", o->enc ? o->enc : "aes",
		     o->auth ? o->auth : "pre_shared_key",
		     o->sainfo ? o->sainfo :
				 "sainfo anonymous { lifetime time 1 hour; encryption_algorithm aes 128;"
				 " authentication_algorithm hmac_sha1; compression_algorithm deflate; }") >= 8192) {
		free(s);
		return NULL;
	}
	return s;
}

struct world {
	struct h_net net;
	struct h_node a, b;
};

static int setup_pair(struct world *w, const struct rm_opts *oa, const struct rm_opts *ob)
{
	char *ca = mkconf(oa), *cb = mkconf(ob);
	int r;

	h_net_init(&w->net);
	r = h_node_init(&w->a, &w->net, "a", ca, 0x1000);
	if (r == 0)
		r = h_node_init(&w->b, &w->net, "b", cb, 0x2000);
	h_node_addr(&w->a, A4);
	h_node_addr(&w->b, B4);
	free(ca);
	free(cb);
	return r;
}

static void teardown_pair(struct world *w)
{
	h_node_fini(&w->a);
	h_node_fini(&w->b);
	h_net_fini(&w->net);
}

/* ---- kernel events ---- */

static struct km_event acquire_ev(const char *src, const char *dst, const char *sel_src,
				  const char *sel_dst, uint8_t proto, enum ipsec_mode mode)
{
	struct km_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = KM_EV_ACQUIRE;
	ev.u.acquire.seq = 7;
	addr_parse(&ev.u.acquire.src, src);
	addr_parse(&ev.u.acquire.dst, dst);
	prefix_parse(&ev.u.acquire.policy.sel.src, sel_src);
	prefix_parse(&ev.u.acquire.policy.sel.dst, sel_dst);
	ev.u.acquire.policy.sel.proto = proto;
	ev.u.acquire.policy.dir = IPSEC_DIR_OUT;
	ev.u.acquire.policy.ntmpl = 1;
	ev.u.acquire.policy.tmpl[0].proto = IPSEC_PROTO_ESP;
	ev.u.acquire.policy.tmpl[0].mode = mode;
	ev.u.acquire.policy.tmpl[0].reqid = 5;
	if (mode == IPSEC_MODE_TUNNEL) {
		ev.u.acquire.policy.tmpl[0].src = ev.u.acquire.src;
		ev.u.acquire.policy.tmpl[0].dst = ev.u.acquire.dst;
	}
	return ev;
}

static int acquire_host(struct h_node *n, const char *src, const char *dst)
{
	struct km_event ev = acquire_ev(src, dst, src, dst, 255, IPSEC_MODE_TRANSPORT);

	return ike_km_event(n->e, &ev);
}

/* ---- views ---- */

struct ph1_list {
	struct ike_ph1_info v[8];
	unsigned n;
};
static void ph1_cb(const struct ike_ph1_info *i, void *arg)
{
	struct ph1_list *l = arg;

	if (l->n < 8)
		l->v[l->n++] = *i;
}
static struct ph1_list ph1s(struct h_node *n)
{
	struct ph1_list l = { .n = 0 };

	ike_ph1_foreach(n->e, ph1_cb, &l);
	return l;
}

struct ph2_list {
	struct ike_ph2_info v[8];
	unsigned n;
};
static void ph2_cb(const struct ike_ph2_info *i, void *arg)
{
	struct ph2_list *l = arg;

	if (l->n < 8)
		l->v[l->n++] = *i;
}
static struct ph2_list ph2s(struct h_node *n)
{
	struct ph2_list l = { .n = 0 };

	ike_ph2_foreach(n->e, ph2_cb, &l);
	return l;
}

static unsigned established1(struct h_node *n)
{
	struct ph1_list l = ph1s(n);
	unsigned k = 0;

	for (unsigned i = 0; i < l.n; i++)
		k += l.v[i].established;
	return k;
}

static unsigned established2(struct h_node *n)
{
	struct ph2_list l = ph2s(n);
	unsigned k = 0;

	for (unsigned i = 0; i < l.n; i++)
		k += l.v[i].established;
	return k;
}

static const struct ipsec_sa *sa_by_spi(const struct ipsec_sa *v, unsigned n, uint32_t spi)
{
	for (unsigned i = 0; i < n; i++)
		if (v[i].spi == spi)
			return &v[i];
	return NULL;
}

/* The keys each side installed for one SPI are the same. */
static void assert_keys_pair(const struct ipsec_sa *x, const struct ipsec_sa *y)
{
	assert_non_null(x);
	assert_non_null(y);
	assert_string_equal(x->enc.name, y->enc.name);
	assert_int_equal(x->enc.key_bits, y->enc.key_bits);
	assert_memory_equal(x->enc.key, y->enc.key, x->enc.key_bits / 8);
	assert_string_equal(x->auth.name, y->auth.name);
	assert_memory_equal(x->auth.key, y->auth.key, x->auth.key_bits / 8);
	assert_true(addr_eq(&x->src, &y->src));
	assert_true(addr_eq(&x->dst, &y->dst));
	assert_int_equal(x->mode, y->mode);
}

/* a's outbound SA is b's inbound one and the other way round. */
static void assert_sa_pairs(struct h_node *a, struct h_node *b)
{
	assert_true(a->n_add >= 1 && b->n_upd >= 1 && a->n_upd >= 1 && b->n_add >= 1);
	for (unsigned i = 0; i < a->n_add; i++)
		assert_keys_pair(&a->add[i], sa_by_spi(b->upd, b->n_upd, a->add[i].spi));
	for (unsigned i = 0; i < b->n_add; i++)
		assert_keys_pair(&b->add[i], sa_by_spi(a->upd, a->n_upd, b->add[i].spi));
}

static bool drop_all(struct h_pkt *p, void *arg)
{
	(void)p, (void)arg;
	return false;
}

/* ---- fixtures ---- */

static int write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	fclose(f);
	return 0;
}

static int group_setup(void **state)
{
	char cmd[2048];

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_ike.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	if (write_file("psk.txt",
		       "# comment\n"
		       A4 "\tsecret-one\n"
		       B4 " secret-one\n"
		       "192.0.2.9 wrong-secret\n"
		       HA " 0x6d6970366b6579\n"
		       "mn.example.org 0x6d6970366b6579\n"
		       "agg.example.org secret-one\n") < 0)
		return -1;
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/certs && sh %s %s/certs >/dev/null 2>&1 && "
		 "cat %s/certs/ca.pem %s/certs/inter.pem > %s/certs/cas.pem",
		 tmpdir, MKCERTS, tmpdir, tmpdir, tmpdir, tmpdir);
	have_certs = system(cmd) == 0;
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- Main Mode PSK + Quick Mode ---- */

static const struct rm_opts psk_a = { .peer = B4 };
static const struct rm_opts psk_b = { .peer = A4 };

static void establish(struct world *w)
{
	assert_int_equal(acquire_host(&w->a, A4, B4), 0);
	h_net_run(&w->net);
	assert_int_equal(established1(&w->a), 1);
	assert_int_equal(established1(&w->b), 1);
	assert_int_equal(established2(&w->a), 1);
	assert_int_equal(established2(&w->b), 1);
}

static void test_main_psk_transport(void **state)
{
	struct world w;
	struct ph2_list l;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	assert_int_equal(ike_engine_stats(w.a.e)->ph1_established, 1);
	assert_int_equal(ike_engine_stats(w.b.e)->ph2_established, 1);
	/* One GETSPI each; inbound SA = our SPI, outbound = the peer's. */
	assert_int_equal(w.a.n_getspi, 1);
	assert_int_equal(w.b.n_getspi, 1);
	assert_int_equal(w.a.upd[0].spi, 0x1000);
	assert_int_equal(w.a.add[0].spi, 0x2000);
	assert_int_equal(w.b.upd[0].spi, 0x2000);
	assert_int_equal(w.b.add[0].spi, 0x1000);
	assert_int_equal(w.a.add[0].mode, IPSEC_MODE_TRANSPORT);
	assert_int_equal(w.a.add[0].reqid, 5);
	assert_int_equal(w.a.add[0].hard.add_seconds, 3600);
	assert_int_equal(w.a.add[0].soft.add_seconds, 2880);
	assert_string_equal(w.a.add[0].enc.name, "cbc(aes)");
	assert_string_equal(w.a.add[0].auth.name, "hmac(sha1)");
	assert_sa_pairs(&w.a, &w.b);
	/* The two directions have different keys. */
	assert_memory_not_equal(w.a.add[0].enc.key, w.a.upd[0].enc.key, 16);
	l = ph2s(&w.a);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].initiator);
	assert_int_equal(ike_engine_stats(w.a.e)->malformed, 0);
	assert_int_equal(ike_engine_stats(w.b.e)->malformed, 0);
	teardown_pair(&w);
}

static void test_quick_pfs_tunnel(void **state)
{
	static const char *si =
		"sainfo anonymous { pfs_group modp1024; lifetime time 2 hour;"
		" encryption_algorithm aes 256, 3des; authentication_algorithm hmac_sha256, hmac_sha1;"
		" compression_algorithm deflate; }";
	struct rm_opts a = { .peer = B4, .sainfo = si }, b = { .peer = A4, .sainfo = si };
	struct world w;
	struct km_event ev = acquire_ev(A4, B4, "10.1.0.0/16", "10.2.0.0/16", 255,
					IPSEC_MODE_TUNNEL);

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	assert_int_equal(w.a.add[0].mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(w.b.add[0].mode, IPSEC_MODE_TUNNEL);
	assert_string_equal(w.a.add[0].enc.name, "cbc(aes)");
	assert_int_equal(w.a.add[0].enc.key_bits, 256);
	assert_string_equal(w.a.add[0].auth.name, "hmac(sha256)");
	/* Tunnel SAs join the phase 1 endpoints. */
	assert_true(addr_eq(&w.b.add[0].src, &w.b.addr[0]) || w.b.naddr == 0);
	assert_sa_pairs(&w.a, &w.b);
	teardown_pair(&w);
}

/* ---- Mobile IPv6: support_proxy, passive, MIGRATE ---- */

static const char *mn_sainfo =
	"sainfo address " HOA "[0] 135 address " HA "[0] 135 {"
	" lifetime time 1 hour; encryption_algorithm aes 128; authentication_algorithm hmac_sha1;"
	" compression_algorithm deflate; }\n"
	"sainfo address " HOA "[0] any subnet ::/0[0] any {"
	" pfs_group modp1024; lifetime time 1 hour; encryption_algorithm aes 128;"
	" authentication_algorithm hmac_sha1; compression_algorithm deflate; }";
static const char *ha_sainfo =
	"sainfo address " HA "[0] 135 address " HOA "[0] 135 from fqdn \"mn.example.org\" {"
	" lifetime time 1 hour; encryption_algorithm aes 128; authentication_algorithm hmac_sha1;"
	" compression_algorithm deflate; }\n"
	"sainfo subnet ::/0[0] any address " HOA "[0] any from fqdn \"mn.example.org\" {"
	" pfs_group modp1024; lifetime time 1 hour; encryption_algorithm aes 128;"
	" authentication_algorithm hmac_sha1; compression_algorithm deflate; }";

struct mip {
	struct h_net net;
	struct h_node mn, ha;
};

static int setup_mip(struct mip *m, const char *ha_extra, const char *ha_si)
{
	struct rm_opts mo = { .peer = HA, .sainfo = mn_sainfo,
			      .extra = "my_identifier fqdn \"mn.example.org\"; support_proxy on;" };
	char extra[512];
	struct rm_opts ho = { .peer = "anonymous", .sainfo = ha_si ? ha_si : ha_sainfo,
			      .extra = extra };
	char *cm, *ch;
	int r;

	snprintf(extra, sizeof(extra),
		 "passive on; support_proxy on; verify_identifier on;"
		 " peers_identifier fqdn \"mn.example.org\"; %s", ha_extra ? ha_extra : "");
	cm = mkconf(&mo);
	ch = mkconf(&ho);
	h_net_init(&m->net);
	r = h_node_init(&m->mn, &m->net, "mn", cm, 0x3000);
	if (r == 0)
		r = h_node_init(&m->ha, &m->net, "ha", ch, 0x4000);
	h_node_addr(&m->mn, COA1);
	h_node_addr(&m->mn, HOA);
	h_node_addr(&m->ha, HA);
	free(cm);
	free(ch);
	return r;
}

static void teardown_mip(struct mip *m)
{
	h_node_fini(&m->mn);
	h_node_fini(&m->ha);
	h_net_fini(&m->net);
}

static struct km_event migrate_ev(const char *sel_src, const char *sel_dst, uint8_t proto,
				  enum ipsec_dir dir, enum ipsec_mode mode, const char *os,
				  const char *od, const char *ns, const char *nd, const char *kl,
				  const char *kr)
{
	struct km_event ev;
	struct ipsec_migrate_msg *m = &ev.u.migrate;

	memset(&ev, 0, sizeof(ev));
	ev.type = KM_EV_MIGRATE;
	prefix_parse(&m->sel.src, sel_src);
	prefix_parse(&m->sel.dst, sel_dst);
	m->sel.proto = proto;
	m->dir = dir;
	m->nentries = 1;
	m->entries[0].proto = IPSEC_PROTO_ESP;
	m->entries[0].mode = mode;
	addr_parse(&m->entries[0].old_src, os);
	addr_parse(&m->entries[0].old_dst, od);
	addr_parse(&m->entries[0].new_src, ns);
	addr_parse(&m->entries[0].new_dst, nd);
	m->has_kmaddress = true;
	addr_parse(&m->kmaddress.local, kl);
	addr_parse(&m->kmaddress.remote, kr);
	return ev;
}

/* MN bootstrap: the MIGRATE that precedes the first BU gives the CoA as
 * the IKE address; the MH ACQUIRE (HoA -> HA) then runs phase 1 from the
 * CoA and phase 2 for the HoA. */
static void mn_bootstrap(struct mip *m)
{
	struct km_event mg = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA,
					HA, HOA, HA, COA1, HA);
	struct km_event aq = acquire_ev(HOA, HA, HOA, HA, 135, IPSEC_MODE_TRANSPORT);

	assert_int_equal(ike_km_event(m->mn.e, &mg), 0);
	assert_int_equal(ike_km_event(m->mn.e, &aq), 0);
	h_net_run(&m->net);
}

static void test_support_proxy(void **state)
{
	struct mip m;
	struct ph1_list l1;
	struct ph2_list l2;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	l1 = ph1s(&m.mn);
	assert_int_equal(l1.n, 1);
	assert_true(l1.v[0].established);
	assert_string_equal(addr_fmt(&l1.v[0].local.addr, buf, sizeof(buf)), COA1);
	l1 = ph1s(&m.ha);
	assert_string_equal(addr_fmt(&l1.v[0].remote.addr, buf, sizeof(buf)), COA1);
	/* The HA bound the sainfo through the MN's identity and the HoA IDs. */
	l2 = ph2s(&m.ha);
	assert_int_equal(l2.n, 1);
	assert_true(l2.v[0].established);
	assert_int_equal(l2.v[0].ulproto, 135);
	assert_string_equal(addr_fmt(&l2.v[0].id_remote.addr, buf, sizeof(buf)), HOA);
	/* Transport SAs join HoA and HA, not the CoA. */
	assert_string_equal(addr_fmt(&m.ha.upd[0].src, buf, sizeof(buf)), HOA);
	assert_string_equal(addr_fmt(&m.ha.upd[0].dst, buf, sizeof(buf)), HA);
	assert_string_equal(addr_fmt(&m.mn.add[0].src, buf, sizeof(buf)), HOA);
	assert_sa_pairs(&m.mn, &m.ha);
	teardown_mip(&m);
}

static void test_support_proxy_wrong_identity(void **state)
{
	static const char *si =
		"sainfo address " HA "[0] 135 address " HOA "[0] 135 from fqdn \"other.example.org\" {"
		" lifetime time 1 hour; encryption_algorithm aes 128;"
		" authentication_algorithm hmac_sha1; compression_algorithm deflate; }";
	struct mip m;

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, si), 0);
	mn_bootstrap(&m);
	assert_int_equal(established1(&m.ha), 1);
	assert_int_equal(established2(&m.ha), 0);
	assert_int_equal(established2(&m.mn), 0);
	assert_int_equal(ike_engine_stats(m.ha.e)->no_config, 1);
	/* The refusal came back protected and ended the MN's attempt. */
	assert_int_equal(ike_engine_stats(m.mn.e)->no_proposal, 1);
	assert_int_equal(ph2s(&m.mn).n, 0);
	teardown_mip(&m);
}

/* The anchor's failure: a passive HA must run quick mode over the ISAKMP
 * SA the MN established when its own ACQUIRE comes (tunnel to the CoA). */
static void test_passive_reuses_ph1(void **state)
{
	struct mip m;
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event other = acquire_ev(HA, "2001:db8:9::9", "::/0", "2001:db8:9::9/128", 255,
					   IPSEC_MODE_TUNNEL);
	unsigned sent;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(ike_engine_stats(m.ha.e)->passive_refused, 0);
	assert_int_equal(established2(&m.ha), 2);
	assert_int_equal(established2(&m.mn), 2);
	assert_int_equal(ph1s(&m.ha).n, 1);
	/* The HA initiated it: its outbound SA is the tunnel to the CoA. */
	assert_int_equal(m.ha.n_add, 2);
	assert_int_equal(m.ha.add[1].mode, IPSEC_MODE_TUNNEL);
	assert_string_equal(addr_fmt(&m.ha.add[1].dst, buf, sizeof(buf)), COA1);
	assert_sa_pairs(&m.mn, &m.ha);
	/* With nobody to reuse, passive means nothing is sent. */
	sent = m.ha.n_sent;
	assert_int_equal(ike_km_event(m.ha.e, &other), -EAGAIN);
	assert_int_equal(m.ha.n_sent, sent);
	assert_int_equal(ike_engine_stats(m.ha.e)->passive_refused, 1);
	teardown_mip(&m);
}

/* Both ends had traffic for the tunnel: the MN's ACQUIRE, queued before
 * the HA's Quick Mode installed the SAs, arrives after them.  It is
 * answered by that phase 2: no second pair of SAs (a MIGRATE would move
 * only one).  Transport mode negotiates as racoon did. */
static void test_acquire_answered(void **state)
{
	struct mip m;
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event late = acquire_ev(COA1, HA, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL);
	struct km_event mh = acquire_ev(HOA, HA, HOA, HA, 135, IPSEC_MODE_TRANSPORT);
	unsigned sent;

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(established2(&m.mn), 2);
	sent = m.mn.n_sent;
	assert_int_equal(ike_km_event(m.mn.e, &late), 0);
	h_net_run(&m.net);
	assert_int_equal(m.mn.n_sent, sent);
	assert_int_equal(ph2s(&m.mn).n, 2);
	/* The HA's own ACQUIRE again: answered too. */
	sent = m.ha.n_sent;
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	assert_int_equal(m.ha.n_sent, sent);
	/* Transport mode: negotiated again. */
	assert_int_equal(ike_km_event(m.mn.e, &mh), 0);
	h_net_run(&m.net);
	assert_int_equal(established2(&m.mn), 3);
	teardown_mip(&m);
}

/* Drops the HA's second datagram (its QM3 after a bootstrap). */
static bool drop_ha_second(struct h_pkt *p, void *arg)
{
	struct ike_ep ha = h_ep(HA);
	unsigned *n = arg;

	return !(addr_eq(&p->src.addr, &ha.addr) && ++*n == 2);
}

/* The same while we answer the HA's Quick Mode for the tunnel and wait for
 * its third message: our own ACQUIRE for it starts nothing. */
static void test_acquire_answered_in_progress(void **state)
{
	struct mip m;
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event late = acquire_ev(COA1, HA, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL);
	unsigned n = 0, sent;

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	m.net.filter = drop_ha_second;
	m.net.farg = &n;
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	m.net.filter = NULL;
	assert_int_equal(n, 2);
	assert_int_equal(established2(&m.mn), 1);
	assert_int_equal(ph2s(&m.mn).n, 2);
	sent = m.mn.n_sent;
	assert_int_equal(ike_km_event(m.mn.e, &late), 0);
	h_net_run(&m.net);
	assert_int_equal(m.mn.n_sent, sent);
	assert_int_equal(ph2s(&m.mn).n, 2);
	teardown_mip(&m);
}

/* The HA's ACQUIRE for the HoA (transport MH) finds the phase 1 through
 * the SAs it holds for that HoA. */
static void test_passive_transport_by_hoa(void **state)
{
	struct mip m;
	struct km_event aq = acquire_ev(HA, HOA, HA, HOA, 135, IPSEC_MODE_TRANSPORT);
	struct ph2_list l;
	unsigned k = 0;

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(ike_engine_stats(m.ha.e)->passive_refused, 0);
	assert_int_equal(established2(&m.ha), 2);
	l = ph2s(&m.ha);
	for (unsigned i = 0; i < l.n; i++)
		k += l.v[i].initiator;
	assert_int_equal(k, 1);
	teardown_mip(&m);
}

static void test_migrate_moves_ph1(void **state)
{
	struct mip m;
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event mn_mg = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA,
					   HA, HOA, HA, COA2, HA);
	struct km_event ha_mg = migrate_ev("::/0", HOA "/128", 0, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL,
					   HA, COA1, HA, COA2, HA, COA2);
	struct km_event aq2 = acquire_ev(HOA, HA, HOA, HA, 135, IPSEC_MODE_TRANSPORT);
	struct km_event tun2 = acquire_ev(COA2, HA, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL);
	struct ph1_list l1;
	struct ph2_list l2;
	char buf[ADDR_STRLEN];
	unsigned before;

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(established2(&m.ha), 2);
	/* Handover: the MN moves to COA2; each side's kernel sends MIGRATE. */
	h_node_addr(&m.mn, COA2);
	before = m.mn.n_sent + m.ha.n_sent;
	assert_int_equal(ike_km_event(m.mn.e, &mn_mg), 0);
	assert_int_equal(ike_km_event(m.ha.e, &ha_mg), 0);
	/* No IKE packet at a handover. */
	assert_int_equal(m.mn.n_sent + m.ha.n_sent, before);
	l1 = ph1s(&m.mn);
	assert_int_equal(l1.n, 1);
	assert_string_equal(addr_fmt(&l1.v[0].local.addr, buf, sizeof(buf)), COA2);
	l1 = ph1s(&m.ha);
	assert_int_equal(l1.n, 1);
	assert_string_equal(addr_fmt(&l1.v[0].remote.addr, buf, sizeof(buf)), COA2);
	/* The HA's tunnel SA endpoints followed. */
	l2 = ph2s(&m.ha);
	for (unsigned i = 0; i < l2.n; i++)
		if (l2.v[i].mode == IPSEC_MODE_TUNNEL)
			assert_string_equal(addr_fmt(&l2.v[i].sa_dst, buf, sizeof(buf)), COA2);
	/* The MN's tunnel phase 2 followed its phase 1 (its kernel's tunnel
	 * MIGRATE is not given here): its ACQUIRE from the new CoA is
	 * answered. */
	l2 = ph2s(&m.mn);
	for (unsigned i = 0; i < l2.n; i++)
		if (l2.v[i].mode == IPSEC_MODE_TUNNEL)
			assert_string_equal(addr_fmt(&l2.v[i].sa_src, buf, sizeof(buf)), COA2);
	before = m.mn.n_sent;
	assert_int_equal(ike_km_event(m.mn.e, &tun2), 0);
	assert_int_equal(m.mn.n_sent, before);
	/* A new negotiation runs over the moved ISAKMP SA from the new CoA. */
	assert_int_equal(ike_km_event(m.mn.e, &aq2), 0);
	h_net_run(&m.net);
	assert_int_equal(ph1s(&m.mn).n, 1);
	assert_int_equal(established2(&m.mn), 3);
	assert_int_equal(established2(&m.ha), 3);
	assert_int_equal(ike_engine_stats(m.ha.e)->unknown_cookie, 0);
	teardown_mip(&m);
}

/* The HA's kernel refused the tunnel MIGRATE of a handover back to CoA1
 * (a larval state for CoA2): racoond saw only the transport MIGRATE, and
 * mip6d replaced the tunnel policy.  Its ACQUIRE names CoA1; a hint left
 * by the tunnel MIGRATE of the handover before (CoA2) must not override
 * it, or the passive HA finds no ISAKMP SA with CoA2 and never negotiates
 * (the anchor's failure again). */
static void test_migrate_stale_tunnel_hint(void **state)
{
	struct mip m;
	struct km_event tr1 = migrate_ev(HOA "/128", HA "/128", 135, IPSEC_DIR_IN,
					 IPSEC_MODE_TRANSPORT, "::", "::", COA2, HA, HA, COA2);
	struct km_event tun1 = migrate_ev("::/0", HOA "/128", 0, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL,
					  HA, COA1, HA, COA2, HA, COA2);
	struct km_event tr2 = migrate_ev(HOA "/128", HA "/128", 135, IPSEC_DIR_IN,
					 IPSEC_MODE_TRANSPORT, "::", "::", COA1, HA, HA, COA1);
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event home = migrate_ev(HOA "/128", HA "/128", 135, IPSEC_DIR_IN,
					  IPSEC_MODE_TRANSPORT, "::", "::", HOA, HA, HA, HOA);
	struct ph1_list l1;
	struct ph2_list l2;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &tr1), 0);
	assert_int_equal(ike_km_event(m.ha.e, &tun1), 0);
	assert_int_equal(ike_km_event(m.ha.e, &tr2), 0);
	l1 = ph1s(&m.ha);
	assert_int_equal(l1.n, 1);
	assert_string_equal(addr_fmt(&l1.v[0].remote.addr, buf, sizeof(buf)), COA1);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(ike_engine_stats(m.ha.e)->passive_refused, 0);
	assert_int_equal(established2(&m.ha), 2);
	assert_int_equal(established2(&m.mn), 2);
	/* Back home: the IKE address becomes the HoA, the tunnel's policies
	 * are deleted; its phase 2 keeps the SA endpoints its SAs have. */
	assert_int_equal(ike_km_event(m.ha.e, &home), 0);
	l1 = ph1s(&m.ha);
	assert_string_equal(addr_fmt(&l1.v[0].remote.addr, buf, sizeof(buf)), HOA);
	l2 = ph2s(&m.ha);
	for (unsigned i = 0; i < l2.n; i++)
		if (l2.v[i].mode == IPSEC_MODE_TUNNEL)
			assert_string_equal(addr_fmt(&l2.v[i].sa_dst, buf, sizeof(buf)), COA1);
	teardown_mip(&m);
}

/* The MN has left CoA1: what is sent there is lost. */
static bool drop_to_coa1(struct h_pkt *p, void *arg)
{
	struct ike_ep gone = h_ep(COA1);

	(void)arg;
	return !addr_eq(&p->dst.addr, &gone.addr);
}

/* The HA's Quick Mode for the tunnel went to CoA1 just as the MN left it:
 * the HA's MIGRATE moves the phase 1 and the tunnel phase 2 to CoA2 and
 * sends the unanswered QM1 there at once (no time passes here, so no
 * timer resend can stand in for it). */
static void test_migrate_resends_inflight_qm(void **state)
{
	struct mip m;
	struct km_event tr1 = migrate_ev(HOA "/128", HA "/128", 135, IPSEC_DIR_IN,
					 IPSEC_MODE_TRANSPORT, "::", "::", COA1, HA, HA, COA1);
	struct km_event aq = acquire_ev(HA, COA1, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL);
	struct km_event mn_mg = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA,
					   HA, HOA, HA, COA2, HA);
	struct km_event tr2 = migrate_ev(HOA "/128", HA "/128", 135, IPSEC_DIR_IN,
					 IPSEC_MODE_TRANSPORT, "::", "::", COA2, HA, HA, COA2);
	struct ph2_list l2;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(ike_km_event(m.ha.e, &tr1), 0);
	h_node_addr(&m.mn, COA2);
	m.net.filter = drop_to_coa1;
	assert_int_equal(ike_km_event(m.mn.e, &mn_mg), 0);
	assert_int_equal(ike_km_event(m.ha.e, &aq), 0);
	h_net_run(&m.net);
	assert_int_equal(established2(&m.ha), 1);
	assert_int_equal(ike_km_event(m.ha.e, &tr2), 0);
	h_net_run(&m.net);
	assert_int_equal(established2(&m.ha), 2);
	assert_int_equal(established2(&m.mn), 2);
	l2 = ph2s(&m.ha);
	for (unsigned i = 0; i < l2.n; i++)
		if (l2.v[i].mode == IPSEC_MODE_TUNNEL)
			assert_string_equal(addr_fmt(&l2.v[i].sa_dst, buf, sizeof(buf)), COA2);
	m.net.filter = NULL;
	teardown_mip(&m);
}

/* Nothing to move: the MIGRATE is remembered and the next ACQUIRE
 * negotiates from the new CoA (re-bootstrap). */
static void test_migrate_rebootstrap(void **state)
{
	struct mip m;
	struct km_event mg = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA, HA,
					HOA, HA, COA2, HA);
	struct km_event aq = acquire_ev(HOA, HA, HOA, HA, 135, IPSEC_MODE_TRANSPORT);
	struct ph1_list l1;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	h_node_addr(&m.mn, COA2);
	assert_int_equal(ike_km_event(m.mn.e, &mg), 0);
	assert_int_equal(m.mn.n_sent, 0);
	assert_int_equal(ike_km_event(m.mn.e, &aq), 0);
	h_net_run(&m.net);
	l1 = ph1s(&m.mn);
	assert_int_equal(l1.n, 1);
	assert_string_equal(addr_fmt(&l1.v[0].local.addr, buf, sizeof(buf)), COA2);
	assert_int_equal(established2(&m.ha), 1);
	teardown_mip(&m);
}

/* A MIGRATE while the MN's phase 1 is still negotiating from the old CoA:
 * it starts again from the new one and the waiting phase 2 follows. */
static void test_migrate_mid_negotiation(void **state)
{
	struct mip m;
	struct km_event mg1 = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA,
					 HA, HOA, HA, COA1, HA);
	struct km_event aq = acquire_ev(HOA, HA, HOA, HA, 135, IPSEC_MODE_TRANSPORT);
	struct km_event mg2 = migrate_ev(HOA, HA, 135, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT, HOA,
					 HA, HOA, HA, COA2, HA);
	struct ph1_list l1;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	h_node_addr(&m.mn, COA2);
	assert_int_equal(ike_km_event(m.mn.e, &mg1), 0);
	assert_int_equal(ike_km_event(m.mn.e, &aq), 0);
	/* M1 from COA1 is lost. */
	h_net_clear(&m.net);
	assert_int_equal(ike_km_event(m.mn.e, &mg2), 0);
	h_net_run(&m.net);
	l1 = ph1s(&m.mn);
	assert_int_equal(l1.n, 1);
	assert_true(l1.v[0].established);
	assert_string_equal(addr_fmt(&l1.v[0].local.addr, buf, sizeof(buf)), COA2);
	assert_int_equal(established2(&m.mn), 1);
	assert_int_equal(established2(&m.ha), 1);
	teardown_mip(&m);
}

/* The MN restarts: its INITIAL-CONTACT makes the HA drop the SAs of the
 * previous life. */
static void test_initial_contact_after_restart(void **state)
{
	struct mip m;
	struct rm_opts mo = { .peer = HA, .sainfo = mn_sainfo,
			      .extra = "my_identifier fqdn \"mn.example.org\"; support_proxy on;" };
	char *cm = mkconf(&mo);
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };

	(void)state;
	assert_int_equal(setup_mip(&m, NULL, NULL), 0);
	mn_bootstrap(&m);
	assert_int_equal(established2(&m.ha), 1);
	/* A new MN process: fresh engine, same addresses. */
	ike_engine_free(m.mn.e);
	ike_creds_free(m.mn.creds);
	m.mn.creds = NULL;
	rc_conf_free(m.mn.conf);
	assert_int_equal(rc_conf_load_buffer(cm, strlen(cm), "mn2", &o, &m.mn.conf, &d), 0);
	rc_diags_free(&d);
	assert_int_equal(ike_engine_new(&m.mn.e, &m.net.tq, m.mn.conf, NULL, &h_ops, &m.mn), 0);
	m.mn.n_del = m.ha.n_del = 0;
	mn_bootstrap(&m);
	/* The HA removed the old pair of SAs and kept the new. */
	assert_int_equal(m.ha.n_del, 2);
	assert_int_equal(ph1s(&m.ha).n, 1);
	assert_int_equal(established2(&m.ha), 1);
	assert_int_equal(established2(&m.mn), 1);
	free(cm);
	teardown_mip(&m);
}

/* ---- certificates ---- */

static void test_main_rsasig(void **state)
{
	char ea[512], eb[512];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct world w;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(ea, sizeof(ea),
		 "my_identifier asn1dn; certificate_type x509 \"leaf.pem\" \"leaf.key\";"
		 " ca_type x509 \"cas.pem\"; verify_identifier on; ike_frag force;"
		 " peers_identifier asn1dn \"C=FR, O=NATISBAD, CN=*\";");
	snprintf(eb, sizeof(eb),
		 "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\"; verify_identifier on; ike_frag on;"
		 " peers_identifier asn1dn \"C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services,"
		 " CN=*, emailAddress=*\";");
	/* b binds its phase 2 to a's certificate identity (seed 000's "from"). */
	b.sainfo = "sainfo anonymous from asn1dn \"C=FR, ST=FRANCE, O=NATISBAD,"
		   " OU=IPsec Services, CN=ha.example.org, emailAddress=*\" {"
		   " lifetime time 1 hour; encryption_algorithm aes 128;"
		   " authentication_algorithm hmac_sha1; compression_algorithm deflate; }";
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	establish(&w);
	assert_sa_pairs(&w.a, &w.b);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_auth, 0);
	/* The certificate messages went as IKE fragments (ike_frag force). */
	assert_true(w.net.delivered > 12);
	teardown_pair(&w);
}

/* Fragments of two initiators' certificate messages, interleaved on their
 * way to one responder: each Phase 1 is reassembled on its own. */
#define C4 "192.0.2.3"

struct held {
	struct h_pkt *v[16];
	unsigned n;
};

static bool hold_frags_to_b(struct h_pkt *p, void *arg)
{
	struct held *h = arg;
	struct ike_ep b = h_ep(B4);
	struct h_pkt *c;

	if (p->len < 28 || p->buf[16] != ISAKMP_NP_FRAG || !addr_eq(&p->dst.addr, &b.addr) ||
	    h->n == 16)
		return true;
	c = malloc(sizeof(*c) + p->len);
	assert_non_null(c);
	memcpy(c, p, sizeof(*c) + p->len);
	h->v[h->n++] = c;
	return false;
}

static void test_frags_interleaved(void **state)
{
	char ea[512], eb[512];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = "anonymous", .auth = "rsasig", .extra = eb };
	struct world w;
	struct h_node c;
	struct held h = { .n = 0 };
	char *cc;
	unsigned i, j, na = 0;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(ea, sizeof(ea),
		 "my_identifier asn1dn; certificate_type x509 \"leaf.pem\" \"leaf.key\";"
		 " ca_type x509 \"cas.pem\"; ike_frag force;");
	snprintf(eb, sizeof(eb),
		 "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\"; ike_frag on;");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	cc = mkconf(&a);
	assert_non_null(cc);
	assert_int_equal(h_node_init(&c, &w.net, "c", cc, 0x3000), 0);
	free(cc);
	h_node_addr(&c, C4);
	w.net.filter = hold_frags_to_b;
	w.net.farg = &h;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	assert_int_equal(acquire_host(&c, C4, B4), 0);
	h_net_run(&w.net);
	struct h_pkt *from_a[16], *from_c[16];
	unsigned nc = 0;

	/* Both certificate messages (MM5) are held, several fragments each. */
	for (i = 0; i < h.n; i++) {
		if (addr_eq(&h.v[i]->src.addr, &w.a.addr[0]))
			from_a[na++] = h.v[i];
		else
			from_c[nc++] = h.v[i];
	}
	assert_true(na >= 2 && nc >= 2);
	w.net.filter = NULL;
	/* a1 c1 a2 c2 ...: the fragments alternate between the senders. */
	for (i = 0, j = 0; i < na || j < nc; i++, j++) {
		if (i < na)
			h_net_inject(&w.net, A4, B4, from_a[i]->buf, from_a[i]->len);
		if (j < nc)
			h_net_inject(&w.net, C4, B4, from_c[j]->buf, from_c[j]->len);
	}
	for (i = 0; i < h.n; i++)
		free(h.v[i]);
	h_net_run(&w.net);
	/* Without retransmission (the clock has not moved). */
	assert_int_equal(established1(&w.b), 2);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&c), 1);
	assert_int_equal(ike_engine_stats(w.b.e)->malformed, 0);
	h_node_fini(&c);
	teardown_pair(&w);
}

static void test_rsasig_untrusted_cert(void **state)
{
	char ea[512], eb[512];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct world w;

	(void)state;
	if (!have_certs)
		skip();
	/* a presents a certificate of a CA b does not trust. */
	snprintf(ea, sizeof(ea),
		 "my_identifier asn1dn; certificate_type x509 \"rogueleaf.pem\" \"rogueleaf.key\";"
		 " ca_type x509 \"cas.pem\";");
	snprintf(eb, sizeof(eb),
		 "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established1(&w.b), 0);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_auth, 1);
	assert_int_equal(w.b.n_upd + w.b.n_add, 0);
	teardown_pair(&w);
}

static void test_rsasig_bad_signature(void **state)
{
	char ea[512], eb[512];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct world w;

	(void)state;
	if (!have_certs)
		skip();
	/* a sends leaf's certificate but signs with another key. */
	snprintf(ea, sizeof(ea),
		 "my_identifier asn1dn; certificate_type x509 \"leaf.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	snprintf(eb, sizeof(eb),
		 "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established1(&w.b), 0);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_hash, 1);
	teardown_pair(&w);
}

/* The credentials are read with the configuration: a Phase 1 reads no
 * file (they may even be gone). */
static void test_rsasig_files_read_once(void **state)
{
	char ea[512], eb[512], dir[600], away[600];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct world w;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(ea, sizeof(ea), "my_identifier asn1dn; certificate_type x509 \"leaf.pem\" \"leaf.key\";"
		 " ca_type x509 \"cas.pem\";");
	snprintf(eb, sizeof(eb), "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	snprintf(dir, sizeof(dir), "%s/certs", tmpdir);
	snprintf(away, sizeof(away), "%s/certs.away", tmpdir);
	assert_int_equal(rename(dir, away), 0);
	establish(&w);
	assert_int_equal(rename(away, dir), 0);
	assert_sa_pairs(&w.a, &w.b);
	teardown_pair(&w);
}

/* A certificate received again is not parsed again (the same object),
 * and a wrong one is still refused the second time. */
static void test_peer_cert_kept_parsed(void **state)
{
	char ea[512], eb[512], path[600];
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct world w;
	X509 *x1 = NULL, *x2 = NULL, *x3 = NULL, *y1 = NULL, *y2 = NULL, *f = NULL;
	uint8_t *der;
	size_t len;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(ea, sizeof(ea), "my_identifier asn1dn; certificate_type x509 \"rogueleaf.pem\""
		 " \"rogueleaf.key\"; ca_type x509 \"cas.pem\";");
	snprintf(eb, sizeof(eb), "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	snprintf(path, sizeof(path), "%s/certs/leaf.pem", tmpdir);
	assert_int_equal(ike_cert_load(path, &f), 0);
	assert_int_equal(ike_cert_to_der(f, &der, &len), 0);
	assert_int_equal(ike_creds_peer_cert(w.b.creds, der, len, &x1), 0);
	assert_int_equal(ike_creds_peer_cert(w.b.creds, der, len, &x2), 0);
	assert_ptr_equal(x1, x2);
	/* Other credentials keep their own. */
	assert_int_equal(ike_creds_peer_cert(w.a.creds, der, len, &x3), 0);
	assert_ptr_not_equal(x1, x3);
	X509_free(x3);
	/* No credentials: nothing kept. */
	assert_int_equal(ike_creds_peer_cert(NULL, der, len, &y1), 0);
	assert_int_equal(ike_creds_peer_cert(NULL, der, len, &y2), 0);
	assert_ptr_not_equal(y1, y2);
	assert_ptr_not_equal(y1, x1);
	X509_free(y1);
	X509_free(y2);
	/* A truncated one: refused, not kept. */
	assert_int_equal(ike_creds_peer_cert(w.b.creds, der, len - 1, &x3), -EINVAL);
	X509_free(x1);
	X509_free(x2);
	OPENSSL_free(der);
	/* The rogue certificate, then its retransmissions: refused each time. */
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_auth, 1);
	h_net_advance(&w.net, 200000);
	assert_true(ike_engine_stats(w.b.e)->bad_auth > 1);
	assert_int_equal(established1(&w.b), 0);
	X509_free(f);
	teardown_pair(&w);
}

/* A file that cannot be used fails the load, naming the file and where
 * the configuration names it; the caller gets no credentials. */
static void test_creds_load_errors(void **state)
{
	char text[1024], *msg = NULL;
	size_t len = 0;
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	struct rc_conf *c;
	struct ike_creds *cr = (struct ike_creds *)&cr;
	FILE *err;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(text, sizeof(text),
		 "path certificate \"%s/certs\";\n"
		 "remote " B4 " { exchange_mode main; my_identifier asn1dn;\n"
		 " certificate_type x509 \"leaf.pem\" \"nokey.pem\";\n"
		 " ca_type x509 \"ext.cnf\";\n"
		 " proposal { encryption_algorithm aes; hash_algorithm sha1;"
		 " authentication_method rsasig; dh_group modp2048; } }\n", tmpdir);
	assert_int_equal(rc_conf_load_buffer(text, strlen(text), "bad.conf", &o, &c, &d), 0);
	rc_diags_free(&d);
	err = open_memstream(&msg, &len);
	assert_non_null(err);
	assert_int_equal(ike_creds_load(c, &cr, err), -EINVAL);
	fclose(err);
	assert_null(cr);
	assert_non_null(strstr(msg, "bad.conf:3:"));
	assert_non_null(strstr(msg, "error: private key "));
	assert_non_null(strstr(msg, "/certs/nokey.pem: No such file or directory"));
	assert_non_null(strstr(msg, "bad.conf:4:"));
	assert_non_null(strstr(msg, "/certs/ext.cnf: no PEM certificate"));
	assert_null(ike_creds_find(cr, c->remotes));
	free(msg);
	rc_conf_free(c);
}

/* ---- aggressive ---- */

static void test_aggressive_psk(void **state)
{
	struct rm_opts a = { .peer = B4, .xchg = "aggressive",
			     .extra = "my_identifier fqdn \"agg.example.org\";" },
		       b = { .peer = A4, .xchg = "aggressive",
			     .extra = "my_identifier address; verify_identifier on;"
				      " peers_identifier fqdn \"agg.example.org\";" };
	struct world w;
	struct ph1_list l;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	establish(&w);
	l = ph1s(&w.a);
	assert_int_equal(l.v[0].exchange, 4);
	assert_sa_pairs(&w.a, &w.b);
	teardown_pair(&w);
}

/* ---- errors ---- */

/* Aggressive Mode shows HASH_R in clear: a wrong key is a bad hash. */
static void test_bad_hash_aggressive(void **state)
{
	struct rm_opts a = { .peer = "192.0.2.9", .xchg = "aggressive" },
		       b = { .peer = A4, .xchg = "aggressive" };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	h_node_addr(&w.b, "192.0.2.9");
	/* a uses the key it has for 192.0.2.9, b the one for a. */
	assert_int_equal(acquire_host(&w.a, A4, "192.0.2.9"), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.a.e)->bad_hash, 1);
	assert_int_equal(established1(&w.a), 0);
	assert_int_equal(established1(&w.b), 0);
	teardown_pair(&w);
}

/* In Main Mode the key also encrypts M5: b cannot even read it. */
static void test_wrong_psk_main(void **state)
{
	struct rm_opts a = { .peer = "192.0.2.9" }, b = { .peer = A4 };
	struct world w;
	const struct ike_stats *s;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	h_node_addr(&w.b, "192.0.2.9");
	assert_int_equal(acquire_host(&w.a, A4, "192.0.2.9"), 0);
	h_net_run(&w.net);
	s = ike_engine_stats(w.b.e);
	assert_int_equal(s->malformed + s->bad_hash, 1);
	assert_int_equal(established1(&w.a), 0);
	assert_int_equal(established1(&w.b), 0);
	teardown_pair(&w);
}

static void test_unknown_identity(void **state)
{
	struct rm_opts a = { .peer = B4, .extra = "my_identifier fqdn \"intruder.example.org\";" },
		       b = { .peer = A4, .extra = "verify_identifier on;"
						  " peers_identifier fqdn \"nobody.example.org\";" };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_auth, 1);
	assert_int_equal(established1(&w.b), 0);
	teardown_pair(&w);
}

static void test_proposal_mismatch_ph1(void **state)
{
	struct rm_opts a = { .peer = B4, .enc = "3des" }, b = { .peer = A4 };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->no_proposal, 1);
	assert_int_equal(ph1s(&w.b).n, 0);
	/* NO-PROPOSAL-CHOSEN reached a, unprotected, and changed nothing. */
	assert_int_equal(ike_engine_stats(w.a.e)->notifies_rx, 1);
	assert_int_equal(ph1s(&w.a).n, 1);
	teardown_pair(&w);
}

/* strongSwan refuses under a responder cookie of its own. */
/* proposal_check claim: the responder shortens the lifetime and says so
 * with RESPONDER-LIFETIME; strict refuses a longer one. */
static void test_proposal_check_lifetimes(void **state)
{
	static const char *longer =
		"sainfo anonymous { lifetime time 2 hour; encryption_algorithm aes 128;"
		" authentication_algorithm hmac_sha1; compression_algorithm deflate; }";
	static const char *shorter =
		"sainfo anonymous { lifetime time 30 min; encryption_algorithm aes 128;"
		" authentication_algorithm hmac_sha1; compression_algorithm deflate; }";
	struct rm_opts a = { .peer = B4, .sainfo = longer },
		       b = { .peer = A4, .sainfo = shorter, .extra = "proposal_check claim;" },
		       bs = { .peer = A4, .sainfo = shorter, .extra = "proposal_check strict;" };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	establish(&w);
	assert_int_equal(w.b.add[0].hard.add_seconds, 1800);
	assert_int_equal(w.a.add[0].hard.add_seconds, 1800);
	teardown_pair(&w);
	assert_int_equal(setup_pair(&w, &a, &bs), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 0);
	assert_int_equal(ike_engine_stats(w.b.e)->no_proposal, 1);
	teardown_pair(&w);
}

static void test_refusal_with_responder_cookie(void **state)
{
	struct world w;
	struct ph1_list l;
	uint8_t pkt[28 + 12];

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = drop_all;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	w.net.filter = NULL;
	l = ph1s(&w.a);
	memset(pkt, 0, sizeof(pkt));
	memcpy(pkt, l.v[0].icookie, 8);
	memset(pkt + 8, 0x5a, 8);
	pkt[16] = 11;
	pkt[17] = 0x10;
	pkt[18] = 5;
	pkt[27] = sizeof(pkt);
	pkt[28 + 3] = 12;
	pkt[28 + 7] = 1;
	pkt[28 + 8] = 1;
	pkt[28 + 11] = 14;
	h_net_inject(&w.net, B4, A4, pkt, sizeof(pkt));
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.a.e)->notifies_rx, 1);
	assert_int_equal(ike_engine_stats(w.a.e)->unknown_cookie, 0);
	/* Still waiting for a real answer, with no responder cookie bound. */
	l = ph1s(&w.a);
	assert_int_equal(l.n, 1);
	assert_memory_equal(l.v[0].rcookie, "\0\0\0\0\0\0\0\0", 8);
	teardown_pair(&w);
}

static void test_proposal_mismatch_ph2(void **state)
{
	struct rm_opts a = { .peer = B4,
			     .sainfo = "sainfo anonymous { encryption_algorithm 3des;"
				       " authentication_algorithm hmac_md5;"
				       " compression_algorithm deflate; }" },
		       b = { .peer = A4 };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established1(&w.a), 1);
	assert_int_equal(ike_engine_stats(w.b.e)->no_proposal, 1);
	assert_int_equal(ike_engine_stats(w.a.e)->no_proposal, 1);
	assert_int_equal(ph2s(&w.a).n, 0);
	assert_int_equal(ph2s(&w.b).n, 0);
	/* a dropped its larval SPI; b refused before reserving one. */
	assert_int_equal(w.b.n_getspi, 0);
	assert_int_equal(w.a.n_del, 1);
	teardown_pair(&w);
}

static struct h_pkt *captured[16];
static unsigned ncaptured;

static bool capture(struct h_pkt *p, void *arg)
{
	(void)arg;
	if (ncaptured < 16) {
		struct h_pkt *c = malloc(sizeof(*c) + p->len);

		memcpy(c, p, sizeof(*c) + p->len);
		captured[ncaptured++] = c;
	}
	return true;
}

static void free_captured(void)
{
	for (unsigned i = 0; i < ncaptured; i++)
		free(captured[i]);
	ncaptured = 0;
}

static void redeliver_to(struct world *w, const struct h_pkt *p)
{
	h_net_inject(&w->net, "0.0.0.0", "0.0.0.0", p->buf, p->len);
	w->net.head->src = p->src;
	w->net.head->dst = p->dst;
}

static void redeliver(struct world *w, unsigned i)
{
	redeliver_to(w, captured[i]);
}

static void test_retransmission_answered(void **state)
{
	struct world w;
	unsigned sent_b, getspi_b;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = capture;
	establish(&w);
	w.net.filter = NULL;
	/* Captured: M1..M6, INITIAL-CONTACT, QM1..QM3. */
	assert_true(ncaptured >= 10);
	/* M1 again: answered with the cached M2? No: b moved on; M5 again:
	 * b resends its M6 without decrypting anything. */
	sent_b = w.b.n_sent;
	redeliver(&w, 4);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->retransmits_answered, 1);
	assert_int_equal(w.b.n_sent, sent_b + 1);
	assert_int_equal(established1(&w.b), 1);
	/* QM1 again: the cached QM2, no second GETSPI. */
	getspi_b = w.b.n_getspi;
	redeliver(&w, 7);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->retransmits_answered, 2);
	assert_int_equal(w.b.n_getspi, getspi_b);
	assert_int_equal(established2(&w.b), 1);
	free_captured();
	teardown_pair(&w);
}

static void test_unknown_cookie(void **state)
{
	struct world w;
	uint8_t pkt[28 + 8] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
				0, 0x10, 2, 0, 0, 0, 0, 0, 0, 0, 0, 36 };

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	h_net_inject(&w.net, A4, B4, pkt, 28);
	pkt[27] = 28;
	h_net_inject(&w.net, A4, B4, pkt, 28);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->unknown_cookie, 1);
	assert_int_equal(ike_engine_stats(w.b.e)->malformed, 1);
	assert_int_equal(w.b.n_sent, 0);
	teardown_pair(&w);
}

/* Truncated, garbage and flipped messages are counted and change nothing. */
static bool truncate_m3(struct h_pkt *p, void *arg)
{
	unsigned *n = arg;

	if (++*n == 3)
		p->len -= 5;
	return true;
}

static void test_malformed_counted(void **state)
{
	struct world w;
	unsigned n = 0;
	static const uint8_t garbage[40] = { 0xde, 0xad };

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = truncate_m3;
	w.net.farg = &n;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	w.net.filter = NULL;
	assert_int_equal(ike_engine_stats(w.b.e)->malformed, 1);
	assert_int_equal(established1(&w.a), 0);
	/* The retransmitted M3 completes it. */
	h_net_advance(&w.net, 2000);
	assert_int_equal(established1(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	h_net_inject(&w.net, A4, B4, garbage, sizeof(garbage));
	h_net_inject(&w.net, A4, B4, garbage, 3);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->malformed, 3);
	assert_int_equal(established1(&w.b), 1);
	assert_int_equal(established2(&w.b), 1);
	teardown_pair(&w);
}

/* A protected message with one bit flipped fails its hash or padding and
 * leaves the IV chain intact: the next exchange still works. */
static bool flip_qm1(struct h_pkt *p, void *arg)
{
	unsigned *n = arg;

	if (p->len > 28 && p->buf[18] == 32 && (*n)++ == 0)
		p->buf[p->len - 20] ^= 1;
	return true;
}

static void test_corrupt_protected(void **state)
{
	struct world w;
	unsigned n = 0;
	const struct ike_stats *s;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = flip_qm1;
	w.net.farg = &n;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	s = ike_engine_stats(w.b.e);
	assert_int_equal(s->bad_hash + s->malformed, 1);
	assert_int_equal(established2(&w.b), 0);
	h_net_advance(&w.net, 2000);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	assert_sa_pairs(&w.a, &w.b);
	teardown_pair(&w);
}

static void test_unprotected_info_refused(void **state)
{
	struct world w;
	struct ph1_list l;
	uint8_t pkt[28 + 12];

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	l = ph1s(&w.b);
	/* An unprotected DELETE of the ISAKMP SA with the right cookies. */
	memset(pkt, 0, sizeof(pkt));
	memcpy(pkt, l.v[0].icookie, 8);
	memcpy(pkt + 8, l.v[0].rcookie, 8);
	pkt[16] = 11;   /* N */
	pkt[17] = 0x10;
	pkt[18] = 5;
	pkt[27] = sizeof(pkt);
	pkt[28 + 3] = 12;
	pkt[28 + 7] = 1;  /* DOI */
	pkt[28 + 8] = 1;  /* protocol */
	pkt[28 + 11] = 24; /* notify 24 */
	h_net_inject(&w.net, A4, B4, pkt, sizeof(pkt));
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->unprotected_info, 1);
	assert_int_equal(established1(&w.b), 1);
	teardown_pair(&w);
}

/* ---- Delete, DPD, rekey, timeouts ---- */

static void test_delete_both_ways(void **state)
{
	struct world w;
	struct ph2_list l;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	l = ph2s(&w.a);
	assert_int_equal(ike_delete_ph2(w.a.e, l.v[0].id), 0);
	h_net_run(&w.net);
	/* Both removed both SAs from their kernels. */
	assert_int_equal(w.a.n_del, 2);
	assert_int_equal(w.b.n_del, 2);
	assert_int_equal(ph2s(&w.b).n, 0);
	/* b deletes the ISAKMP SA; a follows. */
	assert_int_equal(ike_delete_ph1(w.b.e, ph1s(&w.b).v[0].id), 0);
	h_net_run(&w.net);
	assert_int_equal(ph1s(&w.a).n, 0);
	assert_int_equal(ph1s(&w.b).n, 0);
	teardown_pair(&w);
}

static void test_kernel_sa_delete_tells_peer(void **state)
{
	struct world w;
	struct km_event ev;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	memset(&ev, 0, sizeof(ev));
	ev.type = KM_EV_SA_DELETE;
	ev.u.sa = w.b.upd[0];
	assert_int_equal(ike_km_event(w.b.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(ph2s(&w.a).n, 0);
	assert_int_equal(ph2s(&w.b).n, 0);
	teardown_pair(&w);
}

static void test_dpd(void **state)
{
	struct rm_opts a = { .peer = B4, .extra = "dpd_delay 5; dpd_retry 2; dpd_maxfail 3;" },
		       b = { .peer = A4, .extra = "dpd_delay 0;" };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	establish(&w);
	/* Alive: R-U-THERE answered, nothing dies. */
	h_net_advance(&w.net, 20000);
	assert_int_equal(ike_engine_stats(w.b.e)->notifies_rx >= 3, 1);
	assert_int_equal(ike_engine_stats(w.a.e)->dpd_dead, 0);
	assert_int_equal(established1(&w.a), 1);
	/* The peer goes silent. */
	w.net.filter = drop_all;
	h_net_advance(&w.net, 20000);
	assert_int_equal(ike_engine_stats(w.a.e)->dpd_dead, 1);
	assert_int_equal(ph1s(&w.a).n, 0);
	assert_int_equal(ph2s(&w.a).n, 0);
	assert_int_equal(w.a.n_del, 2);
	teardown_pair(&w);
}

static void test_rekey_on_soft_expire(void **state)
{
	struct world w;
	struct km_event ev;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	memset(&ev, 0, sizeof(ev));
	ev.type = KM_EV_EXPIRE;
	ev.u.expire.sa = w.a.add[0];
	ev.u.expire.hard = false;
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 2);
	assert_int_equal(established2(&w.b), 2);
	assert_int_equal(w.a.n_add, 2);
	assert_int_equal(w.a.add[1].spi, 0x2001);
	assert_sa_pairs(&w.a, &w.b);
	/* A second soft expire of the same SA does not rekey again. */
	ev.u.expire.sa = w.a.upd[0];
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 2);
	/* Hard: the old one goes, on both sides. */
	ev.u.expire.sa = w.a.add[0];
	ev.u.expire.hard = true;
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	teardown_pair(&w);
}

/* A peer that sets the commit bit: the initiator installs only after
 * the responder's CONNECTED. */
static bool set_commit(struct h_pkt *p, void *arg)
{
	unsigned *n = arg;

	if (p->len > 28 && p->buf[18] == 32 && (*n)++ == 0)
		p->buf[19] |= 2;
	return true;
}

static void test_commit_bit(void **state)
{
	struct world w;
	unsigned n = 0;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = set_commit;
	w.net.farg = &n;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	assert_sa_pairs(&w.a, &w.b);
	/* QM1, QM2, QM3 and the CONNECTED message. */
	assert_int_equal(n, 4);
	teardown_pair(&w);
}

static void test_ph1_rekey(void **state)
{
	struct world w;
	struct ph1_list l;
	struct ph2_list l2;
	unsigned newest = 0;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	/* Proposal lifetime 100 s (as configured below): rekey at 80 s. */
	h_net_advance(&w.net, 81000);
	l = ph1s(&w.a);
	assert_int_equal(l.n, 2);
	assert_int_equal(established1(&w.a), 2);
	assert_int_equal(established1(&w.b), 2);
	for (unsigned i = 0; i < l.n; i++)
		if (l.v[i].id > newest)
			newest = l.v[i].id;
	l2 = ph2s(&w.a);
	assert_int_equal(l2.v[0].ph1_id, newest);
	/* The old one dies at 100 s; the SAs and the new ISAKMP SA stay. */
	h_net_advance(&w.net, 20000);
	assert_int_equal(ph1s(&w.a).n, 1);
	assert_int_equal(ph1s(&w.b).n, 1);
	assert_int_equal(established2(&w.a), 1);
	assert_int_equal(established2(&w.b), 1);
	assert_int_equal(w.a.n_del + w.b.n_del, 0);
	teardown_pair(&w);
}

static void test_half_open_limit(void **state)
{
	struct world w;
	struct h_pkt *m1;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = capture;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	w.net.filter = drop_all;
	h_net_run(&w.net);
	assert_true(ncaptured >= 1);
	m1 = captured[0];
	/* The same M1 under 600 initiator cookies: 512 handles at most. */
	for (unsigned i = 0; i < 600; i++) {
		m1->buf[0] = (uint8_t)i;
		m1->buf[1] = (uint8_t)(i >> 8);
		m1->buf[2] = 0xee;
		redeliver_to(&w, m1);
		w.net.filter = NULL;
		h_net_run(&w.net);
		h_net_clear(&w.net);
	}
	assert_int_equal(ph1s(&w.b).n > 0, 1);
	assert_int_equal(ike_engine_stats(w.b.e)->too_many, 600 - 512);
	free_captured();
	teardown_pair(&w);
}

static void test_establish_command(void **state)
{
	struct world w;
	struct ike_ep l = h_ep(A4), r = h_ep(B4), x = h_ep("192.0.2.99");

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	assert_int_equal(ike_establish(w.a.e, &l, &x), -ENOENT);
	assert_int_equal(ike_establish(w.a.e, &l, &r), 0);
	assert_int_equal(ike_establish(w.a.e, &l, &r), -EALREADY);
	h_net_run(&w.net);
	assert_int_equal(established1(&w.a), 1);
	assert_int_equal(established1(&w.b), 1);
	assert_int_equal(ph2s(&w.a).n, 0);
	teardown_pair(&w);
}

static void test_retransmit_then_timeout(void **state)
{
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	w.net.filter = drop_all;
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(w.a.n_sent, 1);
	h_net_advance(&w.net, 2000);
	assert_int_equal(w.a.n_sent, 2);
	assert_int_equal(ike_engine_stats(w.a.e)->resends, 1);
	h_net_advance(&w.net, 4000);
	assert_int_equal(w.a.n_sent, 4);
	/* counter 3 spent: the next tick gives up. */
	h_net_advance(&w.net, 2000);
	assert_int_equal(w.a.n_sent, 4);
	assert_int_equal(ike_engine_stats(w.a.e)->timeouts, 1);
	assert_int_equal(ph1s(&w.a).n, 0);
	assert_int_equal(ph2s(&w.a).n, 0);
	teardown_pair(&w);
}

static void test_flush(void **state)
{
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	ike_engine_flush(w.a.e);
	h_net_run(&w.net);
	assert_int_equal(w.a.n_del, 2);
	assert_int_equal(ph1s(&w.a).n + ph2s(&w.a).n, 0);
	assert_int_equal(ph1s(&w.b).n + ph2s(&w.b).n, 0);
	assert_int_equal(w.b.n_del, 2);
	teardown_pair(&w);
}

static void test_psk_file(void **state)
{
	char path[512];
	struct secret *k;

	(void)state;
	assert_int_equal(write_file("psk2.txt", "# keys\nx 0xzz\ny 0x123\nz   spaced key  \n"
						"h 0x6D69\n\n  w\tword\n"), 0);
	snprintf(path, sizeof(path), "%s/psk2.txt", tmpdir);
	assert_int_equal(auth_psk_lookup(path, "x", &k), -EINVAL);
	assert_int_equal(auth_psk_lookup(path, "y", &k), -EINVAL);
	assert_int_equal(auth_psk_lookup(path, "nobody", &k), -ENOENT);
	assert_int_equal(auth_psk_lookup(path, "z", &k), 0);
	assert_int_equal(k->len, 10);
	assert_memory_equal(k->data, "spaced key", 10);
	secret_free(k);
	assert_int_equal(auth_psk_lookup(path, "h", &k), 0);
	assert_int_equal(k->len, 2);
	assert_memory_equal(k->data, "mi", 2);
	secret_free(k);
	assert_int_equal(auth_psk_lookup(path, "w", &k), 0);
	assert_memory_equal(k->data, "word", 4);
	secret_free(k);
	assert_int_equal(auth_psk_lookup("/nonexistent/psk", "w", &k), -ENOENT);
}

static void test_no_config_for_peer(void **state)
{
	struct rm_opts a = { .peer = B4 }, b = { .peer = "192.0.2.77" };
	struct world w;

	(void)state;
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->no_config, 1);
	assert_int_equal(ph1s(&w.b).n, 0);
	assert_int_equal(w.b.n_sent, 0);
	/* No remote at all on a's side either. */
	assert_int_equal(acquire_host(&w.a, A4, "192.0.2.78"), -ENOENT);
	assert_int_equal(ike_engine_stats(w.a.e)->no_config, 1);
	teardown_pair(&w);
}

/* Switches b to conf and its credentials as the daemon does: the old pair
 * is freed once the engine has the new one. */
static void reload_b(struct world *w, struct rc_conf *conf)
{
	struct ike_creds *cr;

	assert_int_equal(ike_creds_load(conf, &cr, stderr), 0);
	assert_int_equal(ike_engine_reload(w->b.e, conf, cr), 0);
	ike_creds_free(w->b.creds);
	rc_conf_free(w->b.conf);
	w->b.creds = cr;
	w->b.conf = conf;
}

static void test_reload(void **state)
{
	struct world w;
	struct rc_conf *same, *other;
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	char *t1 = mkconf(&psk_b);
	struct rm_opts x = { .peer = "192.0.2.77" };
	char *t2 = mkconf(&x);

	(void)state;
	assert_int_equal(setup_pair(&w, &psk_a, &psk_b), 0);
	establish(&w);
	assert_int_equal(rc_conf_load_buffer(t1, strlen(t1), "same", &o, &same, &d), 0);
	assert_int_equal(rc_conf_load_buffer(t2, strlen(t2), "other", &o, &other, &d), 0);
	rc_diags_free(&d);
	reload_b(&w, same);
	assert_int_equal(established1(&w.b), 1);
	/* Phase 2 still works over the kept phase 1. */
	assert_int_equal(ike_delete_ph2(w.a.e, ph2s(&w.a).v[0].id), 0);
	h_net_run(&w.net);
	assert_int_equal(acquire_host(&w.a, A4, B4), 0);
	h_net_run(&w.net);
	assert_int_equal(established2(&w.b), 1);
	/* The remote is gone: so is the phase 1. */
	reload_b(&w, other);
	assert_int_equal(ph1s(&w.b).n, 0);
	free(t1);
	free(t2);
	teardown_pair(&w);
}

/* After a reload the engine signs and verifies with the credentials it
 * was given with the new configuration (the old ones are freed). */
static void test_reload_creds(void **state)
{
	char ea[512], eb[512], *tb;
	struct rm_opts a = { .peer = B4, .auth = "rsasig", .extra = ea },
		       b = { .peer = A4, .auth = "rsasig", .extra = eb };
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	struct rc_conf *c;
	struct world w;

	(void)state;
	if (!have_certs)
		skip();
	snprintf(ea, sizeof(ea), "my_identifier asn1dn; certificate_type x509 \"leaf.pem\" \"leaf.key\";"
		 " ca_type x509 \"cas.pem\";");
	snprintf(eb, sizeof(eb), "my_identifier asn1dn; certificate_type x509 \"leaf2.pem\" \"leaf2.key\";"
		 " ca_type x509 \"cas.pem\";");
	assert_int_equal(setup_pair(&w, &a, &b), 0);
	tb = mkconf(&b);
	assert_int_equal(rc_conf_load_buffer(tb, strlen(tb), "b2", &o, &c, &d), 0);
	rc_diags_free(&d);
	reload_b(&w, c);
	establish(&w);
	assert_int_equal(ike_engine_stats(w.b.e)->bad_auth, 0);
	assert_sa_pairs(&w.a, &w.b);
	free(tb);
	teardown_pair(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_main_psk_transport),
		cmocka_unit_test(test_quick_pfs_tunnel),
		cmocka_unit_test(test_support_proxy),
		cmocka_unit_test(test_support_proxy_wrong_identity),
		cmocka_unit_test(test_passive_reuses_ph1),
		cmocka_unit_test(test_acquire_answered),
		cmocka_unit_test(test_acquire_answered_in_progress),
		cmocka_unit_test(test_passive_transport_by_hoa),
		cmocka_unit_test(test_migrate_moves_ph1),
		cmocka_unit_test(test_migrate_stale_tunnel_hint),
		cmocka_unit_test(test_migrate_resends_inflight_qm),
		cmocka_unit_test(test_migrate_rebootstrap),
		cmocka_unit_test(test_migrate_mid_negotiation),
		cmocka_unit_test(test_initial_contact_after_restart),
		cmocka_unit_test(test_main_rsasig),
		cmocka_unit_test(test_frags_interleaved),
		cmocka_unit_test(test_rsasig_untrusted_cert),
		cmocka_unit_test(test_rsasig_files_read_once),
		cmocka_unit_test(test_peer_cert_kept_parsed),
		cmocka_unit_test(test_creds_load_errors),
		cmocka_unit_test(test_rsasig_bad_signature),
		cmocka_unit_test(test_aggressive_psk),
		cmocka_unit_test(test_bad_hash_aggressive),
		cmocka_unit_test(test_wrong_psk_main),
		cmocka_unit_test(test_unknown_identity),
		cmocka_unit_test(test_proposal_mismatch_ph1),
		cmocka_unit_test(test_refusal_with_responder_cookie),
		cmocka_unit_test(test_proposal_check_lifetimes),
		cmocka_unit_test(test_proposal_mismatch_ph2),
		cmocka_unit_test(test_retransmission_answered),
		cmocka_unit_test(test_unknown_cookie),
		cmocka_unit_test(test_malformed_counted),
		cmocka_unit_test(test_corrupt_protected),
		cmocka_unit_test(test_unprotected_info_refused),
		cmocka_unit_test(test_delete_both_ways),
		cmocka_unit_test(test_kernel_sa_delete_tells_peer),
		cmocka_unit_test(test_dpd),
		cmocka_unit_test(test_rekey_on_soft_expire),
		cmocka_unit_test(test_commit_bit),
		cmocka_unit_test(test_ph1_rekey),
		cmocka_unit_test(test_half_open_limit),
		cmocka_unit_test(test_establish_command),
		cmocka_unit_test(test_retransmit_then_timeout),
		cmocka_unit_test(test_flush),
		cmocka_unit_test(test_psk_file),
		cmocka_unit_test(test_no_config_for_peer),
		cmocka_unit_test(test_reload),
		cmocka_unit_test(test_reload_creds),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
