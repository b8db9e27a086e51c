/* Phase 2 bundles: building, parsing and choosing AH, ESP and IPComp
 * proposals under one proposal number (each mismatch and malformed case),
 * the bundle a policy's templates ask for, the kernel algorithms of each
 * SA; then two engines negotiating AH+ESP and ESP+IPComp, a responder's
 * policy refusing a bundle, and generate_policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "racoond/ike/ike.h"
#include "racoond/ike/ike_int.h"
#include "test/unit/racoond-ike/harness.h"

/* ---- SA payloads written by hand ---- */

struct sab {
	uint8_t buf[4096];
	struct wire_wr w;
	struct isakmp_chain c;
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	uint8_t *start;
	bool open;
	uint8_t tnum;
	struct isakmp_pl pl;
};

static void sab_begin(struct sab *s)
{
	memset(s, 0, sizeof(*s));
	wire_wr_init(&s->w, s->buf, sizeof(s->buf));
	s->c.w = &s->w;
	s->c.msg_start = s->buf;
	s->start = s->buf;
	isakmp_sa_begin(&s->sb, &s->c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
}

static void sab_close(struct sab *s)
{
	if (s->open)
		isakmp_prop_end(&s->pb);
	s->open = false;
}

static void sab_prop(struct sab *s, uint8_t num, uint8_t proto, uint32_t spi, uint8_t spi_size)
{
	uint8_t b[4];

	sab_close(s);
	if (spi_size == 2)
		wire_put_be16(b, (uint16_t)spi);
	else
		wire_put_be32(b, spi);
	isakmp_prop_begin(&s->pb, &s->sb, num, proto, b, spi_size);
	s->open = true;
	s->tnum = 0;
}

/* One transform: attributes left out when 0. */
static void sab_trans(struct sab *s, uint8_t id, uint16_t mode, uint16_t auth, uint16_t keylen,
		      uint16_t group)
{
	struct isakmp_trans_bld tb;

	isakmp_trans_begin(&tb, &s->pb, ++s->tnum, id);
	isakmp_attr_tv(&s->w, IPSEC_ATTR_SA_LD_TYPE, IPSEC_LIFE_SECONDS);
	isakmp_attr_tlv32(&s->w, IPSEC_ATTR_SA_LD, 3600);
	if (group)
		isakmp_attr_tv(&s->w, IPSEC_ATTR_GRP_DESC, group);
	if (mode)
		isakmp_attr_tv(&s->w, IPSEC_ATTR_ENC_MODE, mode);
	if (auth)
		isakmp_attr_tv(&s->w, IPSEC_ATTR_AUTH, auth);
	if (keylen)
		isakmp_attr_tv(&s->w, IPSEC_ATTR_KEY_LEN, keylen);
	isakmp_trans_end(&tb);
}

static const struct isakmp_pl *sab_end(struct sab *s)
{
	sab_close(s);
	isakmp_sa_end(&s->sb);
	assert_true(wire_wr_ok(&s->w));
	s->pl.type = ISAKMP_NP_SA;
	s->pl.body = s->buf + ISAKMP_GEN_LEN;
	s->pl.len = wire_wr_len(&s->w) - ISAKMP_GEN_LEN;
	return &s->pl;
}

#define TR IPSEC_ENCMODE_TRANSPORT
#define TU IPSEC_ENCMODE_TUNNEL
#define SHA1 IPSEC_AUTH_HMAC_SHA1

/* ESP aes-128 hmac_sha1, AH sha1, IPComp deflate as ESP/AH/IPComp protos. */
static void esp_t(struct sab *s, uint16_t mode) { sab_trans(s, IPSEC_ESP_AES, mode, SHA1, 128, 0); }
static void ah_t(struct sab *s, uint16_t mode) { sab_trans(s, IPSEC_AH_SHA, mode, SHA1, 0, 0); }
static void comp_t(struct sab *s, uint16_t mode) { sab_trans(s, IPSEC_IPCOMP_DEFLATE, mode, 0, 0, 0); }

static struct rc_sainfo sainfo(void)
{
	struct rc_sainfo si;

	memset(&si, 0, sizeof(si));
	si.lifetime = 3600;
	si.enc[0].id = IPSEC_ESP_AES;
	si.enc[0].keylen = 128;
	si.enc[1].id = IPSEC_ESP_3DES;
	si.n_enc = 2;
	si.auth[0].id = IPSEC_AUTH_HMAC_SHA256;
	si.auth[1].id = SHA1;
	si.n_auth = 2;
	si.comp[0].id = IPSEC_IPCOMP_DEFLATE;
	si.n_comp = 1;
	return si;
}

static struct ike_p2_choice want2(uint8_t p0, uint8_t p1)
{
	struct ike_p2_choice w;

	memset(&w, 0, sizeof(w));
	w.sa[0].proto = p0;
	w.sa[0].encmode = TR;
	w.sa[0].spi_in = p0 == ISAKMP_PROTO_IPCOMP ? 0x4242 : 0x11111111;
	w.n = 1;
	if (p1) {
		w.sa[1].proto = p1;
		w.sa[1].encmode = TR;
		w.sa[1].spi_in = p1 == ISAKMP_PROTO_IPCOMP ? 0x4343 : 0x22222222;
		w.n = 2;
	}
	return w;
}

/* Writes want's proposal as the initiator does, into s. */
static const struct isakmp_pl *written(struct sab *s, const struct rc_sainfo *si,
				       const struct ike_p2_choice *w, uint16_t pfs)
{
	memset(s, 0, sizeof(*s));
	wire_wr_init(&s->w, s->buf, sizeof(s->buf));
	s->c.w = &s->w;
	s->c.msg_start = s->buf;
	assert_int_equal(prop_p2_write(&s->c, si, w, pfs), 0);
	assert_true(wire_wr_ok(&s->w));
	s->pl.type = ISAKMP_NP_SA;
	s->pl.body = s->buf + ISAKMP_GEN_LEN;
	s->pl.len = wire_wr_len(&s->w) - ISAKMP_GEN_LEN;
	return &s->pl;
}

/* ---- building ---- */

static void test_write_esp_ipcomp(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice w = want2(ISAKMP_PROTO_IPCOMP, ISAKMP_PROTO_ESP);
	struct sab s;
	const struct isakmp_pl *pl = written(&s, &si, &w, 0);
	struct isakmp_sa sa;
	struct isakmp_iter pi;
	struct isakmp_prop p;

	(void)state;
	assert_int_equal(isakmp_sa_parse(pl, &sa), 0);
	isakmp_sa_props(&sa, &pi);
	/* IPComp first (the templates' order), a 2-octet CPI. */
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.num, 1);
	assert_int_equal(p.proto, ISAKMP_PROTO_IPCOMP);
	assert_int_equal(p.spi_size, 2);
	assert_int_equal(wire_get_be16(p.spi), 0x4242);
	assert_int_equal(p.ntrans, 1);
	/* ESP under the same number: 2 ciphers x 2 MACs. */
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.num, 1);
	assert_int_equal(p.proto, ISAKMP_PROTO_ESP);
	assert_int_equal(p.spi_size, 4);
	assert_int_equal(wire_get_be32(p.spi), 0x22222222);
	assert_int_equal(p.ntrans, 4);
	assert_false(isakmp_next_prop(&pi, &p));
}

