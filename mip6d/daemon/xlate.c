/* Pure translations: see xlate.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/daemon/xlate.h"

static struct ip_prefix host(const struct ip_addr *a)
{
	struct ip_prefix p = { .addr = *a, .len = 128 };

	return p;
}

static struct ip_prefix any6(void)
{
	struct ip_prefix p;

	memset(&p, 0, sizeof(p));
	addr_any(&p.addr, AF_INET6);
	return p;
}

int xl_bu_from_mh(const struct mh_msg *m, const struct sys_mh_info *info, struct ha_bu *bu,
		  struct ip_prefix *mnps, size_t max)
{
	size_t i;

	if (m->type != MH_BU)
		return -EINVAL;
	if (m->opts.n_mnp > max)
		return -ENOBUFS;
	memset(bu, 0, sizeof(*bu));
	/* The kernel has swapped a HAO in: the source delivered is the HoA,
	 * the option holds the care-of address. */
	bu->src = info->has_hao ? info->hao : info->src;
	bu->dst = info->dst;
	bu->hoa = info->src;
	if (m->opts.present & (1u << MH_OPT_ALTCOA))
		addr_from_v6(&bu->alt_coa, &m->opts.alt_coa);
	bu->seq = m->u.bu.seq;
	bu->flags = (uint8_t)(m->u.bu.flags >> 8);
	bu->lifetime = m->u.bu.lifetime;
	for (i = 0; i < m->opts.n_mnp; i++) {
		memset(&mnps[i], 0, sizeof(mnps[i]));
		addr_from_v6(&mnps[i].addr, &m->opts.mnp[i].prefix);
		mnps[i].len = m->opts.mnp[i].plen;
	}
	bu->mnps = mnps;
	bu->n_mnps = m->opts.n_mnp;
	return 0;
}

void xl_ba_to_mh(const struct ha_ba *ba, struct mh_msg *m, struct sys_mh_send *s)
{
	memset(m, 0, sizeof(*m));
	memset(s, 0, sizeof(*s));
	m->type = MH_BA;
	m->payload_proto = 59;
	m->u.ba.status = ba->status;
	m->u.ba.flags = ba->flags;
	m->u.ba.seq = ba->seq;
	m->u.ba.lifetime = ba->lifetime;
	s->src = ba->src;
	s->dst = ba->dst;
	if (ba->hoa.family == AF_INET6 && !addr_eq(&ba->hoa, &ba->dst))
		s->rth2 = ba->hoa;
}

int xl_bu_to_mh(const struct bul_bu *bu, struct mh_msg *m, struct sys_mh_send *s)
{
	size_t i;

	if (bu->n_mnps > MH_MNP_MAX)
		return -ENOBUFS;
	memset(m, 0, sizeof(*m));
	memset(s, 0, sizeof(*s));
	m->type = MH_BU;
	m->payload_proto = 59;
	m->u.bu.seq = bu->seq;
	m->u.bu.flags = (uint16_t)(bu->flags << 8);
	m->u.bu.lifetime = bu->lifetime;
	if (bu->alt_coa.family == AF_INET6) {
		m->opts.present |= 1u << MH_OPT_ALTCOA;
		m->opts.alt_coa = bu->alt_coa.u.v6;
	}
	for (i = 0; i < bu->n_mnps; i++) {
		m->opts.mnp[i].plen = bu->mnps[i].len;
		m->opts.mnp[i].prefix = bu->mnps[i].addr.u.v6;
	}
	m->opts.n_mnp = (uint8_t)bu->n_mnps;
	if (bu->n_mnps)
		m->opts.present |= 1u << MH_OPT_MNP;
	s->src = bu->src;
	s->dst = bu->dst;
	if (!addr_eq(&bu->src, &bu->hoa))
		s->hao = bu->hoa;
	return 0;
}

int xl_ba_from_mh(const struct mh_msg *m, const struct sys_mh_info *info, struct bul_ba *ba)
{
	if (m->type != MH_BA)
		return -EINVAL;
	memset(ba, 0, sizeof(*ba));
	ba->src = info->src;
	/* After a Type 2 RH the destination delivered is the HoA (the header
	 * then holds the care-of address). */
	ba->hoa = info->dst;
	ba->status = m->u.ba.status;
	ba->flags = m->u.ba.flags;
	ba->seq = m->u.ba.seq;
	ba->lifetime = m->u.ba.lifetime;
	if (m->opts.present & (1u << MH_OPT_BRA))
		ba->refresh = m->opts.refresh_interval;
	return 0;
}

static void ro_state(struct ipsec_sa *sa, enum ipsec_proto proto, const struct ip_addr *src,
		     const struct ip_addr *dst, const struct ip_addr *coa)
{
	memset(sa, 0, sizeof(*sa));
	sa->proto = proto;
	sa->mode = IPSEC_MODE_RO;
	sa->src = *src;
	sa->dst = *dst;
	sa->coaddr = *coa;
	sa->sel.src = host(src);
	sa->sel.dst = host(dst);
}

