/* MIGRATE requests and the ordered IPsec steps of a movement. */
#include <errno.h>
#include <string.h>

#include "mip6d/ipsec/plan.h"
#include "mip6d/ipsec/plan_int.h"

/* Enough for every tunnel policy of one binding: three per tunnel type
 * and per mobile network prefix, plus TunnelMh's extra one. */
#define BINDING_SP_MAX 64

static bool unspec(const struct ip_addr *a)
{
	return !a || a->family == AF_UNSPEC;
}

static int push_mig(struct ipsec_migrate_msg *out, size_t max, size_t *n,
		    const struct ipsec_migrate_msg *m)
{
	if (*n >= max)
		return -ENOSPC;
	out[(*n)++] = *m;
	return 0;
}

static void kmaddress(const struct mip6_ipsec_binding *b, const struct ip_addr *new_coa,
		      struct ipsec_migrate_msg *m)
{
	m->has_kmaddress = true;
	if (b->role == NODE_MN) {
		m->kmaddress.local = *new_coa;
		m->kmaddress.remote = b->ha;
	} else {
		m->kmaddress.local = b->ha;
		m->kmaddress.remote = *new_coa;
	}
}

/* Transport policies: the kernel matches their templates on mode and
 * protocol alone and moves no SA (they are HoA <-> HA); the request is
 * what tells the key manager, through KMADDRESS, where IKE now runs. */
static int transport_migrates(const struct mip6_ipsec_binding *b, const struct ip_addr *new_coa,
			      struct ipsec_migrate_msg *out, size_t max, size_t *n)
{
	struct ipsec_policy p;
	struct ipsec_migrate_msg m;
	struct ip_addr any;
	int rc;

