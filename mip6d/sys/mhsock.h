/* The Mobility Header raw socket (IPPROTO_MH, 135): the kernel computes
 * and checks the MH checksum (offset 4); received packets come with their
 * destination, interface, Home Address option and Type 2 Routing Header
 * (mhcmsg.h).  Sending with a HAO or Type 2 RH needs a kernel with MIPv6
 * (IPV6_MIP6); receiving them needs its route-optimisation XFRM states
 * (a wildcard hao/route2 state), as UMIP installs. */
#ifndef MIP6D_SYS_MHSOCK_H
#define MIP6D_SYS_MHSOCK_H

#include <stddef.h>

#include "mip6d/sys/mhcmsg.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

#define SYS_MH_MAX 1280

/* Opens the non-blocking socket whose fd the event loop watches. */
int sys_mhsock_open(int *fd);
/* Receives one MH into buf.  Returns its length or -errno (-EAGAIN when
 * nothing is queued, -EMSGSIZE if truncated). */
int sys_mhsock_recv(int fd, void *buf, size_t len, struct sys_mh_info *info);
/* Sends msg (the MH) as s describes; the checksum is filled in.  With a
 * HAO the message (at most SYS_MH_MAX bytes) leaves through a socket of its
 * own without kernel checksumming, its checksum summed over the HoA
 * (sys_mh_checksum_set).  Alternatively the HAO can come from an XFRM
 * DSTOPTS state, as UMIP does: then send from the HoA without s->hao.
 * 0 or -errno. */
int sys_mhsock_send(int fd, const struct sys_mh_send *s, const void *msg, size_t len);

#endif
