/* racoond/km: PF_KEY messages and XFRM events become the same km events;
 * malformed ones are rejected; the SPD cache serves PF_KEY's ACQUIREs. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/xfrm.h>

#include "libpfkey/convert.h"
#include "libpfkey/pfkey.h"
#include "libxfrm/xfrm.h"
#include "racoond/km/km_impl.h"

#define OWN_PID 4242

static struct ip_addr A(const char *s)
{
	struct ip_addr a;
	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static void assert_addr(const struct ip_addr *a, const char *s)
{
	struct ip_addr b = A(s);
	char x[ADDR_STRLEN];
	if (!addr_eq(a, &b))
		fail_msg("address %s, expected %s", addr_fmt(a, x, sizeof(x)), s);
}

/* The reference objects both kernels describe. */
static struct ipsec_policy tunnel_policy(uint32_t index)
{
	struct ipsec_policy p;
	memset(&p, 0, sizeof(p));
	assert_int_equal(prefix_parse(&p.sel.src, "2001:db8:aa::/64"), 0);
	assert_int_equal(prefix_parse(&p.sel.dst, "2001:db8:bb::/64"), 0);
	p.sel.proto = IPSEC_ULPROTO_ANY;
	p.dir = IPSEC_DIR_OUT;
	p.action = IPSEC_ACTION_IPSEC;
	p.index = index;
	p.priority = 100;
	p.ntmpl = 1;
	p.tmpl[0].proto = IPSEC_PROTO_ESP;
	p.tmpl[0].mode = IPSEC_MODE_TUNNEL;
	p.tmpl[0].src = A("2001:db8:1::1");
	p.tmpl[0].dst = A("2001:db8:1::2");
	p.tmpl[0].reqid = 7;
	p.tmpl[0].level = IPSEC_LEVEL_UNIQUE;
	return p;
}

static uint8_t buf[4096];

static int pfkey_xlate(int len, const struct km_spd_cache *spd, struct km_event *ev)
{
	struct pfkey_msg m;
	assert_true(len > 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	return km_pfkey_translate(&m, OWN_PID, spd, ev);
}

/* ---------- PF_KEY ---------- */

static int pfkey_acquire(uint32_t policy_id, bool with_policy)
{
	struct pfkey_builder b;
	struct ip_addr s = A("2001:db8:1::1"), d = A("2001:db8:1::2");

	pfkey_build_init(&b, buf, sizeof(buf), SADB_ACQUIRE, SADB_SATYPE_ESP, 77, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &s, 0, 128, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &d, 0, 128, 0);
	if (with_policy) {
		pfkey_policy_begin(&b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, policy_id, 100);
		pfkey_policy_end(&b);
	}
	return pfkey_build_finish(&b);
}

static void pfkey_acquire_finds_policy_by_id(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct ipsec_policy p = tunnel_policy(33), q = tunnel_policy(41);
	struct km_event ev;
	(void)state;

	q.tmpl[0].reqid = 9;
	assert_int_equal(km_spd_cache_put(&spd, &p), 0);
	assert_int_equal(km_spd_cache_put(&spd, &q), 0);
	assert_int_equal(pfkey_xlate(pfkey_acquire(41, true), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_ACQUIRE);
	assert_int_equal(ev.u.acquire.seq, 77);
	assert_addr(&ev.u.acquire.src, "2001:db8:1::1");
	assert_addr(&ev.u.acquire.dst, "2001:db8:1::2");
	assert_int_equal(ev.u.acquire.policy.index, 41);
	assert_int_equal(ev.u.acquire.policy.tmpl[0].reqid, 9);
	assert_int_equal(ev.u.acquire.policy.tmpl[0].mode, IPSEC_MODE_TUNNEL);
	km_spd_cache_free(&spd);
}

static void pfkey_acquire_unknown_policy(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct ipsec_policy p = tunnel_policy(33);
	struct km_event ev;
	(void)state;

	assert_int_equal(km_spd_cache_put(&spd, &p), 0);
	assert_int_equal(pfkey_xlate(pfkey_acquire(49, true), &spd, &ev), -ENOENT);
	km_spd_cache_free(&spd);
}

static void pfkey_acquire_without_policy_ext(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_acquire(1, false), &spd, &ev), -EINVAL);
}

