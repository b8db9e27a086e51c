/* mip6d.conf: the seed configurations, every keyword, every default, the
 * error messages with their places, and --show-config round trips. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "mip6d/conf/conf.h"

#ifndef CONF_FIXTURES
#error CONF_FIXTURES must name test/unit/mip6d/configs
#endif

struct diags {
	char text[8192];
	int n;
};

static void collect(void *ctx, const char *line)
{
	struct diags *d = ctx;
	size_t off = strlen(d->text);

	snprintf(d->text + off, sizeof(d->text) - off, "%s\n", line);
	d->n++;
}

static struct diags diags;

static struct conf_opts opts(void)
{
	memset(&diags, 0, sizeof(diags));
	return (struct conf_opts){ .diag = collect, .diag_ctx = &diags };
}

static int load_str(struct mip6_conf *c, const char *text)
{
	struct conf_opts o = opts();

	conf_init(c);
	return conf_load_string(c, text, strlen(text), "t.conf", &o);
}

/* Loads text that must be valid. */
static void load_ok(struct mip6_conf *c, const char *text)
{
	int r = load_str(c, text);

	if (r != 0)
		print_error("unexpected diagnostics:\n%s", diags.text);
	assert_int_equal(r, 0);
	assert_int_equal(diags.n, 0);
}

/* Loads text that must fail with exactly these diagnostics (each one a
 * substring of its line, in order). */
static void load_err(const char *text, int n, ...)
{
	struct mip6_conf c;
	va_list ap;
	const char *p;
	int i;

	assert_int_equal(load_str(&c, text), -EINVAL);
	if (diags.n != n)
		print_error("diagnostics:\n%s", diags.text);
	assert_int_equal(diags.n, n);
	va_start(ap, n);
	p = diags.text;
	for (i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		const char *eol = strchr(p, '\n');
		char line[1024];

		assert_non_null(eol);
		snprintf(line, sizeof(line), "%.*s", (int)(eol - p), p);
		if (!strstr(line, want))
			print_error("line %d is '%s', wanted '%s'\n", i + 1, line, want);
		assert_non_null(strstr(line, want));
		p = eol + 1;
	}
	va_end(ap);
	conf_free(&c);
}

static void assert_addr(const struct ip_addr *a, const char *want)
{
	char buf[ADDR_STRLEN];

	assert_string_equal(addr_fmt(a, buf, sizeof(buf)), want);
}

static void assert_prefix(const struct ip_prefix *p, const char *want)
{
	char buf[ADDR_STRLEN];

	assert_string_equal(prefix_fmt(p, buf, sizeof(buf)), want);
}

static char *read_fixture(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", CONF_FIXTURES, name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 2);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* --show-config output parses back to the same configuration. */
static void assert_round_trip(const struct mip6_conf *c)
{
	struct mip6_conf back;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct conf_opts o = opts();

	assert_non_null(out);
	assert_int_equal(conf_show(c, out), 0);
	fclose(out);
	conf_init(&back);
	if (conf_load_string(&back, text, len, "shown.conf", &o) != 0)
		print_error("reparse of:\n%s\nfailed:\n%s", text, diags.text);
	assert_int_equal(diags.n, 0);
	if (!conf_equal(c, &back))
		print_error("differs after round trip:\n%s", text);
	assert_true(conf_equal(c, &back));
	conf_free(&back);
	free(text);
}

/* Seed 000 */

static void test_seed000_mn(void **state)
{
	struct mip6_conf c;
	struct conf_opts o = opts();
	const struct conf_iface *i;
	const struct conf_home_link *h;
	const struct conf_ipsec_set *s;
	const struct conf_ipsec_policy *p;

	conf_init(&c);
	assert_int_equal(conf_load_file(&c, CONF_FIXTURES "/seed000-mn.conf", &o), 0);
	assert_int_equal(diags.n, 0);
	assert_int_equal(c.node_type, NODE_MN);
	assert_int_equal(c.debug_level, 10);
	assert_true(c.optimistic_handoff);
	assert_false(c.do_route_opt_mn);
	assert_int_equal(c.mn_max_ha_binding_life, 60);
	i = c.ifaces;
	assert_string_equal(i->name, "eth0");
	assert_int_equal(i->preference, 1);
	assert_int_equal(i->if_type, NODE_MN);
	assert_int_equal(i->loc.line, 15);
	i = i->next;
	assert_string_equal(i->name, "wlan0");
	assert_int_equal(i->preference, 2);
	assert_null(i->next);
	h = c.home_links;
	assert_string_equal(h->ifname, "eth0");
	assert_addr(&h->ha_addr, "2001:db8:ffff::1000");
	assert_prefix(&h->hoa, "2001:db8:ffff::1/64");
	assert_prefix(&h->home_prefix, "2001:db8:ffff::/64");
	assert_null(h->next);
	assert_true(c.use_mnha_ipsec);
	assert_true(c.keymng_mob_capability);
	s = c.ipsec_sets;
	assert_addr(&s->ha_addr, "2001:db8:ffff::1000");
	assert_prefix(&s->hoas->prefix, "2001:db8:ffff::1/64");
	assert_null(s->hoas->next);
	p = s->policies;
	assert_int_equal(p->type, IPSEC_POL_MH);
	assert_int_equal(p->protos, CONF_IPSEC_ESP);
	assert_int_equal(p->reqid_toha, 0);
	assert_int_equal(p->reqid_tomn, 0);
	assert_true(p->allow);
	p = p->next;
	assert_int_equal(p->type, IPSEC_POL_TUNNEL_PAYLOAD);
	assert_int_equal(p->protos, CONF_IPSEC_ESP);
	assert_null(p->next);
	assert_null(s->next);
	/* Defaults of what the file does not say. */
	assert_int_equal(c.mn_max_cn_binding_life, 420);
	assert_int_equal(c.initial_bindack_timeout_first_reg_ms, 1500);
	assert_round_trip(&c);
	conf_free(&c);
}

/* As written the HA file lacks a ';': one error, at the place of the ';'. */
static void test_seed000_ha_as_written(void **state)
{
	struct mip6_conf c;
	struct conf_opts o = opts();

	conf_init(&c);
	assert_int_equal(conf_load_file(&c, CONF_FIXTURES "/seed000-ha.conf", &o), -EINVAL);
	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.text,
			    CONF_FIXTURES "/seed000-ha.conf:15:39: error: expected ';' after "
			    "'2001:db8:ffff:0::1000' (before 'HomeAddress' on line 16)\n");
	conf_free(&c);
}