static void test_write_ah(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice w = want2(ISAKMP_PROTO_AH, 0);
	struct sab s;
	const struct isakmp_pl *pl = written(&s, &si, &w, 2);
	struct isakmp_sa sa;
	struct isakmp_iter pi, ti;
	struct isakmp_prop p;
	struct isakmp_trans t;
	struct isakmp_p2_attrs a;

	(void)state;
	assert_int_equal(isakmp_sa_parse(pl, &sa), 0);
	isakmp_sa_props(&sa, &pi);
	assert_true(isakmp_next_prop(&pi, &p));
	assert_int_equal(p.proto, ISAKMP_PROTO_AH);
	assert_int_equal(p.ntrans, 2);
	isakmp_prop_trans(&p, &ti);
	/* The transform names the algorithm, the attribute agrees. */
	assert_true(isakmp_next_trans(&ti, &t));
	assert_int_equal(t.id, IPSEC_AH_SHA256);
	assert_int_equal(isakmp_p2_decode(&t, &a), 0);
	assert_true(a.has_auth);
	assert_int_equal(a.auth, IPSEC_AUTH_HMAC_SHA256);
	assert_int_equal(a.group, 2);
	assert_int_equal(a.keylen, 0);
	assert_true(isakmp_next_trans(&ti, &t));
	assert_int_equal(t.id, IPSEC_AH_SHA);
}

static void test_write_refuses_empty_protocol(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice w = want2(ISAKMP_PROTO_ESP, ISAKMP_PROTO_AH);
	struct ike_p2_choice none;
	uint8_t buf[2048];
	struct wire_wr ww;
	struct isakmp_chain c = { .w = &ww, .msg_start = buf };

	(void)state;
	/* AH with non_auth only has no transform. */
	si.auth[0].id = IPSEC_AUTH_NONE;
	si.n_auth = 1;
	wire_wr_init(&ww, buf, sizeof(buf));
	assert_int_equal(prop_p2_write(&c, &si, &w, 0), -ENOENT);
	/* IPComp without a compression algorithm neither. */
	si = sainfo();
	si.n_comp = 0;
	w = want2(ISAKMP_PROTO_IPCOMP, ISAKMP_PROTO_ESP);
	wire_wr_init(&ww, buf, sizeof(buf));
	c.prev_np = NULL;
	assert_int_equal(prop_p2_write(&c, &si, &w, 0), -ENOENT);
	memset(&none, 0, sizeof(none));
	wire_wr_init(&ww, buf, sizeof(buf));
	assert_int_equal(prop_p2_write(&c, &si, &none, 0), -EINVAL);
}

/* ---- the responder's choice ---- */

static void test_select_written_bundles(void **state)
{
	struct rc_sainfo si = sainfo();
	static const uint8_t combos[][2] = {
		{ ISAKMP_PROTO_ESP, 0 }, { ISAKMP_PROTO_AH, 0 }, { ISAKMP_PROTO_IPCOMP, 0 },
		{ ISAKMP_PROTO_IPCOMP, ISAKMP_PROTO_ESP }, { ISAKMP_PROTO_ESP, ISAKMP_PROTO_AH },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i++) {
		struct ike_p2_choice w = want2(combos[i][0], combos[i][1]), ch, back;
		struct sab s, r;
		const struct isakmp_pl *pl = written(&s, &si, &w, 0);
		bool nl = true;

		assert_int_equal(prop_p2_select(&si, RC_PC_STRICT, pl, NULL, &ch, &nl), 0);
		assert_false(nl);
		assert_int_equal(ch.n, w.n);
		assert_int_equal(ch.prop_num, 1);
		for (unsigned k = 0; k < w.n; k++) {
			assert_int_equal(ch.sa[k].proto, w.sa[k].proto);
			assert_int_equal(ch.sa[k].spi_out, w.sa[k].spi_in);
			assert_int_equal(ch.sa[k].encmode, TR);
		}
		/* The responder's answer is accepted by the initiator. */
		for (unsigned k = 0; k < ch.n; k++)
			ch.sa[k].spi_in = 0x5000 + k;
		memset(&r, 0, sizeof(r));
		wire_wr_init(&r.w, r.buf, sizeof(r.buf));
		r.c.w = &r.w;
		r.c.msg_start = r.buf;
		prop_p2_write_choice(&r.c, &ch);
		r.pl.type = ISAKMP_NP_SA;
		r.pl.body = r.buf + ISAKMP_GEN_LEN;
		r.pl.len = wire_wr_len(&r.w) - ISAKMP_GEN_LEN;
		assert_int_equal(prop_p2_check(&si, &w, &r.pl, &back), 0);
		for (unsigned k = 0; k < w.n; k++) {
			assert_int_equal(back.sa[k].spi_in, w.sa[k].spi_in);
			assert_int_equal(back.sa[k].spi_out, 0x5000 + k);
			assert_int_equal(back.sa[k].trans_id, ch.sa[k].trans_id);
		}
	}
}

