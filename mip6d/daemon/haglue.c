/* The Home Agent glue: see haglue.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/mh/mh.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/proxynd.h"

/* UMIP's DAD wait: one probe, 1 s. */
#define HAG_DAD_TIMEOUT_MS 1000u

struct hag_dad {
	struct hag_dad *next;
	struct hag *g;
	struct ip_addr hoa;
	struct sys_dad_probe probe;
};

static struct hag_tnl **tnl_find(struct hag *g, const struct ip_addr *hoa)
{
	struct hag_tnl **pp;

	for (pp = &g->tnls; *pp; pp = &(*pp)->next)
		if (addr_eq(&(*pp)->hoa, hoa))
			return pp;
	return NULL;
}

static int tunnel_add(struct hag *g, const struct ha_action *a)
{
	struct hag_tnl *t;
	struct sys_tunnel st;
	int r;

	if (tnl_find(g, &a->hoa))
		return -EEXIST;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->hoa = a->hoa;
	snprintf(t->name, sizeof(t->name), "mip6ha%u", g->tnl_seq++);
	sys_tunnel_defaults(&st, &a->ha, &a->coa);
	r = g->ops->tunnel_add(g->k, t->name, &st, &t->ifindex);
	if (r < 0) {
		free(t);
		return r;
	}
	t->next = g->tnls;
	g->tnls = t;
	return 0;
}

static int tunnel_mod(struct hag *g, const struct ha_action *a)
{
	struct hag_tnl **pp = tnl_find(g, &a->hoa);
	struct sys_tunnel st;

	if (!pp)
		return -ENOENT;
	sys_tunnel_defaults(&st, &a->ha, &a->coa);
	return g->ops->tunnel_change(g->k, (*pp)->ifindex, &st);
}

static int tunnel_del(struct hag *g, const struct ha_action *a)
{
	struct hag_tnl **pp = tnl_find(g, &a->hoa), *t;
	int r;

	if (!pp)
		return -ENOENT;
	t = *pp;
	r = g->ops->tunnel_del(g->k, t->ifindex);
	*pp = t->next;
	free(t);
	return r;
}

static int route(struct hag *g, const struct ha_action *a, bool add)
{
	struct hag_tnl **pp = tnl_find(g, &a->hoa);
	struct sys_route r;

	if (!pp)
		return -ENOENT;
	sys_route_init(&r, &a->prefix);
	r.table = SYS_RT_TABLE_MIP6;
	r.oif = (*pp)->ifindex;
	return add ? g->ops->route_add(g->k, &r) : g->ops->route_del(g->k, &r);
}

