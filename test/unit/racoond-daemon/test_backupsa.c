/* path backupsa: the line codec (round trips, each class of malformed
 * line), the lifetimes at restore, and the file (append 0600, compaction
 * dropping expired, deleted and malformed lines, install order). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "racoond/daemon/backupsa.h"

static struct ipsec_sa esp_sa(uint32_t spi)
{
	struct ipsec_sa sa = { 0 };

	addr_parse(&sa.src, "2001:db8:1::10");
	addr_parse(&sa.dst, "2001:db8:ffff::1000");
	sa.spi = spi;
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = IPSEC_MODE_TUNNEL;
	sa.reqid = 16385;
	sa.replay_window = 4;
	sa.flags = 0;
	sa.soft.add_seconds = 2880;
	sa.hard.add_seconds = 3600;
	sa.hard.bytes = 1000000;
	sa.has_enc = true;
	strcpy(sa.enc.name, "cbc(aes)");
	sa.enc.key_bits = 128;
	for (int i = 0; i < 16; i++)
		sa.enc.key[i] = (uint8_t)(i * 17);
	sa.has_auth = true;
	strcpy(sa.auth.name, "hmac(sha1)");
	sa.auth.key_bits = 160;
	sa.auth.icv_bits = 96;
	for (int i = 0; i < 20; i++)
		sa.auth.key[i] = (uint8_t)(0xa0 + i);
	return sa;
}

static void assert_sa_equal(const struct ipsec_sa *a, const struct ipsec_sa *b)
{
	assert_true(addr_eq(&a->src, &b->src));
	assert_true(addr_eq(&a->dst, &b->dst));
	assert_int_equal(a->spi, b->spi);
	assert_int_equal(a->proto, b->proto);
	assert_int_equal(a->mode, b->mode);
	assert_int_equal(a->reqid, b->reqid);
	assert_int_equal(a->replay_window, b->replay_window);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->soft.add_seconds, b->soft.add_seconds);
	assert_int_equal(a->hard.add_seconds, b->hard.add_seconds);
	assert_int_equal(a->soft.bytes, b->soft.bytes);
	assert_int_equal(a->hard.bytes, b->hard.bytes);
	assert_int_equal(a->encap_sport, b->encap_sport);
	assert_int_equal(a->encap_dport, b->encap_dport);
	assert_int_equal(a->has_enc, b->has_enc);
	assert_int_equal(a->has_auth, b->has_auth);
	assert_int_equal(a->has_aead, b->has_aead);
	assert_int_equal(a->has_comp, b->has_comp);
	assert_memory_equal(&a->enc, &b->enc, sizeof(a->enc));
	assert_memory_equal(&a->auth, &b->auth, sizeof(a->auth));
	assert_memory_equal(&a->aead, &b->aead, sizeof(a->aead));
	assert_string_equal(a->comp.name, b->comp.name);
}

static void test_round_trip_esp(void **state)
{
	struct ipsec_sa sa = esp_sa(0xc0ffee01);
	struct bsa_entry e;
	char line[2048];
	int n;

	(void)state;
	sa.encap_sport = 4500;
	sa.encap_dport = 4500;
	n = bsa_format_sa(&sa, 1763900000, line, sizeof(line));
	assert_true(n > 0);
	assert_int_equal((size_t)n, strlen(line));
	assert_int_equal(line[n - 1], '\n');
	assert_non_null(strstr(line, "sa 1763900000 2001:db8:1::10 2001:db8:ffff::1000 esp 0xc0ffee01 "
				     "tunnel 16385 4 0 2880 3600 0 1000000 4500 4500 "
				     "enc=cbc(aes):128:00112233445566778899aabbccddeeff "
				     "auth=hmac(sha1):160:96:a0a1a2a3"));
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_SA);
	assert_int_equal(e.type, BSA_LINE_SA);
	assert_int_equal(e.when, 1763900000);
	assert_sa_equal(&e.sa, &sa);
	/* Without its newline too. */
	line[n - 1] = '\0';
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_SA);
	assert_sa_equal(&e.sa, &sa);
	/* Too small a buffer: refused, nothing half written kept. */
	assert_int_equal(bsa_format_sa(&sa, 1, line, 40), -ENOBUFS);
	assert_int_equal(line[0], '\0');
}

