/* X.509 handling over certificates made by mkcerts.sh (CERTDIR): loading
 * PEM and DER, keys, chain verification against the ca_type CA, subject
 * and issuer DER, subjectAltName, and asn1dn matching of the subject. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/x509_vfy.h>

#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

static const char *path(const char *name)
{
	static char buf[4][512];
	static int i;
	const char *dir = getenv("CERTDIR");

	assert_non_null(dir);
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static X509 *load(const char *name)
{
	X509 *c;

	assert_int_equal(ike_cert_load(path(name), &c), 0);
	return c;
}

static void test_load_pem_der(void **state)
{
	X509 *pem = load("leaf.pem"), *der = load("leaf.der"), *c;
	uint8_t *a, *b;
	size_t al, bl;

	(void)state;
	assert_int_equal(ike_cert_to_der(pem, &a, &al), 0);
	assert_int_equal(ike_cert_to_der(der, &b, &bl), 0);
	assert_int_equal(al, bl);
	assert_memory_equal(a, b, al);
	assert_int_equal(ike_cert_from_der(a, al, &c), 0);
	X509_free(c);
	assert_int_equal(ike_cert_from_der(a, al - 1, &c), -EINVAL);
	assert_int_equal(ike_cert_load(path("nonexistent.pem"), &c), -ENOENT);
	assert_int_equal(ike_cert_load(path("ext.cnf"), &c), -EINVAL);
	OPENSSL_free(a);
	OPENSSL_free(b);
	X509_free(pem);
	X509_free(der);
}

static void test_key_matches_cert(void **state)
{
	X509 *c = load("leaf.pem");
	EVP_PKEY *k, *kd;
	uint8_t hash[20] = { 9, 8, 7 }, sig[512];
	size_t siglen = sizeof(sig);

	(void)state;
	assert_int_equal(ike_key_load(path("leaf.key"), &k), 0);
	assert_int_equal(ike_key_load(path("leaf.key.der"), &kd), 0);
	assert_int_equal(ike_rsa_sign(k, hash, sizeof(hash), sig, &siglen), 0);
	assert_int_equal(ike_rsa_verify(X509_get0_pubkey(c), hash, sizeof(hash), sig, siglen), 0);
	siglen = sizeof(sig);
	assert_int_equal(ike_rsa_sign(kd, hash, sizeof(hash), sig, &siglen), 0);
	assert_int_equal(ike_rsa_verify(X509_get0_pubkey(c), hash, sizeof(hash), sig, siglen), 0);
	EVP_PKEY_free(k);
	assert_true(ike_key_load(path("ext.cnf"), &k) < 0);
	assert_null(k);
	assert_int_equal(ike_key_load(path("nonexistent"), &k), -ENOENT);
	EVP_PKEY_free(kd);
	X509_free(c);
}

static X509_STORE *store(const char *ca, const char *crl_dir, unsigned want_crls)
{
	X509_STORE *st;
	unsigned n = 99;

	assert_int_equal(ike_ca_store_load(path(ca), crl_dir ? path(crl_dir) : NULL, &st, &n), 0);
	assert_int_equal(n, want_crls);
	return st;
}

static void test_verify_chain(void **state)
{
	X509 *leaf = load("leaf.pem"), *leaf2 = load("leaf2.pem"), *inter = load("inter.pem");
	X509 *rogue = load("rogueleaf.pem");
	X509_STORE *ca = store("ca.pem", NULL, 0), *rca = store("rogue.pem", NULL, 0), *none;
	STACK_OF(X509) *chain = sk_X509_new_null();
	struct ike_cert_check res;
	unsigned n;

	(void)state;
	assert_int_equal(ike_cert_verify(leaf, ca, NULL, &res), 0);
	assert_false(res.crl_missing);
	/* Same issuer name, other key: refused. */
	assert_int_equal(ike_cert_verify(rogue, ca, NULL, &res), -EACCES);
	assert_int_not_equal(res.err, X509_V_OK);
	/* Under an intermediate: refused alone, accepted with it. */
	assert_int_equal(ike_cert_verify(leaf2, ca, NULL, &res), -EACCES);
	assert_int_equal(res.err, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
	assert_non_null(chain);
	sk_X509_push(chain, inter);
	assert_int_equal(ike_cert_verify(leaf2, ca, chain, &res), 0);
	assert_int_equal(ike_cert_verify(leaf, rca, NULL, NULL), -EACCES);
	/* The store is shared: verifying again gives the same answers. */
	assert_int_equal(ike_cert_verify(leaf, ca, NULL, NULL), 0);
	assert_int_equal(ike_ca_store_load(path("nonexistent.pem"), NULL, &none, &n), -ENOENT);
	assert_null(none);
	assert_int_equal(ike_ca_store_load(path("ext.cnf"), NULL, &none, &n), -EINVAL);
	assert_null(none);
	sk_X509_free(chain);
	X509_STORE_free(ca);
	X509_STORE_free(rca);
	X509_free(leaf);
	X509_free(leaf2);
	X509_free(inter);
	X509_free(rogue);
}

