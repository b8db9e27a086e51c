/* The kernel's IPsec algorithms as rc_conf_check_kernel() reads them: a
 * PF_KEY REGISTER reply (built with libpfkey's builder, parsed), and
 * /proc/crypto with modules.alias texts. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "libpfkey/pfkey.h"
#include "racoond/conf/ike_ids.h"
#include "racoond/daemon/kernel_algs.h"

static void test_pfkey_reply(void **state)
{
	static const struct sadb_alg enc[] = {
		{ .sadb_alg_id = SADB_EALG_3DESCBC, .sadb_alg_ivlen = 8, .sadb_alg_minbits = 192,
		  .sadb_alg_maxbits = 192 },
		{ .sadb_alg_id = SADB_X_EALG_AESCBC, .sadb_alg_ivlen = 16, .sadb_alg_minbits = 128,
		  .sadb_alg_maxbits = 256 },
		{ .sadb_alg_id = SADB_X_EALG_TWOFISHCBC, .sadb_alg_ivlen = 16, .sadb_alg_minbits = 128,
		  .sadb_alg_maxbits = 256 },
		{ .sadb_alg_id = SADB_EALG_NULL },
	};
	static const struct sadb_alg auth[] = {
		{ .sadb_alg_id = SADB_AALG_SHA1HMAC, .sadb_alg_minbits = 160, .sadb_alg_maxbits = 160 },
		{ .sadb_alg_id = SADB_X_AALG_SHA2_512HMAC, .sadb_alg_minbits = 512, .sadb_alg_maxbits = 512 },
		{ .sadb_alg_id = SADB_X_AALG_AES_XCBC_MAC, .sadb_alg_minbits = 128, .sadb_alg_maxbits = 128 },
		{ .sadb_alg_id = SADB_X_AALG_NULL },
	};
	uint8_t buf[512];
	struct pfkey_builder b;
	struct pfkey_msg m;
	struct rc_kernel_algs k;
	int len;

	(void)state;
	pfkey_build_init(&b, buf, sizeof(buf), SADB_REGISTER, SADB_SATYPE_ESP, 1, 42);
	pfkey_add_supported(&b, SADB_EXT_SUPPORTED_AUTH, auth, 4);
	pfkey_add_supported(&b, SADB_EXT_SUPPORTED_ENCRYPT, enc, 4);
	len = pfkey_build_finish(&b);
	assert_true(len > 0);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	memset(&k, 0xff, sizeof(k));
	rd_kalgs_from_pfkey(&m, &k);
	/* PF_KEY's encryption ids are the ESP transform ids. */
	assert_true(k.esp[IPSEC_ESP_3DES].present);
	assert_int_equal(k.esp[IPSEC_ESP_3DES].min_bits, 192);
	assert_true(k.esp[IPSEC_ESP_AES].present);
	assert_int_equal(k.esp[IPSEC_ESP_AES].min_bits, 128);
	assert_int_equal(k.esp[IPSEC_ESP_AES].max_bits, 256);
	assert_true(k.esp[IPSEC_ESP_TWOFISH].present);
	assert_true(k.esp[IPSEC_ESP_NULL].present);
	assert_false(k.esp[IPSEC_ESP_BLOWFISH].present);
	assert_false(k.esp[IPSEC_ESP_CAMELLIA].present);
	/* Its authentication ids are AH's: translated to the attribute. */
	assert_true(k.auth[IPSEC_AUTH_HMAC_SHA1].present);
	assert_true(k.auth[IPSEC_AUTH_HMAC_SHA512].present);
	assert_false(k.auth[IPSEC_AUTH_HMAC_MD5].present);
	assert_false(k.auth[IPSEC_AUTH_HMAC_SHA256].present);
	assert_false(k.auth[IPSEC_AUTH_DES_MAC].present);
	/* IPComp is not reported: taken as there. */
	assert_true(k.ipcomp[IPSEC_IPCOMP_DEFLATE].present);
	assert_true(k.ipcomp[IPSEC_IPCOMP_LZS].present);
	assert_false(k.ipcomp[IPSEC_IPCOMP_OUI].present);

	/* A reply without SUPPORTED extensions: nothing but IPComp. */
	pfkey_build_init(&b, buf, sizeof(buf), SADB_REGISTER, SADB_SATYPE_ESP, 1, 42);
	len = pfkey_build_finish(&b);
	assert_int_equal(pfkey_parse(buf, (size_t)len, &m), 0);
	rd_kalgs_from_pfkey(&m, &k);
	assert_false(k.esp[IPSEC_ESP_AES].present);
	assert_false(k.auth[IPSEC_AUTH_HMAC_SHA1].present);
	assert_true(k.ipcomp[IPSEC_IPCOMP_DEFLATE].present);
}

