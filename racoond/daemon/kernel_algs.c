/* The kernel's IPsec algorithms (see kernel_algs.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "libpfkey/pfkey.h"
#include "libpfkey/socket.h"
#include "racoond/conf/ike_ids.h"
#include "racoond/daemon/kernel_algs.h"

/* The algorithms racoon.conf can name, by IPsec DOI number, with the
 * kernel's crypto name, its inner algorithm and the key lengths of the
 * kernel's XFRM table (PF_KEY reports the same). */
struct kalg {
	unsigned doi;
	const char *name, *inner;
	uint16_t min_bits, max_bits;
};

static const struct kalg esp_algs[] = {
	{ IPSEC_ESP_DES, "cbc(des)", "des", 64, 64 },
	{ IPSEC_ESP_3DES, "cbc(des3_ede)", "des3_ede", 192, 192 },
	{ IPSEC_ESP_CAST, "cbc(cast5)", "cast5", 40, 128 },
	{ IPSEC_ESP_BLOWFISH, "cbc(blowfish)", "blowfish", 40, 448 },
	{ IPSEC_ESP_NULL, "ecb(cipher_null)", "cipher_null", 0, 0 },
	{ IPSEC_ESP_AES, "cbc(aes)", "aes", 128, 256 },
	{ IPSEC_ESP_CAMELLIA, "cbc(camellia)", "camellia", 128, 256 },
	{ IPSEC_ESP_TWOFISH, "cbc(twofish)", "twofish", 128, 256 },
};

static const struct kalg auth_algs[] = {
	{ IPSEC_AUTH_HMAC_MD5, "hmac(md5)", "md5", 128, 128 },
	{ IPSEC_AUTH_HMAC_SHA1, "hmac(sha1)", "sha1", 160, 160 },
	{ IPSEC_AUTH_HMAC_SHA256, "hmac(sha256)", "sha256", 256, 256 },
	{ IPSEC_AUTH_HMAC_SHA384, "hmac(sha384)", "sha384", 384, 384 },
	{ IPSEC_AUTH_HMAC_SHA512, "hmac(sha512)", "sha512", 512, 512 },
};

static const struct kalg comp_algs[] = {
	{ IPSEC_IPCOMP_DEFLATE, "deflate", "deflate", 0, 0 },
	{ IPSEC_IPCOMP_LZS, "lzs", "lzs", 0, 0 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* PF_KEY's authentication numbers are the AH transform ids. */
static int auth_of_sadb(unsigned id)
{
	switch (id) {
	case SADB_AALG_MD5HMAC: return IPSEC_AUTH_HMAC_MD5;
	case SADB_AALG_SHA1HMAC: return IPSEC_AUTH_HMAC_SHA1;
	case SADB_X_AALG_SHA2_256HMAC: return IPSEC_AUTH_HMAC_SHA256;
	case SADB_X_AALG_SHA2_384HMAC: return IPSEC_AUTH_HMAC_SHA384;
	case SADB_X_AALG_SHA2_512HMAC: return IPSEC_AUTH_HMAC_SHA512;
	default: return -1;
	}
}

void rd_kalgs_from_pfkey(const struct pfkey_msg *reply, struct rc_kernel_algs *k)
{
	const struct sadb_supported *enc = reply->supported_encrypt, *auth = reply->supported_auth;

	memset(k, 0, sizeof(*k));
	/* The encryption numbers of PF_KEY are the ESP transform ids. */
	for (size_t i = 0; enc && i < pfkey_supported_count(enc); i++) {
		const struct sadb_alg *a = pfkey_supported_alg(enc, i);

		/* esp[] has a slot for every 8-bit id. */
		k->esp[a->sadb_alg_id] = (struct rc_kernel_alg){ true, a->sadb_alg_minbits,
								 a->sadb_alg_maxbits };
	}
	for (size_t i = 0; auth && i < pfkey_supported_count(auth); i++) {
		const struct sadb_alg *a = pfkey_supported_alg(auth, i);
		int id = auth_of_sadb(a->sadb_alg_id);

		if (id > 0)
			k->auth[id] = (struct rc_kernel_alg){ true, a->sadb_alg_minbits,
							      a->sadb_alg_maxbits };
	}
	for (size_t i = 0; i < N(comp_algs); i++)
		k->ipcomp[comp_algs[i].doi].present = true;
}

/* "name : X" lines of /proc/crypto. */
static bool in_proc(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *v;

		if (strncmp(p, "name", 4) != 0)
			continue;
		v = p + 4;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v++ != ':')
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strncmp(v, name, n) == 0 && (v[n] == '\n' || v[n] == '\0' || v[n] == ' '))
			return true;
	}
	return false;
}

/* "alias crypto-NAME module" lines of modules.alias. */
static bool in_alias(const char *text, const char *name)
{
	char want[80];
	int n = snprintf(want, sizeof(want), "alias crypto-%s ", name);

	if (!text || n < 0 || (size_t)n >= sizeof(want))
		return false;
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, want, (size_t)n) == 0)
			return true;
	return false;
}

static void from_crypto(const struct kalg *t, size_t n, struct rc_kernel_alg *out, size_t cap,
			const char *proc, const char *alias)
{
	for (size_t i = 0; i < n; i++) {
		bool have = in_proc(proc, t[i].name) || in_proc(proc, t[i].inner) ||
			    in_alias(alias, t[i].name) || in_alias(alias, t[i].inner);

		if (have && t[i].doi < cap)
			out[t[i].doi] = (struct rc_kernel_alg){ true, t[i].min_bits, t[i].max_bits };
	}
}

void rd_kalgs_from_crypto(const char *proc_crypto, const char *modules_alias,
			  struct rc_kernel_algs *k)
{
	memset(k, 0, sizeof(*k));
	from_crypto(esp_algs, N(esp_algs), k->esp, N(k->esp), proc_crypto, modules_alias);
	from_crypto(auth_algs, N(auth_algs), k->auth, N(k->auth), proc_crypto, modules_alias);
	from_crypto(comp_algs, N(comp_algs), k->ipcomp, N(k->ipcomp), proc_crypto, modules_alias);
}

/* A whole (small) text file, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	m = open_memstream(&buf, &len);
	if (!m) {
		fclose(f);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	fclose(f);
	if (fclose(m) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int from_pfkey(struct rc_kernel_algs *k)
{
	struct pfkey_sock s;
	struct pfkey_msg reply;
	int rc = pfkey_open(&s);

	if (rc < 0)
		return rc;
	rc = pfkey_register(&s, SADB_SATYPE_ESP, &reply);
	if (rc == 0)
		rd_kalgs_from_pfkey(&reply, k);
	pfkey_close(&s);
	return rc;
}

static int from_files(struct rc_kernel_algs *k)
{
	char path[300];
	struct utsname u;
	char *proc = slurp("/proc/crypto"), *alias = NULL;

	if (!proc)
		return -ENOENT;
	if (uname(&u) == 0 &&
	    (size_t)snprintf(path, sizeof(path), "/lib/modules/%s/modules.alias", u.release) < sizeof(path))
		alias = slurp(path);
	rd_kalgs_from_crypto(proc, alias, k);
	free(proc);
	free(alias);
	return 0;
}

int rd_kernel_algs(enum km_backend backend, struct rc_kernel_algs *k)
{
	int rc;

	if (backend == KM_BACKEND_XFRM)
		return from_files(k);
	rc = from_pfkey(k);
	if (backend == KM_BACKEND_AUTO && (rc == -EAFNOSUPPORT || rc == -EPROTONOSUPPORT))
		rc = from_files(k);
	return rc;
}
