/* Quick Mode (RFC 2409 5.5): HASH(1) SA Ni [KE] [IDci IDcr] / HASH(2) SA
 * Nr [KE] [IDci IDcr] [RESPONDER-LIFETIME] / HASH(3), both roles, with
 * and without PFS; with the peer's commit bit (RFC 2408 3.1), a fourth
 * message HASH N(CONNECTED) and the initiator installs only then. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

/* The protocol a notify about the bundle names: its main SA's. */
static uint8_t main_proto(const struct ike_ph2 *p2)
{
	for (unsigned i = 0; i < p2->ch.n; i++)
		if (p2->ch.sa[i].spi_in == p2->spi_in)
			return p2->ch.sa[i].proto;
	return ISAKMP_PROTO_ESP;
}

static void resend_cb(struct timer *t, void *arg)
{
	struct ike_ph2 *p2 = arg;

	(void)t;
	if (!p2->ph1 || !xmit_resend(p2->e, p2->ph1, &p2->tx)) {
		p2->e->st.timeouts++;
		ph2_delete(p2, false);
	}
}

static void write_id(struct isakmp_chain *c, const struct ip_prefix *p, uint8_t proto,
		     uint16_t port)
{
	struct isakmp_id id;
	uint8_t buf[32];

	if (isakmp_id_from_prefix(&id, p, proto, port, buf) == 0)
		isakmp_id_write(c, &id);
	else
		c->w->err = true;
}

static void write_ids(struct ike_ph2 *p2, struct isakmp_chain *c)
{
	/* IDci is the initiator's side, IDcr the responder's. */
	if (p2->initiator) {
		write_id(c, &p2->id_l, p2->ulproto, p2->lport);
		write_id(c, &p2->id_r, p2->ulproto, p2->rport);
	} else {
		write_id(c, &p2->id_r, p2->ulproto, p2->rport);
		write_id(c, &p2->id_l, p2->ulproto, p2->lport);
	}
}

static int own_nonce_ke(struct ike_ph2 *p2, uint16_t group, uint8_t **gx, size_t *gl)
{
	struct ike_ph1 *p1 = p2->ph1;
	size_t nl = p1->rm->nonce_size ? p1->rm->nonce_size : 16;
	uint8_t *n = malloc(nl);
	int r;

	if (!n || ike_random(n, nl) < 0) {
		free(n);
		return -ENOMEM;
	}
	if (p2->initiator) {
		p2->ni = n;
		p2->ni_len = nl;
	} else {
		p2->nr = n;
		p2->nr_len = nl;
	}
	*gx = NULL;
	*gl = 0;
	if (!group)
		return 0;
	*gl = dh_group_len(group);
	if (*gl == 0)
		return -ENOTSUP;
	r = dh_generate(group, &p2->dh);
	if (r < 0)
		return r;
	*gx = malloc(*gl);
	if (!*gx)
		return -ENOMEM;
	return dh_public(p2->dh, *gx, *gl);
}

/* Fills HASH(1) or HASH(2) over the rest of the message. */
static int fill_hash(struct ike_ph2 *p2, struct ike_out *o, bool two)
{
	struct ike_ph1 *p1 = p2->ph1;
	size_t rl = (size_t)(o->w.p - o->rest);

	if (!wire_wr_ok(&o->w) || !o->hash_at)
		return -ENOBUFS;
	if (two)
		return ike_qm_hash2(p1->ch.hash, p1->keys.skeyid_a, p2->msgid, p2->ni, p2->ni_len,
				    o->rest, rl, o->hash_at);
	return ike_qm_hash1(p1->ch.hash, p1->keys.skeyid_a, p2->msgid, o->rest, rl, o->hash_at);
}

