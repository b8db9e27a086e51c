/* The HA engine: BU checks and every status, sequence numbers with
 * wrap-around, DAD, lifetimes on a manual clock, the order of the kernel
 * steps, rollback, de-registration, ACLs, K and R bits, NEMO prefixes. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"
#include "mip6d/ha/bu.h"

#define HOA  "2001:db8:ffff::1"
#define HA   "2001:db8:ffff::1000"
#define COA1 "2001:db8:1::10"
#define COA2 "2001:db8:2::10"
#define MNP  "2001:db8:aaaa::/48"

static const char *ha_conf =
	"NodeConfig HA;\n"
	"Interface \"eth0\";\n"
	"HaMaxBindingLife 120;\n"
	"HaAcceptMobRtr enabled;\n"
	"HaServedPrefix 2001:db8:eeee::/48;\n"
	"BindingAclPolicy 2001:db8:ffff::2 deny;\n"
	"BindingAclPolicy 2001:db8:ffff::3 130;\n"
	"BindingAclPolicy 2001:db8:ffff::5 (2001:db8:aaaa::/48, 2001:db8:cccc::/48) allow;\n"
	"BindingAclPolicy 2001:db8:ffff::6 (2001:db8:aaaa::/48) allow;\n"
	"BindingAclPolicy 2001:db8:eeee:1::1 (2001:db8:eeee:100::/56) allow;\n"
	"BindingAclPolicy 2001:db8:ffff::2 allow;\n"
	"DefaultBindingAclPolicy allow;\n"
	"UseMnHaIPsec enabled;\n"
	"KeyMngMobCapability enabled;\n"
	"IPsecPolicySet {\n"
	"  HomeAgentAddress 2001:db8:ffff::1000;\n"
	"  HomeAddress 2001:db8:ffff::1/64;\n"
	"  HomeAddress 2001:db8:ffff::5/64;\n"
	"  HomeAddress 2001:db8:ffff::6/64;\n"
	"  IPsecPolicy Mh UseESP;\n"
	"  IPsecPolicy TunnelPayload UseESP;\n"
	"}\n";

#define MAXREC 160

struct ctx {
	struct timerq q;
	struct timer_manual_clock clk;
	struct mip6_conf conf;
	struct ha ha;
	struct ha_ops ops;
	struct ha_action acts[MAXREC];
	size_t nacts;
	struct ha_ba bas[16];
	size_t nbas;
	const struct bce *dad[8];
	bool dad_ll[8];
	size_t ndad;
	/* failure injection: apply fails for actions matching fail_fn, fail_left times */
	bool (*fail_fn)(const struct ha_action *a);
	int fail_left;
	int fail_errno;
};

static int rec_apply(void *arg, const struct ha_action *a)
{
	struct ctx *c = arg;

	assert_true(c->nacts < MAXREC);
	c->acts[c->nacts++] = *a;
	if (c->fail_fn && c->fail_left && c->fail_fn(a)) {
		c->fail_left--;
		return c->fail_errno ? c->fail_errno : -EIO;
	}
	return 0;
}

static void rec_ba(void *arg, const struct ha_ba *ba)
{
	struct ctx *c = arg;

	assert_true(c->nbas < 16);
	c->bas[c->nbas++] = *ba;
}

static void rec_dad(void *arg, const struct bce *e, bool ll)
{
	struct ctx *c = arg;

	assert_true(c->ndad < 8);
	c->dad_ll[c->ndad] = ll;
	c->dad[c->ndad++] = e;
}

static void start(struct ctx *c, bool dad)
{
	struct ip_prefix home = P("2001:db8:ffff::/64");
	struct ha_config cfg = { .conf = &c->conf, .home_prefixes = &home, .n_home_prefixes = 1 };

	timerq_init(&c->q, timer_manual_clock_read, &c->clk);
	c->clk.now = 1000;
	c->ops.apply = rec_apply;
	c->ops.send_ba = rec_ba;
	c->ops.start_dad = dad ? rec_dad : NULL;
	assert_int_equal(ha_init(&c->ha, &c->q, &cfg, &c->ops, c), 0);
}

static struct ctx *new_ctx(const char *text, bool dad)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	load_text(&c->conf, text);
	start(c, dad);
	return c;
}

static int setup(void **state)
{
	*state = new_ctx(ha_conf, false);
	return 0;
}

static int setup_dad(void **state)
{
	*state = new_ctx(ha_conf, true);
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	ha_destroy(&c->ha);
	assert_int_equal(timerq_count(&c->q), 0);
	conf_free(&c->conf);
	free(c);
	return 0;
}

static void reset(struct ctx *c)
{
	c->nacts = 0;
	c->nbas = 0;
	c->ndad = 0;
}

static struct ha_bu bu(const char *hoa, const char *coa, uint16_t seq, uint16_t lifetime,
		       uint8_t flags)
{
	struct ha_bu b = {
		.src = A(coa), .dst = A(HA), .hoa = A(hoa), .alt_coa = A(coa),
		.seq = seq, .flags = flags, .lifetime = lifetime,
	};

	return b;
}

