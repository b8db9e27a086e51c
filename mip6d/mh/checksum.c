/* The Mobility Header's checksum check (the sum itself is common/csum.c). */
#include "config.h"


#include "mip6d/mh/mh.h"

bool mh_checksum_ok(const struct in6_addr *src, const struct in6_addr *dst, const uint8_t *buf,
		    size_t len)
{
	return inet6_checksum(src, dst, IPPROTO_MH, buf, len) == 0;
}
