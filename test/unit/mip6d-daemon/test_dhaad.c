/* DHAAD and Mobile Prefix Discovery without I/O: the Home-Agents anycast
 * address, the Home Agents List fed by RAs (each refusal counted), its
 * order in a Reply, the HA's answers to Requests and Solicitations, the
 * MN's reading of a Reply, and the retransmission timeouts. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mip6d/daemon/dhaad.h"
#include "mip6d/ha/halist.h"

#define HA   "2001:db8:ffff::1000"
#define HA2  "2001:db8:ffff::2000"
#define HA3  "2001:db8:ffff::3000"
#define COA  "2001:db8:1::5"
#define ANY  "2001:db8:ffff::fdff:ffff:ffff:fffe"

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

static void assert_in6(const struct in6_addr *a, const char *s)
{
	struct ip_addr x = ad(s);

	assert_memory_equal(a, &x.u.v6, 16);
}

static void assert_anycast(const char *prefix, const char *want)
{
	struct ip_prefix p = pf(prefix);
	struct ip_addr a, w = ad(want);

	assert_int_equal(ha_anycast(&p, &a), 0);
	assert_true(addr_eq(&a, &w));
}

/* RFC 2526: ID 126 = 0x7e in the last 7 bits; EUI-64 form with u = 0 for
 * prefixes up to 64 bits; all ones after longer prefixes. */
static void anycast_addresses(void **state)
{
	struct ip_prefix p;
	struct ip_addr a;

	(void)state;
	assert_anycast("2001:db8:ffff::/64", ANY);
	assert_anycast("2001:db8:ffff::1/64", ANY);     /* host bits do not matter */
	assert_anycast("2001:db8::/48", "2001:db8:0:ffff:fdff:ffff:ffff:fffe");
	assert_anycast("2001:db8:ffff:1:8000::/65", "2001:db8:ffff:1:ffff:ffff:ffff:fffe");
	assert_anycast("2001:db8:ffff:1::/120", "2001:db8:ffff:1::fe");
	p = pf("2001:db8::/121");
	assert_int_equal(ha_anycast(&p, &a), -EINVAL);
	p = pf("192.0.2.0/24");
	assert_int_equal(ha_anycast(&p, &a), -EINVAL);
}

static struct nd_ra ha_ra(const char *global, int16_t pref, uint16_t life, bool info)
{
	struct nd_ra ra;

	memset(&ra, 0, sizeof(ra));
	ra.flags = ND_RA_F_H;
	ra.router_lifetime = 1800;
	ra.opts.n_prefix = 1;
	ra.opts.prefix[0].plen = 64;
	ra.opts.prefix[0].flags = ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R;
	ra.opts.prefix[0].prefix = ad(global).u.v6;
	ra.opts.has_ha_info = info;
	ra.opts.ha_preference = pref;
	ra.opts.ha_lifetime = life;
	return ra;
}

static void list_order(void **state)
{
	struct halist l;
	struct hal_stats st = { 0 };
	struct ip_prefix home = pf("2001:db8:ffff::/64");
	struct ip_addr self = ad(HA), ll2 = ad("fe80::2"), ll3 = ad("fe80::3"),
		       ll4 = ad("fe80::4");
	struct nd_ra ra;
	struct in6_addr out[8];

	(void)state;
	halist_init(&l);
	assert_int_equal(halist_add_self(&l, &self), 0);
	assert_int_equal(halist_add_self(&l, &self), 0);       /* once */
	assert_int_equal(l.n, 1);
	/* HA2: preference 10; HA3: preference 0, lifetime 100 s */
	ra = ha_ra(HA2, 10, 600, true);
	assert_int_equal(halist_ra(&l, &ll2, &ra, 0, &st), 0);
	ra = ha_ra(HA3, 0, 100, true);
	assert_int_equal(halist_ra(&l, &ll3, &ra, 0, &st), 0);
	/* one outside the home prefix is not listed for it */
	ra = ha_ra("2001:db8:eeee::1", 50, 600, true);
	assert_int_equal(halist_ra(&l, &ll4, &ra, 0, &st), 0);
	assert_int_equal(halist_reply(&l, &home, 1000, false, out, 8), 3);
	assert_in6(&out[0], HA2);
	assert_in6(&out[1], HA);        /* pref 0, never expires */
	assert_in6(&out[2], HA3);
	/* HA3 now says preference 10 with a longer lifetime than HA2 */
	ra = ha_ra(HA3, 10, 1200, true);
	assert_int_equal(halist_ra(&l, &ll3, &ra, 1000, &st), 0);
	assert_int_equal(halist_reply(&l, &home, 1000, false, out, 8), 3);
	assert_in6(&out[0], HA3);
	assert_in6(&out[1], HA2);
	assert_in6(&out[2], HA);
	/* max is respected; self_only lists this HA alone */
	assert_int_equal(halist_reply(&l, &home, 1000, false, out, 1), 1);
	assert_int_equal(halist_reply(&l, &home, 1000, true, out, 8), 1);
	assert_in6(&out[0], HA);
	/* our own RA (looped back) only sets our preference */
	ra = ha_ra(HA, 20, 300, true);
	assert_int_equal(halist_ra(&l, &ll4, &ra, 1000, &st), 0);
	assert_int_equal(halist_reply(&l, &home, 1000, false, out, 8), 3);
	assert_in6(&out[0], HA);
	/* lifetimes end: HA2 at 600 s, HA3 at 1201 s; self stays */
	assert_int_equal(halist_reply(&l, &home, 600000, false, out, 8), 2);
	halist_expire(&l, 1201000);
	assert_int_equal(halist_reply(&l, &home, 1201000, false, out, 8), 1);
	assert_int_equal(l.n, 1);       /* the other prefix's entry ended at 600 s too */
}

