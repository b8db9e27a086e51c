/* Mobility Header codec: round trips of every message and option, golden
 * bytes, alignment, and one test per class of malformed input; plus the
 * extension headers, DHAAD / mobile prefix ICMPv6 and RA options. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mip6d/mh/ext.h"
#include "mip6d/mh/icmp.h"
#include "mip6d/mh/mh.h"
#include "mip6d/mh/nd.h"

static struct in6_addr in6(const char *s)
{
	struct in6_addr a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

static const uint8_t cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t token[8] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8 };

/* Every parse of every shorter prefix of a valid message fails cleanly. */
static void assert_truncations_fail(const uint8_t *buf, int len)
{
	struct mh_msg m;
	int i;

	for (i = 0; i < len; i++)
		assert_int_equal(mh_parse(&m, buf, (size_t)i), -EBADMSG);
}

static int round_trip(const struct mh_msg *in, struct mh_msg *out, uint8_t *buf)
{
	struct in6_addr src = in6("2001:db8:1::100"), dst = in6("2001:db8:ffff::1000");
	int len = mh_build(in, &src, &dst, buf, MH_MAX_LEN);

	assert_true(len > 0);
	assert_int_equal(len % 8, 0);
	assert_int_equal(buf[1], len / 8 - 1);
	assert_int_equal(buf[0], IPPROTO_NONE);
	assert_true(mh_checksum_ok(&src, &dst, buf, (size_t)len));
	assert_int_equal(mh_parse(out, buf, (size_t)len), len);
	assert_int_equal(out->type, in->type);
	assert_int_equal(out->payload_proto, IPPROTO_NONE);
	assert_int_equal(out->opts.present, in->opts.present);
	assert_int_equal(out->opts.n_unknown, 0);
	assert_int_equal(out->opts.n_ignored, 0);
	assert_truncations_fail(buf, len);
	return len;
}

static void test_brr_hoti_coti(void **state)
{
	struct mh_msg m = { .type = MH_BRR }, out;
	uint8_t buf[MH_MAX_LEN];

	assert_int_equal(round_trip(&m, &out, buf), 8);
	m.type = MH_HOTI;
	memcpy(m.u.ti.cookie, cookie, 8);
	assert_int_equal(round_trip(&m, &out, buf), 16);
	assert_memory_equal(out.u.ti.cookie, cookie, 8);
	m.type = MH_COTI;
	assert_int_equal(round_trip(&m, &out, buf), 16);
	assert_memory_equal(out.u.ti.cookie, cookie, 8);
}

static void test_hot_cot(void **state)
{
	struct mh_msg m = { .type = MH_HOT }, out;
	uint8_t buf[MH_MAX_LEN];
	uint8_t t;

	for (t = MH_HOT; t <= MH_COT; t++) {
		m.type = t;
		m.u.t.nonce_index = 0xbeef;
		memcpy(m.u.t.cookie, cookie, 8);
		memcpy(m.u.t.token, token, 8);
		assert_int_equal(round_trip(&m, &out, buf), 24);
		assert_int_equal(out.u.t.nonce_index, 0xbeef);
		assert_memory_equal(out.u.t.cookie, cookie, 8);
		assert_memory_equal(out.u.t.token, token, 8);
	}
}

