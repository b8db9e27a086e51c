/* ISAKMP codec: every payload round-trips through builder and parser,
 * builders are byte-exact, and each class of malformed input is refused. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "racoond/isakmp/isakmp.h"

static const struct isakmp_hdr hdr_tmpl = {
	.icookie = { 1, 2, 3, 4, 5, 6, 7, 8 },
	.rcookie = { 0 },
	.version = ISAKMP_VERSION,
	.etype = ISAKMP_ETYPE_IDENT,
};

/* Builds a message with one payload written by fn into buf; returns length. */
static size_t one_payload(uint8_t *buf, size_t cap, uint8_t etype,
			  void (*fn)(struct isakmp_chain *c))
{
	struct isakmp_hdr h = hdr_tmpl;
	struct isakmp_chain c;
	struct wire_wr w;
	int n;

	h.etype = etype;
	wire_wr_init(&w, buf, cap);
	isakmp_msg_begin(&c, &w, &h);
	fn(&c);
	n = isakmp_msg_end(&c);
	assert_true(n > 0);
	return (size_t)n;
}

/* ---- header ---- */

static void test_header_roundtrip(void **state)
{
	uint8_t buf[64];
	struct isakmp_hdr h = hdr_tmpl, g;
	struct isakmp_chain c;
	struct wire_wr w;
	static const uint8_t want[28] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9,
		0, 0x10, 32, 0x01, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 28,
	};

	(void)state;
	memset(h.rcookie, 9, 8);
	h.etype = ISAKMP_ETYPE_QUICK;
	h.flags = ISAKMP_FLAG_E;
	h.msgid = 0xdeadbeef;
	wire_wr_init(&w, buf, sizeof(buf));
	isakmp_msg_begin(&c, &w, &h);
	assert_int_equal(isakmp_msg_end(&c), 28);
	assert_memory_equal(buf, want, 28);
	assert_int_equal(isakmp_hdr_parse(buf, 28, &g), 0);
	assert_memory_equal(g.rcookie, h.rcookie, 8);
	assert_int_equal(g.msgid, 0xdeadbeef);
	assert_int_equal(g.etype, 32);
	assert_int_equal(g.flags, ISAKMP_FLAG_E);
	assert_int_equal(g.len, 28);
	assert_string_equal(isakmp_etype_name(g.etype), "quick");
}

static void mk_hdr(uint8_t *buf, uint32_t len)
{
	struct wire_wr w;
	struct isakmp_hdr h = hdr_tmpl;

	h.len = len;
	wire_wr_init(&w, buf, 28);
	isakmp_hdr_write(&w, &h);
}

static void test_header_short(void **state)
{
	uint8_t buf[28];
	struct isakmp_hdr h;

	(void)state;
	mk_hdr(buf, 27);
	assert_int_equal(isakmp_hdr_parse(buf, 27, &h), -EINVAL);
}

/* CVE-2004-0403: a huge length field must be refused, not trusted. */
static void test_header_huge_length(void **state)
{
	uint8_t buf[28];
	struct isakmp_hdr h;

	(void)state;
	mk_hdr(buf, 0xfffffff0u);
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), -EMSGSIZE);
	mk_hdr(buf, 29);
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), -EMSGSIZE);
	mk_hdr(buf, 20);
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), -EMSGSIZE);
}

static void test_header_bad_version(void **state)
{
	uint8_t buf[28];
	struct isakmp_hdr h;

	(void)state;
	mk_hdr(buf, 28);
	buf[17] = 0x20;
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), -EPROTO);
	buf[17] = 0x11; /* minor versions are tolerated */
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), 0);
}

static void test_header_bad_flags(void **state)
{
	uint8_t buf[28];
	struct isakmp_hdr h;

	(void)state;
	mk_hdr(buf, 28);
	buf[19] = 0x08;
	assert_int_equal(isakmp_hdr_parse(buf, 28, &h), -EPROTO);
}

/* ---- chain ---- */

static void add_vid_nonce(struct isakmp_chain *c)
{
	static const uint8_t nonce[16] = { 0xaa };

	isakmp_pl_blob(c, ISAKMP_NP_VID, isakmp_vid_dpd, 16);
	isakmp_pl_blob(c, ISAKMP_NP_NONCE, nonce, sizeof(nonce));
}

static void test_chain_roundtrip(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	assert_int_equal(n, 28 + 20 + 20);
	assert_int_equal(buf[16], ISAKMP_NP_VID);
	assert_int_equal(buf[28], ISAKMP_NP_NONCE);
	assert_int_equal(buf[48], 0);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(m.npl, 2);
	assert_int_equal(m.pl[0].type, ISAKMP_NP_VID);
	assert_memory_equal(m.pl[0].body, isakmp_vid_dpd, 16);
	assert_int_equal(m.pl[1].len, 16);
	assert_int_equal(isakmp_blob_check(&m.pl[1]), 0);
	assert_ptr_equal(isakmp_msg_find(&m, ISAKMP_NP_NONCE, 0), &m.pl[1]);
	assert_null(isakmp_msg_find(&m, ISAKMP_NP_NONCE, 1));
}

/* A payload length of zero would make a naive walk loop forever. */
static void test_chain_zero_length_loop(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[28 + 2] = 0;
	buf[28 + 3] = 0;
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EINVAL);
	/* Below the generic header is as bad. */
	buf[28 + 3] = 3;
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EINVAL);
}

/* A chain that names itself as next forever still ends at the count limit. */
static void test_chain_count_limit(void **state)
{
	uint8_t buf[28 + 4 * (ISAKMP_MAX_PAYLOADS + 1)];
	struct isakmp_msg m;
	size_t i;

	(void)state;
	mk_hdr(buf, sizeof(buf));
	buf[16] = ISAKMP_NP_VID;
	for (i = 0; i <= ISAKMP_MAX_PAYLOADS; i++) {
		uint8_t *p = buf + 28 + 4 * i;

		p[0] = ISAKMP_NP_VID;
		p[1] = 0;
		p[2] = 0;
		p[3] = 4;
	}
	assert_int_equal(isakmp_msg_parse(buf, sizeof(buf), &m), -EMSGSIZE);
}

static void test_chain_overrun(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[48 + 3] = 21; /* nonce payload claims one byte more than present */
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EMSGSIZE);
}

static void test_chain_trailing_bytes(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[48 + 3] = 19;   /* the chain ends one byte before the message */
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EINVAL);
}

