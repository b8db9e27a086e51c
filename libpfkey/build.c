/* PF_KEY message builder: exact, 8-byte aligned messages in the caller's
 * buffer.  Errors are sticky and reported once by pfkey_build_finish(). */
#include "libpfkey/pfkey.h"
#include "libpfkey/sockaddr.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

static void fail(struct pfkey_builder *b, int err)
{
	if (!b->err)
		b->err = err;
}

/* Opens an extension: checks it is new, writes its header with a zero
 * length to be fixed by ext_end().  Returns its start, or NULL. */
static uint8_t *ext_begin(struct pfkey_builder *b, uint16_t type)
{
	uint8_t *at;

	if (b->err)
		return NULL;
	if (type == 0 || type > PFKEY_EXT_MAX || (b->present & (1u << type)) || b->policy) {
		fail(b, -EINVAL);
		return NULL;
	}
	b->present |= 1u << type;
	at = b->w.p;
	wire_wr_h16(&b->w, 0);
	wire_wr_h16(&b->w, type);
	if (!wire_wr_ok(&b->w)) {
		fail(b, -ENOSPC);
		return NULL;
	}
	return at;
}

static void ext_end(struct pfkey_builder *b, uint8_t *at)
{
	uint16_t units;

	if (!at)
		return;
	wire_wr_align(&b->w, 8);
	if (!wire_wr_ok(&b->w)) {
		fail(b, -ENOSPC);
		return;
	}
	units = (uint16_t)((size_t)(b->w.p - at) / 8);
	memcpy(at, &units, sizeof(units));
}

/* Writes a sockaddr (unpadded). */
static void put_sockaddr(struct pfkey_builder *b, const struct ip_addr *a, uint16_t port)
{
	struct sockaddr_storage ss;
	int salen = addr_to_sockaddr(a, port, &ss);

	if (salen < 0) {
		fail(b, -EINVAL);
		return;
	}
	wire_wr_bytes(&b->w, &ss, (size_t)salen);
}

void pfkey_build_init(struct pfkey_builder *b, void *buf, size_t cap, uint8_t type,
		      uint8_t satype, uint32_t seq, uint32_t pid)
{
	memset(b, 0, sizeof(*b));
	wire_wr_init(&b->w, buf, cap);
	wire_wr_u8(&b->w, PF_KEY_V2);
	wire_wr_u8(&b->w, type);
	wire_wr_u8(&b->w, 0);
	wire_wr_u8(&b->w, satype);
	wire_wr_h16(&b->w, 0);          /* length, set by finish */
	wire_wr_h16(&b->w, 0);
	wire_wr_h32(&b->w, seq);
	wire_wr_h32(&b->w, pid);
	if (!wire_wr_ok(&b->w))
		fail(b, -ENOSPC);
}

void pfkey_build_errno(struct pfkey_builder *b, uint8_t err)
{
	if (wire_wr_len(&b->w) >= sizeof(struct sadb_msg))
		b->w.start[2] = err;
}

int pfkey_build_finish(struct pfkey_builder *b)
{
	size_t len = wire_wr_len(&b->w);
	uint16_t units;

	if (b->policy)
		fail(b, -EINVAL);
	if (b->err)
		return b->err;
	if (len % 8 || len / 8 > 0xffff)
		return -EMSGSIZE;
	units = (uint16_t)(len / 8);
	memcpy(b->w.start + offsetof(struct sadb_msg, sadb_msg_len), &units, sizeof(units));
	return (int)len;
}

void pfkey_add_sa(struct pfkey_builder *b, uint32_t spi, uint8_t replay, uint8_t state,
		  uint8_t auth, uint8_t encrypt, uint32_t flags)
{
	uint8_t *at = ext_begin(b, SADB_EXT_SA);

	if (!at)
		return;
	wire_wr_be32(&b->w, spi);
	wire_wr_u8(&b->w, replay);
	wire_wr_u8(&b->w, state);
	wire_wr_u8(&b->w, auth);
	wire_wr_u8(&b->w, encrypt);
	wire_wr_h32(&b->w, flags);
	ext_end(b, at);
}

void pfkey_add_lifetime(struct pfkey_builder *b, uint16_t exttype, uint32_t allocations,
			uint64_t bytes, uint64_t addtime, uint64_t usetime)
{
	uint8_t *at;

	if (exttype < SADB_EXT_LIFETIME_CURRENT || exttype > SADB_EXT_LIFETIME_SOFT) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_h32(&b->w, allocations);
	wire_wr_h64(&b->w, bytes);
	wire_wr_h64(&b->w, addtime);
	wire_wr_h64(&b->w, usetime);
	ext_end(b, at);
}

