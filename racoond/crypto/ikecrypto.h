/* IKEv1 cryptography on OpenSSL 3 (EVP and OSSL_PARAM only): secrets,
 * Diffie-Hellman, PRFs, the SKEYID chain, IVs, authentication and quick
 * mode hashes, KEYMAT, CBC ciphers, raw RSA signatures, X.509 and DNs.
 *
 * Algorithm numbers are the phase 1 attribute values of isakmp.h
 * (OAKLEY_HASH_*, OAKLEY_ENC_*, group numbers) and the IPsec DOI ones for
 * KEYMAT.  Functions return 0 (or a length) or a negative errno. */
#ifndef RACOOND_IKECRYPTO_H
#define RACOOND_IKECRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* ---- secrets (secret.c) ---- */

/* A heap buffer wiped with OPENSSL_cleanse when freed. */
struct secret {
	size_t len;
	uint8_t data[];
};
struct secret *secret_new(size_t len);          /* zero-filled; NULL on ENOMEM */
struct secret *secret_dup(const void *p, size_t len);
void secret_free(struct secret *s);             /* NULL is fine */

/* A read-only piece of input, for functions that hash concatenations. */
struct ike_buf {
	const void *p;
	size_t len;
};

/* ---- Diffie-Hellman (dh.c) ---- */

/* MODP groups 1, 2 (RFC 2409 6.1, 6.2), 5 and 14 to 18 (RFC 3526), all
 * with generator 2. */
bool dh_group_known(unsigned group);
/* Byte length of the group's prime (and of public values and g^xy). */
size_t dh_group_len(unsigned group);
/* The prime, big-endian, dh_group_len() bytes. */
int dh_group_prime(unsigned group, uint8_t *out, size_t len);

struct dh_key;
/* A fresh key pair of the group. */
int dh_generate(unsigned group, struct dh_key **k);
/* A key pair from a known private value (big-endian), for tests and
 * known answers. */
int dh_from_private(unsigned group, const uint8_t *x, size_t xlen, struct dh_key **k);
void dh_free(struct dh_key *k);
/* Our public value, left-padded to dh_group_len() bytes. */
int dh_public(const struct dh_key *k, uint8_t *out, size_t len);
/* A peer public value must be exactly dh_group_len() bytes with
 * 1 < y < p-1; -EINVAL otherwise. */
int dh_check_public(unsigned group, const uint8_t *y, size_t len);
/* g^xy, left-padded to the prime's length (as IKEv1 peers hash it). */
int dh_compute(const struct dh_key *k, const uint8_t *peer, size_t len, struct secret **gxy);

/* ---- PRF and hash (prf.c) ---- */

/* The EVP digest of an OAKLEY_HASH_* value (md5, sha1, sha2-256/384/512);
 * NULL if unsupported. */
const char *ike_hash_name(unsigned hash);
/* Output length of the hash (and of its HMAC), 0 if unsupported. */
size_t ike_hash_len(unsigned hash);
/* out = HMAC-hash(key, parts...); out holds ike_hash_len(hash) bytes. */
int ike_prf(unsigned hash, const void *key, size_t klen, const struct ike_buf *parts,
	    size_t nparts, uint8_t *out);
/* out = hash(parts...). */
int ike_hash(unsigned hash, const struct ike_buf *parts, size_t nparts, uint8_t *out);

/* ---- SKEYID chain and encryption key (skeyid.c) ---- */

enum ike_auth_class {
	IKE_AUTH_SIG,           /* DSS and RSA signatures */
	IKE_AUTH_PSK,           /* pre-shared key */
};

struct ike_p1_keys {
	struct secret *skeyid;
	struct secret *skeyid_d;
	struct secret *skeyid_a;
	struct secret *skeyid_e;
	struct secret *enc_key; /* SKEYID_e truncated or expanded (RFC 2409 B) */
};

struct ike_p1_input {
	unsigned hash;                  /* prf hash */
	enum ike_auth_class auth;
	const uint8_t *psk;             /* for IKE_AUTH_PSK */
	size_t psk_len;
	const uint8_t *ni, *nr;         /* nonce bodies */
	size_t ni_len, nr_len;
	const uint8_t *icookie, *rcookie; /* 8 bytes each */
	const struct secret *gxy;
	size_t enc_key_len;             /* cipher key length in bytes */
};
int ike_p1_keys_derive(const struct ike_p1_input *in, struct ike_p1_keys *k);
void ike_p1_keys_free(struct ike_p1_keys *k);
/* RFC 2409 appendix B: Ka = K1 | K2 | ... with K1 = prf(SKEYID_e, 0) and
 * Kn = prf(SKEYID_e, Kn-1), or SKEYID_e truncated when it is long enough. */
