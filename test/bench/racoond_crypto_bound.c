/* The crypto bound of one racoond negotiation with certificates and
 * modp2048, through libikecrypto: times N DH keypair+derive (group 14) and
 * N RSA sign+verify of a SHA-1 sized hash with KEY, and prints the
 * negotiations per second one core could complete if the crypto were the
 * only cost.  Per Main Mode + Quick Mode (PFS) each side does two DH
 * keypairs and derives, one signature, and two verifications (the peer's
 * SIG and its certificate's).
 *   racoond_crypto_bound KEY.pem [N]
 * Also times one private key file load, which racoond repeats per Phase 1.
 * Built by test/bench/racoond_negotiations.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "racoond/crypto/ikecrypto.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One DH exchange's work for one side: a key pair and the shared secret
 * with a peer's public value. */
static int dh_once(const uint8_t *peer, size_t len)
{
	struct dh_key *k = NULL;
	struct secret *gxy = NULL;
	uint8_t pub[256];
	int r;

	r = dh_generate(14, &k);
	if (r == 0)
		r = dh_public(k, pub, len);
	if (r == 0)
		r = dh_compute(k, peer, len, &gxy);
	secret_free(gxy);
	dh_free(k);
	return r;
}

int main(int argc, char **argv)
{
	struct dh_key *peer_key = NULL;
	EVP_PKEY *key = NULL;
	uint8_t peer[256], hash[20], sig[512];
	size_t len = dh_group_len(14), siglen;
	double t0, t_dh, t_sign, t_verify, t_load;
	int n = argc > 2 ? atoi(argv[2]) : 50;

	if (argc < 2 || n <= 0 || len != sizeof(peer)) {
		fprintf(stderr, "usage: racoond_crypto_bound KEY.pem [N]\n");
		return 2;
	}
	if (ike_key_load(argv[1], &key) < 0 || dh_generate(14, &peer_key) < 0 ||
	    dh_public(peer_key, peer, len) < 0) {
		fprintf(stderr, "racoond_crypto_bound: setup failed\n");
		return 1;
	}
	memset(hash, 0x5a, sizeof(hash));

	t0 = now();
	for (int i = 0; i < n; i++)
		if (dh_once(peer, len) < 0)
			return 1;
	t_dh = (now() - t0) / n;

	t0 = now();
	for (int i = 0; i < n; i++) {
		siglen = sizeof(sig);
		if (ike_rsa_sign(key, hash, sizeof(hash), sig, &siglen) < 0)
			return 1;
	}
	t_sign = (now() - t0) / n;

	t0 = now();
	for (int i = 0; i < n; i++)
		if (ike_rsa_verify(key, hash, sizeof(hash), sig, siglen) < 0)
			return 1;
	t_verify = (now() - t0) / n;

	/* racoond reads its key file again for every Phase 1 it signs. */
	t0 = now();
	for (int i = 0; i < n; i++) {
		EVP_PKEY *k = NULL;

		if (ike_key_load(argv[1], &k) < 0)
			return 1;
		EVP_PKEY_free(k);
	}
	t_load = (now() - t0) / n;

	printf("crypto: modp2048 keypair+derive %.2f ms, RSA-2048 sign %.2f ms, verify %.3f ms (N=%d)\n",
	       t_dh * 1e3, t_sign * 1e3, t_verify * 1e3, n);
	printf("crypto bound: %.1f negotiations/s per core (2 DH + 1 sign + 2 verify each)\n",
	       1.0 / (2 * t_dh + t_sign + 2 * t_verify));
	printf("private key file load (ike_key_load, PEM): %.2f ms\n", t_load * 1e3);
	dh_free(peer_key);
	EVP_PKEY_free(key);
	return 0;
}
