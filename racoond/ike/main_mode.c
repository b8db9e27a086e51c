/* Main Mode (identity protection, RFC 2409 5): six messages, both roles;
 * and the phase 1 steps Aggressive Mode shares (VIDs, KE and nonces). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

void ph1_vids_seen(struct ike_ph1 *p1, const struct isakmp_msg *m)
{
	for (size_t i = 0; i < m->npl; i++) {
		uint32_t caps = 0;
		enum isakmp_vid v;

		if (m->pl[i].type != ISAKMP_NP_VID)
			continue;
		v = isakmp_vid_classify(m->pl[i].body, m->pl[i].len, &caps);
		if (v == ISAKMP_VID_DPD)
			p1->peer_dpd = true;
		else if (v == ISAKMP_VID_FRAG)
			p1->peer_frag = true;
	}
}

void ph1_vids_write(const struct ike_ph1 *p1, struct isakmp_chain *c)
{
	if (p1->rm->dpd)
		isakmp_vid_write(c, ISAKMP_VID_DPD, 0);
	if (p1->rm->ike_frag != RC_OFF)
		isakmp_vid_write(c, ISAKMP_VID_FRAG, ISAKMP_FRAG_CAP_MAIN_AGG);
}

/* Our DH value and nonce, stored as gxi/ni or gxr/nr. */
int ph1_own_ke_nonce(struct ike_ph1 *p1)
{
	size_t gl = dh_group_len(p1->ch.group);
	size_t nl = p1->rm->nonce_size ? p1->rm->nonce_size : 16;
	uint8_t *gx, *n;
	int r;

	if (gl == 0 || nl < ISAKMP_NONCE_MIN || nl > ISAKMP_NONCE_MAX)
		return -ENOTSUP;
	r = dh_generate(p1->ch.group, &p1->dh);
	if (r < 0)
		return r;
	gx = malloc(gl);
	n = malloc(nl);
	if (!gx || !n || dh_public(p1->dh, gx, gl) < 0 || ike_random(n, nl) < 0) {
		free(gx);
		free(n);
		return -ENOMEM;
	}
	p1->gx_len = gl;
	if (p1->initiator) {
		p1->gxi = gx;
		p1->ni = n;
		p1->ni_len = nl;
	} else {
		p1->gxr = gx;
		p1->nr = n;
		p1->nr_len = nl;
	}
	return 0;
}

/* Takes the peer's KE and nonce. */
int ph1_peer_ke_nonce(struct ike_ph1 *p1, const struct isakmp_msg *m)
{
	const struct isakmp_pl *ke = isakmp_msg_find(m, ISAKMP_NP_KE, 0);
	const struct isakmp_pl *no = isakmp_msg_find(m, ISAKMP_NP_NONCE, 0);
	uint8_t *gx, *n;

	if (!ke || !no || dh_check_public(p1->ch.group, ke->body, ke->len) < 0 ||
	    isakmp_blob_check(no) < 0)
		return -EINVAL;
	gx = ike_memdup(ke->body, ke->len);
	n = ike_memdup(no->body, no->len);
	if (!gx || !n) {
		free(gx);
		free(n);
		return -ENOMEM;
	}
	if (p1->initiator) {
		free(p1->gxr);
		free(p1->nr);
		p1->gxr = gx;
		p1->nr = n;
		p1->nr_len = no->len;
	} else {
		free(p1->gxi);
		free(p1->ni);
		p1->gxi = gx;
		p1->ni = n;
		p1->ni_len = no->len;
	}
	return 0;
}

int ph1_derive(struct ike_ph1 *p1)
{
	const uint8_t *peer = p1->initiator ? p1->gxr : p1->gxi;
	struct secret *gxy = NULL;
	int r = dh_compute(p1->dh, peer, p1->gx_len, &gxy);

	if (r == 0)
		r = ph1_keys(p1, gxy);
	secret_free(gxy);
	return r;
}

