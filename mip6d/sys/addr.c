/* IPv6 addresses through rtnl_addr. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <linux/if_addr.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>

#include "mip6d/sys/addr.h"
#include "mip6d/sys/nl.h"

_Static_assert(SYS_IFA_F_NODAD == IFA_F_NODAD, "IFA_F_NODAD");
_Static_assert(SYS_IFA_F_OPTIMISTIC == IFA_F_OPTIMISTIC, "IFA_F_OPTIMISTIC");
_Static_assert(SYS_IFA_F_DADFAILED == IFA_F_DADFAILED, "IFA_F_DADFAILED");
_Static_assert(SYS_IFA_F_HOMEADDRESS == IFA_F_HOMEADDRESS, "IFA_F_HOMEADDRESS");
_Static_assert(SYS_IFA_F_DEPRECATED == IFA_F_DEPRECATED, "IFA_F_DEPRECATED");
_Static_assert(SYS_IFA_F_TENTATIVE == IFA_F_TENTATIVE, "IFA_F_TENTATIVE");
_Static_assert(SYS_IFA_F_PERMANENT == IFA_F_PERMANENT, "IFA_F_PERMANENT");
_Static_assert(SYS_IFA_F_NOPREFIXROUTE == IFA_F_NOPREFIXROUTE, "IFA_F_NOPREFIXROUTE");

void sys_addr_init(struct sys_addr *a, int ifindex, const struct ip_prefix *pfx)
{
	memset(a, 0, sizeof(*a));
	a->ifindex = ifindex;
	a->pfx = *pfx;
	a->valid_lft = SYS_LIFETIME_INFINITE;
	a->preferred_lft = SYS_LIFETIME_INFINITE;
}

static int addr_build(const struct sys_addr *a, int for_add, struct rtnl_addr **out)
{
	struct rtnl_addr *ra;
	struct nl_addr *na;
	int err;

	if (a->ifindex <= 0 || a->pfx.addr.family == AF_UNSPEC)
		return -EINVAL;
	ra = rtnl_addr_alloc();
	if (!ra)
		return -ENOMEM;
	rtnl_addr_set_ifindex(ra, a->ifindex);
	rtnl_addr_set_family(ra, a->pfx.addr.family);
	err = sys_nl_addr(&a->pfx.addr, a->pfx.len, &na);
	if (err) {
		rtnl_addr_put(ra);
		return err;
	}
	err = sys_nl_errno(rtnl_addr_set_local(ra, na));
	nl_addr_put(na);
	if (err) {
		rtnl_addr_put(ra);
		return err;
	}
	rtnl_addr_set_prefixlen(ra, a->pfx.len);
	if (for_add) {
		rtnl_addr_set_scope(ra, a->scope);
		if (a->flags)
			rtnl_addr_set_flags(ra, a->flags);
		if (a->valid_lft != SYS_LIFETIME_INFINITE ||
		    a->preferred_lft != SYS_LIFETIME_INFINITE) {
			rtnl_addr_set_valid_lifetime(ra, a->valid_lft);
			rtnl_addr_set_preferred_lifetime(ra, a->preferred_lft);
		}
	}
	*out = ra;
	return 0;
}

int sys_addr_add(struct nl_sock *sk, const struct sys_addr *a, int replace)
{
	struct rtnl_addr *ra;
	int err = addr_build(a, 1, &ra);

	if (err)
		return err;
	if (a->preferred_lft > a->valid_lft) {
		rtnl_addr_put(ra);
		return -EINVAL;
	}
	err = rtnl_addr_add(sk, ra, replace ? NLM_F_REPLACE : NLM_F_EXCL);
	rtnl_addr_put(ra);
	return sys_nl_errno(err);
}

int sys_addr_del(struct nl_sock *sk, const struct sys_addr *a)
{
	struct rtnl_addr *ra;
	int err = addr_build(a, 0, &ra);

	if (err)
		return err;
	err = rtnl_addr_delete(sk, ra, 0);
	rtnl_addr_put(ra);
	return sys_nl_errno(err);
}

static int addr_from_rtnl(struct rtnl_addr *ra, struct sys_addr *out)
{
	struct nl_addr *local = rtnl_addr_get_local(ra);
	int err;

	if (!local)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	err = sys_nl_addr_get(local, &out->pfx);
	if (err)
		return err;
	out->pfx.len = (uint8_t)rtnl_addr_get_prefixlen(ra);
	out->ifindex = rtnl_addr_get_ifindex(ra);
	out->flags = rtnl_addr_get_flags(ra);
	out->valid_lft = rtnl_addr_get_valid_lifetime(ra);
	out->preferred_lft = rtnl_addr_get_preferred_lifetime(ra);
	out->scope = (uint8_t)rtnl_addr_get_scope(ra);
	return 0;
}

int sys_addr_list(struct nl_sock *sk, int ifindex, sa_family_t family,
		  sys_addr_fn *fn, void *arg)
{
	struct nl_cache *cache = NULL;
	struct nl_object *obj;
	int err, ret = 0;

	err = rtnl_addr_alloc_cache(sk, &cache);
	if (err < 0)
		return sys_nl_errno(err);
	for (obj = nl_cache_get_first(cache); obj && ret == 0; obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *ra = (struct rtnl_addr *)obj;
		struct sys_addr a;

		if (ifindex > 0 && rtnl_addr_get_ifindex(ra) != ifindex)
			continue;
		if (family != AF_UNSPEC && rtnl_addr_get_family(ra) != family)
			continue;
		if (addr_from_rtnl(ra, &a) != 0)
			continue;
		ret = fn(&a, arg);
	}
	nl_cache_free(cache);
	return ret;
}

struct addr_find {
	const struct ip_addr *want;
	struct sys_addr *out;
};

static int addr_find_one(const struct sys_addr *a, void *arg)
{
	struct addr_find *f = arg;

	if (!addr_eq(&a->pfx.addr, f->want))
		return 0;
	*f->out = *a;
	return 1;
}

int sys_addr_get(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
		 struct sys_addr *out)
{
	struct addr_find f = { addr, out };
	int ret = sys_addr_list(sk, ifindex, addr->family, addr_find_one, &f);

	if (ret < 0)
		return ret;
	return ret == 1 ? 0 : -ENOENT;
}

enum sys_dad_state sys_addr_dad_state(uint32_t flags)
{
	if (flags & IFA_F_DADFAILED)
		return SYS_DAD_FAILED;
	if (flags & IFA_F_TENTATIVE)
		return SYS_DAD_TENTATIVE;
	return SYS_DAD_DONE;
}
