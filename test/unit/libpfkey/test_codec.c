/* PF_KEY codec: every extension and message type round-trips through the
 * builder and the parser; each kind of malformed message is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "libpfkey/pfkey.h"

static uint8_t buf[4096];

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static int build_one(int (*add)(struct pfkey_builder *), uint8_t type)
{
	struct pfkey_builder b;

	pfkey_build_init(&b, buf, sizeof(buf), type, SADB_SATYPE_ESP, 7, 4242);
	add(&b);
	return pfkey_build_finish(&b);
}

static void parse_ok(int len, struct pfkey_msg *m)
{
	assert_true(len > 0);
	assert_int_equal(len % 8, 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, m), 0);
	assert_int_equal(m->hdr->sadb_msg_len * 8, len);
	assert_int_equal(m->hdr->sadb_msg_seq, 7);
	assert_int_equal(m->hdr->sadb_msg_pid, 4242);
}

/* ---- one extension at a time ---- */

static int add_sa(struct pfkey_builder *b)
{
	pfkey_add_sa(b, 0xd05a5ef3, 4, SADB_SASTATE_MATURE, SADB_AALG_SHA1HMAC, SADB_X_EALG_AESCBC, 0x20000000);
	return 0;
}

static void t_ext_sa(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_sa, SADB_ADD);

	(void)st;
	assert_int_equal(len, 32);
	parse_ok(len, &m);
	assert_non_null(m.sa);
	assert_int_equal(m.sa->sadb_sa_len, 2);
	assert_int_equal(ntohl(m.sa->sadb_sa_spi), 0xd05a5ef3);
	assert_int_equal(m.sa->sadb_sa_replay, 4);
	assert_int_equal(m.sa->sadb_sa_auth, SADB_AALG_SHA1HMAC);
	assert_int_equal(m.sa->sadb_sa_encrypt, SADB_X_EALG_AESCBC);
	assert_int_equal(m.sa->sadb_sa_flags, 0x20000000);
	assert_ptr_equal(m.ext[SADB_EXT_SA], m.sa);
}

static int add_lifetimes(struct pfkey_builder *b)
{
	pfkey_add_lifetime(b, SADB_EXT_LIFETIME_CURRENT, 1, 2, 3, 4);
	pfkey_add_lifetime(b, SADB_EXT_LIFETIME_HARD, 5, 6, 7, 8);
	pfkey_add_lifetime(b, SADB_EXT_LIFETIME_SOFT, 9, 10, 11, 12);
	return 0;
}

static void t_ext_lifetime(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_lifetimes, SADB_ADD);

	(void)st;
	assert_int_equal(len, 16 + 3 * 32);
	parse_ok(len, &m);
	assert_int_equal(m.lft_current->sadb_lifetime_allocations, 1);
	assert_int_equal(m.lft_current->sadb_lifetime_usetime, 4);
	assert_int_equal(m.lft_hard->sadb_lifetime_bytes, 6);
	assert_int_equal(m.lft_soft->sadb_lifetime_addtime, 11);
}

static int add_addresses(struct pfkey_builder *b)
{
	struct ip_addr s = A("2001:db8::1"), d = A("2001:db8::2"), p = A("192.0.2.9"), oa = A("10.0.0.1");

	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 500, 64, 6);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 4500, 128, 6);
	pfkey_add_address(b, SADB_EXT_ADDRESS_PROXY, &p, 0, 24, 255);
	pfkey_add_address(b, SADB_X_EXT_NAT_T_OA, &oa, 0, 32, 0);
	return 0;
}

static void t_ext_address(void **st)
{
	struct pfkey_msg m;
	struct ip_addr a;
	uint16_t port;
	int len = build_one(add_addresses, SADB_X_SPDADD);

	(void)st;
	assert_int_equal(len, 16 + 40 + 40 + 24 + 24);
	parse_ok(len, &m);
	assert_int_equal(m.src->sadb_address_len, 5);
	assert_int_equal(m.src->sadb_address_prefixlen, 64);
	assert_int_equal(m.src->sadb_address_proto, 6);
	pfkey_address_get(m.src, &a, &port);
	assert_true(addr_eq(&a, &(struct ip_addr){0}) == false);
	{
		struct ip_addr e = A("2001:db8::1");
		assert_true(addr_eq(&a, &e));
	}
	assert_int_equal(port, 500);
	pfkey_address_get(m.dst, &a, &port);
	assert_int_equal(port, 4500);
	assert_int_equal(m.proxy->sadb_address_len, 3);
	pfkey_address_get(m.proxy, &a, NULL);
	{
		struct ip_addr e = A("192.0.2.9");
		assert_true(addr_eq(&a, &e));
	}
	assert_non_null(m.nat_t_oa);
}

