/* Grammar of mip6d.conf: UMIP 1.0's language, keyword for keyword, with
 * its quirks fixed (integers where decimals go, "::1" addresses, AH and
 * IPComp kept).  Actions fill struct mip6_conf; range checks are made here
 * with the value's location, cross-statement checks in check.c. */
%code requires {
#include "mip6d/conf/conf_int.h"

struct conf_span {
	const char *file;
	int first_line, first_column, last_line, last_column;
};

#define YYLLOC_DEFAULT(Cur, Rhs, N) do {                                        \
		if (N) {                                                         \
			(Cur).file = YYRHSLOC(Rhs, 1).file;                      \
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line;          \
			(Cur).first_column = YYRHSLOC(Rhs, 1).first_column;      \
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line;            \
			(Cur).last_column = YYRHSLOC(Rhs, N).last_column;        \
		} else {                                                         \
			(Cur).file = YYRHSLOC(Rhs, 0).file;                      \
			(Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line; \
			(Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
		}                                                                \
	} while (0)

struct conf_reqids {
	uint32_t toha, tomn;
	unsigned n;
};
}

%code {
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

int mclex(MCSTYPE *lval, MCLTYPE *lloc, void *scanner);

#define C (st->conf)
#define L(span) (&(struct conf_loc){ (span).file, (span).first_line, (span).first_column })

static void mcerror(MCLTYPE *loc, void *scanner, struct conf_state *st, const char *msg);
static void use(struct conf_state *st, const char *kw, unsigned roles, const MCLTYPE *at);
static struct conf_prefix *prefix_new(struct conf_state *st, const struct ip_prefix *p,
				      const MCLTYPE *at);
static void prefix_list_free(struct conf_prefix *l);
static bool check_max(struct conf_state *st, const MCLTYPE *at, const char *kw, uint32_t v,
		      uint32_t max);
static void set_name(struct conf_state *st, char *dst, const char *src, const MCLTYPE *at);

#define NEW(st, ptr) do {                                                       \
		(ptr) = calloc(1, sizeof(*(ptr)));                               \
		if (!(ptr)) {                                                    \
			(st)->oom = true;                                        \
			YYNOMEM;                                                 \
		}                                                                \
	} while (0)
}

%define api.pure full
%define api.prefix {mc}
%define api.location.type {struct conf_span}
%define parse.error custom
%locations
%lex-param {void *scanner}
%parse-param {void *scanner} {struct conf_state *st}

%union {
	uint32_t num;
	unsigned ms;
	bool b;
	char *str;
	struct ip_addr addr;
	struct ip_prefix pfx;
	struct conf_prefix *plist;
	struct conf_reqids reqids;
}

%token <num> NUMBER "number"
%token <ms> DECIMAL "decimal number"
%token <b> BOOL "boolean (enabled or disabled)"
%token <addr> ADDR "IPv6 address"
%token <str> QSTRING "quoted string"
%token <str> WORD "word"
%token <num> NODETYPE "CN, HA or MN"
%token <num> POLTYPE "IPsec policy type"
%token <num> PROTO "UseESP, UseAH or UseIPComp"
%token INTERNAL "internal"

