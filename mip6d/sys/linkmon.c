/* rtnetlink link, address and route events: decoding and reading. */
#include "config.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mip6d/sys/linkmon.h"

/* The attributes of a message body, checked against the body's end.  All
 * the types read here are below 32; others are skipped. */
#define ATTR_SLOTS 32
struct attrs {
	const struct rtattr *tb[ATTR_SLOTS];
};

_Static_assert(IFLA_OPERSTATE < ATTR_SLOTS && IFA_FLAGS < ATTR_SLOTS &&
	       RTA_TABLE < ATTR_SLOTS, "attribute slots");

static int parse_attrs(const uint8_t *p, size_t len, struct attrs *a)
{
	memset(a, 0, sizeof(*a));
	while (len > 0) {
		const struct rtattr *rta = (const struct rtattr *)p;
		size_t step;

		if (len < sizeof(*rta) || rta->rta_len < sizeof(*rta) || rta->rta_len > len)
			return -EINVAL;
		if (rta->rta_type < ATTR_SLOTS && !a->tb[rta->rta_type])
			a->tb[rta->rta_type] = rta;
		step = RTA_ALIGN(rta->rta_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

static size_t attr_len(const struct rtattr *rta)
{
	return rta->rta_len - RTA_LENGTH(0);
}

static int attr_u32(const struct rtattr *rta, uint32_t *v)
{
	if (attr_len(rta) < sizeof(*v))
		return -EINVAL;
	memcpy(v, RTA_DATA(rta), sizeof(*v));
	return 0;
}

static int attr_addr(const struct rtattr *rta, sa_family_t family, struct ip_addr *a)
{
	if (attr_len(rta) != addr_family_len(family))
		return -EINVAL;
	return addr_from_bytes(a, family, RTA_DATA(rta));
}

static int decode_link(const struct nlmsghdr *nh, struct linkmon_event *ev)
{
	size_t body = nh->nlmsg_len - NLMSG_HDRLEN;
	const struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct attrs a;
	const struct rtattr *r;

	if (body < sizeof(*ifi))
		return -EINVAL;
	if (ifi->ifi_family != AF_UNSPEC)
		return -ENOMSG;
	if (parse_attrs((const uint8_t *)ifi + NLMSG_ALIGN(sizeof(*ifi)),
			body > NLMSG_ALIGN(sizeof(*ifi)) ? body - NLMSG_ALIGN(sizeof(*ifi)) : 0,
			&a) < 0)
		return -EINVAL;
	ev->type = nh->nlmsg_type == RTM_NEWLINK ? LINKMON_LINK_NEW : LINKMON_LINK_DEL;
	ev->ifindex = ifi->ifi_index;
	ev->u.link.flags = ifi->ifi_flags;
	if ((r = a.tb[IFLA_IFNAME])) {
		size_t n = attr_len(r);
		const char *s = RTA_DATA(r);

		/* The name must end with its NUL inside the attribute. */
		if (n == 0 || n > sizeof(ev->u.link.name) || !memchr(s, '\0', n))
			return -EINVAL;
		memcpy(ev->u.link.name, s, strlen(s) + 1);
	}
	if ((r = a.tb[IFLA_OPERSTATE])) {
		if (attr_len(r) < 1)
			return -EINVAL;
		ev->u.link.operstate = *(const uint8_t *)RTA_DATA(r);
	}
	if ((r = a.tb[IFLA_ADDRESS])) {
		size_t n = attr_len(r);

		if (n > sizeof(ev->u.link.lladdr))
			return -EINVAL;
		memcpy(ev->u.link.lladdr, RTA_DATA(r), n);
		ev->u.link.lladdr_len = n;
	}
	return 0;
}

static int decode_addr(const struct nlmsghdr *nh, struct linkmon_event *ev)
{
	size_t body = nh->nlmsg_len - NLMSG_HDRLEN;
	const struct ifaddrmsg *ifa = NLMSG_DATA(nh);
	struct attrs a;
	const struct rtattr *r;

	if (body < sizeof(*ifa))
		return -EINVAL;
	if (ifa->ifa_family != AF_INET6 && ifa->ifa_family != AF_INET)
		return -ENOMSG;
	if (ifa->ifa_prefixlen > 8 * addr_family_len(ifa->ifa_family))
		return -EINVAL;
	if (parse_attrs((const uint8_t *)ifa + NLMSG_ALIGN(sizeof(*ifa)),
			body > NLMSG_ALIGN(sizeof(*ifa)) ? body - NLMSG_ALIGN(sizeof(*ifa)) : 0,
			&a) < 0)
		return -EINVAL;
	ev->type = nh->nlmsg_type == RTM_NEWADDR ? LINKMON_ADDR_NEW : LINKMON_ADDR_DEL;
	ev->ifindex = (int)ifa->ifa_index;
	/* IFA_LOCAL is our address when a peer is configured; else IFA_ADDRESS. */
	r = a.tb[IFA_LOCAL] ? a.tb[IFA_LOCAL] : a.tb[IFA_ADDRESS];
	if (!r || attr_addr(r, ifa->ifa_family, &ev->u.addr.pfx.addr) < 0)
		return -EINVAL;
	ev->u.addr.pfx.len = ifa->ifa_prefixlen;
	ev->u.addr.flags = ifa->ifa_flags;
	ev->u.addr.scope = ifa->ifa_scope;
	if ((r = a.tb[IFA_FLAGS]) && attr_u32(r, &ev->u.addr.flags) < 0)
		return -EINVAL;
	if ((r = a.tb[IFA_CACHEINFO])) {
		struct ifa_cacheinfo ci;

		if (attr_len(r) < sizeof(ci))
			return -EINVAL;
		memcpy(&ci, RTA_DATA(r), sizeof(ci));
		ev->u.addr.valid_lft = ci.ifa_valid;
		ev->u.addr.preferred_lft = ci.ifa_prefered;
	}
	return 0;
}

static int decode_route(const struct nlmsghdr *nh, struct linkmon_event *ev)
{
	size_t body = nh->nlmsg_len - NLMSG_HDRLEN;
	const struct rtmsg *rtm = NLMSG_DATA(nh);
	struct attrs a;
	const struct rtattr *r;
	uint32_t v;

	if (body < sizeof(*rtm))
		return -EINVAL;
	if (rtm->rtm_family != AF_INET6)
		return -ENOMSG;
	if (rtm->rtm_dst_len > 128)
		return -EINVAL;
	if (parse_attrs((const uint8_t *)rtm + NLMSG_ALIGN(sizeof(*rtm)),
			body > NLMSG_ALIGN(sizeof(*rtm)) ? body - NLMSG_ALIGN(sizeof(*rtm)) : 0,
			&a) < 0)
		return -EINVAL;
	ev->type = nh->nlmsg_type == RTM_NEWROUTE ? LINKMON_ROUTE_NEW : LINKMON_ROUTE_DEL;
	ev->u.route.dst.len = rtm->rtm_dst_len;
	if ((r = a.tb[RTA_DST])) {
		if (attr_addr(r, AF_INET6, &ev->u.route.dst.addr) < 0)
			return -EINVAL;
	} else if (rtm->rtm_dst_len == 0) {
		addr_any(&ev->u.route.dst.addr, AF_INET6);
	} else {
		return -EINVAL;
	}
	if ((r = a.tb[RTA_GATEWAY]) && attr_addr(r, AF_INET6, &ev->u.route.gateway) < 0)
		return -EINVAL;
	if ((r = a.tb[RTA_OIF])) {
		if (attr_u32(r, &v) < 0)
			return -EINVAL;
		ev->ifindex = (int)v;
	}
	ev->u.route.table = rtm->rtm_table;
	if ((r = a.tb[RTA_TABLE]) && attr_u32(r, &ev->u.route.table) < 0)
		return -EINVAL;
	if ((r = a.tb[RTA_PRIORITY]) && attr_u32(r, &ev->u.route.metric) < 0)
		return -EINVAL;
	ev->u.route.type = rtm->rtm_type;
	ev->u.route.protocol = rtm->rtm_protocol;
	return 0;
}

int linkmon_decode(const struct nlmsghdr *nh, size_t len, struct linkmon_event *ev)
{
	if (len < sizeof(*nh) || nh->nlmsg_len < NLMSG_HDRLEN || nh->nlmsg_len > len)
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	switch (nh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		return decode_link(nh, ev);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return decode_addr(nh, ev);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return decode_route(nh, ev);
	default:
		return -ENOMSG;
	}
}

int linkmon_open(int *fdp, uint32_t groups)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, rcvbuf = 1 << 20;

	if (groups == 0)
		groups = 1u << (RTNLGRP_LINK - 1) | 1u << (RTNLGRP_IPV6_IFADDR - 1) |
			 1u << (RTNLGRP_IPV6_ROUTE - 1);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	/* A larger queue makes -ENOBUFS (lost events) rarer under bursts. */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	for (unsigned g = 1; g <= 32; g++) {
		if (!(groups & (1u << (g - 1))))
			continue;
		if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)) < 0)
			goto fail;
	}
	*fdp = fd;
	return 0;
fail:
	{
		int err = -errno;

		close(fd);
		return err;
	}
}

int linkmon_read(int fd, linkmon_fn *fn, void *arg)
{
	union {
		struct nlmsghdr align;
		uint8_t b[16384];
	} buf;
	int count = 0;

	for (;;) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t n = recvfrom(fd, buf.b, sizeof(buf.b), 0, (struct sockaddr *)&from, &fromlen);
		size_t left;
		const struct nlmsghdr *nh;

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return count;
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Only the kernel (port 0) is believed. */
		if (fromlen < sizeof(from) || from.nl_pid != 0)
			continue;
		left = (size_t)n;
		for (nh = &buf.align; left >= NLMSG_HDRLEN; ) {
			struct linkmon_event ev;
			size_t step;

			if (nh->nlmsg_len < NLMSG_HDRLEN || nh->nlmsg_len > left)
				break;
			if (linkmon_decode(nh, left, &ev) == 0) {
				fn(&ev, arg);
				count++;
			}
			step = NLMSG_ALIGN(nh->nlmsg_len);
			if (step >= left)
				break;
			left -= step;
			nh = (const struct nlmsghdr *)((const uint8_t *)nh + step);
		}
	}
}