static int pfkey_expire(bool hard, bool lifetime)
{
	struct pfkey_builder b;
	struct ip_addr s = A("2001:db8:1::1"), d = A("2001:db8:1::2");

	pfkey_build_init(&b, buf, sizeof(buf), SADB_EXPIRE, SADB_SATYPE_ESP, 0, 0);
	pfkey_add_sa(&b, 0x1234, 32, SADB_SASTATE_MATURE, SADB_AALG_SHA1HMAC, SADB_EALG_3DESCBC, 0);
	if (lifetime)
		pfkey_add_lifetime(&b, hard ? SADB_EXT_LIFETIME_HARD : SADB_EXT_LIFETIME_SOFT, 0, 0, 3600, 0);
	pfkey_add_lifetime(&b, SADB_EXT_LIFETIME_CURRENT, 5, 1000, 1700000000, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &s, 0, 128, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &d, 0, 128, 0);
	pfkey_add_sa2(&b, PFKEY_MODE_TUNNEL, 7, 0);
	return pfkey_build_finish(&b);
}

static void pfkey_expire_soft_and_hard(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;

	assert_int_equal(pfkey_xlate(pfkey_expire(false, true), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_EXPIRE);
	assert_false(ev.u.expire.hard);
	assert_int_equal(ev.u.expire.sa.spi, 0x1234);
	assert_int_equal(ev.u.expire.sa.proto, IPSEC_PROTO_ESP);
	assert_int_equal(ev.u.expire.sa.mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(ev.u.expire.sa.reqid, 7);
	assert_addr(&ev.u.expire.sa.dst, "2001:db8:1::2");
	assert_int_equal(pfkey_xlate(pfkey_expire(true, true), &spd, &ev), KM_XLATE_EVENT);
	assert_true(ev.u.expire.hard);
}

static void pfkey_expire_without_limit(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_expire(false, false), &spd, &ev), -EINVAL);
}

/* As the kernel broadcasts it (kernel.md 1.5): KMADDRESS, the
 * requester's selector, X_POLICY id 0 with (old, new) request pairs. */
static int pfkey_migrate(bool kmaddress, bool pair)
{
	struct pfkey_builder b;
	struct ip_addr hoa = A("2001:db8:aa::5"), any = A("::"), coa1 = A("2001:db8:1::1"),
		       coa2 = A("2001:db8:1::3"), ha = A("2001:db8:1::2");

	pfkey_build_init(&b, buf, sizeof(buf), SADB_X_MIGRATE, SADB_SATYPE_ESP, 0, 0);
	if (kmaddress)
		pfkey_add_kmaddress(&b, &coa2, &ha);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &hoa, 0, 128, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &any, 0, 0, 0);
	pfkey_policy_begin(&b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0, 0);
	pfkey_policy_add_req(&b, IPPROTO_ESP, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_UNIQUE, 7, &coa1, 0, &ha, 0);
	if (pair)
		pfkey_policy_add_req(&b, IPPROTO_ESP, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_UNIQUE, 7, &coa2, 0, &ha, 0);
	pfkey_policy_end(&b);
	return pfkey_build_finish(&b);
}

static void assert_reference_migrate(const struct km_event *ev, bool kmaddress)
{
	const struct ipsec_migrate_msg *m = &ev->u.migrate;

	assert_int_equal(ev->type, KM_EV_MIGRATE);
	assert_int_equal(m->dir, IPSEC_DIR_OUT);
	assert_addr(&m->sel.src.addr, "2001:db8:aa::5");
	assert_int_equal(m->sel.src.len, 128);
	assert_int_equal(m->sel.dst.len, 0);
	assert_int_equal(m->nentries, 1);
	assert_int_equal(m->entries[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(m->entries[0].mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(m->entries[0].reqid, 7);
	assert_addr(&m->entries[0].old_src, "2001:db8:1::1");
	assert_addr(&m->entries[0].old_dst, "2001:db8:1::2");
	assert_addr(&m->entries[0].new_src, "2001:db8:1::3");
	assert_addr(&m->entries[0].new_dst, "2001:db8:1::2");
	assert_int_equal(m->has_kmaddress, kmaddress);
	if (kmaddress) {
		assert_addr(&m->kmaddress.local, "2001:db8:1::3");
		assert_addr(&m->kmaddress.remote, "2001:db8:1::2");
	}
}

static void pfkey_migrate_with_kmaddress(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_migrate(true, true), &spd, &ev), KM_XLATE_EVENT);
	assert_reference_migrate(&ev, true);
}

static void pfkey_migrate_without_kmaddress(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_migrate(false, true), &spd, &ev), KM_XLATE_EVENT);
	assert_reference_migrate(&ev, false);
}

static void pfkey_migrate_unpaired_request(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_migrate(true, false), &spd, &ev), -EINVAL);
}

