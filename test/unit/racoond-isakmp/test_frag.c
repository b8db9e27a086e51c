/* IKE fragmentation: payload parsing, splitting, and reassembly with the
 * CVE-2009-1574 and CVE-2016-10396 triggers refused cleanly. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "racoond/isakmp/isakmp.h"

static const struct isakmp_hdr hdr_tmpl = {
	.icookie = { 1, 2, 3, 4, 5, 6, 7, 8 },
	.rcookie = { 8, 7, 6, 5, 4, 3, 2, 1 },
	.version = ISAKMP_VERSION,
	.etype = ISAKMP_ETYPE_IDENT,
	.flags = ISAKMP_FLAG_E,
};

/* An encrypted main mode message of len bytes with a recognisable body. */
static size_t make_msg(uint8_t *buf, size_t len)
{
	struct isakmp_hdr h = hdr_tmpl;
	struct wire_wr w;

	h.np = ISAKMP_NP_ID;
	h.len = (uint32_t)len;
	wire_wr_init(&w, buf, len);
	isakmp_hdr_write(&w, &h);
	for (size_t i = ISAKMP_HDR_LEN; i < len; i++)
		buf[i] = (uint8_t)(i * 7);
	return len;
}

/* A fragment packet written by hand (to produce malformed ones). */
static size_t make_frag(uint8_t *buf, uint16_t id, uint8_t index, uint8_t flags,
			const uint8_t *data, size_t dlen)
{
	struct isakmp_hdr h = hdr_tmpl;
	struct wire_wr w;
	size_t len = ISAKMP_HDR_LEN + ISAKMP_FRAG_HDR_LEN + dlen;

	h.np = ISAKMP_NP_FRAG;
	h.flags = 0;
	h.len = (uint32_t)len;
	wire_wr_init(&w, buf, len);
	isakmp_hdr_write(&w, &h);
	wire_wr_u8(&w, 0);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, (uint16_t)(ISAKMP_FRAG_HDR_LEN + dlen));
	wire_wr_be16(&w, id);
	wire_wr_u8(&w, index);
	wire_wr_u8(&w, flags);
	wire_wr_bytes(&w, data, dlen);
	assert_true(wire_wr_ok(&w));
	return len;
}

static int add_raw(struct isakmp_reasm *r, uint16_t id, uint8_t index, uint8_t flags,
		   const uint8_t *data, size_t dlen, uint8_t *out, size_t outcap)
{
	uint8_t pkt[2048];
	struct isakmp_hdr h;
	struct isakmp_frag f;
	size_t n = make_frag(pkt, id, index, flags, data, dlen);
	int rc = isakmp_frag_parse(pkt, n, &h, &f);

	if (rc < 0)
		return rc;
	return isakmp_reasm_add(r, &h, &f, out, outcap);
}

static struct isakmp_reasm *new_reasm(void)
{
	struct isakmp_reasm *r = malloc(sizeof(*r));

	assert_non_null(r);
	isakmp_reasm_init(r, 8192);
	return r;
}

static void test_split_and_reassemble(void **state)
{
	uint8_t msg[1500], pkt[600], out[2000];
	size_t count, mtu = 552;
	struct isakmp_reasm *r = new_reasm();
	int rc = -1;

	(void)state;
	make_msg(msg, sizeof(msg));
	count = isakmp_frag_count(sizeof(msg), mtu);
	assert_int_equal(count, 3);
	/* Deliver out of order: 2, 3 (last), 1. */
	static const uint8_t order[] = { 2, 3, 1 };
	for (size_t i = 0; i < count; i++) {
		struct wire_wr w;
		struct isakmp_hdr h;
		struct isakmp_frag f;
		int n;

		wire_wr_init(&w, pkt, sizeof(pkt));
		n = isakmp_frag_build(&w, msg, sizeof(msg), mtu, 1, order[i]);
		assert_true(n > 0 && (size_t)n <= mtu);
		assert_int_equal(isakmp_frag_parse(pkt, (size_t)n, &h, &f), 0);
		assert_int_equal(h.np, ISAKMP_NP_FRAG);
		assert_int_equal(h.etype, ISAKMP_ETYPE_IDENT);
		assert_int_equal(f.index, order[i]);
		assert_int_equal(f.flags, order[i] == 3 ? ISAKMP_FRAG_LAST : 0);
		rc = isakmp_reasm_add(r, &h, &f, out, sizeof(out));
		if (i + 1 < count)
			assert_int_equal(rc, -EAGAIN);
	}
	assert_int_equal(rc, (int)sizeof(msg));
	assert_memory_equal(out, msg, sizeof(msg));
	assert_false(r->active);
	free(r);
}

