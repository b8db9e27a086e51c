/* Neighbour cache entries: see neigh.h. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <netlink/netlink.h>
#include <netlink/route/neighbour.h>

#include "mip6d/sys/neigh.h"
#include "mip6d/sys/nl.h"

int sys_neigh_set_stale(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
			const uint8_t *lladdr, size_t lllen, int router)
{
	struct rtnl_neigh *n;
	struct nl_addr *dst, *ll;
	int err;

	if (!sk || ifindex <= 0 || addr->family != AF_INET6 || !lladdr || lllen == 0 ||
	    lllen > 32)
		return -EINVAL;
	n = rtnl_neigh_alloc();
	if (!n)
		return -ENOMEM;
	err = sys_nl_addr(addr, 128, &dst);
	if (err) {
		rtnl_neigh_put(n);
		return err;
	}
	ll = nl_addr_build(AF_UNSPEC, lladdr, lllen);
	if (!ll) {
		nl_addr_put(dst);
		rtnl_neigh_put(n);
		return -ENOMEM;
	}
	rtnl_neigh_set_family(n, AF_INET6);
	rtnl_neigh_set_ifindex(n, ifindex);
	rtnl_neigh_set_lladdr(n, ll);
	rtnl_neigh_set_state(n, NUD_STALE);
	if (router)
		rtnl_neigh_set_flags(n, NTF_ROUTER);
	err = sys_nl_errno(rtnl_neigh_set_dst(n, dst));
	if (err == 0)
		err = sys_nl_errno(rtnl_neigh_add(sk, n, NLM_F_CREATE | NLM_F_REPLACE));
	nl_addr_put(ll);
	nl_addr_put(dst);
	rtnl_neigh_put(n);
	return err;
}

int sys_neigh_lladdr(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
		     uint8_t *buf, size_t *len)
{
	struct nl_cache *cache;
	struct rtnl_neigh *n;
	struct nl_addr *dst, *ll;
	int err;

	if (!sk || ifindex <= 0 || addr->family != AF_INET6)
		return -EINVAL;
	err = sys_nl_errno(rtnl_neigh_alloc_cache(sk, &cache));
	if (err)
		return err;
	err = sys_nl_addr(addr, 128, &dst);
	if (err) {
		nl_cache_free(cache);
		return err;
	}
	n = rtnl_neigh_get(cache, ifindex, dst);
	nl_addr_put(dst);
	err = -ENOENT;
	if (n && !(rtnl_neigh_get_state(n) & (NUD_INCOMPLETE | NUD_FAILED | NUD_NONE)) &&
	    (ll = rtnl_neigh_get_lladdr(n)) && nl_addr_get_len(ll) > 0) {
		err = -ENOSPC;
		if (nl_addr_get_len(ll) <= *len) {
			*len = nl_addr_get_len(ll);
			memcpy(buf, nl_addr_get_binary_addr(ll), *len);
			err = 0;
		}
	}
	if (n)
		rtnl_neigh_put(n);
	nl_cache_free(cache);
	return err;
}
