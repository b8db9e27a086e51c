/* Identification payload (RFC 2407 4.6.2), phase 1 and phase 2 forms. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "racoond/isakmp/isakmp.h"

#define ID_FIXED_LEN 4

/* Expected data length of an address type, 0 for variable types, -1 for
 * unknown types. */
static int id_data_len(uint8_t type)
{
	switch (type) {
	case IPSEC_ID_IPV4_ADDR: return 4;
	case IPSEC_ID_IPV4_ADDR_SUBNET:
	case IPSEC_ID_IPV4_ADDR_RANGE: return 8;
	case IPSEC_ID_IPV6_ADDR: return 16;
	case IPSEC_ID_IPV6_ADDR_SUBNET:
	case IPSEC_ID_IPV6_ADDR_RANGE: return 32;
	case IPSEC_ID_FQDN:
	case IPSEC_ID_USER_FQDN:
	case IPSEC_ID_DER_ASN1_DN:
	case IPSEC_ID_DER_ASN1_GN:
	case IPSEC_ID_KEY_ID: return 0;
	}
	return -1;
}

int isakmp_id_parse(const struct isakmp_pl *pl, struct isakmp_id *id)
{
	struct wire_rd r;
	int want;

	memset(id, 0, sizeof(*id));
	wire_rd_init(&r, pl->body, pl->len);
	id->type = wire_rd_u8(&r);
	id->proto = wire_rd_u8(&r);
	id->port = wire_rd_be16(&r);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	id->data = r.p;
	id->len = wire_rd_left(&r);
	want = id_data_len(id->type);
	if (want < 0)
		return -ENOTSUP;
	if (want ? id->len != (size_t)want : id->len == 0)
		return -EINVAL;
	return 0;
}

void isakmp_id_write(struct isakmp_chain *c, const struct isakmp_id *id)
{
	uint8_t *s = isakmp_pl_begin(c, ISAKMP_NP_ID);

	wire_wr_u8(c->w, id->type);
	wire_wr_u8(c->w, id->proto);
	wire_wr_be16(c->w, id->port);
	wire_wr_bytes(c->w, id->data, id->len);
	isakmp_pl_end(c, s);
}

int isakmp_id_check_phase1(const struct isakmp_id *id)
{
	switch (id->type) {
	case IPSEC_ID_IPV4_ADDR_SUBNET:
	case IPSEC_ID_IPV6_ADDR_SUBNET:
	case IPSEC_ID_IPV4_ADDR_RANGE:
	case IPSEC_ID_IPV6_ADDR_RANGE:
		return -EPROTO;
	}
	if (id->proto == 0)
		return id->port == 0 ? 0 : -EPROTO;
	if (id->proto == 17)
		return id->port == 0 || id->port == 500 || id->port == 4500 ? 0 : -EPROTO;
	return -EPROTO;
}

/* The prefix length of a contiguous mask, or -1. */
static int mask_len(const uint8_t *m, size_t n)
{
	int bits = 0;
	size_t i = 0;

	while (i < n && m[i] == 0xff) {
		bits += 8;
		i++;
	}
	if (i < n) {
		uint8_t b = m[i];

		while (b & 0x80) {
			bits++;
			b = (uint8_t)(b << 1);
		}
		if (b)
			return -1;
		for (i++; i < n; i++)
			if (m[i])
				return -1;
	}
	return bits;
}

static sa_family_t id_family(uint8_t type)
{
	switch (type) {
	case IPSEC_ID_IPV4_ADDR:
	case IPSEC_ID_IPV4_ADDR_SUBNET:
	case IPSEC_ID_IPV4_ADDR_RANGE: return AF_INET;
	case IPSEC_ID_IPV6_ADDR:
	case IPSEC_ID_IPV6_ADDR_SUBNET:
	case IPSEC_ID_IPV6_ADDR_RANGE: return AF_INET6;
	}
	return AF_UNSPEC;
}

