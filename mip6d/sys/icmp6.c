/* ICMPv6 raw sockets with ancillary data (RFC 3542). */
#include "config.h"

#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"

int sys_icmp6_open(int *fdp, const uint8_t *types, size_t ntypes)
{
	struct icmp6_filter filt;
	int fd, on = 1, hops = 255;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	ICMP6_FILTER_SETBLOCKALL(&filt);
	for (size_t i = 0; i < ntypes; i++)
		ICMP6_FILTER_SETPASS(types[i], &filt);
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof(filt)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof(on)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	*fdp = fd;
	return 0;
}

int sys_icmp6_recv(int fd, void *buf, size_t len, struct sys_icmp6_info *info)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo)) + CMSG_SPACE(sizeof(int))];
	} ctl;
	struct sockaddr_in6 from;
	struct iovec iov = { buf, len };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.b, .msg_controllen = sizeof(ctl.b),
	};
	ssize_t n;

	n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return -errno;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	memset(info, 0, sizeof(*info));
	info->hoplimit = -1;
	if (addr_from_sockaddr(&info->src, NULL, (struct sockaddr *)&from, mh.msg_namelen) < 0)
		return -EPROTO;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		if (c->cmsg_type == IPV6_PKTINFO &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			addr_from_v6(&info->dst, &pi.ipi6_addr);
			info->ifindex = (int)pi.ipi6_ifindex;
		} else if (c->cmsg_type == IPV6_HOPLIMIT &&
			   c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&info->hoplimit, CMSG_DATA(c), sizeof(int));
		}
	}
	return (int)n;
}

int sys_icmp6_send(int fd, int ifindex, const struct ip_addr *src, const struct ip_addr *dst,
		   const void *msg, size_t len)
{
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
	struct sockaddr_in6 to;
	struct in6_pktinfo pi;
	struct iovec iov = { (void *)msg, len };
	struct msghdr mh = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.b, .msg_controllen = sizeof(ctl.b),
	};
	struct cmsghdr *c;

	if (dst->family != AF_INET6 || (src && src->family != AF_UNSPEC && src->family != AF_INET6))
		return -EINVAL;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	to.sin6_addr = dst->u.v6;
	if (IN6_IS_ADDR_LINKLOCAL(&dst->u.v6) || IN6_IS_ADDR_MC_LINKLOCAL(&dst->u.v6))
		to.sin6_scope_id = (uint32_t)ifindex;
	memset(&pi, 0, sizeof(pi));
	pi.ipi6_ifindex = (unsigned)ifindex;
	if (src && src->family == AF_INET6)
		pi.ipi6_addr = src->u.v6;
	memset(ctl.b, 0, sizeof(ctl.b));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (sendmsg(fd, &mh, 0) < 0)
		return -errno;
	return 0;
}

int sys_icmp6_send_rs(int fd, int ifindex, const uint8_t *lladdr, size_t lllen)
{
	uint8_t buf[ND_MSG_MAX];
	struct ip_addr dst;
	int n = nd_build_rs(buf, sizeof(buf), lladdr, lllen);

	if (n < 0)
		return n;
	addr_parse(&dst, "ff02::2");
	return sys_icmp6_send(fd, ifindex, NULL, &dst, buf, (size_t)n);
}

int sys_icmp6_join(int fd, int ifindex, const struct ip_addr *group, int join)
{
	struct ipv6_mreq mr;

	if (group->family != AF_INET6 || !IN6_IS_ADDR_MULTICAST(&group->u.v6))
		return -EINVAL;
	mr.ipv6mr_multiaddr = group->u.v6;
	mr.ipv6mr_interface = (unsigned)ifindex;
	if (setsockopt(fd, IPPROTO_IPV6, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP,
		       &mr, sizeof(mr)) < 0)
		return -errno;
	return 0;
}