static void list_ra_refusals(void **state)
{
	struct halist l;
	struct hal_stats st = { 0 };
	struct ip_addr ll = ad("fe80::2"), glob = ad(HA2);
	struct ip_prefix home = pf("2001:db8:ffff::/64");
	struct in6_addr out[4];
	struct nd_ra ra;

	(void)state;
	halist_init(&l);
	ra = ha_ra(HA2, 0, 600, true);
	ra.flags = 0;
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), -EPROTO);
	assert_int_equal(st.ra_not_ha, 1);
	ra = ha_ra(HA2, 0, 600, true);
	assert_int_equal(halist_ra(&l, &glob, &ra, 0, &st), -EINVAL);
	assert_int_equal(st.ra_bad, 1);
	ra.opts.prefix[0].flags &= (uint8_t)~ND_PFX_F_R;
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), -ENODATA);
	ra.opts.prefix[0].flags |= ND_PFX_F_R;
	ra.opts.prefix[0].prefix = ad("ff02::1").u.v6;
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), -ENODATA);
	assert_int_equal(st.ra_no_addr, 2);
	assert_int_equal(st.ra, 4);
	assert_int_equal(l.n, 0);
	/* without the HA information option: preference 0, Router Lifetime */
	ra = ha_ra(HA2, 0, 0, false);
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), 0);
	assert_int_equal(l.v[0].expires, 1800000);
	/* lifetime 0 removes the entry */
	ra = ha_ra(HA2, 0, 0, true);
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(halist_reply(&l, &home, 0, false, out, 4), 0);
	/* a full list */
	for (unsigned i = 0; i < HAL_MAX; i++) {
		char s[64];
		struct ip_addr li;

		snprintf(s, sizeof(s), "fe80::%x", i + 1);
		li = ad(s);
		snprintf(s, sizeof(s), "2001:db8:ffff::%x", i + 1);
		ra = ha_ra(s, 0, 600, true);
		assert_int_equal(halist_ra(&l, &li, &ra, 0, &st), 0);
	}
	ll = ad("fe80::ffff");
	assert_int_equal(halist_ra(&l, &ll, &ra, 0, &st), -ENOSPC);
	assert_int_equal(l.n_full, 1);
	assert_int_equal(halist_add_self(&l, &glob), -ENOSPC);
}

/* --- the HA's answers --- */

struct hactx {
	struct halist l;
	struct dhaad_home home;
	struct dhaad_stats st;
	struct mip_icmp rep;
	struct ip_addr rsrc, rdst;
};

static void ha_ctx(struct hactx *c)
{
	struct ip_prefix me = pf(HA "/64");
	struct ip_addr self = ad(HA), ll2 = ad("fe80::2");
	struct hal_stats hs = { 0 };
	struct nd_ra ra = ha_ra(HA2, 5, 600, true);

	memset(c, 0, sizeof(*c));
	assert_int_equal(dhaad_home_of(&c->home, &me, 86400, 14400), 0);
	assert_int_equal(halist_add_self(&c->l, &self), 0);
	assert_int_equal(halist_ra(&c->l, &ll2, &ra, 0, &hs), 0);
}

static int build(const struct mip_icmp *m, uint8_t *buf)
{
	int n = mip_icmp_build(m, NULL, NULL, buf, 1280);

	assert_true(n > 0);
	return n;
}

static int answer(struct hactx *c, const uint8_t *buf, size_t len, const char *src,
		  const char *dst, bool mr)
{
	struct ip_addr s = ad(src), d = ad(dst);

	return dhaad_answer(buf, len, &s, &d, &c->l, &c->home, 1, mr, 0, &c->rep, &c->rsrc,
			    &c->rdst, &c->st);
}

