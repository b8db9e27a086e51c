/* Bounded reader and writer for wire formats.
 *
 * Every read and write is checked against the buffer's end.  The first
 * overrun sets a sticky error flag: later calls do nothing and return zeros,
 * so a decoder may read a whole structure and test wire_rd_ok() once. */
#ifndef COMMON_WIRE_H
#define COMMON_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wire_rd {
	const uint8_t *p;   /* next byte to read */
	const uint8_t *end; /* one past the last readable byte */
	bool err;           /* sticky: set by the first overrun */
};

struct wire_wr {
	uint8_t *p;
	uint8_t *start;
	uint8_t *end;
	bool err;
};

void wire_rd_init(struct wire_rd *r, const void *buf, size_t len);
static inline bool wire_rd_ok(const struct wire_rd *r) { return !r->err; }
static inline size_t wire_rd_left(const struct wire_rd *r) { return r->err ? 0 : (size_t)(r->end - r->p); }
/* Marks the reader failed (for semantic errors found by the caller). */
void wire_rd_fail(struct wire_rd *r);

uint8_t wire_rd_u8(struct wire_rd *r);
uint16_t wire_rd_be16(struct wire_rd *r);
uint32_t wire_rd_be32(struct wire_rd *r);
uint64_t wire_rd_be64(struct wire_rd *r);
/* Host byte order (for kernel interfaces such as PF_KEY and netlink). */
uint16_t wire_rd_h16(struct wire_rd *r);
uint32_t wire_rd_h32(struct wire_rd *r);
uint64_t wire_rd_h64(struct wire_rd *r);
/* Copies len bytes into dst (zero-filled on failure). */
void wire_rd_bytes(struct wire_rd *r, void *dst, size_t len);
/* Returns a pointer to the next len bytes and skips them, or NULL. */
const uint8_t *wire_rd_ptr(struct wire_rd *r, size_t len);
void wire_rd_skip(struct wire_rd *r, size_t len);
/* Carves the next len bytes into *sub and skips them in r.  On overrun both
 * readers fail. */
void wire_rd_sub(struct wire_rd *r, struct wire_rd *sub, size_t len);

void wire_wr_init(struct wire_wr *w, void *buf, size_t cap);
static inline bool wire_wr_ok(const struct wire_wr *w) { return !w->err; }
static inline size_t wire_wr_len(const struct wire_wr *w) { return (size_t)(w->p - w->start); }
static inline size_t wire_wr_left(const struct wire_wr *w) { return w->err ? 0 : (size_t)(w->end - w->p); }

void wire_wr_u8(struct wire_wr *w, uint8_t v);
void wire_wr_be16(struct wire_wr *w, uint16_t v);
void wire_wr_be32(struct wire_wr *w, uint32_t v);
void wire_wr_be64(struct wire_wr *w, uint64_t v);
void wire_wr_h16(struct wire_wr *w, uint16_t v);
void wire_wr_h32(struct wire_wr *w, uint32_t v);
void wire_wr_h64(struct wire_wr *w, uint64_t v);
void wire_wr_bytes(struct wire_wr *w, const void *src, size_t len);
void wire_wr_zero(struct wire_wr *w, size_t len);
/* Reserves len bytes to be filled later (e.g. a length field); NULL on overrun. */
uint8_t *wire_wr_reserve(struct wire_wr *w, size_t len);
/* Pads with zeros up to a multiple of align (a power of two) from the start;
 * any other align fails the writer. */
void wire_wr_align(struct wire_wr *w, size_t align);
/* Writes a big-endian 16-bit value at a position reserved earlier. */
void wire_put_be16(uint8_t *at, uint16_t v);
void wire_put_be32(uint8_t *at, uint32_t v);
uint16_t wire_get_be16(const uint8_t *at);
uint32_t wire_get_be32(const uint8_t *at);

#endif
