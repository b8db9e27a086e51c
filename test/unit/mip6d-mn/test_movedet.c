/* The Mobile Node's movement detection from Router Advertisements
 * (mip6d/mn/movedet.h): routers and prefixes learnt, the actions they give
 * (default route, care-of address, home), lifetimes and the two-hour
 * rule, unreachability by the Advertisement Interval with and without
 * probes, link down, the EUI-64 care-of address, and every class of RA or
 * prefix refused, each with its counter. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/addr.h"
#include "mip6d/mn/movedet.h"

#define HOME_IF 2
#define M1 3
#define M2 4

struct fx {
	struct md md;
	struct md_actions out;
	struct md_rx rx;
	struct nd_ra ra;
	uint64_t now;
};

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static struct ip_prefix P(const char *s)
{
	struct ip_prefix p;

	assert_int_equal(prefix_parse(&p, s), 0);
	return p;
}

static void set_prefix(struct nd_ra *ra, unsigned i, const char *pfx, uint8_t flags,
		       uint32_t valid, uint32_t pref)
{
	struct ip_prefix p = P(pfx);

	ra->opts.prefix[i].plen = p.len;
	ra->opts.prefix[i].flags = flags;
	ra->opts.prefix[i].valid = valid;
	ra->opts.prefix[i].preferred = pref;
	ra->opts.prefix[i].prefix = p.addr.u.v6;
	if (ra->opts.n_prefix <= i)
		ra->opts.n_prefix = (uint8_t)(i + 1);
}

static int setup(void **state, unsigned probes, bool dna)
{
	static struct fx f;
	struct md_params p;

	memset(&f, 0, sizeof(f));
	memset(&p, 0, sizeof(p));
	p.home_ifindex = HOME_IF;
	p.home_prefix = P("2001:db8:ffff::1/64");
	p.probes = probes;
	p.probe_timeout_ms = 300;
	p.dna = dna;
	p.dna_timeout_ms = 300;
	md_init(&f.md, &p);
	f.rx.ifindex = M1;
	f.rx.configured = true;
	f.rx.src = A("fe80::1");
	f.rx.hoplimit = 255;
	f.ra.cur_hop_limit = 64;
	f.ra.router_lifetime = 1800;
	f.ra.opts.has_adv_interval = true;
	f.ra.opts.adv_interval_ms = 1000;
	set_prefix(&f.ra, 0, "2001:db8:1::/64", ND_PFX_F_L | ND_PFX_F_A, 86400, 14400);
	f.now = 1000000;
	*state = &f;
	return 0;
}

static int setup0(void **state) { return setup(state, 0, false); }
static int setup2(void **state) { return setup(state, 2, false); }
static int setup_dna(void **state) { return setup(state, 0, true); }

static int ra(struct fx *f)
{
	f->out.n = 0;
	return md_ra(&f->md, &f->rx, 0, &f->ra, f->now, &f->out);
}

static void tick(struct fx *f, uint64_t to)
{
	f->now = to;
	f->out.n = 0;
	md_tick(&f->md, f->now, &f->out);
}

static bool has(const struct fx *f, enum md_act_type t, int ifindex)
{
	for (size_t i = 0; i < f->out.n; i++)
		if (f->out.a[i].type == t && f->out.a[i].ifindex == ifindex)
			return true;
	return false;
}

static void new_router_and_prefix(void **state)
{
	struct fx *f = *state;
	struct ip_prefix want = P("2001:db8:1::/64");
	uint64_t when;

	assert_false(md_next(&f->md, &when));
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.n, 2);
	assert_int_equal(f->out.a[0].type, MD_ROUTE_ADD);
	assert_true(addr_eq(&f->out.a[0].router, &f->rx.src));
	assert_int_equal(f->out.a[1].type, MD_COA_ADD);
	assert_int_equal(f->out.a[1].ifindex, M1);
	assert_int_equal(prefix_cmp(&f->out.a[1].prefix, &want), 0);
	assert_int_equal(f->out.a[1].valid_s, 86400);
	assert_int_equal(f->out.a[1].preferred_s, 14400);
	assert_true(md_has_router(&f->md, M1));
	assert_false(md_has_router(&f->md, M2));
	assert_int_equal(f->md.st.ra, 1);
	/* The same RA again changes nothing; the next check is 1.5 intervals on. */
	f->now += 500;
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.n, 0);
	assert_true(md_next(&f->md, &when));
	assert_int_equal(when, f->now + 1500);
}

