/* Phase 2 handles: the table (by message id, by SPI), ACQUIRE handling
 * (which phase 1 carries the negotiation: MIGRATE hints, reuse of an
 * established ISAKMP SA even when the remote is passive), installing the
 * negotiated SAs, deletion, lifetime. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static void nego_cb(struct timer *t, void *arg)
{
	struct ike_ph2 *p2 = arg;

	(void)t;
	p2->e->st.timeouts++;
	ph2_delete(p2, false);
}

static void life_cb(struct timer *t, void *arg)
{
	struct ike_ph2 *p2 = arg;

	(void)t;
	ph2_free(p2);
}

struct ike_ph2 *ph2_new(struct ike_engine *e, struct ike_ph1 *p1, bool initiator)
{
	struct ike_ph2 *p2 = calloc(1, sizeof(*p2));
	unsigned s = e->conf->timer.phase2 ? e->conf->timer.phase2 : 15;

	if (!p2)
		return NULL;
	p2->e = e;
	p2->id = ++e->next_id;
	p2->ph1 = p1;
	p2->nego_ph1 = p1 ? p1->id : 0;
	p2->initiator = initiator;
	timer_init(&p2->nego_t, nego_cb, p2);
	timer_init(&p2->life_t, life_cb, p2);
	timer_init(&p2->tx.t, NULL, p2);
	timer_arm_in(e->tq, &p2->nego_t, (uint64_t)s * 1000);
	p2->next = e->ph2s;
	e->ph2s = p2;
	return p2;
}

void ph2_free(struct ike_ph2 *p2)
{
	struct ike_engine *e = p2->e;

	for (struct ike_ph2 **pp = &e->ph2s; *pp; pp = &(*pp)->next) {
		if (*pp == p2) {
			*pp = p2->next;
			break;
		}
	}
	timer_cancel(&p2->nego_t);
	timer_cancel(&p2->life_t);
	xmit_clear(&p2->tx);
	free(p2->ni);
	free(p2->nr);
	dh_free(p2->dh);
	free(p2->gx_peer);
	free(p2->last_rx);
	free(p2);
}

void ph2_delete(struct ike_ph2 *p2, bool tell_peer)
{
	struct ike_engine *e = p2->e;

	if (tell_peer && p2->state == PH2_ESTABLISHED && p2->ph1 &&
	    p2->ph1->state == PH1_ESTABLISHED) {
		uint8_t spi[4];

		wire_put_be32(spi, p2->spi_in);
		info_send_delete(p2->ph1, ISAKMP_PROTO_ESP, spi, 4);
	}
	if (p2->spi_in)
		e->ops->delete_sa(e->ctx, &p2->sa_dst, &p2->sa_src, IPSEC_PROTO_ESP, p2->spi_in);
	if (p2->state == PH2_ESTABLISHED && p2->spi_out)
		e->ops->delete_sa(e->ctx, &p2->sa_src, &p2->sa_dst, IPSEC_PROTO_ESP, p2->spi_out);
	ph2_free(p2);
}

struct ike_ph2 *ph2_by_msgid(struct ike_engine *e, struct ike_ph1 *p1, uint32_t msgid)
{
	for (struct ike_ph2 *p = e->ph2s; p; p = p->next)
		if (p->ph1 == p1 && p->msgid == msgid && p->state != PH2_WAIT_PH1)
			return p;
	return NULL;
}

struct ike_ph2 *ph2_by_spi(struct ike_engine *e, uint32_t spi, bool outbound)
{
	for (struct ike_ph2 *p = e->ph2s; p; p = p->next)
		if ((outbound ? p->spi_out : p->spi_in) == spi && spi)
			return p;
	return NULL;
}

static int one_sa(struct ike_ph2 *p2, const struct secret *gxy, uint32_t spi, bool inbound)
{
	struct ike_engine *e = p2->e;
	struct ike_ph1 *p1 = p2->ph1;
	struct ipsec_sa sa;
	struct secret *km = NULL;
	size_t el, al;
	int r;

	memset(&sa, 0, sizeof(sa));
	r = prop_p2_kernel(&p2->ch, &sa.enc, &el, &sa.auth, &al);
	if (r < 0)
		return r;
	r = ike_keymat(p1->ch.hash, p1->keys.skeyid_d, gxy, ISAKMP_PROTO_ESP, spi, p2->ni,
		       p2->ni_len, p2->nr, p2->nr_len, el + al, &km);
	if (r < 0)
		return r;
	memcpy(sa.enc.key, km->data, el);
	memcpy(sa.auth.key, km->data + el, al);
	secret_free(km);
	sa.has_enc = true;
	sa.has_auth = al > 0;
	sa.src = inbound ? p2->sa_dst : p2->sa_src;
	sa.dst = inbound ? p2->sa_src : p2->sa_dst;
	sa.spi = spi;
	sa.proto = IPSEC_PROTO_ESP;
	sa.mode = p2->mode;
	sa.reqid = p2->reqid;
	sa.seq = p2->seq;
	sa.replay_window = 32;
	sa.hard.add_seconds = p2->ch.lifetime;
	sa.soft.add_seconds = (uint64_t)p2->ch.lifetime * 80 / 100;
	r = inbound ? e->ops->update_sa(e->ctx, &sa) : e->ops->add_sa(e->ctx, &sa);
	ipsec_sa_wipe(&sa);
	if (r < 0)
		e->st.kernel_errors++;
	return r;
}

int ph2_install(struct ike_ph2 *p2, const struct secret *gxy)
{
	struct ike_engine *e = p2->e;
	int r = one_sa(p2, gxy, p2->spi_in, true);

	if (r == 0)
		r = one_sa(p2, gxy, p2->spi_out, false);
	if (r < 0)
		return r;
	p2->state = PH2_ESTABLISHED;
	e->st.ph2_established++;
	timer_cancel(&p2->nego_t);
	if (p2->initiator)
		xmit_clear(&p2->tx);
	else
		timer_cancel(&p2->tx.t);
	dh_free(p2->dh);
	p2->dh = NULL;
	timer_arm_in(e->tq, &p2->life_t, (uint64_t)p2->ch.lifetime * 1000);
	log_info("IPsec-SA established: ESP spi in 0x%08x out 0x%08x", p2->spi_in, p2->spi_out);
	return 0;
}

static bool full_host(const struct ip_prefix *p, const struct ip_addr *a)
{
	return p->len == addr_bits(&p->addr) && addr_eq(&p->addr, a);
}

int acquire(struct ike_engine *e, const struct km_acquire *a)
{
	const struct ipsec_policy *pol = &a->policy;
	const struct ipsec_template *t = pol->ntmpl ? &pol->tmpl[0] : NULL;
	const struct ike_hint *h = sel_hint(e, &pol->sel);
	struct ike_ep local = { .port = RC_ISAKMP_PORT }, remote = { .port = RC_ISAKMP_PORT };
	struct ike_ph1 *p1;
	struct ike_ph2 *p2;

	if (t && t->proto != IPSEC_PROTO_ESP)
		return -ENOTSUP;
	for (p2 = e->ph2s; p2; p2 = p2->next)
		if (p2->has_sel && p2->state != PH2_ESTABLISHED && ipsec_selector_eq(&p2->sel, &pol->sel))
			return 0;
	local.addr = h ? h->km.local : a->src;
	remote.addr = h ? h->km.remote : a->dst;
	p1 = ph1_by_remote(e, &remote.addr, false);
	if (!p1) {
		/* The peer reached us from another address (its CoA) and the
		 * SAs we hold with it tell which phase 1 that is. */
		for (p2 = e->ph2s; p2 && !p1; p2 = p2->next)
			if (p2->state == PH2_ESTABLISHED && p2->ph1 &&
			    p2->ph1->state == PH1_ESTABLISHED && addr_eq(&p2->sa_dst, &a->dst))
				p1 = p2->ph1;
	}
	if (!p1) {
		const struct rc_remote *rm = sel_remote(e->conf, &remote.addr);
		char buf[ADDR_STRLEN];

		if (!rm) {
			e->st.no_config++;
			log_notice("no configuration found for %s",
				   addr_fmt(&remote.addr, buf, sizeof(buf)));
			return -ENOENT;
		}
		if (rm->passive) {
			e->st.passive_refused++;
			log_info("passive remote %s: no ISAKMP SA to reuse, waiting for the peer",
				 addr_fmt(&remote.addr, buf, sizeof(buf)));
			return -EAGAIN;
		}
		p1 = ph1_new(e, rm, &local, &remote, true,
			     rm->n_xchg && rm->xchg[0] == IKE_XCHG_AGGRESSIVE ? ISAKMP_ETYPE_AGG :
										 ISAKMP_ETYPE_IDENT);
		if (!p1)
			return -ENOMEM;
		if ((p1->etype == ISAKMP_ETYPE_AGG ? ag_start(p1) : mm_start(p1)) < 0) {
			ph1_free(p1);
			return -EIO;
		}
	}
	p2 = ph2_new(e, p1, true);
	if (!p2)
		return -ENOMEM;
	p2->sel = pol->sel;
	p2->has_sel = true;
	p2->id_l = pol->sel.src;
	p2->id_r = pol->sel.dst;
	p2->ulproto = pol->sel.proto == IPSEC_ULPROTO_ANY ? 0 : pol->sel.proto;
	if (p2->ulproto != IPSEC_PROTO_MH) {
		p2->lport = pol->sel.sport;
		p2->rport = pol->sel.dport;
	}
	p2->sa_src = a->src;
	p2->sa_dst = a->dst;
	p2->mode = t && t->mode == IPSEC_MODE_TUNNEL ? IPSEC_MODE_TUNNEL : IPSEC_MODE_TRANSPORT;
	p2->reqid = t ? t->reqid : 0;
	p2->seq = a->seq;
	p2->send_ids = !(p2->ulproto == 0 && p2->mode == IPSEC_MODE_TRANSPORT &&
			 !p1->rm->support_proxy && !h && full_host(&p2->id_l, &p1->local.addr) &&
			 full_host(&p2->id_r, &p1->remote.addr));
	p2->state = PH2_WAIT_PH1;
	if (p1->state == PH1_ESTABLISHED && qm_start(p2) < 0) {
		ph2_delete(p2, false);
		return -EIO;
	}
	return 0;
}
