/* Codec and crypto together, as the engine will use them: main mode's
 * fifth message (ID + HASH_I) padded, encrypted, decrypted, parsed with
 * strict padding and checked; then quick mode's first message with its
 * per-message-ID IV and HASH(1) over the payloads that follow the HASH. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

#define GROUP 14
#define HASH OAKLEY_HASH_SHA2_256
#define ENC OAKLEY_ENC_AES

struct peer_state {
	uint8_t gxi[256], gxr[256];
	uint8_t icky[8], rcky[8];
	uint8_t ni[16], nr[16];
	uint8_t sai[40];
	struct ike_p1_keys keys;
	uint8_t iv[16];
};

static struct peer_state st;

static int setup(void **state)
{
	struct dh_key *a, *b;
	struct secret *gxy;
	struct ike_p1_input in = { 0 };

	(void)state;
	assert_int_equal(dh_generate(GROUP, &a), 0);
	assert_int_equal(dh_generate(GROUP, &b), 0);
	assert_int_equal(dh_public(a, st.gxi, 256), 0);
	assert_int_equal(dh_public(b, st.gxr, 256), 0);
	assert_int_equal(dh_compute(a, st.gxr, 256, &gxy), 0);
	memset(st.icky, 0x11, 8);
	memset(st.rcky, 0x22, 8);
	memset(st.ni, 0x33, 16);
	memset(st.nr, 0x44, 16);
	memset(st.sai, 0x55, sizeof(st.sai));
	in.hash = HASH;
	in.auth = IKE_AUTH_PSK;
	in.psk = (const uint8_t *)"secret";
	in.psk_len = 6;
	in.ni = st.ni;
	in.ni_len = 16;
	in.nr = st.nr;
	in.nr_len = 16;
	in.icookie = st.icky;
	in.rcookie = st.rcky;
	in.gxy = gxy;
	in.enc_key_len = 32;
	assert_int_equal(ike_p1_keys_derive(&in, &st.keys), 0);
	assert_int_equal(ike_iv_phase1(HASH, st.gxi, 256, st.gxr, 256, 16, st.iv), 0);
	secret_free(gxy);
	dh_free(a);
	dh_free(b);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ike_p1_keys_free(&st.keys);
	return 0;
}

static void hash_i(const uint8_t *id_b, size_t id_len, uint8_t *out)
{
	struct ike_auth_input ai = {
		.hash = HASH, .skeyid = st.keys.skeyid, .gxi = st.gxi, .gxr = st.gxr,
		.gx_len = 256, .icookie = st.icky, .rcookie = st.rcky,
		.sai_b = st.sai, .sai_len = sizeof(st.sai), .id_b = id_b, .id_len = id_len,
	};

	assert_int_equal(ike_hash_i(&ai, out), 0);
}

/* Builds and encrypts main mode message 5; returns its length. */
static size_t build_m5(uint8_t *buf, size_t cap, const struct isakmp_padding *pad, uint8_t *iv)
{
	static const uint8_t addr[4] = { 192, 0, 2, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR, 0, 0, addr, 4 };
	uint8_t idb[8] = { IPSEC_ID_IPV4_ADDR, 0, 0, 0, 192, 0, 2, 1 }, h[32];
	struct isakmp_hdr hdr = { .version = ISAKMP_VERSION, .etype = ISAKMP_ETYPE_IDENT,
				  .flags = ISAKMP_FLAG_E };
	struct isakmp_chain c;
	struct wire_wr w;
	size_t body;
	int n;

	memcpy(hdr.icookie, st.icky, 8);
	memcpy(hdr.rcookie, st.rcky, 8);
	hash_i(idb, sizeof(idb), h);
	wire_wr_init(&w, buf, cap);
	isakmp_msg_begin(&c, &w, &hdr);
	isakmp_id_write(&c, &id);
	isakmp_pl_blob(&c, ISAKMP_NP_HASH, h, sizeof(h));
	body = wire_wr_len(&w) - ISAKMP_HDR_LEN;
	isakmp_pad_write(&w, pad, isakmp_pad_len(pad, body, 16, 3), NULL);
	n = isakmp_msg_end(&c);
	assert_true(n > 0);
	assert_int_equal((n - ISAKMP_HDR_LEN) % 16, 0);
	assert_int_equal(ike_cbc_encrypt(ENC, st.keys.enc_key->data, 32, iv, buf + ISAKMP_HDR_LEN,
					 buf + ISAKMP_HDR_LEN, (size_t)n - ISAKMP_HDR_LEN), 0);
	return (size_t)n;
}

