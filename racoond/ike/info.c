/* Informational exchanges: Delete and Notify, protected by HASH(1) once a
 * phase 1 exists (unprotected ones for a live SA are refused: CVE-2007-1841,
 * CVE-2004-0164), INITIAL-CONTACT, DPD dispatch. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static int send_protected(struct ike_ph1 *p1, struct ike_out *o, uint32_t msgid)
{
	struct ike_engine *e = p1->e;
	uint8_t iv[IKE_MAX_BS];
	int r, len;

	if (!wire_wr_ok(&o->w) || !o->hash_at)
		return -ENOBUFS;
	r = ike_qm_hash1(p1->ch.hash, p1->keys.skeyid_a, msgid, o->rest,
			 (size_t)(o->w.p - o->rest), o->hash_at);
	if (r < 0)
		return r;
	r = ike_iv_msgid(p1->ch.hash, p1->iv, p1->bs, msgid, iv);
	if (r < 0)
		return r;
	len = out_finish_enc(e, o, p1, iv);
	if (len < 0)
		return len;
	return ike_send_raw(e, p1, e->out, (size_t)len);
}

static uint32_t new_msgid(void)
{
	uint32_t m;

	do
		m = ike_random32();
	while (m == 0);
	return m;
}

int info_send_notify(struct ike_ph1 *p1, uint16_t type, uint8_t proto, const void *spi,
		     uint8_t spi_size, const void *data, size_t dlen)
{
	struct ike_out o;
	uint32_t msgid = new_msgid();
	struct isakmp_notify n = { .doi = IPSEC_DOI, .proto = proto, .spi_size = spi_size,
				   .type = type, .spi = spi, .data = data, .len = dlen };

	if (p1->state != PH1_ESTABLISHED)
		return -ENOTCONN;
	out_begin(p1->e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_INFO, 0, msgid);
	out_hash_slot(&o, ike_hash_len(p1->ch.hash));
	isakmp_notify_write(&o.c, &n);
	return send_protected(p1, &o, msgid);
}

int info_send_delete(struct ike_ph1 *p1, uint8_t proto, const void *spi, uint8_t spi_size)
{
	struct ike_out o;
	uint32_t msgid = new_msgid();
	struct isakmp_delete d = { .doi = IPSEC_DOI, .proto = proto, .spi_size = spi_size,
				   .nspi = 1, .spis = spi };

	if (p1->state != PH1_ESTABLISHED)
		return -ENOTCONN;
	out_begin(p1->e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_INFO, 0, msgid);
	out_hash_slot(&o, ike_hash_len(p1->ch.hash));
	isakmp_delete_write(&o.c, &d);
	return send_protected(p1, &o, msgid);
}

int info_send_plain_notify(struct ike_engine *e, const struct isakmp_hdr *h,
			   const struct ike_ep *local, const struct ike_ep *remote, uint16_t type)
{
	struct ike_out o;
	struct isakmp_notify n = { .doi = IPSEC_DOI, .proto = ISAKMP_PROTO_ISAKMP, .type = type };
	int len;

	out_begin(e, &o, h->icookie, h->rcookie, ISAKMP_ETYPE_INFO, 0, 0);
	isakmp_notify_write(&o.c, &n);
	len = out_finish_plain(&o);
	if (len < 0)
		return len;
	e->st.tx++;
	return e->ops->send(e->ctx, local, remote, e->out, (size_t)len);
}

/* INITIAL-CONTACT: the peer rebooted; every SA we hold with it, other
 * than those of this phase 1, is stale. */
static void initial_contact(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;

	for (struct ike_ph2 *p2 = e->ph2s, *n; p2; p2 = n) {
		n = p2->next;
		/* Those negotiated over this phase 1 are of the peer's new
		 * life, even if a rekey bound older ones to it meanwhile. */
		if (p2->nego_ph1 == p1->id || p2->state != PH2_ESTABLISHED)
			continue;
		if (addr_eq(&p2->sa_dst, &p1->remote.addr) ||
		    (p2->ph1 && addr_eq(&p2->ph1->remote.addr, &p1->remote.addr)))
			ph2_delete(p2, false);
	}
	for (struct ike_ph1 *q = e->ph1s, *n; q; q = n) {
		n = q->next;
		if (q != p1 && addr_eq(&q->remote.addr, &p1->remote.addr))
			ph1_delete(q, false);
	}
}

