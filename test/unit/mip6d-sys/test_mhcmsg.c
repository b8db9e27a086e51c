/* Mobility Header ancillary data: the control messages for the source
 * (IPV6_PKTINFO), a Type 2 Routing Header (IPV6_RTHDR) and a Home Address
 * option (IPV6_DSTOPTS) checked byte by byte, their decoding, and
 * malformed control data refused. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mip6d/sys/mhcmsg.h"

union ctlbuf {
	struct cmsghdr align;
	uint8_t b[MH_CMSG_SPACE + 64];
};

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static const uint8_t HOA[16] = { 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 };

static void send_opts(struct sys_mh_send *s)
{
	memset(s, 0, sizeof(*s));
	s->src = A("2001:db8:1::10");
	s->dst = A("2001:db8:ffff::1000");
	s->ifindex = 3;
}

static void check_pktinfo(const struct cmsghdr *c, const char *src, unsigned ifindex)
{
	struct in6_pktinfo pi;
	struct ip_addr want = A(src);

	assert_int_equal(c->cmsg_level, IPPROTO_IPV6);
	assert_int_equal(c->cmsg_type, IPV6_PKTINFO);
	assert_int_equal(c->cmsg_len, CMSG_LEN(sizeof(pi)));
	memcpy(&pi, CMSG_DATA(c), sizeof(pi));
	assert_memory_equal(&pi.ipi6_addr, want.u.bytes, 16);
	assert_int_equal(pi.ipi6_ifindex, ifindex);
}

static void test_pktinfo_only(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct msghdr mh = { .msg_control = ctl.b };
	size_t used = 0;

	(void)state;
	send_opts(&s);
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	assert_int_equal(used, CMSG_SPACE(sizeof(struct in6_pktinfo)));
	mh.msg_controllen = used;
	check_pktinfo(CMSG_FIRSTHDR(&mh), "2001:db8:1::10", 3);
	assert_null(CMSG_NXTHDR(&mh, CMSG_FIRSTHDR(&mh)));
}

static void test_unspecified_source(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct msghdr mh = { .msg_control = ctl.b };
	size_t used = 0;

	(void)state;
	send_opts(&s);
	s.src.family = AF_UNSPEC;
	s.ifindex = 0;
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	mh.msg_controllen = used;
	check_pktinfo(CMSG_FIRSTHDR(&mh), "::", 0);
}

/* A BA to a mobile node away: on the wire dst = CoA and the RH holds the
 * HoA.  The socket API takes the hop (the CoA) in the RH control message
 * and the final destination (the HoA) as the sendmsg address; the kernel
 * swaps them into place. */
static void test_rth2_bytes(void **state)
{
	static const uint8_t want[MH_RTH2_LEN] = {
		0x00,                    /* next header, filled by the kernel */
		0x02,                    /* hdr ext len: 2 units of 8 after the first */
		0x02,                    /* routing type 2 */
		0x01,                    /* segments left */
		0x00, 0x00, 0x00, 0x00,  /* reserved */
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	};
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct msghdr mh = { .msg_control = ctl.b };
	struct cmsghdr *c;
	size_t used = 0;

	(void)state;
	send_opts(&s);
	s.dst = A("2001:db8:1::2");
	s.rth2 = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	assert_int_equal(used, CMSG_SPACE(sizeof(struct in6_pktinfo)) + CMSG_SPACE(MH_RTH2_LEN));
	mh.msg_controllen = used;
	c = CMSG_NXTHDR(&mh, CMSG_FIRSTHDR(&mh));
	assert_non_null(c);
	assert_int_equal(c->cmsg_level, IPPROTO_IPV6);
	assert_int_equal(c->cmsg_type, IPV6_RTHDR);
	assert_int_equal(c->cmsg_len, CMSG_LEN(MH_RTH2_LEN));
	assert_memory_equal(CMSG_DATA(c), want, sizeof(want));
	assert_null(CMSG_NXTHDR(&mh, c));
}

/* RFC 6275 6.3: the HAO sits at 8n+6, after a PadN of 2 data bytes. */
static const uint8_t HAO_HDR[MH_HAO_HDR_LEN] = {
	0x00,                            /* next header, filled by the kernel */
	0x02,                            /* hdr ext len: 24 bytes */
	0x01, 0x02, 0x00, 0x00,          /* PadN, 2 bytes of padding */
	0xc9, 0x10,                      /* Home Address option, 16 bytes */
	0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
};

static void test_hao_bytes(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct msghdr mh = { .msg_control = ctl.b };
	struct cmsghdr *c;
	size_t used = 0;

	(void)state;
	send_opts(&s);
	s.hao = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	assert_int_equal(used, CMSG_SPACE(sizeof(struct in6_pktinfo)) + CMSG_SPACE(MH_HAO_HDR_LEN));
	mh.msg_controllen = used;
	c = CMSG_NXTHDR(&mh, CMSG_FIRSTHDR(&mh));
	assert_non_null(c);
	assert_int_equal(c->cmsg_type, IPV6_DSTOPTS);
	assert_int_equal(c->cmsg_len, CMSG_LEN(MH_HAO_HDR_LEN));
	assert_memory_equal(CMSG_DATA(c), HAO_HDR, sizeof(HAO_HDR));
}