static void test_chain_reserved_nonzero(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[28 + 1] = 1;
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EINVAL);
}

static void test_chain_bare_proposal(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[16] = ISAKMP_NP_P;
	assert_int_equal(isakmp_msg_parse(buf, n, &m), -EINVAL);
}

static void test_encrypted_header_only(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, add_vid_nonce);
	buf[19] = ISAKMP_FLAG_E;
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(m.npl, 0);
}

/* ---- encrypted body and padding ---- */

static size_t body_with_pad(uint8_t *buf, size_t cap, const struct isakmp_padding *p, size_t bs)
{
	static const uint8_t hash[20] = { 1 };
	struct isakmp_chain c = { 0 };
	struct wire_wr w;
	size_t padlen;

	wire_wr_init(&w, buf, cap);
	c.w = &w;
	isakmp_pl_blob(&c, ISAKMP_NP_HASH, hash, sizeof(hash));
	padlen = isakmp_pad_len(p, wire_wr_len(&w), bs, 0);
	isakmp_pad_write(&w, p, padlen, NULL);
	assert_true(wire_wr_ok(&w));
	return wire_wr_len(&w);
}

static void test_body_padding(void **state)
{
	uint8_t buf[128];
	struct isakmp_padding p;
	struct isakmp_msg m = { .hdr = hdr_tmpl };
	size_t n;

	(void)state;
	isakmp_padding_default(&p);
	p.strict_check = true;
	m.hdr.np = ISAKMP_NP_HASH;
	n = body_with_pad(buf, sizeof(buf), &p, 16);
	assert_int_equal(n, 32);
	assert_int_equal(buf[31], 7);   /* 8 bytes of padding, exclusive tail */
	assert_int_equal(isakmp_msg_parse_body(&m, buf, n, 16, &p), 0);
	assert_int_equal(m.npl, 1);
	p.exclusive_tail = false;
	assert_int_equal(isakmp_msg_parse_body(&m, buf, n, 16, &p), -EINVAL);
	p.strict_check = false;
	assert_int_equal(isakmp_msg_parse_body(&m, buf, n, 16, &p), 0);
}

static void test_body_not_block_multiple(void **state)
{
	uint8_t buf[128];
	struct isakmp_padding p;
	struct isakmp_msg m = { .hdr = hdr_tmpl };
	size_t n;

	(void)state;
	isakmp_padding_default(&p);
	m.hdr.np = ISAKMP_NP_HASH;
	n = body_with_pad(buf, sizeof(buf), &p, 16);
	assert_int_equal(isakmp_msg_parse_body(&m, buf, n - 1, 16, &p), -EINVAL);
}

static void test_pad_random_length(void **state)
{
	struct isakmp_padding p;

	(void)state;
	isakmp_padding_default(&p);
	assert_int_equal(isakmp_pad_len(&p, 16, 16, 5), 16);
	assert_int_equal(isakmp_pad_len(&p, 17, 8, 5), 7);
	p.randomize_length = true;
	p.maximum_length = 3;
	assert_int_equal(isakmp_pad_len(&p, 17, 8, 5), 7 + 2 * 8);
	p.maximum_length = 1000;
	assert_true(isakmp_pad_len(&p, 17, 16, 999) <= 255);
}

/* ---- SA ---- */

static void build_p1_sa(struct isakmp_chain *c)
{
	struct isakmp_sa_bld sa;
	struct isakmp_prop_bld p;
	struct isakmp_trans_bld t;

	isakmp_sa_begin(&sa, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&p, &sa, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	isakmp_trans_begin(&t, &p, 1, IPSEC_TRANSFORM_KEY_IKE);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_ENC, OAKLEY_ENC_AES);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_KEY_LEN, 256);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_HASH, OAKLEY_HASH_SHA1);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_AUTH, OAKLEY_AUTH_RSASIG);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_GRP_DESC, 14);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_SA_LD_TYPE, OAKLEY_LIFE_SECONDS);
	isakmp_attr_tlv32(c->w, OAKLEY_ATTR_SA_LD, 28800);
	isakmp_trans_end(&t);
	isakmp_trans_begin(&t, &p, 2, IPSEC_TRANSFORM_KEY_IKE);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_ENC, OAKLEY_ENC_3DES);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_HASH, OAKLEY_HASH_MD5);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_AUTH, OAKLEY_AUTH_PSK);
	isakmp_attr_tv(c->w, OAKLEY_ATTR_GRP_DESC, 2);
	isakmp_trans_end(&t);
	isakmp_prop_end(&p);
	isakmp_sa_end(&sa);
}

static const uint8_t p1_sa_wire[] = {
	/* SA */ 0, 0, 0, 84, 0, 0, 0, 1, 0, 0, 0, 1,
	/* P */ 0, 0, 0, 72, 1, 1, 0, 2,
	/* T1 */ 3, 0, 0, 40, 1, 1, 0, 0,
	0x80, 1, 0, 7, 0x80, 14, 1, 0, 0x80, 2, 0, 2, 0x80, 3, 0, 3, 0x80, 4, 0, 14,
	0x80, 11, 0, 1, 0, 12, 0, 4, 0, 0, 0x70, 0x80,
	/* T2 */ 0, 0, 0, 24, 2, 1, 0, 0,
	0x80, 1, 0, 5, 0x80, 2, 0, 1, 0x80, 3, 0, 1, 0x80, 4, 0, 2,
};

static void test_sa_p1_byte_exact_and_roundtrip(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	struct isakmp_sa sa;
	struct isakmp_iter pi, ti;
	struct isakmp_prop p;
	struct isakmp_trans t;
	struct isakmp_p1_attrs a;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, build_p1_sa);
	assert_int_equal(n, 28 + sizeof(p1_sa_wire));
	assert_memory_equal(buf + 28, p1_sa_wire, sizeof(p1_sa_wire));
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_sa_parse(&m.pl[0], &sa), 0);
	isakmp_sa_props(&sa, &pi);
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.proto, ISAKMP_PROTO_ISAKMP);
	assert_int_equal(p.ntrans, 2);
	isakmp_prop_trans(&p, &ti);
	assert_true(isakmp_next_trans(&ti, &t));
	assert_int_equal(isakmp_p1_decode(&t, &a), 0);
	assert_int_equal(a.enc, OAKLEY_ENC_AES);
	assert_int_equal(a.keylen, 256);
	assert_int_equal(a.hash, OAKLEY_HASH_SHA1);
	assert_int_equal(a.auth, OAKLEY_AUTH_RSASIG);
	assert_int_equal(a.group, 14);
	assert_int_equal(a.life_sec, 28800);
	assert_true(isakmp_next_trans(&ti, &t));
	assert_int_equal(t.num, 2);
	assert_int_equal(isakmp_p1_decode(&t, &a), 0);
	assert_int_equal(a.enc, OAKLEY_ENC_3DES);
	assert_false(isakmp_next_trans(&ti, &t));
	assert_false(isakmp_next_prop(&pi, &p));
}