#define AHK (BU_FLAG_A | BU_FLAG_H | BU_FLAG_K)

static void check_ba(const struct ha_ba *ba, unsigned status, uint16_t seq, uint16_t lifetime,
		     uint8_t flags, const char *dst)
{
	assert_int_equal(ba->status, status);
	assert_int_equal(ba->seq, seq);
	assert_int_equal(ba->lifetime, lifetime);
	assert_int_equal(ba->flags, flags);
	assert_addr(&ba->dst, dst);
	assert_addr(&ba->src, HA);
}

/* One BU, one BA with this status. */
static void expect_status(struct ctx *c, const struct ha_bu *b, unsigned status, uint16_t seq)
{
	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, b), 0);
	assert_int_equal(c->nbas, 1);
	assert_int_equal(c->bas[0].status, status);
	assert_int_equal(c->bas[0].seq, seq);
	if (status >= 128)
		assert_int_equal(c->bas[0].lifetime, 0);
	/* A refusal touches nothing in the kernel (130 may be a rollback). */
	if (status >= 128 && status != BAS_INSUFFICIENT)
		assert_int_equal(c->nacts, 0);
}

static void check_act(const struct ha_action *a, enum ha_act_kind k, const char *coa)
{
	assert_int_equal(a->kind, k);
	if (coa)
		assert_addr(&a->coa, coa);
}

static void check_ipsec(const struct ha_action *a, enum mip6_ipsec_op_kind k, enum ipsec_dir dir,
			enum ipsec_mode mode)
{
	assert_int_equal(a->kind, HA_ACT_IPSEC);
	assert_int_equal(a->ipsec.kind, k);
	if (k == MIP6_IPSEC_MIGRATE) {
		assert_int_equal(a->ipsec.u.mig.dir, dir);
		assert_int_equal(a->ipsec.u.mig.entries[0].mode, mode);
	} else {
		assert_int_equal(a->ipsec.u.sp.dir, dir);
		assert_int_equal(a->ipsec.u.sp.tmpl[0].mode, mode);
	}
}

/* The steps of a new binding, in order: MIP6 state, transport MIGRATEs,
 * tunnel policies with the real CoA, tunnel, routes, proxy ND last. */
static void check_install(const struct ctx *c, size_t from, const char *coa)
{
	const struct ha_action *a = &c->acts[from];

	check_act(&a[0], HA_ACT_MIP6_BIND, coa);
	check_ipsec(&a[1], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TRANSPORT);
	assert_addr(&a[1].ipsec.u.mig.kmaddress.remote, coa);
	check_ipsec(&a[2], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT);
	check_ipsec(&a[3], MIP6_IPSEC_SP_ADD, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_addr(&a[3].ipsec.u.sp.tmpl[0].src, coa);
	assert_addr(&a[3].ipsec.u.sp.tmpl[0].dst, HA);
	check_ipsec(&a[4], MIP6_IPSEC_SP_ADD, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[5], MIP6_IPSEC_SP_ADD, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL);
	assert_addr(&a[5].ipsec.u.sp.tmpl[0].dst, coa);
	check_act(&a[6], HA_ACT_TUNNEL_ADD, coa);
	check_act(&a[7], HA_ACT_ROUTE_ADD, coa);
	assert_prefix(&a[7].prefix, HOA "/128");
	check_act(&a[8], HA_ACT_PROXY_ADD, coa);
	assert_prefix(&a[8].prefix, HOA "/128");
	assert_false(a[8].router);
}

/* The steps of a removal: proxy ND off first, then routes, tunnel,
 * transport MIGRATEs to the HoA, tunnel policies deleted, MIP6 state. */
static void check_teardown(const struct ctx *c, size_t from, const char *coa)
{
	const struct ha_action *a = &c->acts[from];

	check_act(&a[0], HA_ACT_PROXY_DEL, coa);
	check_act(&a[1], HA_ACT_ROUTE_DEL, coa);
	check_act(&a[2], HA_ACT_TUNNEL_DEL, coa);
	check_ipsec(&a[3], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TRANSPORT);
	assert_addr(&a[3].ipsec.u.mig.entries[0].new_src, HOA);
	assert_addr(&a[3].ipsec.u.mig.kmaddress.remote, HOA);
	check_ipsec(&a[4], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT);
	check_ipsec(&a[5], MIP6_IPSEC_SP_DEL, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_addr(&a[5].ipsec.u.sp.tmpl[0].src, coa);
	check_ipsec(&a[6], MIP6_IPSEC_SP_DEL, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[7], MIP6_IPSEC_SP_DEL, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL);
	check_act(&a[8], HA_ACT_MIP6_UNBIND, coa);
}

static struct bce *get(struct ctx *c, const char *hoa)
{
	struct ip_addr a = A(hoa);

	return bcache_get(ha_bcache(&c->ha), &a);
}

static void register_coa1(struct ctx *c, uint16_t seq)
{
	struct ha_bu b = bu(HOA, COA1, seq, 15, AHK);

	expect_status(c, &b, BAS_ACCEPTED, seq);
}

static void test_new_binding_with_dad(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 10, 15, AHK);
	struct ip_addr hoa = A(HOA);
	struct bce *e;

	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	/* Nothing happens before DAD has answered. */
	assert_int_equal(c->ndad, 1);
	assert_false(c->dad_ll[0]);
	assert_int_equal(c->nacts, 0);
	assert_int_equal(c->nbas, 0);
	e = get(c, HOA);
	assert_ptr_equal(c->dad[0], e);
	assert_int_equal(e->state, BCE_DAD);
	assert_int_equal(ha_dad_done(&c->ha, &hoa, true), 0);
	assert_int_equal(c->nacts, 9);
	check_install(c, 0, COA1);
	assert_int_equal(c->nbas, 1);
	check_ba(&c->bas[0], BAS_ACCEPTED, 10, 15, BA_FLAG_K, COA1);
	assert_addr(&c->bas[0].hoa, HOA);
	assert_int_equal(e->state, BCE_BOUND);
	assert_int_equal(e->lifetime, 60);
	assert_int_equal(e->expires, 1000 + 60000);
	assert_int_equal(ha_dad_done(&c->ha, &hoa, true), -ENOENT);
	assert_int_equal(c->ha.stats.accepted, 1);
}

static void test_dad_failure_and_guard(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 10, 15, AHK | BU_FLAG_L);
	struct ip_addr hoa = A(HOA);

	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	assert_true(c->dad_ll[0]);
	assert_int_equal(ha_dad_done(&c->ha, &hoa, false), 0);
	assert_int_equal(c->nbas, 1);
	check_ba(&c->bas[0], BAS_DAD_FAILED, 10, 0, 0, COA1);
	assert_null(get(c, HOA));

	/* The daemon never answers: the pending binding goes, silently. */
	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, HA_DAD_GUARD_MS - 1), 0);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 1), 1);
	assert_null(get(c, HOA));
	assert_int_equal(c->nbas, 0);
	assert_int_equal(c->nacts, 0);
}

