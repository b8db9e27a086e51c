/* The real kernel operations of kops.h: libxfrm and mip6d/sys, with a log
 * line naming the object for every failure. */
#include "config.h"

#include <errno.h>
#include <net/if.h>

#include "common/log.h"
#include "libxfrm/xfrm.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/mhsock.h"
#include "mip6d/sys/nl.h"
#include "mip6d/sys/proxynd.h"

static int xr(struct kops_sys *s, const char *what, int r)
{
	if (r < 0)
		log_debug("xfrm %s: %s", what, xfrm_last_error(s->xfrm));
	return r;
}

static int k_sp_update(void *k, const struct ipsec_policy *p)
{
	struct kops_sys *s = k;

	return xr(s, "policy update", xfrm_policy_update(s->xfrm, p));
}

static int k_sp_delete(void *k, const struct ipsec_policy *p)
{
	struct kops_sys *s = k;

	return xr(s, "policy delete", xfrm_policy_delete(s->xfrm, p));
}

static int k_migrate(void *k, const struct ipsec_migrate_msg *m)
{
	struct kops_sys *s = k;

	return xr(s, "migrate", xfrm_migrate(s->xfrm, m));
}

static int k_sa_update(void *k, const struct ipsec_sa *sa)
{
	struct kops_sys *s = k;
	int r = xfrm_sa_update(s->xfrm, sa);

	if (r == -ENOENT || r == -ESRCH)
		r = xfrm_sa_add(s->xfrm, sa);
	return xr(s, "state update", r);
}

static int k_sa_delete(void *k, const struct ipsec_sa *sa)
{
	struct kops_sys *s = k;

	return xr(s, "state delete", xfrm_sa_delete(s->xfrm, sa));
}

static int k_tunnel_add(void *k, const char *name, const struct sys_tunnel *t, int *ifindex)
{
	return sys_tunnel_add(((struct kops_sys *)k)->nl, name, t, ifindex);
}

static int k_tunnel_change(void *k, int ifindex, const struct sys_tunnel *t)
{
	return sys_tunnel_change(((struct kops_sys *)k)->nl, ifindex, t);
}

static int k_tunnel_del(void *k, int ifindex)
{
	return sys_tunnel_del(((struct kops_sys *)k)->nl, ifindex);
}

static int k_route_add(void *k, const struct sys_route *r)
{
	return sys_route_add(((struct kops_sys *)k)->nl, r, 1);
}

static int k_route_del(void *k, const struct sys_route *r)
{
	return sys_route_del(((struct kops_sys *)k)->nl, r);
}

static int k_rule_add(void *k, const struct sys_rule *r)
{
	return sys_rule_add(((struct kops_sys *)k)->nl, r);
}

static int k_rule_del(void *k, const struct sys_rule *r)
{
	return sys_rule_del(((struct kops_sys *)k)->nl, r);
}

static int k_addr_add(void *k, int ifindex, const struct ip_prefix *a, uint32_t flags)
{
	struct sys_addr sa;

	sys_addr_init(&sa, ifindex, a);
	sa.flags = flags;
	return sys_addr_add(((struct kops_sys *)k)->nl, &sa, 1);
}

static int k_addr_del(void *k, int ifindex, const struct ip_prefix *a)
{
	struct sys_addr sa;

	sys_addr_init(&sa, ifindex, a);
	return sys_addr_del(((struct kops_sys *)k)->nl, &sa);
}

static int k_pneigh_add(void *k, int ifindex, const struct ip_addr *a, int router)
{
	return sys_pneigh_add(((struct kops_sys *)k)->nl, ifindex, a, router);
}

static int k_pneigh_del(void *k, int ifindex, const struct ip_addr *a)
{
	return sys_pneigh_del(((struct kops_sys *)k)->nl, ifindex, a);
}

static int k_send_na(void *k, int ifindex, const struct ip_addr *target, int router)
{
	struct kops_sys *s = k;
	uint8_t ll[16];
	size_t lllen = sizeof(ll);

	if (s->icmp_fd < 0)
		return -EBADF;
	if (sys_link_lladdr(s->nl, ifindex, ll, &lllen) < 0)
		lllen = 0;
	return sys_nd_send_na(s->icmp_fd, ifindex, NULL, &target->u.v6,
			      SYS_ND_NA_OVERRIDE | (router ? SYS_ND_NA_ROUTER : 0), ll, lllen);
}

static int k_send_mh(void *k, const struct sys_mh_send *snd, const void *msg, size_t len)
{
	return sys_mhsock_send(((struct kops_sys *)k)->mh_fd, snd, msg, len);
}

const struct dk_ops kops_sys_ops = {
	.sp_update = k_sp_update,
	.sp_delete = k_sp_delete,
	.migrate = k_migrate,
	.sa_update = k_sa_update,
	.sa_delete = k_sa_delete,
	.tunnel_add = k_tunnel_add,
	.tunnel_change = k_tunnel_change,
	.tunnel_del = k_tunnel_del,
	.route_add = k_route_add,
	.route_del = k_route_del,
	.rule_add = k_rule_add,
	.rule_del = k_rule_del,
	.addr_add = k_addr_add,
	.addr_del = k_addr_del,
	.pneigh_add = k_pneigh_add,
	.pneigh_del = k_pneigh_del,
	.send_na = k_send_na,
	.send_mh = k_send_mh,
};
