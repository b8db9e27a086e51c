/* The NEMO mobile router's part of the Mobile Node glue (RFC 3963), for a
 * MnHomeLink with IsMobRtr: what makes the node forward for its mobile
 * networks while it is away.
 *
 *   - forwarding on (a mobile router routes), with accept_ra 2 on the
 *     configured interfaces that had 1, so that the kernel still
 *     autoconfigures care-of addresses and default routes from RAs (it
 *     ignores RAs on a forwarding interface with accept_ra 1); both put
 *     back at exit;
 *   - per mobile network prefix, as UMIP: rule prio 1000 "to MNP lookup
 *     main" (the mobile network is on-link, also for what the MR sends from
 *     its HoA, which rule 1001 would otherwise send into the tunnel) and
 *     prio 1005 "from MNP lookup 252" (what the mobile network sends leaves
 *     through the tunnel's default route while away; at home table 252 is
 *     empty and the lookup goes on to main).
 * The rules stay from start to exit. */
#ifndef MIP6D_DAEMON_MRGLUE_H
#define MIP6D_DAEMON_MRGLUE_H

#include <stdbool.h>
#include <stddef.h>

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/sys/route.h"
#include "mip6d/sys/sysctl.h"

#define MRG_RULE_PRIO_TO_MNP 1000
#define MRG_RULE_PRIO_FROM_MNP 1005
#define MRG_RT_TABLE_MAIN 254
#define MRG_MAX_RULES 16

struct mrg {
	bool on;                        /* a mobile router: mrg_start did something */
	struct sys_sysctl_saved sysctl;
	struct sys_rule rules[MRG_MAX_RULES];
	size_t n_rules;                 /* the rules mrg_start added */
};

/* The policy routing rules of hl's mobile network prefixes (masked), two
 * per prefix; -ENOSPC when out is too small. */
int mrg_rules(const struct conf_home_link *hl, struct sys_rule *out, size_t max, size_t *n);

/* Sets the forwarding sysctls (under sysctl_root; NULL: /proc/sys/net/ipv6)
 * and adds the rules when hl is a mobile router's; nothing otherwise.
 * Failures are logged; the node goes on as a mobile node. */
void mrg_start(struct mrg *r, const struct mip6_conf *conf, const struct conf_home_link *hl,
	       const struct dk_ops *ops, void *k, const char *sysctl_root);
/* Removes the rules and puts the sysctls back. */
void mrg_stop(struct mrg *r, const struct dk_ops *ops, void *k);

#endif