/* Retransmissions during DAD: the same number is ignored, a newer one
 * replaces the pending BU, whose number and CoA the BA then carries. */
static void test_bu_during_dad(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b1 = bu(HOA, COA1, 10, 15, AHK), b2 = bu(HOA, COA2, 11, 15, AHK);
	struct ip_addr hoa = A(HOA);

	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b1), 0);
	assert_int_equal(ha_process_bu(&c->ha, &b1), -EBUSY);
	assert_int_equal(ha_process_bu(&c->ha, &b2), 0);
	assert_int_equal(c->ndad, 1);
	assert_int_equal(c->nbas, 0);
	assert_int_equal(ha_dad_done(&c->ha, &hoa, true), 0);
	check_install(c, 0, COA2);
	check_ba(&c->bas[0], BAS_ACCEPTED, 11, 15, BA_FLAG_K, COA2);

	/* A de-registration while DAD runs drops the pending binding. */
	hoa = A("2001:db8:ffff::7");
	b1 = bu("2001:db8:ffff::7", COA1, 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b1), 0);
	b1.seq = 2;
	b1.lifetime = 0;
	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b1), 0);
	check_ba(&c->bas[0], BAS_ACCEPTED, 2, 0, BA_FLAG_K, COA1);
	assert_int_equal(c->nacts, 0);
	assert_null(get(c, "2001:db8:ffff::7"));
	assert_int_equal(ha_dad_done(&c->ha, &hoa, true), -ENOENT);
}

/* Lifetime capped by HaMaxBindingLife (120 s) and expiry on the clock. */
static void test_lifetime_cap_and_expiry(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 100, AHK);

	expect_status(c, &b, BAS_ACCEPTED, 1);
	check_ba(&c->bas[0], BAS_ACCEPTED, 1, 30, BA_FLAG_K, COA1);
	reset(c);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 119999), 0);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 1), 1);
	assert_int_equal(c->nacts, 9);
	check_teardown(c, 0, COA1);
	assert_int_equal(c->nbas, 0);
	assert_null(get(c, HOA));
	assert_int_equal(c->ha.stats.expired, 1);

	/* A lifetime below 4 s still grants one unit. */
	b.lifetime = 1;
	b.seq = 2;
	expect_status(c, &b, BAS_ACCEPTED, 2);
	assert_int_equal(c->bas[0].lifetime, 1);
}

/* A refresh with the same CoA touches nothing in the kernel and restarts
 * the lifetime. */
static void test_refresh(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 11, 15, AHK);

	register_coa1(c, 10);
	timer_manual_advance(&c->q, &c->clk, 50000);
	expect_status(c, &b, BAS_ACCEPTED, 11);
	assert_int_equal(c->nacts, 0);
	assert_int_equal(get(c, HOA)->expires, c->clk.now + 60000);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 59999), 0);
	assert_non_null(get(c, HOA));
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 1), 1);
	assert_null(get(c, HOA));
}

