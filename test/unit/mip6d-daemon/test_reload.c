/* SIGHUP reload: the policy difference (put new and changed, delete gone,
 * keep identical), the settings refused until restart, the start-time
 * policies brought to a new file (and reverted when the kernel refuses),
 * and whole reloads of an HA with a binding and of an MN away from home
 * with fake kernel operations. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeops.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/reload.h"
#include "mip6d/ha/spdiff.h"
#include "mip6d/mh/mh.h"

#define HOA  "2001:db8:ffff::1"
#define HOA2 "2001:db8:ffff::2"
#define HA   "2001:db8:ffff::1000"
#define COA1 "2001:db8:1::5"

static struct ip_addr ad(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static struct ip_prefix pf(const char *s)
{
	struct ip_prefix p;

	assert_int_equal(prefix_parse(&p, s), 0);
	return p;
}

static struct ipsec_policy pol(const char *src, const char *dst, enum ipsec_dir dir,
			       uint32_t reqid)
{
	struct ipsec_policy p;

	memset(&p, 0, sizeof(p));
	p.sel.src = pf(src);
	p.sel.dst = pf(dst);
	p.sel.proto = IPSEC_PROTO_MH;
	p.dir = dir;
	p.priority = 2;
	p.ntmpl = 1;
	p.tmpl[0].proto = IPSEC_PROTO_ESP;
	p.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	p.tmpl[0].reqid = reqid;
	return p;
}

/* --- sp_diff --- */

static void diff_identical(void **state)
{
	struct ipsec_policy a[2] = { pol(HOA "/128", HA "/128", IPSEC_DIR_IN, 1),
				     pol(HA "/128", HOA "/128", IPSEC_DIR_OUT, 2) };
	struct ipsec_policy b[2] = { a[1], a[0] };
	const struct ipsec_policy *put[2], *del[2];
	size_t np, nd;

	(void)state;
	b[0].index = 77;        /* the kernel's index does not matter */
	sp_diff(a, 2, b, 2, put, &np, del, &nd);
	assert_int_equal(np, 0);
	assert_int_equal(nd, 0);
	sp_diff(NULL, 0, NULL, 0, put, &np, del, &nd);
	assert_int_equal(np + nd, 0);
}

static void diff_added_removed(void **state)
{
	struct ipsec_policy old[2] = { pol(HOA "/128", HA "/128", IPSEC_DIR_IN, 1),
				       pol(HOA2 "/128", HA "/128", IPSEC_DIR_IN, 1) };
	struct ipsec_policy nw[2] = { old[0], pol("2001:db8:ffff::3/128", HA "/128",
						  IPSEC_DIR_IN, 1) };
	const struct ipsec_policy *put[2], *del[2];
	size_t np, nd;

	(void)state;
	sp_diff(old, 2, nw, 2, put, &np, del, &nd);
	assert_int_equal(np, 1);
	assert_ptr_equal(put[0], &nw[1]);
	assert_int_equal(nd, 1);
	assert_ptr_equal(del[0], &old[1]);
	/* everything new / everything gone */
	sp_diff(NULL, 0, nw, 2, put, &np, del, &nd);
	assert_int_equal(np, 2);
	assert_int_equal(nd, 0);
	sp_diff(old, 2, NULL, 0, put, &np, del, &nd);
	assert_int_equal(np, 0);
	assert_int_equal(nd, 2);
	assert_ptr_equal(del[0], &old[0]);
	assert_ptr_equal(del[1], &old[1]);
}

/* A changed policy in the same place is put (replaced in place), never
 * deleted: there is no moment without it. */
