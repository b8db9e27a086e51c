/* IPv6 pseudo-header checksum. */
#include "config.h"

#include "mip6d/sys/csum.h"

static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t len)
{
	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t sys_ip6_checksum(const struct in6_addr *src, const struct in6_addr *dst,
			  uint8_t nexthdr, const uint8_t *msg, size_t len)
{
	uint8_t tail[8] = { 0 };
	uint32_t sum = 0;

	tail[0] = (uint8_t)(len >> 24);
	tail[1] = (uint8_t)(len >> 16);
	tail[2] = (uint8_t)(len >> 8);
	tail[3] = (uint8_t)len;
	tail[7] = nexthdr;
	sum = sum16(sum, src->s6_addr, 16);
	sum = sum16(sum, dst->s6_addr, 16);
	sum = sum16(sum, tail, sizeof(tail));
	sum = sum16(sum, msg, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
