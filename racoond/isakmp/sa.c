/* SA payload with its proposals, transforms and data attributes
 * (RFC 2408 3.4-3.6, RFC 2407 4.5, RFC 2409 appendix A). */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

#define ATTR_AF 0x8000

#define PROP_FIXED_LEN 8u       /* generic header + num, proto, spi size, ntrans */
#define TRANS_FIXED_LEN 8u      /* generic header + num, id, reserved */

static int attrs_check(const uint8_t *p, size_t len)
{
	struct wire_rd r;
	size_t n = 0;

	wire_rd_init(&r, p, len);
	while (wire_rd_left(&r)) {
		uint16_t type = wire_rd_be16(&r);

		if (++n > ISAKMP_MAX_ATTRS)
			return -EMSGSIZE;
		if (type & ATTR_AF) {
			wire_rd_be16(&r);
		} else {
			uint16_t alen = wire_rd_be16(&r);

			wire_rd_skip(&r, alen);
		}
		if (!wire_rd_ok(&r))
			return -EINVAL;
	}
	return wire_rd_ok(&r) ? 0 : -EINVAL;
}

static int trans_check(const uint8_t *p, size_t len, uint8_t ntrans)
{
	struct wire_rd r;
	uint8_t np = ISAKMP_NP_T;
	size_t n = 0;

	wire_rd_init(&r, p, len);
	while (np != ISAKMP_NP_NONE) {
		uint16_t tlen;
		int rc;

		if (np != ISAKMP_NP_T)
			return -EINVAL;
		if (++n > ISAKMP_MAX_TRANSFORMS)
			return -EMSGSIZE;
		np = wire_rd_u8(&r);
		if (wire_rd_u8(&r) != 0)
			return -EINVAL;
		tlen = wire_rd_be16(&r);
		if (!wire_rd_ok(&r) || tlen < TRANS_FIXED_LEN || wire_rd_left(&r) < tlen - 4u)
			return -EINVAL;
		wire_rd_skip(&r, 2);    /* number, id */
		if (wire_rd_be16(&r) != 0)
			return -EINVAL;
		rc = attrs_check(r.p, tlen - TRANS_FIXED_LEN);
		if (rc < 0)
			return rc;
		wire_rd_skip(&r, tlen - TRANS_FIXED_LEN);
	}
	if (wire_rd_left(&r) != 0 || n != ntrans)
		return -EINVAL;
	return 0;
}

int isakmp_sa_parse(const struct isakmp_pl *pl, struct isakmp_sa *sa)
{
	struct wire_rd r;
	uint8_t np = ISAKMP_NP_P;
	size_t n = 0;

	memset(sa, 0, sizeof(*sa));
	wire_rd_init(&r, pl->body, pl->len);
	sa->doi = wire_rd_be32(&r);
	sa->sit = wire_rd_be32(&r);
	if (!wire_rd_ok(&r))
		return -EINVAL;
	if (sa->doi != IPSEC_DOI)
		return -ENOTSUP;
	/* Secrecy and integrity situations carry labelled domains that no
	 * IKEv1 peer in use sends; only identity-only is supported. */
	if (sa->sit != IPSEC_SIT_IDENTITY_ONLY)
		return -ENOTSUP;
	sa->props = r.p;
	sa->props_len = wire_rd_left(&r);
	if (sa->props_len == 0)
		return -EINVAL;
	while (np != ISAKMP_NP_NONE) {
		uint16_t plen;
		uint8_t spi_size, ntrans;
		int rc;

		if (np != ISAKMP_NP_P)
			return -EINVAL;
		if (++n > ISAKMP_MAX_PROPOSALS)
			return -EMSGSIZE;
		np = wire_rd_u8(&r);
		if (wire_rd_u8(&r) != 0)
			return -EINVAL;
		plen = wire_rd_be16(&r);
		wire_rd_skip(&r, 2);    /* number, protocol */
		spi_size = wire_rd_u8(&r);
		ntrans = wire_rd_u8(&r);
		if (!wire_rd_ok(&r) || plen < PROP_FIXED_LEN + spi_size ||
		    wire_rd_left(&r) < plen - PROP_FIXED_LEN)
			return -EINVAL;
		if (ntrans == 0)
			return -EINVAL;
		wire_rd_skip(&r, spi_size);
		rc = trans_check(r.p, plen - PROP_FIXED_LEN - spi_size, ntrans);
		if (rc < 0)
			return rc;
		wire_rd_skip(&r, plen - PROP_FIXED_LEN - spi_size);
	}
	return wire_rd_left(&r) == 0 ? 0 : -EINVAL;
}

