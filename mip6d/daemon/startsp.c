/* Policies and states installed at start: see startsp.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/startsp.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/ha/spdiff.h"
#include "mip6d/ipsec/plan.h"

/* The transport policies of conf's IPsecPolicySets, into sp[STARTSP_MAX]. */
static int plan(const struct mip6_conf *conf, struct ipsec_policy *sp, size_t *n)
{
	const struct conf_ipsec_set *set;
	int r;

	*n = 0;
	if (!conf->use_mnha_ipsec || !conf->ipsec_sets)
		return 0;
	xl_nd_bypass(sp);
	*n = XL_ND_BYPASS_N;
	for (set = conf->ipsec_sets; set; set = set->next) {
		r = mip6_ipsec_transport_policies(conf->node_type, set, sp, STARTSP_MAX, n);
		if (r < 0) {
			log_err("IPsecPolicySet: %d policies do not fit", STARTSP_MAX);
			return r;
		}
	}
	return 0;
}

int startsp_install(struct startsp *s, const struct dk_ops *ops, void *k,
		    const struct mip6_conf *conf)
{
	size_t n = 0, i;
	int r;

	memset(s, 0, sizeof(*s));
	r = plan(conf, s->sp, &n);
	if (r < 0)
		return r;
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

/* The policy of old[] in the place of p, if any. */
static const struct ipsec_policy *in_place(const struct ipsec_policy *old, size_t n,
					   const struct ipsec_policy *p)
{
	for (size_t i = 0; i < n; i++)
		if (sp_same_place(&old[i], p))
			return &old[i];
	return NULL;
}

int startsp_reload(struct startsp *s, const struct dk_ops *ops, void *k,
		   const struct mip6_conf *conf, size_t *n_put, size_t *n_del)
{
	struct ipsec_policy *nw;
	const struct ipsec_policy *put[STARTSP_MAX], *del[STARTSP_MAX];
	size_t n = 0, np, nd, i;
	int r;

	*n_put = *n_del = 0;
	nw = calloc(STARTSP_MAX, sizeof(*nw));
	if (!nw)
		return -ENOMEM;
	r = plan(conf, nw, &n);
	if (r < 0)
		goto out;
	sp_diff(s->sp, s->n, nw, n, put, &np, del, &nd);
	for (i = 0; i < np; i++) {
		r = ops->sp_update(k, put[i]);
		if (r == 0)
			continue;
		log_err("reload: cannot install an IPsec policy: %s", strerror(-r));
		while (i-- > 0) {
			const struct ipsec_policy *was = in_place(s->sp, s->n, put[i]);

			if (was)
				ops->sp_update(k, was);
			else
				ops->sp_delete(k, put[i]);
		}
		goto out;
	}
	for (i = 0; i < nd; i++) {
		r = ops->sp_delete(k, del[i]);
		if (r < 0 && r != -ENOENT)
			log_warn("reload: cannot remove an IPsec policy: %s", strerror(-r));
	}
	memcpy(s->sp, nw, n * sizeof(*nw));
	s->n = n;
	*n_put = np;
	*n_del = nd;
	r = 0;
out:
	free(nw);
	return r;
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