static int send_ke_nonce(struct ike_ph1 *p1, bool with_cr)
{
	struct ike_engine *e = p1->e;
	struct ike_out o;
	int len;

	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_IDENT, 0, 0);
	isakmp_pl_blob(&o.c, ISAKMP_NP_KE, p1->initiator ? p1->gxi : p1->gxr, p1->gx_len);
	isakmp_pl_blob(&o.c, ISAKMP_NP_NONCE, p1->initiator ? p1->ni : p1->nr,
		       p1->initiator ? p1->ni_len : p1->nr_len);
	if (with_cr)
		auth_write_cr(p1, &o.c);
	len = out_finish_plain(&o);
	if (len < 0)
		return len;
	return xmit_start(e, p1, &p1->tx, (size_t)len, true, ph1_resend_cb, p1);
}

/* M5 or M6: ID, [CERT], HASH or SIG, [CR from the initiator]. */
static int send_auth(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;
	uint8_t idb[1024];
	size_t idlen;
	struct ike_out o;
	uint8_t *pl;
	int r, len;

	r = auth_my_id(p1, idb, sizeof(idb), &idlen);
	if (r < 0)
		return r;
	out_begin(e, &o, p1->icookie, p1->rcookie, p1->etype, 0, 0);
	pl = isakmp_pl_begin(&o.c, ISAKMP_NP_ID);
	wire_wr_bytes(&o.w, idb, idlen);
	isakmp_pl_end(&o.c, pl);
	r = auth_write(p1, &o.c, idb, idlen);
	if (r < 0)
		return r;
	if (p1->initiator)
		auth_write_cr(p1, &o.c);
	len = out_finish_enc(e, &o, p1, p1->iv);
	if (len < 0)
		return len;
	return xmit_start(e, p1, &p1->tx, (size_t)len, p1->initiator, ph1_resend_cb, p1);
}

int mm_start(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;
	struct ike_out o;
	int len;

	out_begin(e, &o, p1->icookie, NULL, ISAKMP_ETYPE_IDENT, 0, 0);
	prop_p1_write(&o.c, p1->rm);
	ph1_vids_write(p1, &o.c);
	len = out_finish_plain(&o);
	if (len < 0)
		return len;
	/* SAi_b: the SA payload's body, right after the header's generic part. */
	{
		size_t sa_len = wire_get_be16(e->out + ISAKMP_HDR_LEN + 2) - ISAKMP_GEN_LEN;

		p1->sai_b = ike_memdup(e->out + ISAKMP_HDR_LEN + ISAKMP_GEN_LEN, sa_len);
		if (!p1->sai_b)
			return -ENOMEM;
		p1->sai_len = sa_len;
	}
	p1->state = PH1_I_SENT1;
	return xmit_start(e, p1, &p1->tx, (size_t)len, true, ph1_resend_cb, p1);
}

int mm_respond1(struct ike_engine *e, const uint8_t *buf, size_t len, const struct isakmp_msg *m,
		const struct ike_ep *local, const struct ike_ep *remote)
{
	const struct rc_remote *rm = sel_remote(e->conf, &remote->addr);
	struct ike_ph1 *p1;
	struct ike_out o;
	int r, olen;

	if (isakmp_validate(m, 1) < 0) {
		e->st.malformed++;
		return -EINVAL;
	}
	r = ph1_accept_offer(e, rm, m, local, remote, ISAKMP_ETYPE_IDENT, &p1);
	if (r < 0)
		return r;
	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_IDENT, 0, 0);
	prop_p1_write_choice(&o.c, &p1->ch);
	ph1_vids_write(p1, &o.c);
	olen = out_finish_plain(&o);
	r = olen < 0 || !p1->sai_b ? -ENOMEM : rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
	if (r == 0) {
		p1->state = PH1_R_SENT2;
		r = xmit_start(e, p1, &p1->tx, (size_t)olen, true, ph1_resend_cb, p1);
	}
	if (r < 0)
		ph1_free(p1);
	return r;
}