static void test_seed000_ha_fixed(void **state)
{
	size_t len;
	char *text = read_fixture("seed000-ha.conf", &len);
	char *at = strstr(text, "0::1000\n");
	char *fixed = malloc(len + 2);
	struct mip6_conf c;
	const struct conf_ipsec_policy *p;
	size_t cut;

	assert_non_null(at);
	assert_non_null(fixed);
	cut = (size_t)(at - text) + strlen("0::1000");
	memcpy(fixed, text, cut);
	fixed[cut] = ';';
	memcpy(fixed + cut + 1, text + cut, len - cut + 1);
	load_ok(&c, fixed);
	assert_int_equal(c.node_type, NODE_HA);
	assert_int_equal(c.debug_level, 10);
	assert_string_equal(c.ifaces->name, "eth0");
	assert_int_equal(c.ifaces->if_type, NODE_HA);
	assert_null(c.ifaces->next);
	assert_addr(&c.acls->hoa, "2001:db8:ffff::1");
	assert_int_equal(c.acls->status, 0);
	assert_null(c.acls->mnps);
	assert_null(c.acls->next);
	assert_int_equal(c.default_acl_status, CONF_ACL_DENY_STATUS);
	assert_true(c.use_mnha_ipsec);
	assert_true(c.keymng_mob_capability);
	assert_addr(&c.ipsec_sets->ha_addr, "2001:db8:ffff::1000");
	assert_prefix(&c.ipsec_sets->hoas->prefix, "2001:db8:ffff::1/64");
	p = c.ipsec_sets->policies;
	assert_int_equal(p->type, IPSEC_POL_MH);
	assert_int_equal(p->next->type, IPSEC_POL_TUNNEL_PAYLOAD);
	assert_int_equal(c.ha_max_binding_life, 262140);
	assert_round_trip(&c);
	conf_free(&c);
	free(fixed);
	free(text);
}

/* Seed 002: one line per file, includes of absolute paths (read under a
 * root), reqids. */
static void test_seed002(void **state)
{
	struct mip6_conf c;
	struct conf_opts o = opts();
	const struct conf_ipsec_set *s;
	const struct conf_iface *i;
	const struct conf_acl *a;

	o.include_root = CONF_FIXTURES "/seed002";
	conf_init(&c);
	assert_int_equal(conf_load_file(&c, CONF_FIXTURES "/seed002/etc/mip6d.conf", &o), 0);
	if (diags.n)
		print_error("%s", diags.text);
	assert_int_equal(diags.n, 0);
	assert_int_equal(c.node_type, NODE_HA);
	assert_true(c.use_mnha_ipsec);
	assert_true(c.keymng_mob_capability);
	assert_int_equal(c.default_acl_status, CONF_ACL_DENY_STATUS);
	i = c.ifaces;
	assert_string_equal(i->name, "eth0");
	assert_string_equal(i->next->name, "eth1");
	assert_null(i->next->next);
	assert_non_null(strstr(i->next->loc.file, "carol.mip6d.conf"));
	assert_int_equal(i->next->loc.line, 1);
	assert_int_equal(i->next->loc.col, 11);
	s = c.ipsec_sets;
	assert_addr(&s->ha_addr, "2001:1::1");
	assert_prefix(&s->hoas->prefix, "2001:1::10/64");
	assert_int_equal(s->policies->type, IPSEC_POL_MH);
	assert_int_equal(s->policies->n_reqids, 1);
	assert_int_equal(s->policies->reqid_toha, 1);
	assert_int_equal(s->policies->reqid_tomn, 1);
	assert_int_equal(s->policies->next->type, IPSEC_POL_TUNNEL_PAYLOAD);
	assert_int_equal(s->policies->next->reqid_toha, 2);
	assert_int_equal(s->policies->next->reqid_tomn, 2);
	s = s->next;
	assert_addr(&s->ha_addr, "2001:1::1");
	assert_prefix(&s->hoas->prefix, "2001:1::20/64");
	assert_int_equal(s->policies->reqid_toha, 3);
	assert_int_equal(s->policies->next->reqid_tomn, 4);
	assert_null(s->next);
	a = c.acls;
	assert_addr(&a->hoa, "2001:1::10");
	assert_int_equal(a->status, 0);
	assert_addr(&a->next->hoa, "2001:1::20");
	assert_null(a->next->next);
	assert_round_trip(&c);
	conf_free(&c);
}

static void test_seed002_without_root(void **state)
{
	struct mip6_conf c;
	struct conf_opts o = opts();

	conf_init(&c);
	if (access("/etc/mip6d.conf.d/carol.mip6d.conf", F_OK) == 0)
		skip();
	assert_int_equal(conf_load_file(&c, CONF_FIXTURES "/seed002/etc/mip6d.conf", &o),
			 -EINVAL);
	assert_int_equal(diags.n, 2);
	assert_non_null(strstr(diags.text, "mip6d.conf:1:123: error: cannot read include file "
			       "'/etc/mip6d.conf.d/carol.mip6d.conf': No such file or directory"));
	assert_non_null(strstr(diags.text, "'/etc/mip6d.conf.d/dave.mip6d.conf'"));
	conf_free(&c);
}

