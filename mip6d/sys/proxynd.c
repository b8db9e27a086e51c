/* Proxy neighbour entries, NAs and DAD probes. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/neighbour.h>
#include <netlink/netlink.h>
#include <netlink/route/neighbour.h>

#include "mip6d/sys/nl.h"
#include "mip6d/sys/proxynd.h"

int sys_proxynd_prepare(struct sys_sysctl_saved *s, const char *ifname)
{
	int err;

	/* The kernel answers for proxied addresses only when the link
	 * forwards; conf/all/forwarding is what turns routing on at all. */
	err = sys_sysctl_set_save(s, SYS_SYSCTL_CONF, "all", "forwarding", 1);
	if (err == 0)
		err = sys_sysctl_set_save(s, SYS_SYSCTL_CONF, ifname, "forwarding", 1);
	if (err == 0)
		err = sys_sysctl_set_save(s, SYS_SYSCTL_CONF, ifname, "proxy_ndp", 1);
	if (err == 0)
		err = sys_sysctl_set_save(s, SYS_SYSCTL_NEIGH, ifname, "proxy_delay", 0);
	return err;
}

static int pneigh_op(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
		     int router, int add)
{
	struct rtnl_neigh *n;
	struct nl_addr *dst;
	int err;

	if (ifindex <= 0 || addr->family != AF_INET6)
		return -EINVAL;
	n = rtnl_neigh_alloc();
	if (!n)
		return -ENOMEM;
	err = sys_nl_addr(addr, 128, &dst);
	if (err) {
		rtnl_neigh_put(n);
		return err;
	}
	rtnl_neigh_set_family(n, AF_INET6);
	rtnl_neigh_set_ifindex(n, ifindex);
	err = sys_nl_errno(rtnl_neigh_set_dst(n, dst));
	nl_addr_put(dst);
	if (err == 0) {
		rtnl_neigh_set_flags(n, NTF_PROXY | (router ? NTF_ROUTER : 0));
		if (add)
			err = sys_nl_errno(rtnl_neigh_add(sk, n, NLM_F_CREATE | NLM_F_REPLACE));
		else
			err = sys_nl_errno(rtnl_neigh_delete(sk, n, 0));
	}
	rtnl_neigh_put(n);
	return err;
}

int sys_pneigh_add(struct nl_sock *sk, int ifindex, const struct ip_addr *addr, int router)
{
	return pneigh_op(sk, ifindex, addr, router, 1);
}

int sys_pneigh_del(struct nl_sock *sk, int ifindex, const struct ip_addr *addr)
{
	return pneigh_op(sk, ifindex, addr, 0, 0);
}

int sys_nd_send_na(int fd, int ifindex, const struct ip_addr *dst,
		   const struct in6_addr *target, uint8_t flags,
		   const uint8_t *lladdr, size_t lllen)
{
	uint8_t buf[ND_MSG_MAX];
	struct ip_addr all;
	int n = nd_build_na(buf, sizeof(buf), target, flags, lladdr, lllen);

	if (n < 0)
		return n;
	if (!dst) {
		addr_parse(&all, "ff02::1");
		dst = &all;
	}
	return sys_icmp6_send(fd, ifindex, NULL, dst, buf, (size_t)n);
}

int sys_nd_answer_ns(int fd, const struct sys_icmp6_info *info, const struct nd_msg *ns,
		     const uint8_t *lladdr, size_t lllen, int router)
{
	uint8_t flags = ND_NA_OVERRIDE | (router ? ND_NA_ROUTER : 0);

	if (ns->type != ND_TYPE_NS)
		return -EINVAL;
	/* RFC 4861 7.2.4: a probe from :: is answered to all-nodes, unsolicited. */
	if (addr_is_any(&info->src))
		return sys_nd_send_na(fd, info->ifindex, NULL, &ns->target, flags, lladdr, lllen);
	return sys_nd_send_na(fd, info->ifindex, &info->src, &ns->target,
			      flags | ND_NA_SOLICITED, lladdr, lllen);
}

