/* Neighbour Discovery message building and parsing (RFC 4861 4.1, 4.3,
 * 4.4, 4.6.1). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/wire.h"
#include "common/csum.h"
#include "mip6d/sys/ndmsg.h"

/* A link-layer address option, padded to 8 bytes. */
static void put_lla_opt(struct wire_wr *w, uint8_t type, const uint8_t *ll, size_t lllen)
{
	size_t units = (2 + lllen + 7) / 8;

	wire_wr_u8(w, type);
	wire_wr_u8(w, (uint8_t)units);
	wire_wr_bytes(w, ll, lllen);
	wire_wr_zero(w, units * 8 - 2 - lllen);
}

static int finish(struct wire_wr *w)
{
	return wire_wr_ok(w) ? (int)wire_wr_len(w) : -ENOSPC;
}

int sys_nd_build_rs(uint8_t *buf, size_t len, const uint8_t *lladdr, size_t lllen)
{
	struct wire_wr w;

	if (lllen > SYS_ND_LLADDR_MAX)
		return -EINVAL;
	wire_wr_init(&w, buf, len);
	wire_wr_u8(&w, SYS_ND_TYPE_RS);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);
	wire_wr_be32(&w, 0);
	if (lladdr && lllen)
		put_lla_opt(&w, SYS_ND_OPT_SLLA, lladdr, lllen);
	return finish(&w);
}

static int build_ns_na(uint8_t *buf, size_t len, uint8_t type, uint8_t flags,
		       const struct in6_addr *target, const uint8_t *lladdr, size_t lllen)
{
	struct wire_wr w;

	if (lllen > SYS_ND_LLADDR_MAX)
		return -EINVAL;
	wire_wr_init(&w, buf, len);
	wire_wr_u8(&w, type);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);
	wire_wr_u8(&w, flags);
	wire_wr_zero(&w, 3);
	wire_wr_bytes(&w, target, 16);
	if (lladdr && lllen)
		put_lla_opt(&w, type == SYS_ND_TYPE_NS ? SYS_ND_OPT_SLLA : SYS_ND_OPT_TLLA, lladdr, lllen);
	return finish(&w);
}

int sys_nd_build_ns(uint8_t *buf, size_t len, const struct in6_addr *target,
		const uint8_t *lladdr, size_t lllen)
{
	return build_ns_na(buf, len, SYS_ND_TYPE_NS, 0, target, lladdr, lllen);
}

int sys_nd_build_na(uint8_t *buf, size_t len, const struct in6_addr *target, uint8_t flags,
		const uint8_t *lladdr, size_t lllen)
{
	return build_ns_na(buf, len, SYS_ND_TYPE_NA,
			   flags & (SYS_ND_NA_ROUTER | SYS_ND_NA_SOLICITED | SYS_ND_NA_OVERRIDE),
			   target, lladdr, lllen);
}

int sys_nd_parse(const uint8_t *buf, size_t len, struct sys_nd_msg *out)
{
	struct wire_rd r;
	uint8_t type, code, flags, want;

	wire_rd_init(&r, buf, len);
	type = wire_rd_u8(&r);
	code = wire_rd_u8(&r);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	if (type != SYS_ND_TYPE_NS && type != SYS_ND_TYPE_NA)
		return -ENOMSG;
	if (code != 0 || len < 24)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->type = type;
	wire_rd_skip(&r, 2);
	flags = wire_rd_u8(&r);
	if (type == SYS_ND_TYPE_NA)
		out->flags = flags & (SYS_ND_NA_ROUTER | SYS_ND_NA_SOLICITED | SYS_ND_NA_OVERRIDE);
	wire_rd_skip(&r, 3);
	wire_rd_bytes(&r, &out->target, 16);
	if (IN6_IS_ADDR_MULTICAST(&out->target))
		return -EINVAL;
	want = type == SYS_ND_TYPE_NS ? SYS_ND_OPT_SLLA : SYS_ND_OPT_TLLA;
	while (wire_rd_ok(&r) && wire_rd_left(&r) > 0) {
		uint8_t otype = wire_rd_u8(&r), olen = wire_rd_u8(&r);
		size_t body;

		if (!wire_rd_ok(&r) || olen == 0 || (size_t)olen * 8 - 2 > wire_rd_left(&r))
			return -EINVAL;
		body = (size_t)olen * 8 - 2;
		if (otype == want && out->lladdr_len == 0) {
			/* The address fills the option up to its padding; keep
			 * what fits (Ethernet: 6 bytes of a 6-byte body). */
			size_t n = body < SYS_ND_LLADDR_MAX ? body : SYS_ND_LLADDR_MAX;

			wire_rd_bytes(&r, out->lladdr, n);
			wire_rd_skip(&r, body - n);
			out->lladdr_len = n;
		} else {
			wire_rd_skip(&r, body);
		}
	}
	return wire_rd_ok(&r) ? 0 : -EINVAL;
}

void sys_nd_solicited_node(const struct in6_addr *a, struct in6_addr *out)
{
	static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff };

	memcpy(out->s6_addr, pfx, sizeof(pfx));
	memcpy(out->s6_addr + 13, a->s6_addr + 13, 3);
}

uint16_t sys_nd_icmp6_checksum(const struct in6_addr *src, const struct in6_addr *dst,
			   const uint8_t *msg, size_t len)
{
	return inet6_checksum(src, dst, IPPROTO_ICMPV6, msg, len);
}

int sys_nd_build_dad_packet(uint8_t *buf, size_t len, const struct in6_addr *target)
{
	struct in6_addr src = IN6ADDR_ANY_INIT, dst;
	struct wire_wr w;
	uint8_t *icmp;
	int n;

	sys_nd_solicited_node(target, &dst);
	if (len < 40)
		return -ENOSPC;
	n = sys_nd_build_ns(buf + 40, len - 40, target, NULL, 0);
	if (n < 0)
		return n;
	wire_wr_init(&w, buf, 40);
	wire_wr_be32(&w, 0x60000000);    /* version 6, no class, no flow */
	wire_wr_be16(&w, (uint16_t)n);
	wire_wr_u8(&w, IPPROTO_ICMPV6);
	wire_wr_u8(&w, 255);
	wire_wr_bytes(&w, &src, 16);
	wire_wr_bytes(&w, &dst, 16);
	icmp = buf + 40;
	wire_put_be16(icmp + 2, sys_nd_icmp6_checksum(&src, &dst, icmp, (size_t)n));
	return 40 + n;
}