static int pfkey_policy_msg(uint8_t type, const struct ipsec_policy *p)
{
	return pfkey_build_policy(type, 3, 0, p, buf, sizeof(buf));
}

static void pfkey_spd_events(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct ipsec_policy p = tunnel_policy(33);
	struct km_event ev;
	(void)state;

	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDADD, &p), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_ADD);
	assert_int_equal(ev.u.policy.index, 33);
	assert_int_equal(ev.u.policy.dir, IPSEC_DIR_OUT);
	assert_int_equal(ev.u.policy.tmpl[0].reqid, 7);
	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDUPDATE, &p), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_ADD);
	/* each answer of an SPD dump */
	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDDUMP, &p), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_ADD);
	assert_int_equal(ev.u.policy.index, 33);
	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDDELETE, &p), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_DELETE);
	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDDELETE2, &p), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_DELETE);
}

static void pfkey_socket_policy_ignored(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct ipsec_policy p = tunnel_policy(33 * 8 + 4);   /* id % 8 >= 3: a socket's */
	struct km_event ev;
	(void)state;
	assert_int_equal(pfkey_xlate(pfkey_policy_msg(SADB_X_SPDADD, &p), &spd, &ev), KM_XLATE_IGNORE);
}

static int pfkey_delete(uint32_t pid)
{
	struct ipsec_sa sa;
	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("192.0.2.2");
	sa.proto = IPSEC_PROTO_AH;
	sa.spi = 0x4321;
	return pfkey_build_sa(SADB_DELETE, 9, pid, &sa, buf, sizeof(buf));
}

static void pfkey_sa_delete_by_others_only(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct km_event ev;
	(void)state;

	assert_int_equal(pfkey_xlate(pfkey_delete(1), &spd, &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SA_DELETE);
	assert_int_equal(ev.u.sa.spi, 0x4321);
	assert_int_equal(ev.u.sa.proto, IPSEC_PROTO_AH);
	assert_addr(&ev.u.sa.src, "192.0.2.1");
	assert_int_equal(pfkey_xlate(pfkey_delete(OWN_PID), &spd, &ev), KM_XLATE_IGNORE);
}

static void pfkey_errors_and_others_ignored(void **state)
{
	struct km_spd_cache spd = { 0 };
	struct pfkey_builder b;
	struct km_event ev;
	(void)state;

	pfkey_build_init(&b, buf, sizeof(buf), SADB_ACQUIRE, SADB_SATYPE_ESP, 5, 0);
	pfkey_build_errno(&b, ENOENT);
	assert_int_equal(pfkey_xlate(pfkey_build_finish(&b), &spd, &ev), KM_XLATE_IGNORE);
	pfkey_build_init(&b, buf, sizeof(buf), SADB_REGISTER, SADB_SATYPE_ESP, 5, 0);
	assert_int_equal(pfkey_xlate(pfkey_build_finish(&b), &spd, &ev), KM_XLATE_IGNORE);
	pfkey_build_init(&b, buf, sizeof(buf), SADB_FLUSH, SADB_SATYPE_UNSPEC, 5, 0);
	assert_int_equal(pfkey_xlate(pfkey_build_finish(&b), &spd, &ev), KM_XLATE_IGNORE);
}

/* ---------- XFRM ---------- */

static void put6(xfrm_address_t *x, const char *s)
{
	struct ip_addr a = A(s);
	memcpy(x, a.u.bytes, 16);
}

static void ksel(struct xfrm_selector *s, const char *src, int slen, const char *dst, int dlen)
{
	memset(s, 0, sizeof(*s));
	put6(&s->saddr, src);
	put6(&s->daddr, dst);
	s->prefixlen_s = (uint8_t)slen;
	s->prefixlen_d = (uint8_t)dlen;
	s->family = AF_INET6;
}

static struct nl_msg *nl_new(int type, const void *body, size_t len)
{
	struct nl_msg *m = nlmsg_alloc_simple(type, 0);
	assert_non_null(m);
	assert_int_equal(nlmsg_append(m, (void *)body, len, NLMSG_ALIGNTO), 0);
	return m;
}

static int xfrm_xlate(struct nl_msg *m, struct km_event *ev)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	struct xfrm_event xe;
	int rc = xfrm_event_decode(nlh, nlh->nlmsg_len, &xe);

	nlmsg_free(m);
	if (rc < 0)
		return rc;
	return km_xfrm_translate(&xe, ev);
}

