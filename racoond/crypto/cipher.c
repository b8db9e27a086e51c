/* AES-CBC and 3DES-CBC for ISAKMP payloads (EVP_Cipher*, padding off:
 * the ISAKMP padding is done by the codec). */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

size_t ike_cipher_block(unsigned enc)
{
	switch (enc) {
	case OAKLEY_ENC_AES: return 16;
	case OAKLEY_ENC_3DES: return 8;
	}
	return 0;
}

int ike_cipher_key_len(unsigned enc, unsigned keybits)
{
	switch (enc) {
	case OAKLEY_ENC_AES:
		if (!keybits)
			keybits = 128;
		if (keybits != 128 && keybits != 192 && keybits != 256)
			return -EINVAL;
		return (int)(keybits / 8);
	case OAKLEY_ENC_3DES:
		return keybits && keybits != 192 ? -EINVAL : 24;
	}
	return -ENOTSUP;
}

static const char *cipher_name(unsigned enc, size_t klen)
{
	if (enc == OAKLEY_ENC_3DES && klen == 24)
		return "DES-EDE3-CBC";
	if (enc == OAKLEY_ENC_AES) {
		switch (klen) {
		case 16: return "AES-128-CBC";
		case 24: return "AES-192-CBC";
		case 32: return "AES-256-CBC";
		}
	}
	return NULL;
}

static int cbc(unsigned enc, const uint8_t *key, size_t klen, uint8_t *iv, const uint8_t *in,
	       uint8_t *out, size_t len, int encrypt)
{
	const char *name = cipher_name(enc, klen);
	size_t bs = ike_cipher_block(enc);
	uint8_t next_iv[16];
	EVP_CIPHER *c = NULL;
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0, fl = 0, rc = -EINVAL;

	if (!name)
		return -ENOTSUP;
	if (len == 0 || len % bs || len > INT32_MAX)
		return -EINVAL;
	/* Decrypting in place would overwrite the block the next IV is. */
	if (!encrypt)
		memcpy(next_iv, in + len - bs, bs);
	c = EVP_CIPHER_fetch(NULL, name, NULL);
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx || !EVP_CipherInit_ex2(ctx, c, key, iv, encrypt, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0))
		goto out;
	if (!EVP_CipherUpdate(ctx, out, &outl, in, (int)len) ||
	    !EVP_CipherFinal_ex(ctx, out + outl, &fl) || (size_t)(outl + fl) != len)
		goto out;
	memcpy(iv, encrypt ? out + len - bs : next_iv, bs);
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return rc;
}

int ike_cbc_encrypt(unsigned enc, const uint8_t *key, size_t klen, uint8_t *iv,
		    const uint8_t *in, uint8_t *out, size_t len)
{
	return cbc(enc, key, klen, iv, in, out, len, 1);
}

int ike_cbc_decrypt(unsigned enc, const uint8_t *key, size_t klen, uint8_t *iv,
		    const uint8_t *in, uint8_t *out, size_t len)
{
	return cbc(enc, key, klen, iv, in, out, len, 0);
}
