/* libxfrm's event decoder and codec, without a kernel: messages are built
 * with libnl the way the kernel lays them out, then decoded back. */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "libxfrm/codec.h"
#include "libxfrm/xfrm.h"

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static void put6(xfrm_address_t *x, const char *s)
{
	memset(x, 0, sizeof(*x));
	assert_int_equal(inet_pton(AF_INET6, s, x->a6), 1);
}

static void assert_addr(const struct ip_addr *a, const char *s)
{
	struct ip_addr b = A(s);

	assert_true(addr_eq(a, &b));
}

static void kernel_sel(struct xfrm_selector *s, const char *src, int slen, const char *dst, int dlen)
{
	memset(s, 0, sizeof(*s));
	put6(&s->saddr, src);
	put6(&s->daddr, dst);
	s->prefixlen_s = (uint8_t)slen;
	s->prefixlen_d = (uint8_t)dlen;
	s->family = AF_INET6;
}

static struct nl_msg *msg_new(int type, const void *body, size_t len)
{
	struct nl_msg *m = nlmsg_alloc_simple(type, 0);

	assert_non_null(m);
	if (len)
		assert_int_equal(nlmsg_append(m, (void *)body, len, NLMSG_ALIGNTO), 0);
	return m;
}

static int decode(struct nl_msg *m, struct xfrm_event *ev)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m);

	return xfrm_event_decode(nlh, nlh->nlmsg_len, ev);
}

static void user_migrate(struct xfrm_user_migrate *u, const char *os, const char *od, const char *ns,
			 const char *nd, uint8_t mode, uint32_t reqid)
{
	memset(u, 0, sizeof(*u));
	if (os)
		put6(&u->old_saddr, os);
	if (od)
		put6(&u->old_daddr, od);
	put6(&u->new_saddr, ns);
	put6(&u->new_daddr, nd);
	u->proto = IPPROTO_ESP;
	u->mode = mode;
	u->reqid = reqid;
	u->old_family = u->new_family = AF_INET6;
}

/* The kernel's notification: one XFRMA_MIGRATE attribute per entry. */
static struct nl_msg *migrate_notification(void)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_user_kmaddress km;
	struct xfrm_userpolicy_type pt = { .type = XFRM_POLICY_TYPE_SUB };
	struct xfrm_user_migrate u;
	struct nl_msg *m;

	memset(&id, 0, sizeof(id));
	kernel_sel(&id.sel, "2001:db8:ffff::1", 128, "::", 0);
	id.dir = XFRM_POLICY_OUT;
	m = msg_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	memset(&km, 0, sizeof(km));
	put6(&km.local, "2001:db8:2::5");
	put6(&km.remote, "2001:db8:ffff::1000");
	km.family = AF_INET6;
	assert_int_equal(nla_put(m, XFRMA_KMADDRESS, sizeof(km), &km), 0);
	assert_int_equal(nla_put(m, XFRMA_POLICY_TYPE, sizeof(pt), &pt), 0);
	user_migrate(&u, "2001:db8:1::5", "2001:db8:ffff::1000", "2001:db8:2::5", "2001:db8:ffff::1000",
		     XFRM_MODE_TUNNEL, 7);
	assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u), &u), 0);
	user_migrate(&u, NULL, NULL, "2001:db8:2::5", "2001:db8:ffff::1000", XFRM_MODE_TRANSPORT, 8);
	assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u), &u), 0);
	return m;
}

