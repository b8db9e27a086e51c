/* The kernel announces a new autoconfigured address (RTM_NEWADDR) before
 * its DAD ends only if the interface does optimistic DAD (RFC 4429) and
 * may use optimistic addresses (both knobs); otherwise the care-of address
 * shows up 1-2 s after the RA, once DAD is over, and OptimisticHandoff
 * cannot send the BU any earlier. */
#include "mip6d/daemon/optdad.h"

int optdad_prepare(struct sys_sysctl_saved *s, const struct mip6_conf *conf)
{
	const struct conf_iface *i;
	int err = 0, r;

	if (!conf->optimistic_handoff)
		return 0;
	for (i = conf->ifaces; i; i = i->next) {
		r = sys_sysctl_set_save(s, SYS_SYSCTL_CONF, i->name, "optimistic_dad", 1);
		if (r == 0)
			r = sys_sysctl_set_save(s, SYS_SYSCTL_CONF, i->name, "use_optimistic", 1);
		if (r < 0 && err == 0)
			err = r;
	}
	return err;
}
