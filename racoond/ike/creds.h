/* Credentials of a configuration: the private keys, certificates, peer
 * certificates and CA stores (with their CRLs) its remote sections name,
 * read once when the configuration is loaded (at start and on reload) and
 * shared by every Phase 1 run under it.  A file that cannot be used is an
 * error of the load, with its path, not of a later negotiation; a file
 * changed on disk is seen at the next reload.
 *
 * The caller owns them and hands them to the engine with their
 * configuration (ike_engine_new, ike_engine_reload), and frees them once
 * the engine has others or is freed itself. */
#ifndef RACOOND_IKE_CREDS_H
#define RACOOND_IKE_CREDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "racoond/conf/conf.h"

/* What one remote section uses (NULL / 0 where it names nothing). */
struct ike_rcreds {
	const struct rc_remote *rm;
	EVP_PKEY *key;               /* certificate_type x509's private key */
	X509 *cert;                  /* ... and certificate */
	uint8_t *cert_der;           /* its DER, the CERT payload */
	size_t cert_der_len;
	uint8_t *subject_der;        /* its subject, my_identifier asn1dn without a DN */
	size_t subject_der_len;
	X509 *peer_cert;             /* peers_certfile x509 */
	X509_STORE *ca;              /* ca_type x509, with its CRLs */
	unsigned ncrl;               /* CRLs in ca: revocation is checked when > 0 */
	uint8_t *cr_der;             /* DN of our CERTREQ: issuer of peer_cert, else CA subject */
	size_t cr_der_len;
};

struct ike_creds;

/* Loads what every remote of c names (files resolved with "path
 * certificate"; CRLs named <hash>.r<N> are looked for in that directory).
 * Each problem is printed on err as "file:line:col: error: ..." (or
 * "warning"); returns 0, -EINVAL when a file could not be used, -ENOMEM. */
int ike_creds_load(const struct rc_conf *c, struct ike_creds **out, FILE *err);
/* Frees the objects (private keys cleared).  NULL is fine. */
void ike_creds_free(struct ike_creds *cr);
/* What cr holds for remote rm, or NULL (also when cr is NULL: nothing
 * was loaded). */
const struct ike_rcreds *ike_creds_find(const struct ike_creds *cr, const struct rc_remote *rm);
/* A certificate received in a CERT payload, parsed (the caller's
 * reference): the last 32 kept parsed in cr (cr NULL: parsed each time),
 * as a peer sends the same one at every Phase 1.  Nothing is trusted by
 * being kept: every use is verified again.  0 or -EINVAL. */
int ike_creds_peer_cert(struct ike_creds *cr, const uint8_t *der, size_t len, X509 **out);
/* Counts, for the log line after a load. */
void ike_creds_count(const struct ike_creds *cr, unsigned *keys, unsigned *certs,
		     unsigned *cas, unsigned *crls);

#endif
