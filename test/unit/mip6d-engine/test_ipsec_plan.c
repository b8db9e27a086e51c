/* IPsec planning: the policies of an IPsecPolicySet and the MIGRATE sets of
 * a movement, against seed 000 and the tables of anchor-behaviour.md. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"
#include "mip6d/ipsec/plan.h"

#define HOA  "2001:db8:ffff::1"
#define HA   "2001:db8:ffff::1000"
#define COA1 "2001:db8:1::10"
#define COA2 "2001:db8:2::10"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 2);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Seed 000's files; the HA's lacks the ';' after HomeAgentAddress (UMIP
 * refuses it as written too), added here. */
static void load_seed000(struct mip6_conf *c, bool ha)
{
	size_t len;
	char *text = slurp(ha ? CONF_FIXTURES "/seed000-ha.conf" : CONF_FIXTURES "/seed000-mn.conf",
			   &len);

	if (ha) {
		char *at = strstr(text, "0::1000\n");
		size_t cut;

		assert_non_null(at);
		cut = (size_t)(at - text) + strlen("0::1000");
		memmove(text + cut + 1, text + cut, len - cut + 1);
		text[cut] = ';';
	}
	load_text(c, text);
	free(text);
}

static struct mip6_ipsec_binding binding(const struct mip6_conf *c, enum node_type role)
{
	struct mip6_ipsec_binding b = { .role = role, .hoa = A(HOA), .ha = A(HA) };

	b.set = mip6_ipsec_find_set(c->ipsec_sets, &b.ha, &b.hoa);
	assert_non_null(b.set);
	return b;
}

static void check_tmpl(const struct ipsec_template *t, enum ipsec_proto proto, enum ipsec_mode mode,
		       const char *src, const char *dst, uint32_t reqid, enum ipsec_level level)
{
	assert_int_equal(t->proto, proto);
	assert_int_equal(t->mode, mode);
	assert_addr(&t->src, src);
	assert_addr(&t->dst, dst);
	assert_int_equal(t->reqid, reqid);
	assert_int_equal(t->level, level);
	assert_int_equal(t->spi, 0);
}

static void check_sel(const struct ipsec_selector *s, const char *src, const char *dst,
		      unsigned proto, int mh_type, unsigned sport)
{
	assert_prefix(&s->src, src);
	assert_prefix(&s->dst, dst);
	assert_int_equal(s->proto, proto);
	assert_int_equal(s->has_mh_type, mh_type >= 0);
	if (mh_type >= 0)
		assert_int_equal(s->mh_type, mh_type);
	assert_int_equal(s->sport, sport);
	assert_int_equal(s->dport, 0);
	assert_int_equal(s->ifindex, 0);
}

static void check_sp(const struct ipsec_policy *p, enum ipsec_dir dir, const char *src,
		     const char *dst, unsigned proto, int mh_type, uint32_t prio,
		     enum ipsec_action action, unsigned ntmpl)
{
	check_sel(&p->sel, src, dst, proto, mh_type, 0);
	assert_int_equal(p->dir, dir);
	assert_int_equal(p->priority, prio);
	assert_int_equal(p->action, action);
	assert_int_equal(p->type, IPSEC_POLICY_MAIN);
	assert_int_equal(p->ntmpl, ntmpl);
}

