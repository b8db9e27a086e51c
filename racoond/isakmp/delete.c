/* Delete payload (RFC 2408 3.15). */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

static bool spi_size_ok(uint8_t proto, uint8_t size)
{
	switch (proto) {
	case ISAKMP_PROTO_ISAKMP: return size == 2 * ISAKMP_COOKIE_LEN;
	case ISAKMP_PROTO_AH:
	case ISAKMP_PROTO_ESP: return size == 4;
	case ISAKMP_PROTO_IPCOMP: return size == 2 || size == 4;
	}
	return false;
}

int isakmp_delete_parse(const struct isakmp_pl *pl, struct isakmp_delete *d)
{
	struct wire_rd r;

	memset(d, 0, sizeof(*d));
	wire_rd_init(&r, pl->body, pl->len);
	d->doi = wire_rd_be32(&r);
	d->proto = wire_rd_u8(&r);
	d->spi_size = wire_rd_u8(&r);
	d->nspi = wire_rd_be16(&r);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	if (!spi_size_ok(d->proto, d->spi_size))
		return -EINVAL;
	if (d->nspi == 0 || wire_rd_left(&r) != (size_t)d->nspi * d->spi_size)
		return -EINVAL;
	d->spis = r.p;
	return 0;
}

void isakmp_delete_write(struct isakmp_chain *c, const struct isakmp_delete *d)
{
	uint8_t *s = isakmp_pl_begin(c, ISAKMP_NP_D);

	wire_wr_be32(c->w, d->doi);
	wire_wr_u8(c->w, d->proto);
	wire_wr_u8(c->w, d->spi_size);
	wire_wr_be16(c->w, d->nspi);
	wire_wr_bytes(c->w, d->spis, (size_t)d->nspi * d->spi_size);
	isakmp_pl_end(c, s);
}