static void build_p2_sa(struct isakmp_chain *c)
{
	static const uint8_t spi1[4] = { 0x11, 0x22, 0x33, 0x44 }, spi2[4] = { 5, 6, 7, 8 };
	struct isakmp_sa_bld sa;
	struct isakmp_prop_bld p;
	struct isakmp_trans_bld t;

	isakmp_sa_begin(&sa, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&p, &sa, 1, ISAKMP_PROTO_ESP, spi1, 4);
	isakmp_trans_begin(&t, &p, 1, ISAKMP_ESP_AES);
	isakmp_attr_tv(c->w, IPSEC_ATTR_SA_LD_TYPE, IPSEC_LIFE_SECONDS);
	isakmp_attr_tlv32(c->w, IPSEC_ATTR_SA_LD, 3600);
	isakmp_attr_tv(c->w, IPSEC_ATTR_SA_LD_TYPE, IPSEC_LIFE_KILOBYTES);
	isakmp_attr_tlv32(c->w, IPSEC_ATTR_SA_LD, 100000);
	isakmp_attr_tv(c->w, IPSEC_ATTR_GRP_DESC, 2);
	isakmp_attr_tv(c->w, IPSEC_ATTR_ENC_MODE, IPSEC_ENCMODE_UDP_TUNNEL_RFC);
	isakmp_attr_tv(c->w, IPSEC_ATTR_AUTH, IPSEC_AUTH_HMAC_SHA2_256);
	isakmp_attr_tv(c->w, IPSEC_ATTR_KEY_LEN, 128);
	isakmp_trans_end(&t);
	isakmp_prop_end(&p);
	isakmp_prop_begin(&p, &sa, 1, ISAKMP_PROTO_AH, spi2, 4);
	isakmp_trans_begin(&t, &p, 1, IPSEC_AH_SHA);
	isakmp_attr_tv(c->w, IPSEC_ATTR_AUTH, ISAKMP_AUTH_HMAC_SHA1);
	isakmp_trans_end(&t);
	isakmp_prop_end(&p);
	isakmp_sa_end(&sa);
}

static void test_sa_p2_roundtrip(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	struct isakmp_sa sa;
	struct isakmp_iter pi, ti;
	struct isakmp_prop p;
	struct isakmp_trans t;
	struct isakmp_p2_attrs a;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_p2_sa);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_sa_parse(&m.pl[0], &sa), 0);
	isakmp_sa_props(&sa, &pi);
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.proto, ISAKMP_PROTO_ESP);
	assert_int_equal(p.spi_size, 4);
	assert_int_equal(wire_get_be32(p.spi), 0x11223344);
	isakmp_prop_trans(&p, &ti);
	assert_true(isakmp_next_trans(&ti, &t));
	assert_int_equal(t.id, ISAKMP_ESP_AES);
	assert_int_equal(isakmp_p2_decode(&t, &a), 0);
	assert_int_equal(a.life_sec, 3600);
	assert_int_equal(a.life_kb, 100000);
	assert_int_equal(a.group, 2);
	assert_int_equal(a.encmode, IPSEC_ENCMODE_UDP_TUNNEL_RFC);
	assert_int_equal(a.auth, IPSEC_AUTH_HMAC_SHA2_256);
	assert_int_equal(a.keylen, 128);
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.proto, ISAKMP_PROTO_AH);
	assert_false(isakmp_next_prop(&pi, &p));
}

/* Parses a copy of the phase 1 SA body after a mutation. */
static int sa_mutated(size_t off, uint8_t val)
{
	uint8_t b[sizeof(p1_sa_wire)];
	struct isakmp_pl pl = { ISAKMP_NP_SA, b + 4, sizeof(b) - 4 };
	struct isakmp_sa sa;

	memcpy(b, p1_sa_wire, sizeof(b));
	b[off] = val;
	return isakmp_sa_parse(&pl, &sa);
}

static void test_sa_bad_doi(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(7, 2), -ENOTSUP);
}

static void test_sa_bad_situation(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(11, 2), -ENOTSUP);
}

static void test_sa_proposal_overrun(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(15, 73), -EINVAL);
}

static void test_sa_proposal_bad_next(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(12, ISAKMP_NP_T), -EINVAL);
}

static void test_sa_transform_count_mismatch(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(19, 3), -EINVAL);
	assert_int_equal(sa_mutated(19, 0), -EINVAL);
}

static void test_sa_transform_bad_next(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(20, ISAKMP_NP_P), -EINVAL);
}

static void test_sa_transform_short(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(23, 4), -EINVAL);
}

static void test_sa_attr_overrun(void **state)
{
	/* The life duration TLV claims more bytes than the transform holds. */
	(void)state;
	assert_int_equal(sa_mutated(12 + 8 + 8 + 6 * 4 + 3, 40), -EINVAL);
}

static void test_sa_spi_overrun(void **state)
{
	(void)state;
	assert_int_equal(sa_mutated(18, 200), -EINVAL);
}

static void test_sa_empty(void **state)
{
	uint8_t b[8] = { 0, 0, 0, 1, 0, 0, 0, 1 };
	struct isakmp_pl pl = { ISAKMP_NP_SA, b, sizeof(b) };
	struct isakmp_sa sa;

	(void)state;
	assert_int_equal(isakmp_sa_parse(&pl, &sa), -EINVAL);
	pl.len = 7;
	assert_int_equal(isakmp_sa_parse(&pl, &sa), -EINVAL);
}

static int p1_decode_attrs(const uint8_t *attrs, size_t len, struct isakmp_p1_attrs *a)
{
	struct isakmp_trans t = { 1, IPSEC_TRANSFORM_KEY_IKE, attrs, len };

	return isakmp_p1_decode(&t, a);
}

static void test_p1_missing_attr(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1 };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -EINVAL);
}

static void test_p1_duplicate_attr(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
				      0x80, 4, 0, 2, 0x80, 1, 0, 5 };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -EINVAL);
}