/* Defaults: UMIP's conf_default(). */
static void test_defaults(void **state)
{
	struct mip6_conf c;

	load_ok(&c, "");
	assert_int_equal(c.node_type, NODE_CN);
	assert_int_equal(c.debug_level, 0);
	assert_null(c.debug_log_file);
	assert_true(c.do_route_opt_cn);
	assert_null(c.cn_policies);
	assert_false(c.non_volatile_bcache);
	assert_null(c.ifaces);
	assert_null(c.movement_module);
	assert_null(c.policy_module);
	assert_true(c.use_mnha_ipsec);
	assert_false(c.keymng_mob_capability);
	assert_null(c.ipsec_sets);
	assert_int_equal(c.ha_max_binding_life, 262140);
	assert_true(c.send_mob_pfx_advs);
	assert_true(c.send_unsol_mob_pfx_advs);
	assert_int_equal(c.min_mob_pfx_adv_interval, 600);
	assert_int_equal(c.max_mob_pfx_adv_interval, 86400);
	assert_false(c.ha_accept_mob_rtr);
	assert_null(c.ha_served_prefixes);
	assert_int_equal(c.default_acl_status, 0);
	assert_null(c.acls);
	assert_null(c.home_links);
	assert_int_equal(c.mn_max_ha_binding_life, 262140);
	assert_int_equal(c.mn_max_cn_binding_life, 420);
	assert_false(c.mn_discard_ha_param_prob);
	assert_false(c.mn_reset_dhaad_at_home);
	assert_false(c.mn_flush_all_at_home);
	assert_int_equal(c.mn_max_ha_consecutive_resends, 5);
	assert_int_equal(c.mn_max_cn_consecutive_resends, 0);
	assert_true(c.send_mob_pfx_sols);
	assert_true(c.do_route_opt_mn);
	assert_false(c.mn_use_all_interfaces);
	assert_true(c.mob_rtr_use_explicit_mode);
	assert_false(c.use_cn_bu_ack);
	assert_int_equal(c.iface_initial_init_delay_ms, 2000);
	assert_int_equal(c.mn_router_probes, 0);
	assert_int_equal(c.mn_router_probe_timeout_ms, 0);
	assert_int_equal(c.initial_bindack_timeout_first_reg_ms, 1500);
	assert_int_equal(c.initial_bindack_timeout_rereg_ms, 1000);
	assert_int_equal(c.initial_solicit_timer_ms, 3000);
	assert_false(c.optimistic_handoff);
	assert_false(c.no_home_return);
	assert_round_trip(&c);
	conf_free(&c);
}

/* Every common keyword, with values other than the defaults. */
static const char common_all[] =
	"NodeConfig CN;\n"
	"DebugLevel 3;\n"
	"DebugLogFile \"/var/log/mip6d.log\";\n"
	"DoRouteOptimizationCN disabled;\n"
	"CnBindingPolicySet {\n"
	"  2001:db8::1 allow;\n"
	"  2001:db8::2 2001:db8::100 false;\n"
	"}\n"
	"NonVolatileBindingCache enabled;\n"
	"Interface \"eth0\";\n"
	"Interface \"eth1\" { IfType MN; Tunnel true; }\n"
	"UseMovementModule \"/usr/lib/mip6d/mm.so\";\n"
	"UsePolicyModule \"/usr/lib/mip6d/pol.so\";\n"
	"UseMnHaIPsec disabled;\n"
	"KeyMngMobCapability enabled;\n";

static void test_common_keywords(void **state)
{
	struct mip6_conf c;
	const struct conf_cn_policy *p;

	load_ok(&c, common_all);
	assert_int_equal(c.node_type, NODE_CN);
	assert_int_equal(c.debug_level, 3);
	assert_string_equal(c.debug_log_file, "/var/log/mip6d.log");
	assert_false(c.do_route_opt_cn);
	p = c.cn_policies;
	assert_addr(&p->peer_hoa, "2001:db8::1");
	assert_int_equal(p->local.family, AF_UNSPEC);
	assert_true(p->allow);
	p = p->next;
	assert_addr(&p->peer_hoa, "2001:db8::2");
	assert_addr(&p->local, "2001:db8::100");
	assert_false(p->allow);
	assert_null(p->next);
	assert_true(c.non_volatile_bcache);
	assert_string_equal(c.ifaces->name, "eth0");
	assert_int_equal(c.ifaces->if_type, NODE_CN);
	assert_false(c.ifaces->if_type_set);
	assert_int_equal(c.ifaces->preference, 10);
	assert_string_equal(c.ifaces->next->name, "eth1");
	assert_int_equal(c.ifaces->next->if_type, NODE_MN);
	assert_true(c.ifaces->next->tunnel);
	assert_string_equal(c.movement_module, "/usr/lib/mip6d/mm.so");
	assert_string_equal(c.policy_module, "/usr/lib/mip6d/pol.so");
	assert_false(c.use_mnha_ipsec);
	assert_true(c.keymng_mob_capability);
	assert_round_trip(&c);
	conf_free(&c);

	load_ok(&c, "UseMovementModule internal;");
	assert_null(c.movement_module);
	conf_free(&c);
}

