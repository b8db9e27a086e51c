/* ICMPv6 raw sockets for Neighbour Discovery: receive (Router
 * Advertisements, Neighbour Solicitations and Advertisements) with the
 * source, destination, interface and hop limit of each message, and send
 * with hop limit 255 on a chosen interface.  The RA options are parsed by
 * the Mobility Header codec, not here. */
#ifndef MIP6D_SYS_ICMP6_H
#define MIP6D_SYS_ICMP6_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

struct sys_icmp6_info {
	struct ip_addr src, dst;
	int ifindex;
	int hoplimit;                    /* -1 if the kernel gave none */
};

/* Opens a non-blocking ICMPv6 socket passing only the ntypes ICMPv6 types
 * listed (ICMP6_FILTER), with IPV6_RECVPKTINFO and IPV6_RECVHOPLIMIT, and
 * hop limit 255 on what it sends.  *fd is the descriptor for the event
 * loop; close it with close(2). */
int sys_icmp6_open(int *fd, const uint8_t *types, size_t ntypes);
/* Receives one message into buf (ICMPv6 header first); ND receivers must
 * drop what arrives with a hop limit other than 255 (RFC 4861).  Returns
 * its length or -errno (-EAGAIN when nothing is queued; -EMSGSIZE if
 * truncated). */
int sys_icmp6_recv(int fd, void *buf, size_t len, struct sys_icmp6_info *info);
/* Sends msg to dst on ifindex (needed for link-local and multicast dst),
 * from src (NULL or AF_UNSPEC: the kernel picks).  0 or -errno. */
int sys_icmp6_send(int fd, int ifindex, const struct ip_addr *src, const struct ip_addr *dst,
		   const void *msg, size_t len);

/* A Router Solicitation to all-routers, with lladdr as its source
 * link-layer option if given. */
int sys_icmp6_send_rs(int fd, int ifindex, const uint8_t *lladdr, size_t lllen);

/* Joins or leaves a multicast group on ifindex (e.g. a solicited-node
 * group, to see DAD probes for a proxied address). */
int sys_icmp6_join(int fd, int ifindex, const struct ip_addr *group, int join);

#endif