static void test_bu_all_options(void **state)
{
	struct mh_msg m = { .type = MH_BU }, out;
	uint8_t buf[MH_MAX_LEN];
	int len, i;

	m.u.bu.seq = 65535;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_L | MH_BU_F_K | MH_BU_F_R | MH_BU_F_P |
		       MH_BU_F_M;
	m.u.bu.lifetime = 0xffff;
	m.opts.present = 1u << MH_OPT_ALTCOA | 1u << MH_OPT_NONCE_IDX | 1u << MH_OPT_MNP |
			 1u << MH_OPT_AUTH;
	m.opts.alt_coa = in6("2001:db8:1::100");
	m.opts.home_nonce_index = 7;
	m.opts.careof_nonce_index = 9;
	m.opts.n_mnp = 3;
	for (i = 0; i < 3; i++) {
		m.opts.mnp[i].plen = (uint8_t)(48 + 8 * i);
		m.opts.mnp[i].prefix = in6("2001:db8:aaaa::");
		m.opts.mnp[i].prefix.s6_addr[5] = (uint8_t)i;
	}
	m.opts.auth_len = 12;
	memset(m.opts.auth, 0x5a, 12);
	len = round_trip(&m, &out, buf);
	assert_int_equal(out.u.bu.seq, 65535);
	assert_int_equal(out.u.bu.flags, m.u.bu.flags);
	assert_int_equal(out.u.bu.lifetime, 0xffff);
	assert_memory_equal(&out.opts.alt_coa, &m.opts.alt_coa, 16);
	assert_int_equal(out.opts.home_nonce_index, 7);
	assert_int_equal(out.opts.careof_nonce_index, 9);
	assert_int_equal(out.opts.n_mnp, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(out.opts.mnp[i].plen, m.opts.mnp[i].plen);
		assert_memory_equal(&out.opts.mnp[i].prefix, &m.opts.mnp[i].prefix, 16);
	}
	assert_int_equal(out.opts.auth_len, 12);
	assert_memory_equal(out.opts.auth, m.opts.auth, 12);
	/* The authorization data is last (nothing but padding after it). */
	assert_int_equal(buf[len - 14], MH_OPT_AUTH);
}

static void test_ba_be(void **state)
{
	struct mh_msg m = { .type = MH_BA }, out;
	uint8_t buf[MH_MAX_LEN];

	m.u.ba.status = MH_BA_NOT_AUTH_FOR_PREFIX;
	m.u.ba.flags = MH_BA_F_K | MH_BA_F_R | MH_BA_F_P;
	m.u.ba.seq = 3;
	m.u.ba.lifetime = 15;
	m.opts.present = 1u << MH_OPT_BRA | 1u << MH_OPT_AUTH;
	m.opts.refresh_interval = 12;
	m.opts.auth_len = 12;
	memset(m.opts.auth, 0x33, 12);
	round_trip(&m, &out, buf);
	assert_int_equal(out.u.ba.status, MH_BA_NOT_AUTH_FOR_PREFIX);
	assert_int_equal(out.u.ba.flags, m.u.ba.flags);
	assert_int_equal(out.u.ba.seq, 3);
	assert_int_equal(out.u.ba.lifetime, 15);
	assert_int_equal(out.opts.refresh_interval, 12);

	memset(&m, 0, sizeof(m));
	m.type = MH_BE;
	m.u.be.status = MH_BE_UNKNOWN_MH_TYPE;
	m.u.be.hoa = in6("2001:db8:ffff::1");
	assert_int_equal(round_trip(&m, &out, buf), 24);
	assert_int_equal(out.u.be.status, MH_BE_UNKNOWN_MH_TYPE);
	assert_memory_equal(&out.u.be.hoa, &m.u.be.hoa, 16);
}

/* Golden: BU (seq 0x1234, A H K, 64 s) with an Alternate CoA at 8n+6. */
static const uint8_t golden_bu[32] = {
	0x3b, 0x03, 0x05, 0x00, 0x00, 0x00,             /* proto, len 3, BU, csum */
	0x12, 0x34, 0xd0, 0x00, 0x00, 0x10,             /* seq, A|H|K, lifetime 16 */
	0x01, 0x00,                                     /* PadN, 0 octets */
	0x03, 0x10,                                     /* Alternate CoA at 14 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
};

/* Golden: BA (accepted, K, seq 0x1234, 64 s) with a Binding Refresh Advice. */
static const uint8_t golden_ba[16] = {
	0x3b, 0x01, 0x06, 0x00, 0x00, 0x00,
	0x00, 0x80, 0x12, 0x34, 0x00, 0x10,
	0x02, 0x02, 0x00, 0x0f,                         /* BRA, 15 (60 s) */
};

static void test_golden(void **state)
{
	struct mh_msg m = { .type = MH_BU };
	uint8_t buf[64];

	m.u.bu.seq = 0x1234;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_K;
	m.u.bu.lifetime = 16;
	m.opts.present = 1u << MH_OPT_ALTCOA;
	m.opts.alt_coa = in6("2001:db8:1::100");
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), 32);
	assert_memory_equal(buf, golden_bu, 32);

	memset(&m, 0, sizeof(m));
	m.type = MH_BA;
	m.u.ba.flags = MH_BA_F_K;
	m.u.ba.seq = 0x1234;
	m.u.ba.lifetime = 16;
	m.opts.present = 1u << MH_OPT_BRA;
	m.opts.refresh_interval = 15;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), 16);
	assert_memory_equal(buf, golden_ba, 16);
}