static void test_main_mode_5(void **state)
{
	uint8_t buf[256], plain[256], iv_s[16], iv_r[16], h[32];
	struct isakmp_padding pad;
	struct isakmp_msg m;
	struct isakmp_id id;
	const struct isakmp_pl *hp, *ip;
	size_t n;

	(void)state;
	isakmp_padding_default(&pad);
	pad.strict_check = true;
	memcpy(iv_s, st.iv, 16);
	memcpy(iv_r, st.iv, 16);
	n = build_m5(buf, sizeof(buf), &pad, iv_s);

	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(m.npl, 0);
	assert_int_equal(ike_cbc_decrypt(ENC, st.keys.enc_key->data, 32, iv_r, buf + ISAKMP_HDR_LEN,
					 plain, n - ISAKMP_HDR_LEN), 0);
	assert_memory_equal(iv_r, iv_s, 16);
	assert_int_equal(isakmp_msg_parse_body(&m, plain, n - ISAKMP_HDR_LEN, 16, &pad), 0);
	assert_int_equal(isakmp_validate(&m, 5), 0);
	ip = isakmp_msg_find(&m, ISAKMP_NP_ID, 0);
	hp = isakmp_msg_find(&m, ISAKMP_NP_HASH, 0);
	assert_non_null(ip);
	assert_non_null(hp);
	assert_int_equal(isakmp_id_parse(ip, &id), 0);
	hash_i(ip->body, ip->len, h);
	assert_int_equal(hp->len, 32);
	assert_memory_equal(hp->body, h, 32);
}

static void test_main_mode_5_tampered(void **state)
{
	uint8_t buf[256], plain[256], iv[16], h[32];
	struct isakmp_padding pad;
	struct isakmp_msg m;
	const struct isakmp_pl *hp, *ip;
	size_t n;
	int rc;

	(void)state;
	isakmp_padding_default(&pad);
	memcpy(iv, st.iv, 16);
	n = build_m5(buf, sizeof(buf), &pad, iv);
	buf[ISAKMP_HDR_LEN + 20] ^= 0x01;  /* second block: corrupts the HASH */
	memcpy(iv, st.iv, 16);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(ike_cbc_decrypt(ENC, st.keys.enc_key->data, 32, iv, buf + ISAKMP_HDR_LEN,
					 plain, n - ISAKMP_HDR_LEN), 0);
	rc = isakmp_msg_parse_body(&m, plain, n - ISAKMP_HDR_LEN, 16, &pad);
	if (rc == 0) {
		ip = isakmp_msg_find(&m, ISAKMP_NP_ID, 0);
		hp = isakmp_msg_find(&m, ISAKMP_NP_HASH, 0);
		assert_non_null(ip);
		assert_non_null(hp);
		hash_i(ip->body, ip->len, h);
		assert_true(hp->len != 32 || memcmp(hp->body, h, 32) != 0);
	}
}