static struct ipsec_policy policy(enum ipsec_proto a, enum ipsec_level la, enum ipsec_proto b,
				  enum ipsec_level lb)
{
	struct ipsec_policy p;

	memset(&p, 0, sizeof(p));
	p.dir = IPSEC_DIR_IN;
	p.tmpl[0].proto = a;
	p.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	p.tmpl[0].level = la;
	p.ntmpl = 1;
	if (b) {
		p.tmpl[1].proto = b;
		p.tmpl[1].mode = IPSEC_MODE_TRANSPORT;
		p.tmpl[1].level = lb;
		p.ntmpl = 2;
	}
	return p;
}

static void test_select_against_policy(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ipsec_policy ahesp = policy(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, IPSEC_PROTO_AH,
					   IPSEC_LEVEL_REQUIRE);
	struct ipsec_policy compesp = policy(IPSEC_PROTO_IPCOMP, IPSEC_LEVEL_USE, IPSEC_PROTO_ESP,
					     IPSEC_LEVEL_REQUIRE);
	struct ipsec_policy esp = policy(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0, 0);
	struct ike_p2_choice ch;
	struct sab s;
	bool nl;

	(void)state;
	/* ESP alone does not satisfy a policy requiring AH too. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), &ahesp, &ch, &nl), -ENOENT);
	/* Alternatives: ESP alone (1), then ESP+AH (2): the second is taken. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	sab_prop(&s, 2, ISAKMP_PROTO_ESP, 0x1001, 4);
	esp_t(&s, TR);
	sab_prop(&s, 2, ISAKMP_PROTO_AH, 0x1002, 4);
	ah_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), &ahesp, &ch, &nl), 0);
	assert_int_equal(ch.prop_num, 2);
	assert_int_equal(ch.n, 2);
	assert_int_equal(ch.sa[0].spi_out, 0x1001);
	assert_int_equal(ch.sa[1].proto, ISAKMP_PROTO_AH);
	assert_int_equal(ch.sa[1].spi_out, 0x1002);
	/* IPComp at level use may be left out... */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), &compesp, &ch, &nl), 0);
	assert_int_equal(ch.n, 1);
	/* ...or be there. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(&s, TR);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), &compesp, &ch, &nl), 0);
	assert_int_equal(ch.n, 2);
	assert_int_equal(ch.sa[0].spi_out, 0x300);
	/* A protocol the policy does not name is refused. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	sab_prop(&s, 1, ISAKMP_PROTO_AH, 0x1001, 4);
	ah_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), &esp, &ch, &nl), -ENOENT);
	/* A protocol without an acceptable transform fails the whole number. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(&s, TR);
	sab_prop(&s, 1, ISAKMP_PROTO_AH, 0x1001, 4);
	sab_trans(&s, IPSEC_AH_MD5, TR, IPSEC_AUTH_HMAC_MD5, 0, 0);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), NULL, &ch, &nl), -ENOENT);
}

/* Each malformed bundle alone, then followed by a good number 9 that must
 * still be chosen: a bad proposal number is skipped, not fatal. */
static void malformed_case(void (*build)(struct sab *s))
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice ch;
	struct sab s;
	bool nl;

	sab_begin(&s);
	build(&s);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), NULL, &ch, &nl), -ENOENT);
	sab_begin(&s);
	build(&s);
	sab_prop(&s, 9, ISAKMP_PROTO_ESP, 0x9999, 4);
	esp_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), NULL, &ch, &nl), 0);
	assert_int_equal(ch.prop_num, 9);
	assert_int_equal(ch.n, 1);
	assert_int_equal(ch.sa[0].spi_out, 0x9999);
}

static void m_dup_proto(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1001, 4);
	esp_t(s, TR);
}
static void m_too_many(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x1001, 4);
	ah_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1002, 4);
	esp_t(s, TR);
}
static void m_unknown_proto(struct sab *s)
{
	sab_prop(s, 1, 5, 0x1000, 4);
	esp_t(s, TR);
}
static void m_cpi_reserved(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 63, 2);
	comp_t(s, TR);
}
static void m_cpi_size3(struct sab *s)
{
	uint8_t b[3] = { 0, 3, 0 };

	sab_close(s);
	isakmp_prop_begin(&s->pb, &s->sb, 1, ISAKMP_PROTO_IPCOMP, b, 3);
	s->open = true;
	s->tnum = 0;
	comp_t(s, TR);
}
static void m_cpi_wide(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x10300, 4);
	comp_t(s, TR);
}
static void m_esp_spi_zero(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0, 4);
	esp_t(s, TR);
}
static void m_esp_spi_size2(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 2);
	esp_t(s, TR);
}
static void m_ah_id_mismatch(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x1000, 4);
	sab_trans(s, IPSEC_AH_SHA256, TR, SHA1, 0, 0);
}
static void m_ah_no_auth(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x1000, 4);
	sab_trans(s, IPSEC_AH_SHA, TR, 0, 0, 0);
}
static void m_ah_keylen(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x1000, 4);
	sab_trans(s, IPSEC_AH_SHA, TR, SHA1, 128, 0);
}
static void m_comp_auth(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	sab_trans(s, IPSEC_IPCOMP_DEFLATE, TR, SHA1, 0, 0);
}
static void m_comp_lzs(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	sab_trans(s, IPSEC_IPCOMP_LZS, TR, 0, 0, 0);
}
static void m_no_encmode(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(s, 0);
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	esp_t(s, TR);
}
static void m_pfs_differs(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	sab_trans(s, IPSEC_ESP_AES, TR, SHA1, 128, 2);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x1001, 4);
	sab_trans(s, IPSEC_AH_SHA, TR, SHA1, 0, 14);
}

