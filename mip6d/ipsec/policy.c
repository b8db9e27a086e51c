/* The Security Policies an IPsecPolicySet stands for: transport-mode ones
 * installed at start, tunnel-mode ones per home binding. */
#include <errno.h>
#include <string.h>

#include "mip6d/ipsec/plan.h"
#include "mip6d/ipsec/plan_int.h"

bool mip6_ipsec_is_tunnel(enum ipsec_pol_type t)
{
	return t == IPSEC_POL_TUNNEL_HOME_TESTING || t == IPSEC_POL_TUNNEL_MH ||
	       t == IPSEC_POL_TUNNEL_PAYLOAD;
}

const struct conf_ipsec_set *mip6_ipsec_find_set(const struct conf_ipsec_set *sets,
						 const struct ip_addr *ha, const struct ip_addr *hoa)
{
	for (const struct conf_ipsec_set *s = sets; s; s = s->next) {
		if (!addr_eq(&s->ha_addr, ha))
			continue;
		for (const struct conf_prefix *p = s->hoas; p; p = p->next)
			if (addr_eq(&p->prefix.addr, hoa))
				return s;
	}
	return NULL;
}

static struct ip_prefix host_prefix(const struct ip_addr *a)
{
	struct ip_prefix p = { .addr = *a, .len = (uint8_t)addr_bits(a) };

	return p;
}

static struct ip_prefix any_prefix(sa_family_t family)
{
	struct ip_prefix p = { .len = 0 };

	addr_any(&p.addr, family);
	return p;
}

int mip6_plan_push_sp(struct ipsec_policy *out, size_t max, size_t *n, const struct ipsec_policy *p)
{
	if (*n >= max)
		return -ENOSPC;
	out[(*n)++] = *p;
	return 0;
}

/* The templates of a policy line, in the order IPComp, ESP, AH (the
 * kernel applies them in array order on output: compress, encrypt, then
 * authenticate the whole).  IPComp is optional: small packets are not
 * compressed and arrive without it. */
static void add_templates(struct ipsec_policy *p, const struct conf_ipsec_policy *cp,
			  enum ipsec_mode mode, const struct ip_addr *src, const struct ip_addr *dst,
			  uint32_t reqid)
{
	static const struct {
		unsigned bit;
		enum ipsec_proto proto;
	} order[] = {
		{ CONF_IPSEC_IPCOMP, IPSEC_PROTO_IPCOMP },
		{ CONF_IPSEC_ESP, IPSEC_PROTO_ESP },
		{ CONF_IPSEC_AH, IPSEC_PROTO_AH },
	};

	if (!cp->allow) {
		p->action = IPSEC_ACTION_DISCARD;
		return;
	}
	p->action = IPSEC_ACTION_IPSEC;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		struct ipsec_template *t;

		if (!(cp->protos & order[i].bit) || p->ntmpl >= IPSEC_MAX_TEMPLATES)
			continue;
		t = &p->tmpl[p->ntmpl++];
		t->proto = order[i].proto;
		t->mode = mode;
		if (mode == IPSEC_MODE_TUNNEL) {
			t->src = *src;
			t->dst = *dst;
		}
		t->reqid = reqid;
		t->level = order[i].proto == IPSEC_PROTO_IPCOMP ? IPSEC_LEVEL_USE : IPSEC_LEVEL_REQUIRE;
	}
}

uint32_t mip6_plan_reqid(const struct conf_ipsec_policy *cp, bool to_ha)
{
	return to_ha ? cp->reqid_toha : cp->reqid_tomn;
}

/* Upper-layer part of a transport selector; to_ha: the message goes from
 * the MN to the HA (BU, MPS), else from the HA to the MN (BA, MPA). */
static void transport_ulp(struct ipsec_selector *s, enum ipsec_pol_type t, bool to_ha)
{
	switch (t) {
	case IPSEC_POL_HOME_REG_BINDING:
		s->proto = IPSEC_PROTO_MH;
		s->has_mh_type = true;
		s->mh_type = (uint8_t)(to_ha ? MIP6_MH_BU : MIP6_MH_BA);
		break;
	case IPSEC_POL_MH:
		s->proto = IPSEC_PROTO_MH;
		break;
	case IPSEC_POL_MOB_PFX_DISC:
		s->proto = MIP6_ICMP6;
		s->sport = (uint16_t)(to_ha ? MIP6_ICMP6_MPS : MIP6_ICMP6_MPA);
		break;
	case IPSEC_POL_ICMP:
		s->proto = MIP6_ICMP6;
		break;
	default:
		s->proto = IPSEC_ULPROTO_ANY;
		break;
	}
}

static uint32_t transport_priority(enum ipsec_pol_type t)
{
	return t == IPSEC_POL_HOME_REG_BINDING || t == IPSEC_POL_MH ? MIP6_PRIO_HOME_SIG
								    : MIP6_PRIO_HOME_DATA_IPSEC;
}

