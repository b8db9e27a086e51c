/* SIGHUP: the configuration file is read and checked again, then applied
 * to the running node.
 *
 * A file that does not parse or check is reported (file:line:col) and the
 * running configuration stays.  Settings a running node cannot change
 * (NodeConfig, Interface, MnHomeLink with its HoA and HA, UseMnHaIPsec)
 * are refused one by one with a log line naming each, and keep their
 * running value; everything else applies:
 *   - IPsecPolicySet: the transport policies installed at start and each
 *     binding's tunnel policies are brought to the new sets by difference
 *     (new and changed ones put first, vanished ones deleted after,
 *     identical ones untouched);
 *   - BindingAclPolicy, DefaultBindingAclPolicy, HaMaxBindingLife,
 *     HaAcceptMobRtr, HaServedPrefix, KeyMngMobCapability, MnMaxHaBindingLife,
 *     InitialBindackTimeout*, MnMaxHaConsecutiveResends, OptimisticHandoff...:
 *     from the next registration (BU received, BU sent);
 *   - DebugLevel, DebugLogFile: at once (the daemon does that part).
 * The engines are switched to the new configuration before the old one is
 * freed: nothing keeps a pointer into it. */
#ifndef MIP6D_DAEMON_RELOAD_H
#define MIP6D_DAEMON_RELOAD_H

#include <stddef.h>

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/daemon/startsp.h"

struct hag;
struct mng;

/* The configuration as the MN engine sees it: the file's, with the home
 * link's HomeAgentAddress replaced by the one DHAAD found when the file
 * says "::".  A shallow copy: it shares c's lists. */
struct mn_view {
	struct mip6_conf conf;
	struct conf_home_link hl;
};
/* ha: the home agent in use (NULL or "::": the file's). */
void mn_view_make(struct mn_view *v, const struct mip6_conf *c, const struct ip_addr *ha);

/* Called once per refused setting, with its keyword (may be NULL). */
typedef void reload_refuse_fn(void *ctx, const char *keyword);

/* For each setting of nc that a running node cannot change and that
 * differs from cur: note it, and give nc cur's value (lists are exchanged
 * between the two, and cur's file names moved to nc, so nc owns everything
 * it points to; cur keeps nc's refused lists for freeing).  Returns the
 * number of refused settings. */
unsigned reload_keep_fixed(struct mip6_conf *cur, struct mip6_conf *nc, reload_refuse_fn *refuse,
			   void *ctx);

struct reload_target {
	const struct dk_ops *ops;
	void *k;
	struct startsp *ssp;
	struct hag *ha;                 /* NULL unless the HA engine runs */
	struct mng *mn;                 /* NULL unless the MN engine runs */
	struct mn_view *mn_view;        /* the MN engine's view (remade) */
	const struct ip_addr *mn_ha;    /* the HA DHAAD found, or NULL */
};

struct reload_result {
	unsigned refused;               /* settings kept until restart */
	size_t sp_put, sp_del;          /* start-time policies */
	size_t bind_put, bind_del, bind_failed;  /* per-binding policies */
};

/* Loads path (debug >= 0 and role >= 0 override DebugLevel and
 * NodeConfig, as on the command line), checks it against this machine,
 * and applies it to cur and the engines as above.  Returns 0 (*cur now
 * holds the new configuration), -EINVAL (file not valid: reported,
 * nothing changed), or the error that stopped the IPsec policies from
 * being installed (reverted, nothing changed). */
int reload_run(struct mip6_conf *cur, const char *path, long debug, int role,
	       struct reload_target *t, struct reload_result *res);

#endif
