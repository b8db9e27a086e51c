/* Wire reader and writer: values, every overrun refused, sticky errors,
 * sub-readers, reservations and alignment. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/wire.h"

static const uint8_t seq[16] = {
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
};

static void test_rd_values(void **state)
{
	struct wire_rd r;
	uint8_t out[3];
	uint16_t h16;
	uint32_t h32;
	uint64_t h64;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	assert_true(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 16);
	assert_int_equal(wire_rd_u8(&r), 0x01);
	assert_int_equal(wire_rd_be16(&r), 0x0203);
	assert_int_equal(wire_rd_be32(&r), 0x04050607);
	assert_int_equal(wire_rd_be64(&r), 0x08090a0b0c0d0e0full);
	assert_int_equal(wire_rd_left(&r), 1);
	assert_int_equal(wire_rd_u8(&r), 0x10);
	assert_int_equal(wire_rd_left(&r), 0);
	assert_true(wire_rd_ok(&r));

	wire_rd_init(&r, seq, sizeof(seq));
	memcpy(&h16, seq, 2);
	memcpy(&h32, seq + 2, 4);
	memcpy(&h64, seq + 6, 8);
	assert_int_equal(wire_rd_h16(&r), h16);
	assert_int_equal(wire_rd_h32(&r), h32);
	assert_int_equal(wire_rd_h64(&r), h64);
	wire_rd_bytes(&r, out, 2);
	assert_memory_equal(out, seq + 14, 2);
	assert_int_equal(wire_rd_left(&r), 0);
	assert_true(wire_rd_ok(&r));
}

static void test_rd_ptr_skip(void **state)
{
	struct wire_rd r;
	const uint8_t *p;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_skip(&r, 3);
	p = wire_rd_ptr(&r, 4);
	assert_ptr_equal(p, seq + 3);
	/* zero-length reads succeed and do not move */
	p = wire_rd_ptr(&r, 0);
	assert_ptr_equal(p, seq + 7);
	wire_rd_skip(&r, 0);
	assert_int_equal(wire_rd_left(&r), 9);
	wire_rd_skip(&r, 9);
	assert_true(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 0);
}

/* Each reader function given one byte too few fails, returns zero, and
 * leaves the reader failed with nothing left. */
#define SHORT_CASE(name, avail, expr)                                      \
	static void name(void **state)                                     \
	{                                                                  \
		struct wire_rd r;                                          \
		(void)state;                                               \
		wire_rd_init(&r, seq, avail);                              \
		assert_true((expr) == 0);                                  \
		assert_false(wire_rd_ok(&r));                              \
		assert_int_equal(wire_rd_left(&r), 0);                     \
		/* sticky: even a read that would have fit now fails */   \
		assert_int_equal(wire_rd_u8(&r), 0);                       \
		assert_false(wire_rd_ok(&r));                              \
	}

SHORT_CASE(test_short_u8, 0, wire_rd_u8(&r))
SHORT_CASE(test_short_be16, 1, wire_rd_be16(&r))
SHORT_CASE(test_short_be32, 3, wire_rd_be32(&r))
SHORT_CASE(test_short_be64, 7, wire_rd_be64(&r))
SHORT_CASE(test_short_h16, 1, wire_rd_h16(&r))
SHORT_CASE(test_short_h32, 3, wire_rd_h32(&r))
SHORT_CASE(test_short_h64, 7, wire_rd_h64(&r))
SHORT_CASE(test_short_ptr, 4, wire_rd_ptr(&r, 5) != NULL)

static void test_short_skip(void **state)
{
	struct wire_rd r;

	(void)state;
	wire_rd_init(&r, seq, 4);
	wire_rd_skip(&r, 5);
	assert_false(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 0);
	assert_null(wire_rd_ptr(&r, 0));
}

static void test_short_bytes_zero_filled(void **state)
{
	struct wire_rd r;
	uint8_t out[8];

	(void)state;
	memset(out, 0xaa, sizeof(out));
	wire_rd_init(&r, seq, 7);
	wire_rd_bytes(&r, out, 8);
	assert_false(wire_rd_ok(&r));
	for (size_t i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0);
}

/* A huge length must not wrap the pointer comparison. */
static void test_short_huge_len(void **state)
{
	struct wire_rd r;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_u8(&r);
	assert_null(wire_rd_ptr(&r, SIZE_MAX));
	assert_false(wire_rd_ok(&r));
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_skip(&r, SIZE_MAX - 1);
	assert_false(wire_rd_ok(&r));
}

