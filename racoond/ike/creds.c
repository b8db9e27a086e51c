/* Credentials read once per configuration (see creds.h).  A file named by
 * several remotes is read once and its object shared (reference counts). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "racoond/crypto/ikecrypto.h"
#include "racoond/ike/creds.h"

enum kind { K_KEY, K_CERT, K_CA };

/* One file read during a load, for sharing. */
struct loaded {
	enum kind kind;
	char *path;
	void *obj;
	unsigned ncrl;
};

/* A certificate received from a peer, kept parsed: a peer sends the same
 * certificate at every Phase 1, and parsing one (its public key through
 * OpenSSL's decoders) costs as much as a tenth of a negotiation. */
struct seen_cert {
	uint8_t *der;
	size_t len;
	X509 *x;
	uint64_t used;
};

#define SEEN_CERTS 32
#define SEEN_CERT_MAX 16384

struct ike_creds {
	struct ike_rcreds *v;
	size_t n;
	struct loaded *files;
	size_t nfiles;
	struct seen_cert seen[SEEN_CERTS];
	uint64_t tick;
};

static void obj_free(enum kind k, void *obj)
{
	if (k == K_KEY)
		EVP_PKEY_free(obj);
	else if (k == K_CERT)
		X509_free(obj);
	else
		X509_STORE_free(obj);
}

static void rcreds_clear(struct ike_rcreds *r)
{
	EVP_PKEY_free(r->key);
	X509_free(r->cert);
	OPENSSL_free(r->cert_der);
	OPENSSL_free(r->subject_der);
	X509_free(r->peer_cert);
	X509_STORE_free(r->ca);
	OPENSSL_free(r->cr_der);
}

struct load {
	const struct rc_conf *c;
	struct ike_creds *cr;
	FILE *err;
	int rc;
};