/* RFC 6275 9.5.1: modulo 2^16, 32768 values back are "not newer". */
static void test_sequence_numbers(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 10, 15, AHK);

	register_coa1(c, 10);
	expect_status(c, &b, BAS_SEQ_OUT_OF_WINDOW, 10);
	b.seq = 9;
	expect_status(c, &b, BAS_SEQ_OUT_OF_WINDOW, 10);
	b.seq = 10 + 32768;
	expect_status(c, &b, BAS_SEQ_OUT_OF_WINDOW, 10);
	b.seq = 10 + 32767;
	expect_status(c, &b, BAS_ACCEPTED, 10 + 32767);
	/* Wrap-around: after 65535 comes 0. */
	b.seq = 65535;
	expect_status(c, &b, BAS_ACCEPTED, 65535);
	b.seq = 0;
	expect_status(c, &b, BAS_ACCEPTED, 0);
	b.seq = 65530;
	expect_status(c, &b, BAS_SEQ_OUT_OF_WINDOW, 0);
	b.seq = 5;
	expect_status(c, &b, BAS_ACCEPTED, 5);
	assert_int_equal(get(c, HOA)->seq, 5);
	assert_true(mip6_seq_after(0, 65535));
	assert_false(mip6_seq_after(65535, 0));
	assert_false(mip6_seq_after(7, 7));
}

/* A CoA change: MIGRATEs old -> new, transport first, then tunnel; the
 * tunnel device retargeted after the policies. */
static void test_handover(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA2, 11, 15, AHK);
	const struct ha_action *a = c->acts;

	register_coa1(c, 10);
	expect_status(c, &b, BAS_ACCEPTED, 11);
	assert_int_equal(c->nacts, 7);
	check_act(&a[0], HA_ACT_MIP6_BIND, COA2);
	check_ipsec(&a[1], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TRANSPORT);
	check_ipsec(&a[2], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT);
	check_ipsec(&a[3], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_addr(&a[3].ipsec.u.mig.entries[0].old_src, COA1);
	assert_addr(&a[3].ipsec.u.mig.entries[0].new_src, COA2);
	check_ipsec(&a[4], MIP6_IPSEC_MIGRATE, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[5], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL);
	check_act(&a[6], HA_ACT_TUNNEL_MOD, COA2);
	assert_addr(&a[6].old_coa, COA1);
	assert_addr(&get(c, HOA)->coa, COA2);
	check_ba(&c->bas[0], BAS_ACCEPTED, 11, 15, BA_FLAG_K, COA2);
}

/* The Alternate CoA option names the CoA, not the source address. */
static void test_alt_coa(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 15, AHK);

	b.alt_coa = A(COA2);
	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_addr(&get(c, HOA)->coa, COA2);
	assert_addr(&c->acts[0].coa, COA2);
	/* The BA goes back to the source address. */
	assert_addr(&c->bas[0].dst, COA1);
}

static bool is_route_add(const struct ha_action *a) { return a->kind == HA_ACT_ROUTE_ADD; }
static bool is_tunnel_migrate(const struct ha_action *a)
{
	return a->kind == HA_ACT_IPSEC && a->ipsec.kind == MIP6_IPSEC_MIGRATE &&
	       a->ipsec.u.mig.entries[0].mode == IPSEC_MODE_TUNNEL;
}
static bool is_ipsec(const struct ha_action *a) { return a->kind == HA_ACT_IPSEC; }
static bool is_tunnel_step(const struct ha_action *a)
{
	return is_tunnel_migrate(a) || (a->kind == HA_ACT_IPSEC && a->ipsec.kind == MIP6_IPSEC_SP_ADD);
}

/* A failing step of a new binding: the done steps undone newest first,
 * status 130, no entry left; the MN's retry then succeeds. */
static void test_rollback_new_binding(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 10, 15, AHK);
	const struct ha_action *a = c->acts;

	c->fail_fn = is_route_add;
	c->fail_left = 1;
	expect_status(c, &b, BAS_INSUFFICIENT, 10);
	assert_null(get(c, HOA));
	/* 8 steps tried (the 8th failed), then the undo of 7..1 with an undo:
	 * tunnel, 3 policies, MIP6 state (transport notifications have none). */
	assert_int_equal(c->nacts, 8 + 5);
	check_act(&a[7], HA_ACT_ROUTE_ADD, COA1);
	check_act(&a[8], HA_ACT_TUNNEL_DEL, COA1);
	check_ipsec(&a[9], MIP6_IPSEC_SP_DEL, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[10], MIP6_IPSEC_SP_DEL, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[11], MIP6_IPSEC_SP_DEL, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	check_act(&a[12], HA_ACT_MIP6_UNBIND, COA1);
	assert_int_equal(c->ha.stats.kernel_failures, 1);

	b.seq = 11;
	expect_status(c, &b, BAS_ACCEPTED, 11);
	check_install(c, 0, COA1);
}