static int ro(struct hag *g, const struct ha_action *a, bool bind)
{
	struct ipsec_sa sa[2];
	struct ipsec_policy sp[2];
	int r, i;

	xl_ro_states(&a->ha, &a->hoa, &a->coa, sa);
	xl_ro_policies(&a->ha, &a->hoa, sp);
	if (!bind) {
		int first = 0;

		for (i = 1; i >= 0; i--) {
			r = g->ops->sp_delete(g->k, &sp[i]);
			if (r < 0 && r != -ENOENT && !first)
				first = r;
			r = g->ops->sa_delete(g->k, &sa[i]);
			if (r < 0 && r != -ENOENT && r != -ESRCH && !first)
				first = r;
		}
		return first;
	}
	for (i = 0; i < 2; i++) {
		r = g->ops->sa_update(g->k, &sa[i]);
		if (r < 0)
			return r;
	}
	for (i = 0; i < 2; i++) {
		r = g->ops->sp_update(g->k, &sp[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

int hag_apply(void *ctx, const struct ha_action *a)
{
	struct hag *g = ctx;
	int r = -EINVAL;
	char b1[ADDR_STRLEN];

	switch (a->kind) {
	case HA_ACT_MIP6_BIND:
		r = ro(g, a, true);
		break;
	case HA_ACT_MIP6_UNBIND:
		r = ro(g, a, false);
		break;
	case HA_ACT_IPSEC:
		r = xl_ipsec_apply(g->ops, g->k, &a->ipsec);
		break;
	case HA_ACT_TUNNEL_ADD:
		r = tunnel_add(g, a);
		break;
	case HA_ACT_TUNNEL_MOD:
		r = tunnel_mod(g, a);
		break;
	case HA_ACT_TUNNEL_DEL:
		r = tunnel_del(g, a);
		break;
	case HA_ACT_ROUTE_ADD:
		r = route(g, a, true);
		break;
	case HA_ACT_ROUTE_DEL:
		r = route(g, a, false);
		break;
	case HA_ACT_PROXY_ADD:
		r = g->ops->pneigh_add(g->k, g->home_ifindex, &a->prefix.addr, a->router);
		/* Take the address over at once (RFC 6275 10.4.1). */
		if (r == 0 && g->ops->send_na(g->k, g->home_ifindex, &a->prefix.addr, a->router) < 0)
			log_debug("no unsolicited NA for %s",
				  addr_fmt(&a->prefix.addr, b1, sizeof(b1)));
		break;
	case HA_ACT_PROXY_DEL:
		r = g->ops->pneigh_del(g->k, g->home_ifindex, &a->prefix.addr);
		break;
	}
	if (r < 0)
		log_warn("binding of %s: kernel step %d failed: %s",
			 addr_fmt(&a->hoa, b1, sizeof(b1)), (int)a->kind, strerror(-r));
	return r;
}

int hag_ns(struct hag *g, const struct sys_icmp6_info *info, const struct sys_nd_msg *ns)
{
	const struct bce *e;
	struct ip_addr target;
	char b[ADDR_STRLEN];

	if (ns->type != SYS_ND_TYPE_NS || info->ifindex != g->home_ifindex || info->hoplimit != 255)
		return 0;
	e = bcache_get(&g->ha.bc, &info->src);
	addr_from_v6(&target, &ns->target);
	if (!e || e->state != BCE_BOUND || bcache_get(&g->ha.bc, &target))
		return 0;
	if (g->ops->send_na(g->k, g->home_ifindex, &target, 1) < 0)
		return 0;
	log_debug("NA for %s to all-nodes: %s is back home", addr_fmt(&target, b, sizeof(b)),
		  addr_fmt(&info->src, b, sizeof(b)));
	return 1;
}

static void send_ba(void *ctx, const struct ha_ba *ba)
{
	struct hag *g = ctx;
	struct mh_msg m;
	struct sys_mh_send s;
	uint8_t buf[256];
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int len, r;

	xl_ba_to_mh(ba, &m, &s);
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	if (len < 0) {
		g->tx_fail++;
		return;
	}
	r = g->ops->send_mh(g->k, &s, buf, (size_t)len);
	if (r < 0) {
		g->tx_fail++;
		log_warn("BA to %s (HoA %s) not sent: %s", addr_fmt(&ba->dst, b1, sizeof(b1)),
			 addr_fmt(&ba->hoa, b2, sizeof(b2)), strerror(-r));
		return;
	}
	g->tx_ba++;
	log_info("BA status %u seq %u lifetime %u to %s for HoA %s flags 0x%02x", ba->status,
		 ba->seq, ba->lifetime * 4u, addr_fmt(&ba->dst, b1, sizeof(b1)),
		 addr_fmt(&ba->hoa, b2, sizeof(b2)), ba->flags);
}

static void dad_unlink(struct hag_dad *d)
{
	struct hag_dad **pp;

	for (pp = &d->g->dads; *pp; pp = &(*pp)->next)
		if (*pp == d) {
			*pp = d->next;
			return;
		}
}

static void dad_done(struct sys_dad_probe *p, int result, void *arg)
{
	struct hag_dad *d = arg;
	struct hag *g = d->g;
	struct ip_addr hoa = d->hoa;
	char b[ADDR_STRLEN];

	(void)p;
	dad_unlink(d);
	free(d);
	if (result < 0)
		log_warn("DAD of %s could not run (%s): accepting", addr_fmt(&hoa, b, sizeof(b)),
			 strerror(-result));
	else if (result == SYS_DAD_DUPLICATE)
		log_notice("DAD: %s is in use on the home link", addr_fmt(&hoa, b, sizeof(b)));
	ha_dad_done(&g->ha, &hoa, result != SYS_DAD_DUPLICATE);
}

static void start_dad(void *ctx, const struct bce *e, bool link_local)
{
	struct hag *g = ctx;
	struct hag_dad *d = calloc(1, sizeof(*d));
	int r;

	(void)link_local;
	if (!d) {
		ha_dad_done(&g->ha, &e->hoa, false);
		return;
	}
	d->g = g;
	d->hoa = e->hoa;
	r = sys_dad_probe_start(&d->probe, g->loop, g->home_ifindex, &e->hoa.u.v6, 1,
				HAG_DAD_TIMEOUT_MS, dad_done, d);
	if (r < 0) {
		free(d);
		log_warn("DAD probe not started: %s; accepting", strerror(-r));
		ha_dad_done(&g->ha, &e->hoa, true);
		return;
	}
	d->next = g->dads;
	g->dads = d;
}

static const struct ha_ops hag_ops_dad = { .apply = hag_apply, .send_ba = send_ba,
					   .start_dad = start_dad };
static const struct ha_ops hag_ops_nodad = { .apply = hag_apply, .send_ba = send_ba };

int hag_init(struct hag *g, struct timerq *tq, const struct ha_config *cfg,
	     const struct dk_ops *ops, void *k, int home_ifindex, struct ev_loop *loop)
{
	memset(g, 0, sizeof(*g));
	g->ops = ops;
	g->k = k;
	g->home_ifindex = home_ifindex;
	g->loop = loop;
	return ha_init(&g->ha, tq, cfg, loop ? &hag_ops_dad : &hag_ops_nodad, g);
}

void hag_fini(struct hag *g)
{
	while (g->dads) {
		struct hag_dad *d = g->dads;

		g->dads = d->next;
		sys_dad_probe_cancel(&d->probe);
		free(d);
	}
	ha_flush(&g->ha);
	ha_destroy(&g->ha);
	while (g->tnls) {
		struct hag_tnl *t = g->tnls;

		g->tnls = t->next;
		g->ops->tunnel_del(g->k, t->ifindex);
		free(t);
	}
}

void hag_input(struct hag *g, const uint8_t *buf, size_t len, const struct sys_mh_info *info)
{
	struct mh_msg m;
	struct ha_bu bu;
	struct ip_prefix mnps[HA_MAX_MNPS];
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int r;

	g->rx_mh++;
	r = mh_parse(&m, buf, len);
	if (r < 0) {
		g->rx_bad++;
		log_info("malformed MH from %s: %s", addr_fmt(&info->src, b1, sizeof(b1)),
			 strerror(-r));
		return;
	}
	if (m.type != MH_BU) {
		g->rx_other++;
		return;
	}
	r = xl_bu_from_mh(&m, info, &bu, mnps, HA_MAX_MNPS);
	if (r < 0) {
		g->rx_bad++;
		return;
	}
	log_info("BU seq %u lifetime %u flags 0x%02x from %s for HoA %s", bu.seq,
		 bu.lifetime * 4u, bu.flags, addr_fmt(&bu.src, b1, sizeof(b1)),
		 addr_fmt(&bu.hoa, b2, sizeof(b2)));
	for (size_t i = 0; i < bu.n_mnps; i++)
		log_info("BU seq %u: mobile network prefix %s", bu.seq,
			 prefix_fmt(&bu.mnps[i], b2, sizeof(b2)));
	r = ha_process_bu(&g->ha, &bu);
	if (r < 0 && r != -EOPNOTSUPP)
		log_info("BU from %s dropped: %s", b1, strerror(-r));
}