static void m_comp_group_differs(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	sab_trans(s, IPSEC_IPCOMP_DEFLATE, TR, 0, 0, 5);
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	sab_trans(s, IPSEC_ESP_AES, TR, SHA1, 128, 2);
}

static void test_malformed_dup_proto(void **s) { (void)s; malformed_case(m_dup_proto); }
static void test_malformed_too_many(void **s) { (void)s; malformed_case(m_too_many); }
static void test_malformed_unknown_proto(void **s) { (void)s; malformed_case(m_unknown_proto); }
static void test_malformed_cpi_reserved(void **s) { (void)s; malformed_case(m_cpi_reserved); }
static void test_malformed_cpi_size3(void **s) { (void)s; malformed_case(m_cpi_size3); }
static void test_malformed_cpi_wide(void **s) { (void)s; malformed_case(m_cpi_wide); }
static void test_malformed_esp_spi_zero(void **s) { (void)s; malformed_case(m_esp_spi_zero); }
static void test_malformed_esp_spi_size2(void **s) { (void)s; malformed_case(m_esp_spi_size2); }
static void test_malformed_ah_id_mismatch(void **s) { (void)s; malformed_case(m_ah_id_mismatch); }
static void test_malformed_ah_no_auth(void **s) { (void)s; malformed_case(m_ah_no_auth); }
static void test_malformed_ah_keylen(void **s) { (void)s; malformed_case(m_ah_keylen); }
static void test_malformed_comp_auth(void **s) { (void)s; malformed_case(m_comp_auth); }
static void test_mismatch_comp_lzs(void **s) { (void)s; malformed_case(m_comp_lzs); }
static void test_malformed_no_encmode(void **s) { (void)s; malformed_case(m_no_encmode); }
static void test_mismatch_pfs_differs(void **s) { (void)s; malformed_case(m_pfs_differs); }
static void test_mismatch_comp_group(void **s) { (void)s; malformed_case(m_comp_group_differs); }

/* An IPComp transform without a group (no key comes from it) joins a PFS
 * bundle, whatever the order of the proposals. */
static void test_comp_without_group(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice ch;
	struct sab s;
	bool nl;

	(void)state;
	si.pfs_group = 2;
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(&s, TR);
	sab_prop(&s, 1, ISAKMP_PROTO_ESP, 0x1000, 4);
	sab_trans(&s, IPSEC_ESP_AES, TR, SHA1, 128, 2);
	assert_int_equal(prop_p2_select(&si, RC_PC_STRICT, sab_end(&s), NULL, &ch, &nl), 0);
	assert_int_equal(ch.group, 2);
	assert_int_equal(ch.n, 2);
	assert_int_equal(ch.sa[0].proto, ISAKMP_PROTO_IPCOMP);
}

static void test_cpi_in_four_octets(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice ch;
	struct sab s;
	bool nl;

	(void)state;
	/* Some peers put the CPI in a 4-octet field, high half zero. */
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_IPCOMP, 0x0345, 4);
	comp_t(&s, TR);
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, sab_end(&s), NULL, &ch, &nl), 0);
	assert_int_equal(ch.sa[0].spi_out, 0x345);
}

static void test_not_ipsec_doi(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice ch;
	uint8_t body[12] = { 0, 0, 0, 2, 0, 0, 0, 1 };
	struct isakmp_pl pl = { ISAKMP_NP_SA, body, sizeof(body) };
	uint8_t proto;
	bool nl;

	(void)state;
	assert_int_equal(prop_p2_select(&si, RC_PC_OBEY, &pl, NULL, &ch, &nl), -EINVAL);
	assert_int_equal(prop_p2_first_spi(&pl, &proto), 0);
}

static void test_first_spi_names_ah(void **state)
{
	struct sab s;
	uint8_t proto = 0;

	(void)state;
	sab_begin(&s);
	sab_prop(&s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(&s, TR);
	sab_prop(&s, 1, ISAKMP_PROTO_AH, 0xabcd, 4);
	ah_t(&s, TR);
	assert_int_equal(prop_p2_first_spi(sab_end(&s), &proto), 0xabcd);
	assert_int_equal(proto, ISAKMP_PROTO_AH);
}

/* ---- the initiator's check of the answer ---- */

static void check_case(void (*build)(struct sab *s), int want_rc)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice w = want2(ISAKMP_PROTO_ESP, ISAKMP_PROTO_AH), ch;
	struct sab s;

	sab_begin(&s);
	build(&s);
	assert_int_equal(prop_p2_check(&si, &w, sab_end(&s), &ch), want_rc);
}

static void a_good_reversed(struct sab *s)
{
	sab_prop(s, 3, ISAKMP_PROTO_AH, 0x2001, 4);
	ah_t(s, TR);
	sab_prop(s, 3, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
}
static void a_two_numbers(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
	sab_prop(s, 2, ISAKMP_PROTO_AH, 0x2001, 4);
	ah_t(s, TR);
}
static void a_missing_ah(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
}
static void a_other_proto(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_IPCOMP, 0x300, 2);
	comp_t(s, TR);
}
static void a_two_transforms(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
	esp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x2001, 4);
	ah_t(s, TR);
}
static void a_tunnel(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TU);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x2001, 4);
	ah_t(s, TU);
}
static void a_pfs(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	sab_trans(s, IPSEC_ESP_AES, TR, SHA1, 128, 2);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x2001, 4);
	sab_trans(s, IPSEC_AH_SHA, TR, SHA1, 0, 2);
}