static void test_round_trip_aead_comp_null(void **state)
{
	struct ipsec_sa sa = { 0 };
	struct bsa_entry e;
	char line[2048];

	(void)state;
	addr_parse(&sa.src, "192.0.2.1");
	addr_parse(&sa.dst, "192.0.2.2");
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = IPSEC_MODE_TRANSPORT;
	sa.spi = 0x100;
	sa.has_aead = true;
	strcpy(sa.aead.name, "rfc4106(gcm(aes))");
	sa.aead.key_bits = 160;
	sa.aead.icv_bits = 128;
	memset(sa.aead.key, 0x5a, 20);
	assert_true(bsa_format_sa(&sa, 7, line, sizeof(line)) > 0);
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_SA);
	assert_sa_equal(&e.sa, &sa);

	/* Null encryption: an empty key. */
	memset(&sa.aead, 0, sizeof(sa.aead));
	sa.has_aead = false;
	sa.has_enc = true;
	strcpy(sa.enc.name, "ecb(cipher_null)");
	assert_true(bsa_format_sa(&sa, 7, line, sizeof(line)) > 0);
	assert_non_null(strstr(line, " enc=ecb(cipher_null):0:\n"));
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_SA);
	assert_sa_equal(&e.sa, &sa);

	/* IPComp: an algorithm without a key. */
	memset(&sa, 0, sizeof(sa));
	addr_parse(&sa.src, "192.0.2.1");
	addr_parse(&sa.dst, "192.0.2.2");
	sa.proto = IPSEC_PROTO_IPCOMP;
	sa.mode = IPSEC_MODE_TUNNEL;
	sa.spi = 0x4242;
	sa.has_comp = true;
	strcpy(sa.comp.name, "deflate");
	assert_true(bsa_format_sa(&sa, 7, line, sizeof(line)) > 0);
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_SA);
	assert_sa_equal(&e.sa, &sa);
}

static void test_del_and_comments(void **state)
{
	struct bsa_entry e;
	struct ip_addr dst;
	char line[256];

	(void)state;
	addr_parse(&dst, "2001:db8::2");
	assert_true(bsa_format_del(&dst, IPSEC_PROTO_AH, 0xdeadbeef, 99, line, sizeof(line)) > 0);
	assert_string_equal(line, "del 99 2001:db8::2 ah 0xdeadbeef\n");
	assert_int_equal(bsa_parse(line, &e), BSA_LINE_DEL);
	assert_int_equal(e.when, 99);
	assert_true(addr_eq(&e.sa.dst, &dst));
	assert_int_equal(e.sa.proto, IPSEC_PROTO_AH);
	assert_int_equal(e.sa.spi, 0xdeadbeef);
	assert_int_equal(bsa_parse("# a comment sa 1 2\n", &e), BSA_LINE_NONE);
	assert_int_equal(bsa_parse("\n", &e), BSA_LINE_NONE);
	assert_int_equal(bsa_parse("", &e), BSA_LINE_NONE);
	assert_int_equal(bsa_format_del(&dst, IPSEC_PROTO_AH, 1, 1, line, 10), -ENOBUFS);
}