static void test_checksum(void **state)
{
	struct in6_addr src = in6("2001:db8:1::100"), dst = in6("2001:db8:ffff::1000");
	uint8_t buf[32];
	struct mh_msg m;

	memcpy(buf, golden_bu, 32);
	assert_false(mh_checksum_ok(&src, &dst, buf, 32));
	assert_int_equal(mh_parse(&m, buf, 32), 32);
	assert_int_equal(mh_build(&m, &src, &dst, buf, sizeof(buf)), 32);
	assert_true(mh_checksum_ok(&src, &dst, buf, 32));
	/* Any changed bit, or another address, breaks it. */
	buf[7] ^= 0x01;
	assert_false(mh_checksum_ok(&src, &dst, buf, 32));
	buf[7] ^= 0x01;
	dst.s6_addr[15] ^= 1;
	assert_false(mh_checksum_ok(&src, &dst, buf, 32));
	/* Known answer: from :: to ::, next header 58, the one octet 0x01
	 * (padded with a zero octet): ~(0x0001 + 0x003a + 0x0100) = 0xfec4. */
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	assert_int_equal(inet6_checksum(&src, &dst, 58, "\x01", 1), 0xfec4);
}

/* Malformed input: one class per test. */

static void test_bad_short(void **state)
{
	struct mh_msg m;

	assert_int_equal(mh_parse(&m, golden_ba, 0), -EBADMSG);
	assert_int_equal(mh_parse(&m, golden_ba, 5), -EBADMSG);
}

static void test_bad_header_len(void **state)
{
	uint8_t buf[64];
	struct mh_msg m;

	/* Header Len beyond the buffer. */
	memcpy(buf, golden_ba, 16);
	buf[1] = 2;
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
	/* Header Len too small for the type: a BU needs 12 octets. */
	memcpy(buf, golden_bu, 32);
	buf[1] = 0;
	assert_int_equal(mh_parse(&m, buf, 32), -EBADMSG);
	/* A BE needs 24. */
	memset(buf, 0, sizeof(buf));
	buf[0] = IPPROTO_NONE;
	buf[1] = 1;
	buf[2] = MH_BE;
	assert_int_equal(mh_parse(&m, buf, 64), -EBADMSG);
	buf[1] = 2;
	assert_int_equal(mh_parse(&m, buf, 64), 24);
}

static void test_bad_option_overrun(void **state)
{
	uint8_t buf[16];
	struct mh_msg m;

	memcpy(buf, golden_ba, 16);
	buf[13] = 3;                    /* BRA claims 3 octets, 2 remain */
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
	memcpy(buf, golden_ba, 16);
	buf[12] = MH_OPT_PADN;
	buf[13] = 9;                    /* PadN past the end */
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
	/* A lone option type octet at the end. */
	memcpy(buf, golden_ba, 16);
	buf[12] = 0;
	buf[13] = 0;
	buf[14] = 0;
	buf[15] = MH_OPT_BRA;
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
}

static void test_bad_alignment(void **state)
{
	uint8_t buf[32];
	struct mh_msg m;

	/* Alternate CoA at 12 (8n+4) instead of 8n+6. */
	memcpy(buf, golden_bu, 32);
	memmove(buf + 12, buf + 14, 18);
	buf[30] = 1;
	buf[31] = 0;
	assert_int_equal(mh_parse(&m, buf, 32), -EBADMSG);
	/* BRA at an odd offset (13), then padding to 24. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, golden_ba, 12);
	buf[1] = 2;
	memcpy(buf + 12, "\x00\x02\x02\x00\x01\x00\x01\x04", 8);
	assert_int_equal(mh_parse(&m, buf, 24), -EBADMSG);
	/* The same at 12 parses. */
	memcpy(buf + 12, "\x02\x02\x00\x01\x00\x00\x01\x04", 8);
	assert_int_equal(mh_parse(&m, buf, 24), 24);
	assert_int_equal(m.opts.refresh_interval, 1);
}

