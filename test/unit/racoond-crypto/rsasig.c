/* Test helper for rsa_interop.sh: signs a raw hash with racoond's RSA
 * code, or verifies a signature over one with a certificate's key.
 *   rsasig sign KEY HASHFILE SIGFILE
 *   rsasig verify CERT HASHFILE SIGFILE     (exit 0 if valid, 1 if not) */
#include <stdio.h>
#include <string.h>

#include <openssl/x509.h>

#include "racoond/crypto/ikecrypto.h"

static size_t slurp(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	uint8_t hash[128], sig[1024];
	size_t hlen, siglen;

	if (argc != 5) {
		fprintf(stderr, "usage: rsasig sign|verify KEY|CERT HASHFILE SIGFILE\n");
		return 2;
	}
	hlen = slurp(argv[3], hash, sizeof(hash));
	if (!hlen)
		return 2;
	if (strcmp(argv[1], "sign") == 0) {
		EVP_PKEY *k;
		FILE *f;
		int ok;

		if (ike_key_load(argv[2], &k) < 0)
			return 2;
		siglen = sizeof(sig);
		if (ike_rsa_sign(k, hash, hlen, sig, &siglen) < 0)
			return 1;
		EVP_PKEY_free(k);
		f = fopen(argv[4], "wb");
		if (!f)
			return 2;
		ok = fwrite(sig, 1, siglen, f) == siglen;
		return fclose(f) == 0 && ok ? 0 : 2;
	}
	if (strcmp(argv[1], "verify") == 0) {
		X509 *c;
		int rc;

		if (ike_cert_load(argv[2], &c) < 0)
			return 2;
		siglen = slurp(argv[4], sig, sizeof(sig));
		rc = ike_rsa_verify(X509_get0_pubkey(c), hash, hlen, sig, siglen);
		X509_free(c);
		return rc == 0 ? 0 : 1;
	}
	return 2;
}