%token NODECONFIG "NodeConfig"
%token DEBUGLEVEL "DebugLevel"
%token DEBUGLOGFILE "DebugLogFile"
%token DOROUTEOPTIMIZATIONCN "DoRouteOptimizationCN"
%token CNBINDINGPOLICYSET "CnBindingPolicySet"
%token NONVOLATILEBINDINGCACHE "NonVolatileBindingCache"
%token INTERFACE "Interface"
%token IFTYPE "IfType"
%token MNIFPREFERENCE "MnIfPreference"
%token TUNNEL "Tunnel"
%token USEMOVEMENTMODULE "UseMovementModule"
%token USEPOLICYMODULE "UsePolicyModule"
%token USEMNHAIPSEC "UseMnHaIPsec"
%token KEYMNGMOBCAPABILITY "KeyMngMobCapability"
%token IPSECPOLICYSET "IPsecPolicySet"
%token IPSECPOLICY "IPsecPolicy"
%token HAMAXBINDINGLIFE "HaMaxBindingLife"
%token SENDMOBPFXADVS "SendMobPfxAdvs"
%token SENDUNSOLMOBPFXADVS "SendUnsolMobPfxAdvs"
%token MINMOBPFXADVINTERVAL "MinMobPfxAdvInterval"
%token MAXMOBPFXADVINTERVAL "MaxMobPfxAdvInterval"
%token HAACCEPTMOBRTR "HaAcceptMobRtr"
%token HASERVEDPREFIX "HaServedPrefix"
%token DEFAULTBINDINGACLPOLICY "DefaultBindingAclPolicy"
%token BINDINGACLPOLICY "BindingAclPolicy"
%token MNHOMELINK "MnHomeLink"
%token HOMEADDRESS "HomeAddress"
%token HOMEAGENTADDRESS "HomeAgentAddress"
%token HOMEPREFIX "HomePrefix"
%token USEALTCOA "UseAltCoa"
%token MNROPOLICY "MnRoPolicy"
%token ISMOBRTR "IsMobRtr"
%token MNMAXHABINDINGLIFE "MnMaxHaBindingLife"
%token MNMAXCNBINDINGLIFE "MnMaxCnBindingLife"
%token MNDISCARDHAPARAMPROB "MnDiscardHaParamProb"
%token MNRESETDHAADATHOME "MnResetDhaadAtHome"
%token MNFLUSHALLATHOME "MnFlushAllAtHome"
%token MNMAXHACONSECUTIVERESENDS "MnMaxHaConsecutiveResends"
%token MNMAXCNCONSECUTIVERESENDS "MnMaxCnConsecutiveResends"
%token SENDMOBPFXSOLS "SendMobPfxSols"
%token DOROUTEOPTIMIZATIONMN "DoRouteOptimizationMN"
%token MNUSEALLINTERFACES "MnUseAllInterfaces"
%token MOBRTRUSEEXPLICITMODE "MobRtrUseExplicitMode"
%token USECNBUACK "UseCnBuAck"
%token INTERFACEINITIALINITDELAY "InterfaceInitialInitDelay"
%token MNROUTERPROBES "MnRouterProbes"
%token MNROUTERPROBETIMEOUT "MnRouterProbeTimeout"
%token INITIALBINDACKTIMEOUTFIRSTREG "InitialBindackTimeoutFirstReg"
%token INITIALBINDACKTIMEOUTREREG "InitialBindackTimeoutReReg"
%token INITIALSOLICITTIMER "InitialSolicitTimer"
%token OPTIMISTICHANDOFF "OptimisticHandoff"
%token NOHOMERETURN "NoHomeReturn"

%type <ms> decimal
%type <pfx> prefix
%type <plist> prefix_list mnp_list_opt
%type <num> protos acl_value
%type <reqids> reqids
%type <num> action_opt

%destructor { free($$); } <str>
%destructor { prefix_list_free($$); } <plist>

%%

file:
	  %empty
	| file stmt
	;

stmt:
	  ';'
	| NODECONFIG NODETYPE ';'              { C->node_type = $2; }
	| DEBUGLEVEL NUMBER ';'                { C->debug_level = $2; }
	| DEBUGLOGFILE QSTRING ';'             { free(C->debug_log_file); C->debug_log_file = $2; }
	| DOROUTEOPTIMIZATIONCN BOOL ';'       { C->do_route_opt_cn = $2; }
	| CNBINDINGPOLICYSET '{' cn_policies '}'
	| NONVOLATILEBINDINGCACHE BOOL ';'     { C->non_volatile_bcache = $2; }
	| interface
	| USEMOVEMENTMODULE INTERNAL ';'       { free(C->movement_module); C->movement_module = NULL; }
	| USEMOVEMENTMODULE QSTRING ';'        { free(C->movement_module); C->movement_module = $2; }
	| USEPOLICYMODULE QSTRING ';'          { free(C->policy_module); C->policy_module = $2; }
	| USEMNHAIPSEC BOOL ';'                { C->use_mnha_ipsec = $2; }
	| KEYMNGMOBCAPABILITY BOOL ';'         { C->keymng_mob_capability = $2; }
	| ipsec_set
	| ha_stmt
	| mn_stmt
	| error ';'                            { yyerrok; }
	| error '}'                            { yyerrok; }
	;