static void test_both_in_order(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct msghdr mh = { .msg_control = ctl.b };
	struct cmsghdr *c;
	size_t used = 0;

	(void)state;
	send_opts(&s);
	s.rth2 = A("2001:db8:ffff::1");
	s.hao = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	assert_int_equal(used, (size_t)MH_CMSG_SPACE);
	mh.msg_controllen = used;
	c = CMSG_FIRSTHDR(&mh);
	check_pktinfo(c, "2001:db8:1::10", 3);
	c = CMSG_NXTHDR(&mh, c);
	assert_int_equal(c->cmsg_type, IPV6_RTHDR);
	c = CMSG_NXTHDR(&mh, c);
	assert_int_equal(c->cmsg_type, IPV6_DSTOPTS);
	assert_memory_equal(CMSG_DATA(c), HAO_HDR, sizeof(HAO_HDR));
	assert_null(CMSG_NXTHDR(&mh, c));
}

static void test_build_errors(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	size_t used = 12345;

	(void)state;
	send_opts(&s);
	s.hao = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, CMSG_SPACE(sizeof(struct in6_pktinfo)), &s, &used),
			 -ENOSPC);
	assert_int_equal(used, 12345);
	s.hao = A("192.0.2.1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), -EINVAL);
	send_opts(&s);
	s.src = A("192.0.2.1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), -EINVAL);
	send_opts(&s);
	s.rth2 = A("192.0.2.1");
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), -EINVAL);
	send_opts(&s);
	s.rth2 = A("2001:db8:ffff::1");
	s.dst.family = AF_UNSPEC;        /* no hop to put in the header */
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), -EINVAL);
}

static void test_parse_round_trip(void **state)
{
	union ctlbuf ctl;
	struct sys_mh_send s;
	struct sys_mh_info info;
	struct msghdr mh = { .msg_control = ctl.b };
	struct ip_addr coa = A("2001:db8:1::10"), hoa = A("2001:db8:ffff::1");
	struct ip_addr hop = A("2001:db8:ffff::1000");
	size_t used;

	(void)state;
	send_opts(&s);
	s.rth2 = hoa;
	s.hao = hoa;
	assert_int_equal(sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), &s, &used), 0);
	mh.msg_controllen = used;
	memset(&info, 0, sizeof(info));
	assert_int_equal(sys_mh_cmsg_parse(&mh, &info), 0);
	assert_true(addr_eq(&info.dst, &coa));
	assert_int_equal(info.ifindex, 3);
	assert_true(info.has_hao);
	assert_true(addr_eq(&info.hao, &hoa));
	assert_true(info.has_rth2);
	assert_true(addr_eq(&info.rth2, &hop));
}

/* Checksums computed independently (Python) for a Binding Refresh Request
 * (59, 0, 0, 0, csum, 0, 0). */
static void test_checksum_over_home_address(void **state)
{
	uint8_t brr[8] = { 59, 0, 0, 0, 0xaa, 0xbb, 0, 0 };
	struct sys_mh_send s;

	(void)state;
	send_opts(&s);                   /* src CoA 2001:db8:1::10, dst the HA */
	/* Without a HAO: over the source. */
	assert_int_equal(sys_mh_checksum_set(brr, sizeof(brr), &s), 0);
	assert_int_equal(brr[4], 0x58);
	assert_int_equal(brr[5], 0xed);
	/* With a HAO: over the home address, whatever the source. */
	s.hao = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_checksum_set(brr, sizeof(brr), &s), 0);
	assert_int_equal(brr[4], 0x58);
	assert_int_equal(brr[5], 0xfd);
	/* A Type 2 RH: over the HoA it carries as destination. */
	send_opts(&s);
	s.src = A("2001:db8:ffff::1000");
	s.dst = A("2001:db8:1::10");
	s.rth2 = A("2001:db8:ffff::1");
	assert_int_equal(sys_mh_checksum_set(brr, sizeof(brr), &s), 0);
	assert_int_equal(brr[4], 0x58);
	assert_int_equal(brr[5], 0xfd);
}

static void test_checksum_errors(void **state)
{
	uint8_t brr[8] = { 59, 0, 0, 0, 0, 0, 0, 0 };
	struct sys_mh_send s;

	(void)state;
	send_opts(&s);
	assert_int_equal(sys_mh_checksum_set(brr, 5, &s), -EINVAL);
	s.src.family = AF_UNSPEC;        /* nothing to sum as the source */
	assert_int_equal(sys_mh_checksum_set(brr, sizeof(brr), &s), -EINVAL);
}

