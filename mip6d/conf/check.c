/* Semantic checks of mip6d.conf: what a single statement cannot know
 * (keywords against the NodeConfig, blocks that must be complete,
 * overlapping IPsec policies), and the checks against this machine. */
#include "config.h"

#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "mip6d/conf/conf_int.h"

static const char *role_names(unsigned roles, char *buf, size_t len)
{
	static const char *const names[] = { "CN", "HA", "MN" };
	size_t off = 0;
	unsigned i, n = 0, total = 0;

	for (i = 0; i < 3; i++)
		total += !!(roles & (1u << i));
	buf[0] = '\0';
	for (i = 0; i < 3; i++) {
		if (!(roles & (1u << i)))
			continue;
		n++;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					n == 1 ? "" : n == total ? " or " : ", ", names[i]);
		if (off >= len)
			break;
	}
	return buf;
}

static void check_roles(struct conf_state *st)
{
	const struct conf_kwuse *u;
	char roles[32];

	for (u = st->kwuses; u; u = u->next) {
		if (u->roles & (1u << st->conf->node_type))
			continue;
		conf_error(st, &u->loc, "%s is only valid with NodeConfig %s (NodeConfig is %s)",
			   u->keyword, role_names(u->roles, roles, sizeof(roles)),
			   node_type_name(st->conf->node_type));
	}
}

static const struct conf_loc *kw_loc(const struct conf_state *st, const char *kw)
{
	const struct conf_kwuse *u;
	const struct conf_loc *last = NULL;

	for (u = st->kwuses; u; u = u->next)
		if (strcmp(u->keyword, kw) == 0)
			last = &u->loc;
	return last;
}

/* What each policy type protects, as bits: two policies for the same
 * (HA, HoA) pair may not share one (the classes UMIP uses). */
enum {
	T_BU_BA = 1u << 0,
	T_MH_OTHER = 1u << 1,
	T_ANY_PROTO = 1u << 2,
	T_MPD = 1u << 3,
	T_ICMP_OTHER = 1u << 4,
	T_TUN_HOTI = 1u << 5,
	T_TUN_MH = 1u << 6,
	T_TUN_PAYLOAD = 1u << 7,
};

static unsigned pol_traffic(enum ipsec_pol_type t)
{
	switch (t) {
	case IPSEC_POL_HOME_REG_BINDING:
		return T_BU_BA;
	case IPSEC_POL_MH:
		return T_BU_BA | T_MH_OTHER;
	case IPSEC_POL_ANY:
		return T_BU_BA | T_MH_OTHER | T_MPD | T_ICMP_OTHER | T_ANY_PROTO;
	case IPSEC_POL_MOB_PFX_DISC:
		return T_MPD;
	case IPSEC_POL_ICMP:
		return T_MPD | T_ICMP_OTHER;
	case IPSEC_POL_TUNNEL_HOME_TESTING:
		return T_TUN_HOTI;
	case IPSEC_POL_TUNNEL_MH:
		return T_TUN_HOTI | T_TUN_MH;
	case IPSEC_POL_TUNNEL_PAYLOAD:
		return T_TUN_HOTI | T_TUN_MH | T_TUN_PAYLOAD;
	case IPSEC_POL_TYPE_COUNT:
		break;
	}
	return 0;
}

static bool sets_share_pair(const struct conf_ipsec_set *a, const struct conf_ipsec_set *b,
			    const struct conf_prefix **hoa)
{
	const struct conf_prefix *x, *y;

	if (!addr_eq(&a->ha_addr, &b->ha_addr))
		return false;
	for (x = a->hoas; x; x = x->next)
		for (y = b->hoas; y; y = y->next)
			if (addr_eq(&x->prefix.addr, &y->prefix.addr)) {
				*hoa = x;
				return true;
			}
	return false;
}

