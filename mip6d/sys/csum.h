/* The Internet checksum of an IPv6 upper-layer message with its
 * pseudo-header (RFC 8200 8.1), for the ND and MH messages built here. */
#ifndef MIP6D_SYS_CSUM_H
#define MIP6D_SYS_CSUM_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* Sums src, dst, len and nexthdr with msg as it is: zero msg's checksum
 * field first to compute it, or leave it to verify (the result is then 0). */
uint16_t sys_ip6_checksum(const struct in6_addr *src, const struct in6_addr *dst,
			  uint8_t nexthdr, const uint8_t *msg, size_t len);

#endif
