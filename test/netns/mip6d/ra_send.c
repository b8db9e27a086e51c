/* Router Advertisements for the netns and vm scenarios: ra_send IFNAME
 * PREFIX/LEN [HA] sends, every 0.5-1.5 s until killed, an RA with the
 * prefix (on-link, autonomous; with HA also the Home Agent flag and the
 * router's full address, R) from the interface's link-local address to
 * all-nodes.  The anchor's testbed ran radvd with these intervals. */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/addr.h"
#include "mip6d/mh/nd.h"
#include "mip6d/sys/icmp6.h"

int main(int argc, char **argv)
{
	static const uint8_t types[] = { ND_RA_TYPE };
	struct nd_ra ra;
	struct ip_prefix p;
	struct ip_addr all;
	uint8_t buf[256];
	unsigned ifindex;
	int fd, len;

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
	ra.opts.adv_interval_ms = 1500;
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
	if (len < 0 || sys_icmp6_open(&fd, types, 1) < 0 || addr_parse(&all, "ff02::1") < 0) {
		fprintf(stderr, "ra_send: cannot build or open\n");
		return 1;
	}
	srand((unsigned)getpid());
	for (;;) {
		struct timespec ts;
		long ms = 500 + rand() % 1001;

		if (sys_icmp6_send(fd, (int)ifindex, NULL, &all, buf, (size_t)len) < 0)
			fprintf(stderr, "ra_send: %s\n", strerror(errno));
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (ms % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
}
