/* The Neighbour Solicitation that checks a known link (RFC 6059 2.1:
 * unicast to the router's remembered link-layer address), sent as a whole
 * IPv6 packet through a packet socket.  Right after link up the kernel's
 * IPv6 on the link is not ready until its operational state is reported
 * up (up to 1 s later): an ordinary socket cannot send then, a packet
 * socket can, and the router's NA is received all the same. */
#ifndef MIP6D_SYS_LLNS_H
#define MIP6D_SYS_LLNS_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* IPv6 header from src to dst, hop limit 255, an NS for dst with lladdr
 * as its source link-layer option, checksummed.  Pure.  Returns the length
 * or -ENOSPC/-EINVAL. */
int sys_llns_build(uint8_t *buf, size_t len, const struct in6_addr *src,
		   const struct in6_addr *dst, const uint8_t *lladdr, size_t lllen);

/* Opens the packet socket (AF_PACKET, SOCK_DGRAM, IPv6).  0 or -errno. */
int sys_llns_open(int *fd);
/* Sends the NS on ifindex to the link-layer address dst_ll.  0 or -errno. */
int sys_llns_send(int fd, int ifindex, const uint8_t *dst_ll, size_t dst_lllen,
		  const struct in6_addr *src, const struct in6_addr *dst,
		  const uint8_t *lladdr, size_t lllen);

#endif
