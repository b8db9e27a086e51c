/* Router Advertisements for the netns and vm scenarios, as radvd (2.19,
 * the anchor's testbed) sends them with its defaults and intervals of
 * 0.5-1.5 s: ra_send IFNAME PREFIX/LEN [HA] sends, until killed, an RA
 * with the prefix (on-link, autonomous; with HA also the Home Agent flag
 * and the router's full address, R) and the interface's link-layer address
 * (SLLA, radvd's AdvSourceLLAddress on) from its link-local address, every
 * 0.5-1.5 s to all-nodes, and answers Router Solicitations:
 * - from a unicast source: an RA to that source at once (radvd's
 *   AdvRASolicitedUnicast, on by default, RFC 7772; radvd does not apply
 *   RFC 4861's random delay to it);
 * - from :: : the multicast RA at once if none left within
 *   MIN_DELAY_BETWEEN_RAS (3 s, radvd's MinDelayBetweenRAs default), else
 *   the next multicast RA is moved to 3 s after the last one plus a random
 *   0-MAX_RA_DELAY_TIME (0.5 s), as radvd does (even when that is later
 *   than the periodic one would have been).
 * Solicitations are checked as radvd does: hop limit 255, code 0, options
 * well formed, no link-layer option with the unspecified source. */
#include "config.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/addr.h"
#include "mip6d/mh/nd.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"

#define RA_MIN_INTERVAL_MS 500
#define RA_MAX_INTERVAL_MS 1500
#define MIN_DELAY_BETWEEN_RAS_MS 3000   /* RFC 4861 10, radvd's default */
#define MAX_RA_DELAY_TIME_MS 500        /* RFC 4861 10 */
#define ND_OPT_SLLA 1
#define ND_RS_HDR_LEN 8

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long rand_between(long lo, long hi)
{
	return lo + rand() % (hi - lo + 1);
}

/* The interface's link-layer address as a Source Link-Layer Address
 * option appended to the RA (8 bytes for Ethernet); 0 if it has none. */
static int append_slla(const char *ifname, uint8_t *buf, size_t len, size_t cap)
{
	struct ifreq ifr;
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	r = ioctl(fd, SIOCGIFHWADDR, &ifr);
	close(fd);
	if (r < 0 || len + 8 > cap)
		return 0;
	buf[len] = ND_OPT_SLLA;
	buf[len + 1] = 1;
	memcpy(buf + len + 2, ifr.ifr_hwaddr.sa_data, 6);
	return 8;
}

/* RAs leave from the link-local address (RFC 4861 4.2), also those sent
 * to a global address, for which the kernel would pick a global source. */