/* No CRL given: revocation is not checked, and nothing says a CRL is
 * missing (racoon warned at every check). */
static void test_crl_not_asked(void **state)
{
	X509 *leaf = load("leaf.pem"), *leaf2 = load("leaf2.pem"), *inter = load("inter.pem");
	STACK_OF(X509) *chain = sk_X509_new_null();
	X509_STORE *ca = store("ca.pem", ".", 0);
	struct ike_cert_check res;

	(void)state;
	sk_X509_push(chain, inter);
	assert_int_equal(ike_cert_verify(leaf, ca, NULL, &res), 0);
	assert_false(res.crl_missing);
	assert_int_equal(ike_cert_verify(leaf2, ca, chain, &res), 0);
	assert_false(res.crl_missing);
	sk_X509_free(chain);
	X509_STORE_free(ca);
	X509_free(leaf);
	X509_free(leaf2);
	X509_free(inter);
}

/* A CRL in the CA file: checked; a CA of the chain without one is
 * accepted and reported. */
static void test_crl_in_ca_file(void **state)
{
	X509 *leaf = load("leaf.pem"), *leaf2 = load("leaf2.pem"), *inter = load("inter.pem");
	STACK_OF(X509) *chain = sk_X509_new_null();
	X509_STORE *ca = store("ca-with-crl.pem", NULL, 1);
	struct ike_cert_check res;

	(void)state;
	sk_X509_push(chain, inter);
	assert_int_equal(ike_cert_verify(leaf, ca, NULL, &res), 0);
	assert_false(res.crl_missing);
	assert_int_equal(ike_cert_verify(leaf2, ca, chain, &res), 0);
	assert_true(res.crl_missing);
	sk_X509_free(chain);
	X509_STORE_free(ca);
	X509_free(leaf);
	X509_free(leaf2);
	X509_free(inter);
}

/* A CRL under its hashed name revokes leaf; leaf2's own CA has none. */
static void test_crl_hashed_revoked(void **state)
{
	X509 *leaf = load("leaf.pem"), *rogue = load("rogueleaf.pem");
	X509_STORE *ca = store("ca.pem", "crldir", 1), *bad;
	struct ike_cert_check res;
	unsigned n;

	(void)state;
	assert_int_equal(ike_cert_verify(leaf, ca, NULL, &res), -EACCES);
	assert_int_equal(res.err, X509_V_ERR_CERT_REVOKED);
	assert_int_equal(ike_cert_verify(rogue, ca, NULL, &res), -EACCES);
	/* A file under a CRL's name that is not one: an error at load. */
	assert_int_equal(ike_ca_store_load(path("ca.pem"), path("badcrldir"), &bad, &n), -EINVAL);
	assert_null(bad);
	X509_STORE_free(ca);
	X509_free(leaf);
	X509_free(rogue);
}

