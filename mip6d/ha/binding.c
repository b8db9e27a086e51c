/* The kernel steps of a home binding on the HA, and their order.
 *
 * The anchor lost registrations to a race: it installed the tunnel
 * policies with the HoA as a placeholder for the MN's endpoint and
 * migrated them to the CoA a moment later; traffic for the HoA that the HA
 * forwarded in between matched the OUT policy, the kernel created a larval
 * SA for the placeholder endpoint, the MIGRATE then failed on it (ENODATA),
 * the BA said 130 and the MN gave up.  Here:
 *
 *   new binding      1. MIP6 RH2/HAO state for HoA -> CoA (needed by the BA)
 *                    2. transport MIGRATEs (only KMADDRESS for IKE: they
 *                       move nothing in the kernel)
 *                    3. the tunnel policies, added directly with the CoA as
 *                       endpoint: there is no placeholder, nothing to migrate
 *                    4. the tunnel device, 5. routes of the HoA and MNPs
 *                       into it, 6. proxy ND for the HoA (and link-local)
 *                    Traffic only comes to the HA for the HoA once proxy ND
 *                    answers for it, so everything it will meet (routes,
 *                    tunnel, policies with their real endpoints) exists by
 *                    then; an ACQUIRE it triggers names the real CoA.
 *   care-of change   MIP6 state, removed MNPs' routes and policies,
 *                    MIGRATEs old -> new CoA (transport, then tunnel), new
 *                    MNPs' policies (directly with the new CoA), tunnel
 *                    retarget, new MNPs' routes.  A tunnel MIGRATE that
 *                    fails (a larval SA for the old CoA can still exist)
 *                    falls back to replacing the policy with the new
 *                    endpoints: the registration does not fail for it, IKE
 *                    negotiates the tunnel SA afresh.
 *   removal          the reverse: proxy ND off first (stop attracting
 *                    traffic), routes, tunnel device, transport MIGRATEs
 *                    to the HoA and the tunnel policies deleted, MIP6 state.
 *
 * When a step of a new binding or a change fails, the steps done are
 * undone in reverse order and the BU is answered 130; the binding keeps its
 * previous state.  Removal is best effort: every step is tried. */
#include <errno.h>
#include <string.h>

#include "mip6d/ha/ha_int.h"

static struct mip6_ipsec_binding ipsec_of(const struct ha *ha, const struct ip_addr *hoa,
					  const struct ip_addr *ha_addr,
					  const struct ip_prefix *mnps, size_t n)
{
	struct mip6_ipsec_binding b = {
		.role = NODE_HA,
		.hoa = *hoa,
		.ha = *ha_addr,
		.mnps = mnps,
		.n_mnps = n,
	};

	if (ha->conf->use_mnha_ipsec)
		b.set = ha_sets_find(ha->sets, ha_addr, hoa);
	return b;
}

static struct ha_step *new_step(struct ha_plan *p)
{
	struct ha_step *s;

	if (p->n >= HA_PLAN_MAX)
		return NULL;
	s = &p->steps[p->n++];
	memset(s, 0, sizeof(*s));
	return s;
}

static void base(struct ha_action *a, enum ha_act_kind k, const struct ip_addr *hoa,
		 const struct ip_addr *ha_addr, const struct ip_addr *coa)
{
	memset(a, 0, sizeof(*a));
	a->kind = k;
	a->hoa = *hoa;
	a->ha = *ha_addr;
	if (coa)
		a->coa = *coa;
}

static struct ip_prefix host(const struct ip_addr *a)
{
	struct ip_prefix p = { .addr = *a, .len = (uint8_t)addr_bits(a) };

	return p;
}

/* A step and its inverse, both plain (no payload beyond the addresses). */
static int simple(struct ha_plan *p, enum ha_act_kind k, enum ha_act_kind undo,
		  const struct ip_addr *hoa, const struct ip_addr *ha_addr,
		  const struct ip_addr *coa, const struct ip_prefix *pfx, bool router)
{
	struct ha_step *s = new_step(p);

	if (!s)
		return -ENOSPC;
	base(&s->act, k, hoa, ha_addr, coa);
	if (pfx)
		s->act.prefix = *pfx;
	s->act.router = router;
	s->undo = s->act;
	s->undo.kind = undo;
	s->has_undo = true;
	return 0;
}

static int tunnel_mod(struct ha_plan *p, const struct ip_addr *hoa, const struct ip_addr *ha_addr,
		      const struct ip_addr *from, const struct ip_addr *to)
{
	struct ha_step *s = new_step(p);

	if (!s)
		return -ENOSPC;
	base(&s->act, HA_ACT_TUNNEL_MOD, hoa, ha_addr, to);
	s->act.old_coa = *from;
	base(&s->undo, HA_ACT_TUNNEL_MOD, hoa, ha_addr, from);
	s->undo.old_coa = *to;
	s->has_undo = true;
	return 0;
}