static void test_p1_life_without_type(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
				      0x80, 4, 0, 2, 0x80, 12, 0, 10 };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -EINVAL);
}

static void test_p1_life_too_wide(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
				      0x80, 4, 0, 2, 0x80, 11, 0, 1,
				      0, 12, 0, 5, 1, 0, 0, 0, 0 };
	static const uint8_t at_ok[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
					 0x80, 4, 0, 2, 0x80, 11, 0, 1,
					 0, 12, 0, 6, 0, 0, 0, 1, 0, 0 };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -ERANGE);
	assert_int_equal(p1_decode_attrs(at_ok, sizeof(at_ok), &a), 0);
	assert_int_equal(a.life_sec, 65536);
}

static void test_p1_basic_as_tlv(void **state)
{
	static const uint8_t at[] = { 0, 1, 0, 2, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
				      0x80, 4, 0, 2 };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -EINVAL);
}

static void test_p1_private_group(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 7, 0x80, 2, 0, 2, 0x80, 3, 0, 1,
				      0x80, 4, 0, 2, 0, 6, 0, 1, 0xff };
	struct isakmp_p1_attrs a;

	(void)state;
	assert_int_equal(p1_decode_attrs(at, sizeof(at), &a), -ENOTSUP);
}

static void test_p2_bad_life_type(void **state)
{
	static const uint8_t at[] = { 0x80, 1, 0, 3, 0x80, 2, 0, 10 };
	struct isakmp_trans t = { 1, ISAKMP_ESP_AES, at, sizeof(at) };
	struct isakmp_p2_attrs a;

	(void)state;
	assert_int_equal(isakmp_p2_decode(&t, &a), -EINVAL);
}

static void test_p2_duplicate(void **state)
{
	static const uint8_t at[] = { 0x80, 4, 0, 1, 0x80, 4, 0, 2 };
	struct isakmp_trans t = { 1, ISAKMP_ESP_AES, at, sizeof(at) };
	struct isakmp_p2_attrs a;

	(void)state;
	assert_int_equal(isakmp_p2_decode(&t, &a), -EINVAL);
}

/* ---- ID ---- */

static struct isakmp_id g_id;

static void build_id(struct isakmp_chain *c)
{
	isakmp_id_write(c, &g_id);
}

static void id_roundtrip(uint8_t type, uint8_t proto, uint16_t port, const void *data, size_t len)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	struct isakmp_id id;
	size_t n;

	g_id = (struct isakmp_id){ type, proto, port, data, len };
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_id);
	assert_int_equal(n, 28 + 4 + 4 + len);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_id_parse(&m.pl[0], &id), 0);
	assert_int_equal(id.type, type);
	assert_int_equal(id.proto, proto);
	assert_int_equal(id.port, port);
	assert_int_equal(id.len, len);
	assert_memory_equal(id.data, data, len);
}

static void test_id_all_types(void **state)
{
	static const uint8_t v4[8] = { 10, 0, 0, 0, 255, 255, 255, 0 };
	static const uint8_t v6[32] = { 0x20, 0x01, 0x0d, 0xb8, [16] = 0xff, 0xff, 0xff, 0xff };
	static const uint8_t dn[] = { 0x30, 0x00 };

	(void)state;
	id_roundtrip(IPSEC_ID_IPV4_ADDR, 0, 0, v4, 4);
	id_roundtrip(IPSEC_ID_FQDN, 0, 0, "ha.example.org", 14);
	id_roundtrip(IPSEC_ID_USER_FQDN, 0, 0, "mn@example.org", 14);
	id_roundtrip(IPSEC_ID_IPV4_ADDR_SUBNET, 6, 22, v4, 8);
	id_roundtrip(IPSEC_ID_IPV6_ADDR, 135, 0, v6, 16);
	id_roundtrip(IPSEC_ID_IPV6_ADDR_SUBNET, 17, 500, v6, 32);
	id_roundtrip(IPSEC_ID_IPV4_ADDR_RANGE, 0, 0, v4, 8);
	id_roundtrip(IPSEC_ID_IPV6_ADDR_RANGE, 0, 0, v6, 32);
	id_roundtrip(IPSEC_ID_DER_ASN1_DN, 0, 0, dn, 2);
	id_roundtrip(IPSEC_ID_DER_ASN1_GN, 0, 0, dn, 2);
	id_roundtrip(IPSEC_ID_KEY_ID, 0, 0, "key", 3);
}

static int id_parse_raw(const uint8_t *b, size_t len)
{
	struct isakmp_pl pl = { ISAKMP_NP_ID, b, len };
	struct isakmp_id id;

	return isakmp_id_parse(&pl, &id);
}

static void test_id_bad_length(void **state)
{
	static const uint8_t b[] = { IPSEC_ID_IPV4_ADDR, 0, 0, 0, 1, 2, 3, 4, 5 };
	static const uint8_t s[] = { IPSEC_ID_IPV6_ADDR_SUBNET, 0, 0, 0, 1, 2, 3, 4 };

	(void)state;
	assert_int_equal(id_parse_raw(b, sizeof(b)), -EINVAL);
	assert_int_equal(id_parse_raw(b, 7), -EINVAL);
	assert_int_equal(id_parse_raw(s, sizeof(s)), -EINVAL);
	assert_int_equal(id_parse_raw(b, 3), -EINVAL);
}

static void test_id_empty_name(void **state)
{
	static const uint8_t b[] = { IPSEC_ID_FQDN, 0, 0, 0 };

	(void)state;
	assert_int_equal(id_parse_raw(b, sizeof(b)), -EINVAL);
}

static void test_id_unknown_type(void **state)
{
	static const uint8_t b[] = { 12, 0, 0, 0, 1 };

	(void)state;
	assert_int_equal(id_parse_raw(b, sizeof(b)), -ENOTSUP);
}

