/* Phase 2 handles: the table (by message id, by SPI), ACQUIRE handling
 * (which phase 1 carries the negotiation: MIGRATE hints, reuse of an
 * established ISAKMP SA even when the remote is passive), installing the
 * negotiated SAs, deletion, lifetime. */
#include <errno.h>
#include <stdio.h>
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

	spd_release(p2);
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

static enum ipsec_mode sa_mode(const struct ike_p2_sa *s)
{
	return s->encmode == IPSEC_ENCMODE_TUNNEL ? IPSEC_MODE_TUNNEL : IPSEC_MODE_TRANSPORT;
}

void ph2_delete(struct ike_ph2 *p2, bool tell_peer)
{
	struct ike_engine *e = p2->e;
	bool est = p2->state == PH2_ESTABLISHED;

	for (unsigned i = 0; i < p2->ch.n; i++) {
		const struct ike_p2_sa *s = &p2->ch.sa[i];
		enum ipsec_proto kp = prop_kernel_proto(s->proto);

		/* IPComp goes with the SAs of its bundle (no DELETE of its own). */
		if (tell_peer && est && s->proto != ISAKMP_PROTO_IPCOMP && p2->ph1 &&
		    p2->ph1->state == PH1_ESTABLISHED) {
			uint8_t spi[4];

			wire_put_be32(spi, s->spi_in);
			info_send_delete(p2->ph1, s->proto, spi, 4);
		}
		if (s->spi_in)
			e->ops->delete_sa(e->ctx, &p2->sa_dst, &p2->sa_src, kp, s->spi_in);
		if (est && s->spi_out)
			e->ops->delete_sa(e->ctx, &p2->sa_src, &p2->sa_dst, kp, s->spi_out);
	}
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
	if (!spi)
		return NULL;
	for (struct ike_ph2 *p = e->ph2s; p; p = p->next)
		for (unsigned i = 0; i < p->ch.n; i++)
			if ((outbound ? p->ch.sa[i].spi_out : p->ch.sa[i].spi_in) == spi)
				return p;
	return NULL;
}

void ph2_sync_spis(struct ike_ph2 *p2)
{
	static const uint8_t rank[] = { ISAKMP_PROTO_ESP, ISAKMP_PROTO_AH, ISAKMP_PROTO_IPCOMP };
	unsigned m = 0;

	/* The main SA: ESP, else AH, else IPComp alone. */
	for (unsigned k = sizeof(rank); k-- > 0;)
		for (unsigned i = 0; i < p2->ch.n; i++)
			if (p2->ch.sa[i].proto == rank[k])
				m = i;
	p2->spi_in = p2->ch.n ? p2->ch.sa[m].spi_in : 0;
	p2->spi_out = p2->ch.n ? p2->ch.sa[m].spi_out : 0;
	p2->mode = IPSEC_MODE_TRANSPORT;
	for (unsigned i = 0; i < p2->ch.n; i++)
		if (p2->ch.sa[i].encmode == IPSEC_ENCMODE_TUNNEL)
			p2->mode = IPSEC_MODE_TUNNEL;
}

int ph2_getspis(struct ike_ph2 *p2, uint32_t seq)
{
	struct ike_engine *e = p2->e;

	for (unsigned i = 0; i < p2->ch.n; i++) {
		struct ike_p2_sa *s = &p2->ch.sa[i];
		int r;

		if (s->spi_in)
			continue;
		/* The ACQUIRE's sequence names the larval SA of one protocol:
		 * only the first asks with it. */
		r = e->ops->getspi(e->ctx, &p2->sa_dst, &p2->sa_src, prop_kernel_proto(s->proto),
				   sa_mode(s), s->reqid, i == 0 ? seq : 0, &s->spi_in);
		if (r == 0 && s->proto == ISAKMP_PROTO_IPCOMP &&
		    (s->spi_in < 256 || s->spi_in > 0xffff))
			r = -ERANGE;
		if (r < 0) {
			e->st.kernel_errors++;
			return r;
		}
	}
	ph2_sync_spis(p2);
	return 0;
}

