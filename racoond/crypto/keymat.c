/* KEYMAT for phase 2 SAs (RFC 2409 5.5), with and without PFS. */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "common/wire.h"
#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

#define IKE_MAX_HASH 64

int ike_keymat(unsigned hash, const struct secret *skeyid_d, const struct secret *gxy,
	       uint8_t proto, uint32_t spi, const uint8_t *ni, size_t ni_len, const uint8_t *nr,
	       size_t nr_len, size_t len, struct secret **keymat)
{
	size_t hl = ike_hash_len(hash), done = 0;
	uint8_t k[IKE_MAX_HASH], spib[4];
	struct secret *s;
	int rc = 0;
	bool first = true;

	*keymat = NULL;
	if (!hl)
		return -ENOTSUP;
	s = secret_new(len);
	if (!s)
		return -ENOMEM;
	wire_put_be32(spib, spi);
	while (done < len) {
		struct ike_buf parts[] = {
			{ k, first ? 0 : hl },
			{ gxy ? gxy->data : NULL, gxy ? gxy->len : 0 },
			{ &proto, 1 }, { spib, 4 }, { ni, ni_len }, { nr, nr_len },
		};
		size_t n;

		rc = ike_prf(hash, skeyid_d->data, skeyid_d->len, parts, 6, k);
		if (rc < 0)
			break;
		first = false;
		n = len - done < hl ? len - done : hl;
		memcpy(s->data + done, k, n);
		done += n;
	}
	OPENSSL_cleanse(k, sizeof(k));
	if (rc < 0) {
		secret_free(s);
		return rc;
	}
	*keymat = s;
	return 0;
}

static int auth_key_len(unsigned auth)
{
	switch (auth) {
	case 0: return 0;
	case ISAKMP_AUTH_HMAC_MD5: return 16;
	case ISAKMP_AUTH_HMAC_SHA1: return 20;
	case IPSEC_AUTH_HMAC_SHA2_256: return 32;
	case IPSEC_AUTH_HMAC_SHA2_384: return 48;
	case IPSEC_AUTH_HMAC_SHA2_512: return 64;
	}
	return -ENOTSUP;
}

/* Encryption key bytes of an ESP transform; variable-length ciphers take
 * the key length attribute within their allowed range. */
static int esp_key_len(uint8_t trans, unsigned keybits)
{
	unsigned lo, hi, def;

	switch (trans) {
	case ISAKMP_ESP_NULL: return keybits ? -EINVAL : 0;
	case ISAKMP_ESP_DES:
	case ISAKMP_ESP_DES_IV64:
	case ISAKMP_ESP_DES_IV32: return keybits ? -EINVAL : 8;
	case ISAKMP_ESP_3DES: return keybits ? -EINVAL : 24;
	case ISAKMP_ESP_AES:
	case ISAKMP_ESP_CAMELLIA: lo = 128; hi = 256; def = 128; break;
	case ISAKMP_ESP_TWOFISH: lo = 128; hi = 256; def = 128; break;
	case ISAKMP_ESP_BLOWFISH: lo = 40; hi = 448; def = 128; break;
	case ISAKMP_ESP_CAST: lo = 40; hi = 128; def = 128; break;
	default: return -ENOTSUP;
	}
	if (!keybits)
		keybits = def;
	if (keybits < lo || keybits > hi || keybits % 8)
		return -EINVAL;
	if ((trans == ISAKMP_ESP_AES || trans == ISAKMP_ESP_CAMELLIA || trans == ISAKMP_ESP_TWOFISH) &&
	    keybits % 64)
		return -EINVAL;
	return (int)(keybits / 8);
}

int ike_keymat_len(uint8_t proto, uint8_t trans, unsigned keybits, unsigned auth)
{
	int e = 0, a;

	if (proto == ISAKMP_PROTO_ESP) {
		e = esp_key_len(trans, keybits);
		if (e < 0)
			return e;
	} else if (proto == ISAKMP_PROTO_AH) {
		/* AH's key is its authentication algorithm's. */
		if (!auth)
			return -EINVAL;
	} else {
		return -ENOTSUP;
	}
	a = auth_key_len(auth);
	if (a < 0)
		return a;
	return e + a;
}
