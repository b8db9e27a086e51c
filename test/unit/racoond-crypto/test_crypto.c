/* racoond/crypto behaviour beyond the fixtures: DH for every group both
 * ways and its public value checks, HMAC test vectors, key expansion
 * limits, CBC argument checks, KEYMAT lengths, raw-hash RSA signatures,
 * DN parsing, formatting and matching by meaning. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/core_names.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

static void test_dh_all_groups(void **state)
{
	static const unsigned groups[] = { 1, 2, 5, 14, 15, 16, 17, 18 };

	(void)state;
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		unsigned g = groups[i];
		size_t len = dh_group_len(g);
		uint8_t *pa = malloc(len), *pb = malloc(len);
		struct dh_key *a, *b;
		struct secret *sa, *sb;

		assert_non_null(pa);
		assert_non_null(pb);
		assert_int_equal(dh_generate(g, &a), 0);
		assert_int_equal(dh_generate(g, &b), 0);
		assert_int_equal(dh_public(a, pa, len), 0);
		assert_int_equal(dh_public(b, pb, len), 0);
		assert_int_equal(dh_check_public(g, pa, len), 0);
		assert_int_equal(dh_compute(a, pb, len, &sa), 0);
		assert_int_equal(dh_compute(b, pa, len, &sb), 0);
		assert_int_equal(sa->len, len);
		assert_memory_equal(sa->data, sb->data, len);
		assert_memory_not_equal(pa, pb, len);
		secret_free(sa);
		secret_free(sb);
		dh_free(a);
		dh_free(b);
		free(pa);
		free(pb);
	}
	assert_int_equal(dh_group_len(1), 96);
	assert_int_equal(dh_group_len(2), 128);
	assert_int_equal(dh_group_len(18), 1024);
}

static void test_dh_bad_public(void **state)
{
	size_t len = dh_group_len(2);
	uint8_t y[128], p[128];
	struct dh_key *k;
	struct secret *s = NULL;

	(void)state;
	assert_int_equal(dh_group_prime(2, p, len), 0);
	assert_int_equal(dh_generate(2, &k), 0);
	memset(y, 0, len);
	assert_int_equal(dh_check_public(2, y, len), -EINVAL);          /* 0 */
	y[len - 1] = 1;
	assert_int_equal(dh_check_public(2, y, len), -EINVAL);          /* 1 */
	y[len - 1] = 2;
	assert_int_equal(dh_check_public(2, y, len), 0);                /* 2 */
	memcpy(y, p, len);
	assert_int_equal(dh_check_public(2, y, len), -EINVAL);          /* p */
	y[len - 1] -= 1;
	assert_int_equal(dh_check_public(2, y, len), -EINVAL);          /* p-1 */
	y[len - 1] -= 1;
	assert_int_equal(dh_check_public(2, y, len), 0);                /* p-2 */
	memset(y, 0xff, len);
	assert_int_equal(dh_check_public(2, y, len), -EINVAL);          /* > p */
	assert_int_equal(dh_check_public(2, y, len - 1), -EINVAL);      /* short */
	assert_int_equal(dh_check_public(3, y, len), -ENOTSUP);
	/* dh_compute checks before deriving. */
	memcpy(y, p, len);
	y[len - 1] -= 1;
	assert_int_equal(dh_compute(k, y, len, &s), -EINVAL);
	assert_null(s);
	dh_free(k);
	assert_int_equal(dh_generate(3, &k), -ENOTSUP);
}

static void test_dh_from_private_bad(void **state)
{
	uint8_t zero[32] = { 0 };
	struct dh_key *k;

	(void)state;
	assert_int_equal(dh_from_private(2, zero, sizeof(zero), &k), -EINVAL);
	assert_null(k);
}

/* HMAC test vectors: RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-2), case 2. */
static void test_prf_vectors(void **state)
{
	static const uint8_t md5[] = { 0x75, 0x0c, 0x78, 0x3e, 0x6a, 0xb0, 0xb5, 0x03, 0xea, 0xa8,
				       0x6e, 0x31, 0x0a, 0x5d, 0xb7, 0x38 };
	static const uint8_t sha1[] = { 0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
					0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79 };
	static const uint8_t sha256[] = {
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95,
		0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9,
		0x64, 0xec, 0x38, 0x43,
	};
	struct ike_buf parts[] = { { "what do ya want ", 16 }, { "for nothing?", 12 } };
	uint8_t out[64];

	(void)state;
	assert_int_equal(ike_prf(OAKLEY_HASH_MD5, "Jefe", 4, parts, 2, out), 0);
	assert_memory_equal(out, md5, 16);
	assert_int_equal(ike_prf(OAKLEY_HASH_SHA1, "Jefe", 4, parts, 2, out), 0);
	assert_memory_equal(out, sha1, 20);
	assert_int_equal(ike_prf(OAKLEY_HASH_SHA2_256, "Jefe", 4, parts, 2, out), 0);
	assert_memory_equal(out, sha256, 32);
	assert_int_equal(ike_prf(OAKLEY_HASH_TIGER, "Jefe", 4, parts, 2, out), -ENOTSUP);
	assert_int_equal(ike_hash_len(OAKLEY_HASH_SHA2_384), 48);
	assert_int_equal(ike_hash_len(OAKLEY_HASH_SHA2_512), 64);
}

