/* ip6ip6 tunnels (ip6tnl) between the home agent and a care-of address.
 * A tunnel keeps its device (and so its ifindex, its routes and its
 * addresses) when its endpoints move at a handover. */
#ifndef MIP6D_SYS_TUNNEL_H
#define MIP6D_SYS_TUNNEL_H

#include <stdint.h>

#include "common/addr.h"

struct nl_sock;

/* IP6_TNL_F_* of linux/ip6_tunnel.h. */
#define SYS_TNL_F_IGN_ENCAP_LIMIT 0x1
#define SYS_TNL_F_MIP6_DEV        0x8

struct sys_tunnel {
	struct ip_addr local, remote;    /* IPv6 endpoints */
	int link;                        /* underlying ifindex, 0 for any */
	uint8_t hoplimit;                /* 0: 64 */
	uint32_t flags;                  /* SYS_TNL_F_*; see sys_tunnel_defaults */
};

/* The settings UMIP uses: hop limit 64, MIP6_DEV | IGN_ENCAP_LIMIT. */
void sys_tunnel_defaults(struct sys_tunnel *t, const struct ip_addr *local,
			 const struct ip_addr *remote);
/* Creates the tunnel device name (up to IFNAMSIZ-1 bytes), brings it up
 * and returns its index.  -EOPNOTSUPP when the kernel has no ip6tnl,
 * -EEXIST when the name or the endpoint pair is taken. */
int sys_tunnel_add(struct nl_sock *sk, const char *name, const struct sys_tunnel *t,
		   int *ifindex);
/* Retargets an existing tunnel to t's endpoints in place (all of t's
 * parameters are applied, as the kernel resets those left out). */
int sys_tunnel_change(struct nl_sock *sk, int ifindex, const struct sys_tunnel *t);
/* Reads a tunnel's parameters back; -EINVAL if ifindex is not an ip6tnl. */
int sys_tunnel_get(struct nl_sock *sk, int ifindex, struct sys_tunnel *t);
int sys_tunnel_del(struct nl_sock *sk, int ifindex);

#endif
