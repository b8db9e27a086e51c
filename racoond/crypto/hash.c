/* HASH_I / HASH_R (RFC 2409 5), the quick mode hashes (RFC 2409 5.5) and
 * the NAT-D hash (RFC 3947). */
#include <errno.h>

#include "common/addr.h"
#include "common/wire.h"
#include "racoond/crypto/ikecrypto.h"

static int auth_hash(const struct ike_auth_input *in, bool initiator, uint8_t *out)
{
	const uint8_t *ga = initiator ? in->gxi : in->gxr, *gb = initiator ? in->gxr : in->gxi;
	const uint8_t *ca = initiator ? in->icookie : in->rcookie;
	const uint8_t *cb = initiator ? in->rcookie : in->icookie;
	struct ike_buf parts[] = {
		{ ga, in->gx_len }, { gb, in->gx_len }, { ca, 8 }, { cb, 8 },
		{ in->sai_b, in->sai_len }, { in->id_b, in->id_len },
	};

	return ike_prf(in->hash, in->skeyid->data, in->skeyid->len, parts, 6, out);
}

int ike_hash_i(const struct ike_auth_input *in, uint8_t *out)
{
	return auth_hash(in, true, out);
}

int ike_hash_r(const struct ike_auth_input *in, uint8_t *out)
{
	return auth_hash(in, false, out);
}

int ike_qm_hash1(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *rest, size_t rest_len, uint8_t *out)
{
	uint8_t mid[4];
	struct ike_buf parts[] = { { mid, 4 }, { rest, rest_len } };

	wire_put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a->data, skeyid_a->len, parts, 2, out);
}

int ike_qm_hash2(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *ni, size_t ni_len, const uint8_t *rest, size_t rest_len,
		 uint8_t *out)
{
	uint8_t mid[4];
	struct ike_buf parts[] = { { mid, 4 }, { ni, ni_len }, { rest, rest_len } };

	wire_put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a->data, skeyid_a->len, parts, 3, out);
}

int ike_qm_hash3(unsigned hash, const struct secret *skeyid_a, uint32_t msgid,
		 const uint8_t *ni, size_t ni_len, const uint8_t *nr, size_t nr_len,
		 uint8_t *out)
{
	static const uint8_t zero = 0;
	uint8_t mid[4];
	struct ike_buf parts[] = { { &zero, 1 }, { mid, 4 }, { ni, ni_len }, { nr, nr_len } };

	wire_put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a->data, skeyid_a->len, parts, 4, out);
}

int ike_natd_hash(unsigned hash, const uint8_t *icookie, const uint8_t *rcookie,
		  const struct ip_addr *addr, uint16_t port, uint8_t *out)
{
	uint8_t pb[2];
	struct ike_buf parts[] = {
		{ icookie, 8 }, { rcookie, 8 }, { addr->u.bytes, addr_len(addr) }, { pb, 2 },
	};

	if (addr_len(addr) == 0)
		return -EINVAL;
	wire_put_be16(pb, port);
	return ike_hash(hash, parts, 4, out);
}