static const char proc_crypto[] =
	"name         : cbc(aes)\n"
	"driver       : cbc(aes-generic)\n"
	"module       : kernel\n"
	"type         : skcipher\n"
	"min keysize  : 16\n"
	"\n"
	"name         : hmac(sha256)\n"
	"driver       : hmac(sha256-generic)\n"
	"\n"
	"name         : sha1\n"
	"driver       : sha1-generic\n"
	"\n"
	"name         : deflate\n"
	"\n"
	"name         : ecb(cipher_null)\n"
	"\n"
	"name         : sha512_ssse3\n"
	"driver       : hmac(md5)\n";

static const char modules_alias[] =
	"alias crypto-des3_ede des_generic\n"
	"alias crypto-cbc(camellia) camellia_generic\n"
	"alias crypto-blowfish-generic blowfish_generic\n"
	"alias pci:v00008086d* e1000e\n";

static void test_proc_crypto(void **state)
{
	struct rc_kernel_algs k;

	(void)state;
	rd_kalgs_from_crypto(proc_crypto, modules_alias, &k);
	assert_true(k.esp[IPSEC_ESP_AES].present);
	assert_int_equal(k.esp[IPSEC_ESP_AES].max_bits, 256);
	assert_true(k.esp[IPSEC_ESP_NULL].present);
	/* A module for the cipher, or for the whole name. */
	assert_true(k.esp[IPSEC_ESP_3DES].present);
	assert_int_equal(k.esp[IPSEC_ESP_3DES].min_bits, 192);
	assert_true(k.esp[IPSEC_ESP_CAMELLIA].present);
	/* Neither listed nor a module of that exact name. */
	assert_false(k.esp[IPSEC_ESP_BLOWFISH].present);
	assert_false(k.esp[IPSEC_ESP_TWOFISH].present);
	assert_false(k.esp[IPSEC_ESP_DES].present);
	/* hmac() of a listed hash is made on demand. */
	assert_true(k.auth[IPSEC_AUTH_HMAC_SHA256].present);
	assert_true(k.auth[IPSEC_AUTH_HMAC_SHA1].present);
	/* Only a name line counts, whole names only. */
	assert_false(k.auth[IPSEC_AUTH_HMAC_MD5].present);
	assert_false(k.auth[IPSEC_AUTH_HMAC_SHA512].present);
	assert_true(k.ipcomp[IPSEC_IPCOMP_DEFLATE].present);
	assert_false(k.ipcomp[IPSEC_IPCOMP_LZS].present);

	/* No modules.alias (a kernel without modules). */
	rd_kalgs_from_crypto(proc_crypto, NULL, &k);
	assert_true(k.esp[IPSEC_ESP_AES].present);
	assert_false(k.esp[IPSEC_ESP_3DES].present);
	rd_kalgs_from_crypto("", NULL, &k);
	assert_false(k.esp[IPSEC_ESP_AES].present);
	assert_false(k.ipcomp[IPSEC_IPCOMP_DEFLATE].present);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pfkey_reply),
		cmocka_unit_test(test_proc_crypto),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
