/* The Mobile Node's movement detection from Router Advertisements (RFC
 * 6275 11.5.1): which routers and prefixes each of its links offers, and
 * the kernel changes that follow, as a pure state machine (no I/O, no
 * clock of its own: the caller gives the time and runs md_tick at
 * md_next).
 *
 * Inputs: a received RA (already decoded by mip6d/mh/nd.h, with the
 * interface, source and hop limit it came with), an NA from a router (a
 * probe answered), link down, the time.  Outputs: actions for the caller
 * (default route via a router, care-of address of a prefix, the home
 * prefix seen on the home link, a reachability probe).
 *
 * Rules:
 * - an RA is used only with hop limit 255 and a link-local source (RFC
 *   4861 6.1.2; the kernel has checked the ICMPv6 checksum), from an
 *   interface the MN is configured for; each rejection has its counter;
 * - a router with a non-zero lifetime is a default router on its link
 *   (MD_ROUTE_ADD), until its lifetime ends, an RA says 0 or it is lost;
 * - a prefix with the A flag and length 64 that is not link-local or
 *   multicast, preferred <= valid (RFC 4862 5.5.3), gives a care-of
 *   address on its link (MD_COA_ADD); its valid lifetime is kept as RFC
 *   4862 5.5.3 e) says (the two-hour rule), and at its end MD_COA_DEL;
 * - the home prefix on the home interface is MD_HOME_ON (no address is
 *   formed: the HoA is ours there); the home prefix elsewhere is ignored;
 * - a router that announced an Advertisement Interval (RFC 6275 7.3) and
 *   is silent for 1.5 intervals is probed `probes` times,
 *   probe_timeout_ms apart (MD_PROBE: an NS to it), and lost if none is
 *   answered; without probes it is lost after 3 silent intervals.  A
 *   lost router's default route and the prefixes only it advertised go
 *   (movement: the link is no longer what it was);
 * - returning to a link (Detecting Network Attachment, RFC 6059): when a
 *   link goes down its default router and prefixes are remembered; when it
 *   comes up again (with dna set) the remembered care-of addresses are
 *   added unconfirmed (MD_DNA_ADDR) and the router probed (MD_DNA_PROBE,
 *   an NS to its link-local address); its NA confirms the link, and the
 *   remembered router and prefixes are used at once (MD_ROUTE_ADD,
 *   MD_COA_ADD, MD_HOME_ON) without waiting for an RA.  An RA first also
 *   ends the check; remembered prefixes it lacks, or no NA within the probe
 *   timeout, withdraw the unconfirmed addresses (MD_DNA_FAIL). */
#ifndef MIP6D_MN_MOVEDET_H
#define MIP6D_MN_MOVEDET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "mip6d/mh/nd.h"

#define MD_MAX_ROUTERS 16
#define MD_MAX_PREFIXES 32
#define MD_MAX_ACTIONS 48
#define MD_MAX_MEMO 8
#define MD_MEMO_PREFIXES 4
#define MD_IID_BITS 64
#define MD_TWO_HOURS_S 7200u
#define MD_INFINITE 0xffffffffu            /* a lifetime that never ends */
#define MD_DEFAULT_PROBE_TIMEOUT_MS 1000u   /* RFC 4861 RETRANS_TIMER */

enum md_act_type {
	MD_ROUTE_ADD = 1,       /* default route via router on ifindex */
	MD_ROUTE_DEL,
	MD_COA_ADD,             /* form the address of prefix on ifindex */
	MD_COA_DEL,
	MD_HOME_ON,             /* the home prefix is advertised on the home link */
	MD_HOME_OFF,
	MD_PROBE,               /* check that router is still reachable (NS) */
	MD_DNA_ADDR,            /* back on a known link: add prefix's address, unconfirmed */
	MD_DNA_PROBE,           /* ... and ask router (NS) whether this is its link */
	MD_DNA_FAIL,            /* withdraw the unconfirmed address of prefix */
};

struct md_action {
	enum md_act_type type;
	int ifindex;
	struct ip_addr router;          /* ROUTE_*, PROBE */
	struct ip_prefix prefix;        /* COA_*, HOME_*: masked */
	uint32_t valid_s, preferred_s;  /* COA_ADD */
};

struct md_actions {
	size_t n;
	struct md_action a[MD_MAX_ACTIONS];
};

