/* X.509 certificates: loading (PEM, DER), DER names, chain verification
 * against the ca_type CA file, subjectAltName extraction. */
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

int ike_cert_verify(X509 *cert, const char *ca_file, STACK_OF(X509) *untrusted, int *err)
{
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int rc = -EACCES;

	if (err)
		*err = 0;
	if (!store || !ctx) {
		rc = -ENOMEM;
		goto out;
	}
	if (!X509_STORE_load_file(store, ca_file)) {
		rc = -ENOENT;
		goto out;
	}
	if (!X509_STORE_CTX_init(ctx, store, cert, untrusted))
		goto out;
	if (X509_verify_cert(ctx) == 1)
		rc = 0;
	else if (err)
		*err = X509_STORE_CTX_get_error(ctx);
out:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
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
