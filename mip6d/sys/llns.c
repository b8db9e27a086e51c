/* The known link's NS through a packet socket: see llns.h. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>

#include "common/wire.h"
#include "mip6d/sys/llns.h"
#include "mip6d/sys/ndmsg.h"

int sys_llns_build(uint8_t *buf, size_t len, const struct in6_addr *src,
		   const struct in6_addr *dst, const uint8_t *lladdr, size_t lllen)
{
	struct wire_wr w;
	int n;

	if (len < 40)
		return -ENOSPC;
	n = sys_nd_build_ns(buf + 40, len - 40, dst, lladdr, lllen);
	if (n < 0)
		return n;
	wire_wr_init(&w, buf, 40);
	wire_wr_be32(&w, 0x60000000);    /* version 6, no class, no flow */
	wire_wr_be16(&w, (uint16_t)n);
	wire_wr_u8(&w, IPPROTO_ICMPV6);
	wire_wr_u8(&w, 255);
	wire_wr_bytes(&w, src, 16);
	wire_wr_bytes(&w, dst, 16);
	wire_put_be16(buf + 42, sys_nd_icmp6_checksum(src, dst, buf + 40, (size_t)n));
	return 40 + n;
}

int sys_llns_open(int *fdp)
{
	/* Protocol 0: the socket receives nothing; each send names IPv6. */
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	*fdp = fd;
	return 0;
}

int sys_llns_send(int fd, int ifindex, const uint8_t *dst_ll, size_t dst_lllen,
		  const struct in6_addr *src, const struct in6_addr *dst,
		  const uint8_t *lladdr, size_t lllen)
{
	uint8_t pkt[SYS_ND_MSG_MAX];
	struct sockaddr_ll to;
	int n;

	if (ifindex <= 0 || !dst_ll || dst_lllen == 0 || dst_lllen > sizeof(to.sll_addr))
		return -EINVAL;
	n = sys_llns_build(pkt, sizeof(pkt), src, dst, lladdr, lllen);
	if (n < 0)
		return n;
	memset(&to, 0, sizeof(to));
	to.sll_family = AF_PACKET;
	to.sll_protocol = htons(ETH_P_IPV6);
	to.sll_ifindex = ifindex;
	to.sll_halen = (unsigned char)dst_lllen;
	memcpy(to.sll_addr, dst_ll, dst_lllen);
	if (sendto(fd, pkt, (size_t)n, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	return 0;
}