static int one_sa(struct ike_ph2 *p2, const struct secret *gxy, const struct ike_p2_sa *s,
		  bool inbound)
{
	struct ike_engine *e = p2->e;
	struct ike_ph1 *p1 = p2->ph1;
	struct ipsec_sa sa;
	uint32_t spi = inbound ? s->spi_in : s->spi_out;
	size_t el, al;
	int r;

	memset(&sa, 0, sizeof(sa));
	r = prop_p2_kernel(s, &sa, &el, &al);
	if (r < 0)
		return r;
	if (el + al) {
		struct secret *km = NULL;

		r = ike_keymat(p1->ch.hash, p1->keys.skeyid_d, gxy, s->proto, spi, p2->ni,
			       p2->ni_len, p2->nr, p2->nr_len, el + al, &km);
		if (r < 0)
			return r;
		memcpy(sa.enc.key, km->data, el);
		memcpy(sa.auth.key, km->data + el, al);
		secret_free(km);
	}
	sa.src = inbound ? p2->sa_dst : p2->sa_src;
	sa.dst = inbound ? p2->sa_src : p2->sa_dst;
	sa.spi = spi;
	sa.proto = prop_kernel_proto(s->proto);
	sa.mode = sa_mode(s);
	sa.reqid = s->reqid;
	sa.seq = p2->seq;
	/* IPComp has no sequence numbers to check. */
	sa.replay_window = s->proto == ISAKMP_PROTO_IPCOMP ? 0 : 32;
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
	char what[32] = "";
	int r = 0;

	if (p2->ch.n == 0)
		return -EINVAL;
	for (unsigned i = 0; i < p2->ch.n && r == 0; i++)
		r = one_sa(p2, gxy, &p2->ch.sa[i], true);
	for (unsigned i = 0; i < p2->ch.n && r == 0; i++)
		r = one_sa(p2, gxy, &p2->ch.sa[i], false);
	if (r < 0)
		return r;
	if (p2->gen_policy && !p2->gen && spd_generate(p2) < 0)
		log_warn("phase 2 %u: generate_policy: policies not installed", p2->id);
	for (unsigned i = 0; i < p2->ch.n; i++) {
		size_t l = strlen(what);

		snprintf(what + l, sizeof(what) - l, "%s%s", i ? "+" : "",
			 ipsec_proto_name(prop_kernel_proto(p2->ch.sa[i].proto)));
	}
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
	log_info("IPsec-SA established: %s spi in 0x%08x out 0x%08x", what, p2->spi_in, p2->spi_out);
	return 0;
}

static bool full_host(const struct ip_prefix *p, const struct ip_addr *a)
{
	return p->len == addr_bits(&p->addr) && addr_eq(&p->addr, a);
}

int acquire(struct ike_engine *e, const struct km_acquire *a)
{
	const struct ipsec_policy *pol = &a->policy;
	const struct ipsec_policy *sp = spd_out_policy(e, &pol->sel);
	const struct ike_hint *h = sel_hint(e, &pol->sel);
	struct ike_ep local = { .port = RC_ISAKMP_PORT }, remote = { .port = RC_ISAKMP_PORT };
	struct ike_p2_choice want;
	struct ike_ph1 *p1;
	struct ike_ph2 *p2;

	/* The SPD cache has the whole policy (a rekey brings only the
	 * selector and the main SA). */
	if (spd_bundle(sp ? sp : pol, &want) < 0) {
		e->st.no_config++;
		log_notice("ACQUIRE for a policy whose templates IKE cannot negotiate");
		return -ENOTSUP;
	}
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
	p2->ch = want;
	ph2_sync_spis(p2);
	p2->reqid = want.sa[0].reqid;
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