static const uint8_t key20[20] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 };

static int add_keys(struct pfkey_builder *b)
{
	pfkey_add_key(b, SADB_EXT_KEY_AUTH, key20, 160);
	pfkey_add_key(b, SADB_EXT_KEY_ENCRYPT, key20, 128);
	return 0;
}

static void t_ext_key(void **st)
{
	struct pfkey_msg m;
	const uint8_t *k;
	size_t n;
	int len = build_one(add_keys, SADB_ADD);

	(void)st;
	assert_int_equal(len, 16 + 32 + 24);
	parse_ok(len, &m);
	k = pfkey_key_data(m.key_auth, &n);
	assert_int_equal(n, 20);
	assert_memory_equal(k, key20, 20);
	k = pfkey_key_data(m.key_encrypt, &n);
	assert_int_equal(n, 16);
	assert_memory_equal(k, key20, 16);
}

static int add_idents(struct pfkey_builder *b)
{
	pfkey_add_ident(b, SADB_EXT_IDENTITY_SRC, 1, 99, "mn.example");
	pfkey_add_ident(b, SADB_EXT_IDENTITY_DST, 2, 0, NULL);
	return 0;
}

static void t_ext_ident(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_idents, SADB_ACQUIRE);

	(void)st;
	parse_ok(len, &m);
	assert_int_equal(m.ident_src->sadb_ident_type, 1);
	assert_int_equal(m.ident_src->sadb_ident_id, 99);
	assert_string_equal((const char *)(m.ident_src + 1), "mn.example");
	assert_int_equal(m.ident_dst->sadb_ident_len, 2);
}

static int add_sens(struct pfkey_builder *b)
{
	uint64_t s[2] = { 1, 2 }, i[1] = { 3 };

	pfkey_add_sens(b, 1, 2, s, 2, 3, i, 1);
	return 0;
}

static void t_ext_sens(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_sens, SADB_ACQUIRE);

	(void)st;
	assert_int_equal(len, 16 + 16 + 24);
	parse_ok(len, &m);
	assert_int_equal(m.sensitivity->sadb_sens_sens_len, 2);
	assert_int_equal(m.sensitivity->sadb_sens_integ_len, 1);
}

static int add_prop(struct pfkey_builder *b)
{
	struct sadb_comb c[2];

	memset(c, 0, sizeof(c));
	c[0].sadb_comb_encrypt = SADB_X_EALG_AESCBC;
	c[1].sadb_comb_auth = SADB_AALG_SHA1HMAC;
	c[1].sadb_comb_hard_addtime = 86400;
	pfkey_add_prop(b, 32, c, 2);
	return 0;
}

static void t_ext_prop(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_prop, SADB_ACQUIRE);

	(void)st;
	assert_int_equal(len, 16 + 8 + 144);
	parse_ok(len, &m);
	assert_int_equal(m.proposal->sadb_prop_replay, 32);
	assert_int_equal(pfkey_prop_count(m.proposal), 2);
	assert_int_equal(pfkey_prop_comb(m.proposal, 0)->sadb_comb_encrypt, SADB_X_EALG_AESCBC);
	assert_int_equal(pfkey_prop_comb(m.proposal, 1)->sadb_comb_hard_addtime, 86400);
}

static int add_supported(struct pfkey_builder *b)
{
	struct sadb_alg a[3];

	memset(a, 0, sizeof(a));
	a[0].sadb_alg_id = SADB_AALG_SHA1HMAC;
	a[0].sadb_alg_maxbits = 160;
	pfkey_add_supported(b, SADB_EXT_SUPPORTED_AUTH, a, 1);
	a[2].sadb_alg_id = SADB_X_EALG_AESCBC;
	pfkey_add_supported(b, SADB_EXT_SUPPORTED_ENCRYPT, a, 3);
	return 0;
}