/* Home agent */
ha_stmt:
	  HAMAXBINDINGLIFE NUMBER ';' {
		use(st, "HaMaxBindingLife", ROLE_HA, &@1);
		if (check_max(st, &@2, "HaMaxBindingLife", $2, CONF_MAX_BINDING_LIFE))
			C->ha_max_binding_life = $2;
	}
	| SENDMOBPFXADVS BOOL ';' {
		use(st, "SendMobPfxAdvs", ROLE_HA, &@1);
		C->send_mob_pfx_advs = $2;
	}
	| SENDUNSOLMOBPFXADVS BOOL ';' {
		use(st, "SendUnsolMobPfxAdvs", ROLE_HA, &@1);
		C->send_unsol_mob_pfx_advs = $2;
	}
	| MINMOBPFXADVINTERVAL NUMBER ';' {
		use(st, "MinMobPfxAdvInterval", ROLE_HA, &@1);
		C->min_mob_pfx_adv_interval = $2;
	}
	| MAXMOBPFXADVINTERVAL NUMBER ';' {
		use(st, "MaxMobPfxAdvInterval", ROLE_HA, &@1);
		C->max_mob_pfx_adv_interval = $2;
	}
	| HAACCEPTMOBRTR BOOL ';' {
		use(st, "HaAcceptMobRtr", ROLE_HA, &@1);
		C->ha_accept_mob_rtr = $2;
	}
	| HASERVEDPREFIX prefix ';' {
		struct conf_prefix *p = prefix_new(st, &$2, &@2);

		use(st, "HaServedPrefix", ROLE_HA, &@1);
		if (!p)
			YYNOMEM;
		CONF_APPEND(&C->ha_served_prefixes, p);
	}
	| DEFAULTBINDINGACLPOLICY acl_value ';' {
		use(st, "DefaultBindingAclPolicy", ROLE_HA, &@1);
		C->default_acl_status = $2;
	}
	| BINDINGACLPOLICY ADDR mnp_list_opt acl_value ';' {
		struct conf_acl *a = calloc(1, sizeof(*a));

		use(st, "BindingAclPolicy", ROLE_HA, &@1);
		if (!a) {
			prefix_list_free($3);
			st->oom = true;
			YYNOMEM;
		}
		a->hoa = $2;
		a->mnps = $3;
		a->status = $4;
		a->loc = *L(@1);
		CONF_APPEND(&C->acls, a);
	}
	;

acl_value:
	  BOOL                                 { $$ = $1 ? 0 : CONF_ACL_DENY_STATUS; }
	| NUMBER {
		$$ = check_max(st, &@1, "a Binding Acknowledgement status", $1, 255) ? $1 : 0;
	}
	;

mnp_list_opt:
	  %empty                               { $$ = NULL; }
	| '(' prefix_list ')'                  { $$ = $2; }
	;

prefix_list:
	  prefix {
		$$ = prefix_new(st, &$1, &@1);
		if (!$$)
			YYNOMEM;
	}
	| prefix_list ',' prefix {
		struct conf_prefix *p = prefix_new(st, &$3, &@3);

		$$ = $1;
		if (!p)
			YYNOMEM;
		CONF_APPEND(&$$, p);
	}
	;

prefix:
	  ADDR '/' NUMBER {
		$$.addr = $1;
		$$.len = 0;
		if (check_max(st, &@3, "an IPv6 prefix length", $3, 128))
			$$.len = (uint8_t)$3;
	}
	;

decimal:
	  DECIMAL                              { $$ = $1; }
	| NUMBER {
		$$ = 0;
		if (check_max(st, &@1, "a time in seconds", $1, UINT_MAX / 1000))
			$$ = $1 * 1000u;
	}
	;

