/* The daemon's glue with fake kernel operations: the MH <-> engine
 * translations, the MIP6 states and policies, IPsec steps, every HA kernel
 * step (hag_apply), a whole HA registration, and the MN's movement
 * (care-of address choice, HoA to the tunnel and back, BUs). */
#include <errno.h>
#include <net/if.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fakeops.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/mh/nd.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"

#define HOA  "2001:db8:ffff::1"
#define HA   "2001:db8:ffff::1000"
#define COA1 "2001:db8:1::5"
#define COA2 "2001:db8:2::5"
#define CN_ADDR "2001:db8:ffff::2"

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

static void line_is(const struct fake *f, size_t i, const char *want)
{
	assert_true(i < f->n);
	assert_string_equal(f->log[i], want);
}

static const char ha_conf[] =
	"NodeConfig HA;\nInterface \"eth0\";\nUseMnHaIPsec enabled;\nKeyMngMobCapability enabled;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"IPsecPolicy Mh UseESP;\nIPsecPolicy TunnelPayload UseESP;\n}\n";

static const char mn_conf[] =
	"NodeConfig MN;\nOptimisticHandoff enabled;\n"
	"Interface \"eth0\" { MnIfPreference 1; }\nInterface \"wlan0\" { MnIfPreference 2; }\n"
	"MnHomeLink \"eth0\" {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n}\n"
	"UseMnHaIPsec enabled;\nKeyMngMobCapability enabled;\n"
	"IPsecPolicySet {\nHomeAgentAddress " HA ";\nHomeAddress " HOA "/64;\n"
	"IPsecPolicy Mh UseESP;\nIPsecPolicy TunnelPayload UseESP;\n}\n";

/* --- translations --- */

static void bu_from_mh_hao(void **state)
{
	struct mh_msg m;
	struct sys_mh_info info;
	struct ha_bu bu;
	struct ip_prefix mnps[2];

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&info, 0, sizeof(info));
	m.type = MH_BU;
	m.u.bu.seq = 7;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_K;
	m.u.bu.lifetime = 15;
	m.opts.present = 1u << MH_OPT_ALTCOA;
	m.opts.alt_coa = ad(COA1).u.v6;
	/* as delivered: the kernel swapped the HAO in */
	info.src = ad(HOA);
	info.dst = ad(HA);
	info.has_hao = 1;
	info.hao = ad(COA1);
	assert_int_equal(xl_bu_from_mh(&m, &info, &bu, mnps, 2), 0);
	assert_true(addr_eq(&bu.hoa, &info.src));
	assert_true(addr_eq(&bu.src, &info.hao));
	assert_true(addr_eq(&bu.alt_coa, &info.hao));
	assert_int_equal(bu.flags, BU_FLAG_A | BU_FLAG_H | BU_FLAG_K);
	assert_int_equal(bu.seq, 7);
	assert_int_equal(bu.lifetime, 15);
	assert_int_equal(bu.n_mnps, 0);
}

static void bu_from_mh_home_and_mnps(void **state)
{
	struct mh_msg m;
	struct sys_mh_info info;
	struct ha_bu bu;
	struct ip_prefix mnps[1];

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&info, 0, sizeof(info));
	m.type = MH_BU;
	m.u.bu.flags = MH_BU_F_H | MH_BU_F_R;
	m.opts.n_mnp = 1;
	m.opts.mnp[0].plen = 48;
	m.opts.mnp[0].prefix = ad("2001:db8:77::").u.v6;
	info.src = ad(HOA);
	assert_int_equal(xl_bu_from_mh(&m, &info, &bu, mnps, 1), 0);
	assert_true(addr_eq(&bu.hoa, &info.src));
	assert_int_equal(bu.alt_coa.family, AF_UNSPEC);
	assert_int_equal(bu.flags, BU_FLAG_H | BU_FLAG_R);
	assert_int_equal(bu.n_mnps, 1);
	assert_int_equal(prefix_cmp(&bu.mnps[0], &(struct ip_prefix){ ad("2001:db8:77::"), 48 }), 0);
	/* more prefixes than room */
	m.opts.n_mnp = 2;
	assert_int_equal(xl_bu_from_mh(&m, &info, &bu, mnps, 1), -ENOBUFS);
	/* not a BU */
	m.type = MH_BA;
	assert_int_equal(xl_bu_from_mh(&m, &info, &bu, mnps, 1), -EINVAL);
}

