/* The engine's entry points: datagram dispatch (fragments, cookies,
 * retransmissions, exchange types), kernel events, racoonctl requests,
 * reload and flush. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static void set_padding(struct ike_engine *e)
{
	const struct rc_padding *p = &e->conf->padding;

	e->pad.randomize = p->randomize;
	e->pad.randomize_length = p->randomize_length;
	e->pad.maximum_length = p->maximum_length;
	e->pad.exclusive_tail = p->exclusive_tail;
	e->pad.strict_check = p->strict_check;
}

int ike_engine_new(struct ike_engine **out, struct timerq *tq, const struct rc_conf *conf,
		   struct ike_creds *creds, const struct ike_ops *ops, void *ctx)
{
	struct ike_engine *e = calloc(1, sizeof(*e));

	*out = NULL;
	if (!e)
		return -ENOMEM;
	e->reasm = malloc(IKE_REASM_SLOTS * sizeof(*e->reasm));
	if (!e->reasm) {
		free(e);
		return -ENOMEM;
	}
	for (unsigned i = 0; i < IKE_REASM_SLOTS; i++)
		isakmp_reasm_init(&e->reasm[i], ISAKMP_FRAG_MAX_TOTAL);
	e->tq = tq;
	e->conf = conf;
	e->creds = creds;
	e->ops = ops;
	e->ctx = ctx;
	set_padding(e);
	*out = e;
	return 0;
}

void ike_engine_free(struct ike_engine *e)
{
	if (!e)
		return;
	while (e->ph2s)
		ph2_free(e->ph2s);
	while (e->ph1s)
		ph1_free(e->ph1s);
	free(e->reasm);
	free(e);
}

void ike_engine_flush(struct ike_engine *e)
{
	while (e->ph2s)
		ph2_delete(e->ph2s, true);
	while (e->ph1s)
		ph1_delete(e->ph1s, true);
}

int ike_engine_reload(struct ike_engine *e, const struct rc_conf *conf, struct ike_creds *creds)
{
	struct ike_ph1 *p1, *n1;
	struct ike_ph2 *p2, *n2;

	e->conf = conf;
	e->creds = creds;
	set_padding(e);
	for (p2 = e->ph2s; p2; p2 = n2) {
		n2 = p2->next;
		p2->si = NULL;
		if (p2->state != PH2_ESTABLISHED)
			ph2_delete(p2, false);
	}
	for (p1 = e->ph1s; p1; p1 = n1) {
		n1 = p1->next;
		p1->rm = sel_remote(conf, &p1->remote.addr);
		if (!p1->rm || p1->state != PH1_ESTABLISHED)
			ph1_delete(p1, false);
	}
	return 0;
}

const struct ike_stats *ike_engine_stats(const struct ike_engine *e)
{
	return &e->st;
}

static bool zero8(const uint8_t *c)
{
	static const uint8_t z[8];

	return memcmp(c, z, 8) == 0;
}

static int input_frag(struct ike_engine *e, const uint8_t *buf, size_t len,
		      const struct ike_ep *local, const struct ike_ep *remote);

int ike_input(struct ike_engine *e, const uint8_t *buf, size_t len, const struct ike_ep *local,
	      const struct ike_ep *remote)
{
	struct isakmp_msg *m;
	struct ike_ph1 *p1;
	int r;

	e->st.rx++;
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	r = isakmp_hdr_parse(buf, len, &m->hdr);
	if (r < 0) {
		e->st.malformed++;
		goto out;
	}
	if (m->hdr.np == ISAKMP_NP_FRAG) {
		r = input_frag(e, buf, len, local, remote);
		goto out;
	}
	r = isakmp_msg_parse(buf, len, m);
	if (r < 0) {
		e->st.malformed++;
		goto out;
	}
	if ((m->hdr.etype == ISAKMP_ETYPE_IDENT || m->hdr.etype == ISAKMP_ETYPE_AGG) &&
	    (m->hdr.flags & ISAKMP_FLAG_C)) {
		/* No commit bit in phase 1 (INVALID-FLAGS). */
		e->st.malformed++;
		r = -EPROTO;
		goto out;
	}
	if (zero8(m->hdr.rcookie)) {
		p1 = ph1_by_icookie(e, m->hdr.icookie, remote);
		if (m->hdr.etype != ISAKMP_ETYPE_IDENT && m->hdr.etype != ISAKMP_ETYPE_AGG) {
			/* A refusal of our first message comes without the
			 * responder's cookie. */
			if (p1 && p1->initiator && m->hdr.etype == ISAKMP_ETYPE_INFO &&
			    !(m->hdr.flags & ISAKMP_FLAG_E)) {
				r = info_input(e, p1, buf, len, m);
			} else {
				e->st.unknown_cookie++;
				r = -ENOENT;
			}
			goto out;
		}
		if (p1) {
			if (!p1->initiator && rx_is_dup(p1->last_rx, p1->last_rx_len, buf, len) &&
			    p1->tx.buf) {
				e->st.retransmits_answered++;
				r = ike_send_raw(e, p1, p1->tx.buf, p1->tx.len);
			} else {
				e->st.unexpected++;
				r = -EALREADY;
			}
			goto out;
		}
		{
			unsigned half = 0;

			for (p1 = e->ph1s; p1; p1 = p1->next)
				half += p1->state != PH1_ESTABLISHED;
			if (half >= IKE_MAX_PH1_NEGO) {
				e->st.too_many++;
				r = -EBUSY;
				goto out;
			}
		}
		r = m->hdr.etype == ISAKMP_ETYPE_IDENT ? mm_respond1(e, buf, len, m, local, remote) :
							 ag_respond1(e, buf, len, m, local, remote);
		goto out;
	}
	p1 = ph1_by_cookies(e, m->hdr.icookie, m->hdr.rcookie);
	if (!p1) {
		static const uint8_t z[8];

		/* Our first message's answer: it brings the responder cookie. */
		p1 = ph1_by_cookies(e, m->hdr.icookie, z);
		if (p1 && p1->initiator && m->hdr.etype == p1->etype &&
		    (p1->state == PH1_I_SENT1 || p1->state == PH1_AG_I_SENT1)) {
			memcpy(p1->rcookie, m->hdr.rcookie, 8);
		} else if (p1 && p1->initiator && m->hdr.etype == ISAKMP_ETYPE_INFO &&
			   !(m->hdr.flags & ISAKMP_FLAG_E)) {
			/* A refusal of our first message under the
			 * responder's own cookie (strongSwan does this). */
			r = info_input(e, p1, buf, len, m);
			goto out;
		} else {
			e->st.unknown_cookie++;
			r = -ENOENT;
			goto out;
		}
	}
	switch (m->hdr.etype) {
	case ISAKMP_ETYPE_IDENT:
	case ISAKMP_ETYPE_AGG:
		if (rx_is_dup(p1->last_rx, p1->last_rx_len, buf, len)) {
			e->st.retransmits_answered++;
			r = p1->tx.buf ? ike_send_raw(e, p1, p1->tx.buf, p1->tx.len) : 0;
			break;
		}
		if (m->hdr.etype != p1->etype) {
			e->st.unexpected++;
			r = -EPROTO;
			break;
		}
		r = m->hdr.etype == ISAKMP_ETYPE_IDENT ? mm_input(e, p1, buf, len, m) :
							 ag_input(e, p1, buf, len, m);
		/* A failed answer to our first message leaves us waiting for
		 * a good one: forget its cookie. */
		if (r < 0 && (p1 = ph1_by_cookies(e, m->hdr.icookie, m->hdr.rcookie)) &&
		    p1->initiator && (p1->state == PH1_I_SENT1 || p1->state == PH1_AG_I_SENT1))
			memset(p1->rcookie, 0, 8);
		break;
	case ISAKMP_ETYPE_QUICK:
		r = qm_input(e, p1, buf, len, &m->hdr);
		break;
	case ISAKMP_ETYPE_INFO:
		r = info_input(e, p1, buf, len, m);
		break;
	default:
		e->st.unexpected++;
		r = -ENOTSUP;
		break;
	}
