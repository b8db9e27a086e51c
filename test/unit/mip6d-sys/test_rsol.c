/* The Router Solicitation sent from :: while the link-local address is
 * tentative: the whole IPv6 packet byte by byte, its checksum, and a
 * buffer too small. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/rsol.h"

static void rs_packet(void **state)
{
	static const uint8_t hdr[40] = {
		0x60, 0, 0, 0, 0, 8, 58, 255,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
	};
	struct in6_addr src, dst;
	uint8_t buf[128];

	(void)state;
	assert_int_equal(sys_rs_build_unspec_packet(buf, sizeof(buf)), 48);
	assert_memory_equal(buf, hdr, 40);
	assert_int_equal(buf[40], SYS_ND_TYPE_RS);
	assert_int_equal(buf[41], 0);
	assert_int_equal(buf[44] | buf[45] | buf[46] | buf[47], 0);
	memcpy(&src, buf + 8, 16);
	memcpy(&dst, buf + 24, 16);
	/* Over a message with its checksum in place, the sum verifies to 0;
	 * the value itself is the one-complement sum of the pseudo-header
	 * (ff02::2, length 8, next header 58) and type 133: 0x7bb8. */
	assert_int_equal(sys_nd_icmp6_checksum(&src, &dst, buf + 40, 8), 0);
	assert_int_equal(buf[42] << 8 | buf[43], 0x7bb8);
}

static void too_small(void **state)
{
	uint8_t buf[47];

	(void)state;
	assert_int_equal(sys_rs_build_unspec_packet(buf, 39), -ENOSPC);
	assert_true(sys_rs_build_unspec_packet(buf, sizeof(buf)) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rs_packet),
		cmocka_unit_test(too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