/* One row of the anchor's MIGRATE tables: one ESP entry, reqid 0. */
static void check_row(const struct ipsec_migrate_msg *m, enum ipsec_dir dir, const char *src,
		      const char *dst, unsigned proto, enum ipsec_mode mode, const char *old_src,
		      const char *old_dst, const char *new_src, const char *new_dst,
		      const char *km_local, const char *km_remote)
{
	check_sel(&m->sel, src, dst, proto, -1, 0);
	assert_int_equal(m->dir, dir);
	assert_int_equal(m->type, IPSEC_POLICY_MAIN);
	assert_int_equal(m->nentries, 1);
	assert_int_equal(m->entries[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(m->entries[0].mode, mode);
	assert_int_equal(m->entries[0].reqid, 0);
	assert_addr(&m->entries[0].old_src, old_src);
	assert_addr(&m->entries[0].old_dst, old_dst);
	assert_addr(&m->entries[0].new_src, new_src);
	assert_addr(&m->entries[0].new_dst, new_dst);
	assert_true(m->has_kmaddress);
	assert_addr(&m->kmaddress.local, km_local);
	assert_addr(&m->kmaddress.remote, km_remote);
}

static void test_seed000_ha_transport(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[8];
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	assert_int_equal(mip6_ipsec_transport_policies(NODE_HA, c.ipsec_sets, p, 8, &n), 0);
	assert_int_equal(n, 2);
	/* As seed 002's "ip xfrm policy": in HoA -> HA proto 135 priority 2. */
	check_sp(&p[0], IPSEC_DIR_IN, HOA "/128", HA "/128", 135, -1, 2, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[0].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TRANSPORT, NULL, NULL, 0,
		   IPSEC_LEVEL_REQUIRE);
	check_sp(&p[1], IPSEC_DIR_OUT, HA "/128", HOA "/128", 135, -1, 2, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[1].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TRANSPORT, NULL, NULL, 0,
		   IPSEC_LEVEL_REQUIRE);
	conf_free(&c);
}

static void test_seed000_mn_transport(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[8];
	size_t n = 0;

	(void)state;
	load_seed000(&c, false);
	assert_int_equal(mip6_ipsec_transport_policies(NODE_MN, c.ipsec_sets, p, 8, &n), 0);
	assert_int_equal(n, 3);
	check_sp(&p[0], IPSEC_DIR_OUT, HOA "/128", HA "/128", 135, -1, 2, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[0].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TRANSPORT, NULL, NULL, 0,
		   IPSEC_LEVEL_REQUIRE);
	check_sp(&p[1], IPSEC_DIR_IN, HA "/128", HOA "/128", 135, -1, 2, IPSEC_ACTION_IPSEC, 1);
	/* BUs to correspondents bypass the HA's MH policy. */
	check_sp(&p[2], IPSEC_DIR_OUT, HOA "/128", "::/0", 135, 5, 4, IPSEC_ACTION_NONE, 0);
	conf_free(&c);
}

static void test_seed000_ha_tunnel(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[8];
	struct mip6_ipsec_binding b;
	struct ip_addr coa = A(COA1);
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	b = binding(&c, NODE_HA);
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &coa, p, 8, &n), 0);
	assert_int_equal(n, 3);
	check_sp(&p[0], IPSEC_DIR_IN, HOA "/128", "::/0", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[0].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA1, HA, 0, IPSEC_LEVEL_REQUIRE);
	check_sp(&p[1], IPSEC_DIR_FWD, HOA "/128", "::/0", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[1].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA1, HA, 0, IPSEC_LEVEL_REQUIRE);
	check_sp(&p[2], IPSEC_DIR_OUT, "::/0", HOA "/128", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[2].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, HA, COA1, 0, IPSEC_LEVEL_REQUIRE);
	conf_free(&c);
}

static void test_seed000_mn_tunnel(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[8];
	struct mip6_ipsec_binding b;
	struct ip_addr coa = A(COA1);
	size_t n = 0;

	(void)state;
	load_seed000(&c, false);
	b = binding(&c, NODE_MN);
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &coa, p, 8, &n), 0);
	assert_int_equal(n, 2);
	check_sp(&p[0], IPSEC_DIR_OUT, HOA "/128", "::/0", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[0].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA1, HA, 0, IPSEC_LEVEL_REQUIRE);
	check_sp(&p[1], IPSEC_DIR_IN, "::/0", HOA "/128", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[1].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, HA, COA1, 0, IPSEC_LEVEL_REQUIRE);
	conf_free(&c);
}