static void t_ext_supported(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_supported, SADB_REGISTER);

	(void)st;
	parse_ok(len, &m);
	assert_int_equal(pfkey_supported_count(m.supported_auth), 1);
	assert_int_equal(pfkey_supported_alg(m.supported_auth, 0)->sadb_alg_maxbits, 160);
	assert_int_equal(pfkey_supported_count(m.supported_encrypt), 3);
	assert_int_equal(pfkey_supported_alg(m.supported_encrypt, 2)->sadb_alg_id, SADB_X_EALG_AESCBC);
}

static int add_misc(struct pfkey_builder *b)
{
	pfkey_add_spirange(b, 0x100, 0x0fffffff);
	pfkey_add_kmprivate(b);
	pfkey_add_sa2(b, PFKEY_MODE_TUNNEL, 16385, 77);
	pfkey_add_nat_t_type(b, 2);
	pfkey_add_nat_t_port(b, SADB_X_EXT_NAT_T_SPORT, 4500);
	pfkey_add_nat_t_port(b, SADB_X_EXT_NAT_T_DPORT, 4501);
	pfkey_add_sec_ctx(b, 1, 1, "system_u:object_r:ipsec_spd_t:s0", 33);
	return 0;
}

static void t_ext_misc(void **st)
{
	struct pfkey_msg m;
	const uint8_t *ctx;
	size_t n;
	int len = build_one(add_misc, SADB_GETSPI);

	(void)st;
	parse_ok(len, &m);
	assert_int_equal(m.spirange->sadb_spirange_min, 0x100);
	assert_int_equal(m.spirange->sadb_spirange_max, 0x0fffffff);
	assert_non_null(m.kmprivate);
	assert_int_equal(m.sa2->sadb_x_sa2_mode, PFKEY_MODE_TUNNEL);
	assert_int_equal(m.sa2->sadb_x_sa2_reqid, 16385);
	assert_int_equal(m.sa2->sadb_x_sa2_sequence, 77);
	assert_int_equal(m.nat_t_type->sadb_x_nat_t_type_type, 2);
	assert_int_equal(ntohs(m.nat_t_sport->sadb_x_nat_t_port_port), 4500);
	assert_int_equal(ntohs(m.nat_t_dport->sadb_x_nat_t_port_port), 4501);
	ctx = pfkey_sec_ctx_data(m.sec_ctx, &n);
	assert_int_equal(n, 33);
	assert_memory_equal(ctx, "system_u:object_r:ipsec_spd_t:s0", 33);
	assert_int_equal(m.sec_ctx->sadb_x_sec_len, (8 + 33 + 7) / 8);
}

static int add_policy(struct pfkey_builder *b)
{
	struct ip_addr s = A("2001:db8:1::1"), d = A("2001:db8:2::1");

	pfkey_policy_begin(b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0x19, PFKEY_PRIORITY_DEFAULT);
	pfkey_policy_add_req(b, IPPROTO_ESP, PFKEY_MODE_TRANSPORT, PFKEY_LEVEL_REQUIRE, 0, NULL, 0, NULL, 0);
	pfkey_policy_add_req(b, IPPROTO_ESP, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_UNIQUE, 5, &s, 0, &d, 0);
	pfkey_policy_end(b);
	return 0;
}

