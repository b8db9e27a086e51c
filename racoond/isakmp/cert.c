/* Certificate and certificate request payloads (RFC 2408 3.9, 3.10). */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

static int cert_common(const struct isakmp_pl *pl, struct isakmp_cert *c)
{
	memset(c, 0, sizeof(*c));
	if (pl->len < 1)
		return -EINVAL;
	c->enc = pl->body[0];
	c->data = pl->body + 1;
	c->len = pl->len - 1;
	if (c->enc == ISAKMP_CERT_NONE || c->enc > ISAKMP_CERT_PLAINRSA)
		return -ENOTSUP;
	return 0;
}

int isakmp_cert_parse(const struct isakmp_pl *pl, struct isakmp_cert *c)
{
	int rc = cert_common(pl, c);

	if (rc == 0 && c->len == 0)
		return -EINVAL;
	return rc;
}

int isakmp_cr_parse(const struct isakmp_pl *pl, struct isakmp_cert *c)
{
	return cert_common(pl, c);
}

void isakmp_cert_write(struct isakmp_chain *c, uint8_t type, const struct isakmp_cert *cert)
{
	uint8_t *s = isakmp_pl_begin(c, type);

	wire_wr_u8(c->w, cert->enc);
	wire_wr_bytes(c->w, cert->data, cert->len);
	isakmp_pl_end(c, s);
}
