/* IKE fragmentation (the Cisco/Microsoft extension racoon speaks): the
 * fragment payload (type 132), splitting, and reassembly with limits.
 * The fragments carry the whole original message, header included. */
#include <errno.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

int isakmp_frag_parse(const uint8_t *buf, size_t len, struct isakmp_hdr *h,
		      struct isakmp_frag *f)
{
	struct isakmp_pl pl;
	struct wire_rd r;
	size_t n, used;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = isakmp_hdr_parse(buf, len, h);
	if (rc < 0)
		return rc;
	if (h->np != ISAKMP_NP_FRAG)
		return -EINVAL;
	rc = isakmp_chain_parse(h->np, buf + ISAKMP_HDR_LEN, len - ISAKMP_HDR_LEN, false, &pl, 1,
				&n, &used);
	if (rc < 0)
		return rc;
	wire_rd_init(&r, pl.body, pl.len);
	f->id = wire_rd_be16(&r);
	f->index = wire_rd_u8(&r);
	f->flags = wire_rd_u8(&r);
	/* CVE-2009-1574: a fragment without data must not get further. */
	if (!wire_rd_ok(&r) || wire_rd_left(&r) == 0)
		return -EINVAL;
	if (f->index == 0 || f->index > ISAKMP_FRAG_MAX_COUNT)
		return -EINVAL;
	if (f->flags & ~ISAKMP_FRAG_LAST)
		return -EINVAL;
	f->data = r.p;
	f->len = wire_rd_left(&r);
	return 0;
}

static size_t frag_room(size_t mtu)
{
	return mtu > ISAKMP_HDR_LEN + ISAKMP_FRAG_HDR_LEN ? mtu - ISAKMP_HDR_LEN - ISAKMP_FRAG_HDR_LEN
							    : 0;
}

size_t isakmp_frag_count(size_t msglen, size_t mtu)
{
	size_t room = frag_room(mtu);

	return room ? (msglen + room - 1) / room : 0;
}

int isakmp_frag_build(struct wire_wr *w, const uint8_t *msg, size_t msglen, size_t mtu,
		      uint16_t frag_id, uint8_t index)
{
	size_t room = frag_room(mtu), count = isakmp_frag_count(msglen, mtu), off, n;
	struct isakmp_chain c;
	struct isakmp_hdr h;
	uint8_t *s;
	int rc;

	if (room == 0 || msglen < ISAKMP_HDR_LEN || count > ISAKMP_FRAG_MAX_COUNT)
		return -EMSGSIZE;
	if (index == 0 || index > count)
		return -EINVAL;
	rc = isakmp_hdr_parse(msg, msglen, &h);
	if (rc < 0)
		return rc;
	off = (size_t)(index - 1) * room;
	n = msglen - off < room ? msglen - off : room;
	isakmp_msg_begin(&c, w, &h);
	s = isakmp_pl_begin(&c, ISAKMP_NP_FRAG);
	wire_wr_be16(w, frag_id);
	wire_wr_u8(w, index);
	wire_wr_u8(w, index == count ? ISAKMP_FRAG_LAST : 0);
	wire_wr_bytes(w, msg + off, n);
	isakmp_pl_end(&c, s);
	return isakmp_msg_end(&c);
}

void isakmp_reasm_init(struct isakmp_reasm *r, size_t max_total)
{
	r->max_total = max_total < ISAKMP_FRAG_MAX_TOTAL ? max_total : ISAKMP_FRAG_MAX_TOTAL;
	isakmp_reasm_reset(r);
}

void isakmp_reasm_reset(struct isakmp_reasm *r)
{
	r->active = false;
	r->last = 0;
	r->count = 0;
	r->have = 0;
	r->used = 0;
}

static bool reasm_key_eq(const struct isakmp_reasm *r, const struct isakmp_hdr *h, uint16_t id)
{
	return !memcmp(r->icookie, h->icookie, ISAKMP_COOKIE_LEN) &&
	       !memcmp(r->rcookie, h->rcookie, ISAKMP_COOKIE_LEN) && r->id == id;
}

int isakmp_reasm_add(struct isakmp_reasm *r, const struct isakmp_hdr *h,
		     const struct isakmp_frag *f, uint8_t *out, size_t outcap)
{
	uint64_t bit;
	size_t total;

	if (f->index == 0 || f->index > ISAKMP_FRAG_MAX_COUNT || f->len == 0)
		return -EINVAL;
	if (r->active && !reasm_key_eq(r, h, f->id)) {
		/* Same exchange, new fragment id: the peer restarted the message. */
		if (memcmp(r->icookie, h->icookie, ISAKMP_COOKIE_LEN) ||
		    memcmp(r->rcookie, h->rcookie, ISAKMP_COOKIE_LEN))
			return -ESRCH;
		isakmp_reasm_reset(r);
	}
	if (!r->active) {
		memcpy(r->icookie, h->icookie, ISAKMP_COOKIE_LEN);
		memcpy(r->rcookie, h->rcookie, ISAKMP_COOKIE_LEN);
		r->id = f->id;
		r->active = true;
	}
	bit = UINT64_C(1) << (f->index - 1);
	if (r->have & bit) {
		const uint8_t *old = r->data + r->slot[f->index - 1].off;
		bool last = f->flags & ISAKMP_FRAG_LAST;

		/* A retransmission repeats the same bytes; anything else is an
		 * attempt to rewrite (CVE-2016-10396). */
		if (r->slot[f->index - 1].len == f->len && !memcmp(old, f->data, f->len) &&
		    last == (r->last == f->index))
			return -EAGAIN;
		return -EEXIST;
	}
	if (f->flags & ISAKMP_FRAG_LAST) {
		if (r->last)
			return -EEXIST;
		/* Indexes already held beyond this one contradict it. */
		if (f->index < 64 && (r->have >> f->index))
			return -EINVAL;
		r->last = f->index;
	} else if (r->last && f->index > r->last) {
		return -EINVAL;
	}
	if (f->len > r->max_total - r->used)
		return -EMSGSIZE;
	memcpy(r->data + r->used, f->data, f->len);
	r->slot[f->index - 1].off = (uint16_t)r->used;
	r->slot[f->index - 1].len = (uint16_t)f->len;
	r->used += f->len;
	r->have |= bit;
	r->count++;
	if (!r->last || r->count != r->last)
		return -EAGAIN;
	total = r->used;
	if (total > outcap) {
		isakmp_reasm_reset(r);
		return -ENOBUFS;
	}
	for (size_t i = 0, o = 0; i < r->last; i++) {
		memcpy(out + o, r->data + r->slot[i].off, r->slot[i].len);
		o += r->slot[i].len;
	}
	isakmp_reasm_reset(r);
	return (int)total;
}