static void test_build_bad_index(void **state)
{
	uint8_t msg[100], pkt[600];
	struct wire_wr w;

	(void)state;
	make_msg(msg, sizeof(msg));
	wire_wr_init(&w, pkt, sizeof(pkt));
	assert_int_equal(isakmp_frag_build(&w, msg, sizeof(msg), 552, 1, 0), -EINVAL);
	assert_int_equal(isakmp_frag_build(&w, msg, sizeof(msg), 552, 1, 2), -EINVAL);
	assert_int_equal(isakmp_frag_build(&w, msg, sizeof(msg), 30, 1, 1), -EMSGSIZE);
}

/* CVE-2009-1574: a fragment payload without data. */
static void test_zero_length_fragment(void **state)
{
	uint8_t pkt[64];
	struct isakmp_hdr h;
	struct isakmp_frag f;
	size_t n;

	(void)state;
	n = make_frag(pkt, 1, 1, ISAKMP_FRAG_LAST, NULL, 0);
	assert_int_equal(isakmp_frag_parse(pkt, n, &h, &f), -EINVAL);
	/* A fragment payload length shorter than its own header. */
	n = make_frag(pkt, 1, 1, ISAKMP_FRAG_LAST, (const uint8_t *)"x", 1);
	pkt[ISAKMP_HDR_LEN + 3] = 4;
	pkt[ISAKMP_HDR_LEN + 4] = 0;
	assert_true(isakmp_frag_parse(pkt, n, &h, &f) < 0);
	pkt[ISAKMP_HDR_LEN + 3] = 0;
	assert_true(isakmp_frag_parse(pkt, n, &h, &f) < 0);
}

static void test_fragment_not_132(void **state)
{
	uint8_t pkt[64];
	struct isakmp_hdr h;
	struct isakmp_frag f;
	size_t n;

	(void)state;
	n = make_frag(pkt, 1, 1, 0, (const uint8_t *)"abc", 3);
	pkt[16] = ISAKMP_NP_VID;
	assert_int_equal(isakmp_frag_parse(pkt, n, &h, &f), -EINVAL);
}

static void test_fragment_index_zero(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, 0, 0, (const uint8_t *)"abc", 3, out, sizeof(out)),
			 -EINVAL);
	free(r);
}

static void test_fragment_index_out_of_range(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, ISAKMP_FRAG_MAX_COUNT + 1, 0, (const uint8_t *)"a", 1, out,
				 sizeof(out)), -EINVAL);
	assert_int_equal(add_raw(r, 1, 255, ISAKMP_FRAG_LAST, (const uint8_t *)"a", 1, out,
				 sizeof(out)), -EINVAL);
	free(r);
}

static void test_fragment_bad_flags(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, 1, 0x80, (const uint8_t *)"a", 1, out, sizeof(out)),
			 -EINVAL);
	free(r);
}

/* CVE-2016-10396: duplicate index with other bytes. */
static void test_duplicate_index(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, 2, 0, (const uint8_t *)"abc", 3, out, sizeof(out)), -EAGAIN);
	assert_int_equal(add_raw(r, 1, 2, 0, (const uint8_t *)"xyz", 3, out, sizeof(out)), -EEXIST);
	/* A true retransmission is harmless. */
	assert_int_equal(add_raw(r, 1, 2, 0, (const uint8_t *)"abc", 3, out, sizeof(out)), -EAGAIN);
	assert_int_equal(r->count, 1);
	free(r);
}

static void test_second_last(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, 3, ISAKMP_FRAG_LAST, (const uint8_t *)"c", 1, out,
				 sizeof(out)), -EAGAIN);
	assert_int_equal(add_raw(r, 1, 2, ISAKMP_FRAG_LAST, (const uint8_t *)"b", 1, out,
				 sizeof(out)), -EEXIST);
	/* Retransmitted last fragment: not a "repeated last" error. */
	assert_int_equal(add_raw(r, 1, 3, ISAKMP_FRAG_LAST, (const uint8_t *)"c", 1, out,
				 sizeof(out)), -EAGAIN);
	free(r);
}