void isakmp_sa_props(const struct isakmp_sa *sa, struct isakmp_iter *it)
{
	wire_rd_init(&it->r, sa->props, sa->props_len);
}

bool isakmp_next_prop(struct isakmp_iter *it, struct isakmp_prop *p)
{
	uint16_t plen;

	if (wire_rd_left(&it->r) < PROP_FIXED_LEN)
		return false;
	wire_rd_skip(&it->r, 2);
	plen = wire_rd_be16(&it->r);
	p->num = wire_rd_u8(&it->r);
	p->proto = wire_rd_u8(&it->r);
	p->spi_size = wire_rd_u8(&it->r);
	p->ntrans = wire_rd_u8(&it->r);
	p->spi = wire_rd_ptr(&it->r, p->spi_size);
	p->trans_len = plen - PROP_FIXED_LEN - p->spi_size;
	p->trans = wire_rd_ptr(&it->r, p->trans_len);
	return wire_rd_ok(&it->r);
}

void isakmp_prop_trans(const struct isakmp_prop *p, struct isakmp_iter *it)
{
	wire_rd_init(&it->r, p->trans, p->trans_len);
}

bool isakmp_next_trans(struct isakmp_iter *it, struct isakmp_trans *t)
{
	uint16_t tlen;

	if (wire_rd_left(&it->r) < TRANS_FIXED_LEN)
		return false;
	wire_rd_skip(&it->r, 2);
	tlen = wire_rd_be16(&it->r);
	t->num = wire_rd_u8(&it->r);
	t->id = wire_rd_u8(&it->r);
	wire_rd_skip(&it->r, 2);
	t->attrs_len = tlen - TRANS_FIXED_LEN;
	t->attrs = wire_rd_ptr(&it->r, t->attrs_len);
	return wire_rd_ok(&it->r);
}

void isakmp_trans_attrs(const struct isakmp_trans *t, struct isakmp_iter *it)
{
	wire_rd_init(&it->r, t->attrs, t->attrs_len);
}

bool isakmp_next_attr(struct isakmp_iter *it, struct isakmp_attr *a)
{
	uint16_t type;

	if (wire_rd_left(&it->r) < 4)
		return false;
	type = wire_rd_be16(&it->r);
	a->type = type & ~ATTR_AF;
	a->tv = type & ATTR_AF;
	if (a->tv) {
		a->tv_value = wire_rd_be16(&it->r);
		a->value = NULL;
		a->len = 2;
	} else {
		a->tv_value = 0;
		a->len = wire_rd_be16(&it->r);
		a->value = wire_rd_ptr(&it->r, a->len);
	}
	return wire_rd_ok(&it->r);
}

int isakmp_attr_u32(const struct isakmp_attr *a, uint32_t *v)
{
	uint64_t x = 0;

	if (a->tv) {
		*v = a->tv_value;
		return 0;
	}
	if (a->len == 0 || a->len > 8)
		return -EINVAL;
	for (size_t i = 0; i < a->len; i++)
		x = x << 8 | a->value[i];
	if (x > UINT32_MAX)
		return -ERANGE;
	*v = (uint32_t)x;
	return 0;
}

/* Basic attributes must be TV; a variable one may be either. */
static int attr_small(const struct isakmp_attr *a, uint16_t *v)
{
	if (!a->tv)
		return -EINVAL;
	*v = a->tv_value;
	return 0;
}

/* Life type then duration: the pending type says where a duration goes. */
static int life_set(uint16_t pending, uint32_t dur, uint32_t *sec, uint32_t *kb)
{
	if (pending == OAKLEY_LIFE_SECONDS) {
		if (*sec)
			return -EINVAL;
		*sec = dur;
	} else if (pending == OAKLEY_LIFE_KILOBYTES) {
		if (*kb)
			return -EINVAL;
		*kb = dur;
	} else {
		return -EINVAL;
	}
	return dur ? 0 : -EINVAL;
}