static int fail(struct ike_engine *e, int r)
{
	if (r == -EBADMSG)
		e->st.bad_hash++;
	else if (r == -EACCES)
		e->st.bad_auth++;
	else
		e->st.malformed++;
	return r;
}

int mm_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_msg *m0)
{
	struct isakmp_msg *m = NULL;
	uint8_t *plain = NULL, ivn[IKE_MAX_BS];
	const struct isakmp_pl *id;
	int r;

	switch (p1->state) {
	case PH1_I_SENT1:
		if (m0->hdr.flags & ISAKMP_FLAG_E || isakmp_validate(m0, 2) < 0)
			return fail(e, -EINVAL);
		r = prop_p1_select(p1->rm, isakmp_msg_find(m0, ISAKMP_NP_SA, 0), false, &p1->ch);
		if (r < 0) {
			e->st.no_proposal++;
			return r;
		}
		ph1_vids_seen(p1, m0);
		r = ph1_own_ke_nonce(p1);
		if (r < 0)
			return r;
		rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
		p1->state = PH1_I_SENT3;
		return send_ke_nonce(p1, false);
	case PH1_R_SENT2:
		if (m0->hdr.flags & ISAKMP_FLAG_E || isakmp_validate(m0, 3) < 0)
			return fail(e, -EINVAL);
		r = ph1_peer_ke_nonce(p1, m0);
		if (r < 0)
			return fail(e, r);
		r = ph1_own_ke_nonce(p1);
		if (r == 0)
			r = ph1_derive(p1);
		if (r < 0) {
			e->st.bad_auth++;
			ph1_delete(p1, false);
			return r;
		}
		rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
		p1->state = PH1_R_SENT4;
		return send_ke_nonce(p1, true);
	case PH1_I_SENT3:
		if (m0->hdr.flags & ISAKMP_FLAG_E || isakmp_validate(m0, 4) < 0)
			return fail(e, -EINVAL);
		r = ph1_peer_ke_nonce(p1, m0);
		if (r < 0)
			return fail(e, r);
		r = ph1_derive(p1);
		if (r < 0) {
			e->st.bad_auth++;
			ph1_delete(p1, false);
			return r;
		}
		rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
		p1->state = PH1_I_SENT5;
		r = send_auth(p1);
		if (r < 0)
			ph1_delete(p1, false);
		return r;
	case PH1_R_SENT4:
	case PH1_I_SENT5:
		break;
	default:
		e->st.unexpected++;
		return -EPROTO;
	}
	/* M5 or M6: encrypted identity and authentication. */
	if (!(m0->hdr.flags & ISAKMP_FLAG_E))
		return fail(e, -EINVAL);
	m = malloc(sizeof(*m));
	plain = malloc(len);
	if (!m || !plain) {
		r = -ENOMEM;
		goto out;
	}
	r = msg_decrypt(e, p1, p1->iv, buf, len, plain, m, ivn);
	if (r < 0 || isakmp_validate(m, p1->initiator ? 6 : 5) < 0) {
		r = fail(e, -EINVAL);
		goto out;
	}
	id = isakmp_msg_find(m, ISAKMP_NP_ID, 0);
	r = auth_peer_id(p1, id);
	if (r < 0) {
		r = fail(e, r == -EACCES ? -EACCES : -EINVAL);
		goto out;
	}
	r = auth_verify(p1, m, id->body, id->len);
	if (r < 0) {
		r = fail(e, r);
		goto out;
	}
	memcpy(p1->iv, ivn, p1->bs);
	if (!p1->initiator) {
		rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
		r = send_auth(p1);
		if (r < 0) {
			ph1_delete(p1, false);
			goto out;
		}
	}
	ph1_established(p1);
out:
	free(m);
	free(plain);
	return r;
}