static void test_quick_mode_1(void **state)
{
	static const uint8_t nonce[16] = { 0x66 };
	uint8_t buf[512], zero[32] = { 0 }, iv[16], last[16], h[32];
	struct isakmp_hdr hdr = { .version = ISAKMP_VERSION, .etype = ISAKMP_ETYPE_QUICK,
				  .flags = ISAKMP_FLAG_E, .msgid = 0x01020304 };
	struct isakmp_sa_bld sa;
	struct isakmp_prop_bld p;
	struct isakmp_trans_bld t;
	struct isakmp_chain c;
	struct wire_wr w;
	struct isakmp_msg m;
	uint8_t *hash_pl, *rest;
	size_t rest_len;
	int n, km;
	struct secret *keymat;

	(void)state;
	memcpy(hdr.icookie, st.icky, 8);
	memcpy(hdr.rcookie, st.rcky, 8);
	wire_wr_init(&w, buf, sizeof(buf));
	isakmp_msg_begin(&c, &w, &hdr);
	/* HASH(1) placeholder, filled once the rest of the message exists. */
	hash_pl = isakmp_pl_begin(&c, ISAKMP_NP_HASH);
	wire_wr_bytes(&w, zero, 32);
	isakmp_pl_end(&c, hash_pl);
	rest = w.p;
	isakmp_sa_begin(&sa, &c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&p, &sa, 1, ISAKMP_PROTO_ESP, "\x0a\x0b\x0c\x0d", 4);
	isakmp_trans_begin(&t, &p, 1, ISAKMP_ESP_AES);
	isakmp_attr_tv(&w, IPSEC_ATTR_ENC_MODE, IPSEC_ENCMODE_TRANSPORT);
	isakmp_attr_tv(&w, IPSEC_ATTR_AUTH, ISAKMP_AUTH_HMAC_SHA1);
	isakmp_attr_tv(&w, IPSEC_ATTR_KEY_LEN, 128);
	isakmp_trans_end(&t);
	isakmp_prop_end(&p);
	isakmp_sa_end(&sa);
	isakmp_pl_blob(&c, ISAKMP_NP_NONCE, nonce, sizeof(nonce));
	rest_len = (size_t)(w.p - rest);
	assert_int_equal(ike_qm_hash1(HASH, st.keys.skeyid_a, hdr.msgid, rest, rest_len,
				      hash_pl + ISAKMP_GEN_LEN), 0);
	n = isakmp_msg_end(&c);
	assert_true(n > 0);

	/* Receiver side (before encryption, which test_main_mode_5 covers). */
	assert_int_equal(isakmp_chain_parse(buf[16], buf + ISAKMP_HDR_LEN,
					    (size_t)n - ISAKMP_HDR_LEN, false, m.pl,
					    ISAKMP_MAX_PAYLOADS, &m.npl, &rest_len), 0);
	m.hdr = hdr;
	assert_int_equal(isakmp_validate(&m, 1), 0);
	rest_len = (size_t)n - (size_t)(m.pl[1].body - ISAKMP_GEN_LEN - buf);
	assert_int_equal(ike_qm_hash1(HASH, st.keys.skeyid_a, hdr.msgid,
				      m.pl[1].body - ISAKMP_GEN_LEN, rest_len, h), 0);
	assert_memory_equal(m.pl[0].body, h, 32);

	/* Its IV derives from phase 1's last block and the message ID. */
	memset(last, 0x77, 16);
	assert_int_equal(ike_iv_msgid(HASH, last, 16, hdr.msgid, iv), 0);
	assert_memory_not_equal(iv, st.iv, 16);

	/* KEYMAT length for what the SA proposes. */
	km = ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 128, ISAKMP_AUTH_HMAC_SHA1);
	assert_int_equal(km, 36);
	assert_int_equal(ike_keymat(HASH, st.keys.skeyid_d, NULL, ISAKMP_PROTO_ESP, 0x0a0b0c0d,
				    nonce, sizeof(nonce), st.nr, 16, (size_t)km, &keymat), 0);
	assert_int_equal(keymat->len, 36);
	secret_free(keymat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_main_mode_5),
		cmocka_unit_test(test_main_mode_5_tampered),
		cmocka_unit_test(test_quick_mode_1),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
