/* A change of configuration on a running HA (SIGHUP): new look-up indexes,
 * and each bound binding's tunnel policies brought to its new
 * IPsecPolicySet without a moment where a kept policy is absent. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/ha/ha_int.h"
#include "mip6d/ha/spdiff.h"

int ha_reconf_prepare(struct ha_reconf *r, const struct mip6_conf *nc)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->acl = calloc(1, sizeof(*r->acl));
	r->sets = calloc(1, sizeof(*r->sets));
	if (!r->acl || !r->sets) {
		rc = -ENOMEM;
		goto fail;
	}
	rc = ha_acl_build(r->acl, nc->acls);
	if (!rc && nc->use_mnha_ipsec)
		rc = ha_sets_build(r->sets, nc->ipsec_sets);
	if (!rc)
		return 0;
fail:
	ha_reconf_abort(r);
	return rc;
}

void ha_reconf_abort(struct ha_reconf *r)
{
	if (r->acl)
		ha_acl_free(r->acl);
	if (r->sets)
		ha_sets_free(r->sets);
	free(r->acl);
	free(r->sets);
	r->acl = NULL;
	r->sets = NULL;
}

static int sp_op(struct ha *ha, const struct bce *e, enum mip6_ipsec_op_kind k,
		 const struct ipsec_policy *sp)
{
	struct ha_action a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.kind = HA_ACT_IPSEC;
	a.hoa = e->hoa;
	a.ha = e->ha;
	a.coa = e->coa;
	a.ipsec.kind = k;
	a.ipsec.u.sp = *sp;
	rc = ha->ops->apply(ha->ctx, &a);
	if (rc == -ENOENT && k == MIP6_IPSEC_SP_DEL)
		rc = 0;
	if (rc)
		ha->stats.kernel_failures++;
	return rc;
}

struct rebind {
	struct ha *ha;
	struct ha_reconf *r;
};

static int rebind_one(struct bce *e, void *arg)
{
	struct rebind *rb = arg;
	struct ha *ha = rb->ha;
	struct ha_plan *p = ha->plan;
	const struct ipsec_policy *put[HA_SP_MAX], *del[HA_SP_MAX];
	struct mip6_ipsec_binding b = {
		.role = NODE_HA, .hoa = e->hoa, .ha = e->ha, .mnps = e->mnps, .n_mnps = e->n_mnps,
	};
	size_t n_old = 0, n_new = 0, n_put, n_del;

	if (e->state != BCE_BOUND)
		return 0;
	b.set = ha_sets_find(ha->sets, &e->ha, &e->hoa);
	if (mip6_ipsec_tunnel_policies(&b, &e->coa, p->sp_old, HA_SP_MAX, &n_old) < 0)
		n_old = 0;
	b.set = ha_sets_find(rb->r->sets, &e->ha, &e->hoa);
	if (mip6_ipsec_tunnel_policies(&b, &e->coa, p->sp_new, HA_SP_MAX, &n_new) < 0) {
		/* Cannot be computed in full: keep what is installed. */
		rb->r->failed++;
		return 0;
	}
	sp_diff(p->sp_old, n_old, p->sp_new, n_new, put, &n_put, del, &n_del);
	for (size_t i = 0; i < n_put; i++)
		if (sp_op(ha, e, MIP6_IPSEC_SP_ADD, put[i]))
			rb->r->failed++;
		else
			rb->r->put++;
	for (size_t i = 0; i < n_del; i++)
		if (sp_op(ha, e, MIP6_IPSEC_SP_DEL, del[i]))
			rb->r->failed++;
		else
			rb->r->del++;
	return 0;
}

void ha_reconf_commit(struct ha *ha, struct ha_reconf *r, const struct mip6_conf *nc)
{
	struct rebind rb = { ha, r };

	bcache_foreach(&ha->bc, rebind_one, &rb);
	ha_acl_free(ha->acl);
	ha_sets_free(ha->sets);
	free(ha->acl);
	free(ha->sets);
	ha->acl = r->acl;
	ha->sets = r->sets;
	ha->conf = nc;
	r->acl = NULL;
	r->sets = NULL;
}