static int mip6_bind(struct ha_plan *p, const struct ip_addr *hoa, const struct ip_addr *ha_addr,
		     const struct ip_addr *coa, const struct ip_addr *prev)
{
	struct ha_step *s = new_step(p);

	if (!s)
		return -ENOSPC;
	base(&s->act, HA_ACT_MIP6_BIND, hoa, ha_addr, coa);
	if (prev)
		base(&s->undo, HA_ACT_MIP6_BIND, hoa, ha_addr, prev);
	else
		base(&s->undo, HA_ACT_MIP6_UNBIND, hoa, ha_addr, coa);
	s->has_undo = true;
	return 0;
}

static int sp_step(struct ha_plan *p, const struct ip_addr *hoa, const struct ip_addr *ha_addr,
		   const struct ip_addr *coa, enum mip6_ipsec_op_kind k,
		   const struct ipsec_policy *sp)
{
	struct ha_step *s = new_step(p);

	if (!s)
		return -ENOSPC;
	base(&s->act, HA_ACT_IPSEC, hoa, ha_addr, coa);
	s->act.ipsec.kind = k;
	s->act.ipsec.u.sp = *sp;
	s->undo = s->act;
	s->undo.ipsec.kind = k == MIP6_IPSEC_SP_ADD ? MIP6_IPSEC_SP_DEL : MIP6_IPSEC_SP_ADD;
	s->has_undo = true;
	return 0;
}

static const struct ipsec_policy *find_sp(const struct ipsec_policy *v, size_t n,
					  const struct ipsec_policy *key)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].dir == key->dir && ipsec_selector_eq(&v[i].sel, &key->sel))
			return &v[i];
	return NULL;
}

