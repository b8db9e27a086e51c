/* Required payloads per exchange and message (RFC 2409 5, 5.5, 5.7;
 * RFC 2408 4.8).  Engines call this before touching any payload, so a
 * message without, say, aggressive mode's KE or nonce (CVE-2005-3732) is
 * refused here rather than dereferenced later. */
#include <errno.h>

#include "racoond/isakmp/isakmp.h"

enum {
	R_SA = 1 << 0,
	R_KE = 1 << 1,
	R_NONCE = 1 << 2,
	R_ID = 1 << 3,
	R_AUTH = 1 << 4,        /* HASH or SIG */
	R_HASH1 = 1 << 5,       /* HASH as first payload */
	R_ND = 1 << 6,          /* at least one N or D */
	R_ATTR = 1 << 7,
};

static unsigned required(uint8_t etype, unsigned msgno, bool encrypted)
{
	static const unsigned ident[] = { R_SA, R_SA, R_KE | R_NONCE, R_KE | R_NONCE,
					  R_ID | R_AUTH, R_ID | R_AUTH };
	static const unsigned agg[] = { R_SA | R_KE | R_NONCE | R_ID,
					R_SA | R_KE | R_NONCE | R_ID | R_AUTH, R_AUTH };
	static const unsigned base[] = { R_SA | R_NONCE | R_ID, R_SA | R_NONCE | R_ID,
					 R_KE | R_AUTH, R_KE | R_AUTH };
	static const unsigned quick[] = { R_HASH1 | R_SA | R_NONCE, R_HASH1 | R_SA | R_NONCE,
					  R_HASH1, R_HASH1 | R_ND };

	if (msgno == 0)
		return 0;
	switch (etype) {
	case ISAKMP_ETYPE_IDENT:
		return msgno <= 6 ? ident[msgno - 1] : 0;
	case ISAKMP_ETYPE_AGG:
		return msgno <= 3 ? agg[msgno - 1] : 0;
	case ISAKMP_ETYPE_BASE:
		return msgno <= 4 ? base[msgno - 1] : 0;
	case ISAKMP_ETYPE_QUICK:
		return msgno <= 4 ? quick[msgno - 1] : 0;
	case ISAKMP_ETYPE_INFO:
		return R_ND | (encrypted ? R_HASH1 : 0);
	case ISAKMP_ETYPE_CFG:
		return R_ATTR | (encrypted ? R_HASH1 : 0);
	}
	return 0;
}

int isakmp_validate(const struct isakmp_msg *m, unsigned msgno)
{
	unsigned req = required(m->hdr.etype, msgno, m->hdr.flags & ISAKMP_FLAG_E);
	size_t nid = isakmp_msg_count(m, ISAKMP_NP_ID);

	if (req == 0)
		return -EBADMSG;
	/* An empty KE or nonce is as absent as a missing one. */
	for (size_t i = 0; i < m->npl; i++) {
		switch (m->pl[i].type) {
		case ISAKMP_NP_KE:
		case ISAKMP_NP_NONCE:
		case ISAKMP_NP_HASH:
		case ISAKMP_NP_SIG:
			if (isakmp_blob_check(&m->pl[i]) < 0)
				return -EBADMSG;
			break;
		}
	}
	/* Payloads that carry one negotiation value must be unique. */
	if (isakmp_msg_count(m, ISAKMP_NP_SA) > 1 || isakmp_msg_count(m, ISAKMP_NP_KE) > 1 ||
	    isakmp_msg_count(m, ISAKMP_NP_NONCE) > 1 || isakmp_msg_count(m, ISAKMP_NP_HASH) > 1 ||
	    isakmp_msg_count(m, ISAKMP_NP_SIG) > 1)
		return -EBADMSG;
	if (m->hdr.etype == ISAKMP_ETYPE_QUICK) {
		/* Client identities come in pairs (RFC 2409 5.5). */
		if (nid != 0 && nid != 2)
			return -EBADMSG;
	} else if (nid > 1) {
		return -EBADMSG;
	}
	if ((req & R_SA) && !isakmp_msg_find(m, ISAKMP_NP_SA, 0))
		return -EBADMSG;
	if ((req & R_KE) && !isakmp_msg_find(m, ISAKMP_NP_KE, 0))
		return -EBADMSG;
	if ((req & R_NONCE) && !isakmp_msg_find(m, ISAKMP_NP_NONCE, 0))
		return -EBADMSG;
	if ((req & R_ID) && nid == 0)
		return -EBADMSG;
	if ((req & R_AUTH) && !isakmp_msg_find(m, ISAKMP_NP_HASH, 0) &&
	    !isakmp_msg_find(m, ISAKMP_NP_SIG, 0))
		return -EBADMSG;
	if ((req & R_HASH1) && (m->npl == 0 || m->pl[0].type != ISAKMP_NP_HASH))
		return -EBADMSG;
	if ((req & R_ND) && !isakmp_msg_find(m, ISAKMP_NP_N, 0) &&
	    !isakmp_msg_find(m, ISAKMP_NP_D, 0))
		return -EBADMSG;
	if ((req & R_ATTR) && !isakmp_msg_find(m, ISAKMP_NP_ATTR, 0))
		return -EBADMSG;
	return 0;
}
