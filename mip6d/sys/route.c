/* IPv6 routes (rtnl_route) and policy rules (rtnl_rule). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>
#include <netlink/route/rule.h>

#include "mip6d/sys/nl.h"
#include "mip6d/sys/route.h"

_Static_assert((int)SYS_RULE_LOOKUP == (int)FR_ACT_TO_TBL, "FR_ACT_TO_TBL");
_Static_assert((int)SYS_RULE_BLACKHOLE == (int)FR_ACT_BLACKHOLE, "FR_ACT_BLACKHOLE");
_Static_assert((int)SYS_RULE_PROHIBIT == (int)FR_ACT_PROHIBIT, "FR_ACT_PROHIBIT");

void sys_route_init(struct sys_route *r, const struct ip_prefix *dst)
{
	memset(r, 0, sizeof(*r));
	r->dst = *dst;
}

/* Builds the libnl object of r.  Only the attributes r sets are sent, so
 * that a delete matches on exactly those. */
static int route_build(const struct sys_route *r, int for_add, struct rtnl_route **out)
{
	struct rtnl_route *rt;
	struct nl_addr *a = NULL;
	int err;

	if (r->dst.addr.family != AF_INET6)
		return -EINVAL;
	rt = rtnl_route_alloc();
	if (!rt)
		return -ENOMEM;
	rtnl_route_set_family(rt, AF_INET6);
	rtnl_route_set_table(rt, r->table ? r->table : RT_TABLE_MAIN);
	rtnl_route_set_type(rt, r->type ? r->type : RTN_UNICAST);
	/* A delete matches the protocol too unless it is 0 (RTPROT_UNSPEC),
	 * and libnl's default is RTPROT_STATIC: always set it. */
	if (for_add)
		rtnl_route_set_protocol(rt, r->protocol ? r->protocol : RTPROT_BOOT);
	else
		rtnl_route_set_protocol(rt, r->protocol);
	if (r->metric)
		rtnl_route_set_priority(rt, r->metric);

	err = sys_nl_addr(&r->dst.addr, r->dst.len, &a);
	if (err)
		goto fail;
	err = sys_nl_errno(rtnl_route_set_dst(rt, a));
	nl_addr_put(a);
	if (err)
		goto fail;
	if (r->src.addr.family != AF_UNSPEC) {
		err = sys_nl_addr(&r->src.addr, r->src.len, &a);
		if (err)
			goto fail;
		err = sys_nl_errno(rtnl_route_set_src(rt, a));
		nl_addr_put(a);
		if (err)
			goto fail;
	}
	if (r->prefsrc.family != AF_UNSPEC) {
		err = sys_nl_addr(&r->prefsrc, 128, &a);
		if (err)
			goto fail;
		err = sys_nl_errno(rtnl_route_set_pref_src(rt, a));
		nl_addr_put(a);
		if (err)
			goto fail;
	}
	if (r->oif > 0 || r->gateway.family != AF_UNSPEC) {
		struct rtnl_nexthop *nh = rtnl_route_nh_alloc();

		if (!nh) {
			err = -ENOMEM;
			goto fail;
		}
		if (r->oif > 0)
			rtnl_route_nh_set_ifindex(nh, r->oif);
		if (r->gateway.family != AF_UNSPEC) {
			err = sys_nl_addr(&r->gateway, 128, &a);
			if (err) {
				rtnl_route_nh_free(nh);
				goto fail;
			}
			rtnl_route_nh_set_gateway(nh, a);
			nl_addr_put(a);
		}
		rtnl_route_add_nexthop(rt, nh);
	}
	*out = rt;
	return 0;
fail:
	rtnl_route_put(rt);
	return err;
}

int sys_route_add(struct nl_sock *sk, const struct sys_route *r, int replace)
{
	struct rtnl_route *rt;
	int err = route_build(r, 1, &rt);

	if (err)
		return err;
	err = rtnl_route_add(sk, rt, NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL));
	rtnl_route_put(rt);
	return sys_nl_errno(err);
}

int sys_route_del(struct nl_sock *sk, const struct sys_route *r)
{
	struct rtnl_route *rt;
	int err = route_build(r, 0, &rt);

	if (err)
		return err;
	err = rtnl_route_delete(sk, rt, 0);
	rtnl_route_put(rt);
	return sys_nl_errno(err);
}

void sys_rule_init(struct sys_rule *r, uint32_t prio, enum sys_rule_action action,
		   uint32_t table)
{
	memset(r, 0, sizeof(*r));
	r->prio = prio;
	r->action = action;
	r->table = table;
}

static int rule_build(const struct sys_rule *r, struct rtnl_rule **out)
{
	struct rtnl_rule *ru = rtnl_rule_alloc();
	struct nl_addr *a;
	int err = 0;

	if (!ru)
		return -ENOMEM;
	rtnl_rule_set_family(ru, AF_INET6);
	rtnl_rule_set_prio(ru, r->prio);
	rtnl_rule_set_action(ru, (uint8_t)r->action);
	if (r->action == SYS_RULE_LOOKUP)
		rtnl_rule_set_table(ru, r->table);
	if (r->src.addr.family != AF_UNSPEC) {
		err = sys_nl_addr(&r->src.addr, r->src.len, &a);
		if (err == 0) {
			err = sys_nl_errno(rtnl_rule_set_src(ru, a));
			nl_addr_put(a);
		}
	}
	if (err == 0 && r->dst.addr.family != AF_UNSPEC) {
		err = sys_nl_addr(&r->dst.addr, r->dst.len, &a);
		if (err == 0) {
			err = sys_nl_errno(rtnl_rule_set_dst(ru, a));
			nl_addr_put(a);
		}
	}
	if (err == 0 && r->iif[0])
		err = sys_nl_errno(rtnl_rule_set_iif(ru, r->iif));
	if (err == 0 && r->oif[0])
		err = sys_nl_errno(rtnl_rule_set_oif(ru, r->oif));
	if (err) {
		rtnl_rule_put(ru);
		return err;
	}
	*out = ru;
	return 0;
}

int sys_rule_add(struct nl_sock *sk, const struct sys_rule *r)
{
	struct rtnl_rule *ru;
	int err = rule_build(r, &ru);

	if (err)
		return err;
	err = rtnl_rule_add(sk, ru, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_rule_put(ru);
	return sys_nl_errno(err);
}

int sys_rule_del(struct nl_sock *sk, const struct sys_rule *r)
{
	struct rtnl_rule *ru;
	int err = rule_build(r, &ru);

	if (err)
		return err;
	err = rtnl_rule_delete(sk, ru, 0);
	rtnl_rule_put(ru);
	return sys_nl_errno(err);
}