static void test_id_prefix_conversion(void **state)
{
	struct ip_prefix p, q;
	struct isakmp_id id;
	struct ip_addr lo, hi;
	uint8_t buf[32];
	char s[ADDR_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse(&p, "2001:db8:1::/48"), 0);
	assert_int_equal(isakmp_id_from_prefix(&id, &p, 135, 0, buf), 0);
	assert_int_equal(id.type, IPSEC_ID_IPV6_ADDR_SUBNET);
	assert_int_equal(id.len, 32);
	assert_int_equal(isakmp_id_to_prefix(&id, &q), 0);
	assert_string_equal(prefix_fmt(&q, s, sizeof(s)), "2001:db8:1::/48");
	assert_int_equal(isakmp_id_to_range(&id, &lo, &hi), 0);
	assert_string_equal(addr_fmt(&hi, s, sizeof(s)), "2001:db8:1:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(prefix_parse(&p, "192.0.2.7"), 0);
	assert_int_equal(isakmp_id_from_prefix(&id, &p, 0, 0, buf), 0);
	assert_int_equal(id.type, IPSEC_ID_IPV4_ADDR);
	assert_int_equal(isakmp_id_to_prefix(&id, &q), 0);
	assert_int_equal(q.len, 32);
}

static void test_id_phase1_form(void **state)
{
	static const uint8_t a[4] = { 192, 0, 2, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR, 0, 0, a, 4 };

	(void)state;
	assert_int_equal(isakmp_id_check_phase1(&id), 0);
	id.proto = 17;
	id.port = 500;
	assert_int_equal(isakmp_id_check_phase1(&id), 0);
	id.port = 4500;
	assert_int_equal(isakmp_id_check_phase1(&id), 0);
	id.port = 22;
	assert_int_equal(isakmp_id_check_phase1(&id), -EPROTO);
	id.proto = 6;
	id.port = 0;
	assert_int_equal(isakmp_id_check_phase1(&id), -EPROTO);
	id.proto = 0;
	id.port = 500;
	assert_int_equal(isakmp_id_check_phase1(&id), -EPROTO);
	id = (struct isakmp_id){ IPSEC_ID_IPV4_ADDR_SUBNET, 0, 0, a, 4 };
	assert_int_equal(isakmp_id_check_phase1(&id), -EPROTO);
}

static void test_id_noncontiguous_mask(void **state)
{
	static const uint8_t d[8] = { 10, 0, 0, 0, 255, 0, 255, 0 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR_SUBNET, 0, 0, d, 8 };
	struct ip_prefix p;

	(void)state;
	assert_int_equal(isakmp_id_to_prefix(&id, &p), -EINVAL);
}

static void test_id_range_reversed(void **state)
{
	static const uint8_t d[8] = { 10, 0, 0, 9, 10, 0, 0, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR_RANGE, 0, 0, d, 8 };
	struct ip_addr lo, hi;
	struct ip_prefix p;

	(void)state;
	assert_int_equal(isakmp_id_to_range(&id, &lo, &hi), -EINVAL);
	assert_int_equal(isakmp_id_to_prefix(&id, &p), -ENOTSUP);
}

/* ---- CERT / CR ---- */

static void build_cert_cr(struct isakmp_chain *c)
{
	static const uint8_t der[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
	struct isakmp_cert cert = { ISAKMP_CERT_X509SIGN, der, sizeof(der) };
	struct isakmp_cert cr = { ISAKMP_CERT_X509SIGN, NULL, 0 };

	isakmp_cert_write(c, ISAKMP_NP_CERT, &cert);
	isakmp_cert_write(c, ISAKMP_NP_CR, &cr);
}

static void test_cert_cr_roundtrip(void **state)
{
	uint8_t buf[128];
	struct isakmp_msg m;
	struct isakmp_cert c;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, build_cert_cr);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_cert_parse(&m.pl[0], &c), 0);
	assert_int_equal(c.enc, ISAKMP_CERT_X509SIGN);
	assert_int_equal(c.len, 5);
	assert_int_equal(isakmp_cr_parse(&m.pl[1], &c), 0);
	assert_int_equal(c.len, 0);
	/* A CERT must carry data, a CR need not. */
	assert_int_equal(isakmp_cert_parse(&m.pl[1], &c), -EINVAL);
}

static void test_cert_bad_encoding(void **state)
{
	static const uint8_t b0[] = { 0, 1 }, b12[] = { 12, 1 };
	struct isakmp_pl pl = { ISAKMP_NP_CERT, b0, 2 };
	struct isakmp_cert c;

	(void)state;
	assert_int_equal(isakmp_cert_parse(&pl, &c), -ENOTSUP);
	pl.body = b12;
	assert_int_equal(isakmp_cert_parse(&pl, &c), -ENOTSUP);
	pl.len = 0;
	assert_int_equal(isakmp_cr_parse(&pl, &c), -EINVAL);
}

/* ---- NOTIFY ---- */

static struct isakmp_notify g_n;

static void build_notify(struct isakmp_chain *c)
{
	isakmp_notify_write(c, &g_n);
}

static void test_notify_all_types(void **state)
{
	static const uint16_t types[] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
		21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 16384, 24576, 24577, 24578, 36136, 36137,
	};
	static const uint8_t spi[4] = { 0xc0, 0xff, 0xee, 0x01 }, data[4] = { 0, 0, 0x0e, 0x10 };

	(void)state;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		uint8_t buf[128];
		struct isakmp_msg m;
		struct isakmp_notify n;
		size_t len;

		g_n = (struct isakmp_notify){ IPSEC_DOI, ISAKMP_PROTO_ESP, 4, types[i], spi, data, 4 };
		len = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_INFO, build_notify);
		assert_int_equal(isakmp_msg_parse(buf, len, &m), 0);
		assert_int_equal(isakmp_notify_parse(&m.pl[0], &n), 0);
		assert_int_equal(n.type, types[i]);
		assert_int_equal(n.spi_size, 4);
		assert_memory_equal(n.spi, spi, 4);
		assert_int_equal(n.len, 4);
		assert_string_not_equal(isakmp_notify_name(n.type), "unknown");
		assert_int_equal(isakmp_notify_is_error(n.type), types[i] < 16384);
	}
}

/* INITIAL-CONTACT as racoon sends it: ISAKMP protocol, the cookie pair as
 * SPI, no data. */
static void test_notify_byte_exact(void **state)
{
	static const uint8_t spi[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	static const uint8_t want[] = {
		0, 0, 0, 28, 0, 0, 0, 1, 1, 16, 0x60, 0x02,
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	};
	uint8_t buf[128];
	size_t n;

	(void)state;
	g_n = (struct isakmp_notify){ IPSEC_DOI, ISAKMP_PROTO_ISAKMP, 16,
				      ISAKMP_NTYPE_INITIAL_CONTACT, spi, NULL, 0 };
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_INFO, build_notify);
	assert_int_equal(n, 28 + sizeof(want));
	assert_int_equal(buf[16], ISAKMP_NP_N);
	assert_memory_equal(buf + 28, want, sizeof(want));
}