static void xfrm_acquire_carries_policy(void **state)
{
	struct xfrm_user_acquire a;
	struct xfrm_user_tmpl t;
	struct km_event ev;
	struct nl_msg *m;
	(void)state;

	memset(&a, 0, sizeof(a));
	put6(&a.id.daddr, "2001:db8:1::2");
	a.id.proto = IPPROTO_ESP;
	put6(&a.saddr, "2001:db8:1::1");
	ksel(&a.sel, "2001:db8:aa::1", 128, "2001:db8:bb::1", 128);
	ksel(&a.policy.sel, "2001:db8:aa::", 64, "2001:db8:bb::", 64);
	a.policy.index = 41;
	a.policy.dir = XFRM_POLICY_OUT;
	a.policy.priority = 100;
	a.seq = 77;
	memset(&t, 0, sizeof(t));
	put6(&t.saddr, "2001:db8:1::1");
	put6(&t.id.daddr, "2001:db8:1::2");
	t.id.proto = IPPROTO_ESP;
	t.family = AF_INET6;
	t.mode = XFRM_MODE_TUNNEL;
	t.reqid = 9;
	m = nl_new(XFRM_MSG_ACQUIRE, &a, sizeof(a));
	assert_int_equal(nla_put(m, XFRMA_TMPL, sizeof(t), &t), 0);
	assert_int_equal(xfrm_xlate(m, &ev), KM_XLATE_EVENT);
	/* The same event as PF_KEY's, whose policy comes from the cache. */
	assert_int_equal(ev.type, KM_EV_ACQUIRE);
	assert_int_equal(ev.u.acquire.seq, 77);
	assert_addr(&ev.u.acquire.src, "2001:db8:1::1");
	assert_addr(&ev.u.acquire.dst, "2001:db8:1::2");
	assert_int_equal(ev.u.acquire.policy.index, 41);
	assert_int_equal(ev.u.acquire.policy.ntmpl, 1);
	assert_int_equal(ev.u.acquire.policy.tmpl[0].reqid, 9);
	assert_int_equal(ev.u.acquire.policy.tmpl[0].mode, IPSEC_MODE_TUNNEL);
}

static void xfrm_migrate_with_kmaddress(void **state)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_user_kmaddress k;
	struct xfrm_user_migrate u;
	struct km_event ev;
	struct nl_msg *m;
	(void)state;

	memset(&id, 0, sizeof(id));
	ksel(&id.sel, "2001:db8:aa::5", 128, "::", 0);
	id.dir = XFRM_POLICY_OUT;
	m = nl_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	memset(&k, 0, sizeof(k));
	put6(&k.local, "2001:db8:1::3");
	put6(&k.remote, "2001:db8:1::2");
	k.family = AF_INET6;
	assert_int_equal(nla_put(m, XFRMA_KMADDRESS, sizeof(k), &k), 0);
	memset(&u, 0, sizeof(u));
	put6(&u.old_saddr, "2001:db8:1::1");
	put6(&u.old_daddr, "2001:db8:1::2");
	put6(&u.new_saddr, "2001:db8:1::3");
	put6(&u.new_daddr, "2001:db8:1::2");
	u.proto = IPPROTO_ESP;
	u.mode = XFRM_MODE_TUNNEL;
	u.reqid = 7;
	u.old_family = u.new_family = AF_INET6;
	assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u), &u), 0);
	assert_int_equal(xfrm_xlate(m, &ev), KM_XLATE_EVENT);
	assert_reference_migrate(&ev, true);
}

static void xfrm_expire_soft_and_hard(void **state)
{
	struct xfrm_user_expire x;
	struct km_event ev;
	int hard;
	(void)state;

	for (hard = 0; hard < 2; hard++) {
		memset(&x, 0, sizeof(x));
		put6(&x.state.id.daddr, "2001:db8:1::2");
		put6(&x.state.saddr, "2001:db8:1::1");
		x.state.id.spi = htonl(0x1234);
		x.state.id.proto = IPPROTO_ESP;
		x.state.family = AF_INET6;
		x.state.mode = XFRM_MODE_TUNNEL;
		x.state.reqid = 7;
		x.hard = (uint8_t)hard;
		assert_int_equal(xfrm_xlate(nl_new(XFRM_MSG_EXPIRE, &x, sizeof(x)), &ev), KM_XLATE_EVENT);
		assert_int_equal(ev.type, KM_EV_EXPIRE);
		assert_int_equal(ev.u.expire.hard, hard);
		assert_int_equal(ev.u.expire.sa.spi, 0x1234);
		assert_int_equal(ev.u.expire.sa.mode, IPSEC_MODE_TUNNEL);
		assert_int_equal(ev.u.expire.sa.reqid, 7);
		assert_addr(&ev.u.expire.sa.dst, "2001:db8:1::2");
	}
}

