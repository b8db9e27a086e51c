/* The Neighbor Discovery pieces mip6d reads (RFC 4861, RFC 6275 7):
 * Router Advertisements with their Prefix Information (R bit),
 * Advertisement Interval and Home Agent Information options; the same
 * option list carries the prefixes of a Mobile Prefix Advertisement. */
#ifndef MIP6D_MH_ND_H
#define MIP6D_MH_ND_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/wire.h"

#define ND_RA_TYPE 134
#define ND_OPT_PREFIX_INFO 3
#define ND_OPT_ADV_INTERVAL 7
#define ND_OPT_HA_INFO 8

#define ND_RA_F_M 0x80u                 /* managed */
#define ND_RA_F_O 0x40u                 /* other configuration */
#define ND_RA_F_H 0x20u                 /* home agent (RFC 6275 7.1) */

#define ND_PFX_F_L 0x80u                /* on-link */
#define ND_PFX_F_A 0x40u                /* autonomous */
#define ND_PFX_F_R 0x20u                /* router address (RFC 6275 7.2) */

#define ND_PREFIX_MAX 16

struct nd_prefix {
	uint8_t plen;
	uint8_t flags;                  /* ND_PFX_F_* */
	uint32_t valid;                 /* seconds, 0xffffffff = infinity */
	uint32_t preferred;
	struct in6_addr prefix;         /* with R: the router's full address */
};

struct nd_opts {
	uint8_t n_prefix;
	struct nd_prefix prefix[ND_PREFIX_MAX];
	bool has_adv_interval;
	uint32_t adv_interval_ms;
	bool has_ha_info;
	int16_t ha_preference;
	uint16_t ha_lifetime;           /* seconds */
	uint8_t n_other;                /* parse: other options skipped */
};

/* Parses an option list.  Returns 0, -EBADMSG (an option of length 0 or
 * running past the end, a known option of the wrong length, a prefix
 * length above 128), or -ENOBUFS (more than ND_PREFIX_MAX prefixes). */
int nd_opts_parse(struct nd_opts *o, const uint8_t *p, size_t len);
/* Appends the options o holds.  0, -EINVAL or -ENOSPC. */
int nd_opts_build(const struct nd_opts *o, struct wire_wr *w);

struct nd_ra {
	uint8_t cur_hop_limit;
	uint8_t flags;                  /* ND_RA_F_* */
	uint16_t router_lifetime;
	uint32_t reachable_ms;
	uint32_t retrans_ms;
	struct nd_opts opts;
};

/* A whole ICMPv6 Router Advertisement (from the ICMPv6 type on).
 * Returns 0, -EBADMSG, -ENOBUFS or -EPROTONOSUPPORT (not an RA). */
int nd_ra_parse(struct nd_ra *ra, const uint8_t *buf, size_t len);
/* Returns the length or -EINVAL/-ENOSPC; the checksum is filled when src
 * and dst are given. */
int nd_ra_build(const struct nd_ra *ra, const struct in6_addr *src, const struct in6_addr *dst,
		uint8_t *buf, size_t cap);

#endif
