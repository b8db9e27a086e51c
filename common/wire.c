/* Bounded wire reader and writer: see wire.h. */
#include "common/wire.h"

#include <string.h>

void wire_rd_init(struct wire_rd *r, const void *buf, size_t len)
{
	/* No arithmetic on a NULL buffer, even with a zero length. */
	r->p = buf;
	r->end = buf ? r->p + len : NULL;
	r->err = buf == NULL && len != 0;
}

void wire_rd_fail(struct wire_rd *r)
{
	r->err = true;
	r->p = r->end;
}

const uint8_t *wire_rd_ptr(struct wire_rd *r, size_t len)
{
	const uint8_t *at;

	if (r->err || (size_t)(r->end - r->p) < len) {
		wire_rd_fail(r);
		return NULL;
	}
	at = r->p;
	if (len)
		r->p += len;
	return at;
}

void wire_rd_skip(struct wire_rd *r, size_t len)
{
	(void)wire_rd_ptr(r, len);
}

void wire_rd_bytes(struct wire_rd *r, void *dst, size_t len)
{
	const uint8_t *at = wire_rd_ptr(r, len);

	if (at)
		memcpy(dst, at, len);
	else if (len)
		memset(dst, 0, len);
}

uint8_t wire_rd_u8(struct wire_rd *r)
{
	const uint8_t *at = wire_rd_ptr(r, 1);

	return at ? at[0] : 0;
}

uint16_t wire_rd_be16(struct wire_rd *r)
{
	const uint8_t *at = wire_rd_ptr(r, 2);

	return at ? wire_get_be16(at) : 0;
}

uint32_t wire_rd_be32(struct wire_rd *r)
{
	const uint8_t *at = wire_rd_ptr(r, 4);

	return at ? wire_get_be32(at) : 0;
}

uint64_t wire_rd_be64(struct wire_rd *r)
{
	const uint8_t *at = wire_rd_ptr(r, 8);

	return at ? (uint64_t)wire_get_be32(at) << 32 | wire_get_be32(at + 4) : 0;
}

uint16_t wire_rd_h16(struct wire_rd *r)
{
	uint16_t v;

	wire_rd_bytes(r, &v, sizeof(v));
	return v;
}

uint32_t wire_rd_h32(struct wire_rd *r)
{
	uint32_t v;

	wire_rd_bytes(r, &v, sizeof(v));
	return v;
}

uint64_t wire_rd_h64(struct wire_rd *r)
{
	uint64_t v;

	wire_rd_bytes(r, &v, sizeof(v));
	return v;
}

void wire_rd_sub(struct wire_rd *r, struct wire_rd *sub, size_t len)
{
	const uint8_t *at = wire_rd_ptr(r, len);

	if (at) {
		wire_rd_init(sub, at, len);
	} else {
		sub->p = sub->end = NULL;
		sub->err = true;
	}
}

void wire_wr_init(struct wire_wr *w, void *buf, size_t cap)
{
	w->start = w->p = buf;
	w->end = buf ? w->p + cap : NULL;
	w->err = buf == NULL && cap != 0;
}

uint8_t *wire_wr_reserve(struct wire_wr *w, size_t len)
{
	uint8_t *at;

	if (w->err || (size_t)(w->end - w->p) < len) {
		w->err = true;
		return NULL;
	}
	at = w->p;
	if (len)
		w->p += len;
	return at;
}

void wire_wr_bytes(struct wire_wr *w, const void *src, size_t len)
{
	uint8_t *at = wire_wr_reserve(w, len);

	if (at && len)
		memcpy(at, src, len);
}

void wire_wr_zero(struct wire_wr *w, size_t len)
{
	uint8_t *at = wire_wr_reserve(w, len);

	if (at && len)
		memset(at, 0, len);
}

void wire_wr_u8(struct wire_wr *w, uint8_t v)
{
	wire_wr_bytes(w, &v, 1);
}

void wire_wr_be16(struct wire_wr *w, uint16_t v)
{
	uint8_t *at = wire_wr_reserve(w, 2);

	if (at)
		wire_put_be16(at, v);
}

void wire_wr_be32(struct wire_wr *w, uint32_t v)
{
	uint8_t *at = wire_wr_reserve(w, 4);

	if (at)
		wire_put_be32(at, v);
}

void wire_wr_be64(struct wire_wr *w, uint64_t v)
{
	/* one reservation, so an overrun writes nothing at all */
	uint8_t *at = wire_wr_reserve(w, 8);

	if (at) {
		wire_put_be32(at, (uint32_t)(v >> 32));
		wire_put_be32(at + 4, (uint32_t)v);
	}
}

void wire_wr_h16(struct wire_wr *w, uint16_t v)
{
	wire_wr_bytes(w, &v, sizeof(v));
}

void wire_wr_h32(struct wire_wr *w, uint32_t v)
{
	wire_wr_bytes(w, &v, sizeof(v));
}

void wire_wr_h64(struct wire_wr *w, uint64_t v)
{
	wire_wr_bytes(w, &v, sizeof(v));
}

void wire_wr_align(struct wire_wr *w, size_t align)
{
	size_t rem;

	if (align == 0 || (align & (align - 1))) {
		w->err = true;
		return;
	}
	rem = wire_wr_len(w) & (align - 1);

	if (rem)
		wire_wr_zero(w, align - rem);
}

void wire_put_be16(uint8_t *at, uint16_t v)
{
	at[0] = (uint8_t)(v >> 8);
	at[1] = (uint8_t)v;
}

void wire_put_be32(uint8_t *at, uint32_t v)
{
	at[0] = (uint8_t)(v >> 24);
	at[1] = (uint8_t)(v >> 16);
	at[2] = (uint8_t)(v >> 8);
	at[3] = (uint8_t)v;
}

uint16_t wire_get_be16(const uint8_t *at)
{
	return (uint16_t)(at[0] << 8 | at[1]);
}

uint32_t wire_get_be32(const uint8_t *at)
{
	return (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 | (uint32_t)at[2] << 8 | at[3];
}
