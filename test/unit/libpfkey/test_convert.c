/* Neutral types <-> PF_KEY messages, and the algorithm table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "libpfkey/convert.h"

static uint8_t buf[4096];

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static void t_sa_roundtrip(void **st)
{
	struct ipsec_sa sa, back;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&sa, 0, sizeof(sa));
	sa.src = A("2001:db8::1");
	sa.dst = A("2001:db8::2");
	sa.spi = 0x12345678;
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = IPSEC_MODE_TUNNEL;
	sa.reqid = 16385;
	sa.replay_window = 4;
	sa.has_enc = sa.has_auth = true;
	strcpy(sa.enc.name, "cbc(aes)");
	sa.enc.key_bits = 128;
	memset(sa.enc.key, 0xab, 16);
	strcpy(sa.auth.name, "hmac(sha1)");
	sa.auth.key_bits = 160;
	memset(sa.auth.key, 0xcd, 20);
	sa.hard.add_seconds = 3600;
	sa.soft.add_seconds = 2880;
	sa.encap_sport = 4500;
	sa.encap_dport = 4500;
	len = pfkey_build_sa(SADB_ADD, 3, 99, &sa, buf, sizeof(buf));
	assert_true(len > 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.hdr->sadb_msg_satype, SADB_SATYPE_ESP);
	assert_int_equal(m.sa->sadb_sa_encrypt, SADB_X_EALG_AESCBC);
	assert_int_equal(m.sa->sadb_sa_auth, SADB_AALG_SHA1HMAC);
	assert_non_null(m.nat_t_type);
	assert_int_equal(pfkey_msg_to_sa(&m, &back), 0);
	assert_true(addr_eq(&back.src, &sa.src));
	assert_true(addr_eq(&back.dst, &sa.dst));
	assert_int_equal(back.spi, sa.spi);
	assert_int_equal(back.mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(back.reqid, 16385);
	assert_int_equal(back.replay_window, 4);
	assert_string_equal(back.enc.name, "cbc(aes)");
	assert_int_equal(back.enc.key_bits, 128);
	assert_memory_equal(back.enc.key, sa.enc.key, 16);
	assert_string_equal(back.auth.name, "hmac(sha1)");
	assert_memory_equal(back.auth.key, sa.auth.key, 20);
	assert_int_equal(back.hard.add_seconds, 3600);
	assert_int_equal(back.soft.add_seconds, 2880);
	assert_int_equal(back.encap_sport, 4500);
	assert_int_equal(back.encap_dport, 4500);
}

static void t_sa_delete_minimal(void **st)
{
	struct ipsec_sa sa;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("192.0.2.2");
	sa.spi = 0x1000;
	sa.proto = IPSEC_PROTO_AH;
	len = pfkey_build_sa(SADB_DELETE, 1, 1, &sa, buf, sizeof(buf));
	assert_int_equal(len, 16 + 16 + 24 + 24);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_null(m.key_auth);
	assert_null(m.sa2);
}

static void t_sa_unknown_alg(void **st)
{
	struct ipsec_sa sa;

	(void)st;
	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("192.0.2.2");
	sa.proto = IPSEC_PROTO_ESP;
	sa.has_enc = true;
	strcpy(sa.enc.name, "cbc(nonesuch)");
	assert_int_equal(pfkey_build_sa(SADB_ADD, 1, 1, &sa, buf, sizeof(buf)), -ENOENT);
}

static void t_ipcomp_and_aead(void **st)
{
	struct ipsec_sa sa, back;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("192.0.2.2");
	sa.spi = 0x2000;
	sa.proto = IPSEC_PROTO_IPCOMP;
	sa.has_comp = true;
	strcpy(sa.comp.name, "deflate");
	len = pfkey_build_sa(SADB_ADD, 1, 1, &sa, buf, sizeof(buf));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.sa->sadb_sa_encrypt, SADB_X_CALG_DEFLATE);
	assert_int_equal(pfkey_msg_to_sa(&m, &back), 0);
	assert_true(back.has_comp);
	assert_string_equal(back.comp.name, "deflate");

	memset(&sa, 0, sizeof(sa));
	sa.src = A("192.0.2.1");
	sa.dst = A("192.0.2.2");
	sa.proto = IPSEC_PROTO_ESP;
	sa.has_aead = true;
	strcpy(sa.aead.name, "rfc4106(gcm(aes))");
	sa.aead.icv_bits = 96;
	sa.aead.key_bits = 160;
	len = pfkey_build_sa(SADB_ADD, 1, 1, &sa, buf, sizeof(buf));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.sa->sadb_sa_encrypt, SADB_X_EALG_AES_GCM_ICV12);
	assert_int_equal(pfkey_msg_to_sa(&m, &back), 0);
	assert_true(back.has_aead);
	assert_int_equal(back.aead.icv_bits, 96);
}

static void t_policy_roundtrip(void **st)
{
	struct ipsec_policy p, back;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&p, 0, sizeof(p));
	prefix_parse(&p.sel.src, "2001:db8:1::/64");
	prefix_parse(&p.sel.dst, "2001:db8:2::/64");
	p.sel.proto = IPSEC_PROTO_MH;
	p.sel.has_mh_type = true;
	p.sel.mh_type = 5;
	p.dir = IPSEC_DIR_FWD;
	p.action = IPSEC_ACTION_IPSEC;
	p.priority = 0x80000000u;
	p.ntmpl = 2;
	p.tmpl[0].proto = IPSEC_PROTO_ESP;
	p.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	p.tmpl[0].level = IPSEC_LEVEL_USE;
	p.tmpl[1].proto = IPSEC_PROTO_ESP;
	p.tmpl[1].mode = IPSEC_MODE_TUNNEL;
	p.tmpl[1].level = IPSEC_LEVEL_UNIQUE;
	p.tmpl[1].reqid = 9;
	p.tmpl[1].src = A("2001:db8::a");
	p.tmpl[1].dst = A("2001:db8::b");
	len = pfkey_build_policy(SADB_X_SPDADD, 1, 2, &p, buf, sizeof(buf));
	assert_true(len > 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.policy->sadb_x_policy_dir, PFKEY_DIR_FWD);
	assert_int_equal(m.src->sadb_address_proto, 135);
	assert_int_equal(pfkey_msg_to_policy(&m, &back), 0);
	assert_true(ipsec_selector_eq(&back.sel, &p.sel));
	assert_int_equal(back.dir, IPSEC_DIR_FWD);
	assert_int_equal(back.priority, 0x80000000u);
	assert_int_equal(back.ntmpl, 2);
	assert_int_equal(back.tmpl[0].level, IPSEC_LEVEL_USE);
	assert_int_equal(back.tmpl[1].reqid, 9);
	assert_true(addr_eq(&back.tmpl[1].dst, &p.tmpl[1].dst));
}

static void t_policy_any_proto(void **st)
{
	struct ipsec_policy p, back;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&p, 0, sizeof(p));
	prefix_parse(&p.sel.src, "10.0.0.0/8");
	prefix_parse(&p.sel.dst, "10.1.0.0/16");
	p.sel.proto = 0;
	p.sel.sport = 80;
	p.action = IPSEC_ACTION_DISCARD;
	len = pfkey_build_policy(SADB_X_SPDADD, 1, 2, &p, buf, sizeof(buf));
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.src->sadb_address_proto, 255);
	assert_int_equal(pfkey_msg_to_policy(&m, &back), 0);
	assert_int_equal(back.sel.proto, 255);
	assert_int_equal(back.sel.sport, 80);
	assert_int_equal(back.action, IPSEC_ACTION_DISCARD);
	assert_int_equal(back.dir, IPSEC_DIR_IN);
}

static void t_policy_per_socket(void **st)
{
	struct pfkey_builder b;
	struct ipsec_policy back;
	struct pfkey_msg m;
	struct ip_addr any4;
	int len;

	(void)st;
	addr_any(&any4, AF_INET);
	/* as the kernel dumps a socket's outbound bypass policy: id % 8 == 4 */
	pfkey_build_init(&b, buf, sizeof(buf), SADB_X_SPDDUMP, 0, 0, 1);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &any4, 0, 0, 255);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &any4, 0, 0, 255);
	pfkey_policy_begin(&b, PFKEY_POLICY_NONE, PFKEY_DIR_SOCKET_OUT, 2956, 0);
	pfkey_policy_end(&b);
	len = pfkey_build_finish(&b);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_true(pfkey_policy_is_socket(m.policy));
	assert_int_equal(pfkey_msg_to_policy(&m, &back), 0);
	assert_int_equal(back.dir, IPSEC_DIR_OUT);
	assert_int_equal(back.action, IPSEC_ACTION_NONE);
}

