/* The Mobile Node glue: see mnglue.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/mh/mh.h"
#include "mip6d/sys/addr.h"

#define MNG_TUNNEL_NAME "mip6mn0"
#define MNG_MAX_OPS 64

static const char *fa(const struct ip_addr *a, char *b)
{
	return addr_fmt(a, b, ADDR_STRLEN);
}

static struct ip_prefix hoa_host(const struct mng *m)
{
	struct ip_prefix p = { .addr = m->hl->hoa.addr, .len = 128 };

	return p;
}

static void rule_of(const struct mng *m, struct sys_rule *r)
{
	sys_rule_init(r, SYS_RULE_PRIO_MN_HOA, SYS_RULE_LOOKUP, SYS_RT_TABLE_MIP6);
	r->src = hoa_host(m);
}

static void default_route(const struct mng *m, struct sys_route *r)
{
	struct ip_prefix any;

	memset(&any, 0, sizeof(any));
	addr_any(&any.addr, AF_INET6);
	sys_route_init(r, &any);
	r->table = SYS_RT_TABLE_MIP6;
	r->oif = m->tnl_ifindex;
}

static int ipsec_move(void *ctx, struct bule *e, const struct ip_addr *from,
		      const struct ip_addr *to)
{
	struct mng *m = ctx;
	struct mip6_ipsec_op ops[MNG_MAX_OPS];
	size_t n = 0, i;
	int r;

	(void)e;
	if (!m->ib.set)
		return 0;
	r = mip6_ipsec_plan_move(&m->ib, from, to, ops, MNG_MAX_OPS, &n);
	if (r < 0)
		return r;
	for (i = 0; i < n; i++) {
		r = xl_ipsec_apply(m->ops, m->k, &ops[i]);
		if (r < 0) {
			log_warn("IPsec move step %zu of %zu failed: %s", i + 1, n, strerror(-r));
			while (i-- > 0)
				xl_ipsec_undo(m->ops, m->k, &ops[i]);
			return r;
		}
	}
	return 0;
}

static void send_bu(void *ctx, struct bule *e, const struct bul_bu *bu)
{
	struct mng *m = ctx;
	struct mh_msg msg;
	struct sys_mh_send s;
	uint8_t buf[512];
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int len, r;

	(void)e;
	if (xl_bu_to_mh(bu, &msg, &s) < 0)
		return;
	len = mh_build(&msg, NULL, NULL, buf, sizeof(buf));
	if (len < 0) {
		m->tx_fail++;
		return;
	}
	if (s.hao.family != AF_UNSPEC && m->hao_sp_on) {
		/* The DSTOPTS state adds the HAO: send from the HoA, out of
		 * the care-of address's interface (not into the tunnel). */
		s.src = bu->hoa;
		addr_any(&s.hao, AF_UNSPEC);
		s.ifindex = m->coa_ifindex;
	}
	r = m->ops->send_mh(m->k, &s, buf, (size_t)len);
	if (r < 0) {
		m->tx_fail++;
		log_warn("BU to %s not sent: %s", fa(&bu->dst, b1), strerror(-r));
		return;
	}
	m->tx_bu++;
	log_info("BU seq %u lifetime %u from %s to %s", bu->seq, bu->lifetime * 4u,
		 fa(&bu->src, b1), fa(&bu->dst, b2));
}

static void bul_event(void *ctx, struct bule *e, enum bul_event ev, unsigned status)
{
	static const char *const names[] = {
		"registered", "deregistered", "rejected", "expired", "K bit cleared by the HA",
		"HA does not serve mobile routers", "no response from the HA",
	};

	(void)ctx;
	(void)e;
	if ((unsigned)ev < sizeof(names) / sizeof(names[0]))
		log_notice("home registration: %s (status %u)", names[ev], status);
}

static const struct bul_ops mng_bul_ops = { .move = ipsec_move, .send_bu = send_bu,
					    .event = bul_event };

