/* Policies and states installed at start: see startsp.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/startsp.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/ipsec/plan.h"

int startsp_install(struct startsp *s, const struct dk_ops *ops, void *k,
		    const struct mip6_conf *conf)
{
	const struct conf_ipsec_set *set;
	size_t n = 0, i;
	int r;

	memset(s, 0, sizeof(*s));
	if (conf->use_mnha_ipsec && conf->ipsec_sets) {
		xl_nd_bypass(s->sp);
		n = XL_ND_BYPASS_N;
		for (set = conf->ipsec_sets; set; set = set->next) {
			r = mip6_ipsec_transport_policies(conf->node_type, set, s->sp,
							  STARTSP_MAX, &n);
			if (r < 0) {
				log_err("IPsecPolicySet: %d policies do not fit", STARTSP_MAX);
				return r;
			}
		}
	}
	for (i = 0; i < n; i++) {
		r = ops->sp_update(k, &s->sp[i]);
		if (r < 0) {
			log_err("cannot install the IPsec policies of IPsecPolicySet: %s",
				strerror(-r));
			s->n = i;
			startsp_remove(s, ops, k);
			return r;
		}
	}
	s->n = n;
	if (conf->node_type == NODE_HA || conf->node_type == NODE_MN) {
		xl_ro_wildcard(conf->node_type, &s->wild, &s->wildp);
		r = ops->sa_update(k, &s->wild);
		if (r == 0)
			s->wild_sa = true;
		else
			log_warn("no MIP6 route optimisation state (%s): kernel without MIP6?",
				 strerror(-r));
		if (s->wild_sa) {
			r = ops->sp_update(k, &s->wildp);
			if (r == 0)
				s->wild_sp = true;
			else
				log_warn("no MIP6 sub policy (%s): kernel without XFRM sub policies?",
					 strerror(-r));
			xl_ro_mh_bypass(&s->bypass);
			s->bypass_sp = s->wild_sp && ops->sp_update(k, &s->bypass) == 0;
		}
	}
	log_info("%zu IPsec policies installed", n);
	return 0;
}

void startsp_remove(struct startsp *s, const struct dk_ops *ops, void *k)
{
	int r;

	if (s->bypass_sp && ops->sp_delete(k, &s->bypass) < 0)
		log_warn("cannot remove the MIP6 MH bypass policy");
	if (s->wild_sp && ops->sp_delete(k, &s->wildp) < 0)
		log_warn("cannot remove the MIP6 wildcard policy");
	if (s->wild_sa && ops->sa_delete(k, &s->wild) < 0)
		log_warn("cannot remove the MIP6 wildcard state");
	s->bypass_sp = s->wild_sp = s->wild_sa = false;
	while (s->n > 0) {
		r = ops->sp_delete(k, &s->sp[--s->n]);
		if (r < 0 && r != -ENOENT)
			log_warn("cannot remove an IPsec policy: %s", strerror(-r));
	}
}