int qm_start(struct ike_ph2 *p2)
{
	struct ike_engine *e = p2->e;
	struct ike_ph1 *p1 = p2->ph1;
	struct ike_out o;
	uint8_t *gx = NULL;
	size_t gl;
	int r, len;

	p2->nego_ph1 = p1->id;
	p2->si = sel_sainfo(e->conf, &p2->id_l, p2->ulproto, p2->lport, &p2->id_r, p2->ulproto,
			    p2->rport, p1);
	if (!p2->si) {
		e->st.no_config++;
		log_notice("no sainfo for an ACQUIRE");
		return -ENOENT;
	}
	do
		p2->msgid = ike_random32();
	while (p2->msgid == 0 || ph2_by_msgid(e, p1, p2->msgid));
	r = ike_iv_msgid(p1->ch.hash, p1->iv, p1->bs, p2->msgid, p2->iv);
	if (r < 0)
		return r;
	r = ph2_getspis(p2, p2->seq);
	if (r < 0)
		return r;
	r = own_nonce_ke(p2, p2->si->pfs_group, &gx, &gl);
	if (r < 0)
		goto out;
	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_QUICK, 0, p2->msgid);
	out_hash_slot(&o, ike_hash_len(p1->ch.hash));
	if (prop_p2_write(&o.c, p2->si, &p2->ch, p2->si->pfs_group) < 0) {
		e->st.no_config++;
		log_notice("sainfo has no algorithm for a protocol the policy asks (AH needs an "
			   "authentication_algorithm, IPComp a compression_algorithm)");
		r = -ENOENT;
		goto out;
	}
	isakmp_pl_blob(&o.c, ISAKMP_NP_NONCE, p2->ni, p2->ni_len);
	if (gx)
		isakmp_pl_blob(&o.c, ISAKMP_NP_KE, gx, gl);
	if (p2->send_ids)
		write_ids(p2, &o.c);
	r = fill_hash(p2, &o, false);
	if (r < 0)
		goto out;
	len = out_finish_enc(e, &o, p1, p2->iv);
	if (len < 0) {
		r = len;
		goto out;
	}
	p2->state = PH2_I_SENT1;
	r = xmit_start(e, p1, &p2->tx, (size_t)len, true, resend_cb, p2);
out:
	free(gx);
	return r;
}

/* The peer's IDs of a QM1/QM2 (none or both). */
static int read_ids(const struct isakmp_msg *m, struct ip_prefix *ci, struct ip_prefix *cr,
		    uint8_t *proto, uint16_t *pci, uint16_t *pcr, bool *present)
{
	const struct isakmp_pl *a = isakmp_msg_find(m, ISAKMP_NP_ID, 0);
	const struct isakmp_pl *b = isakmp_msg_find(m, ISAKMP_NP_ID, 1);
	struct isakmp_id ia, ib;

	*present = a != NULL;
	if (!a)
		return 0;
	if (!b || isakmp_id_parse(a, &ia) < 0 || isakmp_id_parse(b, &ib) < 0 ||
	    isakmp_id_to_prefix(&ia, ci) < 0 || isakmp_id_to_prefix(&ib, cr) < 0 ||
	    ia.proto != ib.proto)
		return -EINVAL;
	*proto = ia.proto;
	*pci = ia.port;
	*pcr = ib.port;
	return 0;
}

static int peer_ke(struct ike_ph2 *p2, const struct isakmp_msg *m, struct secret **gxy)
{
	const struct isakmp_pl *ke = isakmp_msg_find(m, ISAKMP_NP_KE, 0);

	*gxy = NULL;
	if (!p2->ch.group)
		return ke ? -EINVAL : 0;
	if (!ke || !p2->dh || dh_check_public(p2->ch.group, ke->body, ke->len) < 0)
		return -EINVAL;
	return dh_compute(p2->dh, ke->body, ke->len, gxy);
}

static void prefix_host(struct ip_prefix *p, const struct ip_addr *a)
{
	p->addr = *a;
	p->len = (uint8_t)addr_bits(a);
}

static bool is_host(const struct ip_prefix *p)
{
	return p->len == addr_bits(&p->addr);
}