/* strongSwan's answer: its choice, then again without IPComp. */
static void a_then_without(struct sab *s)
{
	sab_prop(s, 1, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
	sab_prop(s, 1, ISAKMP_PROTO_AH, 0x2001, 4);
	ah_t(s, TR);
	sab_prop(s, 2, ISAKMP_PROTO_ESP, 0x2000, 4);
	esp_t(s, TR);
}

static void test_check_answer(void **state)
{
	struct rc_sainfo si = sainfo();
	struct ike_p2_choice w = want2(ISAKMP_PROTO_ESP, ISAKMP_PROTO_AH), ch;
	struct sab s;

	(void)state;
	/* The answer's order need not be ours; ch keeps ours. */
	sab_begin(&s);
	a_good_reversed(&s);
	assert_int_equal(prop_p2_check(&si, &w, sab_end(&s), &ch), 0);
	assert_int_equal(ch.prop_num, 3);
	assert_int_equal(ch.sa[0].proto, ISAKMP_PROTO_ESP);
	assert_int_equal(ch.sa[0].spi_out, 0x2000);
	assert_int_equal(ch.sa[0].spi_in, 0x11111111);
	assert_int_equal(ch.sa[1].proto, ISAKMP_PROTO_AH);
	assert_int_equal(ch.sa[1].spi_out, 0x2001);
	assert_int_equal(ch.sa[1].trans_id, IPSEC_AH_SHA);
	check_case(a_then_without, 0);
	check_case(a_two_numbers, -EINVAL);
	check_case(a_missing_ah, -EINVAL);
	check_case(a_two_transforms, -EINVAL);
	check_case(a_other_proto, -ENOENT);
	check_case(a_tunnel, -ENOENT);
	/* We asked no PFS. */
	check_case(a_pfs, -ENOENT);
}

/* ---- policies and kernel algorithms ---- */

static void test_bundle_from_templates(void **state)
{
	struct ipsec_policy p = policy(IPSEC_PROTO_IPCOMP, IPSEC_LEVEL_USE, IPSEC_PROTO_ESP,
				       IPSEC_LEVEL_UNIQUE);
	struct ike_p2_choice w;

	(void)state;
	p.tmpl[1].reqid = 7;
	p.tmpl[1].mode = IPSEC_MODE_TUNNEL;
	assert_int_equal(spd_bundle(&p, &w), 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.sa[0].proto, ISAKMP_PROTO_IPCOMP);
	assert_int_equal(w.sa[0].encmode, TR);
	assert_int_equal(w.sa[0].level, IPSEC_LEVEL_USE);
	assert_int_equal(w.sa[1].proto, ISAKMP_PROTO_ESP);
	assert_int_equal(w.sa[1].encmode, TU);
	assert_int_equal(w.sa[1].reqid, 7);
	p.tmpl[1].proto = IPSEC_PROTO_IPCOMP;
	assert_int_equal(spd_bundle(&p, &w), -EINVAL);
	p.tmpl[1].proto = IPSEC_PROTO_ROUTING;
	assert_int_equal(spd_bundle(&p, &w), -ENOTSUP);
	p.ntmpl = 0;
	assert_int_equal(spd_bundle(&p, &w), -EINVAL);
	p = policy(IPSEC_PROTO_ESP, 0, IPSEC_PROTO_AH, 0);
	p.tmpl[2] = p.tmpl[0];
	p.tmpl[2].proto = IPSEC_PROTO_IPCOMP;
	p.tmpl[3] = p.tmpl[0];
	p.ntmpl = 4;
	assert_int_equal(spd_bundle(&p, &w), -EINVAL);
}

static void test_kernel_algorithms(void **state)
{
	struct ike_p2_sa s;
	struct ipsec_sa sa;
	size_t el, al;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.proto = ISAKMP_PROTO_IPCOMP;
	s.trans_id = IPSEC_IPCOMP_DEFLATE;
	memset(&sa, 0, sizeof(sa));
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), 0);
	assert_true(sa.has_comp);
	assert_false(sa.has_enc || sa.has_auth);
	assert_string_equal(sa.comp.name, "deflate");
	assert_int_equal(el + al, 0);
	s.trans_id = IPSEC_IPCOMP_LZS;
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), -ENOTSUP);

	s.proto = ISAKMP_PROTO_AH;
	s.trans_id = IPSEC_AH_SHA256;
	s.auth = IPSEC_AUTH_HMAC_SHA256;
	memset(&sa, 0, sizeof(sa));
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), 0);
	assert_true(sa.has_auth);
	assert_false(sa.has_enc || sa.has_comp);
	assert_string_equal(sa.auth.name, "hmac(sha256)");
	assert_int_equal(sa.auth.icv_bits, 128);
	assert_int_equal(el, 0);
	assert_int_equal(al, 32);
	s.trans_id = IPSEC_AH_MD5;
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), -ENOTSUP);

	s.proto = ISAKMP_PROTO_ESP;
	s.trans_id = IPSEC_ESP_AES;
	s.keylen = 256;
	s.auth = SHA1;
	memset(&sa, 0, sizeof(sa));
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), 0);
	assert_true(sa.has_enc && sa.has_auth);
	assert_string_equal(sa.enc.name, "cbc(aes)");
	assert_int_equal(el, 32);
	assert_int_equal(al, 20);
	s.proto = 9;
	assert_int_equal(prop_p2_kernel(&s, &sa, &el, &al), -ENOTSUP);
}

/* ---- two engines ---- */

#define A4 "192.0.2.1"
#define B4 "192.0.2.2"