static void check_ipsec(struct conf_state *st)
{
	const struct conf_ipsec_set *s, *s2;
	const struct conf_ipsec_policy *p, *q;
	const struct conf_prefix *h, *h2;
	char ha[ADDR_STRLEN], hoa[ADDR_STRLEN];

	for (s = st->conf->ipsec_sets; s; s = s->next) {
		if (s->ha_addr.family != AF_INET6)
			conf_error(st, &s->loc, "IPsecPolicySet without HomeAgentAddress");
		if (!s->hoas)
			conf_error(st, &s->loc, "IPsecPolicySet without HomeAddress");
		if (!s->policies)
			conf_error(st, &s->loc, "IPsecPolicySet without IPsecPolicy");
		for (h = s->hoas; h; h = h->next)
			for (h2 = h->next; h2; h2 = h2->next)
				if (addr_eq(&h->prefix.addr, &h2->prefix.addr))
					conf_error(st, &h2->loc, "HomeAddress %s given twice in "
						   "IPsecPolicySet (first at line %d)",
						   addr_fmt(&h->prefix.addr, hoa, sizeof(hoa)),
						   h->loc.line);
	}
	/* Every pair of policies over the same (HA, HoA), in file order. */
	for (s = st->conf->ipsec_sets; s; s = s->next) {
		for (p = s->policies; p; p = p->next) {
			for (s2 = s; s2; s2 = s2->next) {
				const struct conf_prefix *pair;

				if (!sets_share_pair(s, s2, &pair))
					continue;
				for (q = s2 == s ? p->next : s2->policies; q; q = q->next) {
					if (!(pol_traffic(p->type) & pol_traffic(q->type)))
						continue;
					conf_error(st, &q->loc, "IPsecPolicy %s overlaps IPsecPolicy %s "
						   "at %s:%d:%d for HomeAgentAddress %s, HomeAddress %s",
						   ipsec_pol_type_name(q->type),
						   ipsec_pol_type_name(p->type), p->loc.file,
						   p->loc.line, p->loc.col,
						   addr_fmt(&s->ha_addr, ha, sizeof(ha)),
						   addr_fmt(&pair->prefix.addr, hoa, sizeof(hoa)));
				}
			}
		}
	}
}

static void check_ifaces(struct conf_state *st)
{
	struct mip6_conf *c = st->conf;
	struct conf_iface *i, *j;

	for (i = c->ifaces; i; i = i->next) {
		if (!i->if_type_set)
			i->if_type = c->node_type;
		for (j = i->next; j; j = j->next)
			if (strcmp(i->name, j->name) == 0)
				conf_error(st, &j->loc, "Interface \"%s\" given twice (first at line %d)",
					   j->name, i->loc.line);
	}
	if (c->node_type == NODE_HA && !c->ifaces)
		conf_error(st, &(struct conf_loc){ c->files ? c->files->name : NULL, 0, 0 },
			   "a home agent (NodeConfig HA) needs at least one Interface");
}

static void check_home_links(struct conf_state *st)
{
	struct mip6_conf *c = st->conf;
	struct conf_home_link *h, *g;
	char a[ADDR_STRLEN];

	for (h = c->home_links; h; h = h->next) {
		if (!h->hoa_set)
			conf_error(st, &h->loc, "MnHomeLink \"%s\" without HomeAddress", h->ifname);
		if (!h->home_prefix_set) {
			h->home_prefix = h->hoa;
			prefix_mask(&h->home_prefix);
		}
		for (g = h->next; g; g = g->next)
			if (h->hoa_set && g->hoa_set && addr_eq(&h->hoa.addr, &g->hoa.addr))
				conf_error(st, &g->loc, "HomeAddress %s given in two MnHomeLink "
					   "blocks (first at line %d)",
					   addr_fmt(&g->hoa.addr, a, sizeof(a)), h->loc.line);
	}
	if (c->node_type == NODE_MN && !c->home_links)
		conf_error(st, &(struct conf_loc){ c->files ? c->files->name : NULL, 0, 0 },
			   "a mobile node (NodeConfig MN) needs at least one MnHomeLink");
}

void conf_check(struct conf_state *st)
{
	struct mip6_conf *c = st->conf;

	check_roles(st);
	check_ifaces(st);
	check_home_links(st);
	check_ipsec(st);
	if (c->node_type == NODE_HA &&
	    c->min_mob_pfx_adv_interval > c->max_mob_pfx_adv_interval) {
		const struct conf_loc *l = kw_loc(st, "MinMobPfxAdvInterval");

		if (!l)
			l = kw_loc(st, "MaxMobPfxAdvInterval");
		conf_error(st, l, "MinMobPfxAdvInterval (%u) is larger than "
			   "MaxMobPfxAdvInterval (%u)", c->min_mob_pfx_adv_interval,
			   c->max_mob_pfx_adv_interval);
	}
}

int conf_check_system(const struct mip6_conf *c, const struct conf_opts *opts)
{
	const struct conf_iface *i;
	const struct conf_home_link *h;
	int errors = 0;

	if (c->node_type == NODE_HA) {
		for (i = c->ifaces; i; i = i->next) {
			if (if_nametoindex(i->name) != 0)
				continue;
			conf_report(opts, &i->loc, "error", "home agent interface \"%s\" does not "
				    "exist on this machine", i->name);
			errors++;
		}
	}
	if (c->node_type == NODE_MN) {
		for (h = c->home_links; h; h = h->next) {
			if (if_nametoindex(h->ifname) != 0)
				continue;
			conf_report(opts, &h->loc, "error", "MnHomeLink interface \"%s\" does not "
				    "exist on this machine", h->ifname);
			errors++;
		}
	}
	return errors;
}