static void t_ext_policy(void **st)
{
	struct pfkey_msg m;
	struct pfkey_ipsecreq r;
	size_t pos = 0;
	int len = build_one(add_policy, SADB_X_SPDADD);

	(void)st;
	assert_int_equal(len, 16 + 16 + 16 + 72);
	parse_ok(len, &m);
	assert_int_equal(m.policy->sadb_x_policy_type, PFKEY_POLICY_IPSEC);
	assert_int_equal(m.policy->sadb_x_policy_dir, PFKEY_DIR_OUTBOUND);
	assert_int_equal(m.policy->sadb_x_policy_id, 0x19);
	assert_int_equal(m.policy->sadb_x_policy_priority, PFKEY_PRIORITY_DEFAULT);
	assert_int_equal(pfkey_policy_count(m.policy), 2);
	assert_true(pfkey_policy_next(m.policy, &pos, &r));
	assert_int_equal(r.req->sadb_x_ipsecrequest_len, 16);
	assert_int_equal(r.proto, IPPROTO_ESP);
	assert_false(r.has_addrs);
	assert_true(pfkey_policy_next(m.policy, &pos, &r));
	assert_int_equal(r.req->sadb_x_ipsecrequest_len, 72);
	assert_int_equal(r.mode, PFKEY_MODE_TUNNEL);
	assert_int_equal(r.level, PFKEY_LEVEL_UNIQUE);
	assert_int_equal(r.reqid, 5);
	assert_true(r.has_addrs);
	{
		struct ip_addr e = A("2001:db8:2::1");
		assert_true(addr_eq(&r.dst, &e));
	}
	assert_false(pfkey_policy_next(m.policy, &pos, &r));
}

static int add_kmaddress4(struct pfkey_builder *b)
{
	struct ip_addr l = A("192.0.2.1"), r = A("198.51.100.2");

	pfkey_add_kmaddress(b, &l, &r);
	return 0;
}

static void t_ext_kmaddress(void **st)
{
	struct pfkey_msg m;
	struct ip_addr l, r, el = A("192.0.2.1"), er = A("198.51.100.2");
	int len = build_one(add_kmaddress4, SADB_X_MIGRATE);

	(void)st;
	assert_int_equal(len, 16 + 40);
	parse_ok(len, &m);
	assert_int_equal(m.kmaddress->sadb_x_kmaddress_len, 5);
	pfkey_kmaddress_get(m.kmaddress, &l, &r);
	assert_true(addr_eq(&l, &el));
	assert_true(addr_eq(&r, &er));
}

static int add_filter(struct pfkey_builder *b)
{
	struct ip_addr s = A("10.0.0.0"), d = A("10.1.0.0");

	pfkey_add_filter(b, &s, 8, &d, 16);
	return 0;
}

static void t_ext_filter(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_filter, SADB_DUMP);

	(void)st;
	assert_int_equal(len, 16 + 40);
	parse_ok(len, &m);
	assert_int_equal(m.filter->sadb_x_filter_family, AF_INET);
	assert_int_equal(m.filter->sadb_x_filter_splen, 8);
	assert_int_equal(m.filter->sadb_x_filter_dplen, 16);
}

/* ---- every message type with the extensions it carries ---- */

static int add_sa_full(struct pfkey_builder *b)
{
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");

	add_sa(b);
	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 0, 32, 255);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 0, 32, 255);
	add_keys(b);
	pfkey_add_lifetime(b, SADB_EXT_LIFETIME_HARD, 0, 0, 3600, 0);
	pfkey_add_lifetime(b, SADB_EXT_LIFETIME_SOFT, 0, 0, 2880, 0);
	pfkey_add_sa2(b, PFKEY_MODE_TRANSPORT, 0, 0);
	return 0;
}

static int add_hdr_only(struct pfkey_builder *b)
{
	(void)b;
	return 0;
}

static int add_spd(struct pfkey_builder *b)
{
	struct ip_addr s = A("10.1.0.0"), d = A("10.2.0.0");

	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 0, 24, 255);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 0, 24, 255);
	return add_policy(b);
}

static int add_migrate6(struct pfkey_builder *b)
{
	struct ip_addr ha = A("2001:db8:a::1"), coa = A("2001:db8:f::1"), ocoa = A("2001:db8:e::1"),
		       hoa = A("2001:db8:a::100");

	pfkey_add_kmaddress(b, &ha, &coa);
	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &ha, 0, 128, 0);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &hoa, 0, 128, 0);
	pfkey_policy_begin(b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0, 0);
	pfkey_policy_add_req(b, IPPROTO_ESP, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_UNIQUE, 1, &ha, 0, &ocoa, 0);
	pfkey_policy_add_req(b, IPPROTO_ESP, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_UNIQUE, 1, &ha, 0, &coa, 0);
	pfkey_policy_end(b);
	return 0;
}