static const struct ip_addr *link_local(const char *ifname, struct ip_addr *ll)
{
	struct ifaddrs *ifa, *i;

	if (ll->family == AF_INET6 || getifaddrs(&ifa) < 0)
		return ll->family == AF_INET6 ? ll : NULL;
	for (i = ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET6 && !strcmp(i->ifa_name, ifname) &&
		    IN6_IS_ADDR_LINKLOCAL(&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr)) {
			addr_from_v6(ll, &((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr);
			break;
		}
	freeifaddrs(ifa);
	return ll->family == AF_INET6 ? ll : NULL;
}

/* A Router Solicitation radvd would answer. */
static bool rs_valid(const uint8_t *buf, size_t len, const struct sys_icmp6_info *info)
{
	size_t off = ND_RS_HDR_LEN;

	if (len < ND_RS_HDR_LEN || buf[0] != SYS_ND_TYPE_RS || buf[1] != 0 || info->hoplimit != 255)
		return false;
	while (off < len) {
		size_t olen;

		if (len - off < 2)
			return false;
		olen = (size_t)buf[off + 1] * 8;
		if (olen == 0 || olen > len - off)
			return false;
		if (buf[off] == ND_OPT_SLLA && addr_is_any(&info->src))
			return false;
		off += olen;
	}
	return true;
}

int main(int argc, char **argv)
{
	static const uint8_t types[] = { SYS_ND_TYPE_RS };
	struct nd_ra ra;
	struct ip_prefix p;
	struct ip_addr all, routers, ll;
	uint8_t buf[256];
	unsigned ifindex;
	long long last_mc = -MIN_DELAY_BETWEEN_RAS_MS, next_mc;
	int fd, len, n;

	if (argc < 3 || !(ifindex = if_nametoindex(argv[1])) || prefix_parse(&p, argv[2]) < 0) {
		fprintf(stderr, "usage: ra_send IFNAME PREFIX/LEN [HA]\n");
		return 2;
	}
	memset(&ra, 0, sizeof(ra));
	ra.cur_hop_limit = 64;
	ra.router_lifetime = 1800;
	ra.opts.n_prefix = 1;
	ra.opts.prefix[0].plen = p.len;
	ra.opts.prefix[0].flags = ND_PFX_F_L | ND_PFX_F_A;
	ra.opts.prefix[0].valid = 86400;
	ra.opts.prefix[0].preferred = 14400;
	prefix_mask(&p);
	ra.opts.prefix[0].prefix = p.addr.u.v6;
	ra.opts.has_adv_interval = true;
	ra.opts.adv_interval_ms = RA_MAX_INTERVAL_MS;
	if (argc > 3) {
		struct ip_addr ha;

		if (addr_parse(&ha, argv[3]) < 0)
			return 2;
		ra.flags |= ND_RA_F_H;
		ra.opts.prefix[0].flags |= ND_PFX_F_R;
		ra.opts.prefix[0].prefix = ha.u.v6;
		ra.opts.has_ha_info = true;
		ra.opts.ha_lifetime = 1800;
	}
	len = nd_ra_build(&ra, NULL, NULL, buf, sizeof(buf));
	if (len < 0 || sys_icmp6_open(&fd, types, 1) < 0 || addr_parse(&all, "ff02::1") < 0 ||
	    addr_parse(&routers, "ff02::2") < 0) {
		fprintf(stderr, "ra_send: cannot build or open\n");
		return 1;
	}
	len += append_slla(argv[1], buf, (size_t)len, sizeof(buf));
	/* A router that forwards has joined all-routers already. */
	n = sys_icmp6_join(fd, (int)ifindex, &routers, 1);
	if (n < 0 && n != -EADDRINUSE)
		fprintf(stderr, "ra_send: all-routers not joined: %s\n", strerror(-n));
	memset(&ll, 0, sizeof(ll));
	srand((unsigned)getpid());
	next_mc = now_ms();
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long now = now_ms();
		uint8_t rs[1500];
		struct sys_icmp6_info info;

		if (now >= next_mc) {
			if (sys_icmp6_send(fd, (int)ifindex, link_local(argv[1], &ll), &all, buf,
					   (size_t)len) < 0)
				fprintf(stderr, "ra_send: %s\n", strerror(errno));
			last_mc = now;
			next_mc = now + rand_between(RA_MIN_INTERVAL_MS, RA_MAX_INTERVAL_MS);
		}
		if (poll(&pfd, 1, (int)(next_mc - now)) <= 0)
			continue;
		while ((n = sys_icmp6_recv(fd, rs, sizeof(rs), &info)) != -EAGAIN) {
			long delay = rand_between(0, MAX_RA_DELAY_TIME_MS);

			if (n < 0 && n != -EMSGSIZE)
				break;
			if (n < 0 || info.ifindex != (int)ifindex || !rs_valid(rs, (size_t)n, &info))
				continue;
			now = now_ms();
			if (!addr_is_any(&info.src)) {
				if (sys_icmp6_send(fd, (int)ifindex, link_local(argv[1], &ll), &info.src,
						   buf, (size_t)len) < 0)
					fprintf(stderr, "ra_send: %s\n", strerror(errno));
			} else if (now - last_mc < MIN_DELAY_BETWEEN_RAS_MS) {
				next_mc = last_mc + MIN_DELAY_BETWEEN_RAS_MS + delay;
			} else {
				next_mc = now;
			}
		}
	}
}
