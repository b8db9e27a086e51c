/* Addresses and prefixes: parsing (good and bad), formatting, ordering,
 * containment on byte and bit boundaries, masking, sockaddr round trips. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/addr.h"

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static struct ip_prefix P(const char *s)
{
	struct ip_prefix p;

	assert_int_equal(prefix_parse(&p, s), 0);
	return p;
}

static void test_family_len(void **state)
{
	struct ip_addr a = { .family = AF_UNSPEC };

	(void)state;
	assert_int_equal(addr_family_len(AF_INET), 4);
	assert_int_equal(addr_family_len(AF_INET6), 16);
	assert_int_equal(addr_family_len(AF_UNSPEC), 0);
	assert_int_equal(addr_family_len(AF_UNIX), 0);
	assert_int_equal(addr_len(&a), 0);
	assert_int_equal(addr_bits(&a), 0);
	a = A("::1");
	assert_int_equal(addr_bits(&a), 128);
	a = A("10.0.0.1");
	assert_int_equal(addr_bits(&a), 32);
}

static void test_parse_v6(void **state)
{
	struct ip_addr a;
	static const uint8_t one[16] = { [15] = 1 };
	static const uint8_t zero[16];
	static const uint8_t doc[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0x12, [15] = 0x34 };

	(void)state;
	assert_int_equal(addr_parse(&a, "::1"), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_memory_equal(a.u.bytes, one, 16);
	assert_int_equal(addr_parse(&a, "::"), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_memory_equal(a.u.bytes, zero, 16);
	assert_true(addr_is_any(&a));
	assert_int_equal(addr_parse(&a, "2001:DB8::1234"), 0);
	assert_memory_equal(a.u.bytes, doc, 16);
	/* v4-mapped stays IPv6 */
	assert_int_equal(addr_parse(&a, "::ffff:192.0.2.1"), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(a.u.bytes[12], 192);
}

static void test_parse_v4(void **state)
{
	struct ip_addr a;

	(void)state;
	assert_int_equal(addr_parse(&a, "192.0.2.33"), 0);
	assert_int_equal(a.family, AF_INET);
	assert_memory_equal(a.u.bytes, "\xc0\x00\x02\x21", 4);
	/* the rest of the union is zero, so comparisons are well defined */
	assert_int_equal(a.u.bytes[4], 0);
	assert_int_equal(a.u.bytes[15], 0);
	assert_int_equal(addr_parse(&a, "0.0.0.0"), 0);
	assert_true(addr_is_any(&a));
	assert_int_equal(addr_parse(&a, "255.255.255.255"), 0);
	assert_false(addr_is_any(&a));
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4",
		"01.2.3.4x", "::1::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "gggg::",
		"12345::", "::1/128", "1.2.3.4/32", "localhost", ":", ":::",
	};
	struct ip_addr a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.family = AF_INET6;
		assert_int_equal(addr_parse(&a, bad[i]), -EINVAL);
		/* a failed parse leaves "no address" */
		assert_int_equal(a.family, AF_UNSPEC);
	}
}

static void test_prefix_parse(void **state)
{
	struct ip_prefix p;

	(void)state;
	assert_int_equal(prefix_parse(&p, "2001:db8::/32"), 0);
	assert_int_equal(p.addr.family, AF_INET6);
	assert_int_equal(p.len, 32);
	assert_int_equal(prefix_parse(&p, "::/0"), 0);
	assert_int_equal(p.len, 0);
	assert_int_equal(prefix_parse(&p, "::1/128"), 0);
	assert_int_equal(p.len, 128);
	assert_int_equal(prefix_parse(&p, "10.1.0.0/16"), 0);
	assert_int_equal(p.addr.family, AF_INET);
	assert_int_equal(p.len, 16);
	assert_int_equal(prefix_parse(&p, "0.0.0.0/0"), 0);
	assert_int_equal(p.len, 0);
	/* a bare address gets the full length */
	assert_int_equal(prefix_parse(&p, "192.0.2.1"), 0);
	assert_int_equal(p.len, 32);
	assert_int_equal(prefix_parse(&p, "::"), 0);
	assert_int_equal(p.len, 128);
}

static void test_prefix_parse_bad(void **state)
{
	static const char *const bad[] = {
		"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/8x",
		"10.0.0.0/ 8", "10.0.0.0/8/8", "::/129", "::/1000", "::/99999999999999999999999",
		"/8", "", "10.0.0/8", "zz::/8", "::/0x10",
		/* longer than any address */
		"1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb/8",
	};
	struct ip_prefix p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(prefix_parse(&p, bad[i]), -EINVAL);
}

