/* Ancillary data of Mobility Header packets (RFC 3542 + RFC 6275): the
 * control messages that send an MH from a chosen source with a Type 2
 * Routing Header or a Home Address destination option, and the decoding of
 * those the kernel attaches to a received MH.  Pure: no I/O. */
#ifndef MIP6D_SYS_MHCMSG_H
#define MIP6D_SYS_MHCMSG_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "common/addr.h"

#define MH_OPT_HAO 201                /* Home Address option type (0xC9) */
#define MH_RTH2_LEN 24                /* Type 2 Routing Header, one address */
#define MH_HAO_HDR_LEN 24             /* Destination Options header with a HAO */

/* Room for every control message sys_mh_cmsg_build writes. */
#define MH_CMSG_SPACE (CMSG_SPACE(sizeof(struct in6_pktinfo)) + \
		       CMSG_SPACE(MH_RTH2_LEN) + CMSG_SPACE(MH_HAO_HDR_LEN))

struct sys_mh_send {
	struct ip_addr src;               /* AF_UNSPEC: the kernel picks */
	struct ip_addr dst;
	int ifindex;                      /* 0: by route */
	struct ip_addr rth2;              /* address in a Type 2 RH (the HoA, to a CoA); AF_UNSPEC: none */
	struct ip_addr hao;               /* address in a HAO (the HoA, src = CoA); AF_UNSPEC: none */
};

struct sys_mh_info {
	struct ip_addr src, dst;          /* of the IPv6 header as delivered */
	int ifindex;
	int has_hao;
	struct ip_addr hao;               /* the HAO's address as delivered */
	int has_rth2;
	struct ip_addr rth2;              /* the Type 2 RH's address as delivered */
};

/* Writes the control messages for s into ctl (cap bytes): IPV6_PKTINFO
 * always (source and interface), IPV6_RTHDR with a Type 2 header when
 * s->rth2 is set, IPV6_DSTOPTS with a HAO when s->hao is set.  Sets *used
 * to the msg_controllen to pass.  -ENOSPC, or -EINVAL for non-IPv6
 * addresses. */
int sys_mh_cmsg_build(uint8_t *ctl, size_t cap, const struct sys_mh_send *s, size_t *used);
/* Reads the control messages of a received MH into info (dst, ifindex,
 * HAO, Type 2 RH); src is left as it is.  Malformed DSTOPTS or RTHDR data
 * are ignored (has_* stays 0), and -EINVAL is returned after the walk. */
int sys_mh_cmsg_parse(const struct msghdr *mh, struct sys_mh_info *info);

#endif