static const char ha_all[] =
	"NodeConfig HA;\n"
	"Interface \"eth0\";\n"
	"HaMaxBindingLife 3600;\n"
	"SendMobPfxAdvs disabled;\n"
	"SendUnsolMobPfxAdvs false;\n"
	"MinMobPfxAdvInterval 100;\n"
	"MaxMobPfxAdvInterval 200;\n"
	"HaAcceptMobRtr enabled;\n"
	"HaServedPrefix 2001:db8:10::/48;\n"
	"HaServedPrefix 2001:db8:20::/48;\n"
	"DefaultBindingAclPolicy 132;\n"
	"BindingAclPolicy 2001:db8::1 allow;\n"
	"BindingAclPolicy 2001:db8::2 (2001:db8:10:1::/64, 2001:db8:10:2::/64) enabled;\n"
	"BindingAclPolicy ::1 deny;\n"
	"BindingAclPolicy 2001:db8::3 142;\n";

static void test_ha_keywords(void **state)
{
	struct mip6_conf c;
	const struct conf_acl *a;

	load_ok(&c, ha_all);
	assert_int_equal(c.ha_max_binding_life, 3600);
	assert_false(c.send_mob_pfx_advs);
	assert_false(c.send_unsol_mob_pfx_advs);
	assert_int_equal(c.min_mob_pfx_adv_interval, 100);
	assert_int_equal(c.max_mob_pfx_adv_interval, 200);
	assert_true(c.ha_accept_mob_rtr);
	assert_prefix(&c.ha_served_prefixes->prefix, "2001:db8:10::/48");
	assert_prefix(&c.ha_served_prefixes->next->prefix, "2001:db8:20::/48");
	assert_int_equal(c.default_acl_status, 132);
	a = c.acls;
	assert_int_equal(a->status, 0);
	a = a->next;
	assert_prefix(&a->mnps->prefix, "2001:db8:10:1::/64");
	assert_prefix(&a->mnps->next->prefix, "2001:db8:10:2::/64");
	assert_null(a->mnps->next->next);
	assert_int_equal(a->status, 0);
	a = a->next;
	assert_addr(&a->hoa, "::1");
	assert_int_equal(a->status, 129);
	a = a->next;
	assert_int_equal(a->status, 142);
	assert_round_trip(&c);
	conf_free(&c);
}

static const char mn_all[] =
	"NodeConfig MN;\n"
	"Interface \"eth0\" { MnIfPreference 0; }\n"
	"MnHomeLink \"eth0\" {\n"
	"  HomeAgentAddress 2001:db8::1000;\n"
	"  HomeAddress 2001:db8::1/64 (2001:db8:10:1::/64, 2001:db8:10:2::/64);\n"
	"  HomePrefix 2001:db8::/48;\n"
	"  UseAltCoa enabled;\n"
	"  MnRoPolicy 2001:db8:5::5 disabled;\n"
	"  MnRoPolicy enabled;\n"
	"  IsMobRtr enabled;\n"
	"}\n"
	"MnHomeLink \"eth1\" { HomeAddress 2001:db8:2::1/64; }\n"
	"MnMaxHaBindingLife 262140;\n"
	"MnMaxCnBindingLife 100;\n"
	"MnDiscardHaParamProb enabled;\n"
	"MnResetDhaadAtHome enabled;\n"
	"MnFlushAllAtHome enabled;\n"
	"MnMaxHaConsecutiveResends 7;\n"
	"MnMaxCnConsecutiveResends 3;\n"
	"SendMobPfxSols disabled;\n"
	"DoRouteOptimizationMN disabled;\n"
	"MnUseAllInterfaces enabled;\n"
	"MobRtrUseExplicitMode disabled;\n"
	"UseCnBuAck enabled;\n"
	"InterfaceInitialInitDelay 1;\n"
	"MnRouterProbes 2;\n"
	"MnRouterProbeTimeout 0.25;\n"
	"InitialBindackTimeoutFirstReg 2.5;\n"
	"InitialBindackTimeoutReReg 0.75;\n"
	"InitialSolicitTimer 4.0;\n"
	"OptimisticHandoff enabled;\n"
	"NoHomeReturn enabled;\n";

static void test_mn_keywords(void **state)
{
	struct mip6_conf c;
	const struct conf_home_link *h;

	load_ok(&c, mn_all);
	assert_int_equal(c.ifaces->preference, 0);
	h = c.home_links;
	assert_addr(&h->ha_addr, "2001:db8::1000");
	assert_prefix(&h->hoa, "2001:db8::1/64");
	assert_prefix(&h->mnps->prefix, "2001:db8:10:1::/64");
	assert_prefix(&h->mnps->next->prefix, "2001:db8:10:2::/64");
	assert_prefix(&h->home_prefix, "2001:db8::/48");
	assert_true(h->use_alt_coa);
	assert_addr(&h->ro_policies->cn, "2001:db8:5::5");
	assert_false(h->ro_policies->enable);
	assert_int_equal(h->ro_policies->next->cn.family, AF_UNSPEC);
	assert_true(h->ro_policies->next->enable);
	assert_true(h->is_mob_rtr);
	h = h->next;
	assert_string_equal(h->ifname, "eth1");
	assert_addr(&h->ha_addr, "::");
	assert_prefix(&h->home_prefix, "2001:db8:2::/64");
	assert_false(h->is_mob_rtr);
	assert_int_equal(c.mn_max_ha_binding_life, 262140);
	assert_int_equal(c.mn_max_cn_binding_life, 100);
	assert_true(c.mn_discard_ha_param_prob);
	assert_true(c.mn_reset_dhaad_at_home);
	assert_true(c.mn_flush_all_at_home);
	assert_int_equal(c.mn_max_ha_consecutive_resends, 7);
	assert_int_equal(c.mn_max_cn_consecutive_resends, 3);
	assert_false(c.send_mob_pfx_sols);
	assert_false(c.do_route_opt_mn);
	assert_true(c.mn_use_all_interfaces);
	assert_false(c.mob_rtr_use_explicit_mode);
	assert_true(c.use_cn_bu_ack);
	assert_int_equal(c.iface_initial_init_delay_ms, 1000);
	assert_int_equal(c.mn_router_probes, 2);
	assert_int_equal(c.mn_router_probe_timeout_ms, 250);
	assert_int_equal(c.initial_bindack_timeout_first_reg_ms, 2500);
	assert_int_equal(c.initial_bindack_timeout_rereg_ms, 750);
	assert_int_equal(c.initial_solicit_timer_ms, 4000);
	assert_true(c.optimistic_handoff);
	assert_true(c.no_home_return);
	assert_round_trip(&c);
	conf_free(&c);
}