int mng_init(struct mng *m, struct timerq *tq, const struct mip6_conf *conf,
	     const struct dk_ops *ops, void *k, int home_ifindex, uint16_t seq)
{
	struct bul_params p;
	struct ip_prefix mnps[BUL_MAX_MNPS];
	const struct conf_prefix *cp;
	size_t n = 0;
	int r;

	memset(m, 0, sizeof(*m));
	m->ops = ops;
	m->k = k;
	m->conf = conf;
	m->hl = conf->home_links;
	m->home_ifindex = home_ifindex;
	m->nd_fd = m->raw_fd = m->ll_fd = -1;
	if (!m->hl || !m->hl->hoa_set || addr_is_any(&m->hl->ha_addr))
		return -EINVAL;
	mnnd_init(m);
	memset(&p, 0, sizeof(p));
	p.hoa = m->hl->hoa.addr;
	p.ha = m->hl->ha_addr;
	p.mobile_router = m->hl->is_mob_rtr;
	p.implicit_mode = !conf->mob_rtr_use_explicit_mode;
	p.key_mgmt = conf->use_mnha_ipsec && conf->keymng_mob_capability;
	p.optimistic = conf->optimistic_handoff;
	p.lifetime = conf->mn_max_ha_binding_life;
	p.timeout_first_ms = conf->initial_bindack_timeout_first_reg_ms;
	p.timeout_ms = conf->initial_bindack_timeout_rereg_ms;
	p.seq = seq;
	p.max_resends = conf->mn_max_ha_consecutive_resends;
	for (cp = m->hl->mnps; cp && n < BUL_MAX_MNPS; cp = cp->next)
		mnps[n++] = cp->prefix;
	p.mnps = mnps;
	p.n_mnps = n;
	m->ib.role = NODE_MN;
	m->ib.hoa = p.hoa;
	m->ib.ha = p.ha;
	if (conf->use_mnha_ipsec)
		m->ib.set = mip6_ipsec_find_set(conf->ipsec_sets, &p.ha, &p.hoa);
	r = bul_init(&m->bul, tq, &mng_bul_ops, m);
	if (r < 0)
		return r;
	r = bul_add(&m->bul, &p, &m->e);
	if (r < 0) {
		bul_destroy(&m->bul);
		return r;
	}
	m->ib.mnps = m->e->mnps;
	m->ib.n_mnps = m->e->p.n_mnps;
	mrg_start(&m->mr, conf, m->hl, ops, k, NULL);
	return 0;
}

/* The HAO state for coa and the BU policy that uses it. */
static void hao_install(struct mng *m, const struct ip_addr *coa)
{
	struct ipsec_sa sa[2];
	struct ipsec_policy sp[2];
	int r;

	xl_ro_states(&m->hl->ha_addr, &m->hl->hoa.addr, coa, sa);
	m->hao_sa = sa[1];
	r = m->ops->sa_update(m->k, &m->hao_sa);
	m->hao_sa_on = r == 0;
	if (r < 0) {
		log_info("no HAO state (%s): the socket adds the HAO", strerror(-r));
		return;
	}
	if (m->hao_sp_on)
		return;
	xl_ro_policies(&m->hl->hoa.addr, &m->hl->ha_addr, sp);
	m->hao_sp = sp[0];
	m->hao_sp.sel.proto = IPSEC_PROTO_MH;
	m->hao_sp.sel.has_mh_type = true;
	m->hao_sp.sel.mh_type = MIP6_MH_BU;
	m->hao_sp.tmpl[0].proto = IPSEC_PROTO_DSTOPTS;
	m->hao_sp.priority = MIP6_PRIO_HOME_SIG;
	m->hao_sp_on = m->ops->sp_update(m->k, &m->hao_sp) == 0;
}

