/* Dynamic Home Agent Address Discovery (RFC 6275 10.5, 11.4.1) and Mobile
 * Prefix Solicitation/Advertisement (RFC 6275 10.6, 11.4.2), the parts
 * without I/O: what the HA answers to a received message, and what the MN
 * takes from a Reply.  Every message dropped is counted by its reason. */
#ifndef MIP6D_DAEMON_DHAAD_H
#define MIP6D_DAEMON_DHAAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "mip6d/ha/halist.h"
#include "mip6d/mh/icmp.h"

/* RFC 6275 12: INITIAL_DHAAD_TIMEOUT, DHAAD_RETRIES. */
#define DHAAD_INITIAL_TIMEOUT_MS 3000u
#define DHAAD_RETRIES 4u

/* A home prefix this HA serves, with its own address in it. */
struct dhaad_home {
	struct ip_prefix prefix;        /* masked */
	struct ip_addr self;            /* our address in it: the Reply's source */
	struct ip_addr anycast;         /* its Home-Agents anycast address */
	uint32_t valid, preferred;      /* our address's lifetimes (s), for MPAs */
};

struct dhaad_stats {
	uint64_t rx_request, tx_reply;  /* HA */
	uint64_t rx_mps, tx_mpa;        /* HA */
	uint64_t tx_request, rx_reply;  /* MN */
	uint64_t bad_msg;               /* does not parse: short, code, length, options */
	uint64_t bad_dst;               /* request not to the anycast address of a home prefix;
					 * reply not to the care-of address asked from */
	uint64_t bad_src;               /* source not a global unicast address (MPS: not a HoA here) */
	uint64_t stale;                 /* reply: no request outstanding with its identifier */
	uint64_t empty;                 /* reply: no global unicast home agent address */
	uint64_t other;                 /* an ICMPv6 type not handled here */
};

/* Fills h from our address a on the home link (a->len: its prefix). */
int dhaad_home_of(struct dhaad_home *h, const struct ip_prefix *a, uint32_t valid,
		  uint32_t preferred);

/* HA: the answer to one received ICMPv6 message (buf from the type on),
 * sent from src to dst with destination to.  A Request to the anycast
 * address of a home prefix is answered with the home agents of that
 * prefix (RFC 6275 10.5; with the R flag, RFC 3963 7.1, only this HA,
 * and only if it serves mobile routers, else an empty list), from our
 * address in it, to its source.  A Mobile Prefix Solicitation from an
 * address in a home prefix is answered with that prefix (on-link,
 * autonomous, our address's lifetimes).  Returns 0 with *rep to send to
 * *rep_dst from *rep_src, or a negative errno when nothing is sent
 * (counted in st). */
int dhaad_answer(const uint8_t *buf, size_t len, const struct ip_addr *src,
		 const struct ip_addr *dst, const struct halist *hal, const struct dhaad_home *homes,
		 size_t n_homes, bool serves_mr, uint64_t now, struct mip_icmp *rep,
		 struct ip_addr *rep_src, struct ip_addr *rep_dst, struct dhaad_stats *st);

/* MN: takes a DHAAD Reply (buf from the type on) for the request id:
 * *ha gets the first global unicast address listed.  0, -EBADMSG,
 * -EPROTO (not a Reply), -ESTALE (other identifier), -ENODATA (no usable
 * address), each counted. */
int dhaad_take_reply(const uint8_t *buf, size_t len, uint16_t id, struct ip_addr *ha,
		     struct dhaad_stats *st);

/* The retransmission timeout after tries requests (RFC 6275 11.4.1:
 * doubled each time, kept at its DHAAD_RETRIES-th value after that). */
uint32_t dhaad_timeout_ms(unsigned tries);

#endif
