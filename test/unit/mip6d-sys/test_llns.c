/* The known link's NS as a whole IPv6 packet (sys/llns.h): header,
 * NS with its source link-layer option, checksum; buffer too small. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/addr.h"
#include "mip6d/sys/llns.h"
#include "mip6d/sys/ndmsg.h"

static void ns_packet(void **state)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct ip_addr src, dst;
	struct in6_addr s6, d6, t6;
	uint8_t buf[128];
	struct sys_nd_msg m;

	(void)state;
	assert_int_equal(addr_parse(&src, "2001:db8:1::ff:fe00:1"), 0);
	assert_int_equal(addr_parse(&dst, "fe80::1"), 0);
	assert_int_equal(sys_llns_build(buf, sizeof(buf), &src.u.v6, &dst.u.v6, mac, 6), 40 + 32);
	assert_int_equal(buf[0], 0x60);
	assert_int_equal(buf[4] << 8 | buf[5], 32);
	assert_int_equal(buf[6], 58);
	assert_int_equal(buf[7], 255);
	memcpy(&s6, buf + 8, 16);
	memcpy(&d6, buf + 24, 16);
	assert_memory_equal(&s6, &src.u.v6, 16);
	assert_memory_equal(&d6, &dst.u.v6, 16);
	assert_int_equal(sys_nd_icmp6_checksum(&s6, &d6, buf + 40, 32), 0);
	assert_int_equal(sys_nd_parse(buf + 40, 32, &m), 0);
	assert_int_equal(m.type, SYS_ND_TYPE_NS);
	t6 = m.target;
	assert_memory_equal(&t6, &dst.u.v6, 16);
	assert_int_equal(m.lladdr_len, 6);
	assert_memory_equal(m.lladdr, mac, 6);
}

static void too_small(void **state)
{
	struct ip_addr a;
	uint8_t buf[64];

	(void)state;
	assert_int_equal(addr_parse(&a, "fe80::1"), 0);
	assert_int_equal(sys_llns_build(buf, 39, &a.u.v6, &a.u.v6, NULL, 0), -ENOSPC);
	assert_true(sys_llns_build(buf, 50, &a.u.v6, &a.u.v6, NULL, 0) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ns_packet),
		cmocka_unit_test(too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
