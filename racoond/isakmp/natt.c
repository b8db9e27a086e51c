/* NAT traversal payloads (RFC 3947 and its drafts) and well-known vendor IDs. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "racoond/isakmp/isakmp.h"

/* MD5("RFC 3947") */
const uint8_t isakmp_vid_rfc3947[16] = {
	0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
	0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f,
};
/* RFC 3706 DPD, version 1.0 */
const uint8_t isakmp_vid_dpd[16] = {
	0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
	0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00,
};
/* MD5("FRAGMENTATION"); followed on the wire by 4 capability bytes */
const uint8_t isakmp_vid_frag[16] = {
	0x40, 0x48, 0xb7, 0xd5, 0x6e, 0xbc, 0xe8, 0x85,
	0x25, 0xe7, 0xde, 0x7f, 0x00, 0xd6, 0xc2, 0xd3,
};

int isakmp_natoa_parse(const struct isakmp_pl *pl, struct ip_addr *a)
{
	struct wire_rd r;
	uint8_t type;
	size_t alen;

	memset(a, 0, sizeof(*a));
	wire_rd_init(&r, pl->body, pl->len);
	type = wire_rd_u8(&r);
	if (wire_rd_u8(&r) != 0 || wire_rd_be16(&r) != 0)
		return -EINVAL;
	if (!wire_rd_ok(&r))
		return -EINVAL;
	if (type == IPSEC_ID_IPV4_ADDR)
		a->family = AF_INET;
	else if (type == IPSEC_ID_IPV6_ADDR)
		a->family = AF_INET6;
	else
		return -EINVAL;
	alen = addr_len(a);
	if (wire_rd_left(&r) != alen)
		return -EINVAL;
	return addr_from_bytes(a, a->family, r.p);
}

void isakmp_natoa_write(struct isakmp_chain *c, uint8_t type, const struct ip_addr *a)
{
	uint8_t *s = isakmp_pl_begin(c, type);

	wire_wr_u8(c->w, a->family == AF_INET ? IPSEC_ID_IPV4_ADDR : IPSEC_ID_IPV6_ADDR);
	wire_wr_u8(c->w, 0);
	wire_wr_be16(c->w, 0);
	wire_wr_bytes(c->w, a->u.bytes, addr_len(a));
	isakmp_pl_end(c, s);
}