/* Correspondent node */
cn_policies:
	  %empty
	| cn_policies cn_policy
	;

cn_policy:
	  ADDR BOOL ';'  {
		struct conf_cn_policy *p;

		NEW(st, p);
		p->peer_hoa = $1;
		p->allow = $2;
		p->loc = *L(@1);
		CONF_APPEND(&C->cn_policies, p);
	}
	| ADDR ADDR BOOL ';' {
		struct conf_cn_policy *p;

		NEW(st, p);
		p->peer_hoa = $1;
		p->local = $2;
		p->allow = $3;
		p->loc = *L(@1);
		CONF_APPEND(&C->cn_policies, p);
	}
	| error ';'                            { yyerrok; }
	;

/* Interfaces */
interface:
	  iface_head ';'                       { st->cur_iface = NULL; }
	| iface_head '{' iface_opts '}'        { st->cur_iface = NULL; }
	;

iface_head:
	  INTERFACE QSTRING {
		struct conf_iface *i = calloc(1, sizeof(*i));

		if (!i) {
			free($2);
			st->oom = true;
			YYNOMEM;
		}
		set_name(st, i->name, $2, &@2);
		free($2);
		i->preference = CONF_MAX_IF_PREFERENCE;
		i->loc = *L(@2);
		CONF_APPEND(&C->ifaces, i);
		st->cur_iface = i;
	}
	;

iface_opts:
	  %empty
	| iface_opts iface_opt
	;

iface_opt:
	  IFTYPE NODETYPE ';' {
		st->cur_iface->if_type = $2;
		st->cur_iface->if_type_set = true;
	}
	| MNIFPREFERENCE NUMBER ';' {
		use(st, "MnIfPreference", ROLE_MN, &@1);
		if (check_max(st, &@2, "MnIfPreference", $2, CONF_MAX_IF_PREFERENCE))
			st->cur_iface->preference = $2;
	}
	| TUNNEL BOOL ';' {
		use(st, "Tunnel", ROLE_MN | ROLE_CN, &@1);
		st->cur_iface->tunnel = $2;
	}
	| error ';'                            { yyerrok; }
	;

/* IPsec */
ipsec_set:
	  ipsec_head '{' ipsec_items '}' {
		use(st, "IPsecPolicySet", ROLE_HA | ROLE_MN, &@1);
		st->cur_set = NULL;
	}
	;

ipsec_head:
	  IPSECPOLICYSET {
		struct conf_ipsec_set *s;

		NEW(st, s);
		s->loc = *L(@1);
		CONF_APPEND(&C->ipsec_sets, s);
		st->cur_set = s;
		st->cur_set_has = 0;
	}
	;

ipsec_items:
	  %empty
	| ipsec_items ipsec_item
	;

ipsec_item:
	  HOMEAGENTADDRESS ADDR ';' {
		if (st->cur_set_has++)
			conf_error(st, L(@1), "IPsecPolicySet takes one HomeAgentAddress");
		else
			st->cur_set->ha_addr = $2;
	}
	| HOMEADDRESS prefix ';' {
		struct conf_prefix *p = prefix_new(st, &$2, &@2);

		if (!p)
			YYNOMEM;
		CONF_APPEND(&st->cur_set->hoas, p);
	}
	| IPSECPOLICY POLTYPE protos reqids action_opt ';' {
		struct conf_ipsec_policy *p;

		NEW(st, p);
		p->type = (enum ipsec_pol_type)$2;
		p->protos = $3;
		p->n_reqids = $4.n;
		p->reqid_toha = $4.toha;
		p->reqid_tomn = $4.tomn;
		p->allow = $5 != 0;
		p->action_set = $5 != 2;
		p->loc = *L(@1);
		CONF_APPEND(&st->cur_set->policies, p);
	}
	| error ';'                            { yyerrok; }
	;

protos:
	  PROTO                                { $$ = $1; }
	| protos PROTO {
		if ($1 & $2)
			conf_error(st, L(@2), "protocol given twice in one IPsecPolicy");
		$$ = $1 | $2;
	}
	;