/* A tunnel MIGRATE that fails (a larval SA for the old CoA) falls back to
 * replacing the policy with the new endpoints: still accepted. */
static void test_handover_migrate_fallback(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA2, 11, 15, AHK);
	const struct ha_action *a = c->acts;

	register_coa1(c, 10);
	c->fail_fn = is_tunnel_migrate;
	c->fail_left = 1;
	c->fail_errno = -ENODATA;
	expect_status(c, &b, BAS_ACCEPTED, 11);
	assert_int_equal(c->nacts, 8);
	check_ipsec(&a[3], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[4], MIP6_IPSEC_SP_ADD, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_addr(&a[4].ipsec.u.sp.tmpl[0].src, COA2);
	assert_addr(&a[4].ipsec.u.sp.tmpl[0].dst, HA);
	check_ipsec(&a[5], MIP6_IPSEC_MIGRATE, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_act(&a[7], HA_ACT_TUNNEL_MOD, COA2);
	assert_addr(&get(c, HOA)->coa, COA2);
}

/* When the fallback fails too, the change is undone (the fallback's
 * policy put back with the old CoA, reverse MIGRATEs, old MIP6 state) and
 * the binding keeps its CoA. */
static void test_handover_rollback(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA2, 11, 15, AHK);
	const struct ha_action *a = c->acts;

	register_coa1(c, 10);
	c->fail_fn = is_ipsec;
	c->fail_left = 100;
	expect_status(c, &b, BAS_INSUFFICIENT, 11);
	/* MIP6 state, then the first transport MIGRATE fails: undo MIP6. */
	assert_int_equal(c->nacts, 3);
	check_act(&a[2], HA_ACT_MIP6_BIND, COA1);
	assert_addr(&get(c, HOA)->coa, COA1);
	assert_int_equal(get(c, HOA)->seq, 10);

	/* Fail at the first tunnel MIGRATE and at its fallback. */
	c->fail_fn = is_tunnel_step;
	c->fail_left = 100;
	b.seq = 12;
	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	assert_int_equal(c->bas[0].status, BAS_INSUFFICIENT);
	/* bind, 2 transport, in-tunnel migrate (fails) + fallback add (fails):
	 * nothing more is tried; undo: 2 reverse transport MIGRATEs, bind. */
	assert_int_equal(c->nacts, 5 + 3);
	check_ipsec(&a[5], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TRANSPORT);
	assert_addr(&a[5].ipsec.u.mig.entries[0].new_dst, COA1);
	assert_addr(&a[5].ipsec.u.mig.kmaddress.remote, COA1);
	check_ipsec(&a[6], MIP6_IPSEC_MIGRATE, IPSEC_DIR_IN, IPSEC_MODE_TRANSPORT);
	check_act(&a[7], HA_ACT_MIP6_BIND, COA1);
	assert_addr(&get(c, HOA)->coa, COA1);
	assert_int_equal(get(c, HOA)->seq, 10);
}

static bool is_tunnel_mod(const struct ha_action *a) { return a->kind == HA_ACT_TUNNEL_MOD; }
static int fallback_then_mod_calls;
static bool first_tunnel_migrate_or_mod(const struct ha_action *a)
{
	if (is_tunnel_mod(a))
		return true;
	if (is_tunnel_migrate(a) && a->ipsec.u.mig.dir == IPSEC_DIR_IN && !fallback_then_mod_calls++)
		return true;
	return false;
}

static void test_handover_rollback_after_fallback(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA2, 11, 15, AHK);
	const struct ha_action *a = c->acts;

	register_coa1(c, 10);
	fallback_then_mod_calls = 0;
	c->fail_fn = first_tunnel_migrate_or_mod;
	c->fail_left = 2;
	expect_status(c, &b, BAS_INSUFFICIENT, 11);
	/* bind, 2 transport, IN migrate (fails), its fallback, FWD, OUT,
	 * tunnel mod (fails) = 8; undo: OUT, FWD reverse MIGRATEs, the IN
	 * policy put back with CoA1, 2 transport, bind = 6. */
	assert_int_equal(c->nacts, 14);
	check_act(&a[7], HA_ACT_TUNNEL_MOD, COA2);
	check_ipsec(&a[8], MIP6_IPSEC_MIGRATE, IPSEC_DIR_OUT, IPSEC_MODE_TUNNEL);
	assert_addr(&a[8].ipsec.u.mig.entries[0].new_dst, COA1);
	check_ipsec(&a[9], MIP6_IPSEC_MIGRATE, IPSEC_DIR_FWD, IPSEC_MODE_TUNNEL);
	check_ipsec(&a[10], MIP6_IPSEC_SP_ADD, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_addr(&a[10].ipsec.u.sp.tmpl[0].src, COA1);
	check_act(&a[13], HA_ACT_MIP6_BIND, COA1);
	assert_addr(&get(c, HOA)->coa, COA1);
}

