/* X.509 certificates: loading (PEM, DER), DER names, the ca_type CA store
 * (with its CRLs), chain verification, subjectAltName extraction. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

int ike_cert_load(const char *path, X509 **cert)
{
	BIO *b = BIO_new_file(path, "rb");

	*cert = NULL;
	if (!b)
		return -ENOENT;
	*cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	if (!*cert) {
		/* Not PEM: forget that error and try DER. */
		ERR_clear_error();
		(void)BIO_reset(b);
		*cert = d2i_X509_bio(b, NULL);
	}
	BIO_free(b);
	return *cert ? 0 : -EINVAL;
}

int ike_cert_from_der(const uint8_t *der, size_t len, X509 **cert)
{
	const unsigned char *p = der;

	if (len > LONG_MAX)
		return -EINVAL;
	*cert = d2i_X509(NULL, &p, (long)len);
	if (*cert && p != der + len) {
		X509_free(*cert);
		*cert = NULL;
	}
	return *cert ? 0 : -EINVAL;
}

int ike_cert_to_der(X509 *cert, uint8_t **der, size_t *len)
{
	unsigned char *p = NULL;
	int n = i2d_X509(cert, &p);

	if (n <= 0)
		return -EINVAL;
	*der = p;
	*len = (size_t)n;
	return 0;
}

static int name_der(const X509_NAME *name, uint8_t **der, size_t *len)
{
	unsigned char *p = NULL;
	int n = i2d_X509_NAME(name, &p);

	if (n <= 0)
		return -EINVAL;
	*der = p;
	*len = (size_t)n;
	return 0;
}

int ike_cert_subject_der(X509 *cert, uint8_t **der, size_t *len)
{
	return name_der(X509_get_subject_name(cert), der, len);
}

int ike_cert_issuer_der(X509 *cert, uint8_t **der, size_t *len)
{
	return name_der(X509_get_issuer_name(cert), der, len);
}

/* CRLs named as c_rehash names them, <subject hash of the CA>.r<N>, in
 * dir, for every CA of the store. */
static int load_hashed_crls(X509_STORE *store, const char *dir, unsigned *ncrl)
{
	STACK_OF(X509) *cas = X509_STORE_get1_all_certs(store);
	int rc = 0;

	if (!cas)
		return -ENOMEM;
	for (int i = 0; rc == 0 && i < sk_X509_num(cas); i++) {
		X509 *ca = sk_X509_value(cas, i);
		unsigned long h;
		int ok = 0;

		if (!ca)
			continue;
		h = X509_NAME_hash_ex(X509_get_subject_name(ca), NULL, NULL, &ok);
		if (!ok)
			continue;
		for (unsigned n = 0; rc == 0; n++) {
			char path[PATH_MAX];
			int c;

			if (snprintf(path, sizeof(path), "%s/%08lx.r%u", dir, h, n) >= (int)sizeof(path))
				break;
			c = X509_load_crl_file(X509_STORE_add_lookup(store, X509_LOOKUP_file()), path,
					       X509_FILETYPE_PEM);
			if (c <= 0) {
				/* Absent: the numbering stops.  Present but not
				 * a CRL: an error of the configuration. */
				FILE *f = fopen(path, "r");

				if (f) {
					fclose(f);
					rc = -EINVAL;
				}
				ERR_clear_error();
				break;
			}
			*ncrl += (unsigned)c;
		}
	}
	sk_X509_pop_free(cas, X509_free);
	return rc;
}

static unsigned count_crls(X509_STORE *store)
{
	/* Still filling the store: nothing else uses it yet. */
	STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(store);
	unsigned n = 0;

	for (int i = 0; objs && i < sk_X509_OBJECT_num(objs); i++)
		n += X509_OBJECT_get_type(sk_X509_OBJECT_value(objs, i)) == X509_LU_CRL;
	return n;
}