void mip6_plan_transport_sp(struct ipsec_policy *p, enum node_type role,
			    const struct conf_ipsec_policy *cp, const struct ip_addr *ha,
			    const struct ip_addr *hoa, bool to_ha)
{
	memset(p, 0, sizeof(*p));
	p->sel.src = host_prefix(to_ha ? hoa : ha);
	p->sel.dst = host_prefix(to_ha ? ha : hoa);
	transport_ulp(&p->sel, cp->type, to_ha);
	/* HA: what goes to it comes in; MN: what goes to the HA goes out. */
	if (role == NODE_HA)
		p->dir = to_ha ? IPSEC_DIR_IN : IPSEC_DIR_OUT;
	else
		p->dir = to_ha ? IPSEC_DIR_OUT : IPSEC_DIR_IN;
	p->type = IPSEC_POLICY_MAIN;
	p->priority = transport_priority(cp->type);
	add_templates(p, cp, IPSEC_MODE_TRANSPORT, NULL, NULL, mip6_plan_reqid(cp, to_ha));
}

/* The MN's bypass policies: with HomeRegBinding only the BA from the HA is
 * protected, the other MH messages from it pass; with Mh, BUs to
 * correspondents (route optimisation) must not hit the HA's policy. */
static int mn_bypass(const struct conf_ipsec_policy *cp, const struct ip_addr *ha,
		     const struct ip_addr *hoa, struct ipsec_policy *out, size_t max, size_t *n)
{
	struct ipsec_policy p;

	memset(&p, 0, sizeof(p));
	p.type = IPSEC_POLICY_MAIN;
	p.action = IPSEC_ACTION_NONE;
	p.sel.proto = IPSEC_PROTO_MH;
	if (cp->type == IPSEC_POL_HOME_REG_BINDING) {
		p.sel.src = host_prefix(ha);
		p.sel.dst = host_prefix(hoa);
		p.dir = IPSEC_DIR_IN;
		p.priority = MIP6_PRIO_HOME_SIG_ANY;
		return mip6_plan_push_sp(out, max, n, &p);
	}
	if (cp->type == IPSEC_POL_MH) {
		p.sel.src = host_prefix(hoa);
		p.sel.dst = any_prefix(hoa->family);
		p.sel.has_mh_type = true;
		p.sel.mh_type = MIP6_MH_BU;
		p.dir = IPSEC_DIR_OUT;
		p.priority = MIP6_PRIO_BYPASS_BU;
		return mip6_plan_push_sp(out, max, n, &p);
	}
	return 0;
}