/* De-registration: lifetime 0, or a CoA equal to the HoA. */
static void test_deregistration(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 11, 0, AHK);

	register_coa1(c, 10);
	expect_status(c, &b, BAS_ACCEPTED, 11);
	assert_int_equal(c->nacts, 9);
	check_teardown(c, 0, COA1);
	check_ba(&c->bas[0], BAS_ACCEPTED, 11, 0, BA_FLAG_K, COA1);
	assert_null(get(c, HOA));

	/* From home: source and alternate CoA are the HoA, any lifetime. */
	register_coa1(c, 20);
	b = bu(HOA, HOA, 21, 15, AHK);
	expect_status(c, &b, BAS_ACCEPTED, 21);
	check_teardown(c, 0, COA1);
	assert_int_equal(c->bas[0].lifetime, 0);
	assert_addr(&c->bas[0].dst, HOA);
	assert_null(get(c, HOA));

	/* Nothing to remove: 133. */
	b.seq = 22;
	expect_status(c, &b, BAS_NOT_HA_FOR_MN, 22);

	/* An old de-registration is out of window like any BU. */
	register_coa1(c, 30);
	b.seq = 29;
	expect_status(c, &b, BAS_SEQ_OUT_OF_WINDOW, 30);
	assert_non_null(get(c, HOA));
}

/* BindingAclPolicy allow / deny / a number; the first line for a HoA
 * wins; DefaultBindingAclPolicy for the others. */
static void test_acl(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu("2001:db8:ffff::2", COA1, 1, 15, AHK);

	expect_status(c, &b, BAS_PROHIBITED, 1);
	assert_null(get(c, "2001:db8:ffff::2"));
	b = bu("2001:db8:ffff::3", COA1, 1, 15, AHK);
	expect_status(c, &b, BAS_INSUFFICIENT, 1);
	b = bu("2001:db8:ffff::4", COA1, 1, 15, AHK);
	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_int_equal(c->ha.stats.rejected, 2);
}

static void test_acl_default_deny(void **state)
{
	struct ctx *c = new_ctx("NodeConfig HA; Interface \"eth0\"; DefaultBindingAclPolicy deny;\n"
				"BindingAclPolicy 2001:db8:ffff::1 allow;\n", false);
	struct ha_bu b = bu("2001:db8:ffff::4", COA1, 1, 15, AHK);

	(void)state;
	expect_status(c, &b, BAS_PROHIBITED, 1);
	b = bu(HOA, COA1, 1, 15, AHK);
	expect_status(c, &b, BAS_ACCEPTED, 1);
	/* No IPsec here: no IPsec step. */
	for (size_t i = 0; i < c->nacts; i++)
		assert_int_not_equal(c->acts[i].kind, HA_ACT_IPSEC);
	assert_int_equal(c->nacts, 4);
	ha_flush(&c->ha);
	*state = c;
	teardown(state);
}

static void test_not_ha(void **state)
{
	struct ctx *c = new_ctx("NodeConfig CN;\n", false);
	struct ha_bu b = bu(HOA, COA1, 1, 15, AHK);

	(void)state;
	expect_status(c, &b, BAS_HOMEREG_NOT_SUPP, 1);
	*state = c;
	teardown(state);
}

/* 132 outside the home link's prefixes; HaServedPrefix extends them for
 * mobile routers only (umip.md, mip6d.conf(5)). */
static void test_home_subnet(void **state)
{
	struct ctx *c = *state;
	struct ip_prefix mnp = P("2001:db8:eeee:100::/64");
	struct ha_bu b = bu("2001:db8:9999::1", COA1, 1, 15, AHK);

	expect_status(c, &b, BAS_NOT_HOME_SUBNET, 1);
	b = bu("2001:db8:eeee:1::1", COA1, 1, 15, AHK);
	expect_status(c, &b, BAS_NOT_HOME_SUBNET, 1);
	b = bu("2001:db8:eeee:1::1", COA1, 1, 15, AHK | BU_FLAG_R);
	b.mnps = &mnp;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_ACCEPTED, 1);
	check_ba(&c->bas[0], BAS_ACCEPTED, 1, 15, BA_FLAG_K | BA_FLAG_R, COA1);
	b = bu("2001:db8:9999::1", COA1, 1, 15, AHK | BU_FLAG_R);
	expect_status(c, &b, BAS_NOT_HOME_SUBNET, 1);
}

static void test_k_bit(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 15, BU_FLAG_A | BU_FLAG_H);

	void *old = c;

	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_int_equal(c->bas[0].flags, 0);
	teardown(&old);

	c = new_ctx("NodeConfig HA; Interface \"eth0\"; KeyMngMobCapability disabled;\n", false);
	b = bu(HOA, COA1, 1, 15, AHK);
	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_int_equal(c->bas[0].flags, 0);
	assert_int_equal(get(c, HOA)->flags & BU_FLAG_K, 0);
	*state = c;
}

