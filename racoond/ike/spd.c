/* Phase 2 and the SPD: the bundle an outbound policy's templates ask for
 * (initiator), the inbound policy a responder checks the peer's bundle
 * against, and generate_policy (a responder for road warriors installs
 * the policies from the peer's IDs and removes them with the SAs). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

/* generate_policy unique: reqids of their own, above those setkey users
 * pick by hand (setkey's -u and unique:N stop at 16383). */
#define GEN_REQID_BASE 16384

static uint8_t ulproto(uint8_t p)
{
	return p == IPSEC_ULPROTO_ANY ? 0 : p;
}

const struct ipsec_policy *spd_out_policy(const struct ike_engine *e,
					  const struct ipsec_selector *sel)
{
	for (unsigned i = 0; i < e->n_spd; i++)
		if (e->spd[i].dir == IPSEC_DIR_OUT && e->spd[i].action == IPSEC_ACTION_IPSEC &&
		    e->spd[i].ntmpl && ipsec_selector_eq(&e->spd[i].sel, sel))
			return &e->spd[i];
	return NULL;
}

const struct ipsec_policy *spd_in_policy(const struct ike_engine *e, const struct ike_ph2 *p2)
{
	for (unsigned i = 0; i < e->n_spd; i++) {
		const struct ipsec_policy *p = &e->spd[i];

		if (p->dir != IPSEC_DIR_IN || p->action != IPSEC_ACTION_IPSEC || p->ntmpl == 0 ||
		    ulproto(p->sel.proto) != p2->ulproto)
			continue;
		if (prefix_cmp(&p->sel.src, &p2->id_r) == 0 && prefix_cmp(&p->sel.dst, &p2->id_l) == 0)
			return p;
	}
	return NULL;
}

int spd_bundle(const struct ipsec_policy *pol, struct ike_p2_choice *want)
{
	memset(want, 0, sizeof(*want));
	if (pol->ntmpl == 0 || pol->ntmpl > IKE_MAX_BUNDLE)
		return -EINVAL;
	for (unsigned i = 0; i < pol->ntmpl; i++) {
		const struct ipsec_template *t = &pol->tmpl[i];
		struct ike_p2_sa *s = &want->sa[i];
		uint8_t proto = prop_isakmp_proto(t->proto);

		if (!proto)
			return -ENOTSUP;
		for (unsigned k = 0; k < i; k++)
			if (want->sa[k].proto == proto)
				return -EINVAL;
		s->proto = proto;
		s->encmode = t->mode == IPSEC_MODE_TUNNEL ? IPSEC_ENCMODE_TUNNEL :
							    IPSEC_ENCMODE_TRANSPORT;
		s->reqid = t->reqid;
		s->level = t->level;
	}
	want->n = pol->ntmpl;
	return 0;
}

static void gen_templates(const struct ike_ph2 *p2, struct ipsec_policy *p, bool inbound,
			  uint32_t reqid)
{
	bool unique = p2->ph1 && p2->ph1->rm &&
		      p2->ph1->rm->generate_policy == RC_GENPOL_UNIQUE;

	p->ntmpl = p2->ch.n;
	for (unsigned i = 0; i < p2->ch.n; i++) {
		const struct ike_p2_sa *s = &p2->ch.sa[i];
		struct ipsec_template *t = &p->tmpl[i];

		memset(t, 0, sizeof(*t));
		t->proto = prop_kernel_proto(s->proto);
		t->mode = s->encmode == IPSEC_ENCMODE_TUNNEL ? IPSEC_MODE_TUNNEL :
							       IPSEC_MODE_TRANSPORT;
		if (t->mode == IPSEC_MODE_TUNNEL) {
			t->src = inbound ? p2->sa_dst : p2->sa_src;
			t->dst = inbound ? p2->sa_src : p2->sa_dst;
		}
		/* Small packets go uncompressed (RFC 3173 2.2): IPComp is
		 * optional on input. */
		if (s->proto == ISAKMP_PROTO_IPCOMP)
			t->level = IPSEC_LEVEL_USE;
		else if (unique)
			t->level = IPSEC_LEVEL_UNIQUE;
		else
			t->level = IPSEC_LEVEL_REQUIRE;
		t->reqid = unique ? reqid : 0;
	}
}