/* Every policy type, every protocol, the reqid forms and the action. */
static void test_ipsec_keywords(void **state)
{
	static const char text[] =
		"NodeConfig HA; Interface \"eth0\";\n"
		"IPsecPolicySet {\n"
		"  HomeAgentAddress 2001:db8::1000;\n"
		"  HomeAddress 2001:db8::1/64;\n"
		"  HomeAddress 2001:db8::2/128;\n"
		"  IPsecPolicy HomeRegBinding UseESP;\n"
		"  IPsecPolicy MobPfxDisc UseAH 5;\n"
		"  IPsecPolicy TunnelHomeTesting UseIPComp UseESP UseAH 6 7 block;\n"
		"}\n"
		"IPsecPolicySet {\n"
		"  HomeAgentAddress 2001:db8::1000;\n"
		"  HomeAddress 2001:db8::3/64;\n"
		"  IPsecPolicy Mh UseESP UseAH 8 allow;\n"
		"  IPsecPolicy ICMP UseESP 9 10;\n"
		"  IPsecPolicy TunnelMh UseESP false;\n"
		"}\n"
		"IPsecPolicySet {\n"
		"  HomeAgentAddress 2001:db8::1000;\n"
		"  HomeAddress 2001:db8::4/64;\n"
		"  IPsecPolicy any UseESP;\n"
		"  IPsecPolicy TunnelPayload UseESP;\n"
		"}\n";
	struct mip6_conf c;
	const struct conf_ipsec_policy *p;

	load_ok(&c, text);
	assert_prefix(&c.ipsec_sets->hoas->next->prefix, "2001:db8::2/128");
	p = c.ipsec_sets->policies;
	assert_int_equal(p->type, IPSEC_POL_HOME_REG_BINDING);
	assert_int_equal(p->n_reqids, 0);
	assert_false(p->action_set);
	assert_true(p->allow);
	p = p->next;
	assert_int_equal(p->type, IPSEC_POL_MOB_PFX_DISC);
	assert_int_equal(p->protos, CONF_IPSEC_AH);
	assert_int_equal(p->reqid_toha, 5);
	assert_int_equal(p->reqid_tomn, 5);
	p = p->next;
	assert_int_equal(p->type, IPSEC_POL_TUNNEL_HOME_TESTING);
	assert_int_equal(p->protos, CONF_IPSEC_ESP | CONF_IPSEC_AH | CONF_IPSEC_IPCOMP);
	assert_int_equal(p->n_reqids, 2);
	assert_int_equal(p->reqid_toha, 6);
	assert_int_equal(p->reqid_tomn, 7);
	assert_true(p->action_set);
	assert_false(p->allow);
	p = c.ipsec_sets->next->policies;
	assert_int_equal(p->type, IPSEC_POL_MH);
	assert_int_equal(p->protos, CONF_IPSEC_ESP | CONF_IPSEC_AH);
	assert_true(p->allow);
	assert_int_equal(p->next->type, IPSEC_POL_ICMP);
	assert_int_equal(p->next->reqid_toha, 9);
	assert_int_equal(p->next->reqid_tomn, 10);
	assert_int_equal(p->next->next->type, IPSEC_POL_TUNNEL_MH);
	assert_false(p->next->next->allow);
	p = c.ipsec_sets->next->next->policies;
	assert_int_equal(p->type, IPSEC_POL_ANY);
	assert_int_equal(p->next->type, IPSEC_POL_TUNNEL_PAYLOAD);
	assert_round_trip(&c);
	conf_free(&c);
}

/* Where UMIP is fragile. */
static void test_lexical(void **state)
{
	struct mip6_conf c;

	/* Comments anywhere, a keyword split from its value by lines, empty
	 * statements, "};" after a block, integers for decimals, "::1". */
	load_ok(&c, "# c\nNodeConfig # here\n MN ; ;\n"
		    "MnHomeLink \"eth0\" { HomeAddress ::1/128; HomeAgentAddress ::2; };\n"
		    "InitialSolicitTimer 7;\nInterfaceInitialInitDelay 0.001;\n");
	assert_prefix(&c.home_links->hoa, "::1/128");
	assert_addr(&c.home_links->ha_addr, "::2");
	assert_int_equal(c.initial_solicit_timer_ms, 7000);
	assert_int_equal(c.iface_initial_init_delay_ms, 1);
	conf_free(&c);

	/* Keywords are case-sensitive, as in UMIP. */
	load_err("nodeconfig HA;", 1, "t.conf:1:1: error: unknown keyword 'nodeconfig'");
	load_err("NodeConfig ha;", 1,
		 "t.conf:1:12: error: unexpected 'ha', expected CN, HA or MN");
}