static void diff_changed_in_place(void **state)
{
	struct ipsec_policy old = pol(HOA "/128", HA "/128", IPSEC_DIR_IN, 1);
	struct ipsec_policy nw;
	const struct ipsec_policy *put[1], *del[1];
	size_t np, nd;

	(void)state;
	nw = old;
	nw.tmpl[0].reqid = 9;
	sp_diff(&old, 1, &nw, 1, put, &np, del, &nd);
	assert_int_equal(np, 1);
	assert_int_equal(nd, 0);
	nw = old;
	nw.priority = 5;
	assert_true(sp_same_place(&old, &nw));
	assert_false(sp_equal(&old, &nw));
	sp_diff(&old, 1, &nw, 1, put, &np, del, &nd);
	assert_int_equal(np, 1);
	assert_int_equal(nd, 0);
	nw = old;
	nw.action = IPSEC_ACTION_DISCARD;
	assert_false(sp_equal(&old, &nw));
	nw = old;
	nw.ntmpl = 2;
	nw.tmpl[1].proto = IPSEC_PROTO_AH;
	assert_false(sp_equal(&old, &nw));
	nw = old;
	nw.tmpl[0].mode = IPSEC_MODE_TUNNEL;
	nw.tmpl[0].src = ad(HA);
	nw.tmpl[0].dst = ad(COA1);
	assert_false(sp_equal(&old, &nw));
}

/* Another direction, type or selector is another place: delete + put. */
static void diff_other_place(void **state)
{
	struct ipsec_policy old = pol(HOA "/128", HA "/128", IPSEC_DIR_IN, 1);
	struct ipsec_policy nw[3];
	const struct ipsec_policy *put[3], *del[1];
	size_t np, nd;

	(void)state;
	nw[0] = old;
	nw[0].dir = IPSEC_DIR_FWD;
	nw[1] = old;
	nw[1].type = IPSEC_POLICY_SUB;
	nw[2] = old;
	nw[2].sel.has_mh_type = true;
	nw[2].sel.mh_type = 5;
	for (int i = 0; i < 3; i++)
		assert_false(sp_same_place(&old, &nw[i]));
	sp_diff(&old, 1, nw, 3, put, &np, del, &nd);
	assert_int_equal(np, 3);
	assert_int_equal(nd, 1);
}

/* --- settings refused until restart --- */

static const char fixed_a[] =
	"NodeConfig MN;\nInterface \"eth0\" { MnIfPreference 1; }\n"
	"MnHomeLink \"eth0\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n}\n"
	"UseMnHaIPsec enabled;\nMnMaxHaBindingLife 600;\n";

static void load(struct mip6_conf *c, const char *text, const char *name)
{
	conf_init(c);
	assert_int_equal(conf_load_string(c, text, strlen(text), name, NULL), 0);
}

struct refused {
	char kw[8][32];
	int n;
};

static void note(void *ctx, const char *kw)
{
	struct refused *r = ctx;

	snprintf(r->kw[r->n++], sizeof(r->kw[0]), "%s", kw);
}