static void test_notify_spi_overrun(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 3, 16, 0x60, 0x00, 1, 2, 3, 4 };
	struct isakmp_pl pl = { ISAKMP_NP_N, b, sizeof(b) };
	struct isakmp_notify n;

	(void)state;
	assert_int_equal(isakmp_notify_parse(&pl, &n), -EINVAL);
	pl.len = 7;
	assert_int_equal(isakmp_notify_parse(&pl, &n), -EINVAL);
}

static void test_notify_type_zero(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 3, 0, 0, 0 };
	struct isakmp_pl pl = { ISAKMP_NP_N, b, sizeof(b) };
	struct isakmp_notify n;

	(void)state;
	assert_int_equal(isakmp_notify_parse(&pl, &n), -EINVAL);
}

static void test_dpd(void **state)
{
	struct isakmp_hdr h = hdr_tmpl;
	uint8_t spi[16], seq[4] = { 0, 0, 0x0a, 0xbc };
	struct isakmp_notify n = { IPSEC_DOI, ISAKMP_PROTO_ISAKMP, 16, ISAKMP_NTYPE_R_U_THERE,
				   spi, seq, 4 };
	uint32_t s;

	(void)state;
	memset(h.rcookie, 0x55, 8);
	memcpy(spi, h.icookie, 8);
	memcpy(spi + 8, h.rcookie, 8);
	assert_int_equal(isakmp_dpd_parse(&n, &h, &s), 0);
	assert_int_equal(s, 0xabc);
	spi[15] ^= 1;
	assert_int_equal(isakmp_dpd_parse(&n, &h, &s), -EINVAL);
	spi[15] ^= 1;
	n.len = 3;
	assert_int_equal(isakmp_dpd_parse(&n, &h, &s), -EINVAL);
}

/* ---- DELETE ---- */

static struct isakmp_delete g_d;

static void build_delete(struct isakmp_chain *c)
{
	isakmp_delete_write(c, &g_d);
}

static void test_delete_roundtrip(void **state)
{
	static const uint8_t spis[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t buf[128];
	struct isakmp_msg m;
	struct isakmp_delete d;
	size_t n;

	(void)state;
	g_d = (struct isakmp_delete){ IPSEC_DOI, ISAKMP_PROTO_ESP, 4, 2, spis };
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_INFO, build_delete);
	assert_int_equal(n, 28 + 4 + 8 + 8);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_delete_parse(&m.pl[0], &d), 0);
	assert_int_equal(d.nspi, 2);
	assert_int_equal(wire_get_be32(isakmp_delete_spi(&d, 1)), 0x05060708);
}

static void test_delete_byte_exact(void **state)
{
	static const uint8_t spis[4] = { 0xc0, 0x01, 0xd0, 0x0d };
	static const uint8_t want[] = { 0, 0, 0, 16, 0, 0, 0, 1, 3, 4, 0, 1, 0xc0, 0x01, 0xd0, 0x0d };
	uint8_t buf[128];
	size_t n;

	(void)state;
	g_d = (struct isakmp_delete){ IPSEC_DOI, ISAKMP_PROTO_ESP, 4, 1, spis };
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_INFO, build_delete);
	assert_int_equal(n, 28 + sizeof(want));
	assert_memory_equal(buf + 28, want, sizeof(want));
}

static void test_delete_count_mismatch(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 3, 4, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8 };
	struct isakmp_pl pl = { ISAKMP_NP_D, b, sizeof(b) };
	struct isakmp_delete d;

	(void)state;
	assert_int_equal(isakmp_delete_parse(&pl, &d), -EINVAL);
}

static void test_delete_bad_spi_size(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 1, 4, 0, 1, 1, 2, 3, 4 };
	static const uint8_t z[] = { 0, 0, 0, 1, 3, 4, 0, 0 };
	struct isakmp_pl pl = { ISAKMP_NP_D, b, sizeof(b) };
	struct isakmp_delete d;

	(void)state;
	assert_int_equal(isakmp_delete_parse(&pl, &d), -EINVAL);
	pl.body = z;
	pl.len = sizeof(z);
	assert_int_equal(isakmp_delete_parse(&pl, &d), -EINVAL);
}

/* ---- NAT-T ---- */

static void build_natt(struct isakmp_chain *c)
{
	static const uint8_t hash[20] = { 0x42 };
	struct ip_addr a4, a6;

	addr_parse(&a4, "192.0.2.1");
	addr_parse(&a6, "2001:db8::1");
	isakmp_pl_blob(c, ISAKMP_NP_NATD_RFC, hash, sizeof(hash));
	isakmp_pl_blob(c, ISAKMP_NP_NATD_DRAFT, hash, sizeof(hash));
	isakmp_natoa_write(c, ISAKMP_NP_NATOA_RFC, &a4);
	isakmp_natoa_write(c, ISAKMP_NP_NATOA_DRAFT, &a6);
}

static void test_natt_roundtrip(void **state)
{
	uint8_t buf[256];
	struct isakmp_msg m;
	struct ip_addr a;
	char s[ADDR_STRLEN];
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_natt);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(m.npl, 4);
	assert_true(isakmp_np_is_natd(m.pl[0].type));
	assert_true(isakmp_np_is_natd(m.pl[1].type));
	assert_int_equal(m.pl[1].type, 130);
	assert_int_equal(isakmp_blob_check(&m.pl[0]), 0);
	assert_true(isakmp_np_is_natoa(m.pl[2].type));
	assert_int_equal(isakmp_natoa_parse(&m.pl[2], &a), 0);
	assert_string_equal(addr_fmt(&a, s, sizeof(s)), "192.0.2.1");
	assert_int_equal(m.pl[3].type, 131);
	assert_int_equal(isakmp_natoa_parse(&m.pl[3], &a), 0);
	assert_string_equal(addr_fmt(&a, s, sizeof(s)), "2001:db8::1");
}

static void test_natoa_malformed(void **state)
{
	static const uint8_t badtype[] = { 2, 0, 0, 0, 1, 2, 3, 4 };
	static const uint8_t badlen[] = { 1, 0, 0, 0, 1, 2, 3 };
	static const uint8_t badres[] = { 1, 1, 0, 0, 1, 2, 3, 4 };
	struct isakmp_pl pl = { ISAKMP_NP_NATOA_RFC, badtype, sizeof(badtype) };
	struct ip_addr a;

	(void)state;
	assert_int_equal(isakmp_natoa_parse(&pl, &a), -EINVAL);
	pl.body = badlen;
	pl.len = sizeof(badlen);
	assert_int_equal(isakmp_natoa_parse(&pl, &a), -EINVAL);
	pl.body = badres;
	pl.len = sizeof(badres);
	assert_int_equal(isakmp_natoa_parse(&pl, &a), -EINVAL);
}

