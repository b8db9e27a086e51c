/* What a node installs once at start and removes at exit: the transport
 * policies of every IPsecPolicySet (UseMnHaIPsec), and the wildcard
 * route-optimisation state and policy through which MH with a HAO (HA) or
 * a Type 2 RH (MN) is received.  A kernel without MIP6 refuses the latter:
 * that is logged and the daemon goes on (IPsec and tunnels still work). */
#ifndef MIP6D_DAEMON_STARTSP_H
#define MIP6D_DAEMON_STARTSP_H

#include <stdbool.h>
#include <stddef.h>

#include "common/ipsec.h"
#include "mip6d/conf/conf.h"
#include "mip6d/daemon/kops.h"

#define STARTSP_MAX 128

struct startsp {
	struct ipsec_policy sp[STARTSP_MAX];
	size_t n;                       /* installed, in order */
	struct ipsec_sa wild;
	struct ipsec_policy wildp;
	struct ipsec_policy bypass;     /* outgoing MH: no RO state applied */
	bool wild_sa, wild_sp, bypass_sp;       /* installed */
};

/* Installs them; on failure of an IPsec policy, removes what was done and
 * returns the error. */
int startsp_install(struct startsp *s, const struct dk_ops *ops, void *k,
		    const struct mip6_conf *conf);
/* A new configuration (SIGHUP): the IPsecPolicySet transport policies
 * brought to conf's by their difference (mip6d/ha/spdiff.h): new and
 * changed ones put first, then vanished ones deleted; identical ones are
 * not touched.  If a put fails, the puts done are reverted and the error
 * returned: the running policies stay as they were.  *n_put and *n_del
 * count what was done. */
int startsp_reload(struct startsp *s, const struct dk_ops *ops, void *k,
		   const struct mip6_conf *conf, size_t *n_put, size_t *n_del);
/* Removes what startsp_install installed, newest first. */
void startsp_remove(struct startsp *s, const struct dk_ops *ops, void *k);

#endif