static void test_index_beyond_last(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[64];

	(void)state;
	assert_int_equal(add_raw(r, 1, 2, ISAKMP_FRAG_LAST, (const uint8_t *)"b", 1, out,
				 sizeof(out)), -EAGAIN);
	assert_int_equal(add_raw(r, 1, 3, 0, (const uint8_t *)"c", 1, out, sizeof(out)), -EINVAL);
	free(r);
	r = new_reasm();
	/* And the other way round: last arrives below an index already held. */
	assert_int_equal(add_raw(r, 1, 5, 0, (const uint8_t *)"e", 1, out, sizeof(out)), -EAGAIN);
	assert_int_equal(add_raw(r, 1, 2, ISAKMP_FRAG_LAST, (const uint8_t *)"b", 1, out,
				 sizeof(out)), -EINVAL);
	free(r);
}

static void test_total_size_limit(void **state)
{
	struct isakmp_reasm *r = malloc(sizeof(*r));
	uint8_t data[600] = { 0 }, out[64];

	(void)state;
	assert_non_null(r);
	isakmp_reasm_init(r, 1000);
	assert_int_equal(add_raw(r, 1, 1, 0, data, sizeof(data), out, sizeof(out)), -EAGAIN);
	assert_int_equal(add_raw(r, 1, 2, 0, data, sizeof(data), out, sizeof(out)), -EMSGSIZE);
	free(r);
}

static void test_output_too_small(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[2];

	(void)state;
	assert_int_equal(add_raw(r, 1, 1, ISAKMP_FRAG_LAST, (const uint8_t *)"abc", 3, out,
				 sizeof(out)), -ENOBUFS);
	assert_false(r->active);
	free(r);
}

static void test_key_mismatch(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t pkt[64], out[64];
	struct isakmp_hdr h;
	struct isakmp_frag f;
	size_t n;

	(void)state;
	assert_int_equal(add_raw(r, 1, 1, 0, (const uint8_t *)"a", 1, out, sizeof(out)), -EAGAIN);
	n = make_frag(pkt, 1, 2, ISAKMP_FRAG_LAST, (const uint8_t *)"b", 1);
	pkt[0] ^= 0xff;
	assert_int_equal(isakmp_frag_parse(pkt, n, &h, &f), 0);
	assert_int_equal(isakmp_reasm_add(r, &h, &f, out, sizeof(out)), -ESRCH);
	/* A new fragment id from the same peer restarts reassembly. */
	assert_int_equal(add_raw(r, 2, 1, ISAKMP_FRAG_LAST, (const uint8_t *)"z", 1, out,
				 sizeof(out)), 1);
	assert_int_equal(out[0], 'z');
	free(r);
}

/* The worst case of CVE-2016-10396: many fragments in reverse order with
 * duplicates stays bounded (bitmap, no list walks). */
static void test_many_fragments(void **state)
{
	struct isakmp_reasm *r = new_reasm();
	uint8_t out[ISAKMP_FRAG_MAX_COUNT];
	int rc = 0;

	(void)state;
	for (int i = ISAKMP_FRAG_MAX_COUNT; i >= 1; i--) {
		uint8_t b = (uint8_t)i;

		rc = add_raw(r, 7, (uint8_t)i, i == ISAKMP_FRAG_MAX_COUNT ? ISAKMP_FRAG_LAST : 0, &b,
			     1, out, sizeof(out));
		if (i > 1) {
			assert_int_equal(rc, -EAGAIN);
			assert_int_equal(add_raw(r, 7, (uint8_t)i, 0, &b, 1, out, sizeof(out)),
					 i == ISAKMP_FRAG_MAX_COUNT ? -EEXIST : -EAGAIN);
		}
	}
	assert_int_equal(rc, ISAKMP_FRAG_MAX_COUNT);
	for (int i = 0; i < ISAKMP_FRAG_MAX_COUNT; i++)
		assert_int_equal(out[i], i + 1);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_and_reassemble),
		cmocka_unit_test(test_build_bad_index),
		cmocka_unit_test(test_zero_length_fragment),
		cmocka_unit_test(test_fragment_not_132),
		cmocka_unit_test(test_fragment_index_zero),
		cmocka_unit_test(test_fragment_index_out_of_range),
		cmocka_unit_test(test_fragment_bad_flags),
		cmocka_unit_test(test_duplicate_index),
		cmocka_unit_test(test_second_last),
		cmocka_unit_test(test_index_beyond_last),
		cmocka_unit_test(test_total_size_limit),
		cmocka_unit_test(test_output_too_small),
		cmocka_unit_test(test_key_mismatch),
		cmocka_unit_test(test_many_fragments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
