/* Distinguished names: string to DER and back, and comparison by meaning
 * with wildcards (racoon's asn1dn matching, minus its byte comparison). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "racoond/crypto/ikecrypto.h"

#define DN_FIELD_MAX 1024

/* Copies the next field of s, up to an unescaped sep, into out with
 * escapes removed and surrounding blanks trimmed; returns the position
 * after the separator (or the end), NULL if too long. */
static const char *next_field(const char *s, char sep, char stop, char *out, size_t cap)
{
	size_t n = 0, keep = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && *s != sep && *s != stop; s++) {
		bool esc = false;

		if (*s == '\\' && s[1]) {
			s++;
			esc = true;
		}
		if (n + 1 >= cap)
			return NULL;
		out[n++] = *s;
		if (esc || (*s != ' ' && *s != '\t'))
			keep = n;
	}
	out[keep] = '\0';
	return s;
}

int ike_dn_from_string(const char *s, uint8_t **der, size_t *len)
{
	X509_NAME *name = X509_NAME_new();
	char sep = ',';
	char key[64], val[DN_FIELD_MAX];
	unsigned char *p = NULL;
	int n, rc = -EINVAL;

	*der = NULL;
	*len = 0;
	if (!name)
		return -ENOMEM;
	while (*s == ' ')
		s++;
	/* "/C=FR/O=x" is the other common way of writing a DN. */
	if (*s == '/') {
		sep = '/';
		s++;
	}
	while (*s) {
		s = next_field(s, '=', sep, key, sizeof(key));
		if (!s || *s != '=' || !key[0])
			goto out;
		s = next_field(s + 1, sep, '\0', val, sizeof(val));
		if (!s || !val[0])
			goto out;
		if (!X509_NAME_add_entry_by_txt(name, key, MBSTRING_UTF8, (unsigned char *)val, -1,
						-1, 0))
			goto out;
		if (*s == sep)
			s++;
	}
	if (X509_NAME_entry_count(name) == 0)
		goto out;
	n = i2d_X509_NAME(name, &p);
	if (n <= 0)
		goto out;
	*der = p;
	*len = (size_t)n;
	rc = 0;
out:
	X509_NAME_free(name);
	return rc;
}

static X509_NAME *name_parse(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509_NAME *n;

	if (len == 0 || len > LONG_MAX)
		return NULL;
	n = d2i_X509_NAME(NULL, &p, (long)len);
	if (n && p != der + len) {
		X509_NAME_free(n);
		return NULL;
	}
	return n;
}

int ike_dn_to_string(const uint8_t *der, size_t len, char *buf, size_t cap)
{
	X509_NAME *name = name_parse(der, len);
	size_t o = 0;
	int rc = 0;

	if (!name)
		return -EINVAL;
	if (cap == 0) {
		X509_NAME_free(name);
		return -ENOBUFS;
	}
	buf[0] = '\0';
	for (int i = 0; rc == 0 && i < X509_NAME_entry_count(name); i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
		int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
		const char *sn = nid != NID_undef ? OBJ_nid2sn(nid) : NULL;
		char oid[80];
		unsigned char *u = NULL;
		int ul = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(e));

		if (!sn) {
			OBJ_obj2txt(oid, sizeof(oid), X509_NAME_ENTRY_get_object(e), 1);
			sn = oid;
		}
		if (ul < 0) {
			rc = -EINVAL;
			break;
		}
		if (o + strlen(sn) + 3 >= cap)
			rc = -ENOBUFS;
		else
			o += (size_t)snprintf(buf + o, cap - o, "%s%s=", i ? ", " : "", sn);
		for (int j = 0; rc == 0 && j < ul; j++) {
			bool esc = u[j] == ',' || u[j] == '\\' || u[j] == '/' || u[j] == '=' ||
				   ((j == 0 || j == ul - 1) && (u[j] == ' ' || u[j] == '\t'));

			if (o + 2 + esc >= cap) {
				rc = -ENOBUFS;
				break;
			}
			if (esc)
				buf[o++] = '\\';
			buf[o++] = (char)u[j];
			buf[o] = '\0';
		}
		OPENSSL_free(u);
	}
	X509_NAME_free(name);
	return rc;
}

/* Compares one entry of pattern with one of dn. */
static int entry_match(const X509_NAME_ENTRY *pe, const X509_NAME_ENTRY *de)
{
	unsigned char *pu = NULL, *du = NULL;
	int pl, dl, rc = -ENOENT;

	if (OBJ_cmp(X509_NAME_ENTRY_get_object(pe), X509_NAME_ENTRY_get_object(de)) != 0)
		return -ENOENT;
	pl = ASN1_STRING_to_UTF8(&pu, X509_NAME_ENTRY_get_data(pe));
	dl = ASN1_STRING_to_UTF8(&du, X509_NAME_ENTRY_get_data(de));
	if (pl < 0 || dl < 0)
		rc = -EINVAL;
	else if (pl == 1 && pu[0] == '*')
		rc = 0;
	else if (pl == dl && memcmp(pu, du, (size_t)pl) == 0)
		rc = 0;
	OPENSSL_free(pu);
	OPENSSL_free(du);
	return rc;
}

int ike_dn_match(const uint8_t *pattern, size_t plen, const uint8_t *dn, size_t dlen)
{
	X509_NAME *p = name_parse(pattern, plen), *d = name_parse(dn, dlen);
	int n, rc = 0;

	if (!p || !d) {
		rc = -EINVAL;
		goto out;
	}
	n = X509_NAME_entry_count(p);
	if (n != X509_NAME_entry_count(d)) {
		rc = -ENOENT;
		goto out;
	}
	for (int i = 0; rc == 0 && i < n; i++) {
		const X509_NAME_ENTRY *pe = X509_NAME_get_entry(p, i);
		const X509_NAME_ENTRY *de = X509_NAME_get_entry(d, i);

		/* Entries must group into the same RDNs. */
		if (i > 0) {
			bool ps = X509_NAME_ENTRY_set(pe) ==
				  X509_NAME_ENTRY_set(X509_NAME_get_entry(p, i - 1));
			bool ds = X509_NAME_ENTRY_set(de) ==
				  X509_NAME_ENTRY_set(X509_NAME_get_entry(d, i - 1));

			if (ps != ds) {
				rc = -ENOENT;
				break;
			}
		}
		rc = entry_match(pe, de);
	}
out:
	X509_NAME_free(p);
	X509_NAME_free(d);
	return rc;
}
