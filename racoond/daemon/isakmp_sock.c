/* ISAKMP UDP sockets: one per listen address (or a wildcard per family),
 * each with a per-socket bypass policy so that IKE itself is never caught
 * by IPsec policies, and PKTINFO so that a wildcard socket knows which
 * local address a datagram came to and can answer from it. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
/* After netinet/in.h, which keeps the kernel's in6 definitions out. */
#include <linux/xfrm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "racoond/conf/conf.h"
#include "racoond/daemon/daemon.h"

/* Smallest ISAKMP message: the fixed header. */
#define ISAKMP_HDR_LEN 28

/* A per-socket "allow" policy for each direction: the socket's traffic
 * bypasses the SPD (racoon's IPSEC_POLICY_BYPASS). */
static int set_bypass(int fd, int family)
{
	int level = family == AF_INET6 ? IPPROTO_IPV6 : IPPROTO_IP;
	int opt = family == AF_INET6 ? IPV6_XFRM_POLICY : IP_XFRM_POLICY;
	int dirs[] = { XFRM_POLICY_IN, XFRM_POLICY_OUT };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct xfrm_userpolicy_info pol;
		memset(&pol, 0, sizeof(pol));
		pol.sel.family = (uint16_t)family;
		pol.dir = (uint8_t)dirs[i];
		pol.action = XFRM_POLICY_ALLOW;
		pol.lft.soft_byte_limit = XFRM_INF;
		pol.lft.hard_byte_limit = XFRM_INF;
		pol.lft.soft_packet_limit = XFRM_INF;
		pol.lft.hard_packet_limit = XFRM_INF;
		if (setsockopt(fd, level, opt, &pol, sizeof(pol)) < 0)
			return -errno;
	}
	return 0;
}

static void sock_read(struct ev_io *w, uint32_t revents, void *arg);

static int open_one(struct rd *d, const struct ip_addr *addr, uint16_t port, bool natt)
{
	struct rd_sock *s, **v;
	struct sockaddr_storage ss;
	char a[ADDR_STRLEN];
	int fd, one = 1, len, rc;
	int family = addr->family;

	v = realloc(d->socks, (d->nsocks + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	d->socks = v;
	fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET6) {
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof(one)) < 0)
			goto fail_errno;
	} else if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) < 0) {
		goto fail_errno;
	}
	rc = set_bypass(fd, family);
	if (rc < 0) {
		log_err("ISAKMP socket %s[%u]: bypass policy: %s", addr_fmt(addr, a, sizeof(a)),
			port, strerror(-rc));
		close(fd);
		return rc;
	}
	if (natt) {
		int encap = UDP_ENCAP_ESPINUDP;
		if (setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &encap, sizeof(encap)) < 0)
			goto fail_errno;
	}
	len = addr_to_sockaddr(addr, port, &ss);
	if (len < 0 || bind(fd, (struct sockaddr *)&ss, (socklen_t)len) < 0)
		goto fail_errno;

	s = calloc(1, sizeof(*s));
	if (!s) {
		close(fd);
		return -ENOMEM;
	}
	s->d = d;
	s->fd = fd;
	s->addr = *addr;
	s->port = port;
	s->natt = natt;
	ev_io_init(&s->io, fd, sock_read, s);
	rc = ev_io_start(&d->loop, &s->io, EV_READ);
	if (rc < 0) {
		close(fd);
		free(s);
		return rc;
	}
	d->socks[d->nsocks++] = s;
	log_info("ISAKMP socket %s[%u]%s", addr_fmt(addr, a, sizeof(a)), port, natt ? " (NAT-T)" : "");
	return 0;

fail_errno:
	rc = -errno;
	log_err("ISAKMP socket %s[%u]: %s", addr_fmt(addr, a, sizeof(a)), port, strerror(-rc));
	close(fd);
	return rc;
}

static bool family_wanted(const struct rd *d, int family)
{
	return !d->opt.family || (d->opt.family == 4) == (family == AF_INET);
}

int rd_sockets_open(struct rd *d)
{
	const struct rc_listen_addr *la;
	int rc;

	if (d->conf->listen.addrs) {
		for (la = d->conf->listen.addrs; la; la = la->next) {
			if (!family_wanted(d, la->addr.family))
				continue;
			/* The default ports (written or not) follow -p and -P. */
			uint16_t port = la->port;
			if (!la->natt && port == RC_ISAKMP_PORT)
				port = (uint16_t)d->opt.port;
			else if (la->natt && port == RC_NATT_PORT)
				port = (uint16_t)d->opt.natt_port;
			rc = open_one(d, &la->addr, port, la->natt);
			if (rc < 0)
				return rc;
		}
	} else {
		static const int fams[] = { AF_INET6, AF_INET };
		size_t i;
		for (i = 0; i < 2; i++) {
			struct ip_addr any;
			if (!family_wanted(d, fams[i]))
				continue;
			addr_any(&any, (sa_family_t)fams[i]);
			rc = open_one(d, &any, (uint16_t)d->opt.port, false);
			/* A host without IPv6 still runs on IPv4. */
			if (rc == -EAFNOSUPPORT && !d->opt.family)
				continue;
			if (rc < 0)
				return rc;
		}
	}
	if (!d->nsocks) {
		log_err("no ISAKMP socket to listen on");
		return -EADDRNOTAVAIL;
	}
	return 0;
}