static void migrate_two_entries_kmaddress(void **state)
{
	struct nl_msg *m = migrate_notification();
	struct xfrm_event ev;
	const struct ipsec_migrate_msg *mm = &ev.u.migrate;

	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_MIGRATE);
	assert_addr(&mm->sel.src.addr, "2001:db8:ffff::1");
	assert_int_equal(mm->sel.src.len, 128);
	assert_addr(&mm->sel.dst.addr, "::");
	assert_int_equal(mm->sel.dst.len, 0);
	assert_int_equal(mm->sel.proto, IPSEC_ULPROTO_ANY);
	assert_int_equal(mm->dir, IPSEC_DIR_OUT);
	assert_int_equal(mm->type, IPSEC_POLICY_SUB);
	assert_true(mm->has_kmaddress);
	assert_addr(&mm->kmaddress.local, "2001:db8:2::5");
	assert_addr(&mm->kmaddress.remote, "2001:db8:ffff::1000");
	assert_int_equal(mm->nentries, 2);
	assert_addr(&mm->entries[0].old_src, "2001:db8:1::5");
	assert_addr(&mm->entries[0].old_dst, "2001:db8:ffff::1000");
	assert_addr(&mm->entries[0].new_src, "2001:db8:2::5");
	assert_addr(&mm->entries[0].new_dst, "2001:db8:ffff::1000");
	assert_int_equal(mm->entries[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(mm->entries[0].mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(mm->entries[0].reqid, 7);
	/* Transport entries: no old endpoints. */
	assert_int_equal(mm->entries[1].old_src.family, AF_UNSPEC);
	assert_int_equal(mm->entries[1].old_dst.family, AF_UNSPEC);
	assert_addr(&mm->entries[1].new_src, "2001:db8:2::5");
	assert_int_equal(mm->entries[1].mode, IPSEC_MODE_TRANSPORT);
	assert_int_equal(mm->entries[1].reqid, 8);
	nlmsg_free(m);
}

/* Our request (one array attribute) decodes back to what was asked. */
static void migrate_request_round_trip(void **state)
{
	struct ipsec_migrate_msg in, *out;
	struct xfrm_event ev;
	struct nl_msg *m;

	memset(&in, 0, sizeof(in));
	assert_int_equal(prefix_parse(&in.sel.src, "2001:db8:ffff::1000/128"), 0);
	assert_int_equal(prefix_parse(&in.sel.dst, "2001:db8:ffff::1/128"), 0);
	in.sel.proto = IPSEC_PROTO_MH;
	in.dir = IPSEC_DIR_OUT;
	in.nentries = 2;
	in.entries[0].new_src = A("2001:db8:ffff::1000");
	in.entries[0].new_dst = A("2001:db8:2::5");
	in.entries[0].proto = IPSEC_PROTO_ESP;
	in.entries[0].mode = IPSEC_MODE_TRANSPORT;
	in.entries[1].old_src = A("2001:db8:ffff::1000");
	in.entries[1].old_dst = A("2001:db8:1::5");
	in.entries[1].new_src = A("2001:db8:ffff::1000");
	in.entries[1].new_dst = A("2001:db8:2::5");
	in.entries[1].proto = IPSEC_PROTO_ESP;
	in.entries[1].mode = IPSEC_MODE_TUNNEL;
	in.entries[1].reqid = 3;
	in.has_kmaddress = true;
	in.kmaddress.local = A("2001:db8:ffff::1000");
	in.kmaddress.remote = A("2001:db8:2::5");
	m = nlmsg_alloc_simple(XFRM_MSG_MIGRATE, 0);
	assert_int_equal(xfrm_migrate_build(m, &in), 0);
	assert_int_equal(decode(m, &ev), 0);
	out = &ev.u.migrate;
	assert_true(ipsec_selector_eq(&in.sel, &out->sel));
	assert_int_equal(out->nentries, 2);
	assert_memory_equal(&in.entries, &out->entries, 2 * sizeof(in.entries[0]));
	assert_memory_equal(&in.kmaddress, &out->kmaddress, sizeof(in.kmaddress));
	nlmsg_free(m);
}

static void migrate_build_rejects(void **state)
{
	struct ipsec_migrate_msg in;
	struct nl_msg *m = nlmsg_alloc_simple(XFRM_MSG_MIGRATE, 0);

	memset(&in, 0, sizeof(in));
	assert_int_equal(prefix_parse(&in.sel.src, "2001:db8::1/128"), 0);
	assert_int_equal(xfrm_migrate_build(m, &in), -EINVAL);       /* no entry */
	in.nentries = 7;                                              /* kernel max is 6 */
	assert_int_equal(xfrm_migrate_build(m, &in), -EINVAL);
	in.nentries = 1;                                              /* no new addresses */
	assert_int_equal(xfrm_migrate_build(m, &in), -EINVAL);
	nlmsg_free(m);
}

static void fill_tmpl(struct xfrm_user_tmpl *t, const char *src, const char *dst, uint8_t proto, uint8_t mode,
		      uint32_t reqid, uint8_t optional)
{
	memset(t, 0, sizeof(*t));
	if (src)
		put6(&t->saddr, src);
	if (dst)
		put6(&t->id.daddr, dst);
	t->id.proto = proto;
	t->family = AF_INET6;
	t->mode = mode;
	t->reqid = reqid;
	t->optional = optional;
}

static void acquire(void **state)
{
	struct xfrm_user_acquire a;
	struct xfrm_user_tmpl t[2];
	struct xfrm_userpolicy_type pt = { .type = XFRM_POLICY_TYPE_MAIN };
	struct xfrm_event ev;
	struct xfrm_acquire *aq = &ev.u.acquire;
	struct nl_msg *m;

	memset(&a, 0, sizeof(a));
	put6(&a.id.daddr, "2001:db8:1::2");
	a.id.proto = IPPROTO_ESP;
	put6(&a.saddr, "2001:db8:1::1");
	kernel_sel(&a.sel, "2001:db8:1::1", 128, "2001:db8:1::2", 128);
	a.sel.proto = IPPROTO_UDP;
	a.sel.sport = htons(48602);
	a.sel.sport_mask = 0xffff;
	a.sel.dport = htons(1025);
	a.sel.dport_mask = 0xffff;
	kernel_sel(&a.policy.sel, "2001:db8:1::1", 128, "2001:db8:1::2", 128);
	a.policy.index = 17;
	a.policy.dir = XFRM_POLICY_OUT;
	a.policy.priority = 100;
	a.seq = 1;
	a.aalgos = a.ealgos = a.calgos = ~0u;
	fill_tmpl(&t[0], NULL, NULL, IPPROTO_AH, XFRM_MODE_TRANSPORT, 4, 0);
	fill_tmpl(&t[1], "2001:db8:1::1", "2001:db8:1::2", IPPROTO_ESP, XFRM_MODE_TUNNEL, 9, 0);
	m = msg_new(XFRM_MSG_ACQUIRE, &a, sizeof(a));
	assert_int_equal(nla_put(m, XFRMA_TMPL, sizeof(t), t), 0);
	assert_int_equal(nla_put(m, XFRMA_POLICY_TYPE, sizeof(pt), &pt), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_ACQUIRE);
	assert_int_equal(aq->proto, IPSEC_PROTO_ESP);
	assert_addr(&aq->src, "2001:db8:1::1");
	assert_addr(&aq->dst, "2001:db8:1::2");
	assert_int_equal(aq->mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(aq->reqid, 9);
	assert_int_equal(aq->seq, 1);
	assert_int_equal(aq->flow.proto, IPPROTO_UDP);
	assert_int_equal(aq->flow.sport, 48602);
	assert_int_equal(aq->flow.dport, 1025);
	assert_int_equal(aq->policy.index, 17);
	assert_int_equal(aq->policy.priority, 100);
	assert_int_equal(aq->policy.dir, IPSEC_DIR_OUT);
	assert_int_equal(aq->policy.ntmpl, 2);
	assert_int_equal(aq->policy.tmpl[0].proto, IPSEC_PROTO_AH);
	assert_int_equal(aq->policy.tmpl[0].src.family, AF_UNSPEC);
	assert_int_equal(aq->policy.tmpl[1].reqid, 9);
	assert_addr(&aq->policy.tmpl[1].dst, "2001:db8:1::2");
	assert_int_equal(aq->policy.action, IPSEC_ACTION_IPSEC);
	nlmsg_free(m);
}

static void sa_info(struct xfrm_usersa_info *s, uint8_t proto, uint32_t spi, uint8_t mode)
{
	memset(s, 0, sizeof(*s));
	put6(&s->id.daddr, "2001:db8:ffff::1000");
	put6(&s->saddr, "2001:db8:ffff::1");
	s->id.spi = htonl(spi);
	s->id.proto = proto;
	s->family = AF_INET6;
	s->mode = mode;
	s->reqid = 8;
	s->replay_window = 32;
	s->lft.soft_byte_limit = s->lft.soft_packet_limit = XFRM_INF;
	s->lft.hard_byte_limit = 1000000;
	s->lft.hard_packet_limit = XFRM_INF;
	s->lft.soft_add_expires_seconds = 2700;
	s->lft.hard_add_expires_seconds = 3600;
	s->curlft.bytes = 4242;
	s->curlft.packets = 42;
}

static void put_alg(struct nl_msg *m, int type, const char *name, unsigned bits, unsigned trunc)
{
	uint8_t buf[sizeof(struct xfrm_algo_auth) + 64];
	size_t hdr = type == XFRMA_ALG_AUTH_TRUNC ? sizeof(struct xfrm_algo_auth) : sizeof(struct xfrm_algo);
	unsigned i;

	memset(buf, 0, sizeof(buf));
	if (type == XFRMA_ALG_AUTH_TRUNC) {
		struct xfrm_algo_auth *a = (struct xfrm_algo_auth *)buf;

		strcpy(a->alg_name, name);
		a->alg_key_len = bits;
		a->alg_trunc_len = trunc;
	} else {
		struct xfrm_algo *a = (struct xfrm_algo *)buf;

		strcpy(a->alg_name, name);
		a->alg_key_len = bits;
	}
	for (i = 0; i < bits / 8; i++)
		buf[hdr + i] = (uint8_t)(0xa0 + i);
	assert_int_equal(nla_put(m, type, (int)(hdr + bits / 8), buf), 0);
}

static void expire_hard_with_keys(void **state)
{
	struct xfrm_user_expire e;
	struct xfrm_event ev;
	struct ipsec_sa *sa = &ev.u.sa;
	struct nl_msg *m;

	memset(&e, 0, sizeof(e));
	sa_info(&e.state, IPPROTO_ESP, 0x1234, XFRM_MODE_TRANSPORT);
	e.hard = 1;
	m = msg_new(XFRM_MSG_EXPIRE, &e, sizeof(e));
	put_alg(m, XFRMA_ALG_CRYPT, "cbc(aes)", 128, 0);
	put_alg(m, XFRMA_ALG_AUTH_TRUNC, "hmac(sha1)", 160, 96);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_EXPIRE);
	assert_true(ev.hard);
	assert_int_equal(sa->spi, 0x1234);
	assert_int_equal(sa->proto, IPSEC_PROTO_ESP);
	assert_int_equal(sa->mode, IPSEC_MODE_TRANSPORT);
	assert_addr(&sa->src, "2001:db8:ffff::1");
	assert_addr(&sa->dst, "2001:db8:ffff::1000");
	assert_int_equal(sa->reqid, 8);
	assert_int_equal(sa->replay_window, 32);
	assert_int_equal(sa->soft.bytes, 0);                   /* XFRM_INF: unlimited */
	assert_int_equal(sa->hard.bytes, 1000000);
	assert_int_equal(sa->soft.add_seconds, 2700);
	assert_int_equal(sa->hard.add_seconds, 3600);
	assert_int_equal(sa->cur.bytes, 4242);
	assert_int_equal(sa->cur.packets, 42);
	assert_true(sa->has_enc);
	assert_string_equal(sa->enc.name, "cbc(aes)");
	assert_int_equal(sa->enc.key_bits, 128);
	assert_int_equal(sa->enc.key[0], 0xa0);
	assert_int_equal(sa->enc.key[15], 0xaf);
	assert_true(sa->has_auth);
	assert_string_equal(sa->auth.name, "hmac(sha1)");
	assert_int_equal(sa->auth.key_bits, 160);
	assert_int_equal(sa->auth.icv_bits, 96);
	assert_int_equal(sa->auth.key[19], 0xb3);
	nlmsg_free(m);
}

static void polexpire_soft(void **state)
{
	struct xfrm_user_polexpire pe;
	struct xfrm_event ev;
	struct nl_msg *m;

	memset(&pe, 0, sizeof(pe));
	kernel_sel(&pe.pol.sel, "2001:db8:aa::", 64, "2001:db8:bb::", 64);
	pe.pol.dir = XFRM_POLICY_FWD;
	pe.pol.lft.soft_add_expires_seconds = 60;
	pe.pol.action = XFRM_POLICY_BLOCK;
	m = msg_new(XFRM_MSG_POLEXPIRE, &pe, sizeof(pe));
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_POLEXPIRE);
	assert_false(ev.hard);
	assert_int_equal(ev.u.policy.dir, IPSEC_DIR_FWD);
	assert_int_equal(ev.u.policy.action, IPSEC_ACTION_DISCARD);
	assert_int_equal(ev.u.policy.lifetime_soft_add, 60);
	assert_int_equal(ev.u.policy.sel.src.len, 64);
	nlmsg_free(m);
}

/* A MIP6 home address option state: mode RO, care-of address, no SPI. */
static void newsa_hao_coaddr(void **state)
{
	struct xfrm_usersa_info s;
	xfrm_address_t co;
	struct xfrm_event ev;
	struct nl_msg *m;

	sa_info(&s, IPPROTO_DSTOPTS, 0, XFRM_MODE_ROUTEOPTIMIZATION);
	kernel_sel(&s.sel, "2001:db8:ffff::1", 128, "2001:db8:ffff::1000", 128);
	s.flags = XFRM_STATE_WILDRECV;
	put6(&co, "2001:db8:2::5");
	m = msg_new(XFRM_MSG_NEWSA, &s, sizeof(s));
	assert_int_equal(nla_put(m, XFRMA_COADDR, sizeof(co), &co), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_NEWSA);
	assert_int_equal(ev.u.sa.proto, IPSEC_PROTO_DSTOPTS);
	assert_int_equal(ev.u.sa.mode, IPSEC_MODE_RO);
	assert_int_equal(ev.u.sa.flags, XFRM_STATE_WILDRECV);
	assert_addr(&ev.u.sa.coaddr, "2001:db8:2::5");
	assert_addr(&ev.u.sa.sel.src.addr, "2001:db8:ffff::1");
	assert_false(ev.u.sa.has_enc);
	nlmsg_free(m);
}

static void delsa(void **state)
{
	struct xfrm_usersa_id id;
	struct xfrm_usersa_info s;
	struct xfrm_event ev;
	struct nl_msg *m;

	memset(&id, 0, sizeof(id));
	put6(&id.daddr, "2001:db8:ffff::1000");
	id.spi = htonl(0x99);
	id.family = AF_INET6;
	id.proto = IPPROTO_ESP;
	sa_info(&s, IPPROTO_ESP, 0x99, XFRM_MODE_TUNNEL);
	m = msg_new(XFRM_MSG_DELSA, &id, sizeof(id));
	assert_int_equal(nla_put(m, XFRMA_SA, sizeof(s), &s), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_DELSA);
	assert_int_equal(ev.u.sa.spi, 0x99);
	assert_int_equal(ev.u.sa.mode, IPSEC_MODE_TUNNEL);
	nlmsg_free(m);
}

static struct ipsec_policy mh_policy(void)
{
	struct ipsec_policy p;

	memset(&p, 0, sizeof(p));
	assert_int_equal(prefix_parse(&p.sel.src, "2001:db8:ffff::1/128"), 0);
	assert_int_equal(prefix_parse(&p.sel.dst, "2001:db8:ffff::1000/128"), 0);
	p.sel.proto = IPSEC_PROTO_MH;
	p.sel.has_mh_type = true;
	p.sel.mh_type = 5;
	p.dir = IPSEC_DIR_OUT;
	p.action = IPSEC_ACTION_IPSEC;
	p.type = IPSEC_POLICY_SUB;
	p.priority = 2;
	p.ntmpl = 2;
	p.tmpl[0].proto = IPSEC_PROTO_ESP;
	p.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	p.tmpl[0].reqid = 8;
	p.tmpl[1].proto = IPSEC_PROTO_ESP;
	p.tmpl[1].mode = IPSEC_MODE_TUNNEL;
	p.tmpl[1].src = A("2001:db8:1::5");
	p.tmpl[1].dst = A("2001:db8:ffff::1000");
	p.tmpl[1].reqid = 3;
	p.tmpl[1].level = IPSEC_LEVEL_USE;
	return p;
}

/* NEWPOLICY as we send it and as the kernel announces it. */
static void newpolicy_round_trip(void **state)
{
	struct ipsec_policy p = mh_policy();
	struct xfrm_userpolicy_info pi;
	struct xfrm_event ev;
	struct nl_msg *m;

	assert_int_equal(xfrm_policy_info_encode(&pi, &p), 0);
	/* The MH type travels as the source port, fully masked. */
	assert_int_equal(pi.sel.sport, htons(5));
	assert_int_equal(pi.sel.sport_mask, 0xffff);
	assert_int_equal(pi.sel.proto, 135);
	assert_int_equal(pi.lft.hard_byte_limit, XFRM_INF);
	m = msg_new(XFRM_MSG_NEWPOLICY, &pi, sizeof(pi));
	assert_int_equal(xfrm_policy_put_attrs(m, &p), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_NEWPOLICY);
	assert_true(ipsec_selector_eq(&p.sel, &ev.u.policy.sel));
	assert_int_equal(ev.u.policy.sel.sport, 0);
	assert_int_equal(ev.u.policy.dir, p.dir);
	assert_int_equal(ev.u.policy.type, IPSEC_POLICY_SUB);
	assert_int_equal(ev.u.policy.priority, 2);
	assert_int_equal(ev.u.policy.action, IPSEC_ACTION_IPSEC);
	assert_int_equal(ev.u.policy.ntmpl, 2);
	assert_memory_equal(p.tmpl, ev.u.policy.tmpl, 2 * sizeof(p.tmpl[0]));
	nlmsg_free(m);
}

static void delpolicy_and_flushes(void **state)
{
	struct ipsec_policy p = mh_policy();
	struct xfrm_userpolicy_info pi;
	struct xfrm_userpolicy_id id;
	struct xfrm_usersa_flush f = { .proto = 255 };
	struct xfrm_userpolicy_type pt = { .type = XFRM_POLICY_TYPE_SUB };
	struct xfrm_event ev;
	struct nl_msg *m;

	p.ntmpl = 0;
	p.action = IPSEC_ACTION_NONE;
	assert_int_equal(xfrm_policy_info_encode(&pi, &p), 0);
	memset(&id, 0, sizeof(id));
	id.sel = pi.sel;
	id.dir = pi.dir;
	m = msg_new(XFRM_MSG_DELPOLICY, &id, sizeof(id));
	assert_int_equal(nla_put(m, XFRMA_POLICY, sizeof(pi), &pi), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_DELPOLICY);
	assert_int_equal(ev.u.policy.action, IPSEC_ACTION_NONE);
	assert_int_equal(ev.u.policy.sel.mh_type, 5);
	nlmsg_free(m);

	m = msg_new(XFRM_MSG_FLUSHSA, &f, sizeof(f));
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_FLUSHSA);
	assert_int_equal(ev.u.flush_proto, IPSEC_PROTO_NONE);
	nlmsg_free(m);

	m = msg_new(XFRM_MSG_FLUSHPOLICY, NULL, 0);
	assert_int_equal(nla_put(m, XFRMA_POLICY_TYPE, sizeof(pt), &pt), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.type, XFRM_EV_FLUSHPOLICY);
	assert_int_equal(ev.u.flush_type, IPSEC_POLICY_SUB);
	nlmsg_free(m);
}

