/* Mobility Header raw socket. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mip6d/sys/mhsock.h"

int sys_mhsock_open(int *fdp)
{
	int fd, on = 1, csum = 4;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_MH);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &csum, sizeof(csum)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVDSTOPTS, &on, sizeof(on)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVRTHDR, &on, sizeof(on)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	*fdp = fd;
	return 0;
}

int sys_mhsock_recv(int fd, void *buf, size_t len, struct sys_mh_info *info)
{
	union {
		struct cmsghdr align;
		uint8_t b[1024];
	} ctl;
	struct sockaddr_in6 from;
	struct iovec iov = { buf, len };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.b, .msg_controllen = sizeof(ctl.b),
	};
	ssize_t n = recvmsg(fd, &mh, 0);

	if (n < 0)
		return -errno;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	memset(info, 0, sizeof(*info));
	if (addr_from_sockaddr(&info->src, NULL, (struct sockaddr *)&from, mh.msg_namelen) < 0)
		return -EPROTO;
	/* Options the kernel accepted are well formed; a parse error only
	 * means one of them is not reported. */
	sys_mh_cmsg_parse(&mh, info);
	return (int)n;
}

int sys_mhsock_send(int fd, const struct sys_mh_send *s, const void *msg, size_t len)
{
	union {
		struct cmsghdr align;
		uint8_t b[MH_CMSG_SPACE];
	} ctl;
	struct sockaddr_in6 to;
	struct iovec iov = { (void *)msg, len };
	struct msghdr mh = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.b,
	};
	uint8_t copy[SYS_MH_MAX];
	size_t used;
	int err, tx = fd, off = -1;

	if (s->dst.family != AF_INET6)
		return -EINVAL;
	err = sys_mh_cmsg_build(ctl.b, sizeof(ctl.b), s, &used);
	if (err)
		return err;
	if (s->hao.family == AF_INET6) {
		if (len > sizeof(copy))
			return -EMSGSIZE;
		memcpy(copy, msg, len);
		err = sys_mh_checksum_set(copy, len, s);
		if (err)
			return err;
		iov.iov_base = copy;
		/* Raw MH sockets checksum by default (offset 4): turn it off. */
		tx = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_MH);
		if (tx < 0)
			return -errno;
		if (setsockopt(tx, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off)) < 0) {
			err = -errno;
			close(tx);
			return err;
		}
	}
	mh.msg_controllen = used;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	/* With a routing header the socket is given the final destination. */
	to.sin6_addr = s->rth2.family == AF_INET6 ? s->rth2.u.v6 : s->dst.u.v6;
	if (IN6_IS_ADDR_LINKLOCAL(&s->dst.u.v6) || IN6_IS_ADDR_MC_LINKLOCAL(&s->dst.u.v6))
		to.sin6_scope_id = (uint32_t)s->ifindex;
	err = sendmsg(tx, &mh, 0) < 0 ? -errno : 0;
	if (tx != fd)
		close(tx);
	return err;
}