static void test_subject_issuer(void **state)
{
	X509 *leaf = load("leaf.pem"), *ca = load("ca.pem");
	uint8_t *s, *i, *cs, *pat;
	size_t sl, il, csl, pl;
	char buf[256];

	(void)state;
	assert_int_equal(ike_cert_subject_der(leaf, &s, &sl), 0);
	assert_int_equal(ike_dn_to_string(s, sl, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, "
				 "CN=ha.example.org, emailAddress=ha@example.org");
	/* The issuer of the leaf is the subject of the CA (what a CR carries). */
	assert_int_equal(ike_cert_issuer_der(leaf, &i, &il), 0);
	assert_int_equal(ike_cert_subject_der(ca, &cs, &csl), 0);
	assert_int_equal(il, csl);
	assert_memory_equal(i, cs, il);
	/* Seed 000's peers_identifier pattern matches the subject. */
	assert_int_equal(ike_dn_from_string("C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, "
					    "CN=*, emailAddress=*", &pat, &pl), 0);
	assert_int_equal(ike_dn_match(pat, pl, s, sl), 0);
	assert_int_equal(ike_dn_match(pat, pl, cs, csl), -ENOENT);
	OPENSSL_free(pat);
	/* The same DN written as a string matches the certificate's encoding. */
	assert_int_equal(ike_dn_from_string(buf, &pat, &pl), 0);
	assert_int_equal(ike_dn_match(pat, pl, s, sl), 0);
	OPENSSL_free(pat);
	OPENSSL_free(s);
	OPENSSL_free(i);
	OPENSSL_free(cs);
	X509_free(leaf);
	X509_free(ca);
}

struct seen {
	int fqdn, ufqdn, v4, v6;
};

static int count_alt(uint8_t type, const uint8_t *data, size_t len, void *arg)
{
	struct seen *s = arg;

	(void)data;
	switch (type) {
	case IPSEC_ID_FQDN: s->fqdn++; assert_int_equal(len, 14); break;
	case IPSEC_ID_USER_FQDN: s->ufqdn++; break;
	case IPSEC_ID_IPV4_ADDR: s->v4++; assert_int_equal(len, 4); break;
	case IPSEC_ID_IPV6_ADDR: s->v6++; assert_int_equal(len, 16); break;
	}
	return 0;
}

static void test_altnames(void **state)
{
	X509 *leaf = load("leaf.pem"), *ca = load("ca.pem");
	struct seen s = { 0 };
	static const uint8_t v4[4] = { 192, 0, 2, 1 }, v4b[4] = { 192, 0, 2, 2 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	(void)state;
	assert_int_equal(ike_cert_altnames(leaf, count_alt, &s), 0);
	assert_int_equal(s.fqdn, 1);
	assert_int_equal(s.ufqdn, 1);
	assert_int_equal(s.v4, 1);
	assert_int_equal(s.v6, 1);
	assert_true(ike_cert_has_altname(leaf, IPSEC_ID_FQDN, (const uint8_t *)"HA.example.org",
					 14));
	assert_false(ike_cert_has_altname(leaf, IPSEC_ID_FQDN, (const uint8_t *)"ha.example.or",
					  13));
	assert_true(ike_cert_has_altname(leaf, IPSEC_ID_USER_FQDN,
					 (const uint8_t *)"ha@example.org", 14));
	assert_true(ike_cert_has_altname(leaf, IPSEC_ID_IPV4_ADDR, v4, 4));
	assert_false(ike_cert_has_altname(leaf, IPSEC_ID_IPV4_ADDR, v4b, 4));
	assert_true(ike_cert_has_altname(leaf, IPSEC_ID_IPV6_ADDR, v6, 16));
	assert_false(ike_cert_has_altname(ca, IPSEC_ID_FQDN, (const uint8_t *)"ha.example.org",
					  14));
	X509_free(leaf);
	X509_free(ca);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_pem_der),
		cmocka_unit_test(test_key_matches_cert),
		cmocka_unit_test(test_verify_chain),
		cmocka_unit_test(test_crl_not_asked),
		cmocka_unit_test(test_crl_in_ca_file),
		cmocka_unit_test(test_crl_hashed_revoked),
		cmocka_unit_test(test_subject_issuer),
		cmocka_unit_test(test_altnames),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
