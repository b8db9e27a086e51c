/* IVs of the encrypted exchanges (RFC 2409 appendix B). */
#include <errno.h>
#include <string.h>

#include "common/wire.h"
#include "racoond/crypto/ikecrypto.h"

#define IKE_MAX_HASH 64

int ike_iv_phase1(unsigned hash, const uint8_t *gxi, size_t gxi_len, const uint8_t *gxr,
		  size_t gxr_len, size_t bs, uint8_t *iv)
{
	struct ike_buf parts[] = { { gxi, gxi_len }, { gxr, gxr_len } };
	uint8_t h[IKE_MAX_HASH];
	int rc;

	if (bs == 0 || bs > ike_hash_len(hash))
		return -EINVAL;
	rc = ike_hash(hash, parts, 2, h);
	if (rc == 0)
		memcpy(iv, h, bs);
	return rc;
}

int ike_iv_msgid(unsigned hash, const uint8_t *last_block, size_t bs, uint32_t msgid,
		 uint8_t *iv)
{
	uint8_t mid[4], h[IKE_MAX_HASH];
	struct ike_buf parts[] = { { last_block, bs }, { mid, 4 } };
	int rc;

	if (bs == 0 || bs > ike_hash_len(hash))
		return -EINVAL;
	wire_put_be32(mid, msgid);
	rc = ike_hash(hash, parts, 2, h);
	if (rc == 0)
		memcpy(iv, h, bs);
	return rc;
}
