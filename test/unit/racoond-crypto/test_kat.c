/* Known answers for racoond/crypto against fixtures.txt, which
 * gen_fixtures.py computed with python3-cryptography: MODP primes, DH
 * public values and shared secrets, the SKEYID chain for signatures and
 * pre-shared keys, the expanded encryption key, phase 1 and quick mode
 * IVs, HASH_I/HASH_R, CBC, NAT-D, HASH(1)/(2)/(3) and KEYMAT with and without PFS. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/addr.h"
#include "racoond/isakmp/isakmp.h"
#include "racoond/crypto/ikecrypto.h"

#define MAX_FIELDS 64
#define MAX_CASES 32

struct field {
	char key[32];
	char *val;
};
struct kcase {
	char name[64];
	size_t n;
	struct field f[MAX_FIELDS];
};

static struct kcase cases[MAX_CASES];
static size_t ncases;

static void load_fixtures(void)
{
	FILE *fp = fopen(FIXTURES, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	struct kcase *c = NULL;

	assert_non_null(fp);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *sp;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (strncmp(line, "[case ", 6) == 0) {
			assert_true(ncases < MAX_CASES);
			c = &cases[ncases++];
			snprintf(c->name, sizeof(c->name), "%.*s", (int)(len - 7), line + 6);
			continue;
		}
		assert_non_null(c);
		sp = strchr(line, ' ');
		assert_non_null(sp);
		*sp = '\0';
		assert_true(c->n < MAX_FIELDS);
		snprintf(c->f[c->n].key, sizeof(c->f[c->n].key), "%s", line);
		c->f[c->n].val = strdup(sp + 1);
		c->n++;
	}
	free(line);
	fclose(fp);
}

static const char *get(const struct kcase *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->f[i].key, key) == 0)
			return c->f[i].val;
	return NULL;
}

static unsigned num(const struct kcase *c, const char *key)
{
	const char *v = get(c, key);

	assert_non_null(v);
	return (unsigned)strtoul(v, NULL, 10);
}

/* Decodes a hex field into a new buffer (caller frees). */
static uint8_t *hex(const struct kcase *c, const char *key, size_t *len)
{
	const char *v = get(c, key);
	size_t n;
	uint8_t *b;

	assert_non_null(v);
	n = strlen(v) / 2;
	b = malloc(n ? n : 1);
	assert_non_null(b);
	for (size_t i = 0; i < n; i++) {
		unsigned x;

		assert_int_equal(sscanf(v + 2 * i, "%2x", &x), 1);
		b[i] = (uint8_t)x;
	}
	*len = n;
	return b;
}

static void expect(const struct kcase *c, const char *key, const uint8_t *got, size_t len)
{
	size_t n;
	uint8_t *want = hex(c, key, &n);

	if (n != len || memcmp(want, got, n) != 0)
		fail_msg("%s: %s differs", c->name, key);
	free(want);
}

static void test_primes(void **state)
{
	size_t seen = 0;

	(void)state;
	for (size_t i = 0; i < ncases; i++) {
		const struct kcase *c = &cases[i];
		unsigned g;
		uint8_t *p;
		size_t len;

		if (strncmp(c->name, "prime-", 6) != 0)
			continue;
		g = num(c, "group");
		assert_true(dh_group_known(g));
		assert_int_equal(dh_group_len(g), strlen(get(c, "prime")) / 2);
		p = malloc(dh_group_len(g));
		assert_non_null(p);
		assert_int_equal(dh_group_prime(g, p, dh_group_len(g)), 0);
		expect(c, "prime", p, dh_group_len(g));
		free(p);
		seen++;
		(void)len;
	}
	assert_int_equal(seen, 8);
	assert_false(dh_group_known(3));
	assert_false(dh_group_known(19));
}