static void ba_to_mh_rth2(void **state)
{
	struct ha_ba ba = { .status = 0, .flags = BA_FLAG_K, .seq = 9, .lifetime = 15 };
	struct mh_msg m;
	struct sys_mh_send s;

	(void)state;
	ba.src = ad(HA);
	ba.dst = ad(COA1);
	ba.hoa = ad(HOA);
	xl_ba_to_mh(&ba, &m, &s);
	assert_int_equal(m.type, MH_BA);
	assert_int_equal(m.u.ba.flags, MH_BA_F_K);
	assert_int_equal(m.u.ba.seq, 9);
	assert_int_equal(m.u.ba.lifetime, 15);
	assert_true(addr_eq(&s.rth2, &ba.hoa));
	assert_true(addr_eq(&s.dst, &ba.dst));
	assert_int_equal(s.hao.family, AF_UNSPEC);
	/* at home: no routing header */
	ba.dst = ba.hoa;
	xl_ba_to_mh(&ba, &m, &s);
	assert_int_equal(s.rth2.family, AF_UNSPEC);
}

static void bu_to_mh_hao(void **state)
{
	struct bul_bu bu = { .seq = 3, .flags = BU_FLAG_A | BU_FLAG_H, .lifetime = 15 };
	struct mh_msg m;
	struct sys_mh_send s;

	(void)state;
	bu.src = ad(COA1);
	bu.dst = ad(HA);
	bu.hoa = ad(HOA);
	bu.alt_coa = ad(COA1);
	assert_int_equal(xl_bu_to_mh(&bu, &m, &s), 0);
	assert_int_equal(m.u.bu.flags, MH_BU_F_A | MH_BU_F_H);
	assert_true(m.opts.present & (1u << MH_OPT_ALTCOA));
	assert_true(addr_eq(&s.hao, &bu.hoa));
	assert_true(addr_eq(&s.src, &bu.src));
	/* from home: no HAO */
	bu.src = bu.hoa;
	assert_int_equal(xl_bu_to_mh(&bu, &m, &s), 0);
	assert_int_equal(s.hao.family, AF_UNSPEC);
}

static void ba_from_mh(void **state)
{
	struct mh_msg m;
	struct sys_mh_info info;
	struct bul_ba ba;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&info, 0, sizeof(info));
	m.type = MH_BA;
	m.u.ba.status = 129;
	m.u.ba.seq = 5;
	m.opts.present = 1u << MH_OPT_BRA;
	m.opts.refresh_interval = 10;
	/* as delivered after the Type 2 RH: dst HoA, the header holds the CoA */
	info.src = ad(HA);
	info.dst = ad(HOA);
	info.has_rth2 = 1;
	info.rth2 = ad(COA1);
	assert_int_equal(xl_ba_from_mh(&m, &info, &ba), 0);
	assert_true(addr_eq(&ba.hoa, &info.dst));
	assert_int_equal(ba.status, 129);
	assert_int_equal(ba.refresh, 10);
	info.has_rth2 = 0;
	assert_int_equal(xl_ba_from_mh(&m, &info, &ba), 0);
	assert_true(addr_eq(&ba.hoa, &info.dst));
	m.type = MH_BU;
	assert_int_equal(xl_ba_from_mh(&m, &info, &ba), -EINVAL);
}

static void ro_states_and_policies(void **state)
{
	struct ipsec_sa sa[2], w;
	struct ipsec_policy sp[2], wp;
	struct ip_addr ha = ad(HA), hoa = ad(HOA), coa = ad(COA1);

	(void)state;
	xl_ro_states(&ha, &hoa, &coa, sa);
	assert_int_equal(sa[0].proto, IPSEC_PROTO_ROUTING);
	assert_true(addr_eq(&sa[0].src, &ha) && addr_eq(&sa[0].dst, &hoa));
	assert_int_equal(sa[1].proto, IPSEC_PROTO_DSTOPTS);
	assert_true(addr_eq(&sa[1].src, &hoa) && addr_eq(&sa[1].dst, &ha));
	assert_true(addr_eq(&sa[0].coaddr, &coa) && addr_eq(&sa[1].coaddr, &coa));
	assert_int_equal(sa[0].mode, IPSEC_MODE_RO);
	xl_ro_policies(&ha, &hoa, sp);
	assert_int_equal(sp[0].dir, IPSEC_DIR_OUT);
	assert_int_equal(sp[0].type, IPSEC_POLICY_SUB);
	assert_int_equal(sp[0].tmpl[0].proto, IPSEC_PROTO_ROUTING);
	assert_int_equal(sp[1].dir, IPSEC_DIR_IN);
	assert_int_equal(sp[1].tmpl[0].level, IPSEC_LEVEL_USE);
	xl_ro_wildcard(NODE_HA, &w, &wp);
	assert_int_equal(w.proto, IPSEC_PROTO_DSTOPTS);
	assert_int_equal(w.flags, XL_STATE_WILDRECV);
	assert_true(wp.sel.has_mh_type);
	assert_int_equal(wp.sel.mh_type, MIP6_MH_BU);
	xl_ro_wildcard(NODE_MN, &w, &wp);
	assert_int_equal(w.proto, IPSEC_PROTO_ROUTING);
	assert_false(wp.sel.has_mh_type);
	assert_int_equal(wp.priority, XL_PRIO_RO_DATA_ANY);
}