/* Responder: a QM1 for a new message id. */
static int respond(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
		   const struct isakmp_msg *m, const uint8_t *iv)
{
	struct ike_ph2 *p2;
	const struct isakmp_pl *sa = isakmp_msg_find(m, ISAKMP_NP_SA, 0);
	const struct isakmp_pl *no = isakmp_msg_find(m, ISAKMP_NP_NONCE, 0);
	struct ip_prefix ci, cr;
	uint8_t proto = 0, rproto;
	uint32_t rspi;
	uint16_t pci = 0, pcr = 0;
	const struct ipsec_policy *pol;
	bool ids, life_notify = false;
	struct secret *gxy = NULL;
	uint8_t *gx = NULL;
	size_t gl;
	struct ike_out o;
	int r, olen;

	if (read_ids(m, &ci, &cr, &proto, &pci, &pcr, &ids) < 0) {
		e->st.malformed++;
		return -EINVAL;
	}
	p2 = ph2_new(e, p1, false);
	if (!p2)
		return -ENOMEM;
	p2->msgid = m->hdr.msgid;
	p2->commit = m->hdr.flags & ISAKMP_FLAG_C;
	rspi = prop_p2_first_spi(sa, &rproto);
	memcpy(p2->iv, iv, p1->bs);
	if (ids) {
		p2->id_r = ci;
		p2->id_l = cr;
		p2->ulproto = proto;
		p2->rport = pci;
		p2->lport = pcr;
		p2->send_ids = true;
	} else {
		prefix_host(&p2->id_r, &p1->remote.addr);
		prefix_host(&p2->id_l, &p1->local.addr);
	}
	p2->si = sel_sainfo(e->conf, &p2->id_l, proto, p2->lport, &p2->id_r, proto, p2->rport, p1);
	if (!p2->si) {
		e->st.no_config++;
		r = -ENOENT;
		goto refuse;
	}
	p2->ulproto = proto;
	pol = spd_in_policy(e, p2);
	/* No policy of ours for these IDs: a road warrior's, generated once
	 * the SAs are in (generate_policy), the bundle as the peer asks. */
	p2->gen_policy = !pol && p1->rm->generate_policy != RC_GENPOL_OFF;
	r = prop_p2_select(p2->si, p1->rm->proposal_check, sa, pol, &p2->ch, &life_notify);
	if (r < 0) {
		e->st.no_proposal++;
		goto refuse;
	}
	for (unsigned i = 0; i < p2->ch.n && pol; i++)
		for (unsigned k = 0; k < pol->ntmpl; k++)
			if (prop_isakmp_proto(pol->tmpl[k].proto) == p2->ch.sa[i].proto)
				p2->ch.sa[i].reqid = pol->tmpl[k].reqid;
	ph2_sync_spis(p2);
	if (p2->mode == IPSEC_MODE_TRANSPORT && ids && is_host(&ci) && is_host(&cr)) {
		/* support_proxy: the SA is between the identities (HoA), not
		 * the phase 1 addresses (CoA). */
		p2->sa_src = cr.addr;
		p2->sa_dst = ci.addr;
	} else {
		p2->sa_src = p1->local.addr;
		p2->sa_dst = p1->remote.addr;
	}
	p2->ni = ike_memdup(no->body, no->len);
	p2->ni_len = no->len;
	r = own_nonce_ke(p2, p2->ch.group, &gx, &gl);
	if (r == 0 && p2->ni)
		r = peer_ke(p2, m, &gxy);
	if (r < 0 || !p2->ni) {
		e->st.malformed++;
		goto drop;
	}
	p2->reqid = p2->ch.sa[0].reqid;
	spd_gen_reqid(p2);
	r = ph2_getspis(p2, 0);
	if (r < 0)
		goto drop;
	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_QUICK,
		  p2->commit ? ISAKMP_FLAG_C : 0, p2->msgid);
	out_hash_slot(&o, ike_hash_len(p1->ch.hash));
	prop_p2_write_choice(&o.c, &p2->ch);
	isakmp_pl_blob(&o.c, ISAKMP_NP_NONCE, p2->nr, p2->nr_len);
	if (gx)
		isakmp_pl_blob(&o.c, ISAKMP_NP_KE, gx, gl);
	if (ids)
		write_ids(p2, &o.c);
	if (life_notify) {
		uint8_t spi[4], attrs[10];
		struct wire_wr aw;
		struct isakmp_notify n = { .doi = IPSEC_DOI, .proto = main_proto(p2),
					   .spi_size = 4, .type = ISAKMP_NTYPE_RESPONDER_LIFETIME,
					   .spi = spi, .data = attrs };

		wire_put_be32(spi, p2->spi_in);
		wire_wr_init(&aw, attrs, sizeof(attrs));
		isakmp_attr_tv(&aw, IPSEC_ATTR_SA_LD_TYPE, IPSEC_LIFE_SECONDS);
		isakmp_attr_tlv32(&aw, IPSEC_ATTR_SA_LD, p2->ch.lifetime);
		n.len = wire_wr_len(&aw);
		isakmp_notify_write(&o.c, &n);
	}
	r = fill_hash(p2, &o, true);
	if (r < 0)
		goto drop;
	olen = out_finish_enc(e, &o, p1, p2->iv);
	if (olen < 0) {
		r = olen;
		goto drop;
	}
	/* Keys need Nr and g^qm: kept until QM3. */
	if (gxy) {
		p2->gx_peer = ike_memdup(gxy->data, gxy->len);
		p2->gx_len = gxy->len;
	}
	rx_remember(&p2->last_rx, &p2->last_rx_len, buf, len);
	p2->state = PH2_R_SENT2;
	r = xmit_start(e, p1, &p2->tx, (size_t)olen, true, resend_cb, p2);
	secret_free(gxy);
	free(gx);
	return r;
