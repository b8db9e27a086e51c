/* Phase 1 authentication: identities (my_identifier, peers_identifier,
 * verify_identifier), pre-shared keys from the "path pre_shared_key"
 * file, RSA signatures with X.509 certificates (CERT, CR, chain check
 * against ca_type), from the credentials loaded with the configuration
 * (creds.c): no file is read here. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "common/log.h"
#include "racoond/ike/creds.h"
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

/* The credentials loaded with the configuration for this remote. */
static const struct ike_rcreds *creds(const struct ike_ph1 *p1)
{
	const struct ike_rcreds *k = ike_creds_find(p1->e->creds, p1->rm);

	if (!k)
		log_err("remote %s: no credentials loaded with the configuration", p1->rm->name);
	return k;
}

void auth_write_cr(struct ike_ph1 *p1, struct isakmp_chain *c)
{
	const struct ike_rcreds *k;

	if (!p1->rm->send_cr || !auth_is_sig(p1))
		return;
	k = creds(p1);
	if (k && k->cr_der) {
		struct isakmp_cert cr = { .enc = ISAKMP_CERT_X509SIGN, .data = k->cr_der,
					  .len = k->cr_der_len };

		isakmp_cert_write(c, ISAKMP_NP_CR, &cr);
	}
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
		const struct ike_rcreds *k = NULL;
		uint8_t *der = NULL;
		size_t dlen = 0;

		type = IPSEC_ID_DER_ASN1_DN;
		if (id->value) {
			int r = ike_dn_from_string(id->value, &der, &dlen);

			if (r < 0)
				return r;
		} else if (!(k = creds(p1)) || !k->subject_der) {
			return -ENOKEY;
		}
		if ((der ? dlen : k->subject_der_len) > dcap) {
			OPENSSL_free(der);
			return -ENOBUFS;
		}
		if (der) {
			memcpy(d, der, dlen);
			dl = dlen;
			OPENSSL_free(der);
		} else {
			memcpy(d, k->subject_der, k->subject_der_len);
			dl = k->subject_der_len;
		}
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
	const struct ike_rcreds *k;
	int r;

	r = compute(p1, p1->initiator, idb, idlen, h);
	if (r < 0)
		return r;
	if (!auth_is_sig(p1)) {
		isakmp_pl_blob(c, ISAKMP_NP_HASH, h, hl);
		return 0;
	}
	k = creds(p1);
	if (!k || !k->key)
		return -ENOKEY;
	if (p1->rm->send_cert && k->cert_der) {
		struct isakmp_cert ce = { .enc = ISAKMP_CERT_X509SIGN, .data = k->cert_der,
					  .len = k->cert_der_len };

		isakmp_cert_write(c, ISAKMP_NP_CERT, &ce);
	}
	r = ike_rsa_sign(k->key, h, hl, sig, &sl);
	if (r == 0)
		isakmp_pl_blob(c, ISAKMP_NP_SIG, sig, sl);
	return r < 0 ? r : 0;
}

static int peer_cert(struct ike_ph1 *p1, const struct isakmp_msg *m)
{
	const struct isakmp_pl *pl = isakmp_msg_find(m, ISAKMP_NP_CERT, 0);
	const struct ike_rcreds *k = creds(p1);
	struct isakmp_cert ce;
	X509 *c = NULL;
	uint8_t *subj;
	size_t slen;
	int r;

	if (!k)
		return -ENOKEY;
	if (pl) {
		if (isakmp_cert_parse(pl, &ce) < 0 || ce.enc != ISAKMP_CERT_X509SIGN)
			return -EINVAL;
		r = ike_creds_peer_cert(p1->e->creds, ce.data, ce.len, &c);
	} else if (k->peer_cert) {
		X509_up_ref(k->peer_cert);
		c = k->peer_cert;
		r = 0;
	} else {
		r = -ENOENT;
	}
	if (r < 0)
		return r;
	if (p1->rm->verify_cert) {
		STACK_OF(X509) *chain = sk_X509_new_null();
		struct ike_cert_check res = { 0 };

		/* Further CERT payloads are intermediates (strongSwan sends
		 * them), never trusted by themselves. */
		for (size_t i = 1; chain && (pl = isakmp_msg_find(m, ISAKMP_NP_CERT, i)); i++) {
			X509 *x = NULL;

			if (isakmp_cert_parse(pl, &ce) == 0 && ce.enc == ISAKMP_CERT_X509SIGN &&
			    ike_creds_peer_cert(p1->e->creds, ce.data, ce.len, &x) == 0 &&
			    !sk_X509_push(chain, x))
				X509_free(x);
		}
		r = k->ca ? ike_cert_verify(c, k->ca, chain, &res) : -EACCES;
		sk_X509_pop_free(chain, X509_free);
		if (r < 0) {
			char sub[256];

			X509_NAME_oneline(X509_get_subject_name(c), sub, sizeof(sub));
			log_notice("remote %s: certificate %s refused: %s", p1->rm->name, sub,
				   k->ca ? X509_verify_cert_error_string(res.err) : "no ca_type to verify it");
			goto fail;
		}
		/* Revocation was asked for (CRLs given) but one CA has no CRL. */
		if (res.crl_missing)
			log_warn("remote %s: a CA of the peer's certificate has no CRL: its revocation "
				 "was not checked", p1->rm->name);
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