int ike_enc_key_expand(unsigned hash, const struct secret *skeyid_e, size_t len,
		       struct secret **key);

/* ---- IVs (iv.c) ---- */

/* Phase 1: hash(g^xi | g^xr) truncated to the block size. */
int ike_iv_phase1(unsigned hash, const uint8_t *gxi, size_t gxi_len, const uint8_t *gxr,
		  size_t gxr_len, size_t bs, uint8_t *iv);
/* Quick mode and informational: hash(last phase 1 CBC block | M-ID)
 * truncated to the block size. */
int ike_iv_msgid(unsigned hash, const uint8_t *last_block, size_t bs, uint32_t msgid,
		 uint8_t *iv);

/* ---- authentication and quick mode hashes (hash.c) ---- */

struct ike_auth_input {
	unsigned hash;
	const struct secret *skeyid;
	const uint8_t *gxi, *gxr;
	size_t gx_len;
	const uint8_t *icookie, *rcookie;
	const uint8_t *sai_b;           /* initiator's SA body (no generic header) */
	size_t sai_len;
	const uint8_t *id_b;            /* IDii_b or IDir_b (no generic header) */
	size_t id_len;
};
/* HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) */
int ike_hash_i(const struct ike_auth_input *in, uint8_t *out);
int ike_hash_r(const struct ike_auth_input *in, uint8_t *out);
/* HASH(1) = prf(SKEYID_a, M-ID | rest), rest being the message after the
 * HASH payload, payload headers included, padding excluded (also the
 * informational exchange's hash);
 * HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest);
 * HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). */
int ike_qm_hash1(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *rest, size_t rest_len, uint8_t *out);
int ike_qm_hash2(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *ni, size_t ni_len, const uint8_t *rest, size_t rest_len,
		 uint8_t *out);
int ike_qm_hash3(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *ni, size_t ni_len, const uint8_t *nr, size_t nr_len,
		 uint8_t *out);

/* NAT-D (RFC 3947 3.2): hash(CKY-I | CKY-R | IP | port), port in host
 * order, the address's 4 or 16 bytes. */
struct ip_addr;
int ike_natd_hash(unsigned hash, const uint8_t *icookie, const uint8_t *rcookie,
		  const struct ip_addr *addr, uint16_t port, uint8_t *out);

/* ---- KEYMAT (keymat.c) ---- */

/* KEYMAT = K1 | K2 | ... truncated to len, with
 * K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
 * Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
 * gxy is NULL without PFS. */
int ike_keymat(unsigned hash, const struct secret *skeyid_d, const struct secret *gxy,
	       uint8_t proto, uint32_t spi, const uint8_t *ni, size_t ni_len, const uint8_t *nr,
	       size_t nr_len, size_t len, struct secret **keymat);
/* KEYMAT length an SA needs: encryption key plus authentication key.
 * proto is ISAKMP_PROTO_ESP or _AH; trans the transform id; keybits the
 * key length attribute (0 = the algorithm's default); auth the
 * IPSEC_AUTH_* attribute (0 = none).  -ENOTSUP for unknown algorithms. */
int ike_keymat_len(uint8_t proto, uint8_t trans, unsigned keybits, unsigned auth);

/* ---- CBC ciphers for ISAKMP payloads (cipher.c) ---- */

/* OAKLEY_ENC_AES (128/192/256) and OAKLEY_ENC_3DES.  keybits 0 means the
 * default (128 for AES, 192 for 3DES). */
size_t ike_cipher_block(unsigned enc);
int ike_cipher_key_len(unsigned enc, unsigned keybits);     /* bytes or -ENOTSUP */
/* CBC without padding (the ISAKMP padding is the codec's); len must be a
 * multiple of the block size.  in and out may be the same.  On return iv
 * holds the last ciphertext block, the IV of the next message. */
int ike_cbc_encrypt(unsigned enc, const uint8_t *key, size_t klen, uint8_t *iv,
		    const uint8_t *in, uint8_t *out, size_t len);
int ike_cbc_decrypt(unsigned enc, const uint8_t *key, size_t klen, uint8_t *iv,
		    const uint8_t *in, uint8_t *out, size_t len);

/* ---- RSA signatures over raw hashes (rsa.c) ---- */

/* PKCS#1 v1.5 type 1 padding over the hash bytes, no DigestInfo, as IKEv1
 * peers sign HASH_I/HASH_R.  *siglen holds the buffer size on entry. */