static void prefix_with_router_address(void **state)
{
	struct fx *f = *state;
	struct ip_prefix want = P("2001:db8:1::/64");

	/* R flag: the prefix field holds the router's whole address. */
	set_prefix(&f->ra, 0, "2001:db8:1::1/64", ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R, 600, 600);
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_COA_ADD, M1));
	assert_int_equal(prefix_cmp(&f->out.a[1].prefix, &want), 0);
}

static void bad_hoplimit(void **state)
{
	struct fx *f = *state;

	f->rx.hoplimit = 254;
	assert_int_equal(ra(f), -EPERM);
	f->rx.hoplimit = -1;
	assert_int_equal(ra(f), -EPERM);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->md.st.bad_hoplimit, 2);
	assert_int_equal(f->md.st.ra, 0);
}

static void bad_source(void **state)
{
	struct fx *f = *state;

	f->rx.src = A("2001:db8:1::1");
	assert_int_equal(ra(f), -EPERM);
	f->rx.src = A("::");
	assert_int_equal(ra(f), -EPERM);
	f->rx.src = A("ff02::1");
	assert_int_equal(ra(f), -EPERM);
	f->rx.src = A("192.0.2.1");
	assert_int_equal(ra(f), -EPERM);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->md.st.bad_src, 4);
}

static void malformed(void **state)
{
	struct fx *f = *state;

	f->out.n = 0;
	assert_int_equal(md_ra(&f->md, &f->rx, -EBADMSG, NULL, f->now, &f->out), -EBADMSG);
	assert_int_equal(md_ra(&f->md, &f->rx, -ENOBUFS, NULL, f->now, &f->out), -EBADMSG);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->md.st.bad_format, 2);
	assert_false(md_has_router(&f->md, M1));
}

static void not_configured(void **state)
{
	struct fx *f = *state;

	f->rx.configured = false;
	assert_int_equal(ra(f), -ENODEV);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->md.st.not_configured, 1);
}

static void prefixes_refused(void **state)
{
	struct fx *f = *state;

	f->ra.router_lifetime = 0;
	set_prefix(&f->ra, 0, "2001:db8:1::/64", ND_PFX_F_L, 600, 600);          /* no A */
	set_prefix(&f->ra, 1, "2001:db8:2::/48", ND_PFX_F_A, 600, 600);          /* not /64 */
	set_prefix(&f->ra, 2, "fe80::/64", ND_PFX_F_A, 600, 600);                /* link-local */
	set_prefix(&f->ra, 3, "ff02::/64", ND_PFX_F_A, 600, 600);                /* multicast */
	set_prefix(&f->ra, 4, "2001:db8:3::/64", ND_PFX_F_A, 600, 601);          /* preferred > valid */
	set_prefix(&f->ra, 5, "2001:db8:ffff::/64", ND_PFX_F_A, 600, 600);       /* home, not home link */
	set_prefix(&f->ra, 6, "2001:db8:4::/64", ND_PFX_F_A, 0, 0);              /* new, valid 0 */
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->md.st.pfx_ignored, 6);
	assert_false(md_has_router(&f->md, M1));
}

static void home_prefix_on_home_link(void **state)
{
	struct fx *f = *state;

	f->rx.ifindex = HOME_IF;
	set_prefix(&f->ra, 0, "2001:db8:ffff::/64", ND_PFX_F_L | ND_PFX_F_A, 600, 600);
	f->ra.flags = ND_RA_F_H;
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_ROUTE_ADD, HOME_IF));
	assert_true(has(f, MD_HOME_ON, HOME_IF));
	assert_false(has(f, MD_COA_ADD, HOME_IF));
	assert_true(f->md.r[0].home_agent);
	f->out.n = 0;
	md_link_down(&f->md, HOME_IF, f->now, &f->out);
	assert_true(has(f, MD_HOME_OFF, HOME_IF));
	assert_true(has(f, MD_ROUTE_DEL, HOME_IF));
}