static void test_rd_sticky_after_fail(void **state)
{
	struct wire_rd r;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_be32(&r);
	wire_rd_fail(&r);
	assert_false(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 0);
	assert_int_equal(wire_rd_be16(&r), 0);
	assert_int_equal(wire_rd_be32(&r), 0);
	assert_int_equal(wire_rd_be64(&r), 0);
	assert_null(wire_rd_ptr(&r, 1));
}

static void test_rd_null(void **state)
{
	struct wire_rd r;

	(void)state;
	wire_rd_init(&r, NULL, 0);
	assert_true(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 0);
	assert_int_equal(wire_rd_u8(&r), 0);
	assert_false(wire_rd_ok(&r));
	wire_rd_init(&r, NULL, 10);
	assert_false(wire_rd_ok(&r));
	assert_int_equal(wire_rd_left(&r), 0);
}

static void test_rd_sub(void **state)
{
	struct wire_rd r, sub;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_u8(&r);
	wire_rd_sub(&r, &sub, 4);
	assert_true(wire_rd_ok(&r));
	assert_true(wire_rd_ok(&sub));
	assert_int_equal(wire_rd_left(&sub), 4);
	assert_int_equal(wire_rd_left(&r), 11);
	assert_int_equal(wire_rd_be32(&sub), 0x02030405);
	/* reading past the sub-reader's end fails it, not the parent */
	assert_int_equal(wire_rd_u8(&sub), 0);
	assert_false(wire_rd_ok(&sub));
	assert_true(wire_rd_ok(&r));
	assert_int_equal(wire_rd_u8(&r), 0x06);
	/* an empty sub-reader is fine */
	wire_rd_sub(&r, &sub, 0);
	assert_true(wire_rd_ok(&sub));
	assert_int_equal(wire_rd_left(&sub), 0);
}

static void test_rd_sub_past_end(void **state)
{
	struct wire_rd r, sub;

	(void)state;
	wire_rd_init(&r, seq, sizeof(seq));
	wire_rd_skip(&r, 10);
	wire_rd_sub(&r, &sub, 7);
	assert_false(wire_rd_ok(&r));
	assert_false(wire_rd_ok(&sub));
	assert_int_equal(wire_rd_left(&sub), 0);
	assert_int_equal(wire_rd_u8(&sub), 0);
	/* from a failed parent, a sub-reader fails too */
	wire_rd_sub(&r, &sub, 0);
	assert_false(wire_rd_ok(&sub));
}

static void test_wr_values(void **state)
{
	uint8_t buf[32];
	struct wire_wr w;
	uint16_t h16 = 0x1234;
	uint32_t h32 = 0x12345678;
	uint64_t h64 = 0x0102030405060708ull;

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	wire_wr_init(&w, buf, sizeof(buf));
	assert_true(wire_wr_ok(&w));
	assert_int_equal(wire_wr_left(&w), 32);
	wire_wr_u8(&w, 0x01);
	wire_wr_be16(&w, 0x0203);
	wire_wr_be32(&w, 0x04050607);
	wire_wr_be64(&w, 0x08090a0b0c0d0e0full);
	wire_wr_bytes(&w, "\x10", 1);
	assert_int_equal(wire_wr_len(&w), 16);
	assert_memory_equal(buf, seq, 16);
	wire_wr_h16(&w, h16);
	wire_wr_h32(&w, h32);
	wire_wr_h64(&w, h64);
	assert_memory_equal(buf + 16, &h16, 2);
	assert_memory_equal(buf + 18, &h32, 4);
	assert_memory_equal(buf + 22, &h64, 8);
	wire_wr_zero(&w, 2);
	assert_int_equal(buf[30], 0);
	assert_int_equal(buf[31], 0);
	assert_int_equal(wire_wr_len(&w), 32);
	assert_int_equal(wire_wr_left(&w), 0);
	assert_true(wire_wr_ok(&w));
	/* zero-length writes at the end are fine */
	wire_wr_bytes(&w, NULL, 0);
	wire_wr_zero(&w, 0);
	assert_true(wire_wr_ok(&w));
}

/* Each writer function given one byte too little room fails, writes
 * nothing, and stays failed. */