out:
	free(m);
	return r < 0 ? r : 0;
}

/* The reassembly of the phase 1 with h's cookies, else a free one, else
 * the next one in turn (its sender retransmits). */
static struct isakmp_reasm *reasm_slot(struct ike_engine *e, const struct isakmp_hdr *h)
{
	struct isakmp_reasm *free_slot = NULL, *ra;

	for (unsigned i = 0; i < IKE_REASM_SLOTS; i++) {
		ra = &e->reasm[i];
		if (!ra->active) {
			if (!free_slot)
				free_slot = ra;
		} else if (memcmp(ra->icookie, h->icookie, ISAKMP_COOKIE_LEN) == 0 &&
			   memcmp(ra->rcookie, h->rcookie, ISAKMP_COOKIE_LEN) == 0) {
			return ra;
		}
	}
	if (free_slot)
		return free_slot;
	ra = &e->reasm[e->reasm_next++ % IKE_REASM_SLOTS];
	isakmp_reasm_reset(ra);
	return ra;
}

static int input_frag(struct ike_engine *e, const uint8_t *buf, size_t len,
		      const struct ike_ep *local, const struct ike_ep *remote)
{
	struct isakmp_hdr h;
	struct isakmp_frag f;
	struct isakmp_reasm *ra;
	uint8_t *whole;
	int r;

	if (isakmp_frag_parse(buf, len, &h, &f) < 0) {
		e->st.malformed++;
		return -EINVAL;
	}
	if (!ph1_by_cookies(e, h.icookie, h.rcookie)) {
		e->st.unknown_cookie++;
		return -ENOENT;
	}
	whole = malloc(ISAKMP_FRAG_MAX_TOTAL);
	if (!whole)
		return -ENOMEM;
	ra = reasm_slot(e, &h);
	r = isakmp_reasm_add(ra, &h, &f, whole, ISAKMP_FRAG_MAX_TOTAL);
	if (r == -ESRCH) {
		/* A new message of that phase 1 replaces one that never
		 * completed. */
		isakmp_reasm_reset(ra);
		r = isakmp_reasm_add(ra, &h, &f, whole, ISAKMP_FRAG_MAX_TOTAL);
	}
	if (r >= 0) {
		e->st.rx--;
		r = ike_input(e, whole, (size_t)r, local, remote);
	} else if (r != -EAGAIN) {
		e->st.malformed++;
	} else {
		r = 0;
	}
	free(whole);
	return r;
}

