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

/* What goes on the wire.  With rth2 set (a BA to a mobile node away from
 * home: dst = CoA, rth2 = HoA), the socket API wants it the other way
 * round -- the final destination (HoA) as the sendmsg address and the hop
 * (CoA) in the routing header, which the kernel swaps into the IPv6
 * header -- and sys_mhsock_send does so. */
struct sys_mh_send {
	struct ip_addr src;               /* AF_UNSPEC: the kernel picks */
	struct ip_addr dst;               /* IPv6 destination */
	int ifindex;                      /* 0: by route */
	struct ip_addr rth2;              /* the HoA carried in a Type 2 RH; AF_UNSPEC: none */
	struct ip_addr hao;               /* the HoA carried in a HAO (src = CoA); AF_UNSPEC: none */
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
 * always (source and interface), IPV6_RTHDR with a Type 2 header holding
 * s->dst when s->rth2 is set (see above), IPV6_DSTOPTS with a HAO holding
 * s->hao when that is set.  Sets *used
 * to the msg_controllen to pass.  -ENOSPC, or -EINVAL for non-IPv6
 * addresses. */
int sys_mh_cmsg_build(uint8_t *ctl, size_t cap, const struct sys_mh_send *s, size_t *used);
/* Writes the MH checksum (bytes 4-5 of msg) as the receiver verifies it:
 * over the addresses its upper layer sees, the HoA of a HAO as source
 * (RFC 6275 6.3) and the HoA of a Type 2 RH as destination.  The kernel's
 * own checksumming (IPV6_CHECKSUM) sums the care-of source instead, so an
 * MH with a HAO needs this.  -EINVAL if msg is shorter than 6 bytes or the
 * addresses are not IPv6. */
int sys_mh_checksum_set(uint8_t *msg, size_t len, const struct sys_mh_send *s);
/* Reads the control messages of a received MH into info (dst, ifindex,
 * HAO, Type 2 RH); src is left as it is.  Malformed DSTOPTS or RTHDR data
 * are ignored (has_* stays 0), and -EINVAL is returned after the walk. */
int sys_mh_cmsg_parse(const struct msghdr *mh, struct sys_mh_info *info);

#endif