int isakmp_p1_decode(const struct isakmp_trans *t, struct isakmp_p1_attrs *a)
{
	struct isakmp_iter it;
	struct isakmp_attr at;
	uint32_t seen = 0, dur;
	uint16_t pending = 0;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	if (t->id != IPSEC_TRANSFORM_KEY_IKE)
		return -ENOTSUP;
	isakmp_trans_attrs(t, &it);
	while (rc == 0 && isakmp_next_attr(&it, &at)) {
		if (at.type < 32 && at.type != OAKLEY_ATTR_SA_LD_TYPE &&
		    at.type != OAKLEY_ATTR_SA_LD) {
			if (seen & (1u << at.type))
				return -EINVAL;
			seen |= 1u << at.type;
		}
		switch (at.type) {
		case OAKLEY_ATTR_ENC: rc = attr_small(&at, &a->enc); break;
		case OAKLEY_ATTR_HASH: rc = attr_small(&at, &a->hash); break;
		case OAKLEY_ATTR_AUTH: rc = attr_small(&at, &a->auth); break;
		case OAKLEY_ATTR_GRP_DESC: rc = attr_small(&at, &a->group); break;
		case OAKLEY_ATTR_GRP_TYPE: rc = attr_small(&at, &a->grp_type); break;
		case OAKLEY_ATTR_PRF: rc = attr_small(&at, &a->prf); break;
		case OAKLEY_ATTR_KEY_LEN: rc = attr_small(&at, &a->keylen); break;
		case OAKLEY_ATTR_SA_LD_TYPE:
			if (pending)
				return -EINVAL;
			rc = attr_small(&at, &pending);
			if (rc == 0 && pending != OAKLEY_LIFE_SECONDS && pending != OAKLEY_LIFE_KILOBYTES)
				rc = -EINVAL;
			break;
		case OAKLEY_ATTR_SA_LD:
			rc = isakmp_attr_u32(&at, &dur);
			if (rc == 0)
				rc = life_set(pending, dur, &a->life_sec, &a->life_kb);
			pending = 0;
			break;
		case OAKLEY_ATTR_GSS_ID:
			if (at.tv)
				return -EINVAL;
			a->gss_id = at.value;
			a->gss_id_len = at.len;
			break;
		case OAKLEY_ATTR_GRP_PI:
		case OAKLEY_ATTR_GRP_GEN_ONE:
		case OAKLEY_ATTR_GRP_GEN_TWO:
		case OAKLEY_ATTR_GRP_CURVE_A:
		case OAKLEY_ATTR_GRP_CURVE_B:
		case OAKLEY_ATTR_FIELD_SIZE:
		case OAKLEY_ATTR_GRP_ORDER:
			/* Private groups are not negotiated. */
			return -ENOTSUP;
		default:
			return -ENOTSUP;
		}
	}
	if (rc < 0)
		return rc;
	if (pending)
		return -EINVAL;
	if (!a->enc || !a->hash || !a->auth || !a->group)
		return -EINVAL;
	if (a->grp_type && a->grp_type != OAKLEY_GRP_TYPE_MODP)
		return -ENOTSUP;
	return 0;
}