int isakmp_id_to_prefix(const struct isakmp_id *id, struct ip_prefix *p)
{
	sa_family_t fam = id_family(id->type);
	size_t alen = addr_family_len(fam);
	int ml;

	memset(p, 0, sizeof(*p));
	if (fam == AF_UNSPEC)
		return -EINVAL;
	if (id->type == IPSEC_ID_IPV4_ADDR_RANGE || id->type == IPSEC_ID_IPV6_ADDR_RANGE)
		return -ENOTSUP;
	if (id->len != alen && id->len != 2 * alen)
		return -EINVAL;
	addr_from_bytes(&p->addr, fam, id->data);
	if (id->len == alen) {
		p->len = (uint8_t)(8 * alen);
		return 0;
	}
	ml = mask_len(id->data + alen, alen);
	if (ml < 0)
		return -EINVAL;
	p->len = (uint8_t)ml;
	prefix_mask(p);
	return 0;
}

int isakmp_id_to_range(const struct isakmp_id *id, struct ip_addr *lo, struct ip_addr *hi)
{
	sa_family_t fam = id_family(id->type);
	size_t alen = addr_family_len(fam);
	struct ip_prefix p;
	int rc;

	if (fam == AF_UNSPEC)
		return -EINVAL;
	if (id->type == IPSEC_ID_IPV4_ADDR_RANGE || id->type == IPSEC_ID_IPV6_ADDR_RANGE) {
		if (id->len != 2 * alen)
			return -EINVAL;
		addr_from_bytes(lo, fam, id->data);
		addr_from_bytes(hi, fam, id->data + alen);
		return addr_cmp(lo, hi) <= 0 ? 0 : -EINVAL;
	}
	rc = isakmp_id_to_prefix(id, &p);
	if (rc < 0)
		return rc;
	*lo = p.addr;
	*hi = p.addr;
	for (size_t i = 0; i < alen; i++) {
		unsigned from = 8 * (unsigned)i;

		if (p.len <= from)
			hi->u.bytes[i] = 0xff;
		else if (p.len < from + 8)
			hi->u.bytes[i] |= (uint8_t)(0xff >> (p.len - from));
	}
	return 0;
}

int isakmp_id_from_prefix(struct isakmp_id *id, const struct ip_prefix *p, uint8_t proto,
			  uint16_t port, uint8_t buf[32])
{
	size_t alen = addr_len(&p->addr);
	bool full;

	if (alen == 0 || p->len > 8 * alen)
		return -EINVAL;
	full = p->len == 8 * alen;
	memset(buf, 0, 32);
	memcpy(buf, p->addr.u.bytes, alen);
	if (!full) {
		for (unsigned b = 0; b < p->len; b++)
			buf[alen + b / 8] |= (uint8_t)(0x80 >> (b % 8));
		for (size_t i = 0; i < alen; i++)
			buf[i] &= buf[alen + i];
	}
	id->type = p->addr.family == AF_INET
		   ? (full ? IPSEC_ID_IPV4_ADDR : IPSEC_ID_IPV4_ADDR_SUBNET)
		   : (full ? IPSEC_ID_IPV6_ADDR : IPSEC_ID_IPV6_ADDR_SUBNET);
	id->proto = proto;
	id->port = port;
	id->data = buf;
	id->len = full ? alen : 2 * alen;
	return 0;
}

const char *isakmp_id_type_name(uint8_t type)
{
	switch (type) {
	case IPSEC_ID_IPV4_ADDR: return "IPv4_address";
	case IPSEC_ID_FQDN: return "FQDN";
	case IPSEC_ID_USER_FQDN: return "USER_FQDN";
	case IPSEC_ID_IPV4_ADDR_SUBNET: return "IPv4_subnet";
	case IPSEC_ID_IPV6_ADDR: return "IPv6_address";
	case IPSEC_ID_IPV6_ADDR_SUBNET: return "IPv6_subnet";
	case IPSEC_ID_IPV4_ADDR_RANGE: return "IPv4_address_range";
	case IPSEC_ID_IPV6_ADDR_RANGE: return "IPv6_address_range";
	case IPSEC_ID_DER_ASN1_DN: return "DER_ASN1_DN";
	case IPSEC_ID_DER_ASN1_GN: return "DER_ASN1_GN";
	case IPSEC_ID_KEY_ID: return "KEY_ID";
	}
	return "unknown";
}
