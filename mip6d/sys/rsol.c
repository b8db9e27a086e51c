/* Router Solicitations on link up: see rsol.h. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "common/wire.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/rsol.h"

static const struct in6_addr all_routers = { { { 0xff, 0x02, 0, 0, 0, 0, 0, 0,
						 0, 0, 0, 0, 0, 0, 0, 2 } } };

int sys_rs_build_unspec_packet(uint8_t *buf, size_t len)
{
	struct in6_addr src = IN6ADDR_ANY_INIT;
	struct wire_wr w;
	int n;

	if (len < 40)
		return -ENOSPC;
	n = sys_nd_build_rs(buf + 40, len - 40, NULL, 0);
	if (n < 0)
		return n;
	wire_wr_init(&w, buf, 40);
	wire_wr_be32(&w, 0x60000000);    /* version 6, no class, no flow */
	wire_wr_be16(&w, (uint16_t)n);
	wire_wr_u8(&w, IPPROTO_ICMPV6);
	wire_wr_u8(&w, 255);
	wire_wr_bytes(&w, &src, 16);
	wire_wr_bytes(&w, &all_routers, 16);
	wire_put_be16(buf + 42, sys_nd_icmp6_checksum(&src, &all_routers, buf + 40, (size_t)n));
	return 40 + n;
}

int sys_rs_send(int icmp_fd, int raw_fd, int ifindex, const uint8_t *lladdr, size_t lllen)
{
	uint8_t pkt[SYS_ND_MSG_MAX];
	struct sockaddr_in6 to;
	int r, n;

	r = sys_icmp6_send_rs(icmp_fd, ifindex, lladdr, lllen);
	if (r != -EADDRNOTAVAIL)
		return r;
	n = sys_rs_build_unspec_packet(pkt, sizeof(pkt));
	if (n < 0)
		return n;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	to.sin6_addr = all_routers;
	to.sin6_scope_id = (uint32_t)ifindex;
	if (sendto(raw_fd, pkt, (size_t)n, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	return 0;
}