static void nd_bypass(void **state)
{
	struct ipsec_policy p[XL_ND_BYPASS_N];
	size_t i;

	(void)state;
	xl_nd_bypass(p);
	for (i = 0; i < XL_ND_BYPASS_N; i++) {
		assert_int_equal(p[i].sel.proto, 58);
		assert_int_equal(p[i].action, IPSEC_ACTION_NONE);
		assert_int_equal(p[i].type, IPSEC_POLICY_MAIN);
		assert_true(p[i].priority < MIP6_PRIO_TUNNEL_DATA);
		assert_int_equal(p[i].ntmpl, 0);
	}
	assert_int_equal(p[0].sel.sport, 135);
	assert_int_equal(p[0].dir, IPSEC_DIR_IN);
	assert_int_equal(p[1].dir, IPSEC_DIR_OUT);
	assert_int_equal(p[3].sel.sport, 136);
}

/* The BU waiting for an SA is resent on the IKE daemon's ESP/AH SAs, not
 * on mip6d's own route-optimisation states towards the HA. */
static void sa_event_is_ipsec(void **state)
{
	struct ipsec_sa ro[2], sa;
	struct ip_addr ha, hoa, coa;

	(void)state;
	assert_int_equal(addr_parse(&ha, "2001:db8:ffff::1000"), 0);
	assert_int_equal(addr_parse(&hoa, "2001:db8:ffff::1"), 0);
	assert_int_equal(addr_parse(&coa, "2001:db8:1::2"), 0);
	xl_ro_states(&ha, &hoa, &coa, ro);
	assert_false(xl_sa_event_is_ipsec(&ro[0]));
	assert_false(xl_sa_event_is_ipsec(&ro[1]));
	memset(&sa, 0, sizeof(sa));
	sa.src = hoa;
	sa.dst = ha;
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = IPSEC_MODE_TRANSPORT;
	assert_true(xl_sa_event_is_ipsec(&sa));
	sa.proto = IPSEC_PROTO_AH;
	assert_true(xl_sa_event_is_ipsec(&sa));
	sa.proto = IPSEC_PROTO_IPCOMP;
	assert_false(xl_sa_event_is_ipsec(&sa));
}

static void ipsec_apply(void **state)
{
	struct fake f;
	struct mip6_ipsec_op op;

	(void)state;
	fake_reset(&f);
	memset(&op, 0, sizeof(op));
	op.kind = MIP6_IPSEC_MIGRATE;
	f.fail = "migrate";
	f.fail_err = -ENOENT;
	assert_int_equal(xl_ipsec_apply(&fake_ops, &f, &op), 0);
	f.fail_err = -ENODATA;
	assert_int_equal(xl_ipsec_apply(&fake_ops, &f, &op), -ENODATA);
	op.kind = MIP6_IPSEC_SP_DEL;
	f.fail = "sp_delete";
	f.fail_err = -ENOENT;
	assert_int_equal(xl_ipsec_apply(&fake_ops, &f, &op), 0);
	op.kind = MIP6_IPSEC_SP_ADD;
	assert_int_equal(xl_ipsec_apply(&fake_ops, &f, &op), 0);
	assert_int_equal(fake_find(&f, "sp_update"), 3);
	/* the undo of an SP_ADD deletes it; the others have none */
	f.fail = NULL;
	assert_int_equal(xl_ipsec_undo(&fake_ops, &f, &op), 0);
	assert_int_equal(fake_count(&f, "sp_delete"), 2);
	op.kind = MIP6_IPSEC_MIGRATE;
	assert_int_equal(xl_ipsec_undo(&fake_ops, &f, &op), 0);
	assert_int_equal(f.n, 5);
}

/* --- HA --- */

struct hactx {
	struct mip6_conf conf;
	struct timerq q;
	struct timer_manual_clock clk;
	struct fake f;
	struct hag g;
};

static int ha_setup(void **state)
{
	static struct hactx c;
	struct ha_config cfg;
	static struct ip_prefix home;

	memset(&c, 0, sizeof(c));
	conf_init(&c.conf);
	assert_int_equal(conf_load_string(&c.conf, ha_conf, sizeof(ha_conf) - 1, "ha", NULL), 0);
	timerq_init(&c.q, timer_manual_clock_read, &c.clk);
	fake_reset(&c.f);
	home = pf("2001:db8:ffff::/64");
	memset(&cfg, 0, sizeof(cfg));
	cfg.conf = &c.conf;
	cfg.home_prefixes = &home;
	cfg.n_home_prefixes = 1;
	assert_int_equal(hag_init(&c.g, &c.q, &cfg, &fake_ops, &c.f, 2, NULL), 0);
	*state = &c;
	return 0;
}

static int ha_teardown(void **state)
{
	struct hactx *c = *state;

	hag_fini(&c->g);
	conf_free(&c->conf);
	return 0;
}

