/* Helpers shared by the files of mip6d/ipsec/ (not used elsewhere). */
#ifndef MIP6D_IPSEC_PLAN_INT_H
#define MIP6D_IPSEC_PLAN_INT_H

#include "mip6d/ipsec/plan.h"

/* Appends p to out[*n..max); -ENOSPC when full. */
int mip6_plan_push_sp(struct ipsec_policy *out, size_t max, size_t *n, const struct ipsec_policy *p);
/* The reqid of a policy line for one direction (to_ha: MN -> HA). */
uint32_t mip6_plan_reqid(const struct conf_ipsec_policy *cp, bool to_ha);
/* The transport policy of a line for one direction between hoa and ha. */
void mip6_plan_transport_sp(struct ipsec_policy *p, enum node_type role,
			    const struct conf_ipsec_policy *cp, const struct ip_addr *ha,
			    const struct ip_addr *hoa, bool to_ha);

#endif