static void test_syntax_errors(void **state)
{
	load_err("DebugLevel 10\nNodeConfig HA;\n", 1,
		 "t.conf:1:14: error: expected ';' after '10' (before 'NodeConfig' on line 2)");
	load_err("DebugLevel 10", 1,
		 "t.conf:1:14: error: expected ';' after '10' (before end of file)");
	load_err("DebugLevel yes;", 1, "t.conf:1:12: error: unexpected 'yes', expected number");
	load_err("DebugLevel enabled;", 1,
		 "t.conf:1:12: error: unexpected 'enabled', expected number");
	load_err("UseMnHaIPsec 1;", 1,
		 "t.conf:1:14: error: unexpected '1', expected boolean (enabled or disabled)");
	load_err("Interface eth0;", 1, "t.conf:1:11: error: unexpected 'eth0', expected quoted string");
	load_err("DebugLogFile \"/tmp/x;\n", 2, "t.conf:1:14: error: unterminated string",
		 "t.conf:1:22: error: expected ';' after '\"/tmp/x;' (before end of file)");
	load_err("NodeConfig MN;\nMnHomeLink \"eth0\" {\n HomeAddress 2001:db8::1;\n}\n", 1,
		 "t.conf:3:25: error: unexpected ';', expected '/'");
	load_err("NodeConfig MN;\nMnHomeLink \"eth0\" {\n HomeAddress 2001:db8::1/64;\n", 1,
		 "t.conf:4:1: error: unexpected end of file, expected '}' or a statement of the block");
	load_err("NodeConfig HA; Interface \"eth0\";\nIPsecPolicySet { HomeAgentAddress 2001:db8::1;"
		 " HomeAddress 2001:db8::2/64; IPsecPolicy Mh; }", 1,
		 "t.conf:2:90: error: unexpected ';', expected UseESP, UseAH or UseIPComp");
	load_err("NodeConfig HA; Interface \"eth0\";\nIPsecPolicySet { HomeAgentAddress 2001:db8::1;"
		 " HomeAddress 2001:db8::2/64; IPsecPolicy Tunnel UseESP; }", 1,
		 "t.conf:2:88: error: unexpected 'Tunnel', expected IPsec policy type");
	load_err("IPsecType x;", 1, "t.conf:1:1: error: unknown keyword 'IPsecType'");
	load_err("DebugLevel 1 @;", 1, "t.conf:1:14: error: unexpected character '@'");
	load_err("include;", 1, "t.conf:1:8: error: expected a quoted file name after 'include'");
	/* Errors are all reported, each with its place. */
	load_err("NodeConfig XX;\nDebugLevel 1;\nDebugLevel x;\nNodeConfig MN;\n", 2,
		 "t.conf:1:12: error: unexpected 'XX', expected CN, HA or MN",
		 "t.conf:3:12: error: unexpected 'x', expected number");
}

/* A valid mobile node, for the statements that follow on line 2. */
#define MN "NodeConfig MN; MnHomeLink \"e\" { HomeAddress ::1/64; }\n"

static void test_value_errors(void **state)
{
	load_err("DebugLevel 4294967296;", 1, "t.conf:1:12: error: '4294967296' is too large");
	load_err("NodeConfig HA; Interface \"eth0\"; HaMaxBindingLife 262141;", 1,
		 "t.conf:1:51: error: 262141 is out of range for HaMaxBindingLife (at most 262140)");
	load_err("NodeConfig MN; MnHomeLink \"e\" { HomeAddress 2001:db8::1/64; }\n"
		 "MnMaxHaBindingLife 300000;\nMnMaxCnBindingLife 421;\n", 2,
		 "t.conf:2:20: error: 300000 is out of range for MnMaxHaBindingLife (at most 262140)",
		 "t.conf:3:20: error: 421 is out of range for MnMaxCnBindingLife (at most 420)");
	/* Value errors do not stop the checks that need the whole file. */
	load_err("NodeConfig MN; Interface \"e\" { MnIfPreference 11; }", 2,
		 "t.conf:1:47: error: 11 is out of range for MnIfPreference (at most 10)",
		 "t.conf: error: a mobile node (NodeConfig MN) needs at least one MnHomeLink");
	load_err("NodeConfig HA; Interface \"e\"; DefaultBindingAclPolicy 256;", 1,
		 "t.conf:1:55: error: 256 is out of range for a Binding Acknowledgement status");
	load_err("NodeConfig HA; Interface \"e\"; HaServedPrefix 2001:db8::/129;", 1,
		 "t.conf:1:57: error: 129 is out of range for an IPv6 prefix length");
	load_err(MN "InitialSolicitTimer 4294967.5;", 1,
		 "t.conf:2:21: error: '4294967.5' is too large");
	load_err(MN "InitialSolicitTimer 4294968;", 1,
		 "t.conf:2:21: error: 4294968 is out of range for a time in seconds");
	load_err(MN "MnRouterProbeTimeout 0.0001;", 1,
		 "t.conf:2:22: error: '0.0001': at most millisecond precision");
	load_err("CnBindingPolicySet { 2001:db8::1::2 allow; }", 1,
		 "t.conf:1:22: error: '2001:db8::1::2' is not a valid IPv6 address");
	load_err("CnBindingPolicySet { 10.0.0.1 allow; }", 1,
		 "t.conf:1:22: error: '10.0.0.1' is not an IPv6 address");
	load_err("Interface \"\";", 1, "t.conf:1:11: error: '' is not a valid interface name");
	load_err("Interface \"abcdefghijklmnopq\";", 1,
		 "t.conf:1:11: error: 'abcdefghijklmnopq' is not a valid interface name");
}