static void hao_remove(struct mng *m)
{
	if (m->hao_sp_on)
		m->ops->sp_delete(m->k, &m->hao_sp);
	if (m->hao_sa_on)
		m->ops->sa_delete(m->k, &m->hao_sa);
	m->hao_sp_on = m->hao_sa_on = false;
}

/* The HoA onto the tunnel, the routing into it. */
static int go_away(struct mng *m, const struct ip_addr *coa)
{
	struct sys_tunnel t;
	struct sys_rule rule;
	struct sys_route rt;
	struct ip_prefix h = hoa_host(m);
	int r;

	sys_tunnel_defaults(&t, coa, &m->hl->ha_addr);
	if (m->tnl_ifindex) {
		r = m->ops->tunnel_change(m->k, m->tnl_ifindex, &t);
		if (r == 0)
			hao_install(m, coa);
		return r;
	}
	r = m->ops->tunnel_add(m->k, MNG_TUNNEL_NAME, &t, &m->tnl_ifindex);
	if (r < 0)
		return r;
	m->ops->addr_del(m->k, m->home_ifindex, &m->hl->hoa);
	r = m->ops->addr_add(m->k, m->tnl_ifindex, &h, SYS_IFA_F_HOMEADDRESS | SYS_IFA_F_NODAD);
	if (r < 0)
		log_warn("HoA not moved to the tunnel: %s", strerror(-r));
	rule_of(m, &rule);
	r = m->ops->rule_add(m->k, &rule);
	if (r < 0 && r != -EEXIST)
		log_warn("rule from HoA lookup %u: %s", SYS_RT_TABLE_MIP6, strerror(-r));
	default_route(m, &rt);
	r = m->ops->route_add(m->k, &rt);
	if (r < 0)
		log_warn("default route into the tunnel: %s", strerror(-r));
	hao_install(m, coa);
	return 0;
}

/* Undoes go_away: the HoA back on the home interface. */
static void come_home(struct mng *m)
{
	struct sys_rule rule;
	struct sys_route rt;

	hao_remove(m);
	if (m->tnl_ifindex) {
		default_route(m, &rt);
		m->ops->route_del(m->k, &rt);
		rule_of(m, &rule);
		m->ops->rule_del(m->k, &rule);
		m->ops->tunnel_del(m->k, m->tnl_ifindex);
		m->tnl_ifindex = 0;
	}
	/* No DAD: the HA defends the HoA until the binding is gone. */
	if (m->ops->addr_add(m->k, m->home_ifindex, &m->hl->hoa,
			     SYS_IFA_F_HOMEADDRESS | SYS_IFA_F_NODAD) < 0)
		log_warn("HoA not restored on the home interface");
}

static struct mng_cand *cand_find(struct mng *m, int ifindex, const struct ip_addr *a)
{
	size_t i;

	for (i = 0; i < m->n_cand; i++)
		if (m->cand[i].ifindex == ifindex && addr_eq(&m->cand[i].addr.addr, a))
			return &m->cand[i];
	return NULL;
}

void mng_cand_set(struct mng *m, int ifindex, unsigned pref, const struct ip_prefix *a,
		  bool usable, bool add, bool ra)
{
	struct mng_cand *c = cand_find(m, ifindex, &a->addr);

	if (!add) {
		if (c)
			*c = m->cand[--m->n_cand];
		return;
	}
	if (!c) {
		if (m->n_cand >= MNG_MAX_CAND)
			return;
		c = &m->cand[m->n_cand++];
		c->ra = ra;
	}
	c->ifindex = ifindex;
	c->pref = pref;
	c->addr = *a;
	c->usable = usable;
	c->ra = c->ra || ra;
}

void mng_addr(struct mng *m, int ifindex, unsigned pref, const struct ip_prefix *a,
	      bool usable, bool add)
{
	if (a->addr.family != AF_INET6 || addr_eq(&a->addr, &m->hl->hoa.addr) ||
	    (ifindex == m->tnl_ifindex && m->tnl_ifindex) || mnnd_unconfirmed(m, ifindex, &a->addr))
		return;
	mng_cand_set(m, ifindex, pref, a, usable, add, false);
}