static void router_lifetime(void **state)
{
	struct fx *f = *state;

	f->ra.opts.has_adv_interval = false;
	f->ra.router_lifetime = 10;
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_ROUTE_ADD, M1));
	/* A lifetime of 0: no longer a default router, its prefix stays. */
	f->ra.router_lifetime = 0;
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.n, 1);
	assert_true(has(f, MD_ROUTE_DEL, M1));
	/* Back, then the lifetime runs out. */
	f->ra.router_lifetime = 10;
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_ROUTE_ADD, M1));
	tick(f, f->now + 9999);
	assert_int_equal(f->out.n, 0);
	tick(f, f->now + 1);
	assert_int_equal(f->out.n, 1);
	assert_true(has(f, MD_ROUTE_DEL, M1));
	assert_false(md_has_router(&f->md, M1));
}

static void prefix_lifetime_and_two_hour_rule(void **state)
{
	struct fx *f = *state;

	f->ra.opts.has_adv_interval = false;
	assert_int_equal(ra(f), 0);
	/* A short valid lifetime cannot cut 86400 s below two hours. */
	set_prefix(&f->ra, 0, "2001:db8:1::/64", ND_PFX_F_L | ND_PFX_F_A, 60, 60);
	assert_int_equal(ra(f), 0);
	tick(f, f->now + 61000);
	assert_false(has(f, MD_COA_DEL, M1));
	tick(f, f->now + 7200 * 1000ull);
	assert_true(has(f, MD_COA_DEL, M1));
	/* Seen again: a new prefix. */
	set_prefix(&f->ra, 0, "2001:db8:1::/64", ND_PFX_F_L | ND_PFX_F_A, 30, 30);
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_COA_ADD, M1));
	/* Under two hours left: a shorter lifetime is ignored, a longer one taken. */
	set_prefix(&f->ra, 0, "2001:db8:1::/64", ND_PFX_F_L | ND_PFX_F_A, 90, 90);
	assert_int_equal(ra(f), 0);
	tick(f, f->now + 30000);
	assert_int_equal(f->out.n, 0);
	tick(f, f->now + 60000);
	assert_true(has(f, MD_COA_DEL, M1));
}

static void silent_router_lost_without_probes(void **state)
{
	struct fx *f = *state;
	uint64_t t0 = f->now;

	assert_int_equal(ra(f), 0);
	tick(f, t0 + 1500);             /* 1.5 intervals: suspect, nothing yet */
	assert_int_equal(f->out.n, 0);
	tick(f, t0 + 2999);
	assert_int_equal(f->out.n, 0);
	tick(f, t0 + 3000);             /* 3 intervals: lost */
	assert_true(has(f, MD_ROUTE_DEL, M1));
	assert_true(has(f, MD_COA_DEL, M1));
	assert_int_equal(f->md.st.routers_lost, 1);
	assert_int_equal(f->md.st.probes, 0);
	assert_false(md_has_router(&f->md, M1));
	/* Its RAs again: new router, new prefix. */
	assert_int_equal(ra(f), 0);
	assert_true(has(f, MD_ROUTE_ADD, M1));
	assert_true(has(f, MD_COA_ADD, M1));
}

static void an_ra_keeps_the_router(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ra(f), 0);
	for (int i = 0; i < 10; i++) {
		tick(f, f->now + 1400);
		assert_int_equal(f->out.n, 0);
		assert_int_equal(ra(f), 0);
		assert_int_equal(f->out.n, 0);
	}
	assert_int_equal(f->md.st.routers_lost, 0);
}

static void probes_then_lost(void **state)
{
	struct fx *f = *state;
	uint64_t t0 = f->now;

	assert_int_equal(ra(f), 0);
	tick(f, t0 + 1500);
	assert_int_equal(f->out.n, 1);
	assert_int_equal(f->out.a[0].type, MD_PROBE);
	assert_true(addr_eq(&f->out.a[0].router, &f->rx.src));
	tick(f, t0 + 1800);
	assert_true(has(f, MD_PROBE, M1));
	tick(f, t0 + 2100);
	assert_true(has(f, MD_ROUTE_DEL, M1));
	assert_true(has(f, MD_COA_DEL, M1));
	assert_int_equal(f->md.st.probes, 2);
	assert_int_equal(f->md.st.routers_lost, 1);
}

/* MnRouterProbeTimeout 0 turns probing off whatever MnRouterProbes says. */
static void probes_need_a_timeout(void **state)
{
	struct fx *f = *state;
	struct md_params p = f->md.p;
	uint64_t t0 = f->now;

	p.probe_timeout_ms = 0;
	md_init(&f->md, &p);
	assert_int_equal(ra(f), 0);
	tick(f, t0 + 1500);
	assert_int_equal(f->out.n, 0);
	tick(f, t0 + 3000);
	assert_true(has(f, MD_ROUTE_DEL, M1));
	assert_int_equal(f->md.st.probes, 0);
}