refuse:
	{
		uint8_t spi[4];

		wire_put_be32(spi, rspi);
		info_send_notify(p1, ISAKMP_NTYPE_NO_PROPOSAL_CHOSEN, rproto, spi, 4, NULL, 0);
	}
drop:
	secret_free(gxy);
	free(gx);
	ph2_delete(p2, false);
	return r;
}

/* Responder with the commit bit: HASH N(CONNECTED) once the SAs are in,
 * kept to answer a repeated QM3. */
static int send_connected(struct ike_ph2 *p2, const uint8_t *qm3, size_t qm3_len)
{
	struct ike_engine *e = p2->e;
	struct ike_ph1 *p1 = p2->ph1;
	struct ike_out o;
	uint8_t spi[4];
	struct isakmp_notify n = { .doi = IPSEC_DOI, .proto = main_proto(p2), .spi_size = 4,
				   .type = ISAKMP_NTYPE_CONNECTED, .spi = spi };
	int r, len;

	wire_put_be32(spi, p2->spi_in);
	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_QUICK, ISAKMP_FLAG_C, p2->msgid);
	out_hash_slot(&o, ike_hash_len(p1->ch.hash));
	isakmp_notify_write(&o.c, &n);
	r = fill_hash(p2, &o, false);
	if (r < 0)
		return r;
	len = out_finish_enc(e, &o, p1, p2->iv);
	if (len < 0)
		return len;
	rx_remember(&p2->last_rx, &p2->last_rx_len, qm3, qm3_len);
	return xmit_start(e, p1, &p2->tx, (size_t)len, false, resend_cb, p2);
}

/* A RESPONDER-LIFETIME notify in QM2 shortens our lifetime (obey and
 * when shorter). */
static void responder_lifetime(struct ike_ph2 *p2, const struct isakmp_msg *m)
{
	for (size_t i = 0; i < m->npl; i++) {
		struct isakmp_notify n;
		struct wire_rd r;
		uint16_t type = 0;

		if (m->pl[i].type != ISAKMP_NP_N || isakmp_notify_parse(&m->pl[i], &n) < 0 ||
		    n.type != ISAKMP_NTYPE_RESPONDER_LIFETIME)
			continue;
		wire_rd_init(&r, n.data, n.len);
		while (wire_rd_left(&r) >= 4) {
			uint16_t t = wire_rd_be16(&r), v = wire_rd_be16(&r);
			uint32_t val = v;

			if (!(t & 0x8000)) {
				if (v != 4 || wire_rd_left(&r) < 4)
					break;
				val = wire_rd_be32(&r);
			}
			t &= 0x7fff;
			if (t == IPSEC_ATTR_SA_LD_TYPE)
				type = (uint16_t)val;
			else if (t == IPSEC_ATTR_SA_LD && type == IPSEC_LIFE_SECONDS && val &&
				 val < p2->ch.lifetime)
				p2->ch.lifetime = val;
		}
	}
}