static void test_blob_limits(void **state)
{
	static const uint8_t b[300];
	struct isakmp_pl pl = { ISAKMP_NP_NONCE, b, 7 };

	(void)state;
	assert_int_equal(isakmp_blob_check(&pl), -EINVAL);
	pl.len = 257;
	assert_int_equal(isakmp_blob_check(&pl), -EINVAL);
	pl.len = 256;
	assert_int_equal(isakmp_blob_check(&pl), 0);
	pl.type = ISAKMP_NP_KE;
	pl.len = 0;
	assert_int_equal(isakmp_blob_check(&pl), -EINVAL);
	pl.type = ISAKMP_NP_HASH;
	assert_int_equal(isakmp_blob_check(&pl), -EINVAL);
	pl.type = ISAKMP_NP_SA;
	pl.len = 10;
	assert_int_equal(isakmp_blob_check(&pl), -EINVAL);
}

/* ---- vendor IDs ---- */

static enum isakmp_vid g_vid;

static void build_vid(struct isakmp_chain *c)
{
	isakmp_vid_write(c, g_vid, ISAKMP_FRAG_CAP_MAIN_AGG);
}

static void test_vid_roundtrip(void **state)
{
	(void)state;
	for (int v = ISAKMP_VID_UNKNOWN + 1; v < ISAKMP_VID_COUNT; v++) {
		uint8_t buf[128];
		struct isakmp_msg m;
		uint32_t caps;
		size_t n;

		g_vid = (enum isakmp_vid)v;
		n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, build_vid);
		assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
		assert_int_equal(m.pl[0].type, ISAKMP_NP_VID);
		assert_int_equal(isakmp_vid_classify(m.pl[0].body, m.pl[0].len, &caps), v);
		assert_int_equal(caps, v == ISAKMP_VID_FRAG ? ISAKMP_FRAG_CAP_MAIN_AGG : 0);
		assert_string_not_equal(isakmp_vid_name((enum isakmp_vid)v), "unknown");
	}
}

static void test_vid_known_bytes(void **state)
{
	/* racoon's wire forms (racoon.md 6). */
	static const uint8_t xauth[8] = { 0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12 };
	static const uint8_t unity11[16] = { 0x12, 0xf5, 0xf2, 0x8c, 0x45, 0x71, 0x68, 0xa9,
					     0x70, 0x2d, 0x9f, 0xe2, 0x74, 0xcc, 0x01, 0x01 };
	uint8_t frag[20];
	uint32_t caps;

	(void)state;
	assert_int_equal(isakmp_vid_classify(isakmp_vid_rfc3947, 16, NULL), ISAKMP_VID_NATT_RFC);
	assert_int_equal(isakmp_vid_classify(isakmp_vid_dpd, 16, NULL), ISAKMP_VID_DPD);
	assert_int_equal(isakmp_vid_classify(xauth, 8, NULL), ISAKMP_VID_XAUTH);
	assert_int_equal(isakmp_vid_classify(unity11, 16, NULL), ISAKMP_VID_UNITY);
	memcpy(frag, isakmp_vid_frag, 16);
	wire_put_be32(frag + 16, ISAKMP_FRAG_CAP_BASE);
	assert_int_equal(isakmp_vid_classify(frag, 20, &caps), ISAKMP_VID_FRAG);
	assert_int_equal(caps, ISAKMP_FRAG_CAP_BASE);
	assert_int_equal(isakmp_vid_classify(frag, 16, &caps), ISAKMP_VID_FRAG);
	assert_int_equal(caps, 0);
}

static void test_vid_unknown_or_truncated(void **state)
{
	uint8_t b[17];

	(void)state;
	memcpy(b, isakmp_vid_dpd, 16);
	b[16] = 0;
	assert_int_equal(isakmp_vid_classify(b, 15, NULL), ISAKMP_VID_UNKNOWN);
	assert_int_equal(isakmp_vid_classify(b, 17, NULL), ISAKMP_VID_UNKNOWN);
	memcpy(b, isakmp_vid_frag, 16);
	assert_int_equal(isakmp_vid_classify(b, 17, NULL), ISAKMP_VID_UNKNOWN);
	assert_int_equal(isakmp_vid_classify((const uint8_t *)"IPSec-Tools", 11, NULL),
			 ISAKMP_VID_UNKNOWN);
	assert_int_equal(isakmp_vid_classify(b, 0, NULL), ISAKMP_VID_UNKNOWN);
}

/* ---- required payloads ---- */

static void build_agg1_no_ke(struct isakmp_chain *c)
{
	static const uint8_t nonce[16] = { 0 };
	static const uint8_t d[4] = { 192, 0, 2, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR, 0, 0, d, 4 };

	build_p1_sa(c);
	isakmp_pl_blob(c, ISAKMP_NP_NONCE, nonce, sizeof(nonce));
	isakmp_id_write(c, &id);
}

static void build_agg1_no_nonce(struct isakmp_chain *c)
{
	static const uint8_t ke[128] = { 2 };
	static const uint8_t d[4] = { 192, 0, 2, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR, 0, 0, d, 4 };

	build_p1_sa(c);
	isakmp_pl_blob(c, ISAKMP_NP_KE, ke, sizeof(ke));
	isakmp_id_write(c, &id);
}

static void build_agg1(struct isakmp_chain *c)
{
	static const uint8_t ke[128] = { 2 };

	build_agg1_no_ke(c);
	isakmp_pl_blob(c, ISAKMP_NP_KE, ke, sizeof(ke));
}

/* CVE-2005-3732: aggressive mode without KE or nonce. */
static void test_validate_agg_missing_ke(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_AGG, build_agg1_no_ke);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_AGG, build_agg1);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), 0);
	/* The same message lacks the responder's authentication as A2. */
	assert_int_equal(isakmp_validate(&m, 2), -EBADMSG);
}

static void test_validate_agg_missing_nonce(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_AGG, build_agg1_no_nonce);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
}

static void build_agg1_empty_ke(struct isakmp_chain *c)
{
	build_agg1_no_ke(c);
	isakmp_pl_blob(c, ISAKMP_NP_KE, NULL, 0);
}

static void test_validate_agg_empty_ke(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_AGG, build_agg1_empty_ke);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
}