/* Selector encoding rules: any protocol is 0 in XFRM, 255 in the neutral
 * type; ports are masked; families must agree. */
static void selector_codec(void **state)
{
	struct ipsec_selector s, back;
	struct xfrm_selector ks;

	memset(&s, 0, sizeof(s));
	assert_int_equal(prefix_parse(&s.src, "10.0.0.0/8"), 0);
	assert_int_equal(prefix_parse(&s.dst, "192.0.2.1"), 0);
	s.proto = IPSEC_ULPROTO_ANY;
	assert_int_equal(xfrm_sel_encode(&ks, &s), 0);
	assert_int_equal(ks.proto, 0);
	assert_int_equal(ks.family, AF_INET);
	assert_int_equal(ks.prefixlen_s, 8);
	assert_int_equal(ks.sport_mask, 0);
	xfrm_sel_decode(&back, &ks);
	assert_true(ipsec_selector_eq(&s, &back));

	s.proto = IPPROTO_TCP;
	s.dport = 500;
	assert_int_equal(xfrm_sel_encode(&ks, &s), 0);
	assert_int_equal(ks.dport, htons(500));
	assert_int_equal(ks.dport_mask, 0xffff);
	xfrm_sel_decode(&back, &ks);
	assert_true(ipsec_selector_eq(&s, &back));

	assert_int_equal(prefix_parse(&s.dst, "2001:db8::1"), 0);
	assert_int_equal(xfrm_sel_encode(&ks, &s), -EINVAL);      /* mixed families */
}