static void test_semantic_errors(void **state)
{
	/* Keywords of another role: every one reported. */
	load_err("NodeConfig MN;\nHaMaxBindingLife 100;\nMnHomeLink \"e\" { HomeAddress ::1/64; }\n"
		 "BindingAclPolicy ::1 allow;\n", 2,
		 "t.conf:2:1: error: HaMaxBindingLife is only valid with NodeConfig HA "
		 "(NodeConfig is MN)",
		 "t.conf:4:1: error: BindingAclPolicy is only valid with NodeConfig HA");
	load_err("OptimisticHandoff enabled;\nNodeConfig HA;\nInterface \"e\" { Tunnel enabled; "
		 "MnIfPreference 2; }\n", 3,
		 "t.conf:1:1: error: OptimisticHandoff is only valid with NodeConfig MN "
		 "(NodeConfig is HA)",
		 "t.conf:3:17: error: Tunnel is only valid with NodeConfig CN or MN",
		 "t.conf:3:33: error: MnIfPreference is only valid with NodeConfig MN");
	load_err("IPsecPolicySet { HomeAgentAddress ::1; HomeAddress ::2/64; IPsecPolicy Mh UseESP; }",
		 1, "t.conf:1:1: error: IPsecPolicySet is only valid with NodeConfig HA or MN "
		 "(NodeConfig is CN)");
	load_err("NodeConfig HA;\n", 1,
		 "t.conf: error: a home agent (NodeConfig HA) needs at least one Interface");
	load_err("NodeConfig MN;\n", 1,
		 "t.conf: error: a mobile node (NodeConfig MN) needs at least one MnHomeLink");
	load_err("NodeConfig MN;\nMnHomeLink \"e\" { HomeAgentAddress ::1; }\n", 1,
		 "t.conf:2:1: error: MnHomeLink \"e\" without HomeAddress");
	load_err("NodeConfig MN;\nMnHomeLink \"e\" { HomeAddress ::1/64; HomeAddress ::2/64; }\n",
		 1, "t.conf:2:38: error: MnHomeLink takes one HomeAddress");
	load_err("NodeConfig MN;\nMnHomeLink \"e\" { HomeAddress ::1/64; }\n"
		 "MnHomeLink \"f\" { HomeAddress ::1/64; }\n", 1,
		 "t.conf:3:1: error: HomeAddress ::1 given in two MnHomeLink blocks (first at line 2)");
	load_err("NodeConfig HA; Interface \"e\";\nInterface \"e\";\n", 1,
		 "t.conf:2:11: error: Interface \"e\" given twice (first at line 1)");
	load_err("NodeConfig HA; Interface \"e\";\nMinMobPfxAdvInterval 100;\n"
		 "MaxMobPfxAdvInterval 50;\n", 1,
		 "t.conf:2:1: error: MinMobPfxAdvInterval (100) is larger than "
		 "MaxMobPfxAdvInterval (50)");
}

static void test_ipsec_errors(void **state)
{
	load_err("NodeConfig HA; Interface \"e\";\nIPsecPolicySet {\n"
		 " HomeAgentAddress ::1;\n HomeAgentAddress ::3;\n HomeAddress ::2/64;\n"
		 " IPsecPolicy Mh UseESP UseESP;\n}\n", 2,
		 "t.conf:4:2: error: IPsecPolicySet takes one HomeAgentAddress",
		 "t.conf:6:24: error: protocol given twice in one IPsecPolicy");
	load_err("NodeConfig HA; Interface \"e\";\nIPsecPolicySet {\n"
		 " HomeAddress ::2/64;\n}\n", 2,
		 "t.conf:2:1: error: IPsecPolicySet without HomeAgentAddress",
		 "t.conf:2:1: error: IPsecPolicySet without IPsecPolicy");
	load_err("NodeConfig HA; Interface \"e\";\nIPsecPolicySet {\n HomeAgentAddress ::1;\n"
		 " IPsecPolicy Mh UseESP;\n}\n", 1,
		 "t.conf:2:1: error: IPsecPolicySet without HomeAddress");
	/* Overlaps name both lines, within a set and across sets. */
	load_err("NodeConfig HA; Interface \"e\";\nIPsecPolicySet {\n HomeAgentAddress ::1;\n"
		 " HomeAddress ::2/64;\n IPsecPolicy Mh UseESP;\n IPsecPolicy HomeRegBinding UseESP;\n"
		 " IPsecPolicy TunnelMh UseESP;\n}\nIPsecPolicySet {\n HomeAgentAddress ::1;\n"
		 " HomeAddress ::3/64;\n HomeAddress ::2/64;\n IPsecPolicy TunnelPayload UseESP;\n"
		 " IPsecPolicy ICMP UseESP;\n}\n", 2,
		 "t.conf:6:2: error: IPsecPolicy HomeRegBinding overlaps IPsecPolicy Mh at "
		 "t.conf:5:2 for HomeAgentAddress ::1, HomeAddress ::2",
		 "t.conf:13:2: error: IPsecPolicy TunnelPayload overlaps IPsecPolicy TunnelMh at "
		 "t.conf:7:2 for HomeAgentAddress ::1, HomeAddress ::2");
	load_err("NodeConfig HA; Interface \"e\";\nIPsecPolicySet {\n HomeAgentAddress ::1;\n"
		 " HomeAddress ::2/64;\n IPsecPolicy any UseESP;\n IPsecPolicy MobPfxDisc UseESP;\n"
		 "}\n", 1, "t.conf:6:2: error: IPsecPolicy MobPfxDisc overlaps IPsecPolicy any");
	/* The same HoA in another set with another HA is no overlap. */
	{
		struct mip6_conf c;

		load_ok(&c, "NodeConfig HA; Interface \"e\";\n"
			    "IPsecPolicySet { HomeAgentAddress ::1; HomeAddress ::2/64; "
			    "IPsecPolicy Mh UseESP; IPsecPolicy ICMP UseESP; "
			    "IPsecPolicy TunnelHomeTesting UseESP; }\n"
			    "IPsecPolicySet { HomeAgentAddress ::9; HomeAddress ::2/64; "
			    "IPsecPolicy Mh UseESP; }\n");
		conf_free(&c);
	}
}

