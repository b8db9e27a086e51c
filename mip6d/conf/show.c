/* Printing the effective configuration in mip6d.conf syntax (for
 * --show-config), and comparing two configurations. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mip6d/conf/conf.h"

static const char *b2s(bool b)
{
	return b ? "enabled" : "disabled";
}

/* Milliseconds as a decimal with at least one fraction digit: 1.5, 2.0. */
static const char *ms2s(unsigned ms, char *buf, size_t len)
{
	unsigned frac = ms % 1000;
	int digits = 3;

	while (digits > 1 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	snprintf(buf, len, "%u.%0*u", ms / 1000, digits, frac);
	return buf;
}

static void show_prefixes(FILE *out, const struct conf_prefix *l)
{
	char p[ADDR_STRLEN];

	if (!l)
		return;
	fputs(" (", out);
	for (; l; l = l->next)
		fprintf(out, "%s%s", prefix_fmt(&l->prefix, p, sizeof(p)), l->next ? ", " : ")");
}

static void show_status(FILE *out, unsigned status)
{
	if (status == 0)
		fputs("allow", out);
	else if (status == CONF_ACL_DENY_STATUS)
		fputs("deny", out);
	else
		fprintf(out, "%u", status);
}

static void show_ipsec(FILE *out, const struct conf_ipsec_set *s)
{
	const struct conf_prefix *h;
	const struct conf_ipsec_policy *p;
	char a[ADDR_STRLEN];

	fprintf(out, "IPsecPolicySet {\n\tHomeAgentAddress %s;\n",
		addr_fmt(&s->ha_addr, a, sizeof(a)));
	for (h = s->hoas; h; h = h->next)
		fprintf(out, "\tHomeAddress %s;\n", prefix_fmt(&h->prefix, a, sizeof(a)));
	for (p = s->policies; p; p = p->next) {
		fprintf(out, "\tIPsecPolicy %s", ipsec_pol_type_name(p->type));
		if (p->protos & CONF_IPSEC_ESP)
			fputs(" UseESP", out);
		if (p->protos & CONF_IPSEC_AH)
			fputs(" UseAH", out);
		if (p->protos & CONF_IPSEC_IPCOMP)
			fputs(" UseIPComp", out);
		if (p->reqid_toha != p->reqid_tomn)
			fprintf(out, " %u %u", p->reqid_toha, p->reqid_tomn);
		else if (p->reqid_toha)
			fprintf(out, " %u", p->reqid_toha);
		fprintf(out, " %s;\n", p->allow ? "allow" : "block");
	}
	fputs("}\n", out);
}

static void show_home_link(FILE *out, const struct conf_home_link *h)
{
	const struct conf_ro_policy *r;
	char a[ADDR_STRLEN];

	fprintf(out, "MnHomeLink \"%s\" {\n", h->ifname);
	fprintf(out, "\tHomeAddress %s", prefix_fmt(&h->hoa, a, sizeof(a)));
	show_prefixes(out, h->mnps);
	fputs(";\n", out);
	fprintf(out, "\tHomeAgentAddress %s;\n", addr_fmt(&h->ha_addr, a, sizeof(a)));
	fprintf(out, "\tHomePrefix %s;\n", prefix_fmt(&h->home_prefix, a, sizeof(a)));
	fprintf(out, "\tUseAltCoa %s;\n", b2s(h->use_alt_coa));
	fprintf(out, "\tIsMobRtr %s;\n", b2s(h->is_mob_rtr));
	for (r = h->ro_policies; r; r = r->next) {
		if (r->cn.family == AF_INET6)
			fprintf(out, "\tMnRoPolicy %s %s;\n", addr_fmt(&r->cn, a, sizeof(a)),
				b2s(r->enable));
		else
			fprintf(out, "\tMnRoPolicy %s;\n", b2s(r->enable));
	}
	fputs("}\n", out);
}

int conf_show(const struct mip6_conf *c, FILE *out)
{
	const struct conf_iface *i;
	const struct conf_cn_policy *cp;
	const struct conf_ipsec_set *s;
	const struct conf_prefix *p;
	const struct conf_acl *acl;
	const struct conf_home_link *h;
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	fputs("# Common\n", out);
	fprintf(out, "NodeConfig %s;\n", node_type_name(c->node_type));
	fprintf(out, "DebugLevel %u;\n", c->debug_level);
	if (c->debug_log_file)
		fprintf(out, "DebugLogFile \"%s\";\n", c->debug_log_file);
	fprintf(out, "DoRouteOptimizationCN %s;\n", b2s(c->do_route_opt_cn));
	if (c->cn_policies) {
		fputs("CnBindingPolicySet {\n", out);
		for (cp = c->cn_policies; cp; cp = cp->next) {
			fprintf(out, "\t%s", addr_fmt(&cp->peer_hoa, a, sizeof(a)));
			if (cp->local.family == AF_INET6)
				fprintf(out, " %s", addr_fmt(&cp->local, b, sizeof(b)));
			fprintf(out, " %s;\n", cp->allow ? "allow" : "deny");
		}
		fputs("}\n", out);
	}
	fprintf(out, "NonVolatileBindingCache %s;\n", b2s(c->non_volatile_bcache));
	if (c->movement_module)
		fprintf(out, "UseMovementModule \"%s\";\n", c->movement_module);
	else
		fputs("UseMovementModule internal;\n", out);
	if (c->policy_module)
		fprintf(out, "UsePolicyModule \"%s\";\n", c->policy_module);
	fprintf(out, "UseMnHaIPsec %s;\n", b2s(c->use_mnha_ipsec));
	fprintf(out, "KeyMngMobCapability %s;\n", b2s(c->keymng_mob_capability));
	for (i = c->ifaces; i; i = i->next) {
		fprintf(out, "Interface \"%s\" {\n\tIfType %s;\n", i->name,
			node_type_name(i->if_type));
		if (c->node_type == NODE_MN)
			fprintf(out, "\tMnIfPreference %u;\n", i->preference);
		if (c->node_type != NODE_HA)
			fprintf(out, "\tTunnel %s;\n", b2s(i->tunnel));
		fputs("}\n", out);
	}
	for (s = c->ipsec_sets; s; s = s->next)
		show_ipsec(out, s);

	if (c->node_type == NODE_HA) {
		fputs("# Home agent\n", out);
		fprintf(out, "HaMaxBindingLife %u;\n", c->ha_max_binding_life);
		fprintf(out, "SendMobPfxAdvs %s;\n", b2s(c->send_mob_pfx_advs));
		fprintf(out, "SendUnsolMobPfxAdvs %s;\n", b2s(c->send_unsol_mob_pfx_advs));
		fprintf(out, "MinMobPfxAdvInterval %u;\n", c->min_mob_pfx_adv_interval);
		fprintf(out, "MaxMobPfxAdvInterval %u;\n", c->max_mob_pfx_adv_interval);
		fprintf(out, "HaAcceptMobRtr %s;\n", b2s(c->ha_accept_mob_rtr));
		for (p = c->ha_served_prefixes; p; p = p->next)
			fprintf(out, "HaServedPrefix %s;\n", prefix_fmt(&p->prefix, a, sizeof(a)));
		fputs("DefaultBindingAclPolicy ", out);
		show_status(out, c->default_acl_status);
		fputs(";\n", out);
		for (acl = c->acls; acl; acl = acl->next) {
			fprintf(out, "BindingAclPolicy %s", addr_fmt(&acl->hoa, a, sizeof(a)));
			show_prefixes(out, acl->mnps);
			fputc(' ', out);
			show_status(out, acl->status);
			fputs(";\n", out);
		}
	}

	if (c->node_type == NODE_MN) {
		fputs("# Mobile node\n", out);
		for (h = c->home_links; h; h = h->next)
			show_home_link(out, h);
		fprintf(out, "MnMaxHaBindingLife %u;\n", c->mn_max_ha_binding_life);
		fprintf(out, "MnMaxCnBindingLife %u;\n", c->mn_max_cn_binding_life);
		fprintf(out, "MnDiscardHaParamProb %s;\n", b2s(c->mn_discard_ha_param_prob));
		fprintf(out, "MnResetDhaadAtHome %s;\n", b2s(c->mn_reset_dhaad_at_home));
		fprintf(out, "MnFlushAllAtHome %s;\n", b2s(c->mn_flush_all_at_home));
		fprintf(out, "MnMaxHaConsecutiveResends %u;\n", c->mn_max_ha_consecutive_resends);
		fprintf(out, "MnMaxCnConsecutiveResends %u;\n", c->mn_max_cn_consecutive_resends);
		fprintf(out, "SendMobPfxSols %s;\n", b2s(c->send_mob_pfx_sols));
		fprintf(out, "DoRouteOptimizationMN %s;\n", b2s(c->do_route_opt_mn));
		fprintf(out, "MnUseAllInterfaces %s;\n", b2s(c->mn_use_all_interfaces));
		fprintf(out, "MobRtrUseExplicitMode %s;\n", b2s(c->mob_rtr_use_explicit_mode));
		fprintf(out, "UseCnBuAck %s;\n", b2s(c->use_cn_bu_ack));
		fprintf(out, "InterfaceInitialInitDelay %s;\n",
			ms2s(c->iface_initial_init_delay_ms, a, sizeof(a)));
		fprintf(out, "MnRouterProbes %u;\n", c->mn_router_probes);
		fprintf(out, "MnRouterProbeTimeout %s;\n",
			ms2s(c->mn_router_probe_timeout_ms, a, sizeof(a)));
		fprintf(out, "InitialBindackTimeoutFirstReg %s;\n",
			ms2s(c->initial_bindack_timeout_first_reg_ms, a, sizeof(a)));
		fprintf(out, "InitialBindackTimeoutReReg %s;\n",
			ms2s(c->initial_bindack_timeout_rereg_ms, a, sizeof(a)));
		fprintf(out, "InitialSolicitTimer %s;\n",
			ms2s(c->initial_solicit_timer_ms, a, sizeof(a)));
		fprintf(out, "OptimisticHandoff %s;\n", b2s(c->optimistic_handoff));
		fprintf(out, "NoHomeReturn %s;\n", b2s(c->no_home_return));
	}
	return ferror(out) ? -EIO : 0;
}

/* Comparison, locations and "was written" flags aside. */

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool prefixes_eq(const struct conf_prefix *a, const struct conf_prefix *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (prefix_cmp(&a->prefix, &b->prefix) != 0)
			return false;
	return !a && !b;
}

static bool ipsec_eq(const struct conf_ipsec_set *a, const struct conf_ipsec_set *b)
{
	const struct conf_ipsec_policy *p, *q;

	if (!addr_eq(&a->ha_addr, &b->ha_addr) || !prefixes_eq(a->hoas, b->hoas))
		return false;
	for (p = a->policies, q = b->policies; p && q; p = p->next, q = q->next)
		if (p->type != q->type || p->protos != q->protos ||
		    p->reqid_toha != q->reqid_toha || p->reqid_tomn != q->reqid_tomn ||
		    p->allow != q->allow)
			return false;
	return !p && !q;
}

static bool home_link_eq(const struct conf_home_link *a, const struct conf_home_link *b)
{
	const struct conf_ro_policy *p, *q;

	if (strcmp(a->ifname, b->ifname) != 0 || prefix_cmp(&a->hoa, &b->hoa) != 0 ||
	    !prefixes_eq(a->mnps, b->mnps) || !addr_eq(&a->ha_addr, &b->ha_addr) ||
	    prefix_cmp(&a->home_prefix, &b->home_prefix) != 0 ||
	    a->use_alt_coa != b->use_alt_coa || a->is_mob_rtr != b->is_mob_rtr)
		return false;
	for (p = a->ro_policies, q = b->ro_policies; p && q; p = p->next, q = q->next)
		if (p->cn.family != q->cn.family ||
		    (p->cn.family && !addr_eq(&p->cn, &q->cn)) || p->enable != q->enable)
			return false;
	return !p && !q;
}

#define LIST_EQ(a, b, eq) ({                                                    \
		const __typeof__(*(a)) *x_ = (a);                                \
		const __typeof__(*(b)) *y_ = (b);                                \
		for (; x_ && y_; x_ = x_->next, y_ = y_->next)                   \
			if (!(eq(x_, y_)))                                       \
				break;                                           \
		!x_ && !y_;                                                      \
	})