static void ha_apply_steps(void **state)
{
	struct hactx *c = *state;
	struct ha_action a;

	memset(&a, 0, sizeof(a));
	a.hoa = ad(HOA);
	a.ha = ad(HA);
	a.coa = ad(COA1);
	a.prefix = pf(HOA "/128");
	/* a route needs the binding's tunnel */
	a.kind = HA_ACT_ROUTE_ADD;
	assert_int_equal(hag_apply(&c->g, &a), -ENOENT);
	a.kind = HA_ACT_TUNNEL_ADD;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	line_is(&c->f, 0, "tunnel_add mip6ha0 " HA " " COA1);
	assert_int_equal(hag_apply(&c->g, &a), -EEXIST);
	a.kind = HA_ACT_ROUTE_ADD;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	line_is(&c->f, 1, "route_add " HOA "/128 table 252 oif 100");
	a.kind = HA_ACT_PROXY_ADD;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	line_is(&c->f, 2, "pneigh_add 2 " HOA);
	line_is(&c->f, 3, "send_na 2 " HOA);
	a.kind = HA_ACT_MIP6_BIND;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	line_is(&c->f, 4, "sa_update route2 " HA " " HOA " coa " COA1);
	line_is(&c->f, 5, "sa_update hao " HOA " " HA " coa " COA1);
	line_is(&c->f, 6, "sp_update sub out " HA "/128 " HOA "/128 prio 16");
	line_is(&c->f, 7, "sp_update sub in " HOA "/128 " HA "/128 prio 16");
	a.kind = HA_ACT_TUNNEL_MOD;
	a.old_coa = a.coa;
	a.coa = ad(COA2);
	assert_int_equal(hag_apply(&c->g, &a), 0);
	line_is(&c->f, 8, "tunnel_change 100 " HA " " COA2);
	a.kind = HA_ACT_MIP6_UNBIND;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	assert_int_equal(fake_count(&c->f, "sa_delete"), 2);
	assert_int_equal(fake_count(&c->f, "sp_delete sub"), 2);
	a.kind = HA_ACT_PROXY_DEL;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	a.kind = HA_ACT_ROUTE_DEL;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	a.kind = HA_ACT_TUNNEL_DEL;
	assert_int_equal(hag_apply(&c->g, &a), 0);
	assert_int_equal(hag_apply(&c->g, &a), -ENOENT);
	assert_int_not_equal(fake_find(&c->f, "tunnel_del 100"), -1);
	/* a failing kernel step is reported */
	c->f.fail = "tunnel_add";
	a.kind = HA_ACT_TUNNEL_ADD;
	assert_int_equal(hag_apply(&c->g, &a), -EIO);
}

static void feed(struct hactx *c, const char *coa, uint16_t seq, uint16_t life_units,
		 bool hao)
{
	struct mh_msg m;
	struct sys_mh_info info;
	uint8_t buf[256];
	int len;

	memset(&m, 0, sizeof(m));
	m.type = MH_BU;
	m.payload_proto = 59;
	m.u.bu.seq = seq;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_K;
	m.u.bu.lifetime = life_units;
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_true(len > 0);
	memset(&info, 0, sizeof(info));
	info.src = hao ? ad(HOA) : ad(coa);
	info.dst = ad(HA);
	info.has_hao = hao;
	info.hao = ad(coa);
	hag_input(&c->g, buf, (size_t)len, &info);
}

static void last_ba(struct hactx *c, unsigned status, uint16_t seq)
{
	struct mh_msg m;

	assert_true(mh_parse(&m, c->f.mh, c->f.mh_len) > 0);
	assert_int_equal(m.type, MH_BA);
	assert_int_equal(m.u.ba.status, status);
	assert_int_equal(m.u.ba.seq, seq);
}

static void ha_registration(void **state)
{
	struct hactx *c = *state;
	int mig, tun, px, rte;

	feed(c, COA1, 100, 15, true);
	last_ba(c, 0, 100);
	assert_int_equal(bcache_count(ha_bcache(&c->g.ha)), 1);
	/* BA through the RH2 to the HoA at CoA1 */
	line_is(&c->f, c->f.n - 1, "send_mh " HA " -> " COA1 " rth2 " HOA " hao (none)");
	/* KMADDRESS before the tunnel; proxy ND last (RFC 6275 10.4.1) */
	mig = fake_find(&c->f, "migrate in " HOA "/128 " HA "/128 km " HA " " COA1);
	tun = fake_find(&c->f, "tunnel_add");
	rte = fake_find(&c->f, "route_add " HOA "/128 table 252");
	px = fake_find(&c->f, "pneigh_add 2 " HOA);
	assert_true(mig >= 0 && tun > mig && rte > tun && px > rte);
	assert_int_equal(fake_count(&c->f, "sp_update main"), 3);
	/* a malformed MH is counted, nothing else */
	hag_input(&c->g, (const uint8_t *)"\x3b\x00", 2, &(struct sys_mh_info){ 0 });
	assert_int_equal(c->g.rx_bad, 1);
	/* handover: 5 MIGRATEs with KMADDRESS HA / CoA2 */
	fake_reset(&c->f);
	feed(c, COA2, 101, 15, true);
	last_ba(c, 0, 101);
	assert_int_equal(fake_count(&c->f, "migrate"), 5);
	assert_int_equal(fake_count(&c->f, "migrate fwd " HOA "/128 ::/0 km " HA " " COA2), 1);
	assert_int_not_equal(fake_find(&c->f, "tunnel_change 100 " HA " " COA2), -1);
	/* de-registration from home: no HAO, BA without RH2 */
	fake_reset(&c->f);
	feed(c, HOA, 102, 0, false);
	last_ba(c, 0, 102);
	assert_int_equal(bcache_count(ha_bcache(&c->g.ha)), 0);
	assert_int_equal(c->f.mh_to.rth2.family, AF_UNSPEC);
	assert_true(fake_find(&c->f, "pneigh_del") < fake_find(&c->f, "tunnel_del"));
}