static void test_bad_option_length(void **state)
{
	uint8_t buf[32];
	struct mh_msg m;

	memcpy(buf, golden_ba, 16);
	buf[13] = 1;                    /* BRA of 1 octet */
	buf[15] = 0;
	buf[14] = 0;
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
	memcpy(buf, golden_bu, 32);
	buf[15] = 15;                   /* Alternate CoA of 15 octets */
	assert_int_equal(mh_parse(&m, buf, 32), -EBADMSG);
}

static void test_bad_duplicate_and_order(void **state)
{
	struct mh_msg m = { .type = MH_BA }, out;
	uint8_t buf[64];
	int len;

	m.opts.present = 1u << MH_OPT_BRA;
	m.opts.refresh_interval = 1;
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_int_equal(len, 16);
	/* Two BRAs. */
	buf[1] = 2;
	memcpy(buf + 16, "\x02\x02\x00\x01\x01\x02\x00\x00", 8);
	assert_int_equal(mh_parse(&out, buf, 24), -EBADMSG);
	/* An option after the authorization data (at 8n+2). */
	memset(buf + 12, 0, 12);
	memcpy(buf + 12, "\x01\x04\x00\x00\x00\x00", 6);
	memcpy(buf + 18, "\x05\x02\xaa\xbb\x02\x02", 6);
	buf[1] = 3;
	memcpy(buf + 24, "\x00\x01\x01\x04\x00\x00\x00\x00", 8);
	assert_int_equal(mh_parse(&out, buf, 32), -EBADMSG);
	/* The same with only padding after it is fine. */
	memcpy(buf + 22, "\x01\x08\x00\x00\x00\x00\x00\x00\x00\x00", 10);
	assert_int_equal(mh_parse(&out, buf, 32), 32);
	assert_int_equal(out.opts.auth_len, 2);
}

static void test_bad_mnp(void **state)
{
	struct mh_msg m = { .type = MH_BU }, out;
	uint8_t buf[MH_MAX_LEN];
	int len;

	m.opts.present = 1u << MH_OPT_MNP;
	m.opts.n_mnp = 1;
	m.opts.mnp[0].plen = 64;
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_int_equal(len, 32);
	assert_int_equal(buf[12], MH_OPT_MNP);
	buf[15] = 129;
	assert_int_equal(mh_parse(&out, buf, (size_t)len), -EBADMSG);
	/* More than MH_MNP_MAX prefixes: reported, not truncated. */
	m.opts.n_mnp = MH_MNP_MAX;
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_true(len > 0);
	memcpy(buf + len, buf + len - 24, 24);
	len += 24;
	buf[1] = (uint8_t)(len / 8 - 1);
	assert_int_equal(mh_parse(&out, buf, (size_t)len), -ENOBUFS);
}

static void test_unknown_type(void **state)
{
	uint8_t buf[16] = { 0x3b, 0x01, 8, 0 };
	struct mh_msg m;

	assert_int_equal(mh_parse(&m, buf, 16), -EPROTONOSUPPORT);
	assert_int_equal(m.type, 8);
	buf[2] = 255;
	assert_int_equal(mh_parse(&m, buf, 16), -EPROTONOSUPPORT);
	assert_int_equal(m.type, 255);
	/* Header Len past the buffer is malformed before anything else. */
	buf[1] = 9;
	assert_int_equal(mh_parse(&m, buf, 16), -EBADMSG);
}