static void dad_stop(struct sys_dad_probe *p)
{
	ev_io_stop(&p->io);
	timer_cancel(&p->timer);
	if (p->rx_fd >= 0)
		close(p->rx_fd);
	if (p->tx_fd >= 0)
		close(p->tx_fd);
	p->rx_fd = p->tx_fd = -1;
}

static void dad_finish(struct sys_dad_probe *p, int result)
{
	dad_stop(p);
	p->fn(p, result, p->arg);
}

/* The probe leaves from ::, which the kernel would replace by one of our
 * addresses on an ordinary socket: it goes out whole through IPPROTO_RAW. */
static int dad_send(struct sys_dad_probe *p)
{
	uint8_t pkt[ND_MSG_MAX];
	struct sockaddr_in6 to;
	int n = nd_build_dad_packet(pkt, sizeof(pkt), &p->target);

	if (n < 0)
		return n;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	nd_solicited_node(&p->target, &to.sin6_addr);
	to.sin6_scope_id = (uint32_t)p->ifindex;
	if (sendto(p->tx_fd, pkt, (size_t)n, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	return 0;
}

static void dad_timeout(struct timer *t, void *arg)
{
	struct sys_dad_probe *p = arg;
	int err;

	(void)t;
	if (p->left == 0) {
		dad_finish(p, SYS_DAD_FREE);
		return;
	}
	p->left--;
	err = dad_send(p);
	if (err) {
		dad_finish(p, err);
		return;
	}
	timer_arm_in(ev_loop_timers(p->loop), &p->timer, p->timeout_ms);
}

static void dad_readable(struct ev_io *w, uint32_t revents, void *arg)
{
	struct sys_dad_probe *p = arg;
	uint8_t buf[1280];
	struct sys_icmp6_info info;
	struct nd_msg m;
	int n;

	(void)w;
	(void)revents;
	for (;;) {
		n = sys_icmp6_recv(p->rx_fd, buf, sizeof(buf), &info);
		if (n == -EAGAIN || n == -EINTR)
			return;
		if (n == -EMSGSIZE)
			continue;
		if (n < 0) {
			dad_finish(p, n);
			return;
		}
		/* RFC 4861 7.1.2: only hop limit 255 NAs count. */
		if (info.ifindex != p->ifindex || info.hoplimit != 255)
			continue;
		if (nd_parse(buf, (size_t)n, &m) == 0 && m.type == ND_TYPE_NA &&
		    memcmp(&m.target, &p->target, sizeof(m.target)) == 0) {
			dad_finish(p, SYS_DAD_DUPLICATE);
			return;
		}
	}
}

int sys_dad_probe_start(struct sys_dad_probe *p, struct ev_loop *l, int ifindex,
			const struct in6_addr *target, unsigned transmits,
			unsigned timeout_ms, sys_dad_fn *fn, void *arg)
{
	static const uint8_t types[] = { ND_TYPE_NA };
	int off = 0, err;

	if (ifindex <= 0 || transmits == 0 || !fn || IN6_IS_ADDR_MULTICAST(target))
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->rx_fd = p->tx_fd = -1;
	p->loop = l;
	p->ifindex = ifindex;
	p->target = *target;
	p->timeout_ms = timeout_ms;
	p->left = transmits - 1;
	p->fn = fn;
	p->arg = arg;
	timer_init(&p->timer, dad_timeout, p);
	err = sys_icmp6_open(&p->rx_fd, types, 1);
	if (err)
		goto fail;
	p->tx_fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_RAW);
	if (p->tx_fd < 0) {
		err = -errno;
		goto fail;
	}
	/* Our own probe looped back would read as another node's probe. */
	if (setsockopt(p->tx_fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off, sizeof(off)) < 0) {
		err = -errno;
		goto fail;
	}
	ev_io_init(&p->io, p->rx_fd, dad_readable, p);
	err = ev_io_start(l, &p->io, EV_READ);
	if (err)
		goto fail;
	err = dad_send(p);
	if (err)
		goto fail;
	timer_arm_in(ev_loop_timers(l), &p->timer, timeout_ms);
	return 0;
fail:
	dad_stop(p);
	return err;
}

void sys_dad_probe_cancel(struct sys_dad_probe *p)
{
	dad_stop(p);
}