reqids:
	  %empty                               { $$ = (struct conf_reqids){ 0, 0, 0 }; }
	| NUMBER                               { $$ = (struct conf_reqids){ $1, $1, 1 }; }
	| NUMBER NUMBER                        { $$ = (struct conf_reqids){ $1, $2, 2 }; }
	;

/* 2: not written (allow), else the BOOL. */
action_opt:
	  %empty                               { $$ = 2; }
	| BOOL                                 { $$ = $1 ? 1 : 0; }
	;

/* Mobile node */
mn_stmt:
	  home_link
	| MNMAXHABINDINGLIFE NUMBER ';' {
		use(st, "MnMaxHaBindingLife", ROLE_MN, &@1);
		if (check_max(st, &@2, "MnMaxHaBindingLife", $2, CONF_MAX_BINDING_LIFE))
			C->mn_max_ha_binding_life = $2;
	}
	| MNMAXCNBINDINGLIFE NUMBER ';' {
		use(st, "MnMaxCnBindingLife", ROLE_MN, &@1);
		if (check_max(st, &@2, "MnMaxCnBindingLife", $2, CONF_MAX_CN_BINDING_LIFE))
			C->mn_max_cn_binding_life = $2;
	}
	| MNDISCARDHAPARAMPROB BOOL ';' {
		use(st, "MnDiscardHaParamProb", ROLE_MN, &@1);
		C->mn_discard_ha_param_prob = $2;
	}
	| MNRESETDHAADATHOME BOOL ';' {
		use(st, "MnResetDhaadAtHome", ROLE_MN, &@1);
		C->mn_reset_dhaad_at_home = $2;
	}
	| MNFLUSHALLATHOME BOOL ';' {
		use(st, "MnFlushAllAtHome", ROLE_MN, &@1);
		C->mn_flush_all_at_home = $2;
	}
	| MNMAXHACONSECUTIVERESENDS NUMBER ';' {
		use(st, "MnMaxHaConsecutiveResends", ROLE_MN, &@1);
		C->mn_max_ha_consecutive_resends = $2;
	}
	| MNMAXCNCONSECUTIVERESENDS NUMBER ';' {
		use(st, "MnMaxCnConsecutiveResends", ROLE_MN, &@1);
		C->mn_max_cn_consecutive_resends = $2;
	}
	| SENDMOBPFXSOLS BOOL ';' {
		use(st, "SendMobPfxSols", ROLE_MN, &@1);
		C->send_mob_pfx_sols = $2;
	}
	| DOROUTEOPTIMIZATIONMN BOOL ';' {
		use(st, "DoRouteOptimizationMN", ROLE_MN, &@1);
		C->do_route_opt_mn = $2;
	}
	| MNUSEALLINTERFACES BOOL ';' {
		use(st, "MnUseAllInterfaces", ROLE_MN, &@1);
		C->mn_use_all_interfaces = $2;
	}
	| MOBRTRUSEEXPLICITMODE BOOL ';' {
		use(st, "MobRtrUseExplicitMode", ROLE_MN, &@1);
		C->mob_rtr_use_explicit_mode = $2;
	}
	| USECNBUACK BOOL ';' {
		use(st, "UseCnBuAck", ROLE_MN, &@1);
		C->use_cn_bu_ack = $2;
	}
	| INTERFACEINITIALINITDELAY decimal ';' {
		use(st, "InterfaceInitialInitDelay", ROLE_MN, &@1);
		C->iface_initial_init_delay_ms = $2;
	}
	| MNROUTERPROBES NUMBER ';' {
		use(st, "MnRouterProbes", ROLE_MN, &@1);
		C->mn_router_probes = $2;
	}
	| MNROUTERPROBETIMEOUT decimal ';' {
		use(st, "MnRouterProbeTimeout", ROLE_MN, &@1);
		C->mn_router_probe_timeout_ms = $2;
	}
	| INITIALBINDACKTIMEOUTFIRSTREG decimal ';' {
		use(st, "InitialBindackTimeoutFirstReg", ROLE_MN, &@1);
		C->initial_bindack_timeout_first_reg_ms = $2;
	}
	| INITIALBINDACKTIMEOUTREREG decimal ';' {
		use(st, "InitialBindackTimeoutReReg", ROLE_MN, &@1);
		C->initial_bindack_timeout_rereg_ms = $2;
	}
	| INITIALSOLICITTIMER decimal ';' {
		use(st, "InitialSolicitTimer", ROLE_MN, &@1);
		C->initial_solicit_timer_ms = $2;
	}
	| OPTIMISTICHANDOFF BOOL ';' {
		use(st, "OptimisticHandoff", ROLE_MN, &@1);
		C->optimistic_handoff = $2;
	}
	| NOHOMERETURN BOOL ';' {
		use(st, "NoHomeReturn", ROLE_MN, &@1);
		C->no_home_return = $2;
	}
	;

