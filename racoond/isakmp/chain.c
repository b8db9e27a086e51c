/* The payload chain (RFC 2408 3.2): walking it with limits, and writing it. */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

int isakmp_chain_parse(uint8_t first, const uint8_t *buf, size_t len, bool tail_ok,
		       struct isakmp_pl *pl, size_t max, size_t *npl, size_t *used)
{
	struct wire_rd r;
	uint8_t type = first;
	size_t n = 0;

	*npl = 0;
	*used = 0;
	wire_rd_init(&r, buf, len);
	/* Each payload is at least ISAKMP_GEN_LEN long, so the walk advances
	 * on every step: a zero length (the "loop" of old parsers) is refused
	 * here and the count bounds the rest. */
	while (type != ISAKMP_NP_NONE) {
		const uint8_t *start = r.p;
		uint8_t np, res;
		uint16_t plen;

		if (n == max)
			return -EMSGSIZE;
		np = wire_rd_u8(&r);
		res = wire_rd_u8(&r);
		plen = wire_rd_be16(&r);
		if (!wire_rd_ok(&r))
			return -EINVAL;
		if (plen < ISAKMP_GEN_LEN || res != 0)
			return -EINVAL;
		if ((size_t)(r.end - start) < plen)
			return -EMSGSIZE;
		/* P and T live only inside an SA; none in the outer chain. */
		if (type == ISAKMP_NP_P || type == ISAKMP_NP_T)
			return -EINVAL;
		pl[n].type = type;
		pl[n].body = start + ISAKMP_GEN_LEN;
		pl[n].len = plen - ISAKMP_GEN_LEN;
		n++;
		wire_rd_skip(&r, plen - ISAKMP_GEN_LEN);
		type = np;
	}
	if (!tail_ok && wire_rd_left(&r) != 0)
		return -EINVAL;
	*npl = n;
	*used = (size_t)(r.p - buf);
	return 0;
}

int isakmp_msg_parse(const uint8_t *buf, size_t len, struct isakmp_msg *m)
{
	size_t used;
	int rc;

	m->npl = 0;
	rc = isakmp_hdr_parse(buf, len, &m->hdr);
	if (rc < 0)
		return rc;
	if (m->hdr.flags & ISAKMP_FLAG_E)
		return 0;
	return isakmp_chain_parse(m->hdr.np, buf + ISAKMP_HDR_LEN, len - ISAKMP_HDR_LEN, false,
				  m->pl, ISAKMP_MAX_PAYLOADS, &m->npl, &used);
}

void isakmp_padding_default(struct isakmp_padding *p)
{
	p->randomize = true;
	p->randomize_length = false;
	p->maximum_length = 20;
	p->exclusive_tail = true;
	p->strict_check = false;
}

int isakmp_msg_parse_body(struct isakmp_msg *m, const uint8_t *plain, size_t plen, size_t bs,
			  const struct isakmp_padding *pad)
{
	size_t used, tail, announced;
	int rc;

	m->npl = 0;
	if (bs == 0 || plen == 0 || plen % bs != 0)
		return -EINVAL;
	rc = isakmp_chain_parse(m->hdr.np, plain, plen, true, m->pl, ISAKMP_MAX_PAYLOADS,
				&m->npl, &used);
	if (rc < 0)
		return rc;
	tail = plen - used;
	if (pad->strict_check) {
		announced = plain[plen - 1];
		if (pad->exclusive_tail)
			announced++;
		if (tail == 0 || announced != tail) {
			m->npl = 0;
			return -EINVAL;
		}
	}
	return 0;
}

size_t isakmp_pad_len(const struct isakmp_padding *p, size_t len, size_t bs, uint32_t rnd)
{
	size_t padlen = bs - len % bs;

	if (p->randomize_length) {
		size_t extra = rnd % ((size_t)p->maximum_length + 1) + 1;

		/* The length must fit the last byte. */
		while (extra && padlen + extra * bs > 255)
			extra--;
		padlen += extra * bs;
	}
	return padlen;
}

void isakmp_pad_write(struct wire_wr *w, const struct isakmp_padding *p, size_t padlen,
		      const uint8_t *rnd)
{
	if (padlen == 0)
		return;
	if (p->randomize && rnd)
		wire_wr_bytes(w, rnd, padlen - 1);
	else
		wire_wr_zero(w, padlen - 1);
	wire_wr_u8(w, (uint8_t)(p->exclusive_tail ? padlen - 1 : padlen));
}

const struct isakmp_pl *isakmp_msg_find(const struct isakmp_msg *m, uint8_t type, size_t n)
{
	for (size_t i = 0; i < m->npl; i++) {
		if (m->pl[i].type != type)
			continue;
		if (n == 0)
			return &m->pl[i];
		n--;
	}
	return NULL;
}

size_t isakmp_msg_count(const struct isakmp_msg *m, uint8_t type)
{
	size_t c = 0;

	for (size_t i = 0; i < m->npl; i++)
		c += m->pl[i].type == type;
	return c;
}

void isakmp_msg_begin(struct isakmp_chain *c, struct wire_wr *w, const struct isakmp_hdr *h)
{
	struct isakmp_hdr hh = *h;

	c->w = w;
	c->msg_start = w->p;
	hh.np = ISAKMP_NP_NONE;
	hh.len = 0;
	isakmp_hdr_write(w, &hh);
	c->prev_np = wire_wr_ok(w) ? c->msg_start + 2 * ISAKMP_COOKIE_LEN : NULL;
}

int isakmp_msg_end(struct isakmp_chain *c)
{
	size_t len;

	if (!wire_wr_ok(c->w))
		return -ENOBUFS;
	len = (size_t)(c->w->p - c->msg_start);
	if (len > ISAKMP_MSG_MAX)
		return -EMSGSIZE;
	wire_put_be32(c->msg_start + 24, (uint32_t)len);
	return (int)len;
}

uint8_t *isakmp_pl_begin(struct isakmp_chain *c, uint8_t type)
{
	uint8_t *start = wire_wr_reserve(c->w, ISAKMP_GEN_LEN);

	if (!start)
		return NULL;
	if (c->prev_np)
		*c->prev_np = type;
	memset(start, 0, ISAKMP_GEN_LEN);
	c->prev_np = start;
	return start;
}

void isakmp_pl_end(struct isakmp_chain *c, uint8_t *start)
{
	size_t len;

	if (!start || !wire_wr_ok(c->w))
		return;
	len = (size_t)(c->w->p - start);
	if (len > 0xffff) {
		c->w->err = true;
		return;
	}
	wire_put_be16(start + 2, (uint16_t)len);
}

void isakmp_pl_blob(struct isakmp_chain *c, uint8_t type, const void *data, size_t len)
{
	uint8_t *s = isakmp_pl_begin(c, type);

	wire_wr_bytes(c->w, data, len);
	isakmp_pl_end(c, s);
}