void xl_ro_states(const struct ip_addr *ha, const struct ip_addr *hoa, const struct ip_addr *coa,
		  struct ipsec_sa out[2])
{
	ro_state(&out[0], IPSEC_PROTO_ROUTING, ha, hoa, coa);
	ro_state(&out[1], IPSEC_PROTO_DSTOPTS, hoa, ha, coa);
}

static void ro_policy(struct ipsec_policy *p, enum ipsec_dir dir, const struct ip_prefix *src,
		      const struct ip_prefix *dst, enum ipsec_proto proto, enum ipsec_level level,
		      uint32_t prio)
{
	memset(p, 0, sizeof(*p));
	p->sel.src = *src;
	p->sel.dst = *dst;
	p->dir = dir;
	p->type = IPSEC_POLICY_SUB;
	p->action = IPSEC_ACTION_IPSEC;
	p->priority = prio;
	p->ntmpl = 1;
	p->tmpl[0].proto = proto;
	p->tmpl[0].mode = IPSEC_MODE_RO;
	p->tmpl[0].level = level;
}

void xl_ro_policies(const struct ip_addr *ha, const struct ip_addr *hoa, struct ipsec_policy out[2])
{
	struct ip_prefix h = host(ha), m = host(hoa);

	ro_policy(&out[0], IPSEC_DIR_OUT, &h, &m, IPSEC_PROTO_ROUTING, IPSEC_LEVEL_REQUIRE,
		  XL_PRIO_RO_BCE_DATA);
	ro_policy(&out[1], IPSEC_DIR_IN, &m, &h, IPSEC_PROTO_DSTOPTS, IPSEC_LEVEL_USE,
		  XL_PRIO_RO_BCE_DATA);
}

void xl_ro_wildcard(enum node_type node, struct ipsec_sa *sa, struct ipsec_policy *p)
{
	struct ip_prefix any = any6();
	enum ipsec_proto proto = node == NODE_HA ? IPSEC_PROTO_DSTOPTS : IPSEC_PROTO_ROUTING;

	ro_state(sa, proto, &any.addr, &any.addr, &any.addr);
	sa->sel.src = any;
	sa->sel.dst = any;
	sa->flags = XL_STATE_WILDRECV;
	ro_policy(p, IPSEC_DIR_IN, &any, &any, proto, IPSEC_LEVEL_USE,
		  node == NODE_HA ? XL_PRIO_RO_SIG_ANY : XL_PRIO_RO_DATA_ANY);
	if (node == NODE_HA) {
		/* Only BUs may carry a HAO to us. */
		p->sel.proto = IPSEC_PROTO_MH;
		p->sel.has_mh_type = true;
		p->sel.mh_type = MIP6_MH_BU;
	}
}

void xl_ro_mh_bypass(struct ipsec_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->sel.src = any6();
	p->sel.dst = any6();
	p->sel.proto = IPSEC_PROTO_MH;
	p->dir = IPSEC_DIR_OUT;
	p->type = IPSEC_POLICY_SUB;
	p->action = IPSEC_ACTION_NONE;
	p->priority = XL_PRIO_MH_BYPASS;
}

void xl_nd_bypass(struct ipsec_policy out[XL_ND_BYPASS_N])
{
	static const uint16_t types[2] = { 135, 136 };      /* NS, NA */
	size_t i;

	for (i = 0; i < XL_ND_BYPASS_N; i++) {
		struct ipsec_policy *p = &out[i];

		memset(p, 0, sizeof(*p));
		p->sel.src = any6();
		p->sel.dst = any6();
		p->sel.proto = MIP6_ICMP6;
		p->sel.sport = types[i / 2];
		p->dir = i % 2 ? IPSEC_DIR_OUT : IPSEC_DIR_IN;
		p->type = IPSEC_POLICY_MAIN;
		p->action = IPSEC_ACTION_NONE;
		p->priority = XL_PRIO_ND_BYPASS;
	}
}

int xl_ipsec_apply(const struct dk_ops *ops, void *k, const struct mip6_ipsec_op *op)
{
	int r;

	switch (op->kind) {
	case MIP6_IPSEC_SP_ADD:
		return ops->sp_update(k, &op->u.sp);
	case MIP6_IPSEC_SP_DEL:
		r = ops->sp_delete(k, &op->u.sp);
		return r == -ENOENT ? 0 : r;
	case MIP6_IPSEC_MIGRATE:
		r = ops->migrate(k, &op->u.mig);
		return r == -ENOENT ? 0 : r;
	}
	return -EINVAL;
}

int xl_ipsec_undo(const struct dk_ops *ops, void *k, const struct mip6_ipsec_op *op)
{
	if (op->kind == MIP6_IPSEC_SP_ADD)
		return ops->sp_delete(k, &op->u.sp);
	return 0;
}

bool xl_sa_event_is_ipsec(const struct ipsec_sa *sa)
{
	return sa->proto == IPSEC_PROTO_ESP || sa->proto == IPSEC_PROTO_AH;
}
