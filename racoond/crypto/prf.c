/* The negotiated hash and its HMAC as the IKEv1 PRF (EVP_MD, EVP_MAC). */
#include <errno.h>

#include <openssl/core_names.h>
#include <openssl/params.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

const char *ike_hash_name(unsigned hash)
{
	switch (hash) {
	case OAKLEY_HASH_MD5: return "MD5";
	case OAKLEY_HASH_SHA1: return "SHA1";
	case OAKLEY_HASH_SHA2_256: return "SHA256";
	case OAKLEY_HASH_SHA2_384: return "SHA384";
	case OAKLEY_HASH_SHA2_512: return "SHA512";
	}
	return NULL;
}

size_t ike_hash_len(unsigned hash)
{
	switch (hash) {
	case OAKLEY_HASH_MD5: return 16;
	case OAKLEY_HASH_SHA1: return 20;
	case OAKLEY_HASH_SHA2_256: return 32;
	case OAKLEY_HASH_SHA2_384: return 48;
	case OAKLEY_HASH_SHA2_512: return 64;
	}
	return 0;
}

int ike_prf(unsigned hash, const void *key, size_t klen, const struct ike_buf *parts,
	    size_t nparts, uint8_t *out)
{
	const char *md = ike_hash_name(hash);
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx = NULL;
	OSSL_PARAM params[2];
	size_t outlen = 0;
	int rc = -EINVAL;

	if (!md)
		return -ENOTSUP;
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (!mac)
		return -ENOTSUP;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)md, 0);
	params[1] = OSSL_PARAM_construct_end();
	ctx = EVP_MAC_CTX_new(mac);
	/* HMAC accepts an empty key; EVP_MAC_init wants a non-NULL pointer. */
	if (!ctx || !EVP_MAC_init(ctx, klen ? key : (const void *)"", klen, params))
		goto out;
	for (size_t i = 0; i < nparts; i++)
		if (parts[i].len && !EVP_MAC_update(ctx, parts[i].p, parts[i].len))
			goto out;
	if (!EVP_MAC_final(ctx, out, &outlen, ike_hash_len(hash)) || outlen != ike_hash_len(hash))
		goto out;
	rc = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

int ike_hash(unsigned hash, const struct ike_buf *parts, size_t nparts, uint8_t *out)
{
	const char *name = ike_hash_name(hash);
	EVP_MD *md;
	EVP_MD_CTX *ctx;
	unsigned olen = 0;
	int rc = -EINVAL;

	if (!name)
		return -ENOTSUP;
	md = EVP_MD_fetch(NULL, name, NULL);
	ctx = EVP_MD_CTX_new();
	if (!md || !ctx || !EVP_DigestInit_ex2(ctx, md, NULL))
		goto out;
	for (size_t i = 0; i < nparts; i++)
		if (parts[i].len && !EVP_DigestUpdate(ctx, parts[i].p, parts[i].len))
			goto out;
	if (!EVP_DigestFinal_ex(ctx, out, &olen) || olen != ike_hash_len(hash))
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(md);
	return rc;
}
