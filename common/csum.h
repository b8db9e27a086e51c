/* The Internet checksum of an IPv6 upper-layer message with its
 * pseudo-header (RFC 8200 8.1): Mobility Header, ICMPv6 (ND, DHAAD). */
#ifndef COMMON_CSUM_H
#define COMMON_CSUM_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* Sums the pseudo-header for next header nh and data as it is: zero the
 * message's checksum field first to compute it, or leave it in place to
 * verify (the result is then 0). */
uint16_t inet6_checksum(const struct in6_addr *src, const struct in6_addr *dst, uint8_t nh,
			const void *data, size_t len);

#endif