/* SP steps of kind k for the policies in a[] that are not in b[]. */
static int sp_diff(struct ha_plan *p, const struct ip_addr *hoa, const struct ip_addr *ha_addr,
		   const struct ip_addr *coa, enum mip6_ipsec_op_kind k,
		   const struct ipsec_policy *a, size_t na, const struct ipsec_policy *b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		int rc;

		if (find_sp(b, nb, &a[i]))
			continue;
		rc = sp_step(p, hoa, ha_addr, coa, k, &a[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* The IPsec steps of a move (mip6_ipsec_plan_move).  With a previous
 * endpoint, each MIGRATE is undone by the reverse move's matching one, and
 * a tunnel MIGRATE falls back to replacing its policy. */
static int ipsec_moves(struct ha *ha, const struct mip6_ipsec_binding *b,
		       const struct ip_addr *installed, const struct ip_addr *coa)
{
	struct ha_plan *p = ha->plan;
	size_t nops = 0, nrev = 0, nnew = 0, nold = 0;
	int rc;

	rc = mip6_ipsec_plan_move(b, installed, coa, p->ops, HA_PLAN_MAX, &nops);
	if (!rc && installed)
		rc = mip6_ipsec_plan_move(b, coa, installed, p->rev, HA_PLAN_MAX, &nrev);
	if (!rc && installed && !addr_eq(coa, &b->hoa)) {
		rc = mip6_ipsec_tunnel_policies(b, coa, p->sp_new, HA_SP_MAX, &nnew);
		if (!rc)
			rc = mip6_ipsec_tunnel_policies(b, installed, p->sp_old, HA_SP_MAX, &nold);
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < nops; i++) {
		const struct mip6_ipsec_op *op = &p->ops[i];
		struct ha_step *s;

		if (op->kind != MIP6_IPSEC_MIGRATE) {
			rc = sp_step(p, &b->hoa, &b->ha, coa, op->kind, &op->u.sp);
			if (rc)
				return rc;
			continue;
		}
		s = new_step(p);
		if (!s)
			return -ENOSPC;
		base(&s->act, HA_ACT_IPSEC, &b->hoa, &b->ha, coa);
		s->act.ipsec = *op;
		if (installed && i < nrev && p->rev[i].kind == MIP6_IPSEC_MIGRATE) {
			s->undo = s->act;
			s->undo.ipsec = p->rev[i];
			s->has_undo = true;
		}
		if (op->u.mig.nentries && op->u.mig.entries[0].mode == IPSEC_MODE_TUNNEL) {
			struct ipsec_policy key = { .sel = op->u.mig.sel, .dir = op->u.mig.dir };
			const struct ipsec_policy *np = find_sp(p->sp_new, nnew, &key);
			const struct ipsec_policy *opol = find_sp(p->sp_old, nold, &key);

			if (np && opol) {
				s->alt = s->act;
				s->alt.ipsec.kind = MIP6_IPSEC_SP_ADD;
				s->alt.ipsec.u.sp = *np;
				s->alt_undo = s->alt;
				s->alt_undo.ipsec.u.sp = *opol;
				s->has_alt = true;
			}
		}
	}
	return 0;
}

static int apply(struct ha *ha, const struct ha_action *a)
{
	int rc = ha->ops->apply(ha->ctx, a);

	if (rc == -ENOENT && a->kind == HA_ACT_IPSEC && a->ipsec.kind == MIP6_IPSEC_MIGRATE)
		rc = 0;
	if (rc)
		ha->stats.kernel_failures++;
	return rc;
}

/* Runs the plan; on a failure undoes what was done, newest first. */
static int run(struct ha *ha)
{
	struct ha_plan *p = ha->plan;

	for (size_t i = 0; i < p->n; i++) {
		struct ha_step *s = &p->steps[i];
		int rc = apply(ha, &s->act);

		if (rc && s->has_alt) {
			rc = apply(ha, &s->alt);
			s->used_alt = rc == 0;
		}
		if (!rc)
			continue;
		while (i-- > 0) {
			s = &p->steps[i];
			if (s->used_alt)
				apply(ha, &s->alt_undo);
			else if (s->has_undo)
				apply(ha, &s->undo);
		}
		return rc;
	}
	return 0;
}

static int routes(struct ha_plan *p, const struct ha_bind *nb, bool add)
{
	enum ha_act_kind k = add ? HA_ACT_ROUTE_ADD : HA_ACT_ROUTE_DEL;
	enum ha_act_kind u = add ? HA_ACT_ROUTE_DEL : HA_ACT_ROUTE_ADD;
	struct ip_prefix h = host(&nb->hoa);
	int rc = simple(p, k, u, &nb->hoa, &nb->ha, &nb->coa, &h, false);

	for (size_t i = 0; !rc && i < nb->n_mnps; i++)
		rc = simple(p, k, u, &nb->hoa, &nb->ha, &nb->coa, &nb->mnps[i], false);
	return rc;
}

static int proxies(struct ha_plan *p, const struct ha_bind *nb, bool add)
{
	enum ha_act_kind k = add ? HA_ACT_PROXY_ADD : HA_ACT_PROXY_DEL;
	enum ha_act_kind u = add ? HA_ACT_PROXY_DEL : HA_ACT_PROXY_ADD;
	bool router = nb->flags & BU_FLAG_R;
	struct ip_prefix h = host(&nb->hoa);
	int rc = simple(p, k, u, &nb->hoa, &nb->ha, &nb->coa, &h, router);

	if (!rc && (nb->flags & BU_FLAG_L)) {
		struct ip_addr ll;
		struct ip_prefix lp;

		ha_link_local(&ll, &nb->hoa);
		lp = host(&ll);
		rc = simple(p, k, u, &nb->hoa, &nb->ha, &nb->coa, &lp, router);
	}
	return rc;
}

int ha_binding_install(struct ha *ha, const struct ha_bind *nb)
{
	struct mip6_ipsec_binding b = ipsec_of(ha, &nb->hoa, &nb->ha, nb->mnps, nb->n_mnps);
	struct ha_plan *p = ha->plan;
	int rc;

	p->n = 0;
	rc = mip6_bind(p, &nb->hoa, &nb->ha, &nb->coa, NULL);
	if (!rc)
		rc = ipsec_moves(ha, &b, NULL, &nb->coa);
	if (!rc)
		rc = simple(p, HA_ACT_TUNNEL_ADD, HA_ACT_TUNNEL_DEL, &nb->hoa, &nb->ha, &nb->coa,
			    NULL, false);
	if (!rc)
		rc = routes(p, nb, true);
	if (!rc)
		rc = proxies(p, nb, true);
	return rc ? rc : run(ha);
}

static bool has_prefix(const struct ip_prefix *v, size_t n, const struct ip_prefix *x)
{
	for (size_t i = 0; i < n; i++)
		if (prefix_cmp(&v[i], x) == 0)
			return true;
	return false;
}

int ha_binding_update(struct ha *ha, const struct bce *cur, const struct ha_bind *nb)
{
	struct ha_plan *p = ha->plan;
	struct ip_prefix common[HA_MAX_MNPS], removed[HA_MAX_MNPS], added[HA_MAX_MNPS];
	size_t nc = 0, nr = 0, na = 0;
	struct mip6_ipsec_binding b;
	bool moved = !addr_eq(&cur->coa, &nb->coa);
	size_t n1 = 0, n2 = 0;
	int rc = 0;

	for (size_t i = 0; i < cur->n_mnps && i < HA_MAX_MNPS; i++) {
		if (has_prefix(nb->mnps, nb->n_mnps, &cur->mnps[i]))
			common[nc++] = cur->mnps[i];
		else
			removed[nr++] = cur->mnps[i];
	}
	for (size_t i = 0; i < nb->n_mnps && i < HA_MAX_MNPS; i++)
		if (!has_prefix(cur->mnps, cur->n_mnps, &nb->mnps[i]))
			added[na++] = nb->mnps[i];

	p->n = 0;
	if (moved)
		rc = mip6_bind(p, &nb->hoa, &nb->ha, &nb->coa, &cur->coa);
	for (size_t i = 0; !rc && i < nr; i++)
		rc = simple(p, HA_ACT_ROUTE_DEL, HA_ACT_ROUTE_ADD, &nb->hoa, &nb->ha, &cur->coa,
			    &removed[i], false);
	if (!rc && nr) {
		/* The removed prefixes' policies: those of the old list that
		 * the common prefixes do not give. */
		b = ipsec_of(ha, &nb->hoa, &nb->ha, cur->mnps, cur->n_mnps);
		rc = mip6_ipsec_tunnel_policies(&b, &cur->coa, p->sp_old, HA_SP_MAX, &n1);
		b.mnps = common;
		b.n_mnps = nc;
		if (!rc)
			rc = mip6_ipsec_tunnel_policies(&b, &cur->coa, p->sp_new, HA_SP_MAX, &n2);
		if (!rc)
			rc = sp_diff(p, &nb->hoa, &nb->ha, &cur->coa, MIP6_IPSEC_SP_DEL,
				     p->sp_old, n1, p->sp_new, n2);
	}
	if (!rc && moved) {
		b = ipsec_of(ha, &nb->hoa, &nb->ha, common, nc);
		rc = ipsec_moves(ha, &b, &cur->coa, &nb->coa);
	}
	if (!rc && na) {
		b = ipsec_of(ha, &nb->hoa, &nb->ha, nb->mnps, nb->n_mnps);
		n1 = n2 = 0;
		rc = mip6_ipsec_tunnel_policies(&b, &nb->coa, p->sp_new, HA_SP_MAX, &n1);
		b.mnps = common;
		b.n_mnps = nc;
		if (!rc)
			rc = mip6_ipsec_tunnel_policies(&b, &nb->coa, p->sp_old, HA_SP_MAX, &n2);
		if (!rc)
			rc = sp_diff(p, &nb->hoa, &nb->ha, &nb->coa, MIP6_IPSEC_SP_ADD,
				     p->sp_new, n1, p->sp_old, n2);
	}
	if (!rc && moved)
		rc = tunnel_mod(p, &nb->hoa, &nb->ha, &cur->coa, &nb->coa);
	for (size_t i = 0; !rc && i < na; i++)
		rc = simple(p, HA_ACT_ROUTE_ADD, HA_ACT_ROUTE_DEL, &nb->hoa, &nb->ha, &nb->coa,
			    &added[i], false);
	return rc ? rc : run(ha);
}

void ha_binding_teardown(struct ha *ha, const struct bce *cur)
{
	struct ha_bind nb = {
		.hoa = cur->hoa, .ha = cur->ha, .coa = cur->coa,
		.mnps = cur->mnps, .n_mnps = cur->n_mnps, .flags = cur->flags,
	};
	struct mip6_ipsec_binding b = ipsec_of(ha, &cur->hoa, &cur->ha, cur->mnps, cur->n_mnps);
	struct ha_plan *p = ha->plan;
	size_t nops = 0;
	int rc;

	p->n = 0;
	rc = proxies(p, &nb, false);
	if (!rc)
		rc = routes(p, &nb, false);
	if (!rc)
		rc = simple(p, HA_ACT_TUNNEL_DEL, HA_ACT_TUNNEL_ADD, &cur->hoa, &cur->ha, &cur->coa,
			    NULL, false);
	if (!rc)
		rc = mip6_ipsec_plan_move(&b, &cur->coa, &cur->hoa, p->ops, HA_PLAN_MAX, &nops);
	for (size_t i = 0; !rc && i < nops; i++) {
		struct ha_step *s = new_step(p);

		if (!s)
			break;
		base(&s->act, HA_ACT_IPSEC, &cur->hoa, &cur->ha, &cur->hoa);
		s->act.ipsec = p->ops[i];
	}
	if (!rc)
		simple(p, HA_ACT_MIP6_UNBIND, HA_ACT_MIP6_BIND, &cur->hoa, &cur->ha, &cur->coa,
		       NULL, false);
	for (size_t i = 0; i < p->n; i++)
		apply(ha, &p->steps[i].act);
}