static void test_enc_key_truncate(void **state)
{
	struct secret *e = secret_new(32), *k;

	(void)state;
	for (size_t i = 0; i < 32; i++)
		e->data[i] = (uint8_t)i;
	assert_int_equal(ike_enc_key_expand(OAKLEY_HASH_SHA2_256, e, 16, &k), 0);
	assert_int_equal(k->len, 16);
	assert_memory_equal(k->data, e->data, 16);
	secret_free(k);
	assert_int_equal(ike_enc_key_expand(OAKLEY_HASH_TIGER, e, 16, &k), -ENOTSUP);
	secret_free(e);
}

static void test_cipher_args(void **state)
{
	uint8_t key[32] = { 0 }, iv[16] = { 0 }, buf[32] = { 0 };

	(void)state;
	assert_int_equal(ike_cipher_block(OAKLEY_ENC_AES), 16);
	assert_int_equal(ike_cipher_block(OAKLEY_ENC_3DES), 8);
	assert_int_equal(ike_cipher_key_len(OAKLEY_ENC_AES, 0), 16);
	assert_int_equal(ike_cipher_key_len(OAKLEY_ENC_AES, 192), 24);
	assert_int_equal(ike_cipher_key_len(OAKLEY_ENC_AES, 100), -EINVAL);
	assert_int_equal(ike_cipher_key_len(OAKLEY_ENC_3DES, 0), 24);
	assert_int_equal(ike_cipher_key_len(OAKLEY_ENC_DES, 0), -ENOTSUP);
	assert_int_equal(ike_cbc_encrypt(OAKLEY_ENC_AES, key, 16, iv, buf, buf, 15), -EINVAL);
	assert_int_equal(ike_cbc_encrypt(OAKLEY_ENC_AES, key, 16, iv, buf, buf, 0), -EINVAL);
	assert_int_equal(ike_cbc_encrypt(OAKLEY_ENC_AES, key, 20, iv, buf, buf, 16), -ENOTSUP);
	assert_int_equal(ike_cbc_decrypt(OAKLEY_ENC_3DES, key, 24, iv, buf, buf, 12), -EINVAL);
	assert_int_equal(ike_cbc_encrypt(OAKLEY_ENC_3DES, key, 24, iv, buf, buf, 16), 0);
}

static void test_keymat_len(void **state)
{
	(void)state;
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 0, ISAKMP_AUTH_HMAC_SHA1), 36);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 256,
					IPSEC_AUTH_HMAC_SHA2_512), 96);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_3DES, 0,
					IPSEC_AUTH_HMAC_SHA2_256), 56);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_NULL, 0, ISAKMP_AUTH_HMAC_MD5), 16);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 0, 0), 16);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_AH, IPSEC_AH_SHA, 0, ISAKMP_AUTH_HMAC_SHA1), 20);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_AH, IPSEC_AH_SHA, 0, 0), -EINVAL);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 160, 0), -EINVAL);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_3DES, 128, 0), -EINVAL);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_RC4, 0, 0), -ENOTSUP);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_ESP, ISAKMP_ESP_AES, 0, 9), -ENOTSUP);
	assert_int_equal(ike_keymat_len(ISAKMP_PROTO_IPCOMP, ISAKMP_IPCOMP_DEFLATE, 0, 0), -ENOTSUP);
}

static void test_secret(void **state)
{
	struct secret *s = secret_new(8), *d;

	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(s->data[i], 0);
	d = secret_dup("abcdefgh", 8);
	assert_memory_equal(d->data, "abcdefgh", 8);
	secret_free(s);
	secret_free(d);
	secret_free(NULL);
}

/* ---- RSA ---- */

static EVP_PKEY *rsa_key(void)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);

	assert_non_null(k);
	return k;
}

