/* Messages: building, padding and encryption, decryption, sending (with
 * IKE fragments), retransmission and duplicate detection. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "racoond/ike/ike_int.h"

uint32_t ike_random32(void)
{
	uint32_t v = 0;

	if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
		abort();
	return v;
}

int ike_random(void *p, size_t len)
{
	return RAND_bytes(p, (int)len) == 1 ? 0 : -EIO;
}

uint8_t *ike_memdup(const void *p, size_t len)
{
	uint8_t *d = malloc(len ? len : 1);

	if (d && len)
		memcpy(d, p, len);
	return d;
}

void out_begin(struct ike_engine *e, struct ike_out *o, const uint8_t *ic, const uint8_t *rc,
	       uint8_t etype, uint8_t flags, uint32_t msgid)
{
	struct isakmp_hdr h = { .version = ISAKMP_VERSION, .etype = etype, .flags = flags,
				.msgid = msgid };

	memcpy(h.icookie, ic, 8);
	if (rc)
		memcpy(h.rcookie, rc, 8);
	memset(o, 0, sizeof(*o));
	wire_wr_init(&o->w, e->out, sizeof(e->out));
	isakmp_msg_begin(&o->c, &o->w, &h);
}

void out_hash_slot(struct ike_out *o, size_t hlen)
{
	uint8_t *pl = isakmp_pl_begin(&o->c, ISAKMP_NP_HASH);

	o->hash_at = wire_wr_reserve(&o->w, hlen);
	if (o->hash_at)
		memset(o->hash_at, 0, hlen);
	o->hash_len = hlen;
	isakmp_pl_end(&o->c, pl);
	o->rest = o->w.p;
}

int out_finish_plain(struct ike_out *o)
{
	return isakmp_msg_end(&o->c);
}

int out_finish_enc(struct ike_engine *e, struct ike_out *o, struct ike_ph1 *p1, uint8_t *iv)
{
	size_t body, padlen;
	uint8_t rnd[256 * IKE_MAX_BS];
	int len;

	if (!wire_wr_ok(&o->w))
		return -ENOBUFS;
	body = wire_wr_len(&o->w) - ISAKMP_HDR_LEN;
	padlen = isakmp_pad_len(&e->pad, body, p1->bs, ike_random32());
	if (padlen > sizeof(rnd))
		return -EMSGSIZE;
	if (ike_random(rnd, padlen) < 0)
		return -EIO;
	isakmp_pad_write(&o->w, &e->pad, padlen, rnd);
	len = isakmp_msg_end(&o->c);
	if (len < 0)
		return len;
	e->out[19] |= ISAKMP_FLAG_E;
	return ike_cbc_encrypt(p1->ch.enc, p1->keys.enc_key->data, p1->keys.enc_key->len, iv,
			       e->out + ISAKMP_HDR_LEN, e->out + ISAKMP_HDR_LEN,
			       (size_t)len - ISAKMP_HDR_LEN) < 0 ? -EIO : len;
}

int msg_decrypt(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *iv, const uint8_t *buf,
		size_t len, uint8_t *plain, struct isakmp_msg *m, uint8_t *iv_next)
{
	size_t body = len - ISAKMP_HDR_LEN;
	uint8_t ivc[IKE_MAX_BS];
	int r;

	if (!p1->keys.enc_key || len < ISAKMP_HDR_LEN || body == 0 || body % p1->bs)
		return -EINVAL;
	memcpy(ivc, iv, p1->bs);
	memcpy(plain, buf, ISAKMP_HDR_LEN);
	if (ike_cbc_decrypt(p1->ch.enc, p1->keys.enc_key->data, p1->keys.enc_key->len, ivc,
			    buf + ISAKMP_HDR_LEN, plain + ISAKMP_HDR_LEN, body) < 0)
		return -EINVAL;
	r = isakmp_msg_parse(buf, len, m);
	if (r < 0)
		return r;
	r = isakmp_msg_parse_body(m, plain + ISAKMP_HDR_LEN, body, p1->bs, &e->pad);
	if (r < 0)
		return r;
	memcpy(iv_next, ivc, p1->bs);
	return 0;
}

void msg_rest(const struct isakmp_msg *m, const uint8_t **rest, size_t *len)
{
	const struct isakmp_pl *first = &m->pl[0], *last = &m->pl[m->npl - 1];

	*rest = first->body + first->len;
	*len = (size_t)(last->body + last->len - *rest);
}

static bool want_frag(const struct ike_ph1 *p1, size_t len)
{
	if (!p1 || !p1->rm || len <= IKE_FRAG_MTU)
		return false;
	return p1->rm->ike_frag == RC_FORCE || (p1->rm->ike_frag == RC_ON && p1->peer_frag);
}

int ike_send_raw(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len)
{
	uint8_t pkt[IKE_FRAG_MTU];
	struct wire_wr w;
	size_t n;
	int r;

	e->st.tx++;
	if (!want_frag(p1, len))
		return e->ops->send(e->ctx, &p1->local, &p1->remote, buf, len);
	n = isakmp_frag_count(len, IKE_FRAG_MTU);
	e->frag_id++;
	for (size_t i = 1; i <= n; i++) {
		wire_wr_init(&w, pkt, sizeof(pkt));
		r = isakmp_frag_build(&w, buf, len, IKE_FRAG_MTU, e->frag_id, (uint8_t)i);
		if (r < 0)
			return r;
		r = e->ops->send(e->ctx, &p1->local, &p1->remote, pkt, (size_t)r);
		if (r < 0)
			return r;
	}
	return 0;
}

void xmit_clear(struct ike_xmit *x)
{
	timer_cancel(&x->t);
	free(x->buf);
	x->buf = NULL;
	x->len = 0;
}

int xmit_start(struct ike_engine *e, struct ike_ph1 *p1, struct ike_xmit *x, size_t len,
	       bool timed, timer_fn *fn, void *arg)
{
	xmit_clear(x);
	x->buf = ike_memdup(e->out, len);
	if (!x->buf)
		return -ENOMEM;
	x->len = len;
	x->timed = timed;
	x->left = e->conf->timer.counter;
	timer_init(&x->t, fn, arg);
	if (timed)
		timer_arm_in(e->tq, &x->t, (uint64_t)e->conf->timer.interval * 1000);
	return ike_send_raw(e, p1, x->buf, x->len);
}

bool xmit_resend(struct ike_engine *e, struct ike_ph1 *p1, struct ike_xmit *x)
{
	if (!x->buf || x->left == 0)
		return false;
	x->left--;
	e->st.resends++;
	for (unsigned i = 0; i < (e->conf->timer.persend ? e->conf->timer.persend : 1); i++)
		ike_send_raw(e, p1, x->buf, x->len);
	if (x->timed)
		timer_arm_in(e->tq, &x->t, (uint64_t)e->conf->timer.interval * 1000);
	return true;
}

bool rx_is_dup(uint8_t *last, size_t last_len, const uint8_t *buf, size_t len)
{
	return last && last_len == len && memcmp(last, buf, len) == 0;
}

int rx_remember(uint8_t **last, size_t *last_len, const uint8_t *buf, size_t len)
{
	uint8_t *c = ike_memdup(buf, len);

	if (!c)
		return -ENOMEM;
	free(*last);
	*last = c;
	*last_len = len;
	return 0;
}