static int transport_pair(enum node_type role, const struct conf_ipsec_set *set,
			  const struct ip_addr *hoa, struct ipsec_policy *out, size_t max, size_t *n)
{
	struct ipsec_policy p;
	int rc;

	for (const struct conf_ipsec_policy *cp = set->policies; cp; cp = cp->next) {
		if (mip6_ipsec_is_tunnel(cp->type))
			continue;
		/* Towards the HA first: the HA's table reads "in, out", the
		 * MN's "out, in". */
		for (int i = 0; i < 2; i++) {
			mip6_plan_transport_sp(&p, role, cp, &set->ha_addr, hoa, i == 0);
			rc = mip6_plan_push_sp(out, max, n, &p);
			if (rc)
				return rc;
		}
		if (role == NODE_MN) {
			rc = mn_bypass(cp, &set->ha_addr, hoa, out, max, n);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int mip6_ipsec_transport_policies(enum node_type role, const struct conf_ipsec_set *set,
				  struct ipsec_policy *out, size_t max, size_t *n)
{
	int rc;

	if (role != NODE_HA && role != NODE_MN)
		return -EINVAL;
	for (const struct conf_prefix *h = set->hoas; h; h = h->next) {
		rc = transport_pair(role, set, &h->prefix.addr, out, max, n);
		if (rc)
			return rc;
	}
	return 0;
}

/* The upper-layer selector of a tunnel type; to_ha as above. */
static void tunnel_ulp(struct ipsec_selector *s, enum ipsec_pol_type t, bool to_ha)
{
	switch (t) {
	case IPSEC_POL_TUNNEL_HOME_TESTING:
		s->proto = IPSEC_PROTO_MH;
		s->has_mh_type = true;
		s->mh_type = (uint8_t)(to_ha ? MIP6_MH_HOTI : MIP6_MH_HOT);
		break;
	case IPSEC_POL_TUNNEL_MH:
		s->proto = IPSEC_PROTO_MH;
		break;
	default:
		s->proto = IPSEC_ULPROTO_ANY;
		break;
	}
}

/* One tunnel policy.  mn_side is the HoA or an MNP, the MN's end of the
 * flows; to_ha: traffic from the mobile side to the correspondent. */
static int tunnel_sp(const struct mip6_ipsec_binding *b, const struct conf_ipsec_policy *cp,
		     const struct ip_prefix *mn_side, bool to_ha, enum ipsec_dir dir,
		     const struct ip_addr *coa, struct ipsec_policy *out, size_t max, size_t *n)
{
	struct ipsec_policy p;
	struct ip_prefix any = any_prefix(b->hoa.family);

	memset(&p, 0, sizeof(p));
	p.sel.src = to_ha ? *mn_side : any;
	p.sel.dst = to_ha ? any : *mn_side;
	tunnel_ulp(&p.sel, cp->type, to_ha);
	p.dir = dir;
	p.type = IPSEC_POLICY_MAIN;
	p.priority = cp->type == IPSEC_POL_TUNNEL_PAYLOAD ? MIP6_PRIO_TUNNEL_DATA : MIP6_PRIO_TUNNEL_SIG;
	if (to_ha)
		add_templates(&p, cp, IPSEC_MODE_TUNNEL, coa, &b->ha, mip6_plan_reqid(cp, true));
	else
		add_templates(&p, cp, IPSEC_MODE_TUNNEL, &b->ha, coa, mip6_plan_reqid(cp, false));
	return mip6_plan_push_sp(out, max, n, &p);
}

/* The policies of one tunnel type for one mobile-side prefix. */
static int tunnel_set(const struct mip6_ipsec_binding *b, const struct conf_ipsec_policy *cp,
		      const struct ip_prefix *mn_side, bool is_mnp, const struct ip_addr *coa,
		      struct ipsec_policy *out, size_t max, size_t *n)
{
	int rc;

	if (b->role == NODE_HA) {
		/* From the MN: in (to the HA itself) and fwd (through it). */
		rc = tunnel_sp(b, cp, mn_side, true, IPSEC_DIR_IN, coa, out, max, n);
		if (!rc)
			rc = tunnel_sp(b, cp, mn_side, true, IPSEC_DIR_FWD, coa, out, max, n);
		if (!rc)
			rc = tunnel_sp(b, cp, mn_side, false, IPSEC_DIR_OUT, coa, out, max, n);
		return rc;
	}
	rc = tunnel_sp(b, cp, mn_side, true, IPSEC_DIR_OUT, coa, out, max, n);
	if (!rc)
		rc = tunnel_sp(b, cp, mn_side, false, IPSEC_DIR_IN, coa, out, max, n);
	/* A mobile router forwards what it receives for its networks. */
	if (!rc && is_mnp)
		rc = tunnel_sp(b, cp, mn_side, false, IPSEC_DIR_FWD, coa, out, max, n);
	return rc;
}

/* A mobile router's traffic with its own mobile network (its address on
 * that link, its HoA) would match the prefix's IN policy and the HoA's OUT
 * one, which want it through the tunnel: hosts could not reach their
 * router.  As UMIP (priority 9): OUT to the prefix and IN from it pass. */
static int mr_local_bypass(const struct ip_prefix *mnp, struct ipsec_policy *out, size_t max,
			   size_t *n)
{
	struct ipsec_policy p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.type = IPSEC_POLICY_MAIN;
	p.action = IPSEC_ACTION_NONE;
	p.priority = MIP6_PRIO_MR_LOCAL_BYPASS;
	p.sel.proto = IPSEC_ULPROTO_ANY;
	p.sel.src = any_prefix(mnp->addr.family);
	p.sel.dst = *mnp;
	p.dir = IPSEC_DIR_OUT;
	rc = mip6_plan_push_sp(out, max, n, &p);
	if (rc)
		return rc;
	p.sel.src = *mnp;
	p.sel.dst = any_prefix(mnp->addr.family);
	p.dir = IPSEC_DIR_IN;
	return mip6_plan_push_sp(out, max, n, &p);
}

int mip6_ipsec_tunnel_policies(const struct mip6_ipsec_binding *b, const struct ip_addr *coa,
			       struct ipsec_policy *out, size_t max, size_t *n)
{
	struct ip_prefix hoa = host_prefix(&b->hoa);
	int rc;

	if (b->role != NODE_HA && b->role != NODE_MN)
		return -EINVAL;
	if (!b->set)
		return 0;
	for (const struct conf_ipsec_policy *cp = b->set->policies; cp; cp = cp->next) {
		if (!mip6_ipsec_is_tunnel(cp->type))
			continue;
		rc = tunnel_set(b, cp, &hoa, false, coa, out, max, n);
		if (rc)
			return rc;
		if (b->role == NODE_MN && cp->type == IPSEC_POL_TUNNEL_MH) {
			/* BUs from correspondents reach the MN through the tunnel. */
			struct ipsec_policy *p;

			rc = tunnel_sp(b, cp, &hoa, false, IPSEC_DIR_IN, coa, out, max, n);
			if (rc)
				return rc;
			p = &out[*n - 1];
			p->sel.has_mh_type = true;
			p->sel.mh_type = MIP6_MH_BU;
			p->priority = MIP6_PRIO_TUNNEL_MH_BU;
		}
		if (cp->type != IPSEC_POL_TUNNEL_PAYLOAD)
			continue;
		for (size_t i = 0; i < b->n_mnps; i++) {
			rc = tunnel_set(b, cp, &b->mnps[i], true, coa, out, max, n);
			if (!rc && b->role == NODE_MN)
				rc = mr_local_bypass(&b->mnps[i], out, max, n);
			if (rc)
				return rc;
		}
	}
	return 0;
}
