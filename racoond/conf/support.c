/* What this machine and this racoond can do with a configuration: features
 * racoond does not implement, phase 1 algorithms OpenSSL cannot compute,
 * phase 2 algorithms Linux's IPsec has no transform for, and (given what the
 * daemon learns from the kernel at start) those the running kernel lacks. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include <openssl/evp.h>
#include <openssl/provider.h>

#include "racoond/conf/names.h"
#include "racoond/conf/pstate.h"

struct ctx {
	struct rc_diags *d;
	OSSL_LIB_CTX *legacy;        /* default + legacy providers, or NULL */
	OSSL_PROVIDER *prov[2];
};

static void err(struct ctx *x, const struct rc_loc *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err(struct ctx *x, const struct rc_loc *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(x->d, RC_SEV_ERROR, l->file, l->line, l->col, fmt, ap);
	va_end(ap);
}

static void warn(struct ctx *x, const struct rc_loc *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void warn(struct ctx *x, const struct rc_loc *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(x->d, RC_SEV_WARNING, l->file, l->line, l->col, fmt, ap);
	va_end(ap);
}

static const char *p1_cipher(unsigned enc, unsigned keylen)
{
	switch (enc) {
	case IKE_P1_ENC_DES: return "DES-CBC";
	case IKE_P1_ENC_3DES: return "DES-EDE3-CBC";
	case IKE_P1_ENC_BLOWFISH: return "BF-CBC";
	case IKE_P1_ENC_CAST: return "CAST5-CBC";
	case IKE_P1_ENC_IDEA: return "IDEA-CBC";
	case IKE_P1_ENC_RC5: return "RC5-CBC";
	case IKE_P1_ENC_AES:
		return keylen == 256 ? "AES-256-CBC" : keylen == 192 ? "AES-192-CBC" : "AES-128-CBC";
	case IKE_P1_ENC_CAMELLIA:
		return keylen == 256 ? "CAMELLIA-256-CBC" : keylen == 192 ? "CAMELLIA-192-CBC"
							   : "CAMELLIA-128-CBC";
	default: return NULL;
	}
}

static const char *p1_digest(unsigned hash)
{
	switch (hash) {
	case IKE_P1_HASH_MD5: return "MD5";
	case IKE_P1_HASH_SHA1: return "SHA1";
	case IKE_P1_HASH_SHA256: return "SHA256";
	case IKE_P1_HASH_SHA384: return "SHA384";
	case IKE_P1_HASH_SHA512: return "SHA512";
	default: return NULL;        /* tiger: not in OpenSSL 3 */
	}
}

/* 0 = default provider, 1 = only with the legacy provider, -1 = none. */
static int cipher_where(struct ctx *x, const char *name)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
	if (c) {
		EVP_CIPHER_free(c);
		return 0;
	}
	if (x->legacy && x->prov[0] && x->prov[1] && (c = EVP_CIPHER_fetch(x->legacy, name, NULL))) {
		EVP_CIPHER_free(c);
		return 1;
	}
	return -1;
}

static void check_p1(struct ctx *x, const struct rc_remote *r, const struct rc_ph1_proposal *p)
{
	const char *ename = rc_name_of(rc_names_p1_enc, p->enc);
	const char *cipher = p1_cipher(p->enc, p->keylen);
	const char *digest = p1_digest(p->hash);
	EVP_MD *md;
	int where;

	if (cipher) {
		where = cipher_where(x, cipher);
		if (where < 0)
			err(x, &p->loc, "remote %s: encryption_algorithm %s: OpenSSL has no %s",
			    r->name, ename, cipher);
		else if (where > 0)
			warn(x, &p->loc, "remote %s: encryption_algorithm %s is in OpenSSL's legacy "
			     "provider only", r->name, ename);
	}
	if (!digest) {
		err(x, &p->loc, "remote %s: hash_algorithm %s is not supported (OpenSSL 3 has no such digest)",
		    r->name, rc_name_of(rc_names_p1_hash, p->hash));
	} else if (!(md = EVP_MD_fetch(NULL, digest, NULL))) {
		err(x, &p->loc, "remote %s: hash_algorithm %s: OpenSSL has no %s", r->name,
		    rc_name_of(rc_names_p1_hash, p->hash), digest);
	} else {
		EVP_MD_free(md);
	}
	switch (p->auth) {
	case IKE_P1_AUTH_PSK:
	case IKE_P1_AUTH_RSASIG:
		break;
	default:
		err(x, &p->loc, "remote %s: authentication_method %s is parsed but not implemented "
		    "by racoond (pre_shared_key and rsasig are)", r->name,
		    rc_name_of(rc_names_p1_auth, p->auth));
	}
}

/* Linux's XFRM has no transform for these phase 2 algorithms. */
static bool esp_in_linux(unsigned id)
{
	switch (id) {
	case IPSEC_ESP_DES: case IPSEC_ESP_3DES: case IPSEC_ESP_CAST: case IPSEC_ESP_BLOWFISH:
	case IPSEC_ESP_NULL: case IPSEC_ESP_AES: case IPSEC_ESP_CAMELLIA: case IPSEC_ESP_TWOFISH:
		return true;
	default:
		return false;
	}
}

static void check_sainfo(struct ctx *x, const struct rc_sainfo *s)
{
	for (unsigned i = 0; i < s->n_enc; i++)
		if (!esp_in_linux(s->enc[i].id))
			err(x, &s->loc, "sainfo: encryption_algorithm %s has no Linux IPsec transform",
			    rc_name_of(rc_names_esp, s->enc[i].id));
	for (unsigned i = 0; i < s->n_auth; i++)
		if (s->auth[i].id == IPSEC_AUTH_DES_MAC || s->auth[i].id == IPSEC_AUTH_KPDK)
			err(x, &s->loc, "sainfo: authentication_algorithm %s has no Linux IPsec transform",
			    rc_name_of(rc_names_auth_alg, s->auth[i].id));
	for (unsigned i = 0; i < s->n_comp; i++)
		if (s->comp[i].id == IPSEC_IPCOMP_OUI)
			err(x, &s->loc, "sainfo: compression_algorithm oui has no Linux IPComp transform");
	if (s->group)
		err(x, &s->loc, "sainfo group \"%s\": XAUTH groups are not implemented", s->group);
}

/* The key length an algorithm gets when none is written (RFC 3602 for AES:
 * 128; the kernel's default otherwise). */
static unsigned default_bits(unsigned esp)
{
	switch (esp) {
	case IPSEC_ESP_AES: case IPSEC_ESP_CAMELLIA: case IPSEC_ESP_TWOFISH:
	case IPSEC_ESP_BLOWFISH: case IPSEC_ESP_CAST:
		return 128;
	default:
		return 0;
	}
}

int rc_conf_check_kernel(const struct rc_conf *c, const struct rc_kernel_algs *k,
			 struct rc_diags *d)
{
	struct ctx x = { .d = d };
	unsigned before = d->n_errors;

	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next) {
		for (unsigned i = 0; i < s->n_enc; i++) {
			const struct rc_alg *a = &s->enc[i];
			const struct rc_kernel_alg *ka = &k->esp[a->id & 0xff];
			unsigned bits = a->keylen ? a->keylen : default_bits(a->id);
			const char *n = rc_name_of(rc_names_esp, a->id);
			if (!ka->present)
				err(&x, &s->loc, "sainfo: the kernel has no ESP transform for %s", n);
			else if (bits && ka->max_bits && (bits < ka->min_bits || bits > ka->max_bits))
				err(&x, &s->loc, "sainfo: the kernel's %s takes %u to %u bit keys, not %u",
				    n, ka->min_bits, ka->max_bits, bits);
		}
		for (unsigned i = 0; i < s->n_auth; i++) {
			unsigned id = s->auth[i].id;
			if (id != IPSEC_AUTH_NONE && (id >= 8 || !k->auth[id].present))
				err(&x, &s->loc, "sainfo: the kernel has no authentication transform for %s",
				    rc_name_of(rc_names_auth_alg, id));
		}
		for (unsigned i = 0; i < s->n_comp; i++) {
			unsigned id = s->comp[i].id;
			if (id >= 4 || !k->ipcomp[id].present)
				err(&x, &s->loc, "sainfo: the kernel has no IPComp transform for %s",
				    rc_name_of(rc_names_ipcomp, id));
		}
	}
	return d->n_errors == before ? 0 : -EINVAL;
}