static void xfrm_policy_events(void **state)
{
	struct xfrm_userpolicy_info pi;
	struct xfrm_userpolicy_id id;
	struct km_event ev;
	(void)state;

	memset(&pi, 0, sizeof(pi));
	ksel(&pi.sel, "2001:db8:aa::", 64, "2001:db8:bb::", 64);
	pi.index = 33;
	pi.dir = XFRM_POLICY_OUT;
	pi.action = XFRM_POLICY_ALLOW;
	assert_int_equal(xfrm_xlate(nl_new(XFRM_MSG_NEWPOLICY, &pi, sizeof(pi)), &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_ADD);
	assert_int_equal(ev.u.policy.index, 33);
	assert_int_equal(xfrm_xlate(nl_new(XFRM_MSG_UPDPOLICY, &pi, sizeof(pi)), &ev), KM_XLATE_EVENT);
	assert_int_equal(ev.type, KM_EV_SPD_ADD);

	/* DELPOLICY: a policy id, then the policy as an attribute. */
	memset(&id, 0, sizeof(id));
	id.sel = pi.sel;
	id.index = 33;
	id.dir = XFRM_POLICY_OUT;
	{
		struct nl_msg *m = nl_new(XFRM_MSG_DELPOLICY, &id, sizeof(id));
		assert_int_equal(nla_put(m, XFRMA_POLICY, sizeof(pi), &pi), 0);
		assert_int_equal(xfrm_xlate(m, &ev), KM_XLATE_EVENT);
	}
	assert_int_equal(ev.type, KM_EV_SPD_DELETE);
	assert_int_equal(ev.u.policy.index, 33);
}

static void xfrm_malformed_rejected(void **state)
{
	struct xfrm_user_acquire a;
	struct nl_msg *m;
	struct km_event ev;
	(void)state;

	memset(&a, 0, sizeof(a));
	m = nl_new(XFRM_MSG_ACQUIRE, &a, sizeof(a) / 2);
	assert_int_equal(xfrm_xlate(m, &ev), -EINVAL);
}

/* ---------- SPD cache ---------- */

static void spd_cache_put_replace_delete(void **state)
{
	struct km_spd_cache c = { 0 };
	struct ipsec_policy p = tunnel_policy(33), q = tunnel_policy(41);
	unsigned i;
	(void)state;

	for (i = 0; i < 100; i++) {
		q.index = 100 + i;
		assert_int_equal(km_spd_cache_put(&c, &q), 0);
	}
	assert_int_equal(km_spd_cache_put(&c, &p), 0);
	p.priority = 7;
	assert_int_equal(km_spd_cache_put(&c, &p), 0);
	assert_int_equal(c.n, 101);
	assert_int_equal(km_spd_cache_find(&c, 33)->priority, 7);
	km_spd_cache_del(&c, &p);
	assert_null(km_spd_cache_find(&c, 33));
	assert_non_null(km_spd_cache_find(&c, 150));
	assert_null(km_spd_cache_find(&c, 0));
	km_spd_cache_clear(&c);
	assert_null(km_spd_cache_find(&c, 150));
	km_spd_cache_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pfkey_acquire_finds_policy_by_id),
		cmocka_unit_test(pfkey_acquire_unknown_policy),
		cmocka_unit_test(pfkey_acquire_without_policy_ext),
		cmocka_unit_test(pfkey_expire_soft_and_hard),
		cmocka_unit_test(pfkey_expire_without_limit),
		cmocka_unit_test(pfkey_migrate_with_kmaddress),
		cmocka_unit_test(pfkey_migrate_without_kmaddress),
		cmocka_unit_test(pfkey_migrate_unpaired_request),
		cmocka_unit_test(pfkey_spd_events),
		cmocka_unit_test(pfkey_socket_policy_ignored),
		cmocka_unit_test(pfkey_sa_delete_by_others_only),
		cmocka_unit_test(pfkey_errors_and_others_ignored),
		cmocka_unit_test(xfrm_acquire_carries_policy),
		cmocka_unit_test(xfrm_migrate_with_kmaddress),
		cmocka_unit_test(xfrm_expire_soft_and_hard),
		cmocka_unit_test(xfrm_policy_events),
		cmocka_unit_test(xfrm_malformed_rejected),
		cmocka_unit_test(spd_cache_put_replace_delete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
