/* The phase 1 key chain (RFC 2409 5 and appendix B). */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "racoond/crypto/ikecrypto.h"

#define IKE_MAX_HASH 64

static int prf_to_secret(unsigned hash, const struct secret *key, const struct ike_buf *parts,
			 size_t n, struct secret **out)
{
	struct secret *s = secret_new(ike_hash_len(hash));
	int rc;

	*out = NULL;
	if (!s)
		return -ENOMEM;
	rc = ike_prf(hash, key->data, key->len, parts, n, s->data);
	if (rc < 0) {
		secret_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int ike_enc_key_expand(unsigned hash, const struct secret *skeyid_e, size_t len,
		       struct secret **key)
{
	size_t hl = ike_hash_len(hash), done = 0;
	uint8_t k[IKE_MAX_HASH];
	struct secret *s;
	int rc = 0;

	*key = NULL;
	if (!hl)
		return -ENOTSUP;
	s = secret_new(len);
	if (!s)
		return -ENOMEM;
	if (skeyid_e->len >= len) {
		memcpy(s->data, skeyid_e->data, len);
		*key = s;
		return 0;
	}
	/* K1 = prf(SKEYID_e, 0): a single zero octet. */
	k[0] = 0;
	{
		struct ike_buf b = { k, 1 };

		rc = ike_prf(hash, skeyid_e->data, skeyid_e->len, &b, 1, k);
	}
	while (rc == 0) {
		size_t n = len - done < hl ? len - done : hl;
		struct ike_buf b = { k, hl };

		memcpy(s->data + done, k, n);
		done += n;
		if (done == len)
			break;
		rc = ike_prf(hash, skeyid_e->data, skeyid_e->len, &b, 1, k);
	}
	OPENSSL_cleanse(k, sizeof(k));
	if (rc < 0) {
		secret_free(s);
		return rc;
	}
	*key = s;
	return 0;
}

int ike_p1_keys_derive(const struct ike_p1_input *in, struct ike_p1_keys *k)
{
	static const uint8_t c0 = 0, c1 = 1, c2 = 2;
	size_t hl = ike_hash_len(in->hash);
	struct secret *nonces = NULL;
	int rc;

	memset(k, 0, sizeof(*k));
	if (!hl)
		return -ENOTSUP;
	k->skeyid = secret_new(hl);
	if (!k->skeyid)
		return -ENOMEM;
	if (in->auth == IKE_AUTH_PSK) {
		/* SKEYID = prf(pre-shared-key, Ni_b | Nr_b) */
		struct ike_buf parts[] = { { in->ni, in->ni_len }, { in->nr, in->nr_len } };

		rc = ike_prf(in->hash, in->psk, in->psk_len, parts, 2, k->skeyid->data);
	} else {
		/* SKEYID = prf(Ni_b | Nr_b, g^xy) */
		struct ike_buf part = { in->gxy->data, in->gxy->len };

		nonces = secret_new(in->ni_len + in->nr_len);
		if (!nonces) {
			rc = -ENOMEM;
			goto out;
		}
		memcpy(nonces->data, in->ni, in->ni_len);
		memcpy(nonces->data + in->ni_len, in->nr, in->nr_len);
		rc = ike_prf(in->hash, nonces->data, nonces->len, &part, 1, k->skeyid->data);
	}
	if (rc < 0)
		goto out;
	{
		struct ike_buf d[] = { { in->gxy->data, in->gxy->len }, { in->icookie, 8 },
				       { in->rcookie, 8 }, { &c0, 1 } };

		rc = prf_to_secret(in->hash, k->skeyid, d, 4, &k->skeyid_d);
		if (rc < 0)
			goto out;
	}
	{
		struct ike_buf a[] = { { k->skeyid_d->data, hl }, { in->gxy->data, in->gxy->len },
				       { in->icookie, 8 }, { in->rcookie, 8 }, { &c1, 1 } };

		rc = prf_to_secret(in->hash, k->skeyid, a, 5, &k->skeyid_a);
		if (rc < 0)
			goto out;
	}
	{
		struct ike_buf e[] = { { k->skeyid_a->data, hl }, { in->gxy->data, in->gxy->len },
				       { in->icookie, 8 }, { in->rcookie, 8 }, { &c2, 1 } };

		rc = prf_to_secret(in->hash, k->skeyid, e, 5, &k->skeyid_e);
		if (rc < 0)
			goto out;
	}
	rc = ike_enc_key_expand(in->hash, k->skeyid_e, in->enc_key_len, &k->enc_key);
out:
	secret_free(nonces);
	if (rc < 0)
		ike_p1_keys_free(k);
	return rc;
}

void ike_p1_keys_free(struct ike_p1_keys *k)
{
	secret_free(k->skeyid);
	secret_free(k->skeyid_d);
	secret_free(k->skeyid_a);
	secret_free(k->skeyid_e);
	secret_free(k->enc_key);
	memset(k, 0, sizeof(*k));
}