#define GOOD "sa 10 192.0.2.1 192.0.2.2 esp 0x00001000 transport 0 4 0 80 100 0 0 0 0"

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"xx 10 192.0.2.1",                                       /* keyword */
		"sa 10 192.0.2.1 192.0.2.2 esp 0x1000 transport 0 4 0 80 100 0 0 0",  /* short */
		"sa 10 192.0.2.300 192.0.2.2 esp 0x1000 transport 0 4 0 80 100 0 0 0 0",
		"sa 10 192.0.2.1 2001:db8::2 esp 0x1000 transport 0 4 0 80 100 0 0 0 0", /* families */
		"sa 10 192.0.2.1 192.0.2.2 routing 0x1000 transport 0 4 0 80 100 0 0 0 0",
		"sa 10 192.0.2.1 192.0.2.2 esp 1000 transport 0 4 0 80 100 0 0 0 0",  /* no 0x */
		"sa 10 192.0.2.1 192.0.2.2 esp 0x100000000 transport 0 4 0 80 100 0 0 0 0",
		"sa 10 192.0.2.1 192.0.2.2 esp 0x1000 sideways 0 4 0 80 100 0 0 0 0",
		"sa 10 192.0.2.1 192.0.2.2 esp 0x1000 transport 0 256 0 80 100 0 0 0 0", /* replay */
		"sa -10 192.0.2.1 192.0.2.2 esp 0x1000 transport 0 4 0 80 100 0 0 0 0",
		"sa 10x 192.0.2.1 192.0.2.2 esp 0x1000 transport 0 4 0 80 100 0 0 0 0",
		"sa 10 192.0.2.1 192.0.2.2 esp 0x1000 transport 0 4 0 80 100 0 0 65536 0",
		GOOD " enc=cbc(aes):128:0011",                           /* key shorter than bits */
		GOOD " enc=cbc(aes):128:00112233445566778899aabbccddeeffaa",
		GOOD " enc=cbc(aes):127:00",                             /* bits not bytes */
		GOOD " enc=cbc(aes):128:0011223344556677889900aabbccddgg", /* not hex */
		GOOD " enc=cbc(aes):128:00112233445566778899AABBCCDDEEFF", /* upper case */
		GOOD " enc=cbc(aes):520:00",                             /* over IPSEC_MAX_KEY */
		GOOD " enc=cbc(aes)",                                    /* fields missing */
		GOOD " enc=cbc(aes):0::",                                /* one too many */
		GOOD " auth=hmac(sha1):160:00",                          /* icv missing */
		GOOD " enc=cbc aes:128:00",                              /* split name */
		GOOD " enc=cbc/aes:0:",                                  /* name characters */
		GOOD " enc=:0:",                                         /* empty name */
		GOOD " enc=ecb(cipher_null):0: enc=ecb(cipher_null):0:", /* twice */
		GOOD " foo=bar",                                         /* unknown field */
		GOOD " comp",                                            /* no value */
		GOOD " comp=a23456789012345678901234567890123456789012345678901234567890123456",
		"del 10 192.0.2.2 esp",                                  /* del short */
		"del 10 192.0.2.2 esp 0x1 extra",
		"del 10 nowhere esp 0x1",
		GOOD " a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9",             /* too many tokens */
	};
	struct bsa_entry e;
	char longline[3000];

	(void)state;
	assert_int_equal(bsa_parse(GOOD, &e), BSA_LINE_SA);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (bsa_parse(bad[i], &e) != -EINVAL)
			fail_msg("accepted: %s", bad[i]);
	}
	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	assert_int_equal(bsa_parse(longline, &e), -EINVAL);
}

static void test_live_at(void **state)
{
	struct bsa_entry e = { .type = BSA_LINE_SA, .when = 1000, .sa = esp_sa(1) };
	struct ipsec_sa out;

	(void)state;
	/* soft 2880, hard 3600 after 1000. */
	assert_true(bsa_live_at(&e, 1000, &out));
	assert_int_equal(out.hard.add_seconds, 3600);
	assert_int_equal(out.soft.add_seconds, 2880);
	assert_true(bsa_live_at(&e, 3000, &out));
	assert_int_equal(out.hard.add_seconds, 1600);
	assert_int_equal(out.soft.add_seconds, 880);
	assert_memory_equal(out.enc.key, e.sa.enc.key, 16);
	/* Past soft: no soft lifetime left. */
	assert_true(bsa_live_at(&e, 4000, &out));
	assert_int_equal(out.hard.add_seconds, 600);
	assert_int_equal(out.soft.add_seconds, 0);
	assert_false(bsa_live_at(&e, 4600, &out));
	assert_false(bsa_live_at(&e, 9999, &out));
	/* No hard lifetime: never expires. */
	e.sa.hard.add_seconds = 0;
	e.sa.soft.add_seconds = 0;
	assert_true(bsa_live_at(&e, UINT32_MAX, &out));
	assert_int_equal(out.hard.add_seconds, 0);
	e.type = BSA_LINE_DEL;
	assert_false(bsa_live_at(&e, 1000, &out));
}

static char dir[64];

static int group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_backupsa.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void append_sa(const char *path, const struct ipsec_sa *sa, uint64_t when)
{
	char line[2048];
	int n = bsa_format_sa(sa, when, line, sizeof(line));

	assert_true(n > 0);
	assert_int_equal(bsa_append(path, line, (size_t)n), 0);
}