#define WR_SHORT_CASE(name, room, stmt)                                    \
	static void name(void **state)                                     \
	{                                                                  \
		uint8_t buf[16];                                           \
		struct wire_wr w;                                          \
		(void)state;                                               \
		memset(buf, 0xee, sizeof(buf));                            \
		wire_wr_init(&w, buf, room);                               \
		stmt;                                                      \
		assert_false(wire_wr_ok(&w));                              \
		assert_int_equal(wire_wr_len(&w), 0);                      \
		assert_int_equal(wire_wr_left(&w), 0);                     \
		for (size_t i = 0; i < sizeof(buf); i++)                   \
			assert_int_equal(buf[i], 0xee);                    \
		wire_wr_u8(&w, 0);                                         \
		assert_false(wire_wr_ok(&w));                              \
		assert_int_equal(buf[0], 0xee);                            \
	}

WR_SHORT_CASE(test_wr_short_u8, 0, wire_wr_u8(&w, 1))
WR_SHORT_CASE(test_wr_short_be16, 1, wire_wr_be16(&w, 1))
WR_SHORT_CASE(test_wr_short_be32, 3, wire_wr_be32(&w, 1))
WR_SHORT_CASE(test_wr_short_be64, 7, wire_wr_be64(&w, 1))
WR_SHORT_CASE(test_wr_short_h16, 1, wire_wr_h16(&w, 1))
WR_SHORT_CASE(test_wr_short_h32, 3, wire_wr_h32(&w, 1))
WR_SHORT_CASE(test_wr_short_h64, 7, wire_wr_h64(&w, 1))
WR_SHORT_CASE(test_wr_short_bytes, 4, wire_wr_bytes(&w, seq, 5))
WR_SHORT_CASE(test_wr_short_zero, 4, wire_wr_zero(&w, 5))
WR_SHORT_CASE(test_wr_short_reserve, 4, assert_null(wire_wr_reserve(&w, 5)))
WR_SHORT_CASE(test_wr_short_huge, 4, wire_wr_zero(&w, SIZE_MAX))

static void test_wr_sticky(void **state)
{
	uint8_t buf[4];
	struct wire_wr w;

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, 0xaa);
	wire_wr_be32(&w, 0);
	assert_false(wire_wr_ok(&w));
	/* what was written before the error stays counted */
	assert_int_equal(wire_wr_len(&w), 1);
	wire_wr_u8(&w, 0xbb);
	assert_int_equal(wire_wr_len(&w), 1);
	assert_null(wire_wr_reserve(&w, 0));
}

static void test_wr_null(void **state)
{
	struct wire_wr w;

	(void)state;
	wire_wr_init(&w, NULL, 0);
	assert_true(wire_wr_ok(&w));
	assert_int_equal(wire_wr_len(&w), 0);
	wire_wr_u8(&w, 1);
	assert_false(wire_wr_ok(&w));
	wire_wr_init(&w, NULL, 8);
	assert_false(wire_wr_ok(&w));
}

static void test_wr_reserve_put_get(void **state)
{
	uint8_t buf[16];
	struct wire_wr w;
	uint8_t *len16, *len32;

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	len16 = wire_wr_reserve(&w, 2);
	len32 = wire_wr_reserve(&w, 4);
	assert_ptr_equal(len16, buf);
	assert_ptr_equal(len32, buf + 2);
	wire_wr_bytes(&w, "abc", 3);
	wire_put_be16(len16, (uint16_t)wire_wr_len(&w));
	wire_put_be32(len32, 0xdeadbeef);
	assert_memory_equal(buf, "\x00\x09\xde\xad\xbe\xef" "abc", 9);
	assert_int_equal(wire_get_be16(buf), 9);
	assert_int_equal(wire_get_be32(buf + 2), 0xdeadbeef);
	assert_int_equal(wire_get_be16((const uint8_t *)"\xff\xfe"), 0xfffe);
	assert_int_equal(wire_get_be32((const uint8_t *)"\x80\x00\x00\x01"), 0x80000001u);
}

static void test_wr_align(void **state)
{
	uint8_t buf[16];
	struct wire_wr w;

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	wire_wr_init(&w, buf, sizeof(buf));
	/* already aligned: nothing written */
	wire_wr_align(&w, 8);
	assert_int_equal(wire_wr_len(&w), 0);
	wire_wr_u8(&w, 1);
	wire_wr_align(&w, 1);
	assert_int_equal(wire_wr_len(&w), 1);
	wire_wr_align(&w, 4);
	assert_int_equal(wire_wr_len(&w), 4);
	assert_memory_equal(buf, "\x01\x00\x00\x00", 4);
	wire_wr_u8(&w, 2);
	wire_wr_align(&w, 2);
	assert_int_equal(wire_wr_len(&w), 6);
	wire_wr_align(&w, 8);
	assert_int_equal(wire_wr_len(&w), 8);
	assert_memory_equal(buf + 4, "\x02\x00\x00\x00", 4);
	wire_wr_align(&w, 16);
	assert_int_equal(wire_wr_len(&w), 16);
	assert_true(wire_wr_ok(&w));
}

