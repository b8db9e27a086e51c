/* Phase 1 handles: the table (by cookies, by peer address), negotiation
 * timeout and retransmission, lifetime, key derivation, deletion. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static void nego_cb(struct timer *t, void *arg)
{
	struct ike_ph1 *p1 = arg;
	char buf[ADDR_STRLEN];

	(void)t;
	p1->e->st.timeouts++;
	log_notice("phase 1 with %s timed out", addr_fmt(&p1->remote.addr, buf, sizeof(buf)));
	ph1_delete(p1, false);
}

void ph1_resend_cb(struct timer *t, void *arg)
{
	struct ike_ph1 *p1 = arg;

	(void)t;
	if (!xmit_resend(p1->e, p1, &p1->tx)) {
		char buf[ADDR_STRLEN];

		p1->e->st.timeouts++;
		log_notice("phase 1 with %s: no answer after %u resends",
			   addr_fmt(&p1->remote.addr, buf, sizeof(buf)), p1->e->conf->timer.counter);
		ph1_delete(p1, false);
	}
}

static void life_cb(struct timer *t, void *arg)
{
	struct ike_ph1 *p1 = arg;

	(void)t;
	ph1_delete(p1, true);
}

/* At 80 % of its lifetime an initiator's ISAKMP SA that still carries
 * phase 2 SAs (or any, with "rekey force") is replaced; the phase 2 SAs
 * move to the new one once it is up and the old one dies at its end. */
static void rekey_cb(struct timer *t, void *arg)
{
	struct ike_ph1 *p1 = arg, *n;
	bool used = p1->rm->rekey == RC_FORCE;

	(void)t;
	for (struct ike_ph2 *p2 = p1->e->ph2s; p2 && !used; p2 = p2->next)
		used = p2->ph1 == p1 && p2->state == PH2_ESTABLISHED;
	for (n = p1->e->ph1s; n; n = n->next)
		if (n != p1 && n->state != PH1_ESTABLISHED && addr_eq(&n->remote.addr, &p1->remote.addr))
			return;
	if (!used)
		return;
	n = ph1_new(p1->e, p1->rm, &p1->local, &p1->remote, true, p1->etype);
	if (n && (n->etype == ISAKMP_ETYPE_AGG ? ag_start(n) : mm_start(n)) < 0)
		ph1_free(n);
}

void ph1_arm_nego(struct ike_ph1 *p1)
{
	unsigned s = p1->e->conf->timer.phase1 ? p1->e->conf->timer.phase1 : 30;

	timer_arm_in(p1->e->tq, &p1->nego_t, (uint64_t)s * 1000);
}

struct ike_ph1 *ph1_new(struct ike_engine *e, const struct rc_remote *rm, const struct ike_ep *local,
			const struct ike_ep *remote, bool initiator, uint8_t etype)
{
	struct ike_ph1 *p1 = calloc(1, sizeof(*p1));

	if (!p1)
		return NULL;
	p1->e = e;
	p1->id = ++e->next_id;
	p1->rm = rm;
	p1->local = *local;
	p1->remote = *remote;
	p1->initiator = initiator;
	p1->etype = etype;
	p1->created = timerq_now(e->tq);
	if (ike_random(initiator ? p1->icookie : p1->rcookie, 8) < 0) {
		free(p1);
		return NULL;
	}
	timer_init(&p1->nego_t, nego_cb, p1);
	timer_init(&p1->life_t, life_cb, p1);
	timer_init(&p1->rekey_t, rekey_cb, p1);
	timer_init(&p1->tx.t, ph1_resend_cb, p1);
	timer_init(&p1->dpd_t, NULL, p1);
	ph1_arm_nego(p1);
	p1->next = e->ph1s;
	e->ph1s = p1;
	return p1;
}

void ph1_free(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;

	for (struct ike_ph1 **pp = &e->ph1s; *pp; pp = &(*pp)->next) {
		if (*pp == p1) {
			*pp = p1->next;
			break;
		}
	}
	timer_cancel(&p1->nego_t);
	timer_cancel(&p1->life_t);
	timer_cancel(&p1->rekey_t);
	timer_cancel(&p1->dpd_t);
	xmit_clear(&p1->tx);
	free(p1->sai_b);
	dh_free(p1->dh);
	free(p1->gxi);
	free(p1->gxr);
	free(p1->ni);
	free(p1->nr);
	ike_p1_keys_free(&p1->keys);
	free(p1->peer_id);
	free(p1->peer_idb);
	X509_free(p1->peer_cert);
	free(p1->last_rx);
	free(p1);
}

void ph1_delete(struct ike_ph1 *p1, bool tell_peer)
{
	struct ike_engine *e = p1->e;
	struct ike_ph2 *p2, *n;

	if (tell_peer && p1->state == PH1_ESTABLISHED) {
		uint8_t spi[16];

		memcpy(spi, p1->icookie, 8);
		memcpy(spi + 8, p1->rcookie, 8);
		info_send_delete(p1, ISAKMP_PROTO_ISAKMP, spi, 16);
	}
	/* Established phase 2 SAs outlive their phase 1 (racoon does the same);
	 * those still negotiating cannot. */
	for (p2 = e->ph2s; p2; p2 = n) {
		n = p2->next;
		if (p2->ph1 != p1)
			continue;
		if (p2->state == PH2_ESTABLISHED)
			p2->ph1 = NULL;
		else
			ph2_delete(p2, false);
	}
	ph1_free(p1);
}

struct ike_ph1 *ph1_by_cookies(struct ike_engine *e, const uint8_t *ic, const uint8_t *rc)
{
	for (struct ike_ph1 *p = e->ph1s; p; p = p->next)
		if (memcmp(p->icookie, ic, 8) == 0 && memcmp(p->rcookie, rc, 8) == 0)
			return p;
	return NULL;
}

