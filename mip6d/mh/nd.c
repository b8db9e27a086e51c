/* Router Advertisement and its options: see nd.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/mh/mh.h"
#include "mip6d/mh/nd.h"

#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif

int nd_opts_parse(struct nd_opts *o, const uint8_t *p, size_t len)
{
	size_t off = 0;

	memset(o, 0, sizeof(*o));
	while (off < len) {
		size_t olen;
		const uint8_t *d;
		struct wire_rd r;

		if (len - off < 2)
			return -EBADMSG;
		olen = (size_t)p[off + 1] * 8;
		if (olen == 0 || olen > len - off)
			return -EBADMSG;
		d = p + off;
		wire_rd_init(&r, d + 2, olen - 2);
		switch (d[0]) {
		case ND_OPT_PREFIX_INFO: {
			struct nd_prefix *x;

			if (olen != 32)
				return -EBADMSG;
			if (o->n_prefix == ND_PREFIX_MAX)
				return -ENOBUFS;
			x = &o->prefix[o->n_prefix];
			x->plen = wire_rd_u8(&r);
			x->flags = wire_rd_u8(&r);
			x->valid = wire_rd_be32(&r);
			x->preferred = wire_rd_be32(&r);
			wire_rd_skip(&r, 4);
			wire_rd_bytes(&r, &x->prefix, 16);
			if (x->plen > 128)
				return -EBADMSG;
			o->n_prefix++;
			break;
		}
		case ND_OPT_ADV_INTERVAL:
			if (olen != 8)
				return -EBADMSG;
			wire_rd_skip(&r, 2);
			o->adv_interval_ms = wire_rd_be32(&r);
			o->has_adv_interval = true;
			break;
		case ND_OPT_HA_INFO:
			if (olen != 8)
				return -EBADMSG;
			wire_rd_skip(&r, 2);
			o->ha_preference = (int16_t)wire_rd_be16(&r);
			o->ha_lifetime = wire_rd_be16(&r);
			o->has_ha_info = true;
			break;
		default:
			if (o->n_other < UINT8_MAX)
				o->n_other++;
			break;
		}
		if (!wire_rd_ok(&r))
			return -EBADMSG;
		off += olen;
	}
	return 0;
}

int nd_opts_build(const struct nd_opts *o, struct wire_wr *w)
{
	unsigned i;

	if (o->n_prefix > ND_PREFIX_MAX)
		return -EINVAL;
	for (i = 0; i < o->n_prefix; i++) {
		const struct nd_prefix *x = &o->prefix[i];

		if (x->plen > 128)
			return -EINVAL;
		wire_wr_u8(w, ND_OPT_PREFIX_INFO);
		wire_wr_u8(w, 4);
		wire_wr_u8(w, x->plen);
		wire_wr_u8(w, x->flags);
		wire_wr_be32(w, x->valid);
		wire_wr_be32(w, x->preferred);
		wire_wr_be32(w, 0);
		wire_wr_bytes(w, &x->prefix, 16);
	}
	if (o->has_adv_interval) {
		wire_wr_u8(w, ND_OPT_ADV_INTERVAL);
		wire_wr_u8(w, 1);
		wire_wr_be16(w, 0);
		wire_wr_be32(w, o->adv_interval_ms);
	}
	if (o->has_ha_info) {
		wire_wr_u8(w, ND_OPT_HA_INFO);
		wire_wr_u8(w, 1);
		wire_wr_be16(w, 0);
		wire_wr_be16(w, (uint16_t)o->ha_preference);
		wire_wr_be16(w, o->ha_lifetime);
	}
	return wire_wr_ok(w) ? 0 : -ENOSPC;
}

int nd_ra_parse(struct nd_ra *ra, const uint8_t *buf, size_t len)
{
	struct wire_rd r;

	memset(ra, 0, sizeof(*ra));
	if (len < 16)
		return -EBADMSG;
	if (buf[0] != ND_RA_TYPE)
		return -EPROTONOSUPPORT;
	if (buf[1] != 0)
		return -EBADMSG;
	wire_rd_init(&r, buf + 4, 12);
	ra->cur_hop_limit = wire_rd_u8(&r);
	ra->flags = wire_rd_u8(&r);
	ra->router_lifetime = wire_rd_be16(&r);
	ra->reachable_ms = wire_rd_be32(&r);
	ra->retrans_ms = wire_rd_be32(&r);
	return nd_opts_parse(&ra->opts, buf + 16, len - 16);
}

int nd_ra_build(const struct nd_ra *ra, const struct in6_addr *src, const struct in6_addr *dst,
		uint8_t *buf, size_t cap)
{
	struct wire_wr w;
	int err;

	wire_wr_init(&w, buf, cap);
	wire_wr_u8(&w, ND_RA_TYPE);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);
	wire_wr_u8(&w, ra->cur_hop_limit);
	wire_wr_u8(&w, ra->flags);
	wire_wr_be16(&w, ra->router_lifetime);
	wire_wr_be32(&w, ra->reachable_ms);
	wire_wr_be32(&w, ra->retrans_ms);
	err = nd_opts_build(&ra->opts, &w);
	if (err < 0)
		return err;
	if (src && dst)
		wire_put_be16(buf + 2, inet6_checksum(src, dst, IPPROTO_ICMPV6, buf, wire_wr_len(&w)));
	return (int)wire_wr_len(&w);
}
