/* The Home Agents List of a home link (RFC 6275 10.1, 10.5.1) and the
 * Home-Agents anycast address of a home prefix (RFC 2526).
 *
 * Entries come from Router Advertisements with the H flag heard on the
 * home link, keyed by their link-local source address: the global
 * addresses are those of the Prefix Information options with the R flag,
 * the preference and lifetime those of the Home Agent Information option
 * (else preference 0 and the Router Lifetime).  A lifetime of 0 removes
 * the entry.  This HA's own entry is added by the daemon and never
 * expires; an RA of its own (multicast loopback, or radvd beside it)
 * updates its preference.  A DHAAD Reply lists the global addresses in a
 * home prefix by preference (higher first), then remaining lifetime
 * (longer first).  Pure: no I/O, the clock is given. */
#ifndef MIP6D_HA_HALIST_H
#define MIP6D_HA_HALIST_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "mip6d/mh/nd.h"

#define HAL_MAX 32u                     /* home agents remembered */
#define HAL_ADDR_MAX 4u                 /* global addresses per home agent */

struct hal_entry {
	struct ip_addr ll;              /* the RA's source; AF_UNSPEC for this HA */
	struct ip_addr addr[HAL_ADDR_MAX];
	uint8_t n_addr;
	int16_t pref;
	bool self;                      /* never expires */
	uint64_t expires;               /* ms on the caller's clock */
};

struct halist {
	struct hal_entry v[HAL_MAX];
	size_t n;
	uint64_t n_full;                /* RAs dropped: list full */
};

struct hal_stats {
	uint64_t ra, ra_bad, ra_not_ha, ra_no_addr;
};

void halist_init(struct halist *l);
/* This HA's own address (added once; preference 0 until an RA says). */
int halist_add_self(struct halist *l, const struct ip_addr *addr);
/* One Router Advertisement (already parsed) from src on the home link, at
 * now (ms).  0 when the list was updated; -EPROTO (no H flag), -EINVAL
 * (source not link-local), -ENODATA (no R-flagged global address), -ENOSPC
 * (list full).  Each is counted in st. */
int halist_ra(struct halist *l, const struct ip_addr *src, const struct nd_ra *ra, uint64_t now,
	      struct hal_stats *st);
/* Drops the entries whose lifetime ended. */
void halist_expire(struct halist *l, uint64_t now);
/* The global addresses of the home agents in home, best first, at most
 * max; returns their number.  self_only: only this HA's (a mobile router
 * asks and the others' support is unknown). */
size_t halist_reply(const struct halist *l, const struct ip_prefix *home, uint64_t now,
		    bool self_only, struct in6_addr *out, size_t max);

/* The Home-Agents subnet anycast address of prefix p (anycast ID 126):
 * for a prefix of 64 bits or less the interface identifier is in EUI-64
 * form with the universal/local bit 0, fdff:ffff:ffff:fffe (bits between
 * the prefix and bit 64 set); for 65..120 bits every bit after the prefix
 * is 1 but the ID.  0, or -EINVAL (not IPv6, or longer than 120 bits). */
int ha_anycast(const struct ip_prefix *p, struct ip_addr *out);

#endif