/* RFC 6275 9.5.4: an acceptance is answered only when A asks for it. */
static void test_a_bit(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 15, BU_FLAG_H);

	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	assert_int_equal(c->nbas, 0);
	assert_non_null(get(c, HOA));
	b = bu("2001:db8:ffff::2", COA1, 1, 15, BU_FLAG_H);
	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), 0);
	assert_int_equal(c->nbas, 1);
	assert_int_equal(c->bas[0].status, BAS_PROHIBITED);
}

static void test_dropped(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 15, BU_FLAG_A);

	reset(c);
	assert_int_equal(ha_process_bu(&c->ha, &b), -EOPNOTSUPP);
	b = bu(HOA, "fe80::1", 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b), -EINVAL);
	b = bu(HOA, "ff02::1", 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b), -EINVAL);
	b = bu(HOA, "::", 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b), -EINVAL);
	b = bu(HOA, "::ffff:192.0.2.1", 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b), -EINVAL);
	/* A CoA that is a bound HoA would loop. */
	register_coa1(c, 1);
	reset(c);
	b = bu("2001:db8:ffff::4", HOA, 1, 15, AHK);
	assert_int_equal(ha_process_bu(&c->ha, &b), -ELOOP);
	assert_int_equal(c->nbas, 0);
	assert_int_equal(c->ha.stats.dropped, 5);
}

#define AHR (BU_FLAG_A | BU_FLAG_H | BU_FLAG_R)

/* NEMO: explicit prefixes, authorised by the ACL; routes, policies and a
 * router proxy entry for them; R in the BA. */
static void test_nemo_explicit(void **state)
{
	struct ctx *c = *state;
	struct ip_prefix mnp = P(MNP);
	struct ha_bu b = bu("2001:db8:ffff::5", COA1, 1, 15, AHR);
	const struct ha_action *a = c->acts;

	b.mnps = &mnp;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_ACCEPTED, 1);
	check_ba(&c->bas[0], BAS_ACCEPTED, 1, 15, BA_FLAG_R, COA1);
	/* bind, 2 transport, 3 HoA + 3 MNP policies, tunnel, 2 routes, proxy */
	assert_int_equal(c->nacts, 13);
	check_ipsec(&a[6], MIP6_IPSEC_SP_ADD, IPSEC_DIR_IN, IPSEC_MODE_TUNNEL);
	assert_prefix(&a[6].ipsec.u.sp.sel.src, MNP);
	check_act(&a[9], HA_ACT_TUNNEL_ADD, COA1);
	check_act(&a[11], HA_ACT_ROUTE_ADD, COA1);
	assert_prefix(&a[11].prefix, MNP);
	check_act(&a[12], HA_ACT_PROXY_ADD, COA1);
	assert_true(a[12].router);
	assert_int_equal(get(c, "2001:db8:ffff::5")->n_mnps, 1);

	/* The R flag may not change on an existing binding: 139. */
	b.flags = AHK;
	b.seq = 2;
	expect_status(c, &b, BAS_REG_TYPE_CHANGE, 2);
}

static void test_nemo_statuses(void **state)
{
	struct ctx *c = *state;
	struct ip_prefix bad = P("fe80::/64"), other = P("2001:db8:bbbb::/48"), sub = P("2001:db8:aaaa:1::/64");
	struct ha_bu b = bu("2001:db8:ffff::5", COA1, 1, 15, AHR);

	b.mnps = &bad;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_INVALID_PREFIX, 1);
	b.mnps = &other;
	expect_status(c, &b, BAS_PREFIX_NOT_AUTH, 1);
	/* Without an ACL line, no prefix is authorised. */
	b.hoa = A("2001:db8:ffff::8");
	expect_status(c, &b, BAS_PREFIX_NOT_AUTH, 1);
	/* Implicit mode without configured prefixes: 143. */
	b.n_mnps = 0;
	expect_status(c, &b, BAS_FWD_SETUP_FAILED, 1);
	/* Implicit mode: the ACL's prefixes. */
	b.hoa = A("2001:db8:ffff::5");
	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_int_equal(get(c, "2001:db8:ffff::5")->n_mnps, 2);
	/* A more specific prefix of an authorised one is fine. */
	b.hoa = A("2001:db8:ffff::6");
	b.mnps = &sub;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_prefix(&get(c, "2001:db8:ffff::6")->mnps[0], "2001:db8:aaaa:1::/64");
	/* Too many prefixes. */
	{
		struct ip_prefix many[HA_MAX_MNPS + 1];

		for (size_t i = 0; i <= HA_MAX_MNPS; i++)
			many[i] = sub;
		b.hoa = A("2001:db8:ffff::9");
		b.mnps = many;
		b.n_mnps = HA_MAX_MNPS + 1;
		expect_status(c, &b, BAS_INSUFFICIENT, 1);
	}
}

static void test_nemo_not_permitted(void **state)
{
	struct ctx *c = new_ctx("NodeConfig HA; Interface \"eth0\";\n", false);
	struct ip_prefix mnp = P(MNP);
	struct ha_bu b = bu(HOA, COA1, 1, 15, AHR);

	(void)state;
	b.mnps = &mnp;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_MR_NOT_PERMITTED, 1);
	*state = c;
	teardown(state);
}