/* Where an RA came from. */
struct md_rx {
	int ifindex;
	bool configured;                /* an interface the MN uses (MnIfPreference) */
	struct ip_addr src;
	int hoplimit;                   /* -1: unknown */
};

struct md_stats {
	uint64_t ra;                    /* RAs used */
	uint64_t bad_hoplimit;          /* hop limit not 255 */
	uint64_t bad_src;               /* source not link-local */
	uint64_t bad_format;            /* the decoder refused it */
	uint64_t not_configured;        /* on an interface the MN does not use */
	uint64_t pfx_ignored;           /* prefixes not usable for a care-of address */
	uint64_t table_full;            /* routers or prefixes beyond the tables */
	uint64_t routers_lost;          /* unreachability detected */
	uint64_t probes;                /* MD_PROBE emitted */
	uint64_t dna_ok, dna_fail;      /* returns to a known link confirmed / not */
};

struct md_params {
	int home_ifindex;
	struct ip_prefix home_prefix;
	unsigned probes;                /* MnRouterProbes */
	uint32_t probe_timeout_ms;      /* between two probes; 0: no probing */
	bool dna;                       /* check known links on link up (RFC 6059) */
	uint32_t dna_timeout_ms;        /* wait for the router's NA; 0: RETRANS_TIMER */
};

struct md_router {
	bool used;
	bool is_default;
	bool home_agent;                /* H flag */
	int ifindex;
	struct ip_addr addr;
	uint64_t lifetime_end;          /* is_default: when the router lifetime ends */
	uint32_t adv_interval_ms;       /* 0: not announced */
	uint64_t check_at;              /* next reachability step (0: none) */
	unsigned probes_sent;
};

struct md_prefix {
	bool used;
	bool home;
	int ifindex;
	int router;                     /* index of the last advertiser */
	struct ip_prefix pfx;
	uint64_t valid_end;             /* UINT64_MAX: infinite */
};

/* What a link offered when it went down. */
struct md_memo {
	bool used;
	bool pending;                   /* link up, waiting for the router's NA */
	int ifindex;
	struct ip_addr router;
	uint16_t router_lifetime_s;
	uint32_t adv_interval_ms;
	uint64_t deadline;              /* pending: when the check fails */
	size_t n;
	struct ip_prefix pfx[MD_MEMO_PREFIXES];
	uint64_t valid_end[MD_MEMO_PREFIXES];
};

struct md {
	struct md_params p;
	struct md_memo memo[MD_MAX_MEMO];
	struct md_router r[MD_MAX_ROUTERS];
	struct md_prefix x[MD_MAX_PREFIXES];
	struct md_stats st;
};

void md_init(struct md *m, const struct md_params *p);

/* An RA: ra is the decoded message when parse_rc is 0 (nd_ra_parse's
 * result otherwise, and ra is not read).  Returns 0 when used, -EBADMSG
 * (malformed), -EPERM (hop limit or source), -ENODEV (not configured);
 * each with its counter.  Actions are appended to out. */
int md_ra(struct md *m, const struct md_rx *rx, int parse_rc, const struct nd_ra *ra,
	  uint64_t now, struct md_actions *out);
/* An NA for addr on ifindex: a probed router answered (or a known link
 * is confirmed: actions in out). */
void md_na(struct md *m, int ifindex, const struct ip_addr *addr, uint64_t now,
	   struct md_actions *out);
/* The link came up: with dna and a memory of it, the check of RFC 6059. */
void md_link_up(struct md *m, int ifindex, uint64_t now, struct md_actions *out);
/* The link went down: everything learnt on it goes (actions for what the
 * kernel may still hold), remembered for md_link_up. */
void md_link_down(struct md *m, int ifindex, uint64_t now, struct md_actions *out);
/* Lifetimes and reachability at now. */
void md_tick(struct md *m, uint64_t now, struct md_actions *out);
/* When md_tick is next needed; false when never. */
bool md_next(const struct md *m, uint64_t *when);
/* True while a default router is known on ifindex. */
bool md_has_router(const struct md *m, int ifindex);

/* The address SLAAC forms (RFC 4862 5.5.3 d), RFC 4291 appendix A): the
 * /64 prefix and the modified EUI-64 interface identifier of a 48-bit
 * (EUI-48) or 64-bit link-layer address.  0 or -EINVAL. */
int md_coa(const struct ip_prefix *pfx, const uint8_t *lladdr, size_t lllen,
	   struct ip_prefix *out);

#endif