static void modes_and_levels(void **state)
{
	struct ipsec_template t = { .proto = IPSEC_PROTO_ROUTING, .mode = IPSEC_MODE_RO, .level = IPSEC_LEVEL_USE };
	struct xfrm_user_tmpl kt;

	assert_int_equal(xfrm_mode_encode(IPSEC_MODE_TRANSPORT), XFRM_MODE_TRANSPORT);
	assert_int_equal(xfrm_mode_encode(IPSEC_MODE_ANY), XFRM_MODE_TRANSPORT);
	assert_int_equal(xfrm_mode_encode(IPSEC_MODE_TUNNEL), XFRM_MODE_TUNNEL);
	assert_int_equal(xfrm_mode_encode(IPSEC_MODE_RO), XFRM_MODE_ROUTEOPTIMIZATION);
	assert_int_equal(xfrm_mode_encode(IPSEC_MODE_BEET), XFRM_MODE_BEET);
	assert_int_equal(xfrm_mode_decode(XFRM_MODE_BEET), IPSEC_MODE_BEET);
	xfrm_tmpl_encode(&kt, &t, AF_INET6);
	assert_int_equal(kt.optional, 1);
	assert_int_equal(kt.mode, XFRM_MODE_ROUTEOPTIMIZATION);
	assert_int_equal(kt.family, AF_INET6);            /* from the selector */
	assert_int_equal(kt.id.proto, IPPROTO_ROUTING);
	t.level = IPSEC_LEVEL_UNIQUE;
	xfrm_tmpl_encode(&kt, &t, AF_INET6);
	assert_int_equal(kt.optional, 0);
}