static void test_wr_align_overrun(void **state)
{
	uint8_t buf[6];
	struct wire_wr w;

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, 1);
	wire_wr_align(&w, 8);
	assert_false(wire_wr_ok(&w));
	assert_int_equal(wire_wr_len(&w), 1);
}

static void test_wr_align_bad(void **state)
{
	uint8_t buf[16];
	struct wire_wr w;

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, 1);
	wire_wr_align(&w, 0);
	assert_false(wire_wr_ok(&w));
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, 1);
	wire_wr_align(&w, 3);
	assert_false(wire_wr_ok(&w));
}

/* What the writer produces, the reader reads back. */
static void test_round_trip(void **state)
{
	uint8_t buf[64];
	struct wire_wr w;
	struct wire_rd r;
	uint8_t tail[3];

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, 0xfe);
	wire_wr_be16(&w, 0xfffe);
	wire_wr_be32(&w, 0xfffffffe);
	wire_wr_be64(&w, 0xfffffffffffffffeull);
	wire_wr_h16(&w, 0xabcd);
	wire_wr_h32(&w, 0xabcdef01);
	wire_wr_h64(&w, 0xabcdef0123456789ull);
	wire_wr_bytes(&w, "xyz", 3);
	assert_true(wire_wr_ok(&w));
	wire_rd_init(&r, buf, wire_wr_len(&w));
	assert_int_equal(wire_rd_u8(&r), 0xfe);
	assert_int_equal(wire_rd_be16(&r), 0xfffe);
	assert_int_equal(wire_rd_be32(&r), 0xfffffffe);
	assert_int_equal(wire_rd_be64(&r), 0xfffffffffffffffeull);
	assert_int_equal(wire_rd_h16(&r), 0xabcd);
	assert_int_equal(wire_rd_h32(&r), 0xabcdef01);
	assert_int_equal(wire_rd_h64(&r), 0xabcdef0123456789ull);
	wire_rd_bytes(&r, tail, 3);
	assert_memory_equal(tail, "xyz", 3);
	assert_int_equal(wire_rd_left(&r), 0);
	assert_true(wire_rd_ok(&r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rd_values),
		cmocka_unit_test(test_rd_ptr_skip),
		cmocka_unit_test(test_short_u8),
		cmocka_unit_test(test_short_be16),
		cmocka_unit_test(test_short_be32),
		cmocka_unit_test(test_short_be64),
		cmocka_unit_test(test_short_h16),
		cmocka_unit_test(test_short_h32),
		cmocka_unit_test(test_short_h64),
		cmocka_unit_test(test_short_ptr),
		cmocka_unit_test(test_short_skip),
		cmocka_unit_test(test_short_bytes_zero_filled),
		cmocka_unit_test(test_short_huge_len),
		cmocka_unit_test(test_rd_sticky_after_fail),
		cmocka_unit_test(test_rd_null),
		cmocka_unit_test(test_rd_sub),
		cmocka_unit_test(test_rd_sub_past_end),
		cmocka_unit_test(test_wr_values),
		cmocka_unit_test(test_wr_short_u8),
		cmocka_unit_test(test_wr_short_be16),
		cmocka_unit_test(test_wr_short_be32),
		cmocka_unit_test(test_wr_short_be64),
		cmocka_unit_test(test_wr_short_h16),
		cmocka_unit_test(test_wr_short_h32),
		cmocka_unit_test(test_wr_short_h64),
		cmocka_unit_test(test_wr_short_bytes),
		cmocka_unit_test(test_wr_short_zero),
		cmocka_unit_test(test_wr_short_reserve),
		cmocka_unit_test(test_wr_short_huge),
		cmocka_unit_test(test_wr_sticky),
		cmocka_unit_test(test_wr_null),
		cmocka_unit_test(test_wr_reserve_put_get),
		cmocka_unit_test(test_wr_align),
		cmocka_unit_test(test_wr_align_overrun),
		cmocka_unit_test(test_wr_align_bad),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