static void ha_answers_request(void **state)
{
	struct hactx c;
	struct mip_icmp q = { .type = ICMP6_DHAAD_REQUEST, .id = 0x1234 };
	uint8_t buf[1280];
	int n;
	struct ip_addr ha = ad(HA), coa = ad(COA), any = ad(ANY), ha2 = ad(HA2);

	(void)state;
	ha_ctx(&c);
	assert_true(addr_eq(&c.home.anycast, &any));
	n = build(&q, buf);
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, false), 0);
	assert_int_equal(c.rep.type, ICMP6_DHAAD_REPLY);
	assert_int_equal(c.rep.id, 0x1234);
	assert_int_equal(c.rep.flags, 0);
	assert_int_equal(c.rep.n_addr, 2);
	assert_in6(&c.rep.addr[0], HA2);        /* preference 5 */
	assert_in6(&c.rep.addr[1], HA);
	assert_true(addr_eq(&c.rsrc, &ha));
	assert_true(addr_eq(&c.rdst, &coa));
	assert_int_equal(c.st.rx_request, 1);
	assert_int_equal(c.st.tx_reply, 1);
	/* the reply builds and the MN reads it */
	{
		uint8_t out[1280];
		struct ip_addr got;
		struct dhaad_stats ms = { 0 };
		int m = mip_icmp_build(&c.rep, &c.rsrc.u.v6, &c.rdst.u.v6, out, sizeof(out));

		assert_int_equal(m, 8 + 2 * 16);
		assert_int_equal(dhaad_take_reply(out, (size_t)m, 0x1234, &got, &ms), 0);
		assert_true(addr_eq(&got, &ha2));
	}
}

static void ha_request_mobile_router(void **state)
{
	struct hactx c;
	struct mip_icmp q = { .type = ICMP6_DHAAD_REQUEST, .id = 7, .flags = DHAAD_F_R };
	uint8_t buf[64];
	int n;

	(void)state;
	ha_ctx(&c);
	n = build(&q, buf);
	/* only this HA, and only when it serves mobile routers */
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, true), 0);
	assert_int_equal(c.rep.flags, DHAAD_F_R);
	assert_int_equal(c.rep.n_addr, 1);
	assert_in6(&c.rep.addr[0], HA);
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, false), 0);
	assert_int_equal(c.rep.n_addr, 0);
}

static void ha_request_refusals(void **state)
{
	struct hactx c;
	struct mip_icmp q = { .type = ICMP6_DHAAD_REQUEST, .id = 7 };
	uint8_t buf[64];
	int n;

	(void)state;
	ha_ctx(&c);
	n = build(&q, buf);
	/* not to the anycast address of a home prefix */
	assert_int_equal(answer(&c, buf, (size_t)n, COA, HA, false), -EADDRNOTAVAIL);
	assert_int_equal(answer(&c, buf, (size_t)n, COA, "2001:db8:eeee::fdff:ffff:ffff:fffe",
				false), -EADDRNOTAVAIL);
	assert_int_equal(c.st.bad_dst, 2);
	/* from an address that cannot be answered */
	assert_int_equal(answer(&c, buf, (size_t)n, "fe80::1", ANY, false), -EINVAL);
	assert_int_equal(answer(&c, buf, (size_t)n, "ff02::1", ANY, false), -EINVAL);
	assert_int_equal(answer(&c, buf, (size_t)n, "::", ANY, false), -EINVAL);
	assert_int_equal(c.st.bad_src, 3);
	/* malformed: short, code not 0 */
	assert_int_equal(answer(&c, buf, 7, COA, ANY, false), -EBADMSG);
	buf[1] = 1;
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, false), -EBADMSG);
	assert_int_equal(c.st.bad_msg, 2);
	/* another type: a Reply, an Echo Request */
	buf[0] = ICMP6_DHAAD_REPLY;
	buf[1] = 0;
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, false), -EPROTONOSUPPORT);
	buf[0] = 128;
	assert_int_equal(answer(&c, buf, (size_t)n, COA, ANY, false), -EPROTONOSUPPORT);
	assert_int_equal(c.st.other, 2);
	assert_int_equal(c.st.tx_reply, 0);
}

