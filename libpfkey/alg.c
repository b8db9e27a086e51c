/* The PF_KEY algorithm ids, with setkey's names and Linux crypto names. */
#include "libpfkey/convert.h"

#include <string.h>

static const struct pfkey_alg_info algs[] = {
	{ PFKEY_ALG_ENC, SADB_EALG_DESCBC, "des-cbc", "cbc(des)", 0 },
	{ PFKEY_ALG_ENC, SADB_EALG_3DESCBC, "3des-cbc", "cbc(des3_ede)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_CASTCBC, "cast128-cbc", "cbc(cast5)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_BLOWFISHCBC, "blowfish-cbc", "cbc(blowfish)", 0 },
	{ PFKEY_ALG_ENC, SADB_EALG_NULL, "null", "ecb(cipher_null)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_AESCBC, "aes-cbc", "cbc(aes)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_AESCBC, "rijndael-cbc", "cbc(aes)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_AESCTR, "aes-ctr", "rfc3686(ctr(aes))", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_CAMELLIACBC, "camellia-cbc", "cbc(camellia)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_SERPENTCBC, "serpent-cbc", "cbc(serpent)", 0 },
	{ PFKEY_ALG_ENC, SADB_X_EALG_TWOFISHCBC, "twofish-cbc", "cbc(twofish)", 0 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_GCM_ICV8, "aes-gcm-8", "rfc4106(gcm(aes))", 64 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_GCM_ICV12, "aes-gcm-12", "rfc4106(gcm(aes))", 96 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_GCM_ICV16, "aes-gcm-16", "rfc4106(gcm(aes))", 128 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_CCM_ICV8, "aes-ccm-8", "rfc4309(ccm(aes))", 64 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_CCM_ICV12, "aes-ccm-12", "rfc4309(ccm(aes))", 96 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_AES_CCM_ICV16, "aes-ccm-16", "rfc4309(ccm(aes))", 128 },
	{ PFKEY_ALG_AEAD, SADB_X_EALG_NULL_AES_GMAC, "null-aes-gmac", "rfc4543(gcm(aes))", 128 },
	{ PFKEY_ALG_AUTH, SADB_AALG_MD5HMAC, "hmac-md5", "hmac(md5)", 0 },
	{ PFKEY_ALG_AUTH, SADB_AALG_SHA1HMAC, "hmac-sha1", "hmac(sha1)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_256HMAC, "hmac-sha256", "hmac(sha256)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_256HMAC, "hmac-sha2-256", "hmac(sha256)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_384HMAC, "hmac-sha384", "hmac(sha384)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_384HMAC, "hmac-sha2-384", "hmac(sha384)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_512HMAC, "hmac-sha512", "hmac(sha512)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_SHA2_512HMAC, "hmac-sha2-512", "hmac(sha512)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_RIPEMD160HMAC, "hmac-ripemd160", "hmac(rmd160)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_AES_XCBC_MAC, "aes-xcbc-mac", "xcbc(aes)", 0 },
	{ PFKEY_ALG_AUTH, SADB_X_AALG_NULL, "null", "digest_null", 0 },
	{ PFKEY_ALG_COMP, SADB_X_CALG_OUI, "oui", "oui", 0 },
	{ PFKEY_ALG_COMP, SADB_X_CALG_DEFLATE, "deflate", "deflate", 0 },
	{ PFKEY_ALG_COMP, SADB_X_CALG_LZS, "lzs", "lzs", 0 },
	{ PFKEY_ALG_COMP, SADB_X_CALG_LZJH, "lzjh", "lzjh", 0 },
};

#define NALGS (sizeof(algs) / sizeof(algs[0]))

static bool kind_matches(enum pfkey_alg_kind want, enum pfkey_alg_kind have)
{
	return want == have || (want == PFKEY_ALG_ENC && have == PFKEY_ALG_AEAD);
}

const struct pfkey_alg_info *pfkey_alg_by_name(enum pfkey_alg_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < NALGS; i++)
		if (kind_matches(kind, algs[i].kind) && strcmp(algs[i].name, name) == 0)
			return &algs[i];
	return NULL;
}

/* The first entry of an id is its canonical name. */
const struct pfkey_alg_info *pfkey_alg_by_id(enum pfkey_alg_kind kind, uint8_t id)
{
	size_t i;

	for (i = 0; i < NALGS; i++)
		if (kind_matches(kind, algs[i].kind) && algs[i].id == id)
			return &algs[i];
	return NULL;
}

const struct pfkey_alg_info *pfkey_alg_by_kernel(enum pfkey_alg_kind kind, const char *kernel)
{
	size_t i;

	for (i = 0; i < NALGS; i++)
		if (kind_matches(kind, algs[i].kind) && strcmp(algs[i].kernel, kernel) == 0)
			return &algs[i];
	return NULL;
}