static int add_acquire(struct pfkey_builder *b)
{
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");

	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 0, 32, 0);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 0, 32, 0);
	pfkey_policy_begin(b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0x21, PFKEY_PRIORITY_DEFAULT);
	pfkey_policy_end(b);
	return add_prop(b);
}

static int add_getspi(struct pfkey_builder *b)
{
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");

	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 0, 32, 255);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 0, 32, 255);
	pfkey_add_sa2(b, PFKEY_MODE_TUNNEL, 3, 0);
	pfkey_add_spirange(b, 256, 0xffffffff);
	return 0;
}

static int add_natt_mapping(struct pfkey_builder *b)
{
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");

	pfkey_add_sa(b, 0x1234, 0, 0, 0, 0, 0);
	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s, 4500, 32, 0);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &d, 4500, 32, 0);
	pfkey_add_nat_t_port(b, SADB_X_EXT_NAT_T_SPORT, 4501);
	pfkey_add_nat_t_port(b, SADB_X_EXT_NAT_T_DPORT, 4500);
	return 0;
}

static const struct {
	uint8_t type;
	int (*add)(struct pfkey_builder *);
	uint32_t want;     /* bit mask of extension types */
} messages[] = {
	{ SADB_GETSPI, add_getspi, 1u << 5 | 1u << 6 | 1u << 19 | 1u << 16 },
	{ SADB_UPDATE, add_sa_full, 1u << 1 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 9 | 1u << 19 },
	{ SADB_ADD, add_sa_full, 1u << 1 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 9 | 1u << 19 },
	{ SADB_DELETE, add_natt_mapping, 1u << 1 | 1u << 5 | 1u << 6 | 1u << 21 | 1u << 22 },
	{ SADB_GET, add_sa_full, 1u << 1 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 9 | 1u << 19 },
	{ SADB_ACQUIRE, add_acquire, 1u << 5 | 1u << 6 | 1u << 18 | 1u << 13 },
	{ SADB_REGISTER, add_supported, 1u << 14 | 1u << 15 },
	{ SADB_EXPIRE, add_lifetimes, 1u << 2 | 1u << 3 | 1u << 4 },
	{ SADB_FLUSH, add_hdr_only, 0 },
	{ SADB_DUMP, add_filter, 1u << 26 },
	{ SADB_X_PROMISC, add_hdr_only, 0 },
	{ SADB_X_PCHANGE, add_hdr_only, 0 },
	{ SADB_X_SPDUPDATE, add_spd, 1u << 5 | 1u << 6 | 1u << 18 },
	{ SADB_X_SPDADD, add_spd, 1u << 5 | 1u << 6 | 1u << 18 },
	{ SADB_X_SPDDELETE, add_spd, 1u << 5 | 1u << 6 | 1u << 18 },
	{ SADB_X_SPDGET, add_policy, 1u << 18 },
	{ SADB_X_SPDACQUIRE, add_policy, 1u << 18 },
	{ SADB_X_SPDDUMP, add_hdr_only, 0 },
	{ SADB_X_SPDFLUSH, add_hdr_only, 0 },
	{ SADB_X_SPDSETIDX, add_spd, 1u << 5 | 1u << 6 | 1u << 18 },
	{ SADB_X_SPDEXPIRE, add_spd, 1u << 5 | 1u << 6 | 1u << 18 },
	{ SADB_X_SPDDELETE2, add_policy, 1u << 18 },
	{ SADB_X_NAT_T_NEW_MAPPING, add_natt_mapping, 1u << 1 | 1u << 5 | 1u << 6 | 1u << 21 | 1u << 22 },
	{ SADB_X_MIGRATE, add_migrate6, 1u << 5 | 1u << 6 | 1u << 18 | 1u << 25 },
};

static void t_all_messages(void **st)
{
	size_t i;
	unsigned e;

	(void)st;
	assert_int_equal(sizeof(messages) / sizeof(messages[0]), SADB_MAX);
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++) {
		struct pfkey_msg m;
		int len = build_one(messages[i].add, messages[i].type);

		parse_ok(len, &m);
		assert_int_equal(m.hdr->sadb_msg_type, messages[i].type);
		assert_int_equal(m.hdr->sadb_msg_type, i + 1);
		assert_non_null(pfkey_msg_type_name(messages[i].type));
		for (e = 1; e <= PFKEY_EXT_MAX; e++) {
			if (messages[i].want & (1u << e))
				assert_non_null(m.ext[e]);
			else
				assert_null(m.ext[e]);
		}
	}
}

