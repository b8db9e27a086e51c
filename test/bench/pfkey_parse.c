/* Bench: PF_KEY messages parsed per second (and built per second), for the
 * messages a key manager sees most: SA dumps, policy dumps, MIGRATE. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "libpfkey/convert.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_parse(const char *name, const uint8_t *msg, int len)
{
	const long n = 2000000;
	struct pfkey_msg m;
	volatile size_t sink = 0;
	double t0, dt;
	long i;

	t0 = now();
	for (i = 0; i < n; i++) {
		if (pfkey_parse(msg, (size_t)len, &m) == 0)
			sink += m.len;
	}
	dt = now() - t0;
	printf("parse %-22s %4d bytes  %10.0f msg/s  %7.1f MB/s\n", name, len, n / dt, n * (double)len / dt / 1e6);
	(void)sink;
}

int main(void)
{
	static uint8_t sa_msg[1024], sp_msg[1024], mig_msg[1024];
	struct ipsec_sa sa;
	struct ipsec_policy p;
	struct ipsec_migrate_msg mig;
	int sa_len, sp_len, mig_len;
	const long n = 2000000;
	double t0;
	long i;

	memset(&sa, 0, sizeof(sa));
	addr_parse(&sa.src, "2001:db8::1");
	addr_parse(&sa.dst, "2001:db8::2");
	sa.proto = IPSEC_PROTO_ESP;
	sa.spi = 0x12345678;
	sa.mode = IPSEC_MODE_TUNNEL;
	sa.has_enc = sa.has_auth = true;
	strcpy(sa.enc.name, "cbc(aes)");
	sa.enc.key_bits = 256;
	strcpy(sa.auth.name, "hmac(sha256)");
	sa.auth.key_bits = 256;
	sa_len = pfkey_build_sa(SADB_ADD, 1, 1, &sa, sa_msg, sizeof(sa_msg));

	memset(&p, 0, sizeof(p));
	prefix_parse(&p.sel.src, "2001:db8:1::/64");
	prefix_parse(&p.sel.dst, "2001:db8:2::/64");
	p.sel.proto = 255;
	p.dir = IPSEC_DIR_OUT;
	p.ntmpl = 1;
	p.tmpl[0].proto = IPSEC_PROTO_ESP;
	p.tmpl[0].mode = IPSEC_MODE_TUNNEL;
	addr_parse(&p.tmpl[0].src, "2001:db8::1");
	addr_parse(&p.tmpl[0].dst, "2001:db8::2");
	sp_len = pfkey_build_policy(SADB_X_SPDADD, 1, 1, &p, sp_msg, sizeof(sp_msg));

	memset(&mig, 0, sizeof(mig));
	mig.sel = p.sel;
	mig.dir = IPSEC_DIR_OUT;
	mig.nentries = 1;
	mig.entries[0].proto = IPSEC_PROTO_ESP;
	mig.entries[0].mode = IPSEC_MODE_TUNNEL;
	mig.entries[0].old_src = mig.entries[0].new_src = p.tmpl[0].src;
	mig.entries[0].old_dst = p.tmpl[0].dst;
	addr_parse(&mig.entries[0].new_dst, "2001:db8::3");
	mig.has_kmaddress = true;
	mig.kmaddress.local = p.tmpl[0].src;
	mig.kmaddress.remote = mig.entries[0].new_dst;
	mig_len = pfkey_build_migrate(0, 0, &mig, mig_msg, sizeof(mig_msg));

	if (sa_len < 0 || sp_len < 0 || mig_len < 0) {
		fprintf(stderr, "pfkey_parse bench: building the messages failed\n");
		return 1;
	}
	bench_parse("SADB_ADD (IPv6 ESP)", sa_msg, sa_len);
	bench_parse("SADB_X_SPDADD (IPv6)", sp_msg, sp_len);
	bench_parse("SADB_X_MIGRATE+KMADDR", mig_msg, mig_len);

	t0 = now();
	for (i = 0; i < n; i++)
		mig_len = pfkey_build_migrate(0, 0, &mig, mig_msg, sizeof(mig_msg));
	printf("build SADB_X_MIGRATE+KMADDR      %10.0f msg/s\n", n / (now() - t0));
	return 0;
}