static void t_migrate_roundtrip(void **st)
{
	struct ipsec_migrate_msg mig, back;
	struct pfkey_msg m;
	int len;

	(void)st;
	memset(&mig, 0, sizeof(mig));
	prefix_parse(&mig.sel.src, "2001:db8:a::1");
	prefix_parse(&mig.sel.dst, "2001:db8:a::100");
	mig.sel.proto = 255;
	mig.dir = IPSEC_DIR_OUT;
	mig.nentries = 1;
	mig.entries[0].proto = IPSEC_PROTO_ESP;
	mig.entries[0].mode = IPSEC_MODE_TUNNEL;
	mig.entries[0].reqid = 1;
	mig.entries[0].old_src = A("2001:db8:a::1");
	mig.entries[0].old_dst = A("2001:db8:e::1");
	mig.entries[0].new_src = A("2001:db8:a::1");
	mig.entries[0].new_dst = A("2001:db8:f::1");
	mig.has_kmaddress = true;
	mig.kmaddress.local = A("2001:db8:a::1");
	mig.kmaddress.remote = A("2001:db8:f::1");
	len = pfkey_build_migrate(0, 0, &mig, buf, sizeof(buf));
	assert_int_equal(len, 320);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(m.hdr->sadb_msg_type, SADB_X_MIGRATE);
	assert_int_equal(m.hdr->sadb_msg_satype, SADB_SATYPE_ESP);
	assert_int_equal(pfkey_msg_to_migrate(&m, &back), 0);
	assert_int_equal(back.nentries, 1);
	assert_int_equal(back.dir, IPSEC_DIR_OUT);
	assert_true(back.has_kmaddress);
	assert_true(addr_eq(&back.kmaddress.remote, &mig.kmaddress.remote));
	assert_true(addr_eq(&back.entries[0].old_dst, &mig.entries[0].old_dst));
	assert_true(addr_eq(&back.entries[0].new_dst, &mig.entries[0].new_dst));
	assert_int_equal(back.entries[0].reqid, 1);
	assert_int_equal(back.entries[0].mode, IPSEC_MODE_TUNNEL);
}

