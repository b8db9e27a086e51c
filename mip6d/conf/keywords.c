/* The keyword table of mip6d.conf, sorted for bsearch (strcmp order). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mip6d/conf/conf_int.h"
#include "mip6d/conf/keywords.h"
#include "mip6d/conf/parse.h"

static const struct conf_keyword keywords[] = {
	{ "BindingAclPolicy", BINDINGACLPOLICY, 0 },
	{ "CN", NODETYPE, NODE_CN },
	{ "CnBindingPolicySet", CNBINDINGPOLICYSET, 0 },
	{ "DebugLevel", DEBUGLEVEL, 0 },
	{ "DebugLogFile", DEBUGLOGFILE, 0 },
	{ "DefaultBindingAclPolicy", DEFAULTBINDINGACLPOLICY, 0 },
	{ "DoRouteOptimizationCN", DOROUTEOPTIMIZATIONCN, 0 },
	{ "DoRouteOptimizationMN", DOROUTEOPTIMIZATIONMN, 0 },
	{ "HA", NODETYPE, NODE_HA },
	{ "HaAcceptMobRtr", HAACCEPTMOBRTR, 0 },
	{ "HaMaxBindingLife", HAMAXBINDINGLIFE, 0 },
	{ "HaServedPrefix", HASERVEDPREFIX, 0 },
	{ "HomeAddress", HOMEADDRESS, 0 },
	{ "HomeAgentAddress", HOMEAGENTADDRESS, 0 },
	{ "HomePrefix", HOMEPREFIX, 0 },
	{ "HomeRegBinding", POLTYPE, IPSEC_POL_HOME_REG_BINDING },
	{ "ICMP", POLTYPE, IPSEC_POL_ICMP },
	{ "IPsecPolicy", IPSECPOLICY, 0 },
	{ "IPsecPolicySet", IPSECPOLICYSET, 0 },
	{ "IfType", IFTYPE, 0 },
	{ "InitialBindackTimeoutFirstReg", INITIALBINDACKTIMEOUTFIRSTREG, 0 },
	{ "InitialBindackTimeoutReReg", INITIALBINDACKTIMEOUTREREG, 0 },
	{ "InitialSolicitTimer", INITIALSOLICITTIMER, 0 },
	{ "Interface", INTERFACE, 0 },
	{ "InterfaceInitialInitDelay", INTERFACEINITIALINITDELAY, 0 },
	{ "IsMobRtr", ISMOBRTR, 0 },
	{ "KeyMngMobCapability", KEYMNGMOBCAPABILITY, 0 },
	{ "MN", NODETYPE, NODE_MN },
	{ "MaxMobPfxAdvInterval", MAXMOBPFXADVINTERVAL, 0 },
	{ "Mh", POLTYPE, IPSEC_POL_MH },
	{ "MinMobPfxAdvInterval", MINMOBPFXADVINTERVAL, 0 },
	{ "MnDiscardHaParamProb", MNDISCARDHAPARAMPROB, 0 },
	{ "MnFlushAllAtHome", MNFLUSHALLATHOME, 0 },
	{ "MnHomeLink", MNHOMELINK, 0 },
	{ "MnIfPreference", MNIFPREFERENCE, 0 },
	{ "MnMaxCnBindingLife", MNMAXCNBINDINGLIFE, 0 },
	{ "MnMaxCnConsecutiveResends", MNMAXCNCONSECUTIVERESENDS, 0 },
	{ "MnMaxHaBindingLife", MNMAXHABINDINGLIFE, 0 },
	{ "MnMaxHaConsecutiveResends", MNMAXHACONSECUTIVERESENDS, 0 },
	{ "MnResetDhaadAtHome", MNRESETDHAADATHOME, 0 },
	{ "MnRoPolicy", MNROPOLICY, 0 },
	{ "MnRouterProbeTimeout", MNROUTERPROBETIMEOUT, 0 },
	{ "MnRouterProbes", MNROUTERPROBES, 0 },
	{ "MnUseAllInterfaces", MNUSEALLINTERFACES, 0 },
	{ "MobPfxDisc", POLTYPE, IPSEC_POL_MOB_PFX_DISC },
	{ "MobRtrUseExplicitMode", MOBRTRUSEEXPLICITMODE, 0 },
	{ "NoHomeReturn", NOHOMERETURN, 0 },
	{ "NodeConfig", NODECONFIG, 0 },
	{ "NonVolatileBindingCache", NONVOLATILEBINDINGCACHE, 0 },
	{ "OptimisticHandoff", OPTIMISTICHANDOFF, 0 },
	{ "SendMobPfxAdvs", SENDMOBPFXADVS, 0 },
	{ "SendMobPfxSols", SENDMOBPFXSOLS, 0 },
	{ "SendUnsolMobPfxAdvs", SENDUNSOLMOBPFXADVS, 0 },
	{ "Tunnel", TUNNEL, 0 },
	{ "TunnelHomeTesting", POLTYPE, IPSEC_POL_TUNNEL_HOME_TESTING },
	{ "TunnelMh", POLTYPE, IPSEC_POL_TUNNEL_MH },
	{ "TunnelPayload", POLTYPE, IPSEC_POL_TUNNEL_PAYLOAD },
	{ "UseAH", PROTO, CONF_IPSEC_AH },
	{ "UseAltCoa", USEALTCOA, 0 },
	{ "UseCnBuAck", USECNBUACK, 0 },
	{ "UseESP", PROTO, CONF_IPSEC_ESP },
	{ "UseIPComp", PROTO, CONF_IPSEC_IPCOMP },
	{ "UseMnHaIPsec", USEMNHAIPSEC, 0 },
	{ "UseMovementModule", USEMOVEMENTMODULE, 0 },
	{ "UsePolicyModule", USEPOLICYMODULE, 0 },
	{ "allow", BOOL, 1 },
	{ "any", POLTYPE, IPSEC_POL_ANY },
	{ "block", BOOL, 0 },
	{ "deny", BOOL, 0 },
	{ "disabled", BOOL, 0 },
	{ "enabled", BOOL, 1 },
	{ "false", BOOL, 0 },
	{ "internal", INTERNAL, 0 },
	{ "true", BOOL, 1 },
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct conf_keyword *)elem)->name);
}

const struct conf_keyword *conf_keyword_find(const char *word)
{
	return bsearch(word, keywords, sizeof(keywords) / sizeof(keywords[0]), sizeof(keywords[0]),
		       cmp);
}
