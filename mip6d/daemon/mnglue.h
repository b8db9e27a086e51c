/* The Mobile Node: the binding update list engine (mn/bul.h) wired to the
 * kernel.  Movement is read from Router Advertisements (mnnd.h); addresses
 * configured by other means still count, from
 * rtnetlink address events: the usable global address of the configured
 * interface with the best (smallest) MnIfPreference is the care-of address;
 * the home prefix advertised on the home link's interface (or an address
 * of it there) means home.  Away, the HoA lives on an ip6ip6
 * tunnel to the HA (as UMIP: removed from the home interface, /128 on the
 * tunnel, "from HoA lookup 252" with a default route into the tunnel);
 * back home it returns to the home interface before the de-registration.
 * One MnHomeLink (the first) is served. */
#ifndef MIP6D_DAEMON_MNGLUE_H
#define MIP6D_DAEMON_MNGLUE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/evloop.h"
#include "common/timer.h"
#include "common/ipsec.h"
#include "mip6d/conf/conf.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/daemon/mnnd.h"
#include "mip6d/daemon/mrglue.h"
#include "mip6d/ipsec/plan.h"
#include "mip6d/mn/bul.h"
#include "mip6d/mn/movedet.h"
#include "mip6d/sys/mhcmsg.h"
#include "mip6d/sys/sysctl.h"

#define MNG_MAX_CAND 32
/* A global address on one of the MN's interfaces. */
struct mng_cand {
	int ifindex;
	unsigned pref;                  /* MnIfPreference; 0: not a configured interface */
	struct ip_prefix addr;
	bool usable;                    /* DAD done (or optimistic) */
	bool ra;                        /* formed by mip6d from an RA */
};

struct mng {
	struct bul bul;
	struct bule *e;
	const struct dk_ops *ops;
	void *k;
	const struct mip6_conf *conf;
	const struct conf_home_link *hl;
	struct mip6_ipsec_binding ib;
	struct mrg mr;                  /* NEMO mobile router (IsMobRtr) */
	int home_ifindex;
	int tnl_ifindex;                /* 0: no tunnel */
	int coa_ifindex;
	/* The HAO of our BUs comes from an XFRM DSTOPTS state (as UMIP), so
	 * that the BU, sent from the HoA, matches the HoA <-> HA IPsec
	 * policy; without MIP6 in the kernel, from the socket's HAO instead. */
	struct ipsec_sa hao_sa;
	struct ipsec_policy hao_sp;
	bool hao_sa_on, hao_sp_on;
	bool away;
	struct ip_addr coa;             /* current; AF_UNSPEC at home */
	struct mng_cand cand[MNG_MAX_CAND];
	size_t n_cand;
	struct mng_cand home_cand;      /* the home prefix seen in an RA on the home link */
	uint64_t rx_mh, rx_bad, tx_bu, tx_fail;
	/* Router Advertisements (mng_nd_start). */
	struct md md;
	struct timer md_timer;
	struct mng_if ifs[MNG_MAX_IF];
	size_t n_ifs;
	struct ev_io nd_io;
	int nd_fd, raw_fd;              /* ICMPv6 (RA, NS, NA; RS, NS); IPPROTO_RAW (RS from ::) */
	int ll_fd;                      /* packet socket: a known link's NS (sys/llns.h) */
	struct nl_sock *nl;
	/* Care-of addresses added on a link's return, before its router
	 * confirmed it (RFC 6059): not candidates yet. */
	struct mng_dna dna[MNG_MAX_DNA];
	size_t n_dna;
	struct sys_sysctl_saved sysctl;
	bool sysctl_on;                 /* mng_nd_start ran: sysctls are ours to change */
	bool dna_by_na;                 /* md_apply runs for a router's NA */
	uint64_t tx_rs, tx_probe, coa_formed;
};

/* ifpref(ifindex) of the configured interfaces is given to mng_addr as pref. */
int mng_init(struct mng *m, struct timerq *tq, const struct mip6_conf *conf,
	     const struct dk_ops *ops, void *k, int home_ifindex, uint16_t seq);
/* Back to the state before mng_init in the kernel: tunnel, rule and routes
 * removed, the HoA back on the home interface, the IPsec endpoint home;
 * the default routes mip6d added removed and the sysctls restored (the
 * care-of addresses stay, the kernel's autoconfiguration takes them over). */
void mng_fini(struct mng *m);

/* An address appeared, changed (add) or went away on ifindex, whose
 * MnIfPreference is pref (0: not configured). */
void mng_addr(struct mng *m, int ifindex, unsigned pref, const struct ip_prefix *a,
	      bool usable, bool add);
/* ifindex went down: its addresses, routers and prefixes are forgotten. */
void mng_link_down(struct mng *m, int ifindex);
/* Re-evaluates where we are after a batch of mng_addr calls. */
void mng_reselect(struct mng *m);
/* Adds (add) or removes the candidate address a of ifindex; ra: formed by
 * mip6d from an RA (mnnd.c). */
void mng_cand_set(struct mng *m, int ifindex, unsigned pref, const struct ip_prefix *a,
		  bool usable, bool add, bool ra);
/* The best candidate, or NULL (exported for tests). */
const struct mng_cand *mng_best(const struct mng *m);

void mng_input(struct mng *m, const uint8_t *buf, size_t len, const struct sys_mh_info *info);
/* An SA to dst was installed (XFRM NEWSA/UPDSA). */
void mng_sa_installed(struct mng *m, const struct ip_addr *dst);

#endif