static void gen_sel(const struct ike_ph2 *p2, struct ipsec_selector *s, bool inbound)
{
	memset(s, 0, sizeof(*s));
	s->src = inbound ? p2->id_r : p2->id_l;
	s->dst = inbound ? p2->id_l : p2->id_r;
	s->sport = inbound ? p2->rport : p2->lport;
	s->dport = inbound ? p2->lport : p2->rport;
	s->proto = p2->ulproto ? p2->ulproto : IPSEC_ULPROTO_ANY;
}

void spd_gen_reqid(struct ike_ph2 *p2)
{
	struct ike_engine *e = p2->e;
	uint32_t reqid;

	if (!p2->gen_policy || !p2->ph1 || !p2->ph1->rm ||
	    p2->ph1->rm->generate_policy != RC_GENPOL_UNIQUE)
		return;
	reqid = GEN_REQID_BASE + e->next_reqid;
	e->next_reqid = (e->next_reqid + 1) % 16384;
	for (unsigned i = 0; i < p2->ch.n; i++)
		p2->ch.sa[i].reqid = reqid;
	p2->reqid = reqid;
}

int spd_generate(struct ike_ph2 *p2)
{
	struct ike_engine *e = p2->e;
	static const enum ipsec_dir dirs[] = { IPSEC_DIR_OUT, IPSEC_DIR_IN, IPSEC_DIR_FWD };
	unsigned n = p2->mode == IPSEC_MODE_TUNNEL ? 3 : 2;
	int r = 0;

	if (!e->ops->spd_add || !e->ops->spd_delete)
		return -ENOTSUP;
	p2->gen = calloc(n, sizeof(*p2->gen));
	if (!p2->gen)
		return -ENOMEM;
	for (unsigned i = 0; i < n && r == 0; i++) {
		struct ipsec_policy *p = &p2->gen[i];
		bool in = dirs[i] != IPSEC_DIR_OUT;

		gen_sel(p2, &p->sel, in);
		p->dir = dirs[i];
		p->action = IPSEC_ACTION_IPSEC;
		gen_templates(p2, p, in, p2->reqid);
		r = e->ops->spd_add(e->ctx, p);
		if (r == 0)
			p2->n_gen++;
	}
	if (r < 0) {
		e->st.kernel_errors++;
		spd_release(p2);
		return r;
	}
	log_info("generated %u policies for the peer's IDs (phase 2 %u)", p2->n_gen, p2->id);
	return 0;
}

static bool same_ids(const struct ike_ph2 *a, const struct ike_ph2 *b)
{
	return a->ulproto == b->ulproto && a->lport == b->lport && a->rport == b->rport &&
	       prefix_cmp(&a->id_l, &b->id_l) == 0 && prefix_cmp(&a->id_r, &b->id_r) == 0;
}

void spd_release(struct ike_ph2 *p2)
{
	struct ike_engine *e = p2->e;

	if (!p2->gen)
		return;
	/* A phase 2 for the same IDs (the rekeyed one) keeps them. */
	for (struct ike_ph2 *q = e->ph2s; q; q = q->next) {
		if (q != p2 && !q->gen && same_ids(q, p2) && q->state == PH2_ESTABLISHED) {
			q->gen = p2->gen;
			q->n_gen = p2->n_gen;
			p2->gen = NULL;
			p2->n_gen = 0;
			return;
		}
	}
	for (unsigned i = 0; i < p2->n_gen; i++)
		if (e->ops->spd_delete(e->ctx, &p2->gen[i]) < 0)
			e->st.kernel_errors++;
	if (p2->n_gen)
		log_info("removed the %u policies generated for phase 2 %u", p2->n_gen, p2->id);
	free(p2->gen);
	p2->gen = NULL;
	p2->n_gen = 0;
}