void rd_sockets_close(struct rd *d)
{
	size_t i;
	for (i = 0; i < d->nsocks; i++) {
		ev_io_stop(&d->socks[i]->io);
		close(d->socks[i]->fd);
		free(d->socks[i]);
	}
	free(d->socks);
	d->socks = NULL;
	d->nsocks = 0;
}

static bool local_from_cmsg(struct msghdr *mh, struct ip_addr *local)
{
	struct cmsghdr *c;
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			addr_from_v6(local, &pi.ipi6_addr);
			return true;
		}
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			addr_from_v4(local, &pi.ipi_addr);
			return true;
		}
	}
	return false;
}

static void sock_read(struct ev_io *w, uint32_t revents, void *arg)
{
	static uint8_t buf[RC_IP_MAXPACKET];
	struct rd_sock *s = arg;
	struct rd *d = s->d;
	(void)w;
	(void)revents;

	for (;;) {
		union {
			struct cmsghdr align;
			uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo)) + CMSG_SPACE(sizeof(struct in_pktinfo))];
		} cbuf;
		struct sockaddr_storage from;
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from),
				     .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = cbuf.b, .msg_controllen = sizeof(cbuf.b) };
		struct ip_addr local, remote;
		uint16_t rport;
		const uint8_t *p = buf;
		ssize_t n = recvmsg(s->fd, &mh, MSG_DONTWAIT);
		size_t len;

		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_warn("ISAKMP socket: %s", strerror(errno));
			return;
		}
		len = (size_t)n;
		if (addr_from_sockaddr(&remote, &rport, (struct sockaddr *)&from, mh.msg_namelen) < 0)
			continue;
		if (!local_from_cmsg(&mh, &local)) {
			if (addr_is_any(&s->addr)) {
				d->stats.isakmp_no_local++;
				continue;
			}
			local = s->addr;
		}
		if (s->natt) {
			/* NAT-T: a keepalive is one 0xff byte; IKE follows a
			 * four-byte zero non-ESP marker. */
			if (len == 1 && buf[0] == 0xff)
				continue;
			if (len < 4 || memcmp(buf, "\0\0\0\0", 4) != 0) {
				d->stats.isakmp_short++;
				continue;
			}
			p += 4;
			len -= 4;
		}
		if (len < ISAKMP_HDR_LEN) {
			char r[ADDR_STRLEN];
			d->stats.isakmp_short++;
			log_info("ISAKMP: %zu-byte datagram from %s[%u] is too short, dropped", len,
				 addr_fmt(&remote, r, sizeof(r)), rport);
			continue;
		}
		d->stats.isakmp_rx++;
		if (d->opt.verbose)
			log_hexdump(LOG_LVL_DEBUG, "ISAKMP received", p, len);
		rd_engine_input(d, p, len, &local, s->port, &remote, rport);
	}
}

static struct rd_sock *pick(struct rd *d, const struct ip_addr *local, uint16_t lport)
{
	struct rd_sock *wild = NULL;
	size_t i;

	for (i = 0; i < d->nsocks; i++) {
		struct rd_sock *s = d->socks[i];
		if (s->addr.family != local->family || (lport && s->port != lport))
			continue;
		if (addr_eq(&s->addr, local))
			return s;
		if (addr_is_any(&s->addr) && !wild)
			wild = s;
	}
	return wild;
}

int rd_isakmp_send(struct rd *d, const void *buf, size_t len, const struct ip_addr *local,
		   uint16_t lport, const struct ip_addr *remote, uint16_t rport)
{
	static const uint8_t marker[4];
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} cbuf;
	struct rd_sock *s = pick(d, local, lport);
	struct sockaddr_storage to;
	struct iovec iov[2];
	struct msghdr mh = { .msg_name = &to, .msg_iov = iov };
	int tolen = addr_to_sockaddr(remote, rport, &to);
	ssize_t n;

	if (!s || tolen < 0) {
		d->stats.isakmp_tx_errors++;
		return -EADDRNOTAVAIL;
	}
	mh.msg_namelen = (socklen_t)tolen;
	if (s->natt) {
		iov[mh.msg_iovlen].iov_base = (void *)marker;
		iov[mh.msg_iovlen++].iov_len = sizeof(marker);
	}
	iov[mh.msg_iovlen].iov_base = (void *)buf;
	iov[mh.msg_iovlen++].iov_len = len;
	if (addr_is_any(&s->addr)) {
		struct cmsghdr *c;
		memset(&cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf.b;
		if (local->family == AF_INET6) {
			struct in6_pktinfo pi = { .ipi6_addr = local->u.v6 };
			mh.msg_controllen = CMSG_SPACE(sizeof(pi));
			c = CMSG_FIRSTHDR(&mh);
			c->cmsg_level = IPPROTO_IPV6;
			c->cmsg_type = IPV6_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(pi));
			memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		} else {
			struct in_pktinfo pi = { .ipi_spec_dst = local->u.v4 };
			mh.msg_controllen = CMSG_SPACE(sizeof(pi));
			c = CMSG_FIRSTHDR(&mh);
			c->cmsg_level = IPPROTO_IP;
			c->cmsg_type = IP_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(pi));
			memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		}
	}
	n = sendmsg(s->fd, &mh, 0);
	if (n < 0) {
		d->stats.isakmp_tx_errors++;
		return -errno;
	}
	d->stats.isakmp_tx++;
	return 0;
}