int ike_rsa_sign(EVP_PKEY *key, const uint8_t *hash, size_t hlen, uint8_t *sig,
		 size_t *siglen);
/* Recovers the signed block and compares all of it with hash. */
int ike_rsa_verify(EVP_PKEY *key, const uint8_t *hash, size_t hlen, const uint8_t *sig,
		   size_t siglen);
/* Loads a private key (PEM or DER, unencrypted).  The file's bytes are
 * read into a buffer wiped afterwards; free the key with EVP_PKEY_free,
 * which clears its private numbers. */
int ike_key_load(const char *path, EVP_PKEY **key);

/* ---- X.509 (x509.c) ---- */

/* Loads a certificate in PEM or DER. */
int ike_cert_load(const char *path, X509 **cert);
int ike_cert_from_der(const uint8_t *der, size_t len, X509 **cert);
/* DER encoding into a new buffer (free with OPENSSL_free). */
int ike_cert_to_der(X509 *cert, uint8_t **der, size_t *len);
int ike_cert_subject_der(X509 *cert, uint8_t **der, size_t *len);
int ike_cert_issuer_der(X509 *cert, uint8_t **der, size_t *len);
/* The trust store of a ca_type x509 file: its certificates (PEM, possibly
 * several) and the CRLs written in it, plus, when crl_dir is not NULL, the
 * CRLs named <subject hash>.r<N> there for each of its CAs (c_rehash's
 * names, as racoon found them in "path certificate").  *ncrl gets the
 * number of CRLs: when there is any, revocation is checked for every
 * certificate of a chain; when there is none, it is not checked at all.
 * 0, -ENOENT (and other errno of the file) or -EINVAL (not certificates,
 * or a hashed CRL file that is not a CRL). */
int ike_ca_store_load(const char *ca_file, const char *crl_dir, X509_STORE **out, unsigned *ncrl);

struct ike_cert_check {
	int err;                /* OpenSSL's verify error when refused */
	bool crl_missing;       /* revocation checked, but a CA of the chain has no CRL */
};
/* Verifies cert against store, with optional untrusted intermediates
 * (which are never trusted by themselves).  A revoked certificate is
 * refused; a CA without a CRL (when the store has CRLs) is accepted and
 * reported in res->crl_missing.  Returns 0, -EACCES or -ENOMEM; res may
 * be NULL. */
int ike_cert_verify(X509 *cert, X509_STORE *store, STACK_OF(X509) *untrusted,
		    struct ike_cert_check *res);

/* subjectAltName entries, by IPsec ID type: IPSEC_ID_FQDN (dNSName),
 * IPSEC_ID_USER_FQDN (rfc822Name), IPSEC_ID_IPV4_ADDR / IPV6_ADDR
 * (iPAddress).  Calls fn for each; stops when fn returns non-zero. */
typedef int (*ike_altname_fn)(uint8_t id_type, const uint8_t *data, size_t len, void *arg);
int ike_cert_altnames(X509 *cert, ike_altname_fn fn, void *arg);
/* True if the certificate has a subjectAltName of that ID type and
 * value (names compared case-insensitively). */
bool ike_cert_has_altname(X509 *cert, uint8_t id_type, const uint8_t *data, size_t len);

/* ---- first use (warmup.c) ---- */

/* Uses each hash, HMAC, CBC cipher and Diffie-Hellman once, so that
 * OpenSSL's fetching and setting up happen now (at start) rather than in
 * the first negotiation.  0, or -ENOTSUP if one of them failed (then it
 * will fail in negotiations too). */
int ike_crypto_warmup(void);

/* ---- distinguished names (dn.c) ---- */

/* Parses "C=FR, ST=Ile-de-France, O=Example, CN=ha" (',' or '/'
 * separated; '\' escapes) into DER.  Free with OPENSSL_free. */
int ike_dn_from_string(const char *s, uint8_t **der, size_t *len);
/* Formats DER as "C=FR, ST=..., CN=..." into buf. */
int ike_dn_to_string(const uint8_t *der, size_t len, char *buf, size_t cap);
/* Compares two DER DNs by meaning: same number of RDNs and, RDN by RDN,
 * same attribute types and the same decoded values, whatever string type
 * encodes them.  A value "*" in pattern matches any value of that type.
 * Returns 0 on match, -ENOENT on mismatch, -EINVAL on bad DER. */
int ike_dn_match(const uint8_t *pattern, size_t plen, const uint8_t *dn, size_t dlen);

#endif
