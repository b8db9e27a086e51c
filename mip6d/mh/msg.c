/* Mobility Header messages (RFC 6275 6.1): the common header, the fixed
 * part of each type, the Header Len in 8-octet units, the checksum. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/mh/mh_int.h"

/* Octets of the fixed message data after the 6-octet common header. */
static int fixed_len(uint8_t type)
{
	switch (type) {
	case MH_BRR:
		return 2;
	case MH_HOTI:
	case MH_COTI:
		return 2 + MH_COOKIE_LEN;
	case MH_HOT:
	case MH_COT:
		return 2 + MH_COOKIE_LEN + MH_TOKEN_LEN;
	case MH_BU:
	case MH_BA:
		return 6;
	case MH_BE:
		return 2 + 16;
	default:
		return -1;
	}
}

const char *mh_type_name(uint8_t type)
{
	static const char *const names[MH_TYPE_COUNT] = {
		"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE",
	};

	return type < MH_TYPE_COUNT ? names[type] : "unknown";
}

int mh_parse(struct mh_msg *m, const uint8_t *buf, size_t len)
{
	struct wire_rd r;
	size_t total;
	int fixed, err;

	memset(m, 0, sizeof(*m));
	if (len < MH_HDR_LEN)
		return -EBADMSG;
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return -EBADMSG;
	m->payload_proto = buf[0];
	m->type = buf[2];
	m->checksum = wire_get_be16(buf + 4);
	fixed = fixed_len(m->type);
	if (fixed < 0)
		return -EPROTONOSUPPORT;
	if (total < MH_HDR_LEN + (size_t)fixed)
		return -EBADMSG;

	wire_rd_init(&r, buf + MH_HDR_LEN, (size_t)fixed);
	switch (m->type) {
	case MH_BRR:
		wire_rd_skip(&r, 2);
		break;
	case MH_HOTI:
	case MH_COTI:
		wire_rd_skip(&r, 2);
		wire_rd_bytes(&r, m->u.ti.cookie, MH_COOKIE_LEN);
		break;
	case MH_HOT:
	case MH_COT:
		m->u.t.nonce_index = wire_rd_be16(&r);
		wire_rd_bytes(&r, m->u.t.cookie, MH_COOKIE_LEN);
		wire_rd_bytes(&r, m->u.t.token, MH_TOKEN_LEN);
		break;
	case MH_BU:
		m->u.bu.seq = wire_rd_be16(&r);
		m->u.bu.flags = wire_rd_be16(&r) & MH_BU_FLAGS;
		m->u.bu.lifetime = wire_rd_be16(&r);
		break;
	case MH_BA:
		m->u.ba.status = wire_rd_u8(&r);
		m->u.ba.flags = wire_rd_u8(&r) & MH_BA_FLAGS;
		m->u.ba.seq = wire_rd_be16(&r);
		m->u.ba.lifetime = wire_rd_be16(&r);
		break;
	case MH_BE:
		m->u.be.status = wire_rd_u8(&r);
		wire_rd_skip(&r, 1);
		wire_rd_bytes(&r, &m->u.be.hoa, 16);
		break;
	}
	if (!wire_rd_ok(&r))
		return -EBADMSG;
	err = mh_opts_parse(&m->opts, buf, MH_HDR_LEN + (size_t)fixed, total, m->type);
	if (err < 0)
		return err;
	return (int)total;
}

static bool flags_ok(const struct mh_msg *m)
{
	switch (m->type) {
	case MH_BU:
		return !(m->u.bu.flags & ~MH_BU_FLAGS);
	case MH_BA:
		return !(m->u.ba.flags & ~MH_BA_FLAGS);
	default:
		return true;
	}
}

int mh_build(const struct mh_msg *m, const struct in6_addr *src, const struct in6_addr *dst,
	     uint8_t *buf, size_t cap)
{
	struct wire_wr w;
	size_t len;
	int fixed = fixed_len(m->type), err;

	if (fixed < 0 || !flags_ok(m))
		return -EINVAL;
	wire_wr_init(&w, buf, cap < MH_MAX_LEN ? cap : MH_MAX_LEN);
	wire_wr_u8(&w, IPPROTO_NONE);
	wire_wr_u8(&w, 0);              /* Header Len, below */
	wire_wr_u8(&w, m->type);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);            /* checksum, below */
	switch (m->type) {
	case MH_BRR:
		wire_wr_zero(&w, 2);
		break;
	case MH_HOTI:
	case MH_COTI:
		wire_wr_zero(&w, 2);
		wire_wr_bytes(&w, m->u.ti.cookie, MH_COOKIE_LEN);
		break;
	case MH_HOT:
	case MH_COT:
		wire_wr_be16(&w, m->u.t.nonce_index);
		wire_wr_bytes(&w, m->u.t.cookie, MH_COOKIE_LEN);
		wire_wr_bytes(&w, m->u.t.token, MH_TOKEN_LEN);
		break;
	case MH_BU:
		wire_wr_be16(&w, m->u.bu.seq);
		wire_wr_be16(&w, m->u.bu.flags);
		wire_wr_be16(&w, m->u.bu.lifetime);
		break;
	case MH_BA:
		wire_wr_u8(&w, m->u.ba.status);
		wire_wr_u8(&w, m->u.ba.flags);
		wire_wr_be16(&w, m->u.ba.seq);
		wire_wr_be16(&w, m->u.ba.lifetime);
		break;
	case MH_BE:
		wire_wr_u8(&w, m->u.be.status);
		wire_wr_u8(&w, 0);
		wire_wr_bytes(&w, &m->u.be.hoa, 16);
		break;
	}
	if (!wire_wr_ok(&w))
		return -ENOSPC;
	err = mh_opts_build(&m->opts, m->type, &w);
	if (err < 0)
		return cap < MH_MAX_LEN || err != -ENOSPC ? err : -EINVAL;
	len = wire_wr_len(&w);
	buf[1] = (uint8_t)(len / 8 - 1);
	if (src && dst)
		wire_put_be16(buf + 4, inet6_checksum(src, dst, IPPROTO_MH, buf, len));
	return (int)len;
}