static void on_delete(struct ike_ph1 *p1, const struct isakmp_delete *d)
{
	struct ike_engine *e = p1->e;

	for (size_t i = 0; i < d->nspi; i++) {
		const uint8_t *spi = isakmp_delete_spi(d, i);

		if (d->proto == ISAKMP_PROTO_ISAKMP && d->spi_size == 16) {
			if (memcmp(spi, p1->icookie, 8) == 0 && memcmp(spi + 8, p1->rcookie, 8) == 0) {
				log_info("peer deleted ISAKMP-SA %u", p1->id);
				ph1_delete(p1, false);
				return;
			}
		} else if ((d->proto == ISAKMP_PROTO_ESP || d->proto == ISAKMP_PROTO_AH) &&
			   d->spi_size == 4) {
			/* The peer names its inbound SA: our outbound. */
			struct ike_ph2 *p2 = ph2_by_spi(e, wire_get_be32(spi), true);

			if (p2 && (p2->ph1 == p1 || !p2->ph1))
				ph2_delete(p2, false);
		}
	}
}

static void on_notify(struct ike_ph1 *p1, const struct isakmp_notify *n,
		      const struct isakmp_hdr *h)
{
	struct ike_engine *e = p1->e;

	e->st.notifies_rx++;
	switch (n->type) {
	case ISAKMP_NTYPE_INITIAL_CONTACT:
		initial_contact(p1);
		break;
	case ISAKMP_NTYPE_R_U_THERE:
	case ISAKMP_NTYPE_R_U_THERE_ACK:
		dpd_notify(p1, n, h);
		break;
	case ISAKMP_NTYPE_NO_PROPOSAL_CHOSEN:
		/* Our quick mode was refused: the SPI is ours (inbound). */
		if ((n->proto == ISAKMP_PROTO_ESP || n->proto == ISAKMP_PROTO_AH) &&
		    n->spi_size == 4) {
			struct ike_ph2 *p2 = ph2_by_spi(e, wire_get_be32(n->spi), false);

			if (p2 && p2->ph1 == p1 && p2->state == PH2_I_SENT1) {
				e->st.no_proposal++;
				ph2_delete(p2, false);
			}
		}
		break;
	default:
		log_info("notify %s from the peer", isakmp_notify_name(n->type));
		break;
	}
}

int info_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	       const struct isakmp_msg *m0)
{
	struct isakmp_msg *m;
	uint8_t *plain, iv[IKE_MAX_BS], ivn[IKE_MAX_BS], want[IKE_MAX_HASH];
	size_t hl, rl;
	const uint8_t *rest;
	int r;

	if (!(m0->hdr.flags & ISAKMP_FLAG_E)) {
		/* Only an error notify of a phase 1 still negotiating is
		 * looked at, and it changes nothing. */
		if (p1->state == PH1_ESTABLISHED) {
			e->st.unprotected_info++;
			return -EPERM;
		}
		for (size_t i = 0; i < m0->npl; i++) {
			struct isakmp_notify n;

			if (m0->pl[i].type == ISAKMP_NP_N && isakmp_notify_parse(&m0->pl[i], &n) == 0) {
				e->st.notifies_rx++;
				log_notice("unprotected notify %s during phase 1",
					   isakmp_notify_name(n.type));
			}
		}
		return 0;
	}
	if (p1->state != PH1_ESTABLISHED || m0->hdr.msgid == 0) {
		e->st.unexpected++;
		return -EPROTO;
	}
	m = malloc(sizeof(*m));
	plain = malloc(len);
	if (!m || !plain) {
		r = -ENOMEM;
		goto out;
	}
	r = ike_iv_msgid(p1->ch.hash, p1->iv, p1->bs, m0->hdr.msgid, iv);
	if (r == 0)
		r = msg_decrypt(e, p1, iv, buf, len, plain, m, ivn);
	if (r < 0 || isakmp_validate(m, 1) < 0 || m->pl[0].type != ISAKMP_NP_HASH) {
		e->st.malformed++;
		r = -EINVAL;
		goto out;
	}
	hl = ike_hash_len(p1->ch.hash);
	msg_rest(m, &rest, &rl);
	r = ike_qm_hash1(p1->ch.hash, p1->keys.skeyid_a, m0->hdr.msgid, rest, rl, want);
	if (r < 0 || m->pl[0].len != hl || CRYPTO_memcmp(m->pl[0].body, want, hl) != 0) {
		e->st.bad_hash++;
		r = -EBADMSG;
		goto out;
	}
	/* Deletes last: one may free p1. */
	for (size_t i = 1; i < m->npl; i++) {
		struct isakmp_notify n;

		if (m->pl[i].type == ISAKMP_NP_N && isakmp_notify_parse(&m->pl[i], &n) == 0)
			on_notify(p1, &n, &m->hdr);
	}
	for (size_t i = 1; i < m->npl; i++) {
		struct isakmp_delete d;

		if (m->pl[i].type != ISAKMP_NP_D || isakmp_delete_parse(&m->pl[i], &d) < 0)
			continue;
		if (d.proto == ISAKMP_PROTO_ISAKMP) {
			on_delete(p1, &d);
			break;
		}
		on_delete(p1, &d);
	}
	r = 0;
out:
	free(m);
	free(plain);
	return r;
}
