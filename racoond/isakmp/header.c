/* ISAKMP fixed header (RFC 2408 3.1). */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

int isakmp_hdr_parse(const uint8_t *buf, size_t len, struct isakmp_hdr *h)
{
	struct wire_rd r;

	memset(h, 0, sizeof(*h));
	if (len < ISAKMP_HDR_LEN)
		return -EINVAL;
	wire_rd_init(&r, buf, len);
	wire_rd_bytes(&r, h->icookie, ISAKMP_COOKIE_LEN);
	wire_rd_bytes(&r, h->rcookie, ISAKMP_COOKIE_LEN);
	h->np = wire_rd_u8(&r);
	h->version = wire_rd_u8(&r);
	h->etype = wire_rd_u8(&r);
	h->flags = wire_rd_u8(&r);
	h->msgid = wire_rd_be32(&r);
	h->len = wire_rd_be32(&r);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	/* A length beyond the datagram or a UDP payload is how CVE-2004-0403
	 * exhausted memory: refuse it before anything sizes a buffer on it. */
	if (h->len > ISAKMP_MSG_MAX || h->len != len || h->len < ISAKMP_HDR_LEN)
		return -EMSGSIZE;
	/* Major version 1; minor versions are accepted (RFC 2408 5.1). */
	if ((h->version >> 4) != 1)
		return -EPROTO;
	if (h->flags & ~ISAKMP_FLAG_MASK)
		return -EPROTO;
	return 0;
}

void isakmp_hdr_write(struct wire_wr *w, const struct isakmp_hdr *h)
{
	wire_wr_bytes(w, h->icookie, ISAKMP_COOKIE_LEN);
	wire_wr_bytes(w, h->rcookie, ISAKMP_COOKIE_LEN);
	wire_wr_u8(w, h->np);
	wire_wr_u8(w, h->version);
	wire_wr_u8(w, h->etype);
	wire_wr_u8(w, h->flags);
	wire_wr_be32(w, h->msgid);
	wire_wr_be32(w, h->len);
}

const char *isakmp_etype_name(uint8_t etype)
{
	switch (etype) {
	case ISAKMP_ETYPE_NONE: return "none";
	case ISAKMP_ETYPE_BASE: return "base";
	case ISAKMP_ETYPE_IDENT: return "identity protection";
	case ISAKMP_ETYPE_AUTH: return "authentication only";
	case ISAKMP_ETYPE_AGG: return "aggressive";
	case ISAKMP_ETYPE_INFO: return "informational";
	case ISAKMP_ETYPE_CFG: return "transaction";
	case ISAKMP_ETYPE_QUICK: return "quick";
	case ISAKMP_ETYPE_NEWGRP: return "new group";
	}
	return "unknown";
}

const char *isakmp_np_name(uint8_t np)
{
	switch (np) {
	case ISAKMP_NP_NONE: return "none";
	case ISAKMP_NP_SA: return "SA";
	case ISAKMP_NP_P: return "P";
	case ISAKMP_NP_T: return "T";
	case ISAKMP_NP_KE: return "KE";
	case ISAKMP_NP_ID: return "ID";
	case ISAKMP_NP_CERT: return "CERT";
	case ISAKMP_NP_CR: return "CR";
	case ISAKMP_NP_HASH: return "HASH";
	case ISAKMP_NP_SIG: return "SIG";
	case ISAKMP_NP_NONCE: return "NONCE";
	case ISAKMP_NP_N: return "N";
	case ISAKMP_NP_D: return "D";
	case ISAKMP_NP_VID: return "VID";
	case ISAKMP_NP_ATTR: return "ATTR";
	case ISAKMP_NP_NATD_BADDRAFT: return "NAT-D(bad draft)";
	case ISAKMP_NP_NATOA_BADDRAFT: return "NAT-OA(bad draft)";
	case ISAKMP_NP_NATD_RFC: return "NAT-D";
	case ISAKMP_NP_NATOA_RFC: return "NAT-OA";
	case ISAKMP_NP_NATD_DRAFT: return "NAT-D(draft)";
	case ISAKMP_NP_NATOA_DRAFT: return "NAT-OA(draft)";
	case ISAKMP_NP_FRAG: return "FRAG";
	}
	return "unknown";
}