int ike_ca_store_load(const char *ca_file, const char *crl_dir, X509_STORE **out, unsigned *ncrl)
{
	X509_STORE *store = X509_STORE_new();
	FILE *f;
	int rc;

	*out = NULL;
	*ncrl = 0;
	if (!store)
		return -ENOMEM;
	f = fopen(ca_file, "r");
	if (!f) {
		rc = -errno;
		goto fail;
	}
	fclose(f);
	/* The file's certificates and any CRL written in it. */
	if (!X509_STORE_load_file(store, ca_file)) {
		rc = -EINVAL;
		goto fail;
	}
	*ncrl = count_crls(store);
	if (crl_dir && (rc = load_hashed_crls(store, crl_dir, ncrl)) < 0)
		goto fail;
	/* Revocation is checked only when CRLs were given: then every CA
	 * of the chain must have one (a missing one is the caller's
	 * warning, see ike_cert_verify). */
	if (*ncrl && !X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL)) {
		rc = -ENOMEM;
		goto fail;
	}
	*out = store;
	return 0;
fail:
	X509_STORE_free(store);
	*ncrl = 0;
	return rc;
}

/* A CA without a CRL while others have one: accepted, and told. */
static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
	struct ike_cert_check *res = X509_STORE_CTX_get_app_data(ctx);

	if (!ok && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_UNABLE_TO_GET_CRL) {
		if (res)
			res->crl_missing = true;
		return 1;
	}
	return ok;
}

int ike_cert_verify(X509 *cert, X509_STORE *store, STACK_OF(X509) *untrusted,
		    struct ike_cert_check *res)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int rc = -EACCES;

	if (res)
		*res = (struct ike_cert_check){ 0 };
	if (!ctx)
		return -ENOMEM;
	if (!X509_STORE_CTX_init(ctx, store, cert, untrusted))
		goto out;
	X509_STORE_CTX_set_app_data(ctx, res);
	X509_STORE_CTX_set_verify_cb(ctx, verify_cb);
	if (X509_verify_cert(ctx) == 1)
		rc = 0;
	else if (res)
		res->err = X509_STORE_CTX_get_error(ctx);
out:
	X509_STORE_CTX_free(ctx);
	return rc;
}

int ike_cert_altnames(X509 *cert, ike_altname_fn fn, void *arg)
{
	GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	int rc = 0;

	if (!names)
		return 0;
	for (int i = 0; rc == 0 && i < sk_GENERAL_NAME_num(names); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
		const ASN1_STRING *s;
		uint8_t type;

		switch (g->type) {
		case GEN_DNS:
			type = IPSEC_ID_FQDN;
			s = g->d.dNSName;
			break;
		case GEN_EMAIL:
			type = IPSEC_ID_USER_FQDN;
			s = g->d.rfc822Name;
			break;
		case GEN_IPADD:
			s = g->d.iPAddress;
			if (ASN1_STRING_length(s) == 4)
				type = IPSEC_ID_IPV4_ADDR;
			else if (ASN1_STRING_length(s) == 16)
				type = IPSEC_ID_IPV6_ADDR;
			else
				continue;
			break;
		default:
			continue;
		}
		rc = fn(type, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s), arg);
	}
	GENERAL_NAMES_free(names);
	return rc;
}

struct altname_want {
	uint8_t type;
	const uint8_t *data;
	size_t len;
};

static int altname_eq(uint8_t type, const uint8_t *data, size_t len, void *arg)
{
	const struct altname_want *w = arg;

	if (type != w->type || len != w->len)
		return 0;
	if (type == IPSEC_ID_FQDN || type == IPSEC_ID_USER_FQDN) {
		for (size_t i = 0; i < len; i++) {
			unsigned char a = data[i], b = w->data[i];

			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b + 32);
			if (a != b)
				return 0;
		}
		return 1;
	}
	return memcmp(data, w->data, len) == 0;
}

bool ike_cert_has_altname(X509 *cert, uint8_t id_type, const uint8_t *data, size_t len)
{
	struct altname_want w = { id_type, data, len };

	return ike_cert_altnames(cert, altname_eq, &w) == 1;
}