static void fixed_none(void **state)
{
	struct mip6_conf cur, nc;
	struct refused r = { .n = 0 };

	(void)state;
	load(&cur, fixed_a, "a");
	load(&nc, fixed_a, "b");
	nc.mn_max_ha_binding_life = 60;
	assert_int_equal(reload_keep_fixed(&cur, &nc, note, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(nc.mn_max_ha_binding_life, 60);
	conf_free(&cur);
	conf_free(&nc);
}

static void fixed_each(void **state)
{
	static const char b[] =
		"NodeConfig HA;\nInterface \"eth1\";\nUseMnHaIPsec disabled;\nHaMaxBindingLife 40;\n";
	struct mip6_conf cur, nc;
	struct refused r = { .n = 0 };

	(void)state;
	load(&cur, fixed_a, "a.conf");
	load(&nc, b, "b.conf");
	assert_int_equal(reload_keep_fixed(&cur, &nc, note, &r), 4);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.kw[0], "NodeConfig");
	assert_string_equal(r.kw[1], "Interface");
	assert_string_equal(r.kw[2], "MnHomeLink");
	assert_string_equal(r.kw[3], "UseMnHaIPsec");
	assert_int_equal(nc.node_type, NODE_MN);
	assert_true(nc.use_mnha_ipsec);
	assert_string_equal(nc.ifaces->name, "eth0");
	assert_non_null(nc.home_links);
	assert_string_equal(nc.home_links->ifname, "eth0");
	/* the rest is the new file's */
	assert_int_equal(nc.ha_max_binding_life, 40);
	/* cur holds the refused lists, to be freed with it */
	assert_string_equal(cur.ifaces->name, "eth1");
	assert_null(cur.home_links);
	conf_free(&cur);
	/* the kept lists still name their file (moved to nc) */
	assert_string_equal(nc.ifaces->loc.file, "a.conf");
	assert_string_equal(nc.home_links->loc.file, "a.conf");
	conf_free(&nc);
}

static void fixed_home_link_fields(void **state)
{
	static const char *const variants[] = {
		"MnHomeLink \"eth0\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA2 "/64;\n}\n",
		"MnHomeLink \"eth0\" {\nHomeAgentAddress ::;\nHomeAddress " HOA "/64;\n}\n",
		"MnHomeLink \"eth0\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
		"IsMobRtr enabled;\n}\n",
		"MnHomeLink \"eth0\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
		"HomePrefix 2001:db8:ffff::/48;\n}\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		char text[512];
		struct mip6_conf cur, nc;
		struct refused r = { .n = 0 };
		struct ip_addr hoa = ad(HOA);

		snprintf(text, sizeof(text),
			 "NodeConfig MN;\nInterface \"eth0\" { MnIfPreference 1; }\n%s"
			 "UseMnHaIPsec enabled;\nMnMaxHaBindingLife 600;\n", variants[i]);
		load(&cur, fixed_a, "a");
		load(&nc, text, "b");
		assert_int_equal(reload_keep_fixed(&cur, &nc, note, &r), 1);
		assert_string_equal(r.kw[0], "MnHomeLink");
		assert_true(addr_eq(&nc.home_links->hoa.addr, &hoa));
		assert_string_equal(nc.home_links->loc.file, "a");
		conf_free(&cur);
		conf_free(&nc);
	}
}

/* --- start-time policies --- */

static const char ha_a[] =
	"NodeConfig HA;\nInterface \"lo\";\nUseMnHaIPsec enabled;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"HomeAddress " HOA2 "/64;\nIPsecPolicy Mh UseESP 10 11;\n"
	"IPsecPolicy TunnelPayload UseESP 20 21;\n}\n";

static const char ha_b[] =  /* HoA2 gone, HoA 3 new, HoA unchanged */
	"NodeConfig HA;\nInterface \"lo\";\nUseMnHaIPsec enabled;\nHaMaxBindingLife 120;\n"
	"BindingAclPolicy 2001:db8:ffff::7 deny;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"HomeAddress 2001:db8:ffff::3/64;\nIPsecPolicy Mh UseESP 10 11;\n}\n";

