/* Phase 1 authentication: identities (my_identifier, peers_identifier,
 * verify_identifier), pre-shared keys from the "path pre_shared_key"
 * file, RSA signatures with X.509 certificates (CERT, CR, chain check
 * against ca_type). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "racoond/ike/ike_int.h"

bool auth_is_sig(const struct ike_ph1 *p1)
{
	return p1->ch.auth == OAKLEY_AUTH_RSASIG;
}

/* ---- pre-shared keys ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One key as written after the identity: text, or 0x and hex digits. */
static struct secret *psk_value(const char *v, size_t n)
{
	struct secret *s;

	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		v += 2;
		n -= 2;
		if (n % 2)
			return NULL;
		s = secret_new(n / 2);
		if (!s)
			return NULL;
		for (size_t i = 0; i < n / 2; i++) {
			int hi = hexval(v[2 * i]), lo = hexval(v[2 * i + 1]);

			if (hi < 0 || lo < 0) {
				secret_free(s);
				return NULL;
			}
			s->data[i] = (uint8_t)(hi << 4 | lo);
		}
		return s;
	}
	return secret_dup(v, n);
}

int auth_psk_lookup(const char *path, const char *ident, struct secret **out)
{
	char line[1024];
	FILE *f;
	int r = -ENOENT;

	*out = NULL;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *id, *key, *end;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		id = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (!*p)
			continue;
		*p++ = '\0';
		while (isspace((unsigned char)*p))
			p++;
		key = p;
		end = key + strlen(key);
		while (end > key && isspace((unsigned char)end[-1]))
			end--;
		if (end == key || strcmp(id, ident) != 0)
			continue;
		*out = psk_value(key, (size_t)(end - key));
		r = *out ? 0 : -EINVAL;
		break;
	}
	OPENSSL_cleanse(line, sizeof(line));
	fclose(f);
	return r;
}

struct secret *auth_psk(struct ike_ph1 *p1)
{
	const char *path = p1->e->conf->path[RC_PATH_PSK];
	char ident[256];
	struct secret *s = NULL;

	if (!path)
		return NULL;
	for (const struct rc_id *id = p1->rm->peers_ids; id; id = id->next)
		if (id->value && (id->type == RC_ID_FQDN || id->type == RC_ID_USER_FQDN ||
				  id->type == RC_ID_KEYID_TAG) &&
		    auth_psk_lookup(path, id->value, &s) == 0)
			return s;
	if (p1->peer_id && p1->peer_id_len < sizeof(ident)) {
		if (p1->peer_id_type == IPSEC_ID_FQDN || p1->peer_id_type == IPSEC_ID_USER_FQDN ||
		    p1->peer_id_type == IPSEC_ID_KEY_ID) {
			memcpy(ident, p1->peer_id, p1->peer_id_len);
			ident[p1->peer_id_len] = '\0';
			if (auth_psk_lookup(path, ident, &s) == 0)
				return s;
		}
	}
	addr_fmt(&p1->remote.addr, ident, sizeof(ident));
	if (auth_psk_lookup(path, ident, &s) == 0)
		return s;
	return NULL;
}

/* ---- certificates ---- */

static int load_cert(const struct ike_ph1 *p1, const char *name, X509 **c)
{
	char path[4096];

	if (!name || rc_conf_path(p1->e->conf, RC_PATH_CERT, name, path, sizeof(path)) < 0)
		return -ENOENT;
	return ike_cert_load(path, c);
}

static int load_key(const struct ike_ph1 *p1, EVP_PKEY **k)
{
	char path[4096];

	if (!p1->rm->key_file ||
	    rc_conf_path(p1->e->conf, RC_PATH_CERT, p1->rm->key_file, path, sizeof(path)) < 0)
		return -ENOENT;
	return ike_key_load(path, k);
}

void auth_write_cr(struct ike_ph1 *p1, struct isakmp_chain *c)
{
	X509 *ca = NULL;
	uint8_t *der;
	size_t len;

	if (!p1->rm->send_cr || !auth_is_sig(p1))
		return;
	if (p1->rm->peers_certfile && load_cert(p1, p1->rm->peers_certfile, &ca) == 0) {
		if (ike_cert_issuer_der(ca, &der, &len) < 0)
			der = NULL;
	} else if (p1->rm->ca_file && load_cert(p1, p1->rm->ca_file, &ca) == 0) {
		if (ike_cert_subject_der(ca, &der, &len) < 0)
			der = NULL;
	} else {
		return;
	}
	if (der) {
		struct isakmp_cert cr = { .enc = ISAKMP_CERT_X509SIGN, .data = der, .len = len };

		isakmp_cert_write(c, ISAKMP_NP_CR, &cr);
		OPENSSL_free(der);
	}
	X509_free(ca);
}

/* ---- identities ---- */