/* An SA as we send it (NEWSA) decodes back to itself: keys, ICV length,
 * lifetimes (0 = unlimited travels as XFRM_INF), care-of address, NAT-T. */
static void newsa_round_trip(void **state)
{
	struct ipsec_sa sa, *out;
	struct xfrm_usersa_info si;
	struct xfrm_event ev;
	struct nl_msg *m;
	unsigned i;

	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("198.51.100.2");
	sa.spi = 0xc0ffee;
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = IPSEC_MODE_TUNNEL;
	sa.reqid = 42;
	sa.seq = 7;
	sa.replay_window = 64;
	sa.has_enc = sa.has_auth = true;
	strcpy(sa.enc.name, "cbc(aes)");
	sa.enc.key_bits = 256;
	strcpy(sa.auth.name, "hmac(sha256)");
	sa.auth.key_bits = 256;
	sa.auth.icv_bits = 128;
	for (i = 0; i < 32; i++) {
		sa.enc.key[i] = (uint8_t)i;
		sa.auth.key[i] = (uint8_t)(0xff - i);
	}
	sa.soft.bytes = 1u << 20;
	sa.hard.add_seconds = 3600;
	sa.encap_sport = 4500;
	sa.encap_dport = 4500;
	assert_int_equal(xfrm_sa_info_encode(&si, &sa), 0);
	assert_int_equal(si.family, AF_INET);
	assert_int_equal(si.id.spi, htonl(0xc0ffee));
	assert_int_equal(si.mode, XFRM_MODE_TUNNEL);
	assert_int_equal(si.lft.hard_byte_limit, XFRM_INF);
	assert_int_equal(si.lft.soft_byte_limit, 1u << 20);
	m = msg_new(XFRM_MSG_NEWSA, &si, sizeof(si));
	assert_int_equal(xfrm_sa_put_attrs(m, &sa), 0);
	assert_non_null(nlmsg_find_attr(nlmsg_hdr(m), sizeof(si), XFRMA_ALG_AUTH_TRUNC));
	assert_non_null(nlmsg_find_attr(nlmsg_hdr(m), sizeof(si), XFRMA_ENCAP));
	assert_int_equal(decode(m, &ev), 0);
	out = &ev.u.sa;
	assert_true(addr_eq(&out->src, &sa.src));
	assert_true(addr_eq(&out->dst, &sa.dst));
	assert_int_equal(out->spi, sa.spi);
	assert_int_equal(out->mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(out->reqid, 42);
	assert_int_equal(out->seq, 7);
	assert_int_equal(out->replay_window, 64);
	assert_memory_equal(&out->enc, &sa.enc, sizeof(sa.enc));
	assert_memory_equal(&out->auth, &sa.auth, sizeof(sa.auth));
	assert_memory_equal(&out->soft, &sa.soft, sizeof(sa.soft));
	assert_memory_equal(&out->hard, &sa.hard, sizeof(sa.hard));
	assert_int_equal(out->encap_sport, 4500);
	assert_int_equal(out->encap_dport, 4500);
	assert_false(out->has_comp);
	nlmsg_free(m);
}

static void sa_encode_rejects(void **state)
{
	struct ipsec_sa sa;
	struct xfrm_usersa_info si;
	struct nl_msg *m = nlmsg_alloc_simple(XFRM_MSG_NEWSA, 0);

	memset(&sa, 0, sizeof(sa));
	assert_int_equal(xfrm_sa_info_encode(&si, &sa), -EINVAL);    /* no destination */
	sa.dst = A("2001:db8::1");
	sa.src = A("192.0.2.1");
	assert_int_equal(xfrm_sa_info_encode(&si, &sa), -EINVAL);    /* mixed families */
	sa.src = A("2001:db8::2");
	sa.has_enc = true;
	strcpy(sa.enc.name, "cbc(aes)");
	sa.enc.key_bits = 8 * IPSEC_MAX_KEY + 8;                     /* longer than the key buffer */
	assert_int_equal(xfrm_sa_put_attrs(m, &sa), -EINVAL);
	nlmsg_free(m);
}

/* --- malformed input: one class per test --- */

static void malformed_truncated_message(void **state)
{
	struct nl_msg *m = migrate_notification();
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	struct xfrm_event ev;

	/* The buffer is shorter than the header says. */
	assert_int_equal(xfrm_event_decode(nlh, nlh->nlmsg_len - 1, &ev), -EINVAL);
	assert_int_equal(xfrm_event_decode(nlh, 8, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_truncated_body(void **state)
{
	struct xfrm_user_acquire a;
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&a, 0, sizeof(a));
	m = msg_new(XFRM_MSG_ACQUIRE, &a, sizeof(a) - 8);
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_truncated_attribute(void **state)
{
	struct nl_msg *m = migrate_notification();
	struct xfrm_event ev;

	/* The last attribute now claims more than the message holds. */
	nlmsg_hdr(m)->nlmsg_len -= 8;
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_missing_migrate(void **state)
{
	struct xfrm_userpolicy_id id;
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&id, 0, sizeof(id));
	kernel_sel(&id.sel, "2001:db8::1", 128, "::", 0);
	m = msg_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_missing_sa_in_delsa(void **state)
{
	struct xfrm_usersa_id id;
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&id, 0, sizeof(id));
	id.family = AF_INET6;
	m = msg_new(XFRM_MSG_DELSA, &id, sizeof(id));
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_short_kmaddress(void **state)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_user_kmaddress km;
	struct xfrm_user_migrate u;
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&id, 0, sizeof(id));
	memset(&km, 0, sizeof(km));
	km.family = AF_INET6;
	kernel_sel(&id.sel, "2001:db8::1", 128, "::", 0);
	user_migrate(&u, NULL, NULL, "2001:db8::5", "2001:db8::6", XFRM_MODE_TRANSPORT, 0);
	m = msg_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	assert_int_equal(nla_put(m, XFRMA_KMADDRESS, sizeof(km) - 4, &km), 0);
	assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u), &u), 0);
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_partial_migrate_entry(void **state)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_user_migrate u[2];
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&id, 0, sizeof(id));
	kernel_sel(&id.sel, "2001:db8::1", 128, "::", 0);
	user_migrate(&u[0], NULL, NULL, "2001:db8::5", "2001:db8::6", XFRM_MODE_TRANSPORT, 0);
	u[1] = u[0];
	m = msg_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u) - 10, u), 0);
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_too_many_migrate_entries(void **state)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_user_migrate u;
	struct nl_msg *m;
	struct xfrm_event ev;
	int i;

	memset(&id, 0, sizeof(id));
	kernel_sel(&id.sel, "2001:db8::1", 128, "::", 0);
	m = msg_new(XFRM_MSG_MIGRATE, &id, sizeof(id));
	for (i = 0; i <= IPSEC_MAX_MIGRATE; i++) {
		user_migrate(&u, NULL, NULL, "2001:db8::5", "2001:db8::6", XFRM_MODE_TRANSPORT, (uint32_t)i);
		assert_int_equal(nla_put(m, XFRMA_MIGRATE, sizeof(u), &u), 0);
	}
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_bad_direction(void **state)
{
	struct nl_msg *m = migrate_notification();
	struct xfrm_userpolicy_id *id = nlmsg_data(nlmsg_hdr(m));
	struct xfrm_event ev;

	id->dir = 3;
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void malformed_key_longer_than_attribute(void **state)
{
	struct xfrm_usersa_info s;
	struct xfrm_algo alg;
	struct nl_msg *m;
	struct xfrm_event ev;

	sa_info(&s, IPPROTO_ESP, 1, XFRM_MODE_TRANSPORT);
	memset(&alg, 0, sizeof(alg));
	strcpy(alg.alg_name, "cbc(aes)");
	alg.alg_key_len = 128;                         /* but no key bytes follow */
	m = msg_new(XFRM_MSG_NEWSA, &s, sizeof(s));
	assert_int_equal(nla_put(m, XFRMA_ALG_CRYPT, sizeof(alg), &alg), 0);
	assert_int_equal(decode(m, &ev), -EINVAL);
	nlmsg_free(m);
}

static void unknown_attribute_ignored(void **state)
{
	struct nl_msg *m = migrate_notification();
	struct xfrm_mark mark = { 1, 0xffffffff };
	uint32_t future = 7;
	struct xfrm_event ev;

	assert_int_equal(nla_put(m, XFRMA_MARK, sizeof(mark), &mark), 0);
	assert_int_equal(nla_put(m, 200, sizeof(future), &future), 0);
	assert_int_equal(decode(m, &ev), 0);
	assert_int_equal(ev.u.migrate.nentries, 2);
	nlmsg_free(m);
}

static void unknown_message_refused(void **state)
{
	struct xfrm_aevent_id ae;
	struct nl_msg *m;
	struct xfrm_event ev;

	memset(&ae, 0, sizeof(ae));
	m = msg_new(XFRM_MSG_NEWAE, &ae, sizeof(ae));
	assert_int_equal(decode(m, &ev), -EOPNOTSUPP);
	nlmsg_free(m);
	m = msg_new(NLMSG_ERROR, &ae, sizeof(struct nlmsgerr));
	assert_int_equal(decode(m, &ev), -EOPNOTSUPP);
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrate_two_entries_kmaddress),
		cmocka_unit_test(migrate_request_round_trip),
		cmocka_unit_test(migrate_build_rejects),
		cmocka_unit_test(acquire),
		cmocka_unit_test(expire_hard_with_keys),
		cmocka_unit_test(polexpire_soft),
		cmocka_unit_test(newsa_hao_coaddr),
		cmocka_unit_test(delsa),
		cmocka_unit_test(newsa_round_trip),
		cmocka_unit_test(sa_encode_rejects),
		cmocka_unit_test(newpolicy_round_trip),
		cmocka_unit_test(delpolicy_and_flushes),
		cmocka_unit_test(selector_codec),
		cmocka_unit_test(modes_and_levels),
		cmocka_unit_test(malformed_truncated_message),
		cmocka_unit_test(malformed_truncated_body),
		cmocka_unit_test(malformed_truncated_attribute),
		cmocka_unit_test(malformed_missing_migrate),
		cmocka_unit_test(malformed_missing_sa_in_delsa),
		cmocka_unit_test(malformed_short_kmaddress),
		cmocka_unit_test(malformed_partial_migrate_entry),
		cmocka_unit_test(malformed_too_many_migrate_entries),
		cmocka_unit_test(malformed_bad_direction),
		cmocka_unit_test(malformed_key_longer_than_attribute),
		cmocka_unit_test(unknown_attribute_ignored),
		cmocka_unit_test(unknown_message_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