/* anchor-behaviour.md, MN: 4 messages, KMADDRESS local = CoA2, remote = HA. */
static void test_anchor_mn_handover(void **state)
{
	struct mip6_conf c;
	struct ipsec_migrate_msg m[8];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1), c2 = A(COA2);
	size_t n = 0;

	(void)state;
	load_seed000(&c, false);
	b = binding(&c, NODE_MN);
	assert_int_equal(mip6_ipsec_migrates(&b, &c1, &c2, true, m, 8, &n), 0);
	assert_int_equal(n, 4);
	check_row(&m[0], IPSEC_DIR_OUT, HOA "/128", HA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", COA2, HA, COA2, HA);
	check_row(&m[1], IPSEC_DIR_IN, HA "/128", HOA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", HA, COA2, COA2, HA);
	check_row(&m[2], IPSEC_DIR_OUT, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  COA1, HA, COA2, HA, COA2, HA);
	check_row(&m[3], IPSEC_DIR_IN, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL,
		  HA, COA1, HA, COA2, COA2, HA);
	conf_free(&c);
}

/* anchor-behaviour.md, HA: 5 messages, KMADDRESS local = HA, remote = CoA2. */
static void test_anchor_ha_handover(void **state)
{
	struct mip6_conf c;
	struct ipsec_migrate_msg m[8];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1), c2 = A(COA2);
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	b = binding(&c, NODE_HA);
	assert_int_equal(mip6_ipsec_migrates(&b, &c1, &c2, true, m, 8, &n), 0);
	assert_int_equal(n, 5);
	check_row(&m[0], IPSEC_DIR_IN, HOA "/128", HA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", COA2, HA, HA, COA2);
	check_row(&m[1], IPSEC_DIR_OUT, HA "/128", HOA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", HA, COA2, HA, COA2);
	check_row(&m[2], IPSEC_DIR_IN, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  COA1, HA, COA2, HA, HA, COA2);
	check_row(&m[3], IPSEC_DIR_FWD, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  COA1, HA, COA2, HA, HA, COA2);
	check_row(&m[4], IPSEC_DIR_OUT, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL,
		  HA, COA1, HA, COA2, HA, COA2);
	conf_free(&c);
}

/* The anchor's first registration: the same sets with the HoA as the old
 * tunnel endpoint (what a placeholder installation would need). */
static void test_anchor_first_registration_placeholder(void **state)
{
	struct mip6_conf c;
	struct ipsec_migrate_msg m[8];
	struct mip6_ipsec_binding b;
	struct ip_addr hoa = A(HOA), c1 = A(COA1);
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	b = binding(&c, NODE_HA);
	assert_int_equal(mip6_ipsec_migrates(&b, &hoa, &c1, true, m, 8, &n), 0);
	assert_int_equal(n, 5);
	check_row(&m[2], IPSEC_DIR_IN, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  HOA, HA, COA1, HA, HA, COA1);
	check_row(&m[3], IPSEC_DIR_FWD, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  HOA, HA, COA1, HA, HA, COA1);
	check_row(&m[4], IPSEC_DIR_OUT, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL,
		  HA, HOA, HA, COA1, HA, COA1);
	conf_free(&c);

	load_seed000(&c, false);
	b = binding(&c, NODE_MN);
	n = 0;
	assert_int_equal(mip6_ipsec_migrates(&b, &hoa, &c1, true, m, 8, &n), 0);
	assert_int_equal(n, 4);
	check_row(&m[2], IPSEC_DIR_OUT, HOA "/128", "::/0", 255, IPSEC_MODE_TUNNEL,
		  HOA, HA, COA1, HA, COA1, HA);
	check_row(&m[3], IPSEC_DIR_IN, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL,
		  HA, HOA, HA, COA1, COA1, HA);
	conf_free(&c);
}

/* Our first registration: the transport notifications, then the tunnel
 * policies added with the real CoA (no placeholder, nothing to migrate). */
static void test_plan_first_registration(void **state)
{
	struct mip6_conf c;
	static struct mip6_ipsec_op ops[16];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1);
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	b = binding(&c, NODE_HA);
	assert_int_equal(mip6_ipsec_plan_move(&b, NULL, &c1, ops, 16, &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(ops[0].kind, MIP6_IPSEC_MIGRATE);
	check_row(&ops[0].u.mig, IPSEC_DIR_IN, HOA "/128", HA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", COA1, HA, HA, COA1);
	assert_int_equal(ops[1].kind, MIP6_IPSEC_MIGRATE);
	check_row(&ops[1].u.mig, IPSEC_DIR_OUT, HA "/128", HOA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", HA, COA1, HA, COA1);
	for (int i = 2; i < 5; i++)
		assert_int_equal(ops[i].kind, MIP6_IPSEC_SP_ADD);
	assert_int_equal(ops[2].u.sp.dir, IPSEC_DIR_IN);
	check_tmpl(&ops[2].u.sp.tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA1, HA, 0,
		   IPSEC_LEVEL_REQUIRE);
	assert_int_equal(ops[3].u.sp.dir, IPSEC_DIR_FWD);
	assert_int_equal(ops[4].u.sp.dir, IPSEC_DIR_OUT);
	check_tmpl(&ops[4].u.sp.tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, HA, COA1, 0,
		   IPSEC_LEVEL_REQUIRE);
	conf_free(&c);
}

static void test_plan_handover_and_home(void **state)
{
	struct mip6_conf c;
	static struct mip6_ipsec_op ops[16];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1), c2 = A(COA2), hoa = A(HOA);
	size_t n = 0;

	(void)state;
	load_seed000(&c, false);
	b = binding(&c, NODE_MN);
	assert_int_equal(mip6_ipsec_plan_move(&b, &c1, &c2, ops, 16, &n), 0);
	assert_int_equal(n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(ops[i].kind, MIP6_IPSEC_MIGRATE);
	check_row(&ops[3].u.mig, IPSEC_DIR_IN, "::/0", HOA "/128", 255, IPSEC_MODE_TUNNEL,
		  HA, COA1, HA, COA2, COA2, HA);

	/* Back home: the transport notifications name the HoA, the tunnel
	 * policies (still carrying CoA2) are deleted, not migrated. */
	n = 0;
	assert_int_equal(mip6_ipsec_plan_move(&b, &c2, &hoa, ops, 16, &n), 0);
	assert_int_equal(n, 4);
	check_row(&ops[0].u.mig, IPSEC_DIR_OUT, HOA "/128", HA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", HOA, HA, HOA, HA);
	check_row(&ops[1].u.mig, IPSEC_DIR_IN, HA "/128", HOA "/128", 135, IPSEC_MODE_TRANSPORT,
		  "::", "::", HA, HOA, HOA, HA);
	assert_int_equal(ops[2].kind, MIP6_IPSEC_SP_DEL);
	check_sp(&ops[2].u.sp, IPSEC_DIR_OUT, HOA "/128", "::/0", 255, -1, 13, IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&ops[2].u.sp.tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA2, HA, 0,
		   IPSEC_LEVEL_REQUIRE);
	assert_int_equal(ops[3].kind, MIP6_IPSEC_SP_DEL);
	assert_int_equal(ops[3].u.sp.dir, IPSEC_DIR_IN);

	/* Nothing to do: same endpoint, or at home with nothing installed. */
	n = 0;
	assert_int_equal(mip6_ipsec_plan_move(&b, &c2, &c2, ops, 16, &n), 0);
	assert_int_equal(mip6_ipsec_plan_move(&b, NULL, &hoa, ops, 16, &n), 0);
	assert_int_equal(n, 0);
	conf_free(&c);
}

static const char *mr_conf =
	"NodeConfig MN;\n"
	"MnHomeLink \"eth0\" {\n"
	"  HomeAgentAddress 2001:db8:ffff::1000;\n"
	"  HomeAddress 2001:db8:ffff::1/64 (2001:db8:aaaa::/48);\n"
	"  IsMobRtr enabled;\n"
	"}\n"
	"UseMnHaIPsec enabled;\n"
	"IPsecPolicySet {\n"
	"  HomeAgentAddress 2001:db8:ffff::1000;\n"
	"  HomeAddress 2001:db8:ffff::1/64;\n"
	"  IPsecPolicy Mh UseESP 1;\n"
	"  IPsecPolicy TunnelPayload UseESP 2;\n"
	"}\n";

/* A NEMO mobile router: per-prefix OUT, IN and FWD policies, and the FWD
 * one is migrated too (UMIP sends IN twice and never moves it). */
static void test_nemo_mr(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[16];
	struct ipsec_migrate_msg m[16];
	struct mip6_ipsec_binding b;
	struct ip_prefix mnp = P("2001:db8:aaaa::/48");
	struct ip_addr c1 = A(COA1), c2 = A(COA2);
	size_t n = 0;

	(void)state;
	load_text(&c, mr_conf);
	b = binding(&c, NODE_MN);
	b.mnps = &mnp;
	b.n_mnps = 1;
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 16, &n), 0);
	assert_int_equal(n, 7);
	check_sp(&p[2], IPSEC_DIR_OUT, "2001:db8:aaaa::/48", "::/0", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[2].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, COA1, HA, 2,
		   IPSEC_LEVEL_REQUIRE);
	check_sp(&p[3], IPSEC_DIR_IN, "::/0", "2001:db8:aaaa::/48", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[3].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, HA, COA1, 2,
		   IPSEC_LEVEL_REQUIRE);
	check_sp(&p[4], IPSEC_DIR_FWD, "::/0", "2001:db8:aaaa::/48", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	/* The MR's own traffic with its mobile network is not tunnelled. */
	check_sp(&p[5], IPSEC_DIR_OUT, "::/0", "2001:db8:aaaa::/48", 255, -1, 9,
		 IPSEC_ACTION_NONE, 0);
	check_sp(&p[6], IPSEC_DIR_IN, "2001:db8:aaaa::/48", "::/0", 255, -1, 9,
		 IPSEC_ACTION_NONE, 0);

	n = 0;
	assert_int_equal(mip6_ipsec_migrates(&b, &c1, &c2, true, m, 16, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(m[0].entries[0].reqid, 1);
	assert_int_equal(m[2].entries[0].reqid, 2);
	assert_int_equal(m[6].dir, IPSEC_DIR_FWD);
	check_sel(&m[6].sel, "::/0", "2001:db8:aaaa::/48", 255, -1, 0);
	assert_addr(&m[6].entries[0].old_src, HA);
	assert_addr(&m[6].entries[0].old_dst, COA1);
	assert_addr(&m[6].entries[0].new_dst, COA2);
	conf_free(&c);

	/* The HA side of the same prefix: IN and FWD from it, OUT to it. */
	load_text(&c, "NodeConfig HA; Interface \"eth0\"; UseMnHaIPsec enabled;\n"
		      "IPsecPolicySet { HomeAgentAddress 2001:db8:ffff::1000;\n"
		      "HomeAddress 2001:db8:ffff::1/64; IPsecPolicy TunnelPayload UseESP; }\n");
	b = binding(&c, NODE_HA);
	b.mnps = &mnp;
	b.n_mnps = 1;
	n = 0;
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 16, &n), 0);
	assert_int_equal(n, 6);
	check_sp(&p[3], IPSEC_DIR_IN, "2001:db8:aaaa::/48", "::/0", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[4], IPSEC_DIR_FWD, "2001:db8:aaaa::/48", "::/0", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[5], IPSEC_DIR_OUT, "::/0", "2001:db8:aaaa::/48", 255, -1, 13,
		 IPSEC_ACTION_IPSEC, 1);
	check_tmpl(&p[5].tmpl[0], IPSEC_PROTO_ESP, IPSEC_MODE_TUNNEL, HA, COA1, 0,
		   IPSEC_LEVEL_REQUIRE);
	conf_free(&c);
}

/* Seed 002: two sets on one HA, reqids 1/2 and 3/4. */
static void test_seed002_reqids(void **state)
{
	struct mip6_conf c;
	struct conf_opts o = { .diag = fixture_diag, .include_root = CONF_FIXTURES "/seed002" };
	struct ipsec_policy p[8];
	struct ip_addr ha = A("2001:1::1"), dave = A("2001:1::20"), c1 = A(COA1);
	struct mip6_ipsec_binding b = { .role = NODE_HA, .hoa = dave, .ha = ha };
	size_t n = 0;

	(void)state;
	conf_init(&c);
	assert_int_equal(conf_load_file(&c, CONF_FIXTURES "/seed002/etc/mip6d.conf", &o), 0);
	b.set = mip6_ipsec_find_set(c.ipsec_sets, &ha, &dave);
	assert_non_null(b.set);
	assert_int_equal(mip6_ipsec_transport_policies(NODE_HA, b.set, p, 8, &n), 0);
	assert_int_equal(n, 2);
	check_sp(&p[0], IPSEC_DIR_IN, "2001:1::20/128", "2001:1::1/128", 135, -1, 2,
		 IPSEC_ACTION_IPSEC, 1);
	assert_int_equal(p[0].tmpl[0].reqid, 3);
	assert_int_equal(p[1].tmpl[0].reqid, 3);
	n = 0;
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 8, &n), 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(p[i].tmpl[0].reqid, 4);
	assert_null(mip6_ipsec_find_set(c.ipsec_sets, &ha, &c1));
	assert_null(mip6_ipsec_find_set(c.ipsec_sets, &c1, &dave));
	conf_free(&c);
}

/* Every policy type, two reqids, several protocols, a blocking line. */
static void test_policy_types(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[32];
	struct ipsec_migrate_msg m[32];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1), c2 = A(COA2);
	size_t n = 0;

	(void)state;
	load_text(&c, "NodeConfig MN;\n"
		      "MnHomeLink \"eth0\" { HomeAgentAddress 2001:db8:ffff::1000;\n"
		      "  HomeAddress 2001:db8:ffff::1/64; }\n"
		      "UseMnHaIPsec enabled;\n"
		      "IPsecPolicySet { HomeAgentAddress 2001:db8:ffff::1000;\n"
		      "  HomeAddress 2001:db8:ffff::1/64;\n"
		      "  IPsecPolicy HomeRegBinding UseESP UseAH UseIPComp 11 12;\n"
		      "  IPsecPolicy MobPfxDisc UseESP 13 false;\n"
		      "  IPsecPolicy TunnelMh UseESP 15 16;\n"
		      "}\n");
	b = binding(&c, NODE_MN);
	assert_int_equal(mip6_ipsec_transport_policies(NODE_MN, b.set, p, 32, &n), 0);
	assert_int_equal(n, 5);
	/* HomeRegBinding: the BU out, the BA in, templates IPComp, ESP, AH. */
	check_sp(&p[0], IPSEC_DIR_OUT, HOA "/128", HA "/128", 135, 5, 2, IPSEC_ACTION_IPSEC, 3);
	check_tmpl(&p[0].tmpl[0], IPSEC_PROTO_IPCOMP, IPSEC_MODE_TRANSPORT, NULL, NULL, 11,
		   IPSEC_LEVEL_USE);
	check_tmpl(&p[0].tmpl[1], IPSEC_PROTO_ESP, IPSEC_MODE_TRANSPORT, NULL, NULL, 11,
		   IPSEC_LEVEL_REQUIRE);
	check_tmpl(&p[0].tmpl[2], IPSEC_PROTO_AH, IPSEC_MODE_TRANSPORT, NULL, NULL, 11,
		   IPSEC_LEVEL_REQUIRE);
	check_sp(&p[1], IPSEC_DIR_IN, HA "/128", HOA "/128", 135, 6, 2, IPSEC_ACTION_IPSEC, 3);
	assert_int_equal(p[1].tmpl[1].reqid, 12);
	/* The other MH messages from the HA pass. */
	check_sp(&p[2], IPSEC_DIR_IN, HA "/128", HOA "/128", 135, -1, 3, IPSEC_ACTION_NONE, 0);
	/* MobPfxDisc: ICMPv6 MPS out, MPA in, priority 5; blocked here. */
	check_sel(&p[3].sel, HOA "/128", HA "/128", 58, -1, 146);
	assert_int_equal(p[3].priority, 5);
	assert_int_equal(p[3].action, IPSEC_ACTION_DISCARD);
	assert_int_equal(p[3].ntmpl, 0);
	check_sel(&p[4].sel, HA "/128", HOA "/128", 58, -1, 147);

	/* TunnelMh: all MH through the tunnel at priority 10, plus BUs from
	 * correspondents to the HoA at 7. */
	n = 0;
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 32, &n), 0);
	assert_int_equal(n, 3);
	check_sp(&p[0], IPSEC_DIR_OUT, HOA "/128", "::/0", 135, -1, 10, IPSEC_ACTION_IPSEC, 1);
	assert_int_equal(p[0].tmpl[0].reqid, 15);
	check_sp(&p[1], IPSEC_DIR_IN, "::/0", HOA "/128", 135, -1, 10, IPSEC_ACTION_IPSEC, 1);
	assert_int_equal(p[1].tmpl[0].reqid, 16);
	check_sp(&p[2], IPSEC_DIR_IN, "::/0", HOA "/128", 135, 5, 7, IPSEC_ACTION_IPSEC, 1);

	/* MIGRATEs: one entry per protocol, in template order; the blocking
	 * line has nothing to migrate. */
	n = 0;
	assert_int_equal(mip6_ipsec_migrates(&b, &c1, &c2, true, m, 32, &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(m[0].nentries, 3);
	assert_int_equal(m[0].entries[0].proto, IPSEC_PROTO_IPCOMP);
	assert_int_equal(m[0].entries[1].proto, IPSEC_PROTO_ESP);
	assert_int_equal(m[0].entries[2].proto, IPSEC_PROTO_AH);
	assert_int_equal(m[0].entries[2].reqid, 11);
	assert_true(m[0].sel.has_mh_type);
	assert_int_equal(m[1].entries[0].reqid, 12);
	assert_int_equal(m[4].sel.mh_type, 5);
	assert_addr(&m[4].entries[0].old_dst, COA1);
	assert_addr(&m[4].entries[0].new_dst, COA2);
	conf_free(&c);
}

/* HA transport lines for ICMP, any and TunnelHomeTesting selectors. */
static void test_ha_icmp_any_hometesting(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[16];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1);
	size_t n = 0;

	(void)state;
	load_text(&c, "NodeConfig HA; Interface \"eth0\"; UseMnHaIPsec enabled;\n"
		      "IPsecPolicySet { HomeAgentAddress 2001:db8:ffff::1000;\n"
		      "HomeAddress 2001:db8:ffff::1/64; HomeAddress 2001:db8:ffff::2/64;\n"
		      "IPsecPolicy HomeRegBinding UseESP; IPsecPolicy ICMP UseESP;\n"
		      "IPsecPolicy TunnelHomeTesting UseESP; }\n"
		      "IPsecPolicySet { HomeAgentAddress 2001:db8:ffff::1000;\n"
		      "HomeAddress 2001:db8:ffff::3/64; IPsecPolicy any UseESP; }\n");
	assert_int_equal(mip6_ipsec_transport_policies(NODE_HA, c.ipsec_sets, p, 16, &n), 0);
	/* Two HoAs, two transport lines, two directions. */
	assert_int_equal(n, 8);
	check_sp(&p[0], IPSEC_DIR_IN, HOA "/128", HA "/128", 135, 5, 2, IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[1], IPSEC_DIR_OUT, HA "/128", HOA "/128", 135, 6, 2, IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[2], IPSEC_DIR_IN, HOA "/128", HA "/128", 58, -1, 5, IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[4], IPSEC_DIR_IN, "2001:db8:ffff::2/128", HA "/128", 135, 5, 2,
		 IPSEC_ACTION_IPSEC, 1);
	n = 0;
	assert_int_equal(mip6_ipsec_transport_policies(NODE_HA, c.ipsec_sets->next, p, 16, &n), 0);
	assert_int_equal(n, 2);
	check_sp(&p[0], IPSEC_DIR_IN, "2001:db8:ffff::3/128", HA "/128", 255, -1, 5,
		 IPSEC_ACTION_IPSEC, 1);

	b = binding(&c, NODE_HA);
	n = 0;
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 16, &n), 0);
	assert_int_equal(n, 3);
	check_sp(&p[0], IPSEC_DIR_IN, HOA "/128", "::/0", 135, 1, 10, IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[1], IPSEC_DIR_FWD, HOA "/128", "::/0", 135, 1, 10, IPSEC_ACTION_IPSEC, 1);
	check_sp(&p[2], IPSEC_DIR_OUT, "::/0", HOA "/128", 135, 3, 10, IPSEC_ACTION_IPSEC, 1);
	conf_free(&c);
}