#define CONF_FMT \
	"timer { counter 3; interval 2 sec; persend 1; phase1 30 sec; phase2 20 sec; }\n" \
	"remote %s {\n exchange_mode main;\n proposal_check obey;\n %s\n" \
	" proposal { encryption_algorithm aes; hash_algorithm sha1;" \
	" authentication_method pre_shared_key; dh_group modp1024; lifetime time 100 sec; }\n}\n" \
	"sainfo anonymous { lifetime time 1 hour; encryption_algorithm aes 128;" \
	" authentication_algorithm hmac_sha1; compression_algorithm deflate; }\n"

struct world {
	struct h_net net;
	struct h_node a, b;
	struct ike_ops ops;
	struct ipsec_policy added[8], deleted[8];
	unsigned n_added, n_deleted;
	char psk[64];
};

static struct world *the_world;

static int op_spd_add(void *ctx, const struct ipsec_policy *p)
{
	(void)ctx;
	if (the_world->n_added < 8)
		the_world->added[the_world->n_added++] = *p;
	return 0;
}

static int op_spd_delete(void *ctx, const struct ipsec_policy *p)
{
	(void)ctx;
	if (the_world->n_deleted < 8)
		the_world->deleted[the_world->n_deleted++] = *p;
	return 0;
}

static int setup_world(struct world *w, const char *b_extra)
{
	char ca[2048], cb[2048], path[64];
	FILE *f;
	int r;

	memset(w, 0, sizeof(*w));
	the_world = w;
	snprintf(path, sizeof(path), "/tmp/test_bundle_psk.%d", (int)getpid());
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "%s bundle-secret\n%s bundle-secret\n", A4, B4);
	fclose(f);
	snprintf(ca, sizeof(ca), "path pre_shared_key \"%s\";\n", path);
	snprintf(cb, sizeof(cb), "%s", ca);
	snprintf(ca + strlen(ca), sizeof(ca) - strlen(ca), CONF_FMT, B4, "");
	snprintf(cb + strlen(cb), sizeof(cb) - strlen(cb), CONF_FMT, A4, b_extra);
	h_net_init(&w->net);
	r = h_node_init(&w->a, &w->net, "a", ca, 0x1000);
	if (r == 0)
		r = h_node_init(&w->b, &w->net, "b", cb, 0x2000);
	h_node_addr(&w->a, A4);
	h_node_addr(&w->b, B4);
	/* b's key manager also takes policies. */
	w->ops = h_ops;
	w->ops.spd_add = op_spd_add;
	w->ops.spd_delete = op_spd_delete;
	ike_engine_free(w->b.e);
	w->b.e = NULL;
	if (r == 0)
		r = ike_engine_new(&w->b.e, &w->net.tq, w->b.conf, w->b.creds, &w->ops, &w->b);
	return r;
}

static void teardown_world(struct world *w)
{
	char path[64];

	snprintf(path, sizeof(path), "/tmp/test_bundle_psk.%d", (int)getpid());
	unlink(path);
	h_node_fini(&w->a);
	h_node_fini(&w->b);
	h_net_fini(&w->net);
}

static struct km_event acquire_ev(enum ipsec_proto p0, enum ipsec_level l0, enum ipsec_proto p1)
{
	struct km_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = KM_EV_ACQUIRE;
	ev.u.acquire.seq = 3;
	addr_parse(&ev.u.acquire.src, A4);
	addr_parse(&ev.u.acquire.dst, B4);
	prefix_parse(&ev.u.acquire.policy.sel.src, A4 "/32");
	prefix_parse(&ev.u.acquire.policy.sel.dst, B4 "/32");
	ev.u.acquire.policy.sel.proto = IPSEC_ULPROTO_ANY;
	ev.u.acquire.policy.dir = IPSEC_DIR_OUT;
	ev.u.acquire.policy = (struct ipsec_policy){ .sel = ev.u.acquire.policy.sel,
						     .dir = IPSEC_DIR_OUT };
	ev.u.acquire.policy.tmpl[0].proto = p0;
	ev.u.acquire.policy.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	ev.u.acquire.policy.tmpl[0].level = l0;
	ev.u.acquire.policy.ntmpl = 1;
	if (p1) {
		ev.u.acquire.policy.tmpl[1].proto = p1;
		ev.u.acquire.policy.tmpl[1].mode = IPSEC_MODE_TRANSPORT;
		ev.u.acquire.policy.ntmpl = 2;
	}
	return ev;
}

static unsigned established(struct h_node *n)
{
	const struct ike_stats *st = ike_engine_stats(n->e);

	return (unsigned)st->ph2_established;
}

static const struct ipsec_sa *find_sa(const struct ipsec_sa *v, unsigned n, enum ipsec_proto p)
{
	for (unsigned i = 0; i < n; i++)
		if (v[i].proto == p)
			return &v[i];
	return NULL;
}