static void test_append_mode(void **state)
{
	char path[128];
	struct stat st;
	mode_t old = umask(0);

	(void)state;
	snprintf(path, sizeof(path), "%s/append", dir);
	append_sa(path, &(struct ipsec_sa){ 0 }, 1);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A directory that does not exist: the error, not a crash. */
	assert_int_equal(bsa_append("/nonexistent/dir/file", "x\n", 2), -ENOENT);
}

struct got {
	struct ipsec_sa v[8];
	unsigned n;
	int rc;
};

static int collect(const struct ipsec_sa *sa, void *arg)
{
	struct got *g = arg;

	if (g->n < 8)
		g->v[g->n++] = *sa;
	return g->rc;
}

static void test_compact(void **state)
{
	char path[128], line[256];
	struct ip_addr dst;
	struct bsa_stats st;
	struct got g = { .n = 0 };
	struct ipsec_sa a = esp_sa(0xa), b = esp_sa(0xb), c = esp_sa(0xc), old = esp_sa(0xd);
	struct stat sb;
	FILE *f;
	int n;

	(void)state;
	snprintf(path, sizeof(path), "%s/sa", dir);
	assert_int_equal(bsa_compact(path, 5000, collect, &g, &st), 0);    /* no file */
	assert_int_equal(st.live + st.expired + st.malformed, 0);
	assert_int_equal(g.n, 0);

	append_sa(path, &old, 100);           /* hard 3600 after 100: expired at 5000 */
	append_sa(path, &a, 2000);
	append_sa(path, &b, 2100);
	assert_int_equal(bsa_append(path, "garbage line\n", 13), 0);
	append_sa(path, &c, 2200);
	dst = b.dst;
	n = bsa_format_del(&dst, IPSEC_PROTO_ESP, 0xb, 2300, line, sizeof(line));
	assert_int_equal(bsa_append(path, line, (size_t)n), 0);
	/* The SPI of b used again later: that SA is live. */
	b.reqid = 7;
	append_sa(path, &b, 2400);

	assert_int_equal(bsa_compact(path, 5000, collect, &g, &st), 0);
	assert_int_equal(st.live, 3);
	assert_int_equal(st.expired, 1);
	assert_int_equal(st.deleted, 1);
	assert_int_equal(st.malformed, 1);
	assert_int_equal(st.installed, 3);
	assert_int_equal(st.failed, 0);
	/* Oldest first, lifetimes from now. */
	assert_int_equal(g.n, 3);
	assert_int_equal(g.v[0].spi, 0xa);
	assert_int_equal(g.v[0].hard.add_seconds, 600);
	assert_int_equal(g.v[1].spi, 0xc);
	assert_int_equal(g.v[2].spi, 0xb);
	assert_int_equal(g.v[2].reqid, 7);
	assert_memory_equal(g.v[2].auth.key, b.auth.key, 20);

	/* Rewritten: 0600, the live lines only, with their original times. */
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	f = fopen(path, "r");
	assert_non_null(f);
	n = 0;
	while (fgets(line, sizeof(line), f)) {
		struct bsa_entry e;
		int r = bsa_parse(line, &e);

		assert_true(r >= 0);
		if (r == BSA_LINE_SA) {
			assert_true(e.when == 2000 || e.when == 2200 || e.when == 2400);
			n++;
		}
	}
	fclose(f);
	assert_int_equal(n, 3);

	/* Without install, later: everything has expired; failures counted. */
	g.n = 0;
	assert_int_equal(bsa_compact(path, 5000, NULL, NULL, &st), 0);
	assert_int_equal(st.live, 3);
	g.rc = 1;
	assert_int_equal(bsa_compact(path, 5000, collect, &g, &st), 0);
	assert_int_equal(st.present, 3);
	assert_int_equal(st.installed + st.failed, 0);
	g.rc = -EPERM;
	assert_int_equal(bsa_compact(path, 5000, collect, &g, &st), 0);
	assert_int_equal(st.failed, 3);
	assert_int_equal(st.installed + st.present, 0);
	assert_int_equal(bsa_compact(path, 7000, collect, &g, &st), 0);
	assert_int_equal(st.live, 0);
	assert_int_equal(st.expired, 3);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 0 && sb.st_size < 100);    /* the header only */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_esp),
		cmocka_unit_test(test_round_trip_aead_comp_null),
		cmocka_unit_test(test_del_and_comments),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_live_at),
		cmocka_unit_test(test_append_mode),
		cmocka_unit_test(test_compact),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