struct ike_ph1 *ph1_by_icookie(struct ike_engine *e, const uint8_t *ic, const struct ike_ep *remote)
{
	for (struct ike_ph1 *p = e->ph1s; p; p = p->next)
		if (memcmp(p->icookie, ic, 8) == 0 && addr_eq(&p->remote.addr, &remote->addr))
			return p;
	return NULL;
}

struct ike_ph1 *ph1_by_remote(struct ike_engine *e, const struct ip_addr *remote, bool established)
{
	struct ike_ph1 *best = NULL;

	for (struct ike_ph1 *p = e->ph1s; p; p = p->next) {
		if (!addr_eq(&p->remote.addr, remote))
			continue;
		if (p->state == PH1_ESTABLISHED)
			return p;
		if (!established && !best)
			best = p;
	}
	return best;
}

int ph1_keys(struct ike_ph1 *p1, const struct secret *gxy)
{
	struct secret *psk = NULL;
	int klen = ike_cipher_key_len(p1->ch.enc, p1->ch.keylen);
	struct ike_p1_input in = {
		.hash = p1->ch.hash,
		.auth = auth_is_sig(p1) ? IKE_AUTH_SIG : IKE_AUTH_PSK,
		.ni = p1->ni, .ni_len = p1->ni_len, .nr = p1->nr, .nr_len = p1->nr_len,
		.icookie = p1->icookie, .rcookie = p1->rcookie, .gxy = gxy,
	};
	int r;

	if (klen < 0)
		return klen;
	in.enc_key_len = (size_t)klen;
	if (in.auth == IKE_AUTH_PSK) {
		psk = auth_psk(p1);
		if (!psk)
			return -EACCES;
		in.psk = psk->data;
		in.psk_len = psk->len;
	}
	r = ike_p1_keys_derive(&in, &p1->keys);
	secret_free(psk);
	if (r < 0)
		return r;
	p1->bs = ike_cipher_block(p1->ch.enc);
	if (p1->bs == 0 || p1->bs > IKE_MAX_BS)
		return -ENOTSUP;
	return ike_iv_phase1(p1->ch.hash, p1->gxi, p1->gx_len, p1->gxr, p1->gx_len, p1->bs, p1->iv);
}

void ph1_established(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;

	p1->state = PH1_ESTABLISHED;
	e->st.ph1_established++;
	timer_cancel(&p1->nego_t);
	/* A last message (M6, A3) stays to answer retransmissions. */
	if (p1->tx.timed)
		xmit_clear(&p1->tx);
	dh_free(p1->dh);
	p1->dh = NULL;
	timer_arm_in(e->tq, &p1->life_t, (uint64_t)p1->ch.lifetime * 1000);
	if (p1->initiator && p1->rm->rekey != RC_OFF)
		timer_arm_in(e->tq, &p1->rekey_t, (uint64_t)p1->ch.lifetime * 800);
	log_info("ISAKMP-SA established (id %u)", p1->id);
	/* A rekey: the phase 2 SAs of the older ISAKMP SA move here. */
	for (struct ike_ph2 *p2 = e->ph2s; p2; p2 = p2->next)
		if (p2->ph1 && p2->ph1 != p1 && p2->state == PH2_ESTABLISHED &&
		    addr_eq(&p2->ph1->remote.addr, &p1->remote.addr))
			p2->ph1 = p1;
	if (p1->initiator && p1->rm->initial_contact) {
		bool other = false;

		for (struct ike_ph1 *q = e->ph1s; q; q = q->next)
			if (q != p1 && q->state == PH1_ESTABLISHED &&
			    addr_eq(&q->remote.addr, &p1->remote.addr))
				other = true;
		if (!other) {
			uint8_t spi[16];

			memcpy(spi, p1->icookie, 8);
			memcpy(spi + 8, p1->rcookie, 8);
			info_send_notify(p1, ISAKMP_NTYPE_INITIAL_CONTACT, ISAKMP_PROTO_ISAKMP, spi, 16,
					 NULL, 0);
		}
	}
	dpd_start(p1);
	for (struct ike_ph2 *p2 = e->ph2s, *n; p2; p2 = n) {
		n = p2->next;
		if (p2->ph1 == p1 && p2->state == PH2_WAIT_PH1 && qm_start(p2) < 0)
			ph2_delete(p2, false);
	}
}

int ph1_accept_offer(struct ike_engine *e, const struct rc_remote *rm, const struct isakmp_msg *m,
		     const struct ike_ep *local, const struct ike_ep *remote, uint8_t etype,
		     struct ike_ph1 **out)
{
	const struct isakmp_pl *sa;
	struct ike_p1_choice ch;
	struct ike_ph1 *p1;
	int r;

	if (!rm) {
		e->st.no_config++;
		return -ENOENT;
	}
	sa = isakmp_msg_find(m, ISAKMP_NP_SA, 0);
	r = prop_p1_select(rm, sa, true, &ch);
	if (r < 0) {
		if (r == -EINVAL)
			e->st.malformed++;
		else
			e->st.no_proposal++;
		info_send_plain_notify(e, &m->hdr, local, remote, ISAKMP_NTYPE_NO_PROPOSAL_CHOSEN);
		return r;
	}
	p1 = ph1_new(e, rm, local, remote, false, etype);
	if (!p1)
		return -ENOMEM;
	memcpy(p1->icookie, m->hdr.icookie, 8);
	p1->ch = ch;
	p1->sai_b = ike_memdup(sa->body, sa->len);
	p1->sai_len = sa->len;
	ph1_vids_seen(p1, m);
	*out = p1;
	return 0;
}
