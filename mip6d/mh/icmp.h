/* The ICMPv6 messages of Mobile IPv6 (RFC 6275 6.5-6.8, RFC 3963 R bit):
 * Home Agent Address Discovery Request/Reply and Mobile Prefix
 * Solicitation/Advertisement. */
#ifndef MIP6D_MH_ICMP_H
#define MIP6D_MH_ICMP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6d/mh/nd.h"

#define ICMP6_DHAAD_REQUEST 144
#define ICMP6_DHAAD_REPLY 145
#define ICMP6_MPS 146
#define ICMP6_MPA 147

/* The 16 bits after the identifier. */
#define DHAAD_F_R 0x8000u               /* mobile router (RFC 3963) */
#define MPA_F_M 0x8000u                 /* managed address configuration */
#define MPA_F_O 0x4000u                 /* other stateful configuration */

#define DHAAD_ADDR_MAX 64

struct mip_icmp {
	uint8_t type;                   /* ICMP6_DHAAD_* or ICMP6_MP* */
	uint16_t id;
	uint16_t flags;
	uint8_t n_addr;                 /* DHAAD reply */
	struct in6_addr addr[DHAAD_ADDR_MAX];
	struct nd_opts opts;            /* MPA: the Prefix Information options */
};

/* Parses from the ICMPv6 type on.  Returns 0, -EBADMSG (short, code not 0,
 * reply address list not a multiple of 16 octets, bad options),
 * -ENOBUFS (more than DHAAD_ADDR_MAX addresses or ND_PREFIX_MAX prefixes)
 * or -EPROTONOSUPPORT (another ICMPv6 type). */
int mip_icmp_parse(struct mip_icmp *m, const uint8_t *buf, size_t len);
/* Returns the length, -EINVAL or -ENOSPC; the checksum is filled when src
 * and dst are given. */
int mip_icmp_build(const struct mip_icmp *m, const struct in6_addr *src,
		   const struct in6_addr *dst, uint8_t *buf, size_t cap);

#endif