static void ha_answers_ns_of_returning_mn(void **state)
{
	struct hactx *c = *state;
	struct sys_icmp6_info info = { .ifindex = 2, .hoplimit = 255 };
	struct sys_nd_msg ns = { .type = SYS_ND_TYPE_NS };

	info.src = ad(HOA);
	ns.target = ad(HA).u.v6;
	/* not bound yet: the kernel's business */
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	feed(c, COA1, 300, 15, true);
	last_ba(c, 0, 300);
	fake_reset(&c->f);
	assert_int_equal(hag_ns(&c->g, &info, &ns), 1);
	line_is(&c->f, 0, "send_na 2 " HA " router");
	/* other links, hop limits, sources, or a target that is a bound HoA */
	info.ifindex = 3;
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	info.ifindex = 2;
	info.hoplimit = 64;
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	info.hoplimit = 255;
	info.src = ad(CN_ADDR);
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	info.src = ad(HOA);
	ns.target = ad(HOA).u.v6;
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	ns.type = SYS_ND_TYPE_NA;
	assert_int_equal(hag_ns(&c->g, &info, &ns), 0);
	assert_int_equal(c->f.n, 1);
}

static void ha_kernel_failure_rolls_back(void **state)
{
	struct hactx *c = *state;

	c->f.fail = "route_add";
	feed(c, COA1, 200, 15, true);
	last_ba(c, 130, 200);
	assert_int_equal(bcache_count(ha_bcache(&c->g.ha)), 0);
	/* the tunnel made before the failure is gone again */
	assert_int_not_equal(fake_find(&c->f, "tunnel_del"), -1);
	assert_null(c->g.tnls);
}

/* --- MN --- */

struct mnctx {
	struct mip6_conf conf;
	struct timerq q;
	struct timer_manual_clock clk;
	struct fake f;
	struct mng m;
};

static int mn_setup(void **state)
{
	static struct mnctx c;

	memset(&c, 0, sizeof(c));
	conf_init(&c.conf);
	assert_int_equal(conf_load_string(&c.conf, mn_conf, sizeof(mn_conf) - 1, "mn", NULL), 0);
	timerq_init(&c.q, timer_manual_clock_read, &c.clk);
	fake_reset(&c.f);
	assert_int_equal(mng_init(&c.m, &c.q, &c.conf, &fake_ops, &c.f, 2, 1000), 0);
	*state = &c;
	return 0;
}

static int mn_teardown(void **state)
{
	struct mnctx *c = *state;

	mng_fini(&c->m);
	conf_free(&c->conf);
	return 0;
}

static void mn_best_by_preference(void **state)
{
	struct mnctx *c = *state;
	struct ip_prefix a1 = pf(COA1 "/64"), a2 = pf(COA2 "/64"), other = pf("2001:db8:9::5/64");

	assert_null(mng_best(&c->m));
	mng_addr(&c->m, 3, 2, &a2, true, true);
	mng_addr(&c->m, 5, 0, &other, true, true);      /* not a configured interface */
	assert_true(addr_eq(&mng_best(&c->m)->addr.addr, &a2.addr));
	mng_addr(&c->m, 2, 1, &a1, true, true);
	assert_true(addr_eq(&mng_best(&c->m)->addr.addr, &a1.addr));
	mng_link_down(&c->m, 2);
	assert_true(addr_eq(&mng_best(&c->m)->addr.addr, &a2.addr));
	mng_addr(&c->m, 3, 2, &a2, true, false);
	assert_null(mng_best(&c->m));
	/* the HoA itself is never a candidate */
	mng_addr(&c->m, 2, 1, &c->conf.home_links->hoa, true, true);
	assert_null(mng_best(&c->m));
}