static int hash_check(const uint8_t *want, const struct isakmp_msg *m, size_t hl)
{
	return m->npl > 0 && m->pl[0].type == ISAKMP_NP_HASH && m->pl[0].len == hl &&
	       CRYPTO_memcmp(m->pl[0].body, want, hl) == 0 ? 0 : -EBADMSG;
}

int qm_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_hdr *h)
{
	struct ike_ph2 *p2 = ph2_by_msgid(e, p1, h->msgid);
	struct isakmp_msg *m = malloc(sizeof(*m));
	uint8_t *plain = malloc(len), ivn[IKE_MAX_BS], iv0[IKE_MAX_BS], want[IKE_MAX_HASH];
	size_t hl = ike_hash_len(p1->ch.hash);
	const uint8_t *rest;
	size_t rl;
	struct secret *gxy = NULL;
	int r;

	if (!m || !plain) {
		r = -ENOMEM;
		goto out;
	}
	if (p2 && rx_is_dup(p2->last_rx, p2->last_rx_len, buf, len)) {
		e->st.retransmits_answered++;
		r = p2->tx.buf ? ike_send_raw(e, p1, p2->tx.buf, p2->tx.len) : 0;
		goto out;
	}
	if (!(h->flags & ISAKMP_FLAG_E) || p1->state != PH1_ESTABLISHED) {
		e->st.unexpected++;
		r = -EPROTO;
		goto out;
	}
	if (!p2) {
		unsigned half = 0;

		for (struct ike_ph2 *q = e->ph2s; q; q = q->next)
			half += q->ph1 == p1 && q->state != PH2_ESTABLISHED;
		if (half >= IKE_MAX_PH2_NEGO_PER_PH1) {
			e->st.too_many++;
			r = -EBUSY;
			goto out;
		}
		r = ike_iv_msgid(p1->ch.hash, p1->iv, p1->bs, h->msgid, iv0);
		if (r < 0)
			goto out;
	} else {
		memcpy(iv0, p2->iv, p1->bs);
	}
	r = msg_decrypt(e, p1, iv0, buf, len, plain, m, ivn);
	if (r < 0) {
		e->st.malformed++;
		goto out;
	}
	if (!p2) {
		if (isakmp_validate(m, 1) < 0) {
			e->st.malformed++;
			r = -EINVAL;
			goto out;
		}
		msg_rest(m, &rest, &rl);
		r = ike_qm_hash1(p1->ch.hash, p1->keys.skeyid_a, h->msgid, rest, rl, want);
		if (r == 0 && (r = hash_check(want, m, hl)) < 0)
			e->st.bad_hash++;
		if (r < 0)
			goto out;
		/* The reply continues the CBC chain from this message. */
		r = respond(e, p1, buf, len, m, ivn);
		goto out;
	}
	if (p2->state == PH2_I_SENT1) {
		struct ike_p2_choice got;

		if (isakmp_validate(m, 2) < 0) {
			e->st.malformed++;
			r = -EINVAL;
			goto out;
		}
		msg_rest(m, &rest, &rl);
		r = ike_qm_hash2(p1->ch.hash, p1->keys.skeyid_a, h->msgid, p2->ni, p2->ni_len, rest,
				 rl, want);
		if (r == 0 && (r = hash_check(want, m, hl)) < 0)
			e->st.bad_hash++;
		if (r < 0)
			goto out;
		r = prop_p2_check(p2->si, &p2->ch, isakmp_msg_find(m, ISAKMP_NP_SA, 0), &got);
		if (r < 0) {
			e->st.no_proposal++;
			goto out;
		}
		p2->ch = got;
		ph2_sync_spis(p2);
		{
			const struct isakmp_pl *no = isakmp_msg_find(m, ISAKMP_NP_NONCE, 0);

			p2->nr = ike_memdup(no->body, no->len);
			p2->nr_len = no->len;
		}
		r = peer_ke(p2, m, &gxy);
		if (r < 0 || !p2->nr) {
			e->st.malformed++;
			r = -EINVAL;
			goto out;
		}
		responder_lifetime(p2, m);
		memcpy(p2->iv, ivn, p1->bs);
		{
			struct ike_out o;
			int olen;

			out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_QUICK, 0, p2->msgid);
			out_hash_slot(&o, hl);
			if (o.hash_at)
				r = ike_qm_hash3(p1->ch.hash, p1->keys.skeyid_a, p2->msgid, p2->ni,
						 p2->ni_len, p2->nr, p2->nr_len, o.hash_at);
			olen = out_finish_enc(e, &o, p1, p2->iv);
			if (r < 0 || olen < 0)
				goto out;
			rx_remember(&p2->last_rx, &p2->last_rx_len, buf, len);
			if (h->flags & ISAKMP_FLAG_C) {
				/* Keys wait for CONNECTED; QM3 is resent until then. */
				p2->commit = true;
				p2->state = PH2_I_COMMIT;
				if (gxy) {
					p2->gx_peer = ike_memdup(gxy->data, gxy->len);
					p2->gx_len = gxy->len;
				}
				r = xmit_start(e, p1, &p2->tx, (size_t)olen, true, resend_cb, p2);
				goto out;
			}
			r = ph2_install(p2, gxy);
			if (r == 0)
				r = xmit_start(e, p1, &p2->tx, (size_t)olen, false, resend_cb, p2);
			else
				ph2_delete(p2, false);
		}
		goto out;
	}
	if (p2->state == PH2_R_SENT2) {
		if (isakmp_validate(m, 3) < 0) {
			e->st.malformed++;
			r = -EINVAL;
			goto out;
		}
		r = ike_qm_hash3(p1->ch.hash, p1->keys.skeyid_a, p2->msgid, p2->ni, p2->ni_len,
				 p2->nr, p2->nr_len, want);
		if (r == 0 && (r = hash_check(want, m, hl)) < 0)
			e->st.bad_hash++;
		if (r < 0)
			goto out;
		memcpy(p2->iv, ivn, p1->bs);
		if (p2->gx_peer) {
			gxy = secret_dup(p2->gx_peer, p2->gx_len);
			OPENSSL_cleanse(p2->gx_peer, p2->gx_len);
		}
		/* last_rx stays QM1: a repeated QM1 gets QM2 again. */
		r = ph2_install(p2, gxy);
		if (r < 0) {
			ph2_delete(p2, false);
			goto out;
		}
		if (p2->commit)
			r = send_connected(p2, buf, len);
		goto out;
	}
	if (p2->state == PH2_I_COMMIT) {
		bool connected = false;

		if (isakmp_validate(m, 4) < 0) {
			e->st.malformed++;
			r = -EINVAL;
			goto out;
		}
		msg_rest(m, &rest, &rl);
		r = ike_qm_hash1(p1->ch.hash, p1->keys.skeyid_a, h->msgid, rest, rl, want);
		if (r == 0 && (r = hash_check(want, m, hl)) < 0)
			e->st.bad_hash++;
		if (r < 0)
			goto out;
		for (size_t i = 1; i < m->npl; i++) {
			struct isakmp_notify n;

			if (m->pl[i].type == ISAKMP_NP_N && isakmp_notify_parse(&m->pl[i], &n) == 0 &&
			    n.type == ISAKMP_NTYPE_CONNECTED)
				connected = true;
		}
		if (!connected) {
			e->st.unexpected++;
			r = -EPROTO;
			goto out;
		}
		memcpy(p2->iv, ivn, p1->bs);
		if (p2->gx_peer) {
			gxy = secret_dup(p2->gx_peer, p2->gx_len);
			OPENSSL_cleanse(p2->gx_peer, p2->gx_len);
		}
		r = ph2_install(p2, gxy);
		if (r < 0)
			ph2_delete(p2, false);
		goto out;
	}
	e->st.unexpected++;
	r = -EPROTO;
out:
	secret_free(gxy);
	free(m);
	free(plain);
	return r;
}
