/* Every kernel and network operation the daemon's glue performs, as one
 * table of callbacks: the real one (kops_sys.c) calls libxfrm and
 * mip6d/sys; tests put fakes in its place, or wrap the real one to stand in
 * for what the host kernel lacks (ip6tnl, MIP6 states). */
#ifndef MIP6D_DAEMON_KOPS_H
#define MIP6D_DAEMON_KOPS_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/ipsec.h"
#include "mip6d/sys/mhcmsg.h"
#include "mip6d/sys/route.h"
#include "mip6d/sys/tunnel.h"

struct dk_ops {
	/* XFRM: install or replace, delete; MIGRATE with KMADDRESS. */
	int (*sp_update)(void *k, const struct ipsec_policy *p);
	int (*sp_delete)(void *k, const struct ipsec_policy *p);
	int (*migrate)(void *k, const struct ipsec_migrate_msg *m);
	int (*sa_update)(void *k, const struct ipsec_sa *sa);
	int (*sa_delete)(void *k, const struct ipsec_sa *sa);
	/* ip6ip6 tunnels. */
	int (*tunnel_add)(void *k, const char *name, const struct sys_tunnel *t, int *ifindex);
	int (*tunnel_change)(void *k, int ifindex, const struct sys_tunnel *t);
	int (*tunnel_del)(void *k, int ifindex);
	/* Routes (replace on add). */
	int (*route_add)(void *k, const struct sys_route *r);
	int (*route_del)(void *k, const struct sys_route *r);
	/* Policy routing rules. */
	int (*rule_add)(void *k, const struct sys_rule *r);
	int (*rule_del)(void *k, const struct sys_rule *r);
	/* Addresses (add replaces). */
	int (*addr_add)(void *k, int ifindex, const struct ip_prefix *a, uint32_t flags);
	int (*addr_del)(void *k, int ifindex, const struct ip_prefix *a);
	/* Proxy ND entries, and the unsolicited NA that takes a HoA over. */
	int (*pneigh_add)(void *k, int ifindex, const struct ip_addr *a, int router);
	int (*pneigh_del)(void *k, int ifindex, const struct ip_addr *a);
	int (*send_na)(void *k, int ifindex, const struct ip_addr *target, int router);
	/* One Mobility Header message. */
	int (*send_mh)(void *k, const struct sys_mh_send *s, const void *msg, size_t len);
};

/* The real operations: k is a struct kops_sys. */
struct xfrm_handle;
struct nl_sock;
struct kops_sys {
	struct xfrm_handle *xfrm;
	struct nl_sock *nl;
	int mh_fd;                      /* sys_mhsock_open */
	int icmp_fd;                    /* sys_icmp6_open, for NAs; -1: none */
};
extern const struct dk_ops kops_sys_ops;

#endif
