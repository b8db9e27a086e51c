/* rtnetlink request socket, libnl error translation and link basics. */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "mip6d/sys/nl.h"

int sys_nl_open(struct nl_sock **skp)
{
	struct nl_sock *sk = nl_socket_alloc();
	int err;

	if (!sk)
		return -ENOMEM;
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0) {
		nl_socket_free(sk);
		return sys_nl_errno(err);
	}
	*skp = sk;
	return 0;
}

void sys_nl_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);
}

int sys_nl_errno(int nlerr)
{
	static const struct { int nle, err; } map[] = {
		{ NLE_INTR, EINTR }, { NLE_BAD_SOCK, EBADF }, { NLE_AGAIN, EAGAIN },
		{ NLE_NOMEM, ENOMEM }, { NLE_EXIST, EEXIST }, { NLE_INVAL, EINVAL },
		{ NLE_RANGE, ERANGE }, { NLE_MSGSIZE, EMSGSIZE }, { NLE_OPNOTSUPP, EOPNOTSUPP },
		{ NLE_AF_NOSUPPORT, EAFNOSUPPORT }, { NLE_OBJ_NOTFOUND, ENOENT },
		{ NLE_NOATTR, ENOENT }, { NLE_MISSING_ATTR, EINVAL },
		{ NLE_AF_MISMATCH, EAFNOSUPPORT }, { NLE_SEQ_MISMATCH, EPROTO },
		{ NLE_MSG_OVERFLOW, EMSGSIZE }, { NLE_MSG_TRUNC, EMSGSIZE },
		{ NLE_NOADDR, EADDRNOTAVAIL }, { NLE_SRCRT_NOSUPPORT, EOPNOTSUPP },
		{ NLE_MSG_TOOSHORT, EPROTO }, { NLE_MSGTYPE_NOSUPPORT, EOPNOTSUPP },
		{ NLE_OBJ_MISMATCH, EINVAL }, { NLE_NOCACHE, ENOENT },
		{ NLE_BUSY, EBUSY }, { NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
		{ NLE_NOACCESS, EACCES }, { NLE_PERM, EPERM },
		{ NLE_PKTLOC_FILE, ENOENT }, { NLE_PARSE_ERR, EPROTO },
		{ NLE_NODEV, ENODEV }, { NLE_IMMUTABLE, EPERM },
		{ NLE_DUMP_INTR, EINTR }, { NLE_ATTRSIZE, ERANGE },
	};
	int e = nlerr < 0 ? -nlerr : nlerr;

	if (e == 0)
		return 0;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].nle == e)
			return -map[i].err;
	return -EIO;
}

int sys_nl_addr(const struct ip_addr *a, unsigned plen, struct nl_addr **out)
{
	size_t len = addr_len(a);
	struct nl_addr *na;

	if (len == 0)
		return -EINVAL;
	na = nl_addr_build(a->family, a->u.bytes, len);
	if (!na)
		return -ENOMEM;
	nl_addr_set_prefixlen(na, plen > 8 * len ? (int)(8 * len) : (int)plen);
	*out = na;
	return 0;
}

int sys_nl_addr_get(const struct nl_addr *na, struct ip_prefix *out)
{
	int fam = nl_addr_get_family(na);

	if ((fam != AF_INET && fam != AF_INET6) ||
	    nl_addr_get_len(na) != addr_family_len((sa_family_t)fam))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	addr_from_bytes(&out->addr, (sa_family_t)fam, nl_addr_get_binary_addr(na));
	out->len = (uint8_t)nl_addr_get_prefixlen(na);
	return 0;
}

int sys_link_index(struct nl_sock *sk, const char *name, int *ifindex)
{
	struct rtnl_link *link = NULL;
	int err;

	if (!name || strlen(name) >= IFNAMSIZ)
		return -EINVAL;
	err = rtnl_link_get_kernel(sk, 0, name, &link);
	if (err < 0)
		return err == -NLE_OBJ_NOTFOUND || err == -NLE_NODEV ? -ENODEV : sys_nl_errno(err);
	*ifindex = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return 0;
}

int sys_link_set_up(struct nl_sock *sk, int ifindex, int up)
{
	struct rtnl_link *orig = NULL, *chg;
	int err;

	err = rtnl_link_get_kernel(sk, ifindex, NULL, &orig);
	if (err < 0)
		return sys_nl_errno(err);
	chg = rtnl_link_alloc();
	if (!chg) {
		rtnl_link_put(orig);
		return -ENOMEM;
	}
	if (up)
		rtnl_link_set_flags(chg, IFF_UP);
	else
		rtnl_link_unset_flags(chg, IFF_UP);
	err = rtnl_link_change(sk, orig, chg, 0);
	rtnl_link_put(chg);
	rtnl_link_put(orig);
	return sys_nl_errno(err);
}

int sys_link_lladdr(struct nl_sock *sk, int ifindex, uint8_t *buf, size_t *len)
{
	struct rtnl_link *link = NULL;
	struct nl_addr *ll;
	unsigned n;
	int err;

	err = rtnl_link_get_kernel(sk, ifindex, NULL, &link);
	if (err < 0)
		return sys_nl_errno(err);
	ll = rtnl_link_get_addr(link);
	if (!ll || nl_addr_get_len(ll) == 0) {
		err = -ENOENT;
	} else if ((n = nl_addr_get_len(ll)) > *len) {
		err = -ENOSPC;
	} else {
		memcpy(buf, nl_addr_get_binary_addr(ll), n);
		*len = n;
		err = 0;
	}
	rtnl_link_put(link);
	return err;
}

int sys_link_del(struct nl_sock *sk, int ifindex)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int err;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_ifindex(link, ifindex);
	err = rtnl_link_delete(sk, link);
	rtnl_link_put(link);
	return sys_nl_errno(err);
}