/* One algorithm set: everything from the DH values to KEYMAT. */
static void run_case(const struct kcase *c)
{
	unsigned group = num(c, "group"), hash = num(c, "hash"), enc = num(c, "enc");
	size_t bs = num(c, "bs"), hl = ike_hash_len(hash), glen = dh_group_len(group);
	size_t xl, n, nil, nrl, gl, sl, il, pl, r1l, r2l, qnil, qnrl;
	uint8_t *xi = hex(c, "xi", &xl), *xr, *gxi = hex(c, "gxi", &gl), *gxr = hex(c, "gxr", &gl);
	uint8_t *ni = hex(c, "ni", &nil), *nr = hex(c, "nr", &nrl);
	uint8_t *icky = hex(c, "icky", &n), *rcky = hex(c, "rcky", &n);
	uint8_t *sai = hex(c, "sai", &sl), *idii = hex(c, "idii", &il), *idir;
	uint8_t *plain = hex(c, "plain", &pl), *p1_last = hex(c, "p1_last", &n);
	uint8_t *rest1 = hex(c, "rest1", &r1l), *rest2 = hex(c, "rest2", &r2l);
	uint8_t *qni = hex(c, "qni", &qnil), *qnr = hex(c, "qnr", &qnrl), *psk = NULL, *qxi, *qgxr;
	uint8_t *pub = malloc(glen), buf[512], iv[16], out[64];
	struct dh_key *ki, *kr, *qk;
	struct secret *gxy, *gxy2, *qgxy, *km;
	struct ike_p1_keys keys;
	struct ike_p1_input in = { 0 };
	struct ike_auth_input ai = { 0 };
	size_t psk_len = 0, idrl;

	assert_non_null(pub);
	assert_int_equal(gl, glen);
	xr = hex(c, "xr", &xl);
	idir = hex(c, "idir", &idrl);

	/* Diffie-Hellman both ways. */
	assert_int_equal(dh_from_private(group, xi, xl, &ki), 0);
	assert_int_equal(dh_from_private(group, xr, xl, &kr), 0);
	assert_int_equal(dh_public(ki, pub, glen), 0);
	expect(c, "gxi", pub, glen);
	assert_int_equal(dh_public(kr, pub, glen), 0);
	expect(c, "gxr", pub, glen);
	assert_int_equal(dh_compute(ki, gxr, glen, &gxy), 0);
	expect(c, "gxy", gxy->data, gxy->len);
	assert_int_equal(dh_compute(kr, gxi, glen, &gxy2), 0);
	expect(c, "gxy", gxy2->data, gxy2->len);

	/* SKEYID chain and encryption key. */
	if (num(c, "auth") == OAKLEY_AUTH_PSK) {
		psk = hex(c, "psk", &psk_len);
		in.auth = IKE_AUTH_PSK;
	} else {
		in.auth = IKE_AUTH_SIG;
	}
	in.hash = hash;
	in.psk = psk;
	in.psk_len = psk_len;
	in.ni = ni;
	in.ni_len = nil;
	in.nr = nr;
	in.nr_len = nrl;
	in.icookie = icky;
	in.rcookie = rcky;
	in.gxy = gxy;
	in.enc_key_len = (size_t)ike_cipher_key_len(enc, num(c, "keybits"));
	assert_int_equal(ike_p1_keys_derive(&in, &keys), 0);
	expect(c, "skeyid", keys.skeyid->data, keys.skeyid->len);
	expect(c, "skeyid_d", keys.skeyid_d->data, keys.skeyid_d->len);
	expect(c, "skeyid_a", keys.skeyid_a->data, keys.skeyid_a->len);
	expect(c, "skeyid_e", keys.skeyid_e->data, keys.skeyid_e->len);
	expect(c, "enc_key", keys.enc_key->data, keys.enc_key->len);

	/* Phase 1 IV, HASH_I, HASH_R. */
	assert_int_equal(ike_iv_phase1(hash, gxi, glen, gxr, glen, bs, iv), 0);
	expect(c, "iv1", iv, bs);
	ai.hash = hash;
	ai.skeyid = keys.skeyid;
	ai.gxi = gxi;
	ai.gxr = gxr;
	ai.gx_len = glen;
	ai.icookie = icky;
	ai.rcookie = rcky;
	ai.sai_b = sai;
	ai.sai_len = sl;
	ai.id_b = idii;
	ai.id_len = il;
	assert_int_equal(ike_hash_i(&ai, out), 0);
	expect(c, "hash_i", out, hl);
	ai.id_b = idir;
	ai.id_len = idrl;
	assert_int_equal(ike_hash_r(&ai, out), 0);
	expect(c, "hash_r", out, hl);

	/* CBC with the phase 1 key and IV, then back. */
	assert_true(pl <= sizeof(buf));
	assert_int_equal(ike_cbc_encrypt(enc, keys.enc_key->data, keys.enc_key->len, iv, plain, buf,
					 pl), 0);
	expect(c, "cipher", buf, pl);
	assert_memory_equal(iv, buf + pl - bs, bs);
	assert_int_equal(ike_iv_phase1(hash, gxi, glen, gxr, glen, bs, iv), 0);
	assert_int_equal(ike_cbc_decrypt(enc, keys.enc_key->data, keys.enc_key->len, iv, buf, buf,
					 pl), 0);
	assert_memory_equal(buf, plain, pl);

	/* NAT-D over an IPv4 and an IPv6 endpoint. */
	{
		struct ip_addr a;

		assert_int_equal(addr_parse(&a, "192.0.2.1"), 0);
		assert_int_equal(ike_natd_hash(hash, icky, rcky, &a, 500, out), 0);
		expect(c, "natd4", out, hl);
		assert_int_equal(addr_parse(&a, "2001:db8::1"), 0);
		assert_int_equal(ike_natd_hash(hash, icky, rcky, &a, 4500, out), 0);
		expect(c, "natd6", out, hl);
	}

	/* Quick mode. */
	assert_int_equal(ike_iv_msgid(hash, p1_last, bs, num(c, "msgid"), iv), 0);
	expect(c, "qm_iv", iv, bs);
	assert_int_equal(ike_qm_hash1(hash, keys.skeyid_a, num(c, "msgid"), rest1, r1l, out), 0);
	expect(c, "hash1", out, hl);
	assert_int_equal(ike_qm_hash2(hash, keys.skeyid_a, num(c, "msgid"), qni, qnil, rest2, r2l,
				      out), 0);
	expect(c, "hash2", out, hl);
	assert_int_equal(ike_qm_hash3(hash, keys.skeyid_a, num(c, "msgid"), qni, qnil, qnr, qnrl,
				      out), 0);
	expect(c, "hash3", out, hl);
	assert_int_equal(ike_keymat(hash, keys.skeyid_d, NULL, (uint8_t)num(c, "proto"),
				    (uint32_t)strtoul(get(c, "spi"), NULL, 10), qni, qnil, qnr, qnrl,
				    num(c, "keymat_len"), &km), 0);
	expect(c, "keymat", km->data, km->len);
	secret_free(km);
	qxi = hex(c, "qxi", &xl);
	qgxr = hex(c, "qgxr", &n);
	assert_int_equal(dh_from_private(group, qxi, xl, &qk), 0);
	assert_int_equal(dh_compute(qk, qgxr, n, &qgxy), 0);
	expect(c, "qgxy", qgxy->data, qgxy->len);
	assert_int_equal(ike_keymat(hash, keys.skeyid_d, qgxy, (uint8_t)num(c, "proto"),
				    (uint32_t)strtoul(get(c, "spi"), NULL, 10), qni, qnil, qnr, qnrl,
				    num(c, "keymat_len"), &km), 0);
	expect(c, "keymat_pfs", km->data, km->len);

	secret_free(km);
	secret_free(qgxy);
	dh_free(qk);
	ike_p1_keys_free(&keys);
	secret_free(gxy);
	secret_free(gxy2);
	dh_free(ki);
	dh_free(kr);
	free(xi); free(xr); free(gxi); free(gxr); free(ni); free(nr); free(icky); free(rcky);
	free(sai); free(idii); free(idir); free(plain); free(p1_last); free(rest1); free(rest2);
	free(qni); free(qnr); free(psk); free(qxi); free(qgxr); free(pub);
}

static void test_cases(void **state)
{
	size_t seen = 0, psk = 0, sig = 0;

	(void)state;
	for (size_t i = 0; i < ncases; i++) {
		if (strncmp(cases[i].name, "prime-", 6) == 0)
			continue;
		run_case(&cases[i]);
		if (num(&cases[i], "auth") == OAKLEY_AUTH_PSK)
			psk++;
		else
			sig++;
		seen++;
	}
	assert_true(seen >= 8);
	assert_true(psk >= 2 && sig >= 2);
}

static int setup(void **state)
{
	(void)state;
	load_fixtures();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primes),
		cmocka_unit_test(test_cases),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
