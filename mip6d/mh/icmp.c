/* DHAAD and Mobile Prefix Discovery messages: see icmp.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/wire.h"
#include "mip6d/mh/icmp.h"
#include "mip6d/mh/mh.h"

#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif

static bool known(uint8_t type)
{
	return type >= ICMP6_DHAAD_REQUEST && type <= ICMP6_MPA;
}

int mip_icmp_parse(struct mip_icmp *m, const uint8_t *buf, size_t len)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	if (len < 8)
		return -EBADMSG;
	m->type = buf[0];
	if (!known(m->type))
		return -EPROTONOSUPPORT;
	if (buf[1] != 0)
		return -EBADMSG;
	m->id = wire_get_be16(buf + 4);
	m->flags = wire_get_be16(buf + 6);
	switch (m->type) {
	case ICMP6_DHAAD_REPLY:
		if ((len - 8) % 16)
			return -EBADMSG;
		if ((len - 8) / 16 > DHAAD_ADDR_MAX)
			return -ENOBUFS;
		for (i = 0; i < (len - 8) / 16; i++)
			memcpy(&m->addr[i], buf + 8 + 16 * i, 16);
		m->n_addr = (uint8_t)((len - 8) / 16);
		return 0;
	case ICMP6_MPA:
		return nd_opts_parse(&m->opts, buf + 8, len - 8);
	default:
		/* Request and solicitation: anything after is ignored. */
		return 0;
	}
}

int mip_icmp_build(const struct mip_icmp *m, const struct in6_addr *src,
		   const struct in6_addr *dst, uint8_t *buf, size_t cap)
{
	struct wire_wr w;
	unsigned i;
	int err;

	if (!known(m->type) || m->n_addr > DHAAD_ADDR_MAX)
		return -EINVAL;
	if ((m->type == ICMP6_DHAAD_REQUEST || m->type == ICMP6_DHAAD_REPLY) &&
	    (m->flags & ~DHAAD_F_R))
		return -EINVAL;
	if (m->type == ICMP6_MPS && m->flags)
		return -EINVAL;
	if (m->type == ICMP6_MPA && (m->flags & ~(MPA_F_M | MPA_F_O)))
		return -EINVAL;
	wire_wr_init(&w, buf, cap);
	wire_wr_u8(&w, m->type);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);
	wire_wr_be16(&w, m->id);
	wire_wr_be16(&w, m->flags);
	if (m->type == ICMP6_DHAAD_REPLY)
		for (i = 0; i < m->n_addr; i++)
			wire_wr_bytes(&w, &m->addr[i], 16);
	if (m->type == ICMP6_MPA) {
		err = nd_opts_build(&m->opts, &w);
		if (err < 0)
			return err;
	}
	if (!wire_wr_ok(&w))
		return -ENOSPC;
	if (src && dst)
		wire_put_be16(buf + 2, inet6_checksum(src, dst, IPPROTO_ICMPV6, buf, wire_wr_len(&w)));
	return (int)wire_wr_len(&w);
}