static void build_two_sa(struct isakmp_chain *c)
{
	build_p1_sa(c);
	build_p1_sa(c);
}

static void test_validate_duplicate(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_IDENT, build_two_sa);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
}

static void build_qm1(struct isakmp_chain *c)
{
	static const uint8_t hash[20] = { 0 }, nonce[16] = { 0 };

	isakmp_pl_blob(c, ISAKMP_NP_HASH, hash, sizeof(hash));
	build_p2_sa(c);
	isakmp_pl_blob(c, ISAKMP_NP_NONCE, nonce, sizeof(nonce));
}

static void build_qm1_hash_late(struct isakmp_chain *c)
{
	static const uint8_t hash[20] = { 0 }, nonce[16] = { 0 };

	build_p2_sa(c);
	isakmp_pl_blob(c, ISAKMP_NP_HASH, hash, sizeof(hash));
	isakmp_pl_blob(c, ISAKMP_NP_NONCE, nonce, sizeof(nonce));
}

static void build_qm1_one_id(struct isakmp_chain *c)
{
	static const uint8_t d[4] = { 192, 0, 2, 1 };
	struct isakmp_id id = { IPSEC_ID_IPV4_ADDR, 0, 0, d, 4 };

	build_qm1(c);
	isakmp_id_write(c, &id);
}

static void test_validate_quick(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_qm1);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), 0);
	assert_int_equal(isakmp_validate(&m, 3), 0);
	assert_int_equal(isakmp_validate(&m, 5), -EBADMSG);
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_qm1_hash_late);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_QUICK, build_qm1_one_id);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
}

static void test_validate_info(void **state)
{
	uint8_t buf[512];
	struct isakmp_msg m;
	size_t n;

	(void)state;
	n = one_payload(buf, sizeof(buf), ISAKMP_ETYPE_INFO, build_delete);
	assert_int_equal(isakmp_msg_parse(buf, n, &m), 0);
	assert_int_equal(isakmp_validate(&m, 1), 0);
	/* Encrypted informational needs its HASH first. */
	m.hdr.flags |= ISAKMP_FLAG_E;
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
	m.hdr.etype = 99;
	assert_int_equal(isakmp_validate(&m, 1), -EBADMSG);
}

static void test_builder_overflow(void **state)
{
	uint8_t buf[60];
	struct isakmp_chain c;
	struct wire_wr w;

	(void)state;
	wire_wr_init(&w, buf, sizeof(buf));
	isakmp_msg_begin(&c, &w, &hdr_tmpl);
	build_p1_sa(&c);
	assert_int_equal(isakmp_msg_end(&c), -ENOBUFS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_roundtrip),
		cmocka_unit_test(test_header_short),
		cmocka_unit_test(test_header_huge_length),
		cmocka_unit_test(test_header_bad_version),
		cmocka_unit_test(test_header_bad_flags),
		cmocka_unit_test(test_chain_roundtrip),
		cmocka_unit_test(test_chain_zero_length_loop),
		cmocka_unit_test(test_chain_count_limit),
		cmocka_unit_test(test_chain_overrun),
		cmocka_unit_test(test_chain_trailing_bytes),
		cmocka_unit_test(test_chain_reserved_nonzero),
		cmocka_unit_test(test_chain_bare_proposal),
		cmocka_unit_test(test_encrypted_header_only),
		cmocka_unit_test(test_body_padding),
		cmocka_unit_test(test_body_not_block_multiple),
		cmocka_unit_test(test_pad_random_length),
		cmocka_unit_test(test_sa_p1_byte_exact_and_roundtrip),
		cmocka_unit_test(test_sa_p2_roundtrip),
		cmocka_unit_test(test_sa_bad_doi),
		cmocka_unit_test(test_sa_bad_situation),
		cmocka_unit_test(test_sa_proposal_overrun),
		cmocka_unit_test(test_sa_proposal_bad_next),
		cmocka_unit_test(test_sa_transform_count_mismatch),
		cmocka_unit_test(test_sa_transform_bad_next),
		cmocka_unit_test(test_sa_transform_short),
		cmocka_unit_test(test_sa_attr_overrun),
		cmocka_unit_test(test_sa_spi_overrun),
		cmocka_unit_test(test_sa_empty),
		cmocka_unit_test(test_p1_missing_attr),
		cmocka_unit_test(test_p1_duplicate_attr),
		cmocka_unit_test(test_p1_life_without_type),
		cmocka_unit_test(test_p1_life_too_wide),
		cmocka_unit_test(test_p1_basic_as_tlv),
		cmocka_unit_test(test_p1_private_group),
		cmocka_unit_test(test_p2_bad_life_type),
		cmocka_unit_test(test_p2_duplicate),
		cmocka_unit_test(test_id_all_types),
		cmocka_unit_test(test_id_bad_length),
		cmocka_unit_test(test_id_empty_name),
		cmocka_unit_test(test_id_unknown_type),
		cmocka_unit_test(test_id_prefix_conversion),
		cmocka_unit_test(test_id_phase1_form),
		cmocka_unit_test(test_id_noncontiguous_mask),
		cmocka_unit_test(test_id_range_reversed),
		cmocka_unit_test(test_cert_cr_roundtrip),
		cmocka_unit_test(test_cert_bad_encoding),
		cmocka_unit_test(test_notify_all_types),
		cmocka_unit_test(test_notify_byte_exact),
		cmocka_unit_test(test_notify_spi_overrun),
		cmocka_unit_test(test_notify_type_zero),
		cmocka_unit_test(test_dpd),
		cmocka_unit_test(test_delete_roundtrip),
		cmocka_unit_test(test_delete_byte_exact),
		cmocka_unit_test(test_delete_count_mismatch),
		cmocka_unit_test(test_delete_bad_spi_size),
		cmocka_unit_test(test_natt_roundtrip),
		cmocka_unit_test(test_natoa_malformed),
		cmocka_unit_test(test_blob_limits),
		cmocka_unit_test(test_vid_roundtrip),
		cmocka_unit_test(test_vid_known_bytes),
		cmocka_unit_test(test_vid_unknown_or_truncated),
		cmocka_unit_test(test_validate_agg_missing_ke),
		cmocka_unit_test(test_validate_agg_missing_nonce),
		cmocka_unit_test(test_validate_agg_empty_ke),
		cmocka_unit_test(test_validate_duplicate),
		cmocka_unit_test(test_validate_quick),
		cmocka_unit_test(test_validate_info),
		cmocka_unit_test(test_builder_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