static void spd_update(struct ike_engine *e, const struct ipsec_policy *p, bool add)
{
	for (unsigned i = 0; i < e->n_spd; i++) {
		if (e->spd[i].dir == p->dir && ipsec_selector_eq(&e->spd[i].sel, &p->sel)) {
			if (add)
				e->spd[i] = *p;
			else
				e->spd[i] = e->spd[--e->n_spd];
			return;
		}
	}
	if (add && e->n_spd < IKE_MAX_SPD)
		e->spd[e->n_spd++] = *p;
}

static void expire(struct ike_engine *e, const struct km_expire *x)
{
	struct ike_ph2 *p2 = ph2_by_spi(e, x->sa.spi, false);

	if (!p2)
		p2 = ph2_by_spi(e, x->sa.spi, true);
	if (!p2)
		return;
	if (x->hard) {
		ph2_delete(p2, true);
		return;
	}
	/* Soft: the initiator renegotiates before the hard limit. */
	if (p2->state == PH2_ESTABLISHED && p2->initiator && p2->has_sel && !p2->rekeyed) {
		struct km_acquire a;

		memset(&a, 0, sizeof(a));
		a.src = p2->sa_src;
		a.dst = p2->sa_dst;
		a.policy.sel = p2->sel;
		a.policy.dir = IPSEC_DIR_OUT;
		a.policy.ntmpl = 1;
		a.policy.tmpl[0].proto = IPSEC_PROTO_ESP;
		a.policy.tmpl[0].mode = p2->mode;
		a.policy.tmpl[0].reqid = p2->reqid;
		p2->rekeyed = true;
		acquire(e, &a);
	}
}

