/* Neighbour Discovery messages the system layer sends and watches (RFC
 * 4861): Router Solicitation, Neighbour Solicitation and Advertisement with
 * their link-layer address options, the DAD probe as a whole IPv6 packet
 * (it leaves from ::, which only a header-including socket can send), the
 * solicited-node group and the ICMPv6 checksum.  Pure: no I/O. */
#ifndef MIP6D_SYS_NDMSG_H
#define MIP6D_SYS_NDMSG_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define ND_TYPE_RS 133
#define ND_TYPE_RA 134
#define ND_TYPE_NS 135
#define ND_TYPE_NA 136

/* NA flags, as in the first byte after the ICMPv6 header. */
#define ND_NA_ROUTER    0x80
#define ND_NA_SOLICITED 0x40
#define ND_NA_OVERRIDE  0x20

#define ND_OPT_SLLA 1
#define ND_OPT_TLLA 2

#define ND_LLADDR_MAX 16
/* An IPv6 header, an NS/NA and one link-layer address option. */
#define ND_MSG_MAX (40 + 24 + 8 + ND_LLADDR_MAX)

struct nd_msg {
	uint8_t type;                    /* ND_TYPE_NS or ND_TYPE_NA */
	uint8_t flags;                   /* ND_NA_* (NA only) */
	struct in6_addr target;
	uint8_t lladdr[ND_LLADDR_MAX];   /* SLLA (NS) or TLLA (NA) option */
	size_t lladdr_len;               /* 0: no option */
};

/* Builders return the message length or -ENOSPC (buffer too small),
 * -EINVAL (link-layer address longer than ND_LLADDR_MAX).  The checksum is
 * left 0: a raw ICMPv6 socket fills it in.  lladdr NULL or lllen 0: no
 * option. */
int nd_build_rs(uint8_t *buf, size_t len, const uint8_t *lladdr, size_t lllen);
int nd_build_ns(uint8_t *buf, size_t len, const struct in6_addr *target,
		const uint8_t *lladdr, size_t lllen);
int nd_build_na(uint8_t *buf, size_t len, const struct in6_addr *target, uint8_t flags,
		const uint8_t *lladdr, size_t lllen);

/* Decodes an NS or NA (ICMPv6 header included) after the checks of RFC
 * 4861 7.1.1/7.1.2 that need no IP header: code 0, length, a non-multicast
 * target, option lengths non-zero and inside the message.  -EINVAL for a
 * malformed message, -ENOMSG for another ICMPv6 type. */
int nd_parse(const uint8_t *buf, size_t len, struct nd_msg *out);

/* ff02::1:ffXX:XXXX of a. */
void nd_solicited_node(const struct in6_addr *a, struct in6_addr *out);
/* The ICMPv6 checksum over the pseudo-header and msg (its checksum field
 * as it is: zero it first to compute, leave it to verify (result 0)). */
uint16_t nd_icmp6_checksum(const struct in6_addr *src, const struct in6_addr *dst,
			   const uint8_t *msg, size_t len);
/* A complete DAD probe: IPv6 header from :: to target's solicited-node
 * group, hop limit 255, an NS for target without option, checksummed.
 * Returns the packet length or -ENOSPC. */
int nd_build_dad_packet(uint8_t *buf, size_t len, const struct in6_addr *target);

#endif
