/* Opaque payloads: KE, HASH, SIG, NONCE, VID, NAT-D. */
#include <errno.h>

#include "racoond/isakmp/isakmp.h"

int isakmp_blob_check(const struct isakmp_pl *pl)
{
	switch (pl->type) {
	case ISAKMP_NP_NONCE:
		/* RFC 2409 5: nonces of 8 to 256 bytes. */
		if (pl->len < ISAKMP_NONCE_MIN || pl->len > ISAKMP_NONCE_MAX)
			return -EINVAL;
		return 0;
	case ISAKMP_NP_KE:
	case ISAKMP_NP_HASH:
	case ISAKMP_NP_SIG:
	case ISAKMP_NP_VID:
	case ISAKMP_NP_NATD_RFC:
	case ISAKMP_NP_NATD_DRAFT:
	case ISAKMP_NP_NATD_BADDRAFT:
		return pl->len ? 0 : -EINVAL;
	}
	return -EINVAL;
}