static void test_rsa_roundtrip(void **state)
{
	EVP_PKEY *k = rsa_key();
	uint8_t hash[20], sig[512];
	size_t siglen = sizeof(sig);

	(void)state;
	for (size_t i = 0; i < sizeof(hash); i++)
		hash[i] = (uint8_t)(i * 13);
	assert_int_equal(ike_rsa_sign(k, hash, sizeof(hash), sig, &siglen), 0);
	assert_int_equal(siglen, 256);
	assert_int_equal(ike_rsa_verify(k, hash, sizeof(hash), sig, siglen), 0);
	hash[0] ^= 1;
	assert_int_equal(ike_rsa_verify(k, hash, sizeof(hash), sig, siglen), -EINVAL);
	hash[0] ^= 1;
	/* A shorter expected hash is not a prefix match. */
	assert_int_equal(ike_rsa_verify(k, hash, 16, sig, siglen), -EINVAL);
	sig[100] ^= 1;
	assert_int_equal(ike_rsa_verify(k, hash, sizeof(hash), sig, siglen), -EINVAL);
	sig[100] ^= 1;
	assert_int_equal(ike_rsa_verify(k, hash, sizeof(hash), sig, siglen - 1), -EINVAL);
	siglen = 100;
	assert_int_equal(ike_rsa_sign(k, hash, sizeof(hash), sig, &siglen), -ENOBUFS);
	EVP_PKEY_free(k);
}

/* A signature with a DigestInfo (what a generic signer makes) is not the
 * raw-hash signature IKEv1 peers expect. */
static void test_rsa_refuses_digestinfo(void **state)
{
	EVP_PKEY *k = rsa_key();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	uint8_t hash[20] = { 1, 2, 3 }, sig[512];
	size_t siglen = sizeof(sig);

	(void)state;
	assert_non_null(ctx);
	assert_true(EVP_PKEY_sign_init(ctx) > 0);
	assert_true(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0);
	assert_true(EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha1()) > 0);
	assert_true(EVP_PKEY_sign(ctx, sig, &siglen, hash, sizeof(hash)) > 0);
	assert_int_equal(ike_rsa_verify(k, hash, sizeof(hash), sig, siglen), -EINVAL);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(k);
}

/* ---- DN ---- */

