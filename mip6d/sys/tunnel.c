/* ip6tnl devices through rtnetlink (RTM_NEWLINK with IFLA_INFO_KIND
 * "ip6tnl"), instead of UMIP's SIOCADDTUNNEL ioctls on ip6tnl0. */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/ip6tnl.h>

#include "mip6d/sys/nl.h"
#include "mip6d/sys/tunnel.h"

void sys_tunnel_defaults(struct sys_tunnel *t, const struct ip_addr *local,
			 const struct ip_addr *remote)
{
	memset(t, 0, sizeof(*t));
	t->local = *local;
	t->remote = *remote;
	t->hoplimit = 64;
	t->flags = SYS_TNL_F_MIP6_DEV | SYS_TNL_F_IGN_ENCAP_LIMIT;
}

/* Fills an ip6tnl link object with every parameter of t. */
static int tunnel_fill(struct rtnl_link *link, const struct sys_tunnel *t)
{
	struct in6_addr l, r;

	if (t->local.family != AF_INET6 || t->remote.family != AF_INET6)
		return -EINVAL;
	l = t->local.u.v6;
	r = t->remote.u.v6;
	if (rtnl_link_ip6_tnl_set_local(link, &l) < 0 ||
	    rtnl_link_ip6_tnl_set_remote(link, &r) < 0 ||
	    rtnl_link_ip6_tnl_set_ttl(link, t->hoplimit ? t->hoplimit : 64) < 0 ||
	    rtnl_link_ip6_tnl_set_flags(link, t->flags) < 0 ||
	    rtnl_link_ip6_tnl_set_proto(link, IPPROTO_IPV6) < 0 ||
	    rtnl_link_ip6_tnl_set_encaplimit(link, 4) < 0 ||
	    rtnl_link_ip6_tnl_set_link(link, (uint32_t)t->link) < 0)
		return -EINVAL;
	return 0;
}

int sys_tunnel_add(struct nl_sock *sk, const char *name, const struct sys_tunnel *t,
		   int *ifindex)
{
	struct rtnl_link *link;
	int err, idx;

	if (!name || !*name || strlen(name) >= IFNAMSIZ)
		return -EINVAL;
	link = rtnl_link_ip6_tnl_alloc();
	if (!link)
		return -ENOMEM;
	err = tunnel_fill(link, t);
	if (err == 0) {
		rtnl_link_set_name(link, name);
		rtnl_link_set_flags(link, IFF_UP);
		err = sys_nl_errno(rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL));
	}
	rtnl_link_put(link);
	if (err < 0)
		return err;
	err = sys_link_index(sk, name, &idx);
	if (err == 0 && ifindex)
		*ifindex = idx;
	return err;
}

int sys_tunnel_change(struct nl_sock *sk, int ifindex, const struct sys_tunnel *t)
{
	struct rtnl_link *link;
	int err;

	if (ifindex <= 0)
		return -EINVAL;
	link = rtnl_link_ip6_tnl_alloc();
	if (!link)
		return -ENOMEM;
	err = tunnel_fill(link, t);
	if (err == 0) {
		/* RTM_NEWLINK on an existing index without NLM_F_EXCL changes it. */
		rtnl_link_set_ifindex(link, ifindex);
		err = sys_nl_errno(rtnl_link_add(sk, link, 0));
	}
	rtnl_link_put(link);
	return err;
}

int sys_tunnel_get(struct nl_sock *sk, int ifindex, struct sys_tunnel *t)
{
	struct rtnl_link *link = NULL;
	struct in6_addr a;
	int err;

	err = rtnl_link_get_kernel(sk, ifindex, NULL, &link);
	if (err < 0)
		return sys_nl_errno(err);
	if (!rtnl_link_is_ip6_tnl(link)) {
		rtnl_link_put(link);
		return -EINVAL;
	}
	memset(t, 0, sizeof(*t));
	rtnl_link_ip6_tnl_get_local(link, &a);
	addr_from_v6(&t->local, &a);
	rtnl_link_ip6_tnl_get_remote(link, &a);
	addr_from_v6(&t->remote, &a);
	t->link = (int)rtnl_link_ip6_tnl_get_link(link);
	t->hoplimit = rtnl_link_ip6_tnl_get_ttl(link);
	/* The kernel reports its capability bits (IP6_TNL_F_CAP_*) above the
	 * 16 configurable ones. */
	t->flags = rtnl_link_ip6_tnl_get_flags(link) & 0xffff;
	rtnl_link_put(link);
	return 0;
}

int sys_tunnel_del(struct nl_sock *sk, int ifindex)
{
	return sys_link_del(sk, ifindex);
}