static void test_unknown_and_foreign_options(void **state)
{
	uint8_t buf[24];
	struct mh_msg m;

	/* BA + unknown option 200 (skipped) + Alternate CoA (not for a BA). */
	memcpy(buf, golden_ba, 12);
	buf[1] = 2;
	memcpy(buf + 12, "\xc8\x00\x03\x08\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa", 12);
	assert_int_equal(mh_parse(&m, buf, 24), 24);
	assert_int_equal(m.opts.n_unknown, 1);
	/* An Alternate CoA means nothing in a BA: skipped, not examined. */
	assert_int_equal(m.opts.n_ignored, 1);
	assert_int_equal(m.opts.present, 0);
	memcpy(buf + 12, "\x00\x00\x04\x04\x00\x01\x00\x02\x00\x00\x00\x00", 12);
	assert_int_equal(mh_parse(&m, buf, 24), 24);
	assert_int_equal(m.opts.n_ignored, 1);
	assert_int_equal(m.opts.present, 0);
}

static void test_builder_refuses(void **state)
{
	struct mh_msg m = { .type = MH_BU };
	uint8_t buf[MH_MAX_LEN];

	m.type = 8;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.type = MH_BU;
	m.opts.present = 1u << MH_OPT_BRA;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.present = 1u << 9;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.present = 1u << MH_OPT_AUTH;
	m.opts.auth_len = 0;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.auth_len = MH_AUTH_MAX + 1;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.present = 1u << MH_OPT_MNP;
	m.opts.n_mnp = 1;
	m.opts.mnp[0].plen = 129;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.n_mnp = MH_MNP_MAX + 1;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.opts.present = 0;
	m.u.bu.flags = 0x0001;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.u.bu.flags = 0;
	m.type = MH_BE;
	m.opts.present = 1u << MH_OPT_ALTCOA;
	assert_int_equal(mh_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	/* No room: every short buffer is refused. */
	m.type = MH_BU;
	m.opts.present = 1u << MH_OPT_ALTCOA;
	for (size_t cap = 0; cap < 32; cap++)
		assert_int_equal(mh_build(&m, NULL, NULL, buf, cap), -ENOSPC);
	assert_int_equal(mh_build(&m, NULL, NULL, buf, 32), 32);
}

/* Every single-octet change of valid messages parses or fails cleanly,
 * and whatever parses builds back to a valid message. */
static void test_mutations(void **state)
{
	const uint8_t *msgs[] = { golden_bu, golden_ba };
	const size_t lens[] = { sizeof(golden_bu), sizeof(golden_ba) };
	uint8_t buf[64], out[MH_MAX_LEN];
	struct mh_msg m, again;
	size_t k, i;
	unsigned v;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < lens[k]; i++) {
			for (v = 0; v < 256; v++) {
				int r, len;

				memcpy(buf, msgs[k], lens[k]);
				buf[i] = (uint8_t)v;
				r = mh_parse(&m, buf, lens[k]);
				assert_true(r > 0 || r == -EBADMSG || r == -EPROTONOSUPPORT);
				if (r <= 0)
					continue;
				len = mh_build(&m, NULL, NULL, out, sizeof(out));
				assert_true(len > 0);
				assert_int_equal(mh_parse(&again, out, (size_t)len), len);
			}
		}
	}
}

static void test_opt_alignment_table(void **state)
{
	struct mh_opt_align a;

	assert_true(mh_opt_align(MH_OPT_BRA, &a));
	assert_int_equal(a.n, 2);
	assert_int_equal(a.k, 0);
	assert_true(mh_opt_align(MH_OPT_ALTCOA, &a));
	assert_int_equal(a.n, 8);
	assert_int_equal(a.k, 6);
	assert_true(mh_opt_align(MH_OPT_NONCE_IDX, &a));
	assert_int_equal(a.n, 2);
	assert_true(mh_opt_align(MH_OPT_AUTH, &a));
	assert_int_equal(a.n, 8);
	assert_int_equal(a.k, 2);
	assert_true(mh_opt_align(MH_OPT_MNP, &a));
	assert_int_equal(a.n, 8);
	assert_int_equal(a.k, 4);
	assert_false(mh_opt_align(MH_OPT_PADN, &a));
	assert_string_equal(mh_type_name(MH_BE), "BE");
	assert_string_equal(mh_type_name(99), "unknown");
}

/* Extension headers */