static void test_engines_esp_ah(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, IPSEC_PROTO_AH);
	const struct ipsec_sa *esp, *ah, *besp, *bah;

	(void)state;
	assert_int_equal(setup_world(&w, ""), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.a), 1);
	assert_int_equal(established(&w.b), 1);
	/* Two SPIs each way per side, one GETSPI per protocol. */
	assert_int_equal(w.a.n_getspi, 2);
	assert_int_equal(w.b.n_getspi, 2);
	assert_int_equal(w.a.n_add, 2);
	assert_int_equal(w.a.n_upd, 2);
	esp = find_sa(w.a.add, w.a.n_add, IPSEC_PROTO_ESP);
	ah = find_sa(w.a.add, w.a.n_add, IPSEC_PROTO_AH);
	besp = find_sa(w.b.upd, w.b.n_upd, IPSEC_PROTO_ESP);
	bah = find_sa(w.b.upd, w.b.n_upd, IPSEC_PROTO_AH);
	assert_non_null(esp);
	assert_non_null(ah);
	assert_non_null(besp);
	assert_non_null(bah);
	assert_true(esp->has_enc && esp->has_auth);
	assert_true(ah->has_auth && !ah->has_enc);
	assert_string_equal(ah->auth.name, "hmac(sha1)");
	/* a's outbound SAs are b's inbound ones, with the same keys. */
	assert_int_equal(esp->spi, besp->spi);
	assert_int_equal(ah->spi, bah->spi);
	assert_memory_equal(ah->auth.key, bah->auth.key, 20);
	assert_memory_equal(esp->enc.key, besp->enc.key, 16);
	/* Each protocol has its own KEYMAT (its own SPI in the PRF). */
	assert_memory_not_equal(ah->auth.key, esp->auth.key, 20);
	/* A DELETE from a for each protocol removes both at b. */
	assert_int_equal(ike_delete_ph2(w.a.e, 1 + ike_engine_stats(w.a.e)->ph1_established), 0);
	h_net_run(&w.net);
	assert_int_equal(w.b.n_del, 4);
	teardown_world(&w);
}

static void test_engines_esp_ipcomp(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_IPCOMP, IPSEC_LEVEL_USE, IPSEC_PROTO_ESP);
	const struct ipsec_sa *comp, *bcomp;

	(void)state;
	assert_int_equal(setup_world(&w, ""), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.a), 1);
	assert_int_equal(established(&w.b), 1);
	comp = find_sa(w.a.add, w.a.n_add, IPSEC_PROTO_IPCOMP);
	bcomp = find_sa(w.b.upd, w.b.n_upd, IPSEC_PROTO_IPCOMP);
	assert_non_null(comp);
	assert_non_null(bcomp);
	assert_non_null(find_sa(w.a.add, w.a.n_add, IPSEC_PROTO_ESP));
	assert_true(comp->has_comp && !comp->has_enc && !comp->has_auth);
	assert_string_equal(comp->comp.name, "deflate");
	assert_int_equal(comp->replay_window, 0);
	assert_int_equal(comp->spi, bcomp->spi);
	assert_true(comp->spi >= 256 && comp->spi <= 0xffff);
	teardown_world(&w);
}

static void test_engines_cpi_out_of_range(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_IPCOMP, IPSEC_LEVEL_USE, IPSEC_PROTO_ESP);

	(void)state;
	assert_int_equal(setup_world(&w, ""), 0);
	/* A key manager handing out a CPI wider than 16 bits is refused. */
	w.a.next_spi = 0x12345;
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.a), 0);
	assert_int_equal(ike_engine_stats(w.a.e)->kernel_errors, 1);
	teardown_world(&w);
}

static void test_engines_policy_refuses_bundle(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0);
	struct km_event sp;

	(void)state;
	assert_int_equal(setup_world(&w, ""), 0);
	/* b's inbound policy asks ESP and AH; a offers ESP only. */
	memset(&sp, 0, sizeof(sp));
	sp.type = KM_EV_SPD_ADD;
	sp.u.policy = policy(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, IPSEC_PROTO_AH,
			     IPSEC_LEVEL_REQUIRE);
	prefix_parse(&sp.u.policy.sel.src, A4 "/32");
	prefix_parse(&sp.u.policy.sel.dst, B4 "/32");
	sp.u.policy.sel.proto = IPSEC_ULPROTO_ANY;
	assert_int_equal(ike_km_event(w.b.e, &sp), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.b), 0);
	assert_int_equal(ike_engine_stats(w.b.e)->no_proposal, 1);
	/* The refusal ended a's attempt. */
	assert_int_equal(ike_engine_stats(w.a.e)->no_proposal, 1);
	assert_int_equal(w.n_added, 0);
	teardown_world(&w);
}

/* An AH-only offer refused: the refusal names AH and ends a's attempt. */
static void test_engines_ah_refused(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_AH, IPSEC_LEVEL_REQUIRE, 0);
	struct km_event sp;

	(void)state;
	assert_int_equal(setup_world(&w, ""), 0);
	memset(&sp, 0, sizeof(sp));
	sp.type = KM_EV_SPD_ADD;
	sp.u.policy = policy(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0, 0);
	prefix_parse(&sp.u.policy.sel.src, A4 "/32");
	prefix_parse(&sp.u.policy.sel.dst, B4 "/32");
	sp.u.policy.sel.proto = IPSEC_ULPROTO_ANY;
	assert_int_equal(ike_km_event(w.b.e, &sp), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(ike_engine_stats(w.b.e)->no_proposal, 1);
	assert_int_equal(ike_engine_stats(w.a.e)->no_proposal, 1);
	assert_int_equal(established(&w.a), 0);
	teardown_world(&w);
}