void mng_link_down(struct mng *m, int ifindex)
{
	size_t i = 0;

	mnnd_forget(m, ifindex);
	while (i < m->n_cand) {
		if (m->cand[i].ifindex == ifindex)
			m->cand[i] = m->cand[--m->n_cand];
		else
			i++;
	}
}

static bool at_home(const struct mng *m, const struct mng_cand *c)
{
	return c->ifindex == m->home_ifindex && prefix_contains(&m->hl->home_prefix, &c->addr.addr);
}

const struct mng_cand *mng_best(const struct mng *m)
{
	const struct mng_cand *best = NULL;
	size_t i;

	for (i = 0; i <= m->n_cand; i++) {
		const struct mng_cand *c = i < m->n_cand ? &m->cand[i] : &m->home_cand;

		if (c->ifindex == 0)
			continue;

		if (c->pref == 0 && !m->conf->mn_use_all_interfaces)
			continue;
		if (!best || (c->pref ? c->pref : 100) < (best->pref ? best->pref : 100) ||
		    (c->usable && !best->usable && c->pref == best->pref) ||
		    (at_home(m, c) && !at_home(m, best) && c->pref == best->pref))
			best = c;
	}
	return best;
}

void mng_reselect(struct mng *m)
{
	const struct mng_cand *c = mng_best(m);
	char b[ADDR_STRLEN];

	if (!c)
		return;
	if (at_home(m, c)) {
		if (!m->away)
			return;
		log_notice("movement: back on the home link");
		m->away = false;
		addr_any(&m->coa, AF_UNSPEC);
		come_home(m);
		bul_home(m->e);
		return;
	}
	if (m->away && addr_eq(&m->coa, &c->addr.addr)) {
		if (c->usable)
			bul_coa_usable(m->e, &c->addr.addr);
		return;
	}
	log_notice("movement: care-of address %s%s", fa(&c->addr.addr, b),
		   c->usable ? "" : " (tentative)");
	m->coa_ifindex = c->ifindex;
	if (go_away(m, &c->addr.addr) < 0) {
		log_err("cannot set up the tunnel to the home agent from %s", b);
		return;
	}
	m->away = true;
	m->coa = c->addr.addr;
	m->coa_ifindex = c->ifindex;
	bul_move(m->e, &c->addr.addr, c->usable);
}

void mng_input(struct mng *m, const uint8_t *buf, size_t len, const struct sys_mh_info *info)
{
	struct mh_msg msg;
	struct bul_ba ba;
	char b[ADDR_STRLEN];
	int r;

	m->rx_mh++;
	r = mh_parse(&msg, buf, len);
	if (r < 0) {
		m->rx_bad++;
		return;
	}
	if (msg.type != MH_BA || xl_ba_from_mh(&msg, info, &ba) < 0)
		return;
	log_info("BA status %u seq %u lifetime %u from %s", ba.status, ba.seq, ba.lifetime * 4u,
		 fa(&ba.src, b));
	r = bul_ba(&m->bul, &ba);
	if (r < 0)
		log_info("BA ignored: %s", strerror(-r));
}

void mng_sa_installed(struct mng *m, const struct ip_addr *dst)
{
	if (bul_sa_installed(&m->bul, dst))
		log_info("SA towards the HA installed: BU sent again");
}

void mng_fini(struct mng *m)
{
	if (m->away) {
		if (m->e->installed.family != AF_UNSPEC)
			ipsec_move(m, m->e, &m->e->installed, &m->hl->hoa.addr);
		come_home(m);
		m->away = false;
	}
	mnnd_stop(m);
	mrg_stop(&m->mr, m->ops, m->k);
	bul_destroy(&m->bul);
}