static void ha_answers_mps(void **state)
{
	struct hactx c;
	struct mip_icmp q = { .type = ICMP6_MPS, .id = 99 };
	uint8_t buf[64];
	int n;
	struct ip_addr ha = ad(HA);

	(void)state;
	ha_ctx(&c);
	n = build(&q, buf);
	assert_int_equal(answer(&c, buf, (size_t)n, "2001:db8:ffff::1", HA, false), 0);
	assert_int_equal(c.rep.type, ICMP6_MPA);
	assert_int_equal(c.rep.id, 99);
	assert_int_equal(c.rep.opts.n_prefix, 1);
	assert_int_equal(c.rep.opts.prefix[0].plen, 64);
	assert_int_equal(c.rep.opts.prefix[0].flags, ND_PFX_F_L | ND_PFX_F_A);
	assert_int_equal(c.rep.opts.prefix[0].valid, 86400);
	assert_int_equal(c.rep.opts.prefix[0].preferred, 14400);
	assert_in6(&c.rep.opts.prefix[0].prefix, "2001:db8:ffff::");
	assert_true(addr_eq(&c.rsrc, &ha));
	assert_int_equal(c.st.tx_mpa, 1);
	/* not from a home address of ours */
	assert_int_equal(answer(&c, buf, (size_t)n, COA, HA, false), -EADDRNOTAVAIL);
	assert_int_equal(c.st.bad_src, 1);
}

/* --- the MN's reading of a Reply --- */

static int reply(uint8_t *buf, uint16_t id, const char *const *addrs, size_t n)
{
	struct mip_icmp r = { .type = ICMP6_DHAAD_REPLY, .id = id };

	for (size_t i = 0; i < n; i++)
		r.addr[i] = ad(addrs[i]).u.v6;
	r.n_addr = (uint8_t)n;
	return build(&r, buf);
}

static void mn_takes_reply(void **state)
{
	static const char *const good[] = { "fe80::1", HA3, HA };
	static const char *const useless[] = { "fe80::1", "ff02::2", "::", "::1" };
	struct dhaad_stats st = { 0 };
	struct ip_addr ha, want = ad(HA3);
	uint8_t buf[1280];
	int n;

	(void)state;
	n = reply(buf, 5, good, 3);
	assert_int_equal(dhaad_take_reply(buf, (size_t)n, 5, &ha, &st), 0);
	assert_true(addr_eq(&ha, &want));
	/* another identifier */
	assert_int_equal(dhaad_take_reply(buf, (size_t)n, 6, &ha, &st), -ESTALE);
	assert_int_equal(st.stale, 1);
	/* nothing usable, or nothing at all */
	n = reply(buf, 5, useless, 4);
	assert_int_equal(dhaad_take_reply(buf, (size_t)n, 5, &ha, &st), -ENODATA);
	n = reply(buf, 5, NULL, 0);
	assert_int_equal(dhaad_take_reply(buf, (size_t)n, 5, &ha, &st), -ENODATA);
	assert_int_equal(st.empty, 2);
	/* malformed: a list not in 16-octet steps, short, code, too long */
	n = reply(buf, 5, good, 3);
	assert_int_equal(dhaad_take_reply(buf, (size_t)n - 1, 5, &ha, &st), -EBADMSG);
	assert_int_equal(dhaad_take_reply(buf, 6, 5, &ha, &st), -EBADMSG);
	buf[1] = 3;
	assert_int_equal(dhaad_take_reply(buf, (size_t)n, 5, &ha, &st), -EBADMSG);
	buf[1] = 0;
	memset(buf + 8, 0x20, 16 * 65);
	assert_int_equal(dhaad_take_reply(buf, 8 + 16 * 65, 5, &ha, &st), -EBADMSG);
	assert_int_equal(st.bad_msg, 4);
	/* not a Reply */
	buf[0] = ICMP6_DHAAD_REQUEST;
	assert_int_equal(dhaad_take_reply(buf, 8, 5, &ha, &st), -EPROTO);
	buf[0] = 1;
	assert_int_equal(dhaad_take_reply(buf, 8, 5, &ha, &st), -EPROTO);
	assert_int_equal(st.other, 2);
	assert_int_equal(st.rx_reply, 4);
}

static void timeouts(void **state)
{
	(void)state;
	assert_int_equal(dhaad_timeout_ms(0), 3000);
	assert_int_equal(dhaad_timeout_ms(1), 6000);
	assert_int_equal(dhaad_timeout_ms(4), 48000);
	assert_int_equal(dhaad_timeout_ms(9), 48000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anycast_addresses),
		cmocka_unit_test(list_order),
		cmocka_unit_test(list_ra_refusals),
		cmocka_unit_test(ha_answers_request),
		cmocka_unit_test(ha_request_mobile_router),
		cmocka_unit_test(ha_request_refusals),
		cmocka_unit_test(ha_answers_mps),
		cmocka_unit_test(mn_takes_reply),
		cmocka_unit_test(timeouts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