int ike_km_event(struct ike_engine *e, const struct km_event *ev)
{
	struct ike_ph2 *p2;

	switch (ev->type) {
	case KM_EV_ACQUIRE:
		if (sel_acquire_answered(e, &ev->u.acquire)) {
			log_debug("ACQUIRE seq %u: an established IPsec-SA already carries it",
				  ev->u.acquire.seq);
			return 0;
		}
		return acquire(e, &ev->u.acquire);
	case KM_EV_EXPIRE:
		expire(e, &ev->u.expire);
		return 0;
	case KM_EV_MIGRATE:
		return migrate_event(e, &ev->u.migrate);
	case KM_EV_SPD_ADD:
		spd_update(e, &ev->u.policy, true);
		return 0;
	case KM_EV_SPD_DELETE:
		spd_update(e, &ev->u.policy, false);
		return 0;
	case KM_EV_SA_DELETE:
		p2 = ph2_by_spi(e, ev->u.sa.spi, false);
		if (!p2)
			p2 = ph2_by_spi(e, ev->u.sa.spi, true);
		if (p2 && p2->state == PH2_ESTABLISHED)
			ph2_delete(p2, true);
		return 0;
	}
	return -EINVAL;
}

int ike_establish(struct ike_engine *e, const struct ike_ep *local, const struct ike_ep *remote)
{
	const struct rc_remote *rm = sel_remote(e->conf, &remote->addr);
	struct ike_ph1 *p1;
	int r;

	if (!rm)
		return -ENOENT;
	p1 = ph1_by_remote(e, &remote->addr, false);
	if (p1)
		return -EALREADY;
	p1 = ph1_new(e, rm, local, remote, true,
		     rm->n_xchg && rm->xchg[0] == IKE_XCHG_AGGRESSIVE ? ISAKMP_ETYPE_AGG :
									 ISAKMP_ETYPE_IDENT);
	if (!p1)
		return -ENOMEM;
	r = p1->etype == ISAKMP_ETYPE_AGG ? ag_start(p1) : mm_start(p1);
	if (r < 0)
		ph1_free(p1);
	return r;
}

void ike_ph1_foreach(struct ike_engine *e, ike_ph1_fn *fn, void *arg)
{
	for (struct ike_ph1 *p = e->ph1s; p; p = p->next) {
		struct ike_ph1_info i = {
			.id = p->id, .local = p->local, .remote = p->remote,
			.initiator = p->initiator, .established = p->state == PH1_ESTABLISHED,
			.exchange = p->etype, .created_ms = p->created,
		};

		memcpy(i.icookie, p->icookie, 8);
		memcpy(i.rcookie, p->rcookie, 8);
		fn(&i, arg);
	}
}

void ike_ph2_foreach(struct ike_engine *e, ike_ph2_fn *fn, void *arg)
{
	for (struct ike_ph2 *p = e->ph2s; p; p = p->next) {
		struct ike_ph2_info i = {
			.id = p->id, .ph1_id = p->ph1 ? p->ph1->id : 0,
			.sa_src = p->sa_src, .sa_dst = p->sa_dst,
			.id_local = p->id_l, .id_remote = p->id_r, .ulproto = p->ulproto,
			.mode = p->mode, .spi_in = p->spi_in, .spi_out = p->spi_out,
			.initiator = p->initiator, .established = p->state == PH2_ESTABLISHED,
		};

		fn(&i, arg);
	}
}

int ike_delete_ph1(struct ike_engine *e, unsigned id)
{
	for (struct ike_ph1 *p = e->ph1s; p; p = p->next) {
		if (p->id == id) {
			ph1_delete(p, true);
			return 0;
		}
	}
	return -ENOENT;
}

int ike_delete_ph2(struct ike_engine *e, unsigned id)
{
	for (struct ike_ph2 *p = e->ph2s; p; p = p->next) {
		if (p->id == id) {
			ph2_delete(p, true);
			return 0;
		}
	}
	return -ENOENT;
}