static void mn_away_and_home(void **state)
{
	struct mnctx *c = *state;
	struct ip_prefix a1 = pf(COA1 "/64"), home = pf("2001:db8:ffff::77/64");
	struct mh_msg m;
	int t;

	/* at home: nothing to do */
	mng_addr(&c->m, 2, 1, &home, true, true);
	mng_reselect(&c->m);
	assert_int_equal(c->f.n, 0);
	assert_false(c->m.away);
	/* moved: the home link's address is gone, a foreign one appears */
	mng_link_down(&c->m, 2);
	mng_addr(&c->m, 3, 2, &a1, false, true);
	mng_reselect(&c->m);
	assert_true(c->m.away);
	line_is(&c->f, 0, "tunnel_add mip6mn0 " COA1 " " HA);
	line_is(&c->f, 1, "addr_del 2 " HOA "/64");
	line_is(&c->f, 2, "addr_add 100 " HOA "/128 flags 0x12");
	line_is(&c->f, 3, "rule_add prio 1001 from " HOA "/128 table 252");
	line_is(&c->f, 4, "route_add ::/0 table 252 oif 100");
	/* IPsec: KMADDRESS CoA1 / HA, then the tunnel policies with CoA1 */
	t = fake_find(&c->f, "migrate out " HOA "/128 " HA "/128 km " COA1 " " HA);
	assert_true(t > 6);
	assert_int_equal(fake_count(&c->f, "sp_update main"), 2);
	/* the HAO comes from an XFRM state (so the HoA <-> HA IPsec policy
	 * matches the BU), used by a SUB policy for BUs only */
	line_is(&c->f, 5, "sa_update hao " HOA " " HA " coa " COA1);
	line_is(&c->f, 6, "sp_update sub out " HOA "/128 " HA "/128 prio 2");
	/* OptimisticHandoff: the BU leaves at once, from the HoA, out of m1 */
	line_is(&c->f, c->f.n - 1, "send_mh " HOA " -> " HA " rth2 (none) hao (none)");
	assert_int_equal(c->f.mh_to.ifindex, 3);
	assert_true(mh_parse(&m, c->f.mh, c->f.mh_len) > 0);
	assert_int_equal(m.type, MH_BU);
	assert_int_equal(m.u.bu.seq, 1000);
	assert_int_equal(m.u.bu.flags & (MH_BU_F_H | MH_BU_F_A | MH_BU_F_K),
			 MH_BU_F_H | MH_BU_F_A | MH_BU_F_K);
	assert_true(m.u.bu.lifetime > 0);
	/* the same CoA again: nothing new */
	fake_reset(&c->f);
	mng_reselect(&c->m);
	assert_int_equal(fake_count(&c->f, "send_mh"), 0);
	/* back home: the HoA returns to the home interface before the BU */
	mng_addr(&c->m, 2, 1, &home, true, true);
	mng_reselect(&c->m);
	assert_false(c->m.away);
	assert_int_not_equal(fake_find(&c->f, "tunnel_del 100"), -1);
	assert_int_not_equal(fake_find(&c->f, "sa_delete hao " HOA " " HA), -1);
	assert_int_not_equal(fake_find(&c->f, "rule_del prio 1001"), -1);
	t = fake_find(&c->f, "addr_add 2 " HOA "/64");
	assert_true(t >= 0);
	assert_true(fake_find(&c->f, "send_mh " HOA " -> " HA) > t);
	assert_true(mh_parse(&m, c->f.mh, c->f.mh_len) > 0);
	assert_int_equal(m.u.bu.lifetime, 0);
	assert_int_equal(c->f.mh_to.hao.family, AF_UNSPEC);
}

/* An RA as the MN's socket gets it (ifindex, source, hop limit). */
static void mn_feed_ra(struct mnctx *c, int ifindex, const char *src, int hoplimit,
		       const char *prefix)
{
	struct nd_ra ra;
	struct ip_prefix p = pf(prefix);
	struct ip_addr s;
	uint8_t buf[256];
	int n;

	memset(&ra, 0, sizeof(ra));
	ra.router_lifetime = 1800;
	ra.opts.n_prefix = 1;
	ra.opts.prefix[0].plen = p.len;
	ra.opts.prefix[0].flags = ND_PFX_F_L | ND_PFX_F_A;
	ra.opts.prefix[0].valid = 86400;
	ra.opts.prefix[0].preferred = 14400;
	ra.opts.prefix[0].prefix = p.addr.u.v6;
	ra.opts.has_adv_interval = true;
	ra.opts.adv_interval_ms = 1500;
	n = nd_ra_build(&ra, NULL, NULL, buf, sizeof(buf));
	assert_true(n > 0);
	assert_int_equal(addr_parse(&s, src), 0);
	mng_nd_input(&c->m, buf, (size_t)n, &s, ifindex, hoplimit);
}

/* Movement from RAs: the CoA formed by mip6d (EUI-64, no DAD with
 * OptimisticHandoff), the default route via the router, the BU at once;
 * refused RAs change nothing; the home prefix on the home link brings the
 * MN home. */