static void startsp_by_difference(void **state)
{
	static struct fake f;
	static struct startsp s;
	struct mip6_conf a, b;
	size_t np, nd, first_del = 0, last_put = 0;

	(void)state;
	load(&a, ha_a, "a");
	load(&b, ha_b, "b");
	fake_reset(&f);
	assert_int_equal(startsp_install(&s, &fake_ops, &f, &a), 0);
	assert_int_equal(s.n, 4 + 4);   /* ND bypass + 2 per HoA */
	fake_reset(&f);
	assert_int_equal(startsp_reload(&s, &fake_ops, &f, &b, &np, &nd), 0);
	assert_int_equal(np, 2);
	assert_int_equal(nd, 2);
	assert_int_equal(f.n, 4);
	for (size_t i = 0; i < f.n; i++) {
		if (!strncmp(f.log[i], "sp_update", 9))
			last_put = i;
		else if (!first_del)
			first_del = i;
	}
	assert_true(last_put < first_del);
	assert_int_equal(fake_count(&f, "sp_update main in 2001:db8:ffff::3/128"), 1);
	assert_int_equal(fake_count(&f, "sp_update main out " HA "/128 2001:db8:ffff::3/128"), 1);
	assert_int_equal(fake_count(&f, "sp_delete main in " HOA2 "/128"), 1);
	assert_int_equal(fake_count(&f, "sp_delete main out " HA "/128 " HOA2 "/128"), 1);
	assert_int_equal(fake_count(&f, "sp_update main in " HOA "/128"), 0);
	assert_int_equal(s.n, 8);
	/* the same file again: nothing to do */
	fake_reset(&f);
	assert_int_equal(startsp_reload(&s, &fake_ops, &f, &b, &np, &nd), 0);
	assert_int_equal(f.n, 0);
	/* removal at exit removes the reloaded set */
	startsp_remove(&s, &fake_ops, &f);
	assert_int_equal(fake_count(&f, "sp_delete main in 2001:db8:ffff::3/128"), 1);
	assert_int_equal(fake_count(&f, "sp_delete main in " HOA2), 0);
	conf_free(&a);
	conf_free(&b);
}

static void startsp_refused_is_reverted(void **state)
{
	static struct fake f;
	static struct startsp s;
	struct mip6_conf a, b;
	size_t np, nd;

	(void)state;
	load(&a, ha_a, "a");
	load(&b, ha_b, "b");
	/* one HoA's reqids changed too: a put replaces in place */
	b.ipsec_sets->policies->reqid_toha = 30;
	fake_reset(&f);
	assert_int_equal(startsp_install(&s, &fake_ops, &f, &a), 0);
	fake_reset(&f);
	f.fail = "sp_update";
	assert_int_equal(startsp_reload(&s, &fake_ops, &f, &b, &np, &nd), -EIO);
	assert_int_equal(np + nd, 0);
	assert_int_equal(fake_count(&f, "sp_delete"), 0);
	assert_int_equal(s.n, 8);
	/* what is installed is still a's */
	f.fail = NULL;
	fake_reset(&f);
	assert_int_equal(startsp_reload(&s, &fake_ops, &f, &a, &np, &nd), 0);
	assert_int_equal(f.n, 0);
	startsp_remove(&s, &fake_ops, &f);
	conf_free(&a);
	conf_free(&b);
}

/* --- a whole reload --- */

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/test_reload.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

struct hactx {
	struct mip6_conf conf;
	struct timerq q;
	struct timer_manual_clock clk;
	struct fake f;
	struct hag g;
	struct startsp s;
};

static void feed_bu(struct hactx *c, const char *hoa, uint16_t seq, uint16_t life)
{
	struct mh_msg m;
	struct sys_mh_info info;
	uint8_t buf[256];
	int len;

	memset(&m, 0, sizeof(m));
	m.type = MH_BU;
	m.payload_proto = 59;
	m.u.bu.seq = seq;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H;
	m.u.bu.lifetime = life;
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_true(len > 0);
	memset(&info, 0, sizeof(info));
	info.src = ad(hoa);
	info.dst = ad(HA);
	info.has_hao = true;
	info.hao = ad(COA1);
	hag_input(&c->g, buf, (size_t)len, &info);
}

static struct mh_msg last_ba(struct hactx *c)
{
	struct mh_msg m;

	assert_true(mh_parse(&m, c->f.mh, c->f.mh_len) > 0);
	assert_int_equal(m.type, MH_BA);
	return m;
}

