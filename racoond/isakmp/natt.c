/* NAT traversal payloads (RFC 3947 and its drafts): NAT-OA. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "racoond/isakmp/isakmp.h"

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