static void mn_ra_moves(void **state)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct mnctx *c = *state;
	int a, r, t, b;

	c->m.ifs[0].ifindex = 2;                /* eth0, the home link */
	c->m.ifs[1].ifindex = 3;                /* wlan0 */
	memcpy(c->m.ifs[1].lladdr, mac, 6);
	c->m.ifs[1].lllen = 6;
	/* refused: hop limit, source, malformed */
	mn_feed_ra(c, 3, "fe80::1", 64, "2001:db8:1::/64");
	mn_feed_ra(c, 3, "2001:db8:1::1", 255, "2001:db8:1::/64");
	assert_int_equal(c->f.n, 0);
	assert_int_equal(c->m.md.st.bad_hoplimit, 1);
	assert_int_equal(c->m.md.st.bad_src, 1);
	/* a source that is link-local but the RA too short */
	mng_nd_input(&c->m, (const uint8_t *)"\x86\x00\x00\x00", 4,
		     &(struct ip_addr){ .family = AF_INET6, .u.bytes = { 0xfe, 0x80, [15] = 1 } },
		     3, 255);
	assert_int_equal(c->m.md.st.bad_format, 1);
	/* not a configured interface */
	mn_feed_ra(c, 9, "fe80::1", 255, "2001:db8:1::/64");
	assert_int_equal(c->m.md.st.not_configured, 1);
	assert_int_equal(c->f.n, 0);
	/* AR1's RA on wlan0 */
	mn_feed_ra(c, 3, "fe80::1", 255, "2001:db8:1::/64");
	r = fake_find(&c->f, "route_add ::/0 table 0 oif 3");
	a = fake_find(&c->f, "addr_add 3 2001:db8:1::ff:fe00:1/64 flags 0x2");
	t = fake_find(&c->f, "tunnel_add mip6mn0 2001:db8:1::ff:fe00:1 " HA);
	b = fake_find(&c->f, "send_mh " HOA " -> " HA);
	assert_true(r >= 0 && a > r && t > a && b > t);
	assert_true(c->m.away);
	assert_int_equal(c->f.mh_to.ifindex, 3);
	assert_int_equal(c->m.coa_formed, 1);
	/* its next RA: nothing new */
	fake_reset(&c->f);
	mn_feed_ra(c, 3, "fe80::1", 255, "2001:db8:1::/64");
	assert_int_equal(c->f.n, 0);
	/* an NS from the router (resolving the CoA) tells its link-layer
	 * address; one from another node does not */
	{
		static const uint8_t rmac[6] = { 0x02, 0, 0, 0, 0, 0xa1 }, omac[6] = { 2, 0, 0, 0, 0, 0x77 };
		struct ip_addr rt, o;
		uint8_t ns[64];
		int n;

		assert_int_equal(addr_parse(&o, "fe80::77"), 0);
		n = sys_nd_build_ns(ns, sizeof(ns), &c->conf.home_links->hoa.addr.u.v6, omac, 6);
		mng_nd_input(&c->m, ns, (size_t)n, &o, 3, 255);
		assert_int_equal(c->m.ifs[1].router_maclen, 0);
		assert_int_equal(addr_parse(&rt, "fe80::1"), 0);
		n = sys_nd_build_ns(ns, sizeof(ns), &c->conf.home_links->hoa.addr.u.v6, rmac, 6);
		assert_true(n > 0);
		mng_nd_input(&c->m, ns, (size_t)n, &rt, 3, 64);         /* hop limit */
		assert_int_equal(c->m.ifs[1].router_maclen, 0);
		mng_nd_input(&c->m, ns, (size_t)n, &rt, 3, 255);
		assert_int_equal(c->m.ifs[1].router_maclen, 6);
		assert_memory_equal(c->m.ifs[1].router_mac, rmac, 6);
		assert_int_equal(c->f.n, 0);
	}
	/* the HA's RA with the home prefix on eth0: home */
	mn_feed_ra(c, 2, "fe80::1000", 255, "2001:db8:ffff::/64");
	assert_false(c->m.away);
	assert_int_equal(fake_count(&c->f, "addr_add 2 2001:db8:ffff"), 1);   /* the HoA only */
	assert_true(fake_find(&c->f, "addr_add 2 " HOA "/64") >= 0);
	assert_true(fake_find(&c->f, "send_mh " HOA " -> " HA) >= 0);
	/* wlan0 down: its route and CoA are forgotten */
	fake_reset(&c->f);
	mng_link_down(&c->m, 3);
	assert_true(fake_find(&c->f, "route_del ::/0 table 0 oif 3") >= 0);
	assert_true(fake_find(&c->f, "addr_del 3 2001:db8:1::ff:fe00:1/64") >= 0);
}