static void ha_reload(void **state)
{
	static struct hactx c;
	static struct ip_prefix home;
	struct ha_config cfg;
	struct reload_target t;
	struct reload_result res;
	struct ip_addr hoa3;
	char *path;

	(void)state;
	memset(&c, 0, sizeof(c));
	load(&c.conf, ha_a, "a");
	timerq_init(&c.q, timer_manual_clock_read, &c.clk);
	fake_reset(&c.f);
	home = pf("2001:db8:ffff::/64");
	memset(&cfg, 0, sizeof(cfg));
	cfg.conf = &c.conf;
	cfg.home_prefixes = &home;
	cfg.n_home_prefixes = 1;
	assert_int_equal(startsp_install(&c.s, &fake_ops, &c.f, &c.conf), 0);
	assert_int_equal(hag_init(&c.g, &c.q, &cfg, &fake_ops, &c.f, 2, NULL), 0);
	feed_bu(&c, HOA, 1, 1000);
	assert_int_equal(last_ba(&c).u.ba.status, 0);
	assert_int_equal(last_ba(&c).u.ba.lifetime, 1000);
	feed_bu(&c, HOA2, 1, 1000);
	assert_int_equal(bcache_count(ha_bcache(&c.g.ha)), 2);

	path = write_tmp(ha_b);
	memset(&t, 0, sizeof(t));
	t.ops = &fake_ops;
	t.k = &c.f;
	t.ssp = &c.s;
	t.ha = &c.g;
	fake_reset(&c.f);
	assert_int_equal(reload_run(&c.conf, path, -1, -1, &t, &res), 0);
	assert_int_equal(res.refused, 0);
	assert_int_equal(res.sp_put, 2);
	assert_int_equal(res.sp_del, 2);
	/* TunnelPayload is gone: both bindings lose their tunnel policies
	 * (HA: IN, FWD, OUT each), nothing is put for them */
	assert_int_equal(res.bind_put, 0);
	assert_int_equal(res.bind_del, 6);
	assert_int_equal(res.bind_failed, 0);
	assert_int_equal(fake_count(&c.f, "sp_delete main fwd"), 2);
	/* the engine uses the new file: HaMaxBindingLife 120 (30 units), ACL */
	assert_int_equal(c.conf.ha_max_binding_life, 120);
	feed_bu(&c, HOA, 2, 1000);
	assert_int_equal(last_ba(&c).u.ba.status, 0);
	assert_int_equal(last_ba(&c).u.ba.lifetime, 30);
	feed_bu(&c, "2001:db8:ffff::7", 1, 10);
	assert_int_equal(last_ba(&c).u.ba.status, 129);
	/* a file with an error: reported, nothing changes */
	unlink(path);
	path = write_tmp("NodeConfig HA;\nInterface \"lo\"\nHaMaxBindingLife 8;\n");
	fake_reset(&c.f);
	assert_int_equal(reload_run(&c.conf, path, -1, -1, &t, &res), -EINVAL);
	assert_int_equal(c.f.n, 0);
	assert_int_equal(c.conf.ha_max_binding_life, 120);
	/* a file naming an interface this machine lacks: the same */
	unlink(path);
	path = write_tmp("NodeConfig HA;\nInterface \"nosuchif9\";\n");
	assert_int_equal(reload_run(&c.conf, path, -1, -1, &t, &res), -EINVAL);
	/* the kernel refusing the new policies: nothing changes either */
	unlink(path);
	path = write_tmp(ha_a);
	c.f.fail = "sp_update";
	assert_int_equal(reload_run(&c.conf, path, -1, -1, &t, &res), -EIO);
	assert_int_equal(c.conf.ha_max_binding_life, 120);
	hoa3 = ad("2001:db8:ffff::3");
	assert_true(addr_eq(&c.conf.ipsec_sets->hoas->next->prefix.addr, &hoa3));
	c.f.fail = NULL;
	/* back to the first file: the tunnel policies return */
	fake_reset(&c.f);
	assert_int_equal(reload_run(&c.conf, path, -1, -1, &t, &res), 0);
	assert_int_equal(res.bind_put, 6);
	assert_int_equal(res.bind_del, 0);
	unlink(path);
	hag_fini(&c.g);
	startsp_remove(&c.s, &fake_ops, &c.f);
	conf_free(&c.conf);
}