static void test_fmt(void **state)
{
	char buf[ADDR_STRLEN];
	struct ip_addr a;
	struct ip_prefix p;

	(void)state;
	a = A("2001:0db8:0000:0000:0000:0000:0000:0001");
	assert_string_equal(addr_fmt(&a, buf, sizeof(buf)), "2001:db8::1");
	a = A("::");
	assert_string_equal(addr_fmt(&a, buf, sizeof(buf)), "::");
	a = A("192.0.2.1");
	assert_ptr_equal(addr_fmt(&a, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "192.0.2.1");
	memset(&a, 0, sizeof(a));
	assert_string_equal(addr_fmt(&a, buf, sizeof(buf)), "(none)");
	a = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	p.addr = a;
	p.len = 128;
	assert_string_equal(prefix_fmt(&p, buf, sizeof(buf)), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	p = P("10.0.0.0/8");
	assert_string_equal(prefix_fmt(&p, buf, sizeof(buf)), "10.0.0.0/8");
	/* a buffer too small for the address says so */
	a = A("2001:db8::1");
	assert_string_equal(addr_fmt(&a, buf, 5), "(inv");
}

static void test_constructors(void **state)
{
	struct ip_addr a, b;
	struct in6_addr in6;
	struct in_addr in4;

	(void)state;
	inet_pton(AF_INET6, "2001:db8::5", &in6);
	addr_from_v6(&a, &in6);
	assert_true(addr_eq(&a, &(struct ip_addr){ 0 }) == false);
	b = A("2001:db8::5");
	assert_true(addr_eq(&a, &b));
	inet_pton(AF_INET, "198.51.100.7", &in4);
	addr_from_v4(&a, &in4);
	b = A("198.51.100.7");
	assert_true(addr_eq(&a, &b));
	assert_int_equal(addr_from_bytes(&a, AF_INET, "\xc6\x33\x64\x07"), 0);
	assert_true(addr_eq(&a, &b));
	assert_int_equal(addr_from_bytes(&a, AF_INET6, &in6), 0);
	b = A("2001:db8::5");
	assert_true(addr_eq(&a, &b));
	assert_int_equal(addr_from_bytes(&a, AF_UNIX, &in6), -EINVAL);
	assert_int_equal(a.family, AF_UNSPEC);
	addr_any(&a, AF_INET6);
	assert_true(addr_is_any(&a));
	assert_true(addr_eq(&a, &(struct ip_addr){ .family = AF_INET6 }));
	addr_any(&a, AF_INET);
	assert_true(addr_is_any(&a));
	addr_any(&a, AF_UNSPEC);
	assert_true(addr_is_any(&a));
}

static void test_cmp(void **state)
{
	struct ip_addr v4a = A("10.0.0.1"), v4b = A("10.0.0.2"), v6a = A("::1"), v6b = A("fe80::1");
	struct ip_addr none = { .family = AF_UNSPEC };
	struct ip_prefix p8 = P("10.0.0.0/8"), p16 = P("10.0.0.0/16"), q8 = P("11.0.0.0/8");

	(void)state;
	assert_true(addr_cmp(&v4a, &v4b) < 0);
	assert_true(addr_cmp(&v4b, &v4a) > 0);
	assert_int_equal(addr_cmp(&v4a, &v4a), 0);
	/* family first: every IPv4 address sorts before every IPv6 one */
	assert_true(addr_cmp(&v4b, &v6a) < 0);
	assert_true(addr_cmp(&v6a, &v4a) > 0);
	assert_true(addr_cmp(&v6a, &v6b) < 0);
	assert_true(addr_cmp(&none, &v4a) < 0);
	assert_false(addr_eq(&v4a, &v4b));
	assert_true(prefix_cmp(&p8, &p16) < 0);
	assert_true(prefix_cmp(&p16, &p8) > 0);
	assert_true(prefix_cmp(&p16, &q8) < 0);
	assert_int_equal(prefix_cmp(&p8, &p8), 0);
}

static void test_contains_byte_boundary(void **state)
{
	struct ip_prefix p = P("2001:db8:1::/48"), v4 = P("192.168.0.0/16");
	struct ip_addr in = A("2001:db8:1:ffff::1"), out = A("2001:db8:2::1");
	struct ip_addr in4 = A("192.168.255.255"), out4 = A("192.169.0.0");

	(void)state;
	assert_true(prefix_contains(&p, &in));
	assert_false(prefix_contains(&p, &out));
	assert_true(prefix_contains(&v4, &in4));
	assert_false(prefix_contains(&v4, &out4));
	/* never across families */
	assert_false(prefix_contains(&v4, &in));
	assert_false(prefix_contains(&p, &in4));
}

static void test_contains_bit_boundary(void **state)
{
	/* /29: 192.0.2.8 .. 192.0.2.15 */
	struct ip_prefix p = P("192.0.2.8/29");
	/* /61: the last byte of the prefix is 0x08 under mask 0xf8 */
	struct ip_prefix q = P("2001:db8:0:8::/61");
	struct ip_addr a;

	(void)state;
	a = A("192.0.2.7");
	assert_false(prefix_contains(&p, &a));
	a = A("192.0.2.8");
	assert_true(prefix_contains(&p, &a));
	a = A("192.0.2.15");
	assert_true(prefix_contains(&p, &a));
	a = A("192.0.2.16");
	assert_false(prefix_contains(&p, &a));
	a = A("2001:db8:0:f:ffff::");
	assert_true(prefix_contains(&q, &a));
	a = A("2001:db8:0:7::");
	assert_false(prefix_contains(&q, &a));
	a = A("2001:db8:0:10::");
	assert_false(prefix_contains(&q, &a));
}

static void test_contains_edges(void **state)
{
	struct ip_prefix all6 = P("::/0"), all4 = P("0.0.0.0/0"), host = P("::1/128"), bad;
	struct ip_addr a = A("fe80::1"), lo = A("::1"), lo2 = A("::2"), v4 = A("1.2.3.4");

	(void)state;
	assert_true(prefix_contains(&all6, &a));
	assert_false(prefix_contains(&all6, &v4));
	assert_true(prefix_contains(&all4, &v4));
	assert_true(prefix_contains(&host, &lo));
	assert_false(prefix_contains(&host, &lo2));
	/* a length beyond the family never matches */
	bad = P("1.2.3.4/32");
	bad.len = 33;
	assert_false(prefix_contains(&bad, &v4));
}

static void test_mask(void **state)
{
	struct ip_prefix p = P("192.0.2.255/29"), q = P("2001:db8:ffff:ffff::1/33");
	struct ip_prefix z = P("255.255.255.255/0"), full = P("1.2.3.4/32");
	struct ip_addr want;

	(void)state;
	prefix_mask(&p);
	want = A("192.0.2.248");
	assert_true(addr_eq(&p.addr, &want));
	assert_int_equal(p.len, 29);
	prefix_mask(&q);
	want = A("2001:db8:8000::");
	assert_true(addr_eq(&q.addr, &want));
	prefix_mask(&z);
	assert_true(addr_is_any(&z.addr));
	prefix_mask(&full);
	want = A("1.2.3.4");
	assert_true(addr_eq(&full.addr, &want));
}

static void test_sockaddr_round_trip(void **state)
{
	struct sockaddr_storage ss;
	struct ip_addr a = A("2001:db8::7"), b;
	uint16_t port = 0;
	int len;

	(void)state;
	len = addr_to_sockaddr(&a, 500, &ss);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
	assert_int_equal(ss.ss_family, AF_INET6);
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&ss)->sin6_port), 500);
	assert_int_equal(addr_from_sockaddr(&b, &port, (struct sockaddr *)&ss, (socklen_t)len), 0);
	assert_true(addr_eq(&a, &b));
	assert_int_equal(port, 500);

	a = A("203.0.113.9");
	len = addr_to_sockaddr(&a, 4500, &ss);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_int_equal(ntohs(((struct sockaddr_in *)&ss)->sin_port), 4500);
	assert_int_equal(addr_from_sockaddr(&b, &port, (struct sockaddr *)&ss, (socklen_t)len), 0);
	assert_true(addr_eq(&a, &b));
	assert_int_equal(port, 4500);
	/* the port is optional */
	assert_int_equal(addr_from_sockaddr(&b, NULL, (struct sockaddr *)&ss, (socklen_t)len), 0);
}