static void test_generate_policy(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, IPSEC_PROTO_AH);
	char s[128];

	(void)state;
	assert_int_equal(setup_world(&w, "generate_policy on;"), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.b), 1);
	/* Out and in (transport: no fwd), the bundle in the peer's order. */
	assert_int_equal(w.n_added, 2);
	assert_int_equal(w.added[0].dir, IPSEC_DIR_OUT);
	assert_string_equal(ipsec_selector_fmt(&w.added[0].sel, s, sizeof(s)),
			    ipsec_selector_fmt(&(struct ipsec_selector){
				    .src = { .addr = w.b.addr[0], .len = 32 },
				    .dst = { .addr = w.a.addr[0], .len = 32 },
				    .proto = IPSEC_ULPROTO_ANY }, (char[128]){ 0 }, 128));
	assert_int_equal(w.added[1].dir, IPSEC_DIR_IN);
	assert_true(addr_eq(&w.added[1].sel.src.addr, &w.a.addr[0]));
	assert_int_equal(w.added[1].ntmpl, 2);
	assert_int_equal(w.added[1].tmpl[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(w.added[1].tmpl[1].proto, IPSEC_PROTO_AH);
	assert_int_equal(w.added[1].tmpl[0].level, IPSEC_LEVEL_REQUIRE);
	assert_int_equal(w.added[1].tmpl[0].mode, IPSEC_MODE_TRANSPORT);
	assert_int_equal(w.n_deleted, 0);
	/* The SAs go: so do the policies. */
	assert_int_equal(ike_delete_ph2(w.a.e, 1 + ike_engine_stats(w.a.e)->ph1_established), 0);
	h_net_run(&w.net);
	assert_int_equal(w.n_deleted, 2);
	assert_int_equal(w.deleted[0].dir, IPSEC_DIR_OUT);
	assert_int_equal(w.deleted[1].dir, IPSEC_DIR_IN);
	teardown_world(&w);
}

static void test_generate_policy_unique_tunnel(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0);

	(void)state;
	ev.u.acquire.policy.tmpl[0].mode = IPSEC_MODE_TUNNEL;
	ev.u.acquire.policy.tmpl[0].src = ev.u.acquire.src;
	ev.u.acquire.policy.tmpl[0].dst = ev.u.acquire.dst;
	prefix_parse(&ev.u.acquire.policy.sel.src, "10.1.0.0/16");
	prefix_parse(&ev.u.acquire.policy.sel.dst, "10.2.0.0/16");
	assert_int_equal(setup_world(&w, "generate_policy unique;"), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.b), 1);
	/* Tunnel: out, in and fwd, endpoints swapped on input, one reqid
	 * shared by the templates and the SAs. */
	assert_int_equal(w.n_added, 3);
	assert_int_equal(w.added[2].dir, IPSEC_DIR_FWD);
	assert_int_equal(w.added[0].tmpl[0].level, IPSEC_LEVEL_UNIQUE);
	assert_true(w.added[0].tmpl[0].reqid >= 16384);
	assert_int_equal(w.added[1].tmpl[0].reqid, w.added[0].tmpl[0].reqid);
	assert_true(addr_eq(&w.added[0].tmpl[0].src, &w.b.addr[0]));
	assert_true(addr_eq(&w.added[1].tmpl[0].src, &w.a.addr[0]));
	assert_int_equal(w.b.upd[0].reqid, w.added[0].tmpl[0].reqid);
	assert_int_equal(w.b.add[0].reqid, w.added[0].tmpl[0].reqid);
	assert_string_equal(prefix_fmt(&w.added[1].sel.src, (char[64]){ 0 }, 64), "10.1.0.0/16");
	teardown_world(&w);
}

static void test_no_generate_when_policy_exists(void **state)
{
	struct world w;
	struct km_event ev = acquire_ev(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0);
	struct km_event sp;

	(void)state;
	assert_int_equal(setup_world(&w, "generate_policy on;"), 0);
	memset(&sp, 0, sizeof(sp));
	sp.type = KM_EV_SPD_ADD;
	sp.u.policy = policy(IPSEC_PROTO_ESP, IPSEC_LEVEL_REQUIRE, 0, 0);
	prefix_parse(&sp.u.policy.sel.src, A4 "/32");
	prefix_parse(&sp.u.policy.sel.dst, B4 "/32");
	sp.u.policy.sel.proto = IPSEC_ULPROTO_ANY;
	assert_int_equal(ike_km_event(w.b.e, &sp), 0);
	assert_int_equal(ike_km_event(w.a.e, &ev), 0);
	h_net_run(&w.net);
	assert_int_equal(established(&w.b), 1);
	assert_int_equal(w.n_added, 0);
	teardown_world(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_esp_ipcomp),
		cmocka_unit_test(test_write_ah),
		cmocka_unit_test(test_write_refuses_empty_protocol),
		cmocka_unit_test(test_select_written_bundles),
		cmocka_unit_test(test_select_against_policy),
		cmocka_unit_test(test_malformed_dup_proto),
		cmocka_unit_test(test_malformed_too_many),
		cmocka_unit_test(test_malformed_unknown_proto),
		cmocka_unit_test(test_malformed_cpi_reserved),
		cmocka_unit_test(test_malformed_cpi_size3),
		cmocka_unit_test(test_malformed_cpi_wide),
		cmocka_unit_test(test_malformed_esp_spi_zero),
		cmocka_unit_test(test_malformed_esp_spi_size2),
		cmocka_unit_test(test_malformed_ah_id_mismatch),
		cmocka_unit_test(test_malformed_ah_no_auth),
		cmocka_unit_test(test_malformed_ah_keylen),
		cmocka_unit_test(test_malformed_comp_auth),
		cmocka_unit_test(test_mismatch_comp_lzs),
		cmocka_unit_test(test_malformed_no_encmode),
		cmocka_unit_test(test_mismatch_pfs_differs),
		cmocka_unit_test(test_mismatch_comp_group),
		cmocka_unit_test(test_comp_without_group),
		cmocka_unit_test(test_cpi_in_four_octets),
		cmocka_unit_test(test_not_ipsec_doi),
		cmocka_unit_test(test_first_spi_names_ah),
		cmocka_unit_test(test_check_answer),
		cmocka_unit_test(test_bundle_from_templates),
		cmocka_unit_test(test_kernel_algorithms),
		cmocka_unit_test(test_engines_esp_ah),
		cmocka_unit_test(test_engines_esp_ipcomp),
		cmocka_unit_test(test_engines_cpi_out_of_range),
		cmocka_unit_test(test_engines_policy_refuses_bundle),
		cmocka_unit_test(test_engines_ah_refused),
		cmocka_unit_test(test_generate_policy),
		cmocka_unit_test(test_generate_policy_unique_tunnel),
		cmocka_unit_test(test_no_generate_when_policy_exists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
