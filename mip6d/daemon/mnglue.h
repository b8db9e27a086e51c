/* The Mobile Node: the binding update list engine (mn/bul.h) wired to the
 * kernel.  Movement is read from Router Advertisements (mn/movedet.h): on
 * the configured interfaces the MN sends Router Solicitations at link up,
 * forms the care-of address of each new autoconfiguration prefix itself
 * (modified EUI-64, without DAD when OptimisticHandoff is on), adds the
 * default route via the router and sends the BU at once; the kernel's own
 * autoconfiguration and default router learning are turned off on those
 * interfaces while mip6d runs (autoconf=0, accept_ra_defrtr=0, restored
 * at exit).  Addresses configured by other means still count, from
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
#include "mip6d/daemon/mrglue.h"
#include "mip6d/ipsec/plan.h"
#include "mip6d/mn/bul.h"
#include "mip6d/mn/movedet.h"
#include "mip6d/sys/mhcmsg.h"
#include "mip6d/sys/sysctl.h"

#define MNG_MAX_CAND 32
#define MNG_MAX_IF 16
#define MNG_MAX_RS 3                    /* RFC 4861 MAX_RTR_SOLICITATIONS */
#define MNG_RS_INTERVAL_MS 4000u        /* RFC 4861 RTR_SOLICITATION_INTERVAL */
#define MNG_RT_METRIC 1024u             /* + MnIfPreference: the kernel's RA metric */
#define MNG_MAX_DNA 16
/* Right after link up the kernel may refuse to send (IPv6 not ready on the
 * link until its operational state is up): RS and NS are tried again this
 * often, this many times. */
#define MNG_SEND_RETRY_MS 50u
#define MNG_SEND_RETRIES 20u
/* Known link: how long the router has to answer; the link can take 1 s
 * to be reported running, and an NS sent before may get no answer. */
#define MNG_DNA_TIMEOUT_MS 2000u

/* A global address on one of the MN's interfaces. */
struct mng_cand {
	int ifindex;
	unsigned pref;                  /* MnIfPreference; 0: not a configured interface */
	struct ip_prefix addr;
	bool usable;                    /* DAD done (or optimistic) */
	bool ra;                        /* formed by mip6d from an RA */
};

/* A configured interface (Interface "name" with its MnIfPreference). */
struct mng_if {
	struct mng *m;
	char name[16];
	int ifindex;                    /* 0: not seen yet */
	unsigned pref;
	bool up;                        /* IFF_UP with a carrier */
	bool running;                   /* ... and IFF_RUNNING: the kernel's IPv6 is ready */
	bool ns_when_running;           /* the known-link NS left once the link was running */
	uint8_t lladdr[16];
	size_t lllen;
	unsigned rs_left;               /* Router Solicitations still to send */
	unsigned rs_retries, dna_retries; /* sends refused while the link gets ready */
	struct timer rs_timer;
	struct ip_addr dna_router;      /* known link: the router to ask (NS) */
	struct ip_addr router_ll;       /* a router of this link and its link-layer */
	uint8_t router_mac[16];         /* address, from its NA (kept across link down) */
	size_t router_maclen;
	bool neigh_set;                 /* its neighbour entry was put back at link up */
	struct timer dna_timer;         /* resend of that NS while it cannot leave */
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
	struct mng_dna {
		int ifindex;
		struct ip_prefix addr;
	} dna[MNG_MAX_DNA];
	size_t n_dna;
	struct sys_sysctl_saved sysctl;
	bool sysctl_on;                 /* mng_nd_start ran: sysctls are ours to change */
	bool dna_by_na;                 /* md_apply runs for a router's NA */
	uint64_t tx_rs, tx_probe, coa_formed;
};

/* ifpref(ifindex) of the configured interfaces is given to mng_addr as pref. */
int mng_init(struct mng *m, struct timerq *tq, const struct mip6_conf *conf,
	     const struct dk_ops *ops, void *k, int home_ifindex, uint16_t seq);
/* Takes movement detection over on the configured interfaces: the kernel's
 * autoconf and accept_ra_defrtr off (saved), the RA socket on loop, a
 * Router Solicitation on each.  nl: for link-layer addresses. */
int mng_nd_start(struct mng *m, struct ev_loop *loop, struct nl_sock *nl);
/* ifindex is up and running: Router Solicitations if it was down (and
 * the check of a known link). */
void mng_link_up(struct mng *m, int ifindex);
/* A link's IFF_* flags changed (RTM_NEWLINK): up when administratively up
 * with a carrier (IFF_LOWER_UP), even before the kernel reports it
 * running (IFF_RUNNING follows the operational state, which the kernel's
 * link watch may update up to 1 s later); down otherwise. */
void mng_link_flags(struct mng *m, int ifindex, uint32_t flags);
/* Router Advertisement input (the socket's handler, exported for tests):
 * buf is the ICMPv6 message, src/ifindex/hoplimit as received. */
void mng_nd_input(struct mng *m, const uint8_t *buf, size_t len, const struct ip_addr *src,
		  int ifindex, int hoplimit);
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
/* The best candidate, or NULL (exported for tests). */
const struct mng_cand *mng_best(const struct mng *m);

void mng_input(struct mng *m, const uint8_t *buf, size_t len, const struct sys_mh_info *info);
/* An SA to dst was installed (XFRM NEWSA/UPDSA). */
void mng_sa_installed(struct mng *m, const struct ip_addr *dst);

#endif