static void test_sockaddr_bad(void **state)
{
	struct sockaddr_storage ss;
	struct ip_addr none = { .family = AF_UNSPEC }, b;
	struct ip_addr a = A("2001:db8::7");

	(void)state;
	assert_int_equal(addr_to_sockaddr(&none, 1, &ss), -EINVAL);
	/* too short for its family */
	addr_to_sockaddr(&a, 1, &ss);
	assert_int_equal(addr_from_sockaddr(&b, NULL, (struct sockaddr *)&ss, sizeof(struct sockaddr_in6) - 1),
			 -EINVAL);
	a = A("1.2.3.4");
	addr_to_sockaddr(&a, 1, &ss);
	assert_int_equal(addr_from_sockaddr(&b, NULL, (struct sockaddr *)&ss, sizeof(struct sockaddr_in) - 1),
			 -EINVAL);
	assert_int_equal(addr_from_sockaddr(&b, NULL, (struct sockaddr *)&ss, 1), -EINVAL);
	/* other families */
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = AF_UNIX;
	assert_int_equal(addr_from_sockaddr(&b, NULL, (struct sockaddr *)&ss, sizeof(ss)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_family_len),
		cmocka_unit_test(test_parse_v6),
		cmocka_unit_test(test_parse_v4),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_prefix_parse),
		cmocka_unit_test(test_prefix_parse_bad),
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_constructors),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_contains_byte_boundary),
		cmocka_unit_test(test_contains_bit_boundary),
		cmocka_unit_test(test_contains_edges),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_sockaddr_round_trip),
		cmocka_unit_test(test_sockaddr_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