static int read_small_file(const struct ike_ph1 *p1, const char *name, uint8_t *buf, size_t cap,
			   size_t *len)
{
	char path[4096];
	FILE *f;

	if (rc_conf_path(p1->e->conf, RC_PATH_CERT, name, path, sizeof(path)) < 0)
		return -ENAMETOOLONG;
	f = fopen(path, "rb");
	if (!f)
		return -errno;
	*len = fread(buf, 1, cap, f);
	fclose(f);
	return *len ? 0 : -EINVAL;
}

int auth_my_id(struct ike_ph1 *p1, uint8_t *buf, size_t cap, size_t *len)
{
	const struct rc_id *id = &p1->rm->my_id;
	uint8_t *d = buf + 4;
	size_t dcap = cap - 4, dl = 0;
	uint8_t type;

	if (cap < 4 + 16)
		return -ENOBUFS;
	switch (id->type) {
	case RC_ID_ADDRESS: {
		const struct ip_addr *a = id->addr.family != AF_UNSPEC ? &id->addr : &p1->local.addr;

		type = a->family == AF_INET ? IPSEC_ID_IPV4_ADDR : IPSEC_ID_IPV6_ADDR;
		dl = addr_len(a);
		memcpy(d, a->u.bytes, dl);
		break;
	}
	case RC_ID_FQDN:
	case RC_ID_USER_FQDN:
	case RC_ID_KEYID_TAG:
		type = id->type == RC_ID_FQDN ? IPSEC_ID_FQDN :
		       id->type == RC_ID_USER_FQDN ? IPSEC_ID_USER_FQDN : IPSEC_ID_KEY_ID;
		if (!id->value || strlen(id->value) > dcap || !*id->value)
			return -EINVAL;
		dl = strlen(id->value);
		memcpy(d, id->value, dl);
		break;
	case RC_ID_KEYID:
		type = IPSEC_ID_KEY_ID;
		if (!id->value || read_small_file(p1, id->value, d, dcap, &dl) < 0)
			return -EINVAL;
		break;
	case RC_ID_ASN1DN: {
		uint8_t *der = NULL;
		size_t dlen = 0;
		int r;

		type = IPSEC_ID_DER_ASN1_DN;
		if (id->value) {
			r = ike_dn_from_string(id->value, &der, &dlen);
		} else {
			X509 *c = NULL;

			r = load_cert(p1, p1->rm->cert_file, &c);
			if (r == 0)
				r = ike_cert_subject_der(c, &der, &dlen);
			X509_free(c);
		}
		if (r < 0)
			return r;
		if (dlen > dcap) {
			OPENSSL_free(der);
			return -ENOBUFS;
		}
		memcpy(d, der, dlen);
		dl = dlen;
		OPENSSL_free(der);
		break;
	}
	default:
		return -ENOTSUP;
	}
	buf[0] = type;
	buf[1] = 0;
	buf[2] = buf[3] = 0;
	*len = 4 + dl;
	return 0;
}

int auth_peer_id(struct ike_ph1 *p1, const struct isakmp_pl *pl)
{
	struct isakmp_id id;
	bool ok = false;

	if (isakmp_id_parse(pl, &id) < 0 || isakmp_id_check_phase1(&id) < 0)
		return -EINVAL;
	free(p1->peer_id);
	free(p1->peer_idb);
	p1->peer_id = ike_memdup(id.data, id.len);
	p1->peer_idb = ike_memdup(pl->body, pl->len);
	if (!p1->peer_id || !p1->peer_idb)
		return -ENOMEM;
	p1->peer_id_len = id.len;
	p1->peer_idb_len = pl->len;
	p1->peer_id_type = id.type;
	if (!p1->rm->verify_identifier || !p1->rm->peers_ids)
		return 0;
	for (const struct rc_id *r = p1->rm->peers_ids; r && !ok; r = r->next)
		ok = sel_id_match(r, id.type, id.data, id.len, &p1->remote.addr);
	return ok ? 0 : -EACCES;
}

/* ---- HASH_I / HASH_R, signatures ---- */

static int compute(const struct ike_ph1 *p1, bool of_initiator, const uint8_t *idb, size_t idlen,
		   uint8_t *out)
{
	struct ike_auth_input in = {
		.hash = p1->ch.hash, .skeyid = p1->keys.skeyid,
		.gxi = p1->gxi, .gxr = p1->gxr, .gx_len = p1->gx_len,
		.icookie = p1->icookie, .rcookie = p1->rcookie,
		.sai_b = p1->sai_b, .sai_len = p1->sai_len, .id_b = idb, .id_len = idlen,
	};

	return of_initiator ? ike_hash_i(&in, out) : ike_hash_r(&in, out);
}

