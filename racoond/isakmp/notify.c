/* Notification payload (RFC 2408 3.14, RFC 2407 4.6.3, RFC 3706). */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

int isakmp_notify_parse(const struct isakmp_pl *pl, struct isakmp_notify *n)
{
	struct wire_rd r;

	memset(n, 0, sizeof(*n));
	wire_rd_init(&r, pl->body, pl->len);
	n->doi = wire_rd_be32(&r);
	n->proto = wire_rd_u8(&r);
	n->spi_size = wire_rd_u8(&r);
	n->type = wire_rd_be16(&r);
	n->spi = wire_rd_ptr(&r, n->spi_size);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	if (n->type == 0)
		return -EINVAL;
	n->data = r.p;
	n->len = wire_rd_left(&r);
	return 0;
}

void isakmp_notify_write(struct isakmp_chain *c, const struct isakmp_notify *n)
{
	uint8_t *s = isakmp_pl_begin(c, ISAKMP_NP_N);

	wire_wr_be32(c->w, n->doi);
	wire_wr_u8(c->w, n->proto);
	wire_wr_u8(c->w, n->spi_size);
	wire_wr_be16(c->w, n->type);
	wire_wr_bytes(c->w, n->spi, n->spi_size);
	wire_wr_bytes(c->w, n->data, n->len);
	isakmp_pl_end(c, s);
}

int isakmp_dpd_parse(const struct isakmp_notify *n, const struct isakmp_hdr *h, uint32_t *seq)
{
	if (n->type != ISAKMP_NTYPE_R_U_THERE && n->type != ISAKMP_NTYPE_R_U_THERE_ACK)
		return -EINVAL;
	if (n->spi_size != 2 * ISAKMP_COOKIE_LEN || n->len != 4)
		return -EINVAL;
	if (memcmp(n->spi, h->icookie, ISAKMP_COOKIE_LEN) ||
	    memcmp(n->spi + ISAKMP_COOKIE_LEN, h->rcookie, ISAKMP_COOKIE_LEN))
		return -EINVAL;
	*seq = wire_get_be32(n->data);
	return 0;
}

const char *isakmp_notify_name(uint16_t type)
{
	switch (type) {
	case ISAKMP_NTYPE_INVALID_PAYLOAD_TYPE: return "INVALID-PAYLOAD-TYPE";
	case ISAKMP_NTYPE_DOI_NOT_SUPPORTED: return "DOI-NOT-SUPPORTED";
	case ISAKMP_NTYPE_SITUATION_NOT_SUPPORTED: return "SITUATION-NOT-SUPPORTED";
	case ISAKMP_NTYPE_INVALID_COOKIE: return "INVALID-COOKIE";
	case ISAKMP_NTYPE_INVALID_MAJOR_VERSION: return "INVALID-MAJOR-VERSION";
	case ISAKMP_NTYPE_INVALID_MINOR_VERSION: return "INVALID-MINOR-VERSION";
	case ISAKMP_NTYPE_INVALID_EXCHANGE_TYPE: return "INVALID-EXCHANGE-TYPE";
	case ISAKMP_NTYPE_INVALID_FLAGS: return "INVALID-FLAGS";
	case ISAKMP_NTYPE_INVALID_MESSAGE_ID: return "INVALID-MESSAGE-ID";
	case ISAKMP_NTYPE_INVALID_PROTOCOL_ID: return "INVALID-PROTOCOL-ID";
	case ISAKMP_NTYPE_INVALID_SPI: return "INVALID-SPI";
	case ISAKMP_NTYPE_INVALID_TRANSFORM_ID: return "INVALID-TRANSFORM-ID";
	case ISAKMP_NTYPE_ATTRIBUTES_NOT_SUPPORTED: return "ATTRIBUTES-NOT-SUPPORTED";
	case ISAKMP_NTYPE_NO_PROPOSAL_CHOSEN: return "NO-PROPOSAL-CHOSEN";
	case ISAKMP_NTYPE_BAD_PROPOSAL_SYNTAX: return "BAD-PROPOSAL-SYNTAX";
	case ISAKMP_NTYPE_PAYLOAD_MALFORMED: return "PAYLOAD-MALFORMED";
	case ISAKMP_NTYPE_INVALID_KEY_INFORMATION: return "INVALID-KEY-INFORMATION";
	case ISAKMP_NTYPE_INVALID_ID_INFORMATION: return "INVALID-ID-INFORMATION";
	case ISAKMP_NTYPE_INVALID_CERT_ENCODING: return "INVALID-CERT-ENCODING";
	case ISAKMP_NTYPE_INVALID_CERTIFICATE: return "INVALID-CERTIFICATE";
	case ISAKMP_NTYPE_CERT_TYPE_UNSUPPORTED: return "CERT-TYPE-UNSUPPORTED";
	case ISAKMP_NTYPE_INVALID_CERT_AUTHORITY: return "INVALID-CERT-AUTHORITY";
	case ISAKMP_NTYPE_INVALID_HASH_INFORMATION: return "INVALID-HASH-INFORMATION";
	case ISAKMP_NTYPE_AUTHENTICATION_FAILED: return "AUTHENTICATION-FAILED";
	case ISAKMP_NTYPE_INVALID_SIGNATURE: return "INVALID-SIGNATURE";
	case ISAKMP_NTYPE_ADDRESS_NOTIFICATION: return "ADDRESS-NOTIFICATION";
	case ISAKMP_NTYPE_NOTIFY_SA_LIFETIME: return "NOTIFY-SA-LIFETIME";
	case ISAKMP_NTYPE_CERTIFICATE_UNAVAILABLE: return "CERTIFICATE-UNAVAILABLE";
	case ISAKMP_NTYPE_UNSUPPORTED_EXCHANGE_TYPE: return "UNSUPPORTED-EXCHANGE-TYPE";
	case ISAKMP_NTYPE_UNEQUAL_PAYLOAD_LENGTHS: return "UNEQUAL-PAYLOAD-LENGTHS";
	case ISAKMP_NTYPE_CONNECTED: return "CONNECTED";
	case ISAKMP_NTYPE_RESPONDER_LIFETIME: return "RESPONDER-LIFETIME";
	case ISAKMP_NTYPE_REPLAY_STATUS: return "REPLAY-STATUS";
	case ISAKMP_NTYPE_INITIAL_CONTACT: return "INITIAL-CONTACT";
	case ISAKMP_NTYPE_R_U_THERE: return "R-U-THERE";
	case ISAKMP_NTYPE_R_U_THERE_ACK: return "R-U-THERE-ACK";
	}
	return "unknown";
}