static void test_rh2(void **state)
{
	struct in6_addr hoa = in6("2001:db8:ffff::1");
	uint8_t buf[RH2_LEN];
	struct rh2 rh;
	size_t i;

	assert_int_equal(rh2_build(buf, sizeof(buf), IPPROTO_MH, &hoa), RH2_LEN);
	assert_memory_equal(buf, "\x87\x02\x02\x01\x00\x00\x00\x00", 8);
	assert_int_equal(rh2_parse(&rh, buf, sizeof(buf)), RH2_LEN);
	assert_int_equal(rh.next_header, IPPROTO_MH);
	assert_int_equal(rh.segments_left, 1);
	assert_memory_equal(&rh.hoa, &hoa, 16);
	for (i = 0; i < RH2_LEN; i++)
		assert_int_equal(rh2_parse(&rh, buf, i), -EBADMSG);
	assert_int_equal(rh2_build(buf, RH2_LEN - 1, IPPROTO_MH, &hoa), -ENOSPC);
	buf[2] = 0;
	assert_int_equal(rh2_parse(&rh, buf, sizeof(buf)), -EBADMSG);
	buf[2] = 2;
	buf[1] = 4;
	assert_int_equal(rh2_parse(&rh, buf, sizeof(buf)), -EBADMSG);
	buf[1] = 2;
	buf[3] = 2;
	assert_int_equal(rh2_parse(&rh, buf, sizeof(buf)), -EBADMSG);
}

static void test_hao(void **state)
{
	struct in6_addr hoa = in6("2001:db8:ffff::1"), got;
	uint8_t buf[32], nh;
	size_t i;

	assert_int_equal(hao_dstopt_build(buf, sizeof(buf), IPPROTO_MH, &hoa), HAO_DSTOPT_LEN);
	assert_memory_equal(buf, "\x87\x02\x01\x02\x00\x00\xc9\x10", 8);
	assert_int_equal(hao_dstopt_parse(buf, HAO_DSTOPT_LEN, &nh, &got), HAO_DSTOPT_LEN);
	assert_int_equal(nh, IPPROTO_MH);
	assert_memory_equal(&got, &hoa, 16);
	for (i = 0; i < HAO_DSTOPT_LEN; i++)
		assert_int_equal(hao_dstopt_parse(buf, i, &nh, &got), -EBADMSG);
	/* Misaligned: HAO at 4. */
	memcpy(buf + 2, "\x01\x00\xc9\x10", 4);
	memmove(buf + 6, &hoa, 16);
	memcpy(buf + 22, "\x01\x00", 2);
	assert_int_equal(hao_dstopt_parse(buf, HAO_DSTOPT_LEN, &nh, &got), -EBADMSG);
	/* Wrong length. */
	assert_int_equal(hao_dstopt_build(buf, sizeof(buf), IPPROTO_MH, &hoa), HAO_DSTOPT_LEN);
	buf[7] = 15;
	assert_int_equal(hao_dstopt_parse(buf, HAO_DSTOPT_LEN, &nh, &got), -EBADMSG);
	/* Only padding: no HAO. */
	memset(buf + 2, 0, 22);
	assert_int_equal(hao_dstopt_parse(buf, HAO_DSTOPT_LEN, &nh, &got), -ENOENT);
	/* An option running past the header. */
	buf[2] = 1;
	buf[3] = 30;
	assert_int_equal(hao_dstopt_parse(buf, HAO_DSTOPT_LEN, &nh, &got), -EBADMSG);
}

/* ICMPv6 */