static void t_migrate_size(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_migrate6, SADB_X_MIGRATE);

	(void)st;
	/* 16 + KMADDRESS 64 + 2 x address 40 + policy 16 + 2 x request 72 */
	assert_int_equal(len, 320);
	parse_ok(len, &m);
	assert_int_equal(m.kmaddress->sadb_x_kmaddress_len, 8);
	assert_int_equal(m.policy->sadb_x_policy_len, (16 + 144) / 8);
}

/* ---- builder errors ---- */

static void t_build_overflow(void **st)
{
	struct pfkey_builder b;

	(void)st;
	pfkey_build_init(&b, buf, 40, SADB_ADD, SADB_SATYPE_ESP, 1, 1);
	add_keys(&b);
	assert_int_equal(pfkey_build_finish(&b), -ENOSPC);
}

static void t_build_duplicate(void **st)
{
	struct pfkey_builder b;

	(void)st;
	pfkey_build_init(&b, buf, sizeof(buf), SADB_ADD, SADB_SATYPE_ESP, 1, 1);
	add_sa(&b);
	add_sa(&b);
	assert_int_equal(pfkey_build_finish(&b), -EINVAL);
}

static void t_build_unclosed_policy(void **st)
{
	struct pfkey_builder b;

	(void)st;
	pfkey_build_init(&b, buf, sizeof(buf), SADB_X_SPDADD, 0, 1, 1);
	pfkey_policy_begin(&b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0, 0);
	assert_int_equal(pfkey_build_finish(&b), -EINVAL);
}

/* ---- malformed messages, one class each ---- */

static int valid_spd(void)
{
	return build_one(add_spd, SADB_X_SPDADD);
}

static void set16(size_t off, uint16_t v)
{
	memcpy(buf + off, &v, 2);
}

static void t_bad_short(void **st)
{
	struct pfkey_msg m;

	(void)st;
	valid_spd();
	assert_int_equal(pfkey_parse(buf, 8, &m), -EINVAL);
	assert_int_equal(pfkey_parse(buf, 0, &m), -EINVAL);
}

static void t_bad_misaligned(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	assert_int_equal(pfkey_parse(buf, (size_t)len - 4, &m), -EINVAL);
}

static void t_bad_msg_len_mismatch(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	set16(4, (uint16_t)(len / 8 + 1));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EMSGSIZE);
	set16(4, (uint16_t)(len / 8 - 1));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EMSGSIZE);
}