static void test_dn_roundtrip(void **state)
{
	const char *s = "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=arno, "
			"emailAddress=arno@natisbad.org";
	uint8_t *der;
	size_t len;
	char buf[256];

	(void)state;
	assert_int_equal(ike_dn_from_string(s, &der, &len), 0);
	assert_int_equal(ike_dn_to_string(der, len, buf, sizeof(buf)), 0);
	assert_string_equal(buf, s);
	assert_int_equal(ike_dn_to_string(der, len, buf, 10), -ENOBUFS);
	OPENSSL_free(der);
	/* Slash form, escapes and blanks. */
	assert_int_equal(ike_dn_from_string("/C=FR/O=A\\, B /CN= x ", &der, &len), 0);
	assert_int_equal(ike_dn_to_string(der, len, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "C=FR, O=A\\, B, CN=x");
	OPENSSL_free(der);
	/* Edge blanks survive a round trip through their escapes (found by
	 * the fuzzer). */
	assert_int_equal(ike_dn_from_string("CN=\\\tx\\ ", &der, &len), 0);
	assert_int_equal(ike_dn_to_string(der, len, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "CN=\\\tx\\ ");
	OPENSSL_free(der);
}

static void test_dn_from_string_bad(void **state)
{
	uint8_t *der;
	size_t len;

	(void)state;
	assert_int_equal(ike_dn_from_string("", &der, &len), -EINVAL);
	assert_int_equal(ike_dn_from_string("C=FR, bogus", &der, &len), -EINVAL);
	assert_int_equal(ike_dn_from_string("C=FR, XYZZY=1", &der, &len), -EINVAL);
	assert_int_equal(ike_dn_from_string("C=, O=x", &der, &len), -EINVAL);
	assert_int_equal(ike_dn_from_string("=FR", &der, &len), -EINVAL);
}

/* A DN with each value forced to a given ASN.1 string type. */
static void dn_typed(int type, const char *cn, uint8_t **der, size_t *len)
{
	X509_NAME *n = X509_NAME_new();
	unsigned char *p = NULL;
	int l;

	assert_non_null(n);
	assert_true(X509_NAME_add_entry_by_txt(n, "C", V_ASN1_PRINTABLESTRING,
					       (const unsigned char *)"FR", -1, -1, 0));
	assert_true(X509_NAME_add_entry_by_txt(n, "O", type, (const unsigned char *)"Example", -1,
					       -1, 0));
	assert_true(X509_NAME_add_entry_by_txt(n, "CN", type, (const unsigned char *)cn, -1, -1,
					       0));
	l = i2d_X509_NAME(n, &p);
	assert_true(l > 0);
	*der = p;
	*len = (size_t)l;
	X509_NAME_free(n);
}

/* charon writes a PrintableString where the certificate has a UTF8String:
 * same meaning, different bytes; racoon's byte compare refused it. */
static void test_dn_match_string_types(void **state)
{
	uint8_t *a, *b;
	size_t al, bl;

	(void)state;
	dn_typed(V_ASN1_PRINTABLESTRING, "ha", &a, &al);
	dn_typed(V_ASN1_UTF8STRING, "ha", &b, &bl);
	assert_true(al != bl || memcmp(a, b, al) != 0);
	assert_int_equal(ike_dn_match(a, al, b, bl), 0);
	assert_int_equal(ike_dn_match(b, bl, a, al), 0);
	OPENSSL_free(a);
	OPENSSL_free(b);
	dn_typed(V_ASN1_UTF8STRING, "mn", &b, &bl);
	dn_typed(V_ASN1_PRINTABLESTRING, "ha", &a, &al);
	assert_int_equal(ike_dn_match(a, al, b, bl), -ENOENT);
	OPENSSL_free(a);
	OPENSSL_free(b);
}

static int match_str(const char *pattern, const char *dn)
{
	uint8_t *a, *b;
	size_t al, bl;
	int rc;

	assert_int_equal(ike_dn_from_string(pattern, &a, &al), 0);
	assert_int_equal(ike_dn_from_string(dn, &b, &bl), 0);
	rc = ike_dn_match(a, al, b, bl);
	OPENSSL_free(a);
	OPENSSL_free(b);
	return rc;
}

static void test_dn_match_wildcards(void **state)
{
	const char *pat = "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=*, emailAddress=*";

	(void)state;
	assert_int_equal(match_str(pat, "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, "
					"CN=arno, emailAddress=arno@natisbad.org"), 0);
	/* The wildcard needs the same attribute type at the same place. */
	assert_int_equal(match_str(pat, "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, "
					"emailAddress=arno@natisbad.org, CN=arno"), -ENOENT);
	assert_int_equal(match_str(pat, "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=arno"),
			 -ENOENT);
	assert_int_equal(match_str(pat, "C=DE, ST=FRANCE, O=NATISBAD, OU=IPsec Services, "
					"CN=arno, emailAddress=a@b"), -ENOENT);
	/* A literal value matches only itself. */
	assert_int_equal(match_str("C=FR, CN=arno", "C=FR, CN=arnold"), -ENOENT);
	/* "*" in the peer's DN is not a wildcard. */
	assert_int_equal(match_str("C=FR, CN=arno", "C=FR, CN=*"), -ENOENT);
}

static void test_dn_match_bad_der(void **state)
{
	static const uint8_t junk[] = { 0x30, 0x05, 0x31, 0x00 };
	uint8_t *a;
	size_t al;

	(void)state;
	assert_int_equal(ike_dn_from_string("C=FR", &a, &al), 0);
	assert_int_equal(ike_dn_match(a, al, junk, sizeof(junk)), -EINVAL);
	assert_int_equal(ike_dn_match(junk, sizeof(junk), a, al), -EINVAL);
	/* Trailing bytes after the DER are refused too. */
	assert_int_equal(ike_dn_match(a, al, a, al - 1), -EINVAL);
	assert_int_equal(ike_dn_to_string(junk, sizeof(junk), (char[8]){ 0 }, 8), -EINVAL);
	OPENSSL_free(a);
}

/* Every algorithm of the warm-up works here (and a second call too). */
static void test_warmup(void **state)
{
	(void)state;
	assert_int_equal(ike_crypto_warmup(), 0);
	assert_int_equal(ike_crypto_warmup(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dh_all_groups),
		cmocka_unit_test(test_dh_bad_public),
		cmocka_unit_test(test_dh_from_private_bad),
		cmocka_unit_test(test_prf_vectors),
		cmocka_unit_test(test_enc_key_truncate),
		cmocka_unit_test(test_cipher_args),
		cmocka_unit_test(test_keymat_len),
		cmocka_unit_test(test_secret),
		cmocka_unit_test(test_rsa_roundtrip),
		cmocka_unit_test(test_rsa_refuses_digestinfo),
		cmocka_unit_test(test_dn_roundtrip),
		cmocka_unit_test(test_dn_from_string_bad),
		cmocka_unit_test(test_dn_match_string_types),
		cmocka_unit_test(test_dn_match_wildcards),
		cmocka_unit_test(test_dn_match_bad_der),
		cmocka_unit_test(test_warmup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