/* One control message of type with data, as the kernel would give. */
static size_t one_cmsg(union ctlbuf *ctl, int type, const void *data, size_t len)
{
	struct msghdr mh = { .msg_control = ctl->b, .msg_controllen = sizeof(ctl->b) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	memset(ctl->b, 0, sizeof(ctl->b));
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return CMSG_SPACE(len);
}

static int parse_one(int type, const void *data, size_t len, struct sys_mh_info *info)
{
	union ctlbuf ctl;
	struct msghdr mh = { .msg_control = ctl.b };

	mh.msg_controllen = one_cmsg(&ctl, type, data, len);
	memset(info, 0, sizeof(*info));
	return sys_mh_cmsg_parse(&mh, info);
}

static void test_parse_dstopts_without_hao(void **state)
{
	/* A PadN filling the header: well formed, no HAO. */
	static const uint8_t pad[8] = { 59, 0, 1, 4, 0, 0, 0, 0 };
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_DSTOPTS, pad, sizeof(pad), &info), 0);
	assert_false(info.has_hao);
}

static void test_parse_dstopts_bad_length(void **state)
{
	uint8_t hdr[MH_HAO_HDR_LEN];
	struct sys_mh_info info;

	(void)state;
	memcpy(hdr, HAO_HDR, sizeof(hdr));
	hdr[1] = 3;                      /* says 32 bytes, 24 given */
	assert_int_equal(parse_one(IPV6_DSTOPTS, hdr, sizeof(hdr), &info), -EINVAL);
	assert_false(info.has_hao);
	assert_int_equal(parse_one(IPV6_DSTOPTS, hdr, 4, &info), -EINVAL);
	assert_false(info.has_hao);
}

static void test_parse_hao_wrong_size(void **state)
{
	/* A "HAO" of 8 bytes padded out with a PadN. */
	static const uint8_t hdr[24] = {
		59, 2, 0xc9, 8, 1, 2, 3, 4, 5, 6, 7, 8,
		1, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_DSTOPTS, hdr, sizeof(hdr), &info), -EINVAL);
	assert_false(info.has_hao);
}

static void test_parse_hao_overruns(void **state)
{
	/* The option claims 16 bytes where the header has 6 left. */
	static const uint8_t hdr[8] = { 59, 0, 0xc9, 16, 1, 2, 3, 4 };
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_DSTOPTS, hdr, sizeof(hdr), &info), -EINVAL);
	assert_false(info.has_hao);
}

static void test_parse_hao_after_pad1(void **state)
{
	uint8_t hdr[24] = { 59, 2, 0, 0, 0, 0, 0xc9, 16 };
	struct sys_mh_info info;

	(void)state;
	memcpy(hdr + 8, HOA, 16);
	assert_int_equal(parse_one(IPV6_DSTOPTS, hdr, sizeof(hdr), &info), 0);
	assert_true(info.has_hao);
	assert_memory_equal(info.hao.u.bytes, HOA, 16);
}

static void test_parse_rthdr_type0_ignored(void **state)
{
	uint8_t rh[MH_RTH2_LEN] = { 59, 2, 0, 1 };
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_RTHDR, rh, sizeof(rh), &info), 0);
	assert_false(info.has_rth2);
}

static void test_parse_rthdr_bad(void **state)
{
	uint8_t rh[40] = { 59, 4, 2, 0 };  /* type 2 with two addresses */
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_RTHDR, rh, sizeof(rh), &info), -EINVAL);
	assert_false(info.has_rth2);
	rh[1] = 2;                       /* length field disagrees with the data */
	assert_int_equal(parse_one(IPV6_RTHDR, rh, sizeof(rh), &info), -EINVAL);
	assert_int_equal(parse_one(IPV6_RTHDR, rh, 6, &info), -EINVAL);
	assert_false(info.has_rth2);
}

static void test_parse_rthdr_as_delivered(void **state)
{
	/* After processing, segments left is 0. */
	uint8_t rh[MH_RTH2_LEN] = { 59, 2, 2, 0 };
	struct sys_mh_info info;

	(void)state;
	memcpy(rh + 8, HOA, 16);
	assert_int_equal(parse_one(IPV6_RTHDR, rh, sizeof(rh), &info), 0);
	assert_true(info.has_rth2);
	assert_memory_equal(info.rth2.u.bytes, HOA, 16);
}

static void test_parse_short_pktinfo(void **state)
{
	uint8_t pi[8] = { 0 };
	struct sys_mh_info info;

	(void)state;
	assert_int_equal(parse_one(IPV6_PKTINFO, pi, sizeof(pi), &info), -EINVAL);
	assert_int_equal(info.ifindex, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pktinfo_only),
		cmocka_unit_test(test_unspecified_source),
		cmocka_unit_test(test_rth2_bytes),
		cmocka_unit_test(test_hao_bytes),
		cmocka_unit_test(test_both_in_order),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_parse_round_trip),
		cmocka_unit_test(test_checksum_over_home_address),
		cmocka_unit_test(test_checksum_errors),
		cmocka_unit_test(test_parse_dstopts_without_hao),
		cmocka_unit_test(test_parse_dstopts_bad_length),
		cmocka_unit_test(test_parse_hao_wrong_size),
		cmocka_unit_test(test_parse_hao_overruns),
		cmocka_unit_test(test_parse_hao_after_pad1),
		cmocka_unit_test(test_parse_rthdr_type0_ignored),
		cmocka_unit_test(test_parse_rthdr_bad),
		cmocka_unit_test(test_parse_rthdr_as_delivered),
		cmocka_unit_test(test_parse_short_pktinfo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