static void probe_answered(void **state)
{
	struct fx *f = *state;
	struct ip_addr other = A("fe80::99");
	uint64_t t0 = f->now;

	assert_int_equal(ra(f), 0);
	tick(f, t0 + 1500);
	assert_true(has(f, MD_PROBE, M1));
	md_na(&f->md, M1, &other, f->now, &f->out);      /* not the router */
	md_na(&f->md, M2, &f->rx.src, f->now, &f->out);  /* not its link */
	md_na(&f->md, M1, &f->rx.src, t0 + 1600, &f->out);
	tick(f, t0 + 2100);
	assert_int_equal(f->out.n, 0);
	tick(f, t0 + 3100);             /* 1.5 intervals after the NA */
	assert_true(has(f, MD_PROBE, M1));
	assert_int_equal(f->md.st.routers_lost, 0);
}

static void link_down_forgets(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ra(f), 0);
	f->rx.ifindex = M2;
	f->rx.src = A("fe80::2");
	set_prefix(&f->ra, 0, "2001:db8:2::/64", ND_PFX_F_L | ND_PFX_F_A, 600, 600);
	assert_int_equal(ra(f), 0);
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	assert_int_equal(f->out.n, 2);
	assert_true(has(f, MD_ROUTE_DEL, M1));
	assert_true(has(f, MD_COA_DEL, M1));
	assert_false(md_has_router(&f->md, M1));
	assert_true(md_has_router(&f->md, M2));
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	assert_int_equal(f->out.n, 0);
}

static void tables_full(void **state)
{
	struct fx *f = *state;
	char s[64];

	for (int i = 0; i < MD_MAX_ROUTERS + 2; i++) {
		snprintf(s, sizeof(s), "fe80::%x", i + 1);
		f->rx.src = A(s);
		f->ra.opts.n_prefix = 0;
		assert_int_equal(ra(f), 0);
	}
	assert_int_equal(f->md.st.table_full, 2);
	f->rx.src = A("fe80::1");
	f->md.st.table_full = 0;
	for (int i = 0; i < MD_MAX_PREFIXES + 3; i++) {
		snprintf(s, sizeof(s), "2001:db8:%x::/64", i + 1);
		set_prefix(&f->ra, 0, s, ND_PFX_F_A, 600, 600);
		assert_int_equal(ra(f), 0);
	}
	assert_int_equal(f->md.st.table_full, 3);
}

static void eui64_coa(void **state)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	static const uint8_t mac2[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	static const uint8_t eui64[8] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
	struct ip_prefix in = P("2001:db8:1::/64"), out, want;
	struct ip_prefix wide = P("2001:db8::/48");

	(void)state;
	assert_int_equal(md_coa(&in, mac, 6, &out), 0);
	want = P("2001:db8:1::ff:fe00:1/64");
	assert_int_equal(prefix_cmp(&out, &want), 0);
	assert_int_equal(md_coa(&in, mac2, 6, &out), 0);
	want = P("2001:db8:1::5054:ff:fe12:3456/64");
	assert_int_equal(prefix_cmp(&out, &want), 0);
	assert_int_equal(md_coa(&in, eui64, 8, &out), 0);
	want = P("2001:db8:1:0:211:2233:4455:6677/64");
	assert_int_equal(prefix_cmp(&out, &want), 0);
	assert_int_equal(md_coa(&in, mac, 4, &out), -EINVAL);
	assert_int_equal(md_coa(&in, NULL, 6, &out), -EINVAL);
	assert_int_equal(md_coa(&wide, mac, 6, &out), -EINVAL);
}

