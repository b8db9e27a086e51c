/* The MN's side of DHAAD (RFC 6275 11.4.1): with MnHomeLink's
 * HomeAgentAddress "::" (UMIP's way to ask for it), once the MN has a
 * care-of address away from home it sends a Home Agent Address Discovery
 * Request from it to the Home-Agents anycast address of the home prefix,
 * retransmits with a new identifier after 3 s, doubling up to 48 s
 * (DHAAD_RETRIES), and hands the first home agent of the Reply to the
 * daemon, which then starts the home registration with it.
 *
 * Care-of address choice mirrors the MN glue's: a usable global address
 * outside the home prefix on a configured interface (MnIfPreference > 0,
 * or any with MnUseAllInterfaces), the smallest preference first. */
#ifndef MIP6D_DAEMON_DHAAD_MN_H
#define MIP6D_DAEMON_DHAAD_MN_H

#include <stdbool.h>
#include <stdint.h>

#include "common/evloop.h"
#include "common/timer.h"
#include "mip6d/conf/conf.h"
#include "mip6d/daemon/dhaad.h"

#define DHAAD_MN_CAND 32

struct dhaad_mn_cand {
	int ifindex;
	unsigned pref;
	struct ip_addr addr;
};

typedef void dhaad_found_fn(void *arg, const struct ip_addr *ha);

struct dhaad_mn {
	int fd;
	struct ev_io io;
	struct ev_loop *loop;
	struct timer timer;
	const struct conf_home_link *hl;
	bool use_all;                   /* MnUseAllInterfaces */
	struct ip_addr anycast;
	bool mr;                        /* IsMobRtr: R flag */
	struct dhaad_mn_cand cand[DHAAD_MN_CAND];
	size_t n_cand;
	struct ip_addr coa;             /* of the outstanding request; AF_UNSPEC: none */
	int coa_ifindex;
	uint16_t id;
	unsigned tries;
	bool done;
	dhaad_found_fn *found;
	void *arg;
	struct dhaad_stats st;
};

/* hl: the home link whose home agent is looked for.  0 or a negative errno. */
int dhaad_mn_start(struct dhaad_mn *m, struct ev_loop *loop, const struct mip6_conf *conf,
		   const struct conf_home_link *hl, dhaad_found_fn *found, void *arg);
void dhaad_mn_stop(struct dhaad_mn *m);
/* An address event (as mng_addr): pref is the interface's MnIfPreference
 * (0: not configured). */
void dhaad_mn_addr(struct dhaad_mn *m, int ifindex, unsigned pref, const struct ip_prefix *a,
		   bool usable, bool add);
void dhaad_mn_link_down(struct dhaad_mn *m, int ifindex);
/* After a batch of events: sends a request from the best care-of address
 * if none is outstanding from it. */
void dhaad_mn_reselect(struct dhaad_mn *m);

#endif