	addr_any(&any, b->hoa.family);
	for (const struct conf_ipsec_policy *cp = b->set->policies; cp; cp = cp->next) {
		/* A blocking policy has no template to migrate. */
		if (mip6_ipsec_is_tunnel(cp->type) || !cp->allow)
			continue;
		for (int i = 0; i < 2; i++) {
			bool to_ha = i == 0;

			mip6_plan_transport_sp(&p, b->role, cp, &b->ha, &b->hoa, to_ha);
			memset(&m, 0, sizeof(m));
			m.sel = p.sel;
			m.dir = p.dir;
			m.type = p.type;
			for (uint8_t t = 0; t < p.ntmpl; t++) {
				struct ipsec_migrate *e = &m.entries[m.nentries++];

				e->old_src = any;
				e->old_dst = any;
				e->new_src = to_ha ? *new_coa : b->ha;
				e->new_dst = to_ha ? b->ha : *new_coa;
				e->proto = p.tmpl[t].proto;
				e->mode = p.tmpl[t].mode;
				e->reqid = p.tmpl[t].reqid;
			}
			kmaddress(b, new_coa, &m);
			rc = push_mig(out, max, n, &m);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static struct ip_addr moved(const struct ip_addr *a, const struct ip_addr *from,
			    const struct ip_addr *to)
{
	return addr_eq(a, from) ? *to : *a;
}

/* Tunnel policies: the templates' MN endpoint moves old -> new, the HA's
 * stays.  Derived from the policies themselves so the selectors are
 * exactly those installed. */
static int tunnel_migrates(const struct mip6_ipsec_binding *b, const struct ip_addr *old_coa,
			   const struct ip_addr *new_coa, struct ipsec_migrate_msg *out, size_t max,
			   size_t *n)
{
	struct ipsec_policy sp[BINDING_SP_MAX];
	struct ipsec_migrate_msg m;
	size_t nsp = 0;
	int rc;

	rc = mip6_ipsec_tunnel_policies(b, new_coa, sp, BINDING_SP_MAX, &nsp);
	if (rc)
		return rc;
	for (size_t i = 0; i < nsp; i++) {
		if (sp[i].action != IPSEC_ACTION_IPSEC)
			continue;
		memset(&m, 0, sizeof(m));
		m.sel = sp[i].sel;
		m.dir = sp[i].dir;
		m.type = sp[i].type;
		for (uint8_t t = 0; t < sp[i].ntmpl; t++) {
			const struct ipsec_template *tp = &sp[i].tmpl[t];
			struct ipsec_migrate *e = &m.entries[m.nentries++];

			e->new_src = tp->src;
			e->new_dst = tp->dst;
			e->old_src = moved(&tp->src, new_coa, old_coa);
			e->old_dst = moved(&tp->dst, new_coa, old_coa);
			e->proto = tp->proto;
			e->mode = tp->mode;
			e->reqid = tp->reqid;
		}
		kmaddress(b, new_coa, &m);
		rc = push_mig(out, max, n, &m);
		if (rc)
			return rc;
	}
	return 0;
}

int mip6_ipsec_migrates(const struct mip6_ipsec_binding *b, const struct ip_addr *old_coa,
			const struct ip_addr *new_coa, bool tunnel,
			struct ipsec_migrate_msg *out, size_t max, size_t *n)
{
	int rc;

	if ((b->role != NODE_HA && b->role != NODE_MN) || unspec(new_coa) ||
	    (tunnel && unspec(old_coa)))
		return -EINVAL;
	if (!b->set)
		return 0;
	rc = transport_migrates(b, new_coa, out, max, n);
	if (!rc && tunnel)
		rc = tunnel_migrates(b, old_coa, new_coa, out, max, n);
	return rc;
}

static int push_op(struct mip6_ipsec_op *out, size_t max, size_t *n, enum mip6_ipsec_op_kind k)
{
	if (*n >= max)
		return -ENOSPC;
	memset(&out[*n], 0, sizeof(out[*n]));
	out[*n].kind = k;
	(*n)++;
	return 0;
}

/* Appends the MIGRATEs one at a time into ops. */
static int migrate_ops(const struct mip6_ipsec_binding *b, const struct ip_addr *old_coa,
		       const struct ip_addr *new_coa, bool tunnel, struct mip6_ipsec_op *out,
		       size_t max, size_t *n)
{
	struct ipsec_migrate_msg mig[BINDING_SP_MAX + 8];
	size_t nmig = 0;
	int rc;

	rc = mip6_ipsec_migrates(b, old_coa, new_coa, tunnel, mig, BINDING_SP_MAX + 8, &nmig);
	for (size_t i = 0; !rc && i < nmig; i++) {
		rc = push_op(out, max, n, MIP6_IPSEC_MIGRATE);
		if (!rc)
			out[*n - 1].u.mig = mig[i];
	}
	return rc;
}

static int sp_ops(const struct mip6_ipsec_binding *b, const struct ip_addr *coa,
		  enum mip6_ipsec_op_kind kind, struct mip6_ipsec_op *out, size_t max, size_t *n)
{
	struct ipsec_policy sp[BINDING_SP_MAX];
	size_t nsp = 0;
	int rc;

	rc = mip6_ipsec_tunnel_policies(b, coa, sp, BINDING_SP_MAX, &nsp);
	for (size_t i = 0; !rc && i < nsp; i++) {
		rc = push_op(out, max, n, kind);
		if (!rc)
			out[*n - 1].u.sp = sp[i];
	}
	return rc;
}

int mip6_ipsec_plan_move(const struct mip6_ipsec_binding *b, const struct ip_addr *installed,
			 const struct ip_addr *new_coa, struct mip6_ipsec_op *out, size_t max,
			 size_t *n)
{
	bool home, none = unspec(installed);
	int rc;

	if ((b->role != NODE_HA && b->role != NODE_MN) || unspec(new_coa))
		return -EINVAL;
	home = addr_eq(new_coa, &b->hoa);
	if (!b->set || (none && home) || (!none && addr_eq(installed, new_coa)))
		return 0;
	if (none) {
		rc = migrate_ops(b, NULL, new_coa, false, out, max, n);
		return rc ? rc : sp_ops(b, new_coa, MIP6_IPSEC_SP_ADD, out, max, n);
	}
	if (home) {
		rc = migrate_ops(b, NULL, new_coa, false, out, max, n);
		return rc ? rc : sp_ops(b, installed, MIP6_IPSEC_SP_DEL, out, max, n);
	}
	return migrate_ops(b, installed, new_coa, true, out, max, n);
}