static bool iface_eq(const struct conf_iface *a, const struct conf_iface *b)
{
	return strcmp(a->name, b->name) == 0 && a->if_type == b->if_type &&
	       a->preference == b->preference && a->tunnel == b->tunnel;
}

static bool cn_eq(const struct conf_cn_policy *a, const struct conf_cn_policy *b)
{
	return addr_eq(&a->peer_hoa, &b->peer_hoa) && a->local.family == b->local.family &&
	       (!a->local.family || addr_eq(&a->local, &b->local)) && a->allow == b->allow;
}

static bool acl_eq(const struct conf_acl *a, const struct conf_acl *b)
{
	return addr_eq(&a->hoa, &b->hoa) && prefixes_eq(a->mnps, b->mnps) &&
	       a->status == b->status;
}

bool conf_equal(const struct mip6_conf *a, const struct mip6_conf *b)
{
#define S(f) (a->f == b->f)
	return S(node_type) && S(debug_level) && str_eq(a->debug_log_file, b->debug_log_file) &&
	       S(do_route_opt_cn) && LIST_EQ(a->cn_policies, b->cn_policies, cn_eq) &&
	       S(non_volatile_bcache) && LIST_EQ(a->ifaces, b->ifaces, iface_eq) &&
	       str_eq(a->movement_module, b->movement_module) &&
	       str_eq(a->policy_module, b->policy_module) && S(use_mnha_ipsec) &&
	       S(keymng_mob_capability) && LIST_EQ(a->ipsec_sets, b->ipsec_sets, ipsec_eq) &&
	       S(ha_max_binding_life) && S(send_mob_pfx_advs) && S(send_unsol_mob_pfx_advs) &&
	       S(min_mob_pfx_adv_interval) && S(max_mob_pfx_adv_interval) &&
	       S(ha_accept_mob_rtr) && prefixes_eq(a->ha_served_prefixes, b->ha_served_prefixes) &&
	       S(default_acl_status) && LIST_EQ(a->acls, b->acls, acl_eq) &&
	       LIST_EQ(a->home_links, b->home_links, home_link_eq) &&
	       S(mn_max_ha_binding_life) && S(mn_max_cn_binding_life) &&
	       S(mn_discard_ha_param_prob) && S(mn_reset_dhaad_at_home) &&
	       S(mn_flush_all_at_home) && S(mn_max_ha_consecutive_resends) &&
	       S(mn_max_cn_consecutive_resends) && S(send_mob_pfx_sols) && S(do_route_opt_mn) &&
	       S(mn_use_all_interfaces) && S(mob_rtr_use_explicit_mode) && S(use_cn_bu_ack) &&
	       S(iface_initial_init_delay_ms) && S(mn_router_probes) &&
	       S(mn_router_probe_timeout_ms) && S(initial_bindack_timeout_first_reg_ms) &&
	       S(initial_bindack_timeout_rereg_ms) && S(initial_solicit_timer_ms) &&
	       S(optimistic_handoff) && S(no_home_return);
#undef S
}