static void t_migrate_unpaired(void **st)
{
	struct pfkey_builder b;
	struct ipsec_migrate_msg back;
	struct pfkey_msg m;
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");
	int len;

	(void)st;
	pfkey_build_init(&b, buf, sizeof(buf), SADB_X_MIGRATE, SADB_SATYPE_ESP, 0, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &s, 0, 32, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &d, 0, 32, 0);
	pfkey_policy_begin(&b, PFKEY_POLICY_IPSEC, PFKEY_DIR_OUTBOUND, 0, 0);
	pfkey_policy_add_req(&b, 50, PFKEY_MODE_TUNNEL, PFKEY_LEVEL_REQUIRE, 0, &s, 0, &d, 0);
	pfkey_policy_end(&b);
	len = pfkey_build_finish(&b);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	assert_int_equal(pfkey_msg_to_migrate(&m, &back), -EINVAL);
}

static void t_alg_names(void **st)
{
	(void)st;
	assert_int_equal(pfkey_alg_by_name(PFKEY_ALG_ENC, "rijndael-cbc")->id, SADB_X_EALG_AESCBC);
	assert_string_equal(pfkey_alg_by_id(PFKEY_ALG_ENC, SADB_X_EALG_AESCBC)->name, "aes-cbc");
	assert_string_equal(pfkey_alg_by_name(PFKEY_ALG_ENC, "3des-cbc")->kernel, "cbc(des3_ede)");
	assert_int_equal(pfkey_alg_by_name(PFKEY_ALG_AUTH, "hmac-sha2-256")->id, SADB_X_AALG_SHA2_256HMAC);
	assert_string_equal(pfkey_alg_by_id(PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_256HMAC)->name, "hmac-sha256");
	assert_int_equal(pfkey_alg_by_name(PFKEY_ALG_COMP, "deflate")->id, SADB_X_CALG_DEFLATE);
	assert_null(pfkey_alg_by_name(PFKEY_ALG_AUTH, "aes-cbc"));
	assert_int_equal(pfkey_alg_by_name(PFKEY_ALG_AUTH, "null")->id, SADB_X_AALG_NULL);
	assert_int_equal(pfkey_alg_by_name(PFKEY_ALG_ENC, "null")->id, SADB_EALG_NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_sa_roundtrip), cmocka_unit_test(t_sa_delete_minimal),
		cmocka_unit_test(t_sa_unknown_alg), cmocka_unit_test(t_ipcomp_and_aead),
		cmocka_unit_test(t_policy_roundtrip), cmocka_unit_test(t_policy_any_proto),
		cmocka_unit_test(t_policy_per_socket),
		cmocka_unit_test(t_migrate_roundtrip), cmocka_unit_test(t_migrate_unpaired),
		cmocka_unit_test(t_alg_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
