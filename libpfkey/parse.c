/* PF_KEY message parser: checks every length before use and indexes the
 * extensions by type, pointing into the caller's buffer. */
#include "libpfkey/pfkey.h"
#include "libpfkey/sockaddr.h"

#include <errno.h>
#include <string.h>

/* Reads a little piece of a possibly unaligned packed struct. */
static uint16_t ld16(const void *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* An address extension: header + one sockaddr of the exact length its
 * family needs (padded to 8), prefix length within the family's bits. */
static int check_address(const uint8_t *e, size_t len)
{
	const struct sadb_address *a = (const struct sadb_address *)e;
	size_t salen;
	sa_family_t fam;

	if (len < sizeof(*a) + sizeof(sa_family_t))
		return -EINVAL;
	fam = ld16(e + sizeof(*a));
	salen = pfkey_sockaddr_len(fam);
	if (salen == 0 || len != sizeof(*a) + PFKEY_ALIGN8(salen))
		return -EINVAL;
	if (a->sadb_address_prefixlen > 8 * addr_family_len(fam))
		return -EINVAL;
	return 0;
}

/* The sockaddr pair that may follow an ipsecrequest or a KMADDRESS header:
 * two sockaddrs of one family, back to back, padded to 8.  Returns the
 * padded size or a negative errno. */
static int check_sockaddr_pair(const uint8_t *p, size_t avail)
{
	sa_family_t f1, f2;
	size_t salen;

	if (avail < sizeof(sa_family_t))
		return -EINVAL;
	f1 = ld16(p);
	salen = pfkey_sockaddr_len(f1);
	if (salen == 0 || avail < 2 * salen)
		return -EINVAL;
	f2 = ld16(p + salen);
	if (f2 != f1)
		return -EINVAL;
	return (int)PFKEY_ALIGN8(2 * salen);
}

static int check_policy(const uint8_t *e, size_t len)
{
	size_t off = sizeof(struct sadb_x_policy);

	if (len < off)
		return -EINVAL;
	while (off < len) {
		const struct sadb_x_ipsecrequest *r = (const struct sadb_x_ipsecrequest *)(e + off);
		size_t rlen;
		int pair;

		if (len - off < sizeof(*r))
			return -EINVAL;
		rlen = r->sadb_x_ipsecrequest_len;   /* bytes, not 8-byte units */
		if (rlen < sizeof(*r) || rlen % 8 || rlen > len - off)
			return -EINVAL;
		if (rlen > sizeof(*r)) {
			pair = check_sockaddr_pair(e + off + sizeof(*r), rlen - sizeof(*r));
			if (pair < 0 || (size_t)pair != rlen - sizeof(*r))
				return -EINVAL;
		}
		off += rlen;
	}
	return 0;
}

static int check_kmaddress(const uint8_t *e, size_t len)
{
	size_t hdr = sizeof(struct sadb_x_kmaddress);
	int pair;

	if (len <= hdr)
		return -EINVAL;
	pair = check_sockaddr_pair(e + hdr, len - hdr);
	if (pair < 0 || (size_t)pair != len - hdr)
		return -EINVAL;
	return 0;
}

static int check_key(const uint8_t *e, size_t len)
{
	const struct sadb_key *k = (const struct sadb_key *)e;

	if (len < sizeof(*k))
		return -EINVAL;
	/* The key must fit, and the extension carries no more than its padding. */
	if (((size_t)k->sadb_key_bits + 7) / 8 > len - sizeof(*k))
		return -EINVAL;
	if (PFKEY_ALIGN8(((size_t)k->sadb_key_bits + 7) / 8) != len - sizeof(*k))
		return -EINVAL;
	return 0;
}

static int check_sens(const uint8_t *e, size_t len)
{
	const struct sadb_sens *s = (const struct sadb_sens *)e;

	if (len < sizeof(*s))
		return -EINVAL;
	if (sizeof(*s) + 8 * ((size_t)s->sadb_sens_sens_len + s->sadb_sens_integ_len) != len)
		return -EINVAL;
	return 0;
}

static int check_sec_ctx(const uint8_t *e, size_t len)
{
	const struct sadb_x_sec_ctx *c = (const struct sadb_x_sec_ctx *)e;

	if (len < sizeof(*c))
		return -EINVAL;
	if (PFKEY_ALIGN8(sizeof(*c) + c->sadb_x_ctx_len) != len)
		return -EINVAL;
	return 0;
}

/* Per-type structure check of one extension of len bytes (already known to
 * be >= 8, a multiple of 8 and inside the message). */
static int check_ext(unsigned type, const uint8_t *e, size_t len)
{
	switch (type) {
	case SADB_EXT_SA:
		return len == sizeof(struct sadb_sa) ? 0 : -EINVAL;
	case SADB_EXT_LIFETIME_CURRENT:
	case SADB_EXT_LIFETIME_HARD:
	case SADB_EXT_LIFETIME_SOFT:
		return len == sizeof(struct sadb_lifetime) ? 0 : -EINVAL;
	case SADB_EXT_ADDRESS_SRC:
	case SADB_EXT_ADDRESS_DST:
	case SADB_EXT_ADDRESS_PROXY:
	case SADB_X_EXT_NAT_T_OA:
		return check_address(e, len);
	case SADB_EXT_KEY_AUTH:
	case SADB_EXT_KEY_ENCRYPT:
		return check_key(e, len);
	case SADB_EXT_IDENTITY_SRC:
	case SADB_EXT_IDENTITY_DST:
		return len >= sizeof(struct sadb_ident) ? 0 : -EINVAL;
	case SADB_EXT_SENSITIVITY:
		return check_sens(e, len);
	case SADB_EXT_PROPOSAL:
		return (len - sizeof(struct sadb_prop)) % sizeof(struct sadb_comb) == 0 ? 0 : -EINVAL;
	case SADB_EXT_SUPPORTED_AUTH:
	case SADB_EXT_SUPPORTED_ENCRYPT:
		return 0;   /* 8-byte header + 8-byte sadb_alg entries: any multiple of 8 */
	case SADB_EXT_SPIRANGE:
		return len == sizeof(struct sadb_spirange) ? 0 : -EINVAL;
	case SADB_X_EXT_KMPRIVATE:
		return 0;
	case SADB_X_EXT_POLICY:
		return check_policy(e, len);
	case SADB_X_EXT_SA2:
		return len == sizeof(struct sadb_x_sa2) ? 0 : -EINVAL;
	case SADB_X_EXT_NAT_T_TYPE:
		return len == sizeof(struct sadb_x_nat_t_type) ? 0 : -EINVAL;
	case SADB_X_EXT_NAT_T_SPORT:
	case SADB_X_EXT_NAT_T_DPORT:
		return len == sizeof(struct sadb_x_nat_t_port) ? 0 : -EINVAL;
	case SADB_X_EXT_SEC_CTX:
		return check_sec_ctx(e, len);
	case SADB_X_EXT_KMADDRESS:
		return check_kmaddress(e, len);
	case SADB_X_EXT_FILTER:
		return len == sizeof(struct sadb_x_filter) ? 0 : -EINVAL;
	default:
		/* PF_KEY has no "may ignore" bit: an extension we cannot check
		 * could change the meaning of the message, so refuse it. */
		return -EINVAL;
	}
}

int pfkey_parse(const void *buf, size_t len, struct pfkey_msg *m)
{
	const uint8_t *p = buf;
	const struct sadb_msg *h = buf;
	size_t off;

	memset(m, 0, sizeof(*m));
	if (len < sizeof(*h) || len % 8)
		return -EINVAL;
	if (h->sadb_msg_version != PF_KEY_V2)
		return -EPROTONOSUPPORT;
	if (h->sadb_msg_type == 0 || h->sadb_msg_type > SADB_MAX)
		return -EINVAL;
	if ((size_t)h->sadb_msg_len * 8 != len)
		return -EMSGSIZE;

	for (off = sizeof(*h); off < len;) {
		const struct sadb_ext *e = (const struct sadb_ext *)(p + off);
		size_t elen;
		unsigned type;

		if (len - off < sizeof(uint64_t))
			return -EINVAL;
		elen = (size_t)e->sadb_ext_len * 8;
		type = e->sadb_ext_type;
		if (elen < sizeof(uint64_t) || elen > len - off)
			return -EINVAL;
		if (type == SADB_EXT_RESERVED || type > PFKEY_EXT_MAX)
			return -EINVAL;
		if (m->ext[type])
			return -EINVAL;
		if (check_ext(type, p + off, elen) < 0)
			return -EINVAL;
		m->ext[type] = e;
		off += elen;
	}
	m->hdr = h;
	m->len = len;
	return 0;
}