int auth_write(struct ike_ph1 *p1, struct isakmp_chain *c, const uint8_t *idb, size_t idlen)
{
	uint8_t h[IKE_MAX_HASH], sig[1024];
	size_t hl = ike_hash_len(p1->ch.hash), sl = sizeof(sig);
	X509 *cert = NULL;
	EVP_PKEY *key = NULL;
	int r;

	r = compute(p1, p1->initiator, idb, idlen, h);
	if (r < 0)
		return r;
	if (!auth_is_sig(p1)) {
		isakmp_pl_blob(c, ISAKMP_NP_HASH, h, hl);
		return 0;
	}
	r = load_key(p1, &key);
	if (r == 0 && p1->rm->send_cert && (r = load_cert(p1, p1->rm->cert_file, &cert)) == 0) {
		uint8_t *der;
		size_t dlen;

		r = ike_cert_to_der(cert, &der, &dlen);
		if (r == 0) {
			struct isakmp_cert ce = { .enc = ISAKMP_CERT_X509SIGN, .data = der,
						  .len = dlen };

			isakmp_cert_write(c, ISAKMP_NP_CERT, &ce);
			OPENSSL_free(der);
		}
	}
	if (r == 0)
		r = ike_rsa_sign(key, h, hl, sig, &sl);
	if (r == 0)
		isakmp_pl_blob(c, ISAKMP_NP_SIG, sig, sl);
	X509_free(cert);
	EVP_PKEY_free(key);
	return r < 0 ? r : 0;
}

static int peer_cert(struct ike_ph1 *p1, const struct isakmp_msg *m)
{
	const struct isakmp_pl *pl = isakmp_msg_find(m, ISAKMP_NP_CERT, 0);
	struct isakmp_cert ce;
	char ca[4096];
	X509 *c = NULL;
	uint8_t *subj;
	size_t slen;
	int r;

	if (pl) {
		if (isakmp_cert_parse(pl, &ce) < 0 || ce.enc != ISAKMP_CERT_X509SIGN)
			return -EINVAL;
		r = ike_cert_from_der(ce.data, ce.len, &c);
	} else {
		r = load_cert(p1, p1->rm->peers_certfile, &c);
	}
	if (r < 0)
		return r;
	if (p1->rm->verify_cert) {
		STACK_OF(X509) *chain = sk_X509_new_null();

		/* Further CERT payloads are intermediates (strongSwan sends
		 * them), never trusted by themselves. */
		for (size_t i = 1; chain && (pl = isakmp_msg_find(m, ISAKMP_NP_CERT, i)); i++) {
			X509 *x = NULL;

			if (isakmp_cert_parse(pl, &ce) == 0 && ce.enc == ISAKMP_CERT_X509SIGN &&
			    ike_cert_from_der(ce.data, ce.len, &x) == 0 && !sk_X509_push(chain, x))
				X509_free(x);
		}
		r = -EACCES;
		if (p1->rm->ca_file &&
		    rc_conf_path(p1->e->conf, RC_PATH_CERT, p1->rm->ca_file, ca, sizeof(ca)) == 0)
			r = ike_cert_verify(c, ca, chain, NULL);
		sk_X509_pop_free(chain, X509_free);
		if (r < 0)
			goto fail;
	}
	/* The identity must be the certificate's: its subject or an altname. */
	if (p1->peer_id_type == IPSEC_ID_DER_ASN1_DN) {
		r = ike_cert_subject_der(c, &subj, &slen);
		if (r < 0)
			goto fail;
		r = ike_dn_match(subj, slen, p1->peer_id, p1->peer_id_len) == 0 ? 0 : -EACCES;
		OPENSSL_free(subj);
	} else {
		r = ike_cert_has_altname(c, p1->peer_id_type, p1->peer_id, p1->peer_id_len) ?
			    0 : -EACCES;
	}
	if (r < 0)
		goto fail;
	X509_free(p1->peer_cert);
	p1->peer_cert = c;
	return 0;
fail:
	X509_free(c);
	return r;
}

int auth_verify(struct ike_ph1 *p1, const struct isakmp_msg *m, const uint8_t *idb, size_t idlen)
{
	uint8_t h[IKE_MAX_HASH];
	size_t hl = ike_hash_len(p1->ch.hash);
	const struct isakmp_pl *pl;
	int r;

	r = compute(p1, !p1->initiator, idb, idlen, h);
	if (r < 0)
		return r;
	if (!auth_is_sig(p1)) {
		pl = isakmp_msg_find(m, ISAKMP_NP_HASH, 0);
		if (!pl || pl->len != hl || CRYPTO_memcmp(pl->body, h, hl) != 0)
			return -EBADMSG;
		return 0;
	}
	pl = isakmp_msg_find(m, ISAKMP_NP_SIG, 0);
	if (!pl)
		return -EBADMSG;
	r = peer_cert(p1, m);
	if (r < 0)
		return -EACCES;
	{
		EVP_PKEY *pk = X509_get0_pubkey(p1->peer_cert);

		if (!pk || ike_rsa_verify(pk, h, hl, pl->body, pl->len) < 0)
			return -EBADMSG;
	}
	return 0;
}