/* A refresh that changes the prefixes: the removed one's route and
 * policies go, the new one's are added (with the current CoA). */
static void test_nemo_prefix_change(void **state)
{
	struct ctx *c = *state;
	struct ip_prefix p1 = P(MNP), p2 = P("2001:db8:cccc::/48");
	struct ha_bu b = bu("2001:db8:ffff::5", COA1, 1, 15, AHR);
	const struct ha_action *a = c->acts;

	b.mnps = &p1;
	b.n_mnps = 1;
	expect_status(c, &b, BAS_ACCEPTED, 1);
	b.mnps = &p2;
	b.seq = 2;
	expect_status(c, &b, BAS_ACCEPTED, 2);
	assert_int_equal(c->nacts, 8);
	check_act(&a[0], HA_ACT_ROUTE_DEL, COA1);
	assert_prefix(&a[0].prefix, MNP);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(a[i].ipsec.kind, MIP6_IPSEC_SP_DEL);
		assert_int_equal(a[i + 3].ipsec.kind, MIP6_IPSEC_SP_ADD);
	}
	assert_prefix(&a[1].ipsec.u.sp.sel.src, MNP);
	assert_prefix(&a[4].ipsec.u.sp.sel.src, "2001:db8:cccc::/48");
	check_act(&a[7], HA_ACT_ROUTE_ADD, COA1);
	assert_prefix(&a[7].prefix, "2001:db8:cccc::/48");
	assert_prefix(&get(c, "2001:db8:ffff::5")->mnps[0], "2001:db8:cccc::/48");
}

/* L bit: proxy ND for the link-local address too. */
static void test_link_local(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu(HOA, COA1, 1, 15, AHK | BU_FLAG_L);

	expect_status(c, &b, BAS_ACCEPTED, 1);
	assert_int_equal(c->nacts, 10);
	check_act(&c->acts[9], HA_ACT_PROXY_ADD, COA1);
	assert_prefix(&c->acts[9].prefix, "fe80::1/128");
	reset(c);
	ha_flush(&c->ha);
	assert_int_equal(c->acts[1].kind, HA_ACT_PROXY_DEL);
	assert_prefix(&c->acts[1].prefix, "fe80::1/128");
}

/* Daemon exit: every binding removed, pending ones dropped. */
static void test_flush(void **state)
{
	struct ctx *c = *state;
	struct ha_bu b = bu("2001:db8:ffff::4", COA2, 1, 15, AHK);

	register_coa1(c, 1);
	expect_status(c, &b, BAS_ACCEPTED, 1);
	reset(c);
	ha_flush(&c->ha);
	assert_int_equal(bcache_count(ha_bcache(&c->ha)), 0);
	/* HoA ::1 has IPsec (9 steps), ::4 none (4 steps). */
	assert_int_equal(c->nacts, 13);
	assert_int_equal(c->nbas, 0);
	assert_int_equal(timerq_count(&c->q), 0);
}

/* The control tool's removal: the kernel steps of a removal, no BA. */
static void test_remove(void **state)
{
	struct ctx *c = *state;
	struct ip_addr hoa = A(HOA);

	assert_int_equal(ha_remove(&c->ha, &hoa), -ENOENT);
	register_coa1(c, 1);
	reset(c);
	assert_int_equal(ha_remove(&c->ha, &hoa), 0);
	assert_int_equal(c->nacts, 9);
	check_teardown(c, 0, COA1);
	assert_int_equal(c->nbas, 0);
	assert_null(get(c, HOA));
	assert_int_equal(timerq_count(&c->q), 0);
}

static void test_init_errors(void **state)
{
	struct ctx *c = *state;
	struct ha h;
	struct ha_ops none = { 0 };
	struct ha_config cfg = { .conf = &c->conf };

	assert_int_equal(ha_init(&h, &c->q, &cfg, &none, NULL), -EINVAL);
	cfg.conf = NULL;
	assert_int_equal(ha_init(&h, &c->q, &cfg, &c->ops, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_binding_with_dad, setup_dad, teardown),
		cmocka_unit_test_setup_teardown(test_dad_failure_and_guard, setup_dad, teardown),
		cmocka_unit_test_setup_teardown(test_bu_during_dad, setup_dad, teardown),
		cmocka_unit_test_setup_teardown(test_lifetime_cap_and_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequence_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alt_coa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_new_binding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover_migrate_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover_rollback_after_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deregistration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acl, setup, teardown),
		cmocka_unit_test(test_acl_default_deny),
		cmocka_unit_test(test_not_ha),
		cmocka_unit_test_setup_teardown(test_home_subnet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_k_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nemo_explicit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nemo_statuses, setup, teardown),
		cmocka_unit_test(test_nemo_not_permitted),
		cmocka_unit_test_setup_teardown(test_nemo_prefix_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_local, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