static void t_bad_ext_past_end(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	/* the last extension is the policy, at 16 + 24 + 24 */
	set16(64, (uint16_t)((len - 64) / 8 + 1));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_duplicate(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	set16(16 + 24 + 2, SADB_EXT_ADDRESS_SRC);   /* DST relabelled SRC */
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_zero_len_ext(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	set16(16, 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_unknown_ext(void **st)
{
	struct pfkey_msg m;
	int len;

	(void)st;
	len = build_one(add_kmaddress4, SADB_X_MIGRATE);
	set16(18, PFKEY_EXT_MAX + 1);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_reserved_ext(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_kmaddress4, SADB_X_MIGRATE);

	(void)st;
	set16(18, SADB_EXT_RESERVED);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_version(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	buf[0] = 1;
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EPROTONOSUPPORT);
}

static void t_bad_msg_type(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	buf[1] = SADB_MAX + 1;
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
	buf[1] = 0;
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_ext_fixed_size(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_sa, SADB_ADD);

	(void)st;
	/* an SA extension of 24 bytes inside a 40-byte message */
	memset(buf + len, 0, 8);
	set16(4, (uint16_t)(len / 8 + 1));
	set16(16, 3);
	assert_int_equal(pfkey_parse(buf, (size_t)len + 8, &m), -EINVAL);
}

static void t_bad_address_family(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();
	uint16_t fam = AF_INET6;

	(void)st;
	memcpy(buf + 16 + 8, &fam, 2);   /* IPv6 family in an IPv4-sized extension */
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_address_prefixlen(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	buf[16 + 5] = 33;
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_policy_request_len(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();

	(void)st;
	/* first request at 64 + 16; its length in bytes set to 24 */
	set16(80, 24);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
	valid_spd();
	set16(80, 12);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_policy_pair_family(void **st)
{
	struct pfkey_msg m;
	int len = valid_spd();
	uint16_t fam = AF_INET;

	(void)st;
	/* second request at 96: its dst sockaddr at 96 + 16 + 28 */
	memcpy(buf + 96 + 16 + 28, &fam, 2);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_kmaddress_family(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_kmaddress4, SADB_X_MIGRATE);
	uint16_t fam = AF_INET6;

	(void)st;
	memcpy(buf + 16 + 8 + 16, &fam, 2);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_key_bits(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_keys, SADB_ADD);

	(void)st;
	set16(16 + 4, 161 + 64);   /* more bits than the 24 bytes carry */
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_sec_ctx_len(void **st)
{
	struct pfkey_msg m;
	struct pfkey_builder b;
	int len;

	(void)st;
	pfkey_build_init(&b, buf, sizeof(buf), SADB_X_SPDADD, 0, 7, 4242);
	pfkey_add_sec_ctx(&b, 1, 1, "abc", 3);
	len = pfkey_build_finish(&b);
	set16(16 + 6, 9);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_prop_len(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_supported, SADB_REGISTER);

	(void)st;
	set16(16 + 2, SADB_EXT_PROPOSAL);   /* 16-byte body is not a whole sadb_comb */
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), -EINVAL);
}

static void t_bad_truncated_ext_header(void **st)
{
	struct pfkey_msg m;
	int len = build_one(add_hdr_only, SADB_FLUSH);

	(void)st;
	/* 4 trailing bytes cannot hold an extension: the message is misaligned
	 * too, but also an extension header without its 8 bytes */
	memset(buf + len, 0, 8);
	set16(4, (uint16_t)(len / 8 + 1));
	set16(16, 1);
	set16(18, SADB_X_EXT_KMPRIVATE);
	assert_int_equal(pfkey_parse(buf, (size_t)len + 8, &m), 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len + 4, &m), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_ext_sa), cmocka_unit_test(t_ext_lifetime),
		cmocka_unit_test(t_ext_address), cmocka_unit_test(t_ext_key),
		cmocka_unit_test(t_ext_ident), cmocka_unit_test(t_ext_sens),
		cmocka_unit_test(t_ext_prop), cmocka_unit_test(t_ext_supported),
		cmocka_unit_test(t_ext_misc), cmocka_unit_test(t_ext_policy),
		cmocka_unit_test(t_ext_kmaddress), cmocka_unit_test(t_ext_filter),
		cmocka_unit_test(t_all_messages), cmocka_unit_test(t_migrate_size),
		cmocka_unit_test(t_build_overflow), cmocka_unit_test(t_build_duplicate),
		cmocka_unit_test(t_build_unclosed_policy),
		cmocka_unit_test(t_bad_short), cmocka_unit_test(t_bad_misaligned),
		cmocka_unit_test(t_bad_msg_len_mismatch), cmocka_unit_test(t_bad_ext_past_end),
		cmocka_unit_test(t_bad_duplicate), cmocka_unit_test(t_bad_zero_len_ext),
		cmocka_unit_test(t_bad_unknown_ext), cmocka_unit_test(t_bad_reserved_ext),
		cmocka_unit_test(t_bad_version), cmocka_unit_test(t_bad_msg_type),
		cmocka_unit_test(t_bad_ext_fixed_size), cmocka_unit_test(t_bad_address_family),
		cmocka_unit_test(t_bad_address_prefixlen), cmocka_unit_test(t_bad_policy_request_len),
		cmocka_unit_test(t_bad_policy_pair_family), cmocka_unit_test(t_bad_kmaddress_family),
		cmocka_unit_test(t_bad_key_bits), cmocka_unit_test(t_bad_sec_ctx_len),
		cmocka_unit_test(t_bad_prop_len), cmocka_unit_test(t_bad_truncated_ext_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