/* Files: missing, unreadable, globs, nesting, loops. */
static char tmpdir[] = "/tmp/mip6d-conf-test-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int files_setup(void **state)
{
	char sub[300];

	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(sub, sizeof(sub), "%s/conf.d", tmpdir);
	return mkdir(sub, 0700);
}

static int files_teardown(void **state)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int load_tmp(struct mip6_conf *c, const char *name)
{
	char path[256];
	struct conf_opts o = opts();

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	conf_init(c);
	return conf_load_file(c, path, &o);
}

static void test_files(void **state)
{
	struct mip6_conf c;
	char want[512];

	assert_int_equal(load_tmp(&c, "missing.conf"), -ENOENT);
	snprintf(want, sizeof(want), "error: cannot read configuration file '%s/missing.conf': "
		 "No such file or directory\n", tmpdir);
	assert_string_equal(diags.text, want);
	conf_free(&c);

	/* Nested includes: relative to the including file; globs in order. */
	write_file("main.conf", "NodeConfig HA;\ninclude \"conf.d/*.conf\"\nDebugLevel 2;\n");
	write_file("conf.d/a.conf", "Interface \"a\";\ninclude \"../more.conf\"\n");
	write_file("conf.d/b.conf", "Interface \"b\";\n");
	write_file("more.conf", "Interface \"m\"; BindingAclPolicy ::5 allow\n");
	write_file("conf.d/b.txt", "garbage");
	assert_int_equal(load_tmp(&c, "main.conf"), -EINVAL);
	snprintf(want, sizeof(want), "%s/conf.d/../more.conf:1:42: error: expected ';' after "
		 "'allow' (before 'Interface' at %s/conf.d/b.conf:1:1)", tmpdir, tmpdir);
	assert_non_null(strstr(diags.text, want));
	assert_int_equal(diags.n, 1);
	conf_free(&c);

	write_file("more.conf", "Interface \"m\"; BindingAclPolicy ::5 allow;\n");
	assert_int_equal(load_tmp(&c, "main.conf"), 0);
	assert_string_equal(c.ifaces->name, "a");
	assert_string_equal(c.ifaces->next->name, "m");
	assert_string_equal(c.ifaces->next->next->name, "b");
	assert_int_equal(c.ifaces->next->loc.line, 1);
	assert_int_equal(c.debug_level, 2);
	conf_free(&c);

	/* A glob that matches nothing is a warning; a plain name an error. */
	write_file("glob.conf", "include \"nothing/*.conf\"\nDebugLevel 1;\n");
	assert_int_equal(load_tmp(&c, "glob.conf"), 0);
	assert_non_null(strstr(diags.text, "glob.conf:1:9: warning: include pattern"));
	conf_free(&c);

	/* Unreadable include (a directory cannot be parsed as a file). */
	write_file("dir.conf", "include \"conf.d\"\n");
	assert_int_equal(load_tmp(&c, "dir.conf"), -EINVAL);
	assert_non_null(strstr(diags.text, "dir.conf:1:9: error: "));
	assert_non_null(strstr(diags.text, "conf.d"));
	conf_free(&c);

	/* A file including itself. */
	write_file("loop.conf", "DebugLevel 1;\ninclude \"loop.conf\"\n");
	assert_int_equal(load_tmp(&c, "loop.conf"), -EINVAL);
	assert_non_null(strstr(diags.text, "loop.conf:2:9: error: include loop"));
	conf_free(&c);
}

/* The system check: an HA interface that does not exist. */
static void test_system_check(void **state)
{
	struct mip6_conf c;
	struct conf_opts o;

	load_ok(&c, "NodeConfig HA;\nInterface \"lo\";\nInterface \"nosuchif0\";\n");
	o = opts();
	assert_int_equal(conf_check_system(&c, &o), 1);
	assert_string_equal(diags.text, "t.conf:3:11: error: home agent interface \"nosuchif0\" "
			    "does not exist on this machine\n");
	conf_free(&c);

	load_ok(&c, "NodeConfig MN;\nMnHomeLink \"nosuchif1\" { HomeAddress ::1/64; }\n");
	o = opts();
	assert_int_equal(conf_check_system(&c, &o), 1);
	assert_non_null(strstr(diags.text, "t.conf:2:1: error: MnHomeLink interface \"nosuchif1\""));
	conf_free(&c);
}

static void test_round_trip_all(void **state)
{
	static const char *const texts[] = { common_all, ha_all, mn_all };
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct mip6_conf c;

		load_ok(&c, texts[i]);
		assert_round_trip(&c);
		conf_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000_mn),
		cmocka_unit_test(test_seed000_ha_as_written),
		cmocka_unit_test(test_seed000_ha_fixed),
		cmocka_unit_test(test_seed002),
		cmocka_unit_test(test_seed002_without_root),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_common_keywords),
		cmocka_unit_test(test_ha_keywords),
		cmocka_unit_test(test_mn_keywords),
		cmocka_unit_test(test_ipsec_keywords),
		cmocka_unit_test(test_lexical),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_value_errors),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_ipsec_errors),
		cmocka_unit_test_setup_teardown(test_files, files_setup, files_teardown),
		cmocka_unit_test(test_system_check),
		cmocka_unit_test(test_round_trip_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