static const char mn_a[] =
	"NodeConfig MN;\nInterface \"lo\" { MnIfPreference 1; }\n"
	"MnHomeLink \"lo\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n}\n"
	"UseMnHaIPsec enabled;\nOptimisticHandoff enabled;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"IPsecPolicy Mh UseESP;\nIPsecPolicy TunnelPayload UseESP 5 6;\n}\n";

static const char mn_b[] =  /* other reqids, shorter lifetime; the home link moved */
	"NodeConfig MN;\nInterface \"lo\" { MnIfPreference 1; }\n"
	"MnHomeLink \"lo\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA2 "/64;\n}\n"
	"UseMnHaIPsec enabled;\nOptimisticHandoff enabled;\nMnMaxHaBindingLife 80;\n"
	"InitialBindackTimeoutReReg 3.0;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"IPsecPolicy Mh UseESP;\nIPsecPolicy TunnelPayload UseESP 7 8;\n}\n";

static void mn_reload(void **state)
{
	static struct mip6_conf conf;
	static struct timerq q;
	static struct timer_manual_clock clk;
	static struct fake f;
	static struct mng m;
	static struct mn_view v;
	static struct startsp s;
	struct ip_prefix coa = pf(COA1 "/64");
	struct ip_addr hoa;
	struct reload_target t;
	struct reload_result res;
	char *path;

	(void)state;
	load(&conf, mn_a, "a");
	timerq_init(&q, timer_manual_clock_read, &clk);
	fake_reset(&f);
	assert_int_equal(startsp_install(&s, &fake_ops, &f, &conf), 0);
	mn_view_make(&v, &conf, NULL);
	assert_int_equal(mng_init(&m, &q, &v.conf, &fake_ops, &f, 2, 1000), 0);
	mng_addr(&m, 3, 1, &coa, true, true);
	mng_reselect(&m);
	assert_true(m.away);
	assert_true(addr_eq(&m.e->installed, &coa.addr));

	path = write_tmp(mn_b);
	memset(&t, 0, sizeof(t));
	t.ops = &fake_ops;
	t.k = &f;
	t.ssp = &s;
	t.mn = &m;
	t.mn_view = &v;
	fake_reset(&f);
	assert_int_equal(reload_run(&conf, path, -1, -1, &t, &res), 0);
	unlink(path);
	/* the home link is kept (refused), the rest applies */
	assert_int_equal(res.refused, 1);
	hoa = ad(HOA);
	assert_true(addr_eq(&conf.home_links->hoa.addr, &hoa));
	assert_true(addr_eq(&m.hl->hoa.addr, &hoa));
	assert_ptr_equal(m.conf, &v.conf);
	/* the tunnel policies (OUT, IN) replaced in place, none deleted */
	assert_int_equal(res.bind_put, 2);
	assert_int_equal(res.bind_del, 0);
	assert_int_equal(fake_count(&f, "sp_delete"), 0);
	assert_ptr_equal(m.ib.set, conf.ipsec_sets);
	assert_int_equal(m.ib.set->policies->next->reqid_toha, 7);
	assert_int_equal(m.e->p.lifetime, 80);
	assert_int_equal(m.e->p.timeout_ms, 3000);
	mng_fini(&m);
	startsp_remove(&s, &fake_ops, &f);
	conf_free(&conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diff_identical),
		cmocka_unit_test(diff_added_removed),
		cmocka_unit_test(diff_changed_in_place),
		cmocka_unit_test(diff_other_place),
		cmocka_unit_test(fixed_none),
		cmocka_unit_test(fixed_each),
		cmocka_unit_test(fixed_home_link_fields),
		cmocka_unit_test(startsp_by_difference),
		cmocka_unit_test(startsp_refused_is_reverted),
		cmocka_unit_test(ha_reload),
		cmocka_unit_test(mn_reload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
