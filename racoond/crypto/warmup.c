/* OpenSSL 3 fetches algorithm implementations from its providers at
 * their first use in a process, and sets up a little for each; under an
 * emulated CPU that is a good part of a daemon's first negotiation, the
 * one a mobile node waits for at boot.  One use of each kind at start
 * moves it out of that negotiation. */
#include <errno.h>

#include <openssl/crypto.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

int ike_crypto_warmup(void)
{
	static const unsigned hashes[] = { OAKLEY_HASH_MD5, OAKLEY_HASH_SHA1, OAKLEY_HASH_SHA2_256,
					   OAKLEY_HASH_SHA2_384, OAKLEY_HASH_SHA2_512 };
	static const unsigned ciphers[] = { OAKLEY_ENC_AES, OAKLEY_ENC_3DES };
	uint8_t key[32] = { 0 }, iv[16] = { 0 }, block[16] = { 0 }, out[64];
	uint8_t pub[128];
	struct ike_buf part = { block, sizeof(block) };
	struct dh_key *dh = NULL;
	struct secret *gxy = NULL;
	int rc = 0;

	for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++)
		if (ike_prf(hashes[i], key, sizeof(key), &part, 1, out) < 0 ||
		    ike_hash(hashes[i], &part, 1, out) < 0)
			rc = -ENOTSUP;
	for (size_t i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++) {
		int kl = ike_cipher_key_len(ciphers[i], 0);

		if (kl < 0 || ike_cbc_encrypt(ciphers[i], key, (size_t)kl, iv, block, block,
					      sizeof(block)) < 0 ||
		    ike_cbc_decrypt(ciphers[i], key, (size_t)kl, iv, block, block, sizeof(block)) < 0)
			rc = -ENOTSUP;
	}
	/* The smallest MODP group: the key management and derivation are
	 * the same for all. */
	if (dh_generate(2, &dh) < 0 || dh_public(dh, pub, sizeof(pub)) < 0 ||
	    dh_compute(dh, pub, sizeof(pub), &gxy) < 0)
		rc = -ENOTSUP;
	secret_free(gxy);
	dh_free(dh);
	OPENSSL_cleanse(out, sizeof(out));
	return rc;
}