static void test_dhaad(void **state)
{
	struct in6_addr src = in6("2001:db8:1::100"), dst = in6("2001:db8:ffff::fdff:ffff:ffff:fffe");
	struct mip_icmp m = { .type = ICMP6_DHAAD_REQUEST, .id = 0x4242, .flags = DHAAD_F_R }, out;
	uint8_t buf[2048];
	int len;

	len = mip_icmp_build(&m, &src, &dst, buf, sizeof(buf));
	assert_int_equal(len, 8);
	assert_int_equal(inet6_checksum(&src, &dst, 58, buf, 8), 0);
	assert_int_equal(mip_icmp_parse(&out, buf, 8), 0);
	assert_int_equal(out.type, ICMP6_DHAAD_REQUEST);
	assert_int_equal(out.id, 0x4242);
	assert_int_equal(out.flags, DHAAD_F_R);

	m.type = ICMP6_DHAAD_REPLY;
	m.n_addr = 2;
	m.addr[0] = in6("2001:db8:ffff::1000");
	m.addr[1] = in6("2001:db8:ffff::1001");
	len = mip_icmp_build(&m, &src, &dst, buf, sizeof(buf));
	assert_int_equal(len, 40);
	assert_int_equal(mip_icmp_parse(&out, buf, 40), 0);
	assert_int_equal(out.n_addr, 2);
	assert_memory_equal(&out.addr[1], &m.addr[1], 16);
	/* Malformed: a partial address, a non-zero code, too short. */
	assert_int_equal(mip_icmp_parse(&out, buf, 39), -EBADMSG);
	assert_int_equal(mip_icmp_parse(&out, buf, 7), -EBADMSG);
	buf[1] = 1;
	assert_int_equal(mip_icmp_parse(&out, buf, 40), -EBADMSG);
	/* Not ours. */
	buf[0] = 128;
	assert_int_equal(mip_icmp_parse(&out, buf, 40), -EPROTONOSUPPORT);
	/* Too many addresses. */
	memset(buf, 0, sizeof(buf));
	buf[0] = ICMP6_DHAAD_REPLY;
	assert_int_equal(mip_icmp_parse(&out, buf, 8 + 16 * (DHAAD_ADDR_MAX + 1)), -ENOBUFS);
	/* Builder refusals. */
	m.flags = 0x0001;
	assert_int_equal(mip_icmp_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
	m.flags = 0;
	assert_int_equal(mip_icmp_build(&m, NULL, NULL, buf, 39), -ENOSPC);
	m.type = 150;
	assert_int_equal(mip_icmp_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
}

static void test_mps_mpa(void **state)
{
	struct mip_icmp m = { .type = ICMP6_MPS, .id = 7 }, out;
	uint8_t buf[512];
	int len;

	assert_int_equal(mip_icmp_build(&m, NULL, NULL, buf, sizeof(buf)), 8);
	assert_int_equal(mip_icmp_parse(&out, buf, 8), 0);
	assert_int_equal(out.type, ICMP6_MPS);
	assert_int_equal(out.id, 7);

	m.type = ICMP6_MPA;
	m.flags = MPA_F_M | MPA_F_O;
	m.opts.n_prefix = 2;
	m.opts.prefix[0] = (struct nd_prefix){ 64, ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R, 86400,
					       14400, in6("2001:db8:ffff::1000") };
	m.opts.prefix[1] = (struct nd_prefix){ 48, ND_PFX_F_A, 0xffffffff, 0xffffffff,
					       in6("2001:db8:aaaa::") };
	len = mip_icmp_build(&m, NULL, NULL, buf, sizeof(buf));
	assert_int_equal(len, 8 + 64);
	assert_int_equal(mip_icmp_parse(&out, buf, (size_t)len), 0);
	assert_int_equal(out.flags, MPA_F_M | MPA_F_O);
	assert_int_equal(out.opts.n_prefix, 2);
	assert_int_equal(out.opts.prefix[0].flags, ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R);
	assert_int_equal(out.opts.prefix[0].valid, 86400);
	assert_int_equal(out.opts.prefix[0].preferred, 14400);
	assert_int_equal(out.opts.prefix[1].plen, 48);
	/* A prefix option cut short, and one of length 0. */
	assert_int_equal(mip_icmp_parse(&out, buf, (size_t)len - 1), -EBADMSG);
	buf[9] = 0;
	assert_int_equal(mip_icmp_parse(&out, buf, (size_t)len), -EBADMSG);
	m.type = ICMP6_MPS;
	m.flags = 1;
	assert_int_equal(mip_icmp_build(&m, NULL, NULL, buf, sizeof(buf)), -EINVAL);
}

static void test_ra(void **state)
{
	struct in6_addr src = in6("fe80::1"), dst = in6("ff02::1");
	struct nd_ra ra = { .cur_hop_limit = 64, .flags = ND_RA_F_H | ND_RA_F_O,
			    .router_lifetime = 1800, .reachable_ms = 30000, .retrans_ms = 1000 };
	struct nd_ra out;
	uint8_t buf[1024];
	int len;

	ra.opts.n_prefix = 1;
	ra.opts.prefix[0] = (struct nd_prefix){ 64, ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R, 86400,
						14400, in6("2001:db8:ffff::1000") };
	ra.opts.has_adv_interval = true;
	ra.opts.adv_interval_ms = 1500;
	ra.opts.has_ha_info = true;
	ra.opts.ha_preference = -5;
	ra.opts.ha_lifetime = 1800;
	len = nd_ra_build(&ra, &src, &dst, buf, sizeof(buf));
	assert_int_equal(len, 16 + 32 + 8 + 8);
	assert_int_equal(inet6_checksum(&src, &dst, 58, buf, (size_t)len), 0);
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len), 0);
	assert_int_equal(out.cur_hop_limit, 64);
	assert_int_equal(out.flags, ND_RA_F_H | ND_RA_F_O);
	assert_int_equal(out.router_lifetime, 1800);
	assert_int_equal(out.reachable_ms, 30000);
	assert_int_equal(out.retrans_ms, 1000);
	assert_int_equal(out.opts.n_prefix, 1);
	assert_true(out.opts.prefix[0].flags & ND_PFX_F_R);
	assert_memory_equal(&out.opts.prefix[0].prefix, &ra.opts.prefix[0].prefix, 16);
	assert_true(out.opts.has_adv_interval);
	assert_int_equal(out.opts.adv_interval_ms, 1500);
	assert_true(out.opts.has_ha_info);
	assert_int_equal(out.opts.ha_preference, -5);
	assert_int_equal(out.opts.ha_lifetime, 1800);
	/* Unknown options are skipped (a source link-layer address). */
	memcpy(buf + len, "\x01\x01\x02\x00\x00\x00\x00\x01", 8);
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len + 8), 0);
	assert_int_equal(out.opts.n_other, 1);
	/* HA information option of the wrong length. */
	buf[16 + 32 + 8 + 1] = 2;
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len + 8), -EBADMSG);
	buf[16 + 32 + 8 + 1] = 1;
	/* Prefix length above 128. */
	buf[16 + 2] = 129;
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len), -EBADMSG);
	buf[16 + 2] = 64;
	/* Short, wrong type, wrong code. */
	assert_int_equal(nd_ra_parse(&out, buf, 15), -EBADMSG);
	assert_int_equal(nd_ra_parse(&out, buf, 17), -EBADMSG);
	buf[1] = 1;
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len), -EBADMSG);
	buf[0] = 133;
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len), -EPROTONOSUPPORT);
	/* Too many prefixes. */
	ra.opts.n_prefix = ND_PREFIX_MAX;
	ra.opts.has_adv_interval = ra.opts.has_ha_info = false;
	len = nd_ra_build(&ra, NULL, NULL, buf, sizeof(buf));
	assert_true(len > 0);
	memcpy(buf + len, buf + 16, 32);
	assert_int_equal(nd_ra_parse(&out, buf, (size_t)len + 32), -ENOBUFS);
	ra.opts.n_prefix = 1;
	assert_int_equal(nd_ra_build(&ra, NULL, NULL, buf, 47), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brr_hoti_coti),
		cmocka_unit_test(test_hot_cot),
		cmocka_unit_test(test_bu_all_options),
		cmocka_unit_test(test_ba_be),
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_bad_short),
		cmocka_unit_test(test_bad_header_len),
		cmocka_unit_test(test_bad_option_overrun),
		cmocka_unit_test(test_bad_alignment),
		cmocka_unit_test(test_bad_option_length),
		cmocka_unit_test(test_bad_duplicate_and_order),
		cmocka_unit_test(test_bad_mnp),
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_unknown_and_foreign_options),
		cmocka_unit_test(test_builder_refuses),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_opt_alignment_table),
		cmocka_unit_test(test_rh2),
		cmocka_unit_test(test_hao),
		cmocka_unit_test(test_dhaad),
		cmocka_unit_test(test_mps_mpa),
		cmocka_unit_test(test_ra),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