/* RFC 6059: back on a known link, its router's NA confirms it. */
static void dna_confirmed(void **state)
{
	struct fx *f = *state;
	struct ip_prefix want = P("2001:db8:1::/64");

	assert_int_equal(ra(f), 0);
	f->now += 5000;
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	f->now += 3000;
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	assert_int_equal(f->out.n, 2);
	assert_int_equal(f->out.a[0].type, MD_DNA_ADDR);
	assert_int_equal(prefix_cmp(&f->out.a[0].prefix, &want), 0);
	assert_int_equal(f->out.a[1].type, MD_DNA_PROBE);
	assert_true(addr_eq(&f->out.a[1].router, &f->rx.src));
	/* a second link up while the check runs: nothing more */
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	assert_int_equal(f->out.n, 0);
	/* an NA from someone else, or on another link: nothing */
	md_na(&f->md, M1, &(struct ip_addr){ .family = AF_INET6, .u.bytes = { 0xfe, 0x80, [15] = 9 } },
	      f->now, &f->out);
	md_na(&f->md, M2, &f->rx.src, f->now, &f->out);
	assert_int_equal(f->out.n, 0);
	md_na(&f->md, M1, &f->rx.src, f->now + 20, &f->out);
	assert_true(has(f, MD_ROUTE_ADD, M1));
	assert_true(has(f, MD_COA_ADD, M1));
	assert_int_equal(f->out.a[1].valid_s, 86400 - 9);   /* 8.02 s gone, rounded down */
	assert_true(md_has_router(&f->md, M1));
	assert_int_equal(f->md.st.dna_ok, 1);
	/* its next RA: nothing new */
	f->now += 500;
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.n, 0);
}

static void dna_timeout(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ra(f), 0);
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	tick(f, f->now + 299);
	assert_int_equal(f->out.n, 0);
	tick(f, f->now + 1);
	assert_int_equal(f->out.n, 1);
	assert_int_equal(f->out.a[0].type, MD_DNA_FAIL);
	assert_int_equal(f->md.st.dna_fail, 1);
	/* a late NA confirms nothing */
	f->out.n = 0;
	md_na(&f->md, M1, &f->rx.src, f->now, &f->out);
	assert_int_equal(f->out.n, 0);
	/* down while checking: the unconfirmed address is withdrawn */
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	assert_true(has(f, MD_DNA_FAIL, M1));
}

/* Another network behind the same interface: its RA ends the check. */
static void dna_other_link(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ra(f), 0);
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	f->rx.src = A("fe80::7");
	set_prefix(&f->ra, 0, "2001:db8:7::/64", ND_PFX_F_L | ND_PFX_F_A, 600, 600);
	assert_int_equal(ra(f), 0);
	assert_int_equal(f->out.a[0].type, MD_DNA_FAIL);
	assert_true(has(f, MD_ROUTE_ADD, M1));
	assert_true(has(f, MD_COA_ADD, M1));
	/* the old router's NA now is no confirmation */
	f->out.n = 0;
	md_na(&f->md, M1, &(struct ip_addr){ .family = AF_INET6, .u.bytes = { 0xfe, 0x80, [15] = 1 } },
	      f->now, &f->out);
	assert_int_equal(f->out.n, 0);
}

static void dna_off(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ra(f), 0);
	f->out.n = 0;
	md_link_down(&f->md, M1, f->now, &f->out);
	f->out.n = 0;
	md_link_up(&f->md, M1, f->now, &f->out);
	assert_int_equal(f->out.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(new_router_and_prefix, setup0),
		cmocka_unit_test_setup(prefix_with_router_address, setup0),
		cmocka_unit_test_setup(bad_hoplimit, setup0),
		cmocka_unit_test_setup(bad_source, setup0),
		cmocka_unit_test_setup(malformed, setup0),
		cmocka_unit_test_setup(not_configured, setup0),
		cmocka_unit_test_setup(prefixes_refused, setup0),
		cmocka_unit_test_setup(home_prefix_on_home_link, setup0),
		cmocka_unit_test_setup(router_lifetime, setup0),
		cmocka_unit_test_setup(prefix_lifetime_and_two_hour_rule, setup0),
		cmocka_unit_test_setup(silent_router_lost_without_probes, setup0),
		cmocka_unit_test_setup(an_ra_keeps_the_router, setup0),
		cmocka_unit_test_setup(probes_then_lost, setup2),
		cmocka_unit_test_setup(probe_answered, setup2),
		cmocka_unit_test_setup(probes_need_a_timeout, setup2),
		cmocka_unit_test_setup(link_down_forgets, setup0),
		cmocka_unit_test_setup(tables_full, setup0),
		cmocka_unit_test(eui64_coa),
		cmocka_unit_test_setup(dna_confirmed, setup_dna),
		cmocka_unit_test_setup(dna_timeout, setup_dna),
		cmocka_unit_test_setup(dna_other_link, setup_dna),
		cmocka_unit_test_setup(dna_off, setup0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