home_link:
	  home_link_head '{' hl_items '}'      { st->cur_hl = NULL; }
	;

home_link_head:
	  MNHOMELINK QSTRING {
		struct conf_home_link *h = calloc(1, sizeof(*h));

		use(st, "MnHomeLink", ROLE_MN, &@1);
		if (!h) {
			free($2);
			st->oom = true;
			YYNOMEM;
		}
		set_name(st, h->ifname, $2, &@2);
		free($2);
		addr_any(&h->ha_addr, AF_INET6);
		h->loc = *L(@1);
		CONF_APPEND(&C->home_links, h);
		st->cur_hl = h;
	}
	;

hl_items:
	  %empty
	| hl_items hl_item
	;

hl_item:
	  HOMEADDRESS prefix mnp_list_opt ';' {
		if (st->cur_hl->hoa_set) {
			conf_error(st, L(@1), "MnHomeLink takes one HomeAddress "
				   "(write one MnHomeLink block per home address)");
			prefix_list_free($3);
		} else {
			st->cur_hl->hoa = $2;
			st->cur_hl->hoa_set = true;
			st->cur_hl->mnps = $3;
		}
	}
	| HOMEAGENTADDRESS ADDR ';'            { st->cur_hl->ha_addr = $2; }
	| HOMEPREFIX prefix ';' {
		st->cur_hl->home_prefix = $2;
		st->cur_hl->home_prefix_set = true;
	}
	| USEALTCOA BOOL ';'                   { st->cur_hl->use_alt_coa = $2; }
	| MNROPOLICY ADDR BOOL ';' {
		struct conf_ro_policy *p;

		NEW(st, p);
		p->cn = $2;
		p->enable = $3;
		p->loc = *L(@1);
		CONF_APPEND(&st->cur_hl->ro_policies, p);
	}
	| MNROPOLICY BOOL ';' {
		struct conf_ro_policy *p;

		NEW(st, p);
		p->enable = $2;
		p->loc = *L(@1);
		CONF_APPEND(&st->cur_hl->ro_policies, p);
	}
	| ISMOBRTR BOOL ';'                    { st->cur_hl->is_mob_rtr = $2; }
	| error ';'                            { yyerrok; }
	;

%%

static void use(struct conf_state *st, const char *kw, unsigned roles, const MCLTYPE *at)
{
	struct conf_kwuse *u = calloc(1, sizeof(*u));

	if (!u) {
		st->oom = true;
		return;
	}
	u->keyword = kw;
	u->roles = roles;
	u->loc = *L(*at);
	*st->kwuses_tail = u;
	st->kwuses_tail = &u->next;
}

static struct conf_prefix *prefix_new(struct conf_state *st, const struct ip_prefix *p,
				      const MCLTYPE *at)
{
	struct conf_prefix *n = calloc(1, sizeof(*n));

	if (!n) {
		st->oom = true;
		return NULL;
	}
	n->prefix = *p;
	n->loc = *L(*at);
	return n;
}

static void prefix_list_free(struct conf_prefix *l)
{
	while (l) {
		struct conf_prefix *n = l->next;

		free(l);
		l = n;
	}
}