int isakmp_p2_decode(const struct isakmp_trans *t, struct isakmp_p2_attrs *a)
{
	struct isakmp_iter it;
	struct isakmp_attr at;
	uint32_t seen = 0, dur;
	uint16_t pending = 0;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	isakmp_trans_attrs(t, &it);
	while (rc == 0 && isakmp_next_attr(&it, &at)) {
		if (at.type < 32 && at.type != IPSEC_ATTR_SA_LD_TYPE && at.type != IPSEC_ATTR_SA_LD) {
			if (seen & (1u << at.type))
				return -EINVAL;
			seen |= 1u << at.type;
		}
		switch (at.type) {
		case IPSEC_ATTR_ENC_MODE:
			rc = attr_small(&at, &a->encmode);
			a->has_encmode = true;
			break;
		case IPSEC_ATTR_AUTH:
			rc = attr_small(&at, &a->auth);
			a->has_auth = true;
			break;
		case IPSEC_ATTR_GRP_DESC: rc = attr_small(&at, &a->group); break;
		case IPSEC_ATTR_KEY_LEN: rc = attr_small(&at, &a->keylen); break;
		case IPSEC_ATTR_KEY_ROUNDS: rc = attr_small(&at, &a->key_rounds); break;
		case IPSEC_ATTR_COMP_DICT_SIZE: rc = attr_small(&at, &a->comp_dict); break;
		case IPSEC_ATTR_SA_LD_TYPE:
			if (pending)
				return -EINVAL;
			rc = attr_small(&at, &pending);
			if (rc == 0 && pending != IPSEC_LIFE_SECONDS && pending != IPSEC_LIFE_KILOBYTES)
				rc = -EINVAL;
			break;
		case IPSEC_ATTR_SA_LD:
			rc = isakmp_attr_u32(&at, &dur);
			if (rc == 0)
				rc = life_set(pending, dur, &a->life_sec, &a->life_kb);
			pending = 0;
			break;
		default:
			return -ENOTSUP;
		}
	}
	if (rc < 0)
		return rc;
	return pending ? -EINVAL : 0;
}

void isakmp_sa_begin(struct isakmp_sa_bld *b, struct isakmp_chain *c, uint32_t doi, uint32_t sit)
{
	b->outer = c;
	b->start = isakmp_pl_begin(c, ISAKMP_NP_SA);
	wire_wr_be32(c->w, doi);
	wire_wr_be32(c->w, sit);
	b->props.w = c->w;
	b->props.prev_np = NULL;
	b->props.msg_start = c->msg_start;
}

void isakmp_sa_end(struct isakmp_sa_bld *b)
{
	isakmp_pl_end(b->outer, b->start);
}

void isakmp_prop_begin(struct isakmp_prop_bld *p, struct isakmp_sa_bld *b, uint8_t num,
		       uint8_t proto, const void *spi, uint8_t spi_size)
{
	struct wire_wr *w = b->props.w;

	p->sa = b;
	p->start = isakmp_pl_begin(&b->props, ISAKMP_NP_P);
	wire_wr_u8(w, num);
	wire_wr_u8(w, proto);
	wire_wr_u8(w, spi_size);
	p->ntrans = wire_wr_reserve(w, 1);
	if (p->ntrans)
		*p->ntrans = 0;
	wire_wr_bytes(w, spi, spi_size);
	p->trans.w = w;
	p->trans.prev_np = NULL;
	p->trans.msg_start = b->props.msg_start;
}

void isakmp_prop_end(struct isakmp_prop_bld *p)
{
	isakmp_pl_end(&p->sa->props, p->start);
}

void isakmp_trans_begin(struct isakmp_trans_bld *t, struct isakmp_prop_bld *p, uint8_t num,
			uint8_t id)
{
	t->prop = p;
	t->start = isakmp_pl_begin(&p->trans, ISAKMP_NP_T);
	wire_wr_u8(p->trans.w, num);
	wire_wr_u8(p->trans.w, id);
	wire_wr_be16(p->trans.w, 0);
	if (p->ntrans && wire_wr_ok(p->trans.w))
		(*p->ntrans)++;
}

void isakmp_trans_end(struct isakmp_trans_bld *t)
{
	isakmp_pl_end(&t->prop->trans, t->start);
}

void isakmp_attr_tv(struct wire_wr *w, uint16_t type, uint16_t value)
{
	wire_wr_be16(w, type | ATTR_AF);
	wire_wr_be16(w, value);
}

void isakmp_attr_tlv(struct wire_wr *w, uint16_t type, const void *value, uint16_t len)
{
	wire_wr_be16(w, type & ~ATTR_AF);
	wire_wr_be16(w, len);
	wire_wr_bytes(w, value, len);
}

void isakmp_attr_tlv32(struct wire_wr *w, uint16_t type, uint32_t value)
{
	uint8_t b[4];

	wire_put_be32(b, value);
	isakmp_attr_tlv(w, type, b, sizeof(b));
}
