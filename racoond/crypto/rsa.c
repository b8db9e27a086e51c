/* RSA signatures as IKEv1 uses them: PKCS#1 v1.5 type 1 padding over the
 * raw HASH_I/HASH_R bytes, without a DigestInfo (EVP_PKEY_sign with no
 * message digest set). */
#include <errno.h>
#include <stdio.h>

#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/rsa.h>

#include "racoond/crypto/ikecrypto.h"

int ike_rsa_sign(EVP_PKEY *key, const uint8_t *hash, size_t hlen, uint8_t *sig,
		 size_t *siglen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	size_t need = 0;
	int rc = -EINVAL;

	if (!ctx)
		return -ENOMEM;
	if (EVP_PKEY_sign_init(ctx) <= 0 || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0)
		goto out;
	if (EVP_PKEY_sign(ctx, NULL, &need, hash, hlen) <= 0)
		goto out;
	if (need > *siglen) {
		rc = -ENOBUFS;
		goto out;
	}
	if (EVP_PKEY_sign(ctx, sig, siglen, hash, hlen) <= 0)
		goto out;
	rc = 0;
out:
	EVP_PKEY_CTX_free(ctx);
	return rc;
}

int ike_rsa_verify(EVP_PKEY *key, const uint8_t *hash, size_t hlen, const uint8_t *sig,
		   size_t siglen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	uint8_t *rec = NULL;
	size_t rlen = 0;
	int rc = -EINVAL;

	if (!ctx)
		return -ENOMEM;
	if (EVP_PKEY_verify_recover_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0)
		goto out;
	/* The signature must be exactly the modulus size. */
	if ((int)siglen != EVP_PKEY_get_size(key))
		goto out;
	if (EVP_PKEY_verify_recover(ctx, NULL, &rlen, sig, siglen) <= 0)
		goto out;
	rec = OPENSSL_malloc(rlen);
	if (!rec) {
		rc = -ENOMEM;
		goto out;
	}
	if (EVP_PKEY_verify_recover(ctx, rec, &rlen, sig, siglen) <= 0)
		goto out;
	/* The whole recovered block is the hash: nothing more, nothing less. */
	if (rlen == hlen && CRYPTO_memcmp(rec, hash, hlen) == 0)
		rc = 0;
out:
	OPENSSL_free(rec);
	EVP_PKEY_CTX_free(ctx);
	return rc;
}

/* A key file is small; anything bigger is not one. */
#define KEY_FILE_MAX (64 * 1024)

int ike_key_load(const char *path, EVP_PKEY **key)
{
	OSSL_DECODER_CTX *dctx;
	struct secret *buf;
	const unsigned char *p;
	size_t len;
	FILE *f;
	int rc = -EINVAL;

	*key = NULL;
	f = fopen(path, "rb");
	if (!f)
		return -errno;
	/* Unbuffered: the key's bytes land only in buf, which is wiped. */
	setvbuf(f, NULL, _IONBF, 0);
	buf = secret_new(KEY_FILE_MAX);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	len = fread(buf->data, 1, buf->len, f);
	if (ferror(f) || len == 0 || len == buf->len)
		goto out;
	/* NULL input type: PEM and DER are both tried. */
	dctx = OSSL_DECODER_CTX_new_for_pkey(key, NULL, NULL, NULL, EVP_PKEY_KEYPAIR, NULL, NULL);
	p = buf->data;
	if (dctx && OSSL_DECODER_from_data(dctx, &p, &len) && *key)
		rc = 0;
	OSSL_DECODER_CTX_free(dctx);
out:
	secret_free(buf);
	fclose(f);
	return rc;
}