int rc_conf_check_support(const struct rc_conf *c, struct rc_diags *d)
{
	struct ctx x = { .d = d };
	unsigned before = d->n_errors;

	x.legacy = OSSL_LIB_CTX_new();
	if (x.legacy) {
		x.prov[0] = OSSL_PROVIDER_load(x.legacy, "default");
		x.prov[1] = OSSL_PROVIDER_load(x.legacy, "legacy");
	}
	for (const struct rc_remote *r = c->remotes; r; r = r->next) {
		for (const struct rc_ph1_proposal *p = r->proposals; p; p = p->next)
			check_p1(&x, r, p);
		if (r->mode_cfg)
			err(&x, &r->loc, "remote %s: mode_cfg on (ModeCfg client) is not implemented", r->name);
		if (r->xauth_login)
			err(&x, &r->loc, "remote %s: xauth_login: XAUTH is not implemented", r->name);
		if (r->peers_cert_type == RC_PEERCERT_DNSSEC)
			err(&x, &r->loc, "remote %s: peers_certfile dnssec is not implemented", r->name);
		if (r->cert_type == RC_CERT_PLAIN_RSA || r->peers_cert_type == RC_PEERCERT_PLAIN_RSA)
			err(&x, &r->loc, "remote %s: plain_rsa keys are not implemented (use x509)", r->name);
	}
	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next)
		check_sainfo(&x, s);
	if (c->mode_cfg.set)
		err(&x, &c->mode_cfg.loc, "mode_cfg {} (ModeCfg server) is not implemented");
	if (c->ldapcfg.line)
		err(&x, &c->ldapcfg, "ldapcfg {} is not implemented");
	if (c->radiuscfg.line)
		err(&x, &c->radiuscfg, "radiuscfg {} is not implemented");
	if (c->privsep.set)
		warn(&x, &(struct rc_loc){ 0 }, "privsep {} is read but racoond does not separate privileges yet");
	for (int i = 0; i < 2; i++)
		if (x.prov[i])
			OSSL_PROVIDER_unload(x.prov[i]);
	OSSL_LIB_CTX_free(x.legacy);
	return d->n_errors == before ? 0 : -EINVAL;
}
