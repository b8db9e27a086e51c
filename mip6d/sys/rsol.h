/* Router Solicitations of the mobile node on link up (RFC 4861 6.3.7).
 * Right after a link comes up its link-local address is still tentative
 * (DAD takes 1-2 s), so the kernel has no source for an ordinary ICMPv6
 * socket: the solicitation then leaves from the unspecified address,
 * without a source link-layer option (RFC 4861 4.1), whole through an
 * IPPROTO_RAW socket.  Routers answer such an RS to all-nodes. */
#ifndef MIP6D_SYS_RSOL_H
#define MIP6D_SYS_RSOL_H

#include <stddef.h>
#include <stdint.h>

/* A complete RS packet: IPv6 header from :: to all-routers (ff02::2), hop
 * limit 255, the RS without option, checksummed.  Pure.  Returns the
 * length or -ENOSPC. */
int sys_rs_build_unspec_packet(uint8_t *buf, size_t len);

/* Sends an RS on ifindex: from the ICMPv6 socket icmp_fd (sys_icmp6_open)
 * with lladdr as source link-layer option when the interface has a usable
 * address, else from :: through raw_fd (socket(AF_INET6, SOCK_RAW,
 * IPPROTO_RAW)).  0 or -errno. */
int sys_rs_send(int icmp_fd, int raw_fd, int ifindex, const uint8_t *lladdr, size_t lllen);

#endif