static void test_errors(void **state)
{
	struct mip6_conf c;
	struct ipsec_policy p[2];
	struct ipsec_migrate_msg m[8];
	static struct mip6_ipsec_op ops[2];
	struct mip6_ipsec_binding b;
	struct ip_addr c1 = A(COA1), none = { .family = AF_UNSPEC };
	size_t n = 0;

	(void)state;
	load_seed000(&c, true);
	b = binding(&c, NODE_HA);
	assert_int_equal(mip6_ipsec_transport_policies(NODE_CN, c.ipsec_sets, p, 2, &n), -EINVAL);
	/* Too small: what fits is counted. */
	assert_int_equal(mip6_ipsec_transport_policies(NODE_HA, c.ipsec_sets, p, 1, &n), -ENOSPC);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(mip6_ipsec_migrates(&b, &c1, &none, true, m, 8, &n), -EINVAL);
	assert_int_equal(mip6_ipsec_migrates(&b, &none, &c1, true, m, 8, &n), -EINVAL);
	assert_int_equal(mip6_ipsec_migrates(&b, NULL, &c1, false, m, 8, &n), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(mip6_ipsec_plan_move(&b, NULL, &c1, ops, 2, &n), -ENOSPC);
	b.role = NODE_CN;
	assert_int_equal(mip6_ipsec_plan_move(&b, NULL, &c1, ops, 2, &n), -EINVAL);
	assert_int_equal(mip6_ipsec_tunnel_policies(&b, &c1, p, 2, &n), -EINVAL);
	/* No set for the binding: no IPsec at all. */
	b.role = NODE_HA;
	b.set = NULL;
	n = 0;
	assert_int_equal(mip6_ipsec_plan_move(&b, NULL, &c1, ops, 2, &n), 0);
	assert_int_equal(n, 0);
	conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000_ha_transport),
		cmocka_unit_test(test_seed000_mn_transport),
		cmocka_unit_test(test_seed000_ha_tunnel),
		cmocka_unit_test(test_seed000_mn_tunnel),
		cmocka_unit_test(test_anchor_mn_handover),
		cmocka_unit_test(test_anchor_ha_handover),
		cmocka_unit_test(test_anchor_first_registration_placeholder),
		cmocka_unit_test(test_plan_first_registration),
		cmocka_unit_test(test_plan_handover_and_home),
		cmocka_unit_test(test_nemo_mr),
		cmocka_unit_test(test_seed002_reqids),
		cmocka_unit_test(test_policy_types),
		cmocka_unit_test(test_ha_icmp_any_hometesting),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