static bool check_max(struct conf_state *st, const MCLTYPE *at, const char *what, uint32_t v,
		      uint32_t max)
{
	if (v <= max)
		return true;
	conf_error(st, L(*at), "%u is out of range for %s (at most %u)", v, what, max);
	return false;
}

static void set_name(struct conf_state *st, char *dst, const char *src, const MCLTYPE *at)
{
	size_t n = strlen(src);

	if (n == 0 || n >= IF_NAMESIZE) {
		conf_error(st, L(*at), "'%s' is not a valid interface name (1 to %d characters)",
			   src, IF_NAMESIZE - 1);
		n = n >= IF_NAMESIZE ? IF_NAMESIZE - 1 : n;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void mcerror(MCLTYPE *loc, void *scanner, struct conf_state *st, const char *msg)
{
	conf_lost(st, L(*loc), "%s", msg);
}

/* A token's name for messages: 'NodeConfig', ';', IPv6 address... */
static const char *sym_name(yysymbol_kind_t k, char *buf, size_t len)
{
	const char *n = yysymbol_name(k);

	if (k == YYSYMBOL_YYEOF)
		return "end of file";
	/* Keywords are named by their spelling, classes by a description. */
	if (k >= YYSYMBOL_INTERNAL && n[0] != '\'') {
		snprintf(buf, len, "'%s'", n);
		return buf;
	}
	return n;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, struct conf_state *st)
{
	enum { MAX_EXP = 128, MAX_LISTED = 5 };
	yysymbol_kind_t exp[MAX_EXP];
	yysymbol_kind_t tok = yypcontext_token(ctx);
	const MCLTYPE *loc = yypcontext_location(ctx);
	int n = yypcontext_expected_tokens(ctx, exp, MAX_EXP);
	bool want_semi = false, want_brace = false;
	char msg[512], name[160];
	size_t off = 0;
	int i;

	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(yysymbol_name(exp[i]), "';'") == 0)
			want_semi = true;
		else if (strcmp(yysymbol_name(exp[i]), "'}'") == 0)
			want_brace = true;
	/* A missing ';' shows on the next token, often the next line: name
	 * the place where it belongs instead. */
	if (want_semi && tok == YYSYMBOL_YYEOF && st->tok_end.line) {
		conf_lost(st, &st->tok_end, "expected ';' after '%s' (before end of file)",
			   st->tok_text);
		return 0;
	}
	if (want_semi && st->prev_end.line && loc->file != st->prev_end.file) {
		conf_lost(st, &st->prev_end, "expected ';' after '%s' (before '%s' at %s:%d:%d)",
			   st->prev_text, st->tok_text, loc->file, loc->first_line,
			   loc->first_column);
		return 0;
	}
	if (want_semi && st->prev_end.line && loc->first_line > st->prev_end.line) {
		conf_lost(st, &st->prev_end, "expected ';' after '%s' (before '%s' on line %d)",
			   st->prev_text, st->tok_text, loc->first_line);
		return 0;
	}
	if (tok == YYSYMBOL_WORD && !(n > 0 && n <= MAX_LISTED))
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, "unknown keyword '%s'",
					st->tok_text);
	else if (tok == YYSYMBOL_YYEOF)
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, "unexpected end of file");
	else
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, "unexpected '%s'",
					st->tok_text);
	if (n > MAX_LISTED && want_brace) {
		off += (size_t)snprintf(msg + off, sizeof(msg) - off,
					", expected '}' or a statement of the block");
	} else if (n > 0 && n <= MAX_LISTED) {
		off += (size_t)snprintf(msg + off, sizeof(msg) - off, ", expected ");
		for (i = 0; i < n && off < sizeof(msg); i++)
			off += (size_t)snprintf(msg + off, sizeof(msg) - off, "%s%s",
						i == 0 ? "" : i == n - 1 ? " or " : ", ",
						sym_name(exp[i], name, sizeof(name)));
	}
	conf_lost(st, L(*loc), "%s", msg);
	return 0;
}

int conf_run_parser(struct conf_state *st, void *scanner)
{
	int r = mcparse(scanner, st);

	if (st->oom || r == 2)
		return -ENOMEM;
	return 0;
}
