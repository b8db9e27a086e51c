/* OptimisticHandoff on the mobile node: optimistic DAD on its interfaces. */
#ifndef MIP6D_DAEMON_OPTDAD_H
#define MIP6D_DAEMON_OPTDAD_H

#include "mip6d/conf/conf.h"
#include "mip6d/sys/sysctl.h"

/* Sets conf/IF/optimistic_dad and use_optimistic to 1 on every configured interface, saving
 * the old values in s (restored at exit).  Nothing when OptimisticHandoff
 * is off.  Returns 0 or the first error (it still tries every interface). */
int optdad_prepare(struct sys_sysctl_saved *s, const struct mip6_conf *conf);

#endif