static void report(struct load *l, const struct rc_loc *at, bool error, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(struct load *l, const struct rc_loc *at, bool error, const char *fmt, ...)
{
	va_list ap;

	if (error && l->rc == 0)
		l->rc = -EINVAL;
	if (!l->err)
		return;
	if (at && at->file)
		fprintf(l->err, "%s:%u:%u: ", at->file, at->line, at->col);
	fputs(error ? "error: " : "warning: ", l->err);
	va_start(ap, fmt);
	vfprintf(l->err, fmt, ap);
	va_end(ap);
	fputc('\n', l->err);
}

static const char *why(int rc, enum kind k)
{
	if (rc != -EINVAL)
		return strerror(-rc);
	return k == K_KEY ? "not an unencrypted PEM or DER private key" :
	       k == K_CERT ? "not a PEM or DER certificate" :
			     "no PEM certificate in it, or a CRL that cannot be read";
}

/* One signature at load: a key that cannot sign is an error now, not at
 * the first Phase 1, and OpenSSL prepares what it keeps with the key
 * (blinding, Montgomery forms) outside any negotiation. */
static int try_sign(EVP_PKEY *key)
{
	uint8_t h[32] = { 0 }, sig[1024];
	size_t sl = sizeof(sig);

	return ike_rsa_sign(key, h, sizeof(h), sig, &sl);
}

/* The object of a file, read now or shared with an earlier remote; NULL
 * after reporting why.  The reference returned is the caller's. */
static void *get(struct load *l, enum kind k, const char *name, const struct rc_loc *at,
		 const char *what, unsigned *ncrl)
{
	char path[PATH_MAX];
	struct ike_creds *cr = l->cr;
	struct loaded *f, *nf;
	void *obj = NULL;
	unsigned crls = 0;
	int rc;

	if (rc_conf_path(l->c, RC_PATH_CERT, name, path, sizeof(path)) < 0) {
		report(l, at, true, "%s %s: path too long", what, name);
		return NULL;
	}
	for (size_t i = 0; i < cr->nfiles; i++) {
		f = &cr->files[i];
		if (f->kind != k || strcmp(f->path, path) != 0)
			continue;
		if (ncrl)
			*ncrl = f->ncrl;
		if (k == K_KEY)
			EVP_PKEY_up_ref(f->obj);
		else if (k == K_CERT)
			X509_up_ref(f->obj);
		else
			X509_STORE_up_ref(f->obj);
		return f->obj;
	}
	if (k == K_KEY) {
		rc = ike_key_load(path, (EVP_PKEY **)&obj);
		if (rc == 0 && try_sign(obj) < 0) {
			EVP_PKEY_free(obj);
			ERR_clear_error();
			report(l, at, true, "%s %s: cannot make RSA signatures with it", what, path);
			return NULL;
		}
	} else if (k == K_CERT) {
		rc = ike_cert_load(path, (X509 **)&obj);
	} else {
		rc = ike_ca_store_load(path, l->c->path[RC_PATH_CERT], (X509_STORE **)&obj, &crls);
	}
	ERR_clear_error();
	if (rc < 0) {
		report(l, at, true, "%s %s: %s", what, path, why(rc, k));
		return NULL;
	}
	nf = realloc(cr->files, (cr->nfiles + 1) * sizeof(*nf));
	if (nf)
		cr->files = nf;
	if (!nf || !(nf[cr->nfiles].path = strdup(path))) {
		obj_free(k, obj);
		l->rc = -ENOMEM;
		return NULL;
	}
	nf[cr->nfiles].kind = k;
	nf[cr->nfiles].obj = obj;
	nf[cr->nfiles].ncrl = crls;
	cr->nfiles++;
	if (ncrl)
		*ncrl = crls;
	return get(l, k, name, at, what, ncrl);
}

/* Whether the certificate's public key checks what the private key signs
 * (as the peer will; it also sets up OpenSSL's verification path). */
static bool signs_for(EVP_PKEY *key, X509 *cert)
{
	uint8_t h[32] = { 1 }, sig[1024];
	size_t sl = sizeof(sig);
	EVP_PKEY *pub = X509_get0_pubkey(cert);
	bool ok = pub && ike_rsa_sign(key, h, sizeof(h), sig, &sl) == 0 &&
		  ike_rsa_verify(pub, h, sizeof(h), sig, sl) == 0;

	ERR_clear_error();
	return ok;
}

static void load_remote(struct load *l, const struct rc_remote *rm, struct ike_rcreds *r)
{
	r->rm = rm;
	if (rm->cert_type == RC_CERT_X509 && rm->cert_file && rm->key_file) {
		r->cert = get(l, K_CERT, rm->cert_file, &rm->cert_loc, "certificate", NULL);
		r->key = get(l, K_KEY, rm->key_file, &rm->cert_loc, "private key", NULL);
		if (r->cert && (ike_cert_to_der(r->cert, &r->cert_der, &r->cert_der_len) < 0 ||
				ike_cert_subject_der(r->cert, &r->subject_der, &r->subject_der_len) < 0))
			report(l, &rm->cert_loc, true, "certificate %s: cannot be encoded", rm->cert_file);
		if (r->cert && r->key && !signs_for(r->key, r->cert))
			report(l, &rm->cert_loc, false,
			       "remote %s: private key %s is not the one of certificate %s: "
			       "peers will refuse our signatures", rm->name, rm->key_file, rm->cert_file);
	}
	if (rm->peers_cert_type == RC_PEERCERT_X509 && rm->peers_certfile)
		r->peer_cert = get(l, K_CERT, rm->peers_certfile, &rm->peers_cert_loc, "peers_certfile",
				   NULL);
	if (rm->ca_file) {
		X509 *first = NULL;

		r->ca = get(l, K_CA, rm->ca_file, &rm->ca_loc, "CA certificate", &r->ncrl);
		/* The CR names the peer certificate's issuer, or our CA. */
		if (r->peer_cert) {
			if (ike_cert_issuer_der(r->peer_cert, &r->cr_der, &r->cr_der_len) < 0)
				r->cr_der = NULL;
		} else if (r->ca && (first = get(l, K_CERT, rm->ca_file, &rm->ca_loc, "CA certificate",
						 NULL))) {
			if (ike_cert_subject_der(first, &r->cr_der, &r->cr_der_len) < 0)
				r->cr_der = NULL;
			X509_free(first);
		}
	} else if (r->peer_cert &&
		   ike_cert_issuer_der(r->peer_cert, &r->cr_der, &r->cr_der_len) < 0) {
		r->cr_der = NULL;
	}
}

int ike_creds_load(const struct rc_conf *c, struct ike_creds **out, FILE *err)
{
	struct load l = { .c = c, .err = err };
	size_t n = 0, i = 0;

	*out = NULL;
	for (const struct rc_remote *rm = c->remotes; rm; rm = rm->next)
		n++;
	l.cr = calloc(1, sizeof(*l.cr));
	if (!l.cr || (n && !(l.cr->v = calloc(n, sizeof(*l.cr->v))))) {
		free(l.cr);
		return -ENOMEM;
	}
	l.cr->n = n;
	for (const struct rc_remote *rm = c->remotes; rm; rm = rm->next)
		load_remote(&l, rm, &l.cr->v[i++]);
	if (l.rc < 0) {
		ike_creds_free(l.cr);
		return l.rc;
	}
	*out = l.cr;
	return 0;
}

void ike_creds_free(struct ike_creds *cr)
{
	if (!cr)
		return;
	for (size_t i = 0; i < cr->n; i++)
		rcreds_clear(&cr->v[i]);
	for (size_t i = 0; i < cr->nfiles; i++) {
		obj_free(cr->files[i].kind, cr->files[i].obj);
		free(cr->files[i].path);
	}
	for (size_t i = 0; i < SEEN_CERTS; i++) {
		X509_free(cr->seen[i].x);
		free(cr->seen[i].der);
	}
	free(cr->files);
	free(cr->v);
	free(cr);
}

int ike_creds_peer_cert(struct ike_creds *cr, const uint8_t *der, size_t len, X509 **out)
{
	struct seen_cert *slot;
	uint8_t *copy;
	int rc;

	if (!cr || len > SEEN_CERT_MAX)
		return ike_cert_from_der(der, len, out);
	slot = &cr->seen[0];
	for (size_t i = 0; i < SEEN_CERTS; i++) {
		struct seen_cert *s = &cr->seen[i];

		if (s->x && s->len == len && memcmp(s->der, der, len) == 0) {
			s->used = ++cr->tick;
			X509_up_ref(s->x);
			*out = s->x;
			return 0;
		}
		if (!s->x || (slot->x && s->used < slot->used))
			slot = s;
	}
	rc = ike_cert_from_der(der, len, out);
	if (rc < 0 || !(copy = malloc(len)))
		return rc;
	memcpy(copy, der, len);
	X509_free(slot->x);
	free(slot->der);
	X509_up_ref(*out);
	*slot = (struct seen_cert){ copy, len, *out, ++cr->tick };
	return 0;
}

const struct ike_rcreds *ike_creds_find(const struct ike_creds *cr, const struct rc_remote *rm)
{
	if (!cr)
		return NULL;
	for (size_t i = 0; i < cr->n; i++)
		if (cr->v[i].rm == rm)
			return &cr->v[i];
	return NULL;
}

void ike_creds_count(const struct ike_creds *cr, unsigned *keys, unsigned *certs, unsigned *cas,
		     unsigned *crls)
{
	*keys = *certs = *cas = *crls = 0;
	for (size_t i = 0; i < cr->nfiles; i++) {
		const struct loaded *f = &cr->files[i];

		*keys += f->kind == K_KEY;
		*certs += f->kind == K_CERT;
		*cas += f->kind == K_CA;
		*crls += f->ncrl;
	}
}