void pfkey_add_address(struct pfkey_builder *b, uint16_t exttype, const struct ip_addr *a,
		       uint16_t port, uint8_t prefixlen, uint8_t proto)
{
	uint8_t *at;

	if ((exttype < SADB_EXT_ADDRESS_SRC || exttype > SADB_EXT_ADDRESS_PROXY) &&
	    exttype != SADB_X_EXT_NAT_T_OA) {
		fail(b, -EINVAL);
		return;
	}
	if (prefixlen > addr_bits(a)) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_u8(&b->w, proto);
	wire_wr_u8(&b->w, prefixlen);
	wire_wr_h16(&b->w, 0);
	put_sockaddr(b, a, port);
	ext_end(b, at);
}

void pfkey_add_key(struct pfkey_builder *b, uint16_t exttype, const void *key, uint16_t bits)
{
	uint8_t *at;

	if (exttype != SADB_EXT_KEY_AUTH && exttype != SADB_EXT_KEY_ENCRYPT) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_h16(&b->w, bits);
	wire_wr_h16(&b->w, 0);
	wire_wr_bytes(&b->w, key, ((size_t)bits + 7) / 8);
	ext_end(b, at);
}

void pfkey_add_ident(struct pfkey_builder *b, uint16_t exttype, uint16_t type, uint64_t id,
		     const char *str)
{
	uint8_t *at;

	if (exttype != SADB_EXT_IDENTITY_SRC && exttype != SADB_EXT_IDENTITY_DST) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_h16(&b->w, type);
	wire_wr_h16(&b->w, 0);
	wire_wr_h64(&b->w, id);
	if (str)
		wire_wr_bytes(&b->w, str, strlen(str) + 1);
	ext_end(b, at);
}

void pfkey_add_sens(struct pfkey_builder *b, uint32_t dpd, uint8_t sens_level,
		    const uint64_t *sens, uint8_t sens_len, uint8_t integ_level,
		    const uint64_t *integ, uint8_t integ_len)
{
	uint8_t *at = ext_begin(b, SADB_EXT_SENSITIVITY);
	unsigned i;

	if (!at)
		return;
	wire_wr_h32(&b->w, dpd);
	wire_wr_u8(&b->w, sens_level);
	wire_wr_u8(&b->w, sens_len);
	wire_wr_u8(&b->w, integ_level);
	wire_wr_u8(&b->w, integ_len);
	wire_wr_h32(&b->w, 0);
	for (i = 0; i < sens_len; i++)
		wire_wr_h64(&b->w, sens[i]);
	for (i = 0; i < integ_len; i++)
		wire_wr_h64(&b->w, integ[i]);
	ext_end(b, at);
}

void pfkey_add_prop(struct pfkey_builder *b, uint8_t replay, const struct sadb_comb *combs, size_t n)
{
	uint8_t *at = ext_begin(b, SADB_EXT_PROPOSAL);

	if (!at)
		return;
	wire_wr_u8(&b->w, replay);
	wire_wr_zero(&b->w, 3);
	wire_wr_bytes(&b->w, combs, n * sizeof(*combs));
	ext_end(b, at);
}

void pfkey_add_supported(struct pfkey_builder *b, uint16_t exttype, const struct sadb_alg *algs, size_t n)
{
	uint8_t *at;

	if (exttype != SADB_EXT_SUPPORTED_AUTH && exttype != SADB_EXT_SUPPORTED_ENCRYPT) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_h32(&b->w, 0);
	wire_wr_bytes(&b->w, algs, n * sizeof(*algs));
	ext_end(b, at);
}

void pfkey_add_spirange(struct pfkey_builder *b, uint32_t min, uint32_t max)
{
	uint8_t *at = ext_begin(b, SADB_EXT_SPIRANGE);

	if (!at)
		return;
	wire_wr_h32(&b->w, min);
	wire_wr_h32(&b->w, max);
	wire_wr_h32(&b->w, 0);
	ext_end(b, at);
}

void pfkey_add_kmprivate(struct pfkey_builder *b)
{
	uint8_t *at = ext_begin(b, SADB_X_EXT_KMPRIVATE);

	if (!at)
		return;
	wire_wr_h32(&b->w, 0);
	ext_end(b, at);
}

void pfkey_add_sa2(struct pfkey_builder *b, uint8_t mode, uint32_t reqid, uint32_t sequence)
{
	uint8_t *at = ext_begin(b, SADB_X_EXT_SA2);

	if (!at)
		return;
	wire_wr_u8(&b->w, mode);
	wire_wr_u8(&b->w, 0);
	wire_wr_h16(&b->w, 0);
	wire_wr_h32(&b->w, sequence);
	wire_wr_h32(&b->w, reqid);
	ext_end(b, at);
}