/* Back on a known link (RFC 6059): the remembered CoA at link up, not a
 * candidate until the router's NA; then route, CoA and BU without an RA. */
static void mn_known_link(void **state)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	static const uint8_t rmac[6] = { 0x02, 0, 0, 0, 0, 0xa1 };
	struct mnctx *c = *state;
	struct ip_prefix coa = pf("2001:db8:1::ff:fe00:1/64");
	struct ip_addr r1;
	uint8_t na[64];
	int n;

	c->m.ifs[0].ifindex = 2;
	c->m.ifs[1].ifindex = 3;
	memcpy(c->m.ifs[1].lladdr, mac, 6);
	c->m.ifs[1].lllen = 6;
	mn_feed_ra(c, 3, "fe80::1", 255, "2001:db8:1::/64");
	assert_true(c->m.away);
	/* the router's NA (the kernel resolving it for the BU) gives its
	 * link-layer address, kept for the link's return */
	assert_int_equal(addr_parse(&r1, "fe80::1"), 0);
	n = sys_nd_build_na(na, sizeof(na), &r1.u.v6, SYS_ND_NA_ROUTER | SYS_ND_NA_SOLICITED,
			    rmac, 6);
	assert_true(n > 0);
	mng_nd_input(&c->m, na, (size_t)n, &r1, 3, 255);
	assert_int_equal(c->m.ifs[1].router_maclen, 6);
	assert_memory_equal(c->m.ifs[1].router_mac, rmac, 6);
	/* home for a while, then back to wlan0's link */
	mng_link_down(&c->m, 3);
	mn_feed_ra(c, 2, "fe80::1000", 255, "2001:db8:ffff::/64");
	assert_false(c->m.away);
	mng_link_down(&c->m, 2);
	fake_reset(&c->f);
	mng_link_flags(&c->m, 3, IFF_UP);                /* no carrier yet: still down */
	assert_int_equal(c->f.n, 0);
	/* carrier (IFF_LOWER_UP): up, before the kernel says IFF_RUNNING */
	mng_link_flags(&c->m, 3, IFF_UP | 0x10000);
	assert_int_equal(c->f.n, 1);
	line_is(&c->f, 0, "addr_add 3 2001:db8:1::ff:fe00:1/64 flags 0x2");
	/* its rtnetlink event: not a candidate yet */
	mng_addr(&c->m, 3, 2, &coa, true, true);
	assert_null(mng_best(&c->m));
	/* an NA for someone else: nothing */
	assert_int_equal(addr_parse(&r1, "fe80::9"), 0);
	n = sys_nd_build_na(na, sizeof(na), &r1.u.v6, SYS_ND_NA_ROUTER | SYS_ND_NA_SOLICITED, NULL, 0);
	assert_true(n > 0);
	mng_nd_input(&c->m, na, (size_t)n, &r1, 3, 255);
	assert_int_equal(c->f.n, 1);
	/* the router's NA */
	assert_int_equal(addr_parse(&r1, "fe80::1"), 0);
	n = sys_nd_build_na(na, sizeof(na), &r1.u.v6, SYS_ND_NA_ROUTER | SYS_ND_NA_SOLICITED, NULL, 0);
	mng_nd_input(&c->m, na, (size_t)n, &r1, 3, 255);
	assert_true(fake_find(&c->f, "route_add ::/0 table 0 oif 3") > 0);
	assert_true(fake_find(&c->f, "send_mh " HOA " -> " HA) > 0);
	assert_int_equal(c->m.md.st.dna_ok, 1);
	assert_true(addr_eq(&mng_best(&c->m)->addr.addr, &coa.addr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bu_from_mh_hao),
		cmocka_unit_test(bu_from_mh_home_and_mnps),
		cmocka_unit_test(ba_to_mh_rth2),
		cmocka_unit_test(bu_to_mh_hao),
		cmocka_unit_test(ba_from_mh),
		cmocka_unit_test(ro_states_and_policies),
		cmocka_unit_test(nd_bypass),
		cmocka_unit_test(sa_event_is_ipsec),
		cmocka_unit_test(ipsec_apply),
		cmocka_unit_test_setup_teardown(ha_apply_steps, ha_setup, ha_teardown),
		cmocka_unit_test_setup_teardown(ha_registration, ha_setup, ha_teardown),
		cmocka_unit_test_setup_teardown(ha_answers_ns_of_returning_mn, ha_setup, ha_teardown),
		cmocka_unit_test_setup_teardown(ha_kernel_failure_rolls_back, ha_setup, ha_teardown),
		cmocka_unit_test_setup_teardown(mn_best_by_preference, mn_setup, mn_teardown),
		cmocka_unit_test_setup_teardown(mn_away_and_home, mn_setup, mn_teardown),
		cmocka_unit_test_setup_teardown(mn_ra_moves, mn_setup, mn_teardown),
		cmocka_unit_test_setup_teardown(mn_known_link, mn_setup, mn_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
