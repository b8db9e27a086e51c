/* The Mobile Node: the binding update list engine (mn/bul.h) wired to the
 * kernel.  Movement is read from rtnetlink address events: the usable
 * global address of the configured interface with the best (smallest)
 * MnIfPreference is the care-of address; an address of the home prefix on
 * the home link's interface means home.  Away, the HoA lives on an ip6ip6
 * tunnel to the HA (as UMIP: removed from the home interface, /128 on the
 * tunnel, "from HoA lookup 252" with a default route into the tunnel);
 * back home it returns to the home interface before the de-registration.
 * One MnHomeLink (the first) is served. */
#ifndef MIP6D_DAEMON_MNGLUE_H
#define MIP6D_DAEMON_MNGLUE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/timer.h"
#include "common/ipsec.h"
#include "mip6d/conf/conf.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/daemon/mrglue.h"
#include "mip6d/ipsec/plan.h"
#include "mip6d/mn/bul.h"
#include "mip6d/sys/mhcmsg.h"

#define MNG_MAX_CAND 32

/* A global address on one of the MN's interfaces. */
struct mng_cand {
	int ifindex;
	unsigned pref;                  /* MnIfPreference; 0: not a configured interface */
	struct ip_prefix addr;
	bool usable;                    /* DAD done (or optimistic) */
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
	uint64_t rx_mh, rx_bad, tx_bu, tx_fail;
};

/* ifpref(ifindex) of the configured interfaces is given to mng_addr as pref. */
int mng_init(struct mng *m, struct timerq *tq, const struct mip6_conf *conf,
	     const struct dk_ops *ops, void *k, int home_ifindex, uint16_t seq);
/* Back to the state before mng_init in the kernel: tunnel, rule and routes
 * removed, the HoA back on the home interface, the IPsec endpoint home. */
void mng_fini(struct mng *m);

/* An address appeared, changed (add) or went away on ifindex, whose
 * MnIfPreference is pref (0: not configured). */
void mng_addr(struct mng *m, int ifindex, unsigned pref, const struct ip_prefix *a,
	      bool usable, bool add);
/* All addresses of ifindex went away (link down). */
void mng_link_down(struct mng *m, int ifindex);
/* Re-evaluates where we are after a batch of mng_addr calls. */
void mng_reselect(struct mng *m);
/* The best candidate, or NULL (exported for tests). */
const struct mng_cand *mng_best(const struct mng *m);

void mng_input(struct mng *m, const uint8_t *buf, size_t len, const struct sys_mh_info *info);
/* An SA to dst was installed (XFRM NEWSA/UPDSA). */
void mng_sa_installed(struct mng *m, const struct ip_addr *dst);

#endif
