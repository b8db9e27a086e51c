/* The Internet checksum over the IPv6 pseudo-header: see csum.h. */
#include "config.h"

#include "common/csum.h"

static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t inet6_checksum(const struct in6_addr *src, const struct in6_addr *dst, uint8_t nh,
			const void *data, size_t len)
{
	uint8_t pseudo[8] = { 0 };
	uint32_t sum = 0;

	pseudo[0] = (uint8_t)(len >> 24);
	pseudo[1] = (uint8_t)(len >> 16);
	pseudo[2] = (uint8_t)(len >> 8);
	pseudo[3] = (uint8_t)len;
	pseudo[7] = nh;
	sum = sum16(sum, src->s6_addr, 16);
	sum = sum16(sum, dst->s6_addr, 16);
	sum = sum16(sum, pseudo, sizeof(pseudo));
	sum = sum16(sum, data, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