void pfkey_policy_begin(struct pfkey_builder *b, uint16_t type, uint8_t dir, uint32_t id,
			uint32_t priority)
{
	uint8_t *at = ext_begin(b, SADB_X_EXT_POLICY);

	if (!at)
		return;
	wire_wr_h16(&b->w, type);
	wire_wr_u8(&b->w, dir);
	wire_wr_u8(&b->w, 0);
	wire_wr_h32(&b->w, id);
	wire_wr_h32(&b->w, priority);
	if (!wire_wr_ok(&b->w)) {
		fail(b, -ENOSPC);
		return;
	}
	b->policy = at;
}

void pfkey_policy_add_req(struct pfkey_builder *b, uint16_t proto, uint8_t mode, uint8_t level,
			  uint32_t reqid, const struct ip_addr *src, uint16_t sport,
			  const struct ip_addr *dst, uint16_t dport)
{
	uint8_t *at = b->w.p;
	uint16_t rlen;

	if (b->err)
		return;
	if (!b->policy || (!src) != (!dst) || (src && src->family != dst->family)) {
		fail(b, -EINVAL);
		return;
	}
	wire_wr_h16(&b->w, 0);          /* length in bytes, set below */
	wire_wr_h16(&b->w, proto);
	wire_wr_u8(&b->w, mode);
	wire_wr_u8(&b->w, level);
	wire_wr_h16(&b->w, 0);
	wire_wr_h32(&b->w, reqid);
	wire_wr_h32(&b->w, 0);
	if (src) {
		put_sockaddr(b, src, sport);
		put_sockaddr(b, dst, dport);
	}
	wire_wr_align(&b->w, 8);
	if (!wire_wr_ok(&b->w)) {
		fail(b, -ENOSPC);
		return;
	}
	rlen = (uint16_t)(b->w.p - at);
	memcpy(at, &rlen, sizeof(rlen));
}

void pfkey_policy_end(struct pfkey_builder *b)
{
	uint8_t *at = b->policy;

	if (!at) {
		fail(b, -EINVAL);
		return;
	}
	b->policy = NULL;
	ext_end(b, at);
}

void pfkey_add_nat_t_type(struct pfkey_builder *b, uint8_t type)
{
	uint8_t *at = ext_begin(b, SADB_X_EXT_NAT_T_TYPE);

	if (!at)
		return;
	wire_wr_u8(&b->w, type);
	wire_wr_zero(&b->w, 3);
	ext_end(b, at);
}

void pfkey_add_nat_t_port(struct pfkey_builder *b, uint16_t exttype, uint16_t port)
{
	uint8_t *at;

	if (exttype != SADB_X_EXT_NAT_T_SPORT && exttype != SADB_X_EXT_NAT_T_DPORT) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, exttype);
	if (!at)
		return;
	wire_wr_be16(&b->w, port);
	wire_wr_h16(&b->w, 0);
	ext_end(b, at);
}

void pfkey_add_sec_ctx(struct pfkey_builder *b, uint8_t alg, uint8_t doi, const void *ctx, uint16_t len)
{
	uint8_t *at = ext_begin(b, SADB_X_EXT_SEC_CTX);

	if (!at)
		return;
	wire_wr_u8(&b->w, alg);
	wire_wr_u8(&b->w, doi);
	wire_wr_h16(&b->w, len);
	wire_wr_bytes(&b->w, ctx, len);
	ext_end(b, at);
}

void pfkey_add_kmaddress(struct pfkey_builder *b, const struct ip_addr *local, const struct ip_addr *remote)
{
	uint8_t *at;

	if (local->family != remote->family) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, SADB_X_EXT_KMADDRESS);
	if (!at)
		return;
	wire_wr_h32(&b->w, 0);
	put_sockaddr(b, local, 0);
	put_sockaddr(b, remote, 0);
	ext_end(b, at);
}

void pfkey_add_filter(struct pfkey_builder *b, const struct ip_addr *saddr, uint8_t splen,
		      const struct ip_addr *daddr, uint8_t dplen)
{
	uint8_t *at;

	if (saddr->family != daddr->family || !addr_len(saddr)) {
		fail(b, -EINVAL);
		return;
	}
	at = ext_begin(b, SADB_X_EXT_FILTER);
	if (!at)
		return;
	wire_wr_bytes(&b->w, saddr->u.bytes, 16);
	wire_wr_bytes(&b->w, daddr->u.bytes, 16);
	wire_wr_h16(&b->w, saddr->family);
	wire_wr_u8(&b->w, splen);
	wire_wr_u8(&b->w, dplen);
	ext_end(b, at);
}
