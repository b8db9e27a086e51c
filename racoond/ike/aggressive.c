/* Aggressive Mode (RFC 2409 5): SA KE Ni IDii / SA KE Nr IDir HASH_R|SIG_R
 * / HASH_I|SIG_I.  As racoon, the third message goes unencrypted and is
 * accepted either way; every proposal must share one DH group. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/ike/ike_int.h"

static uint16_t agg_group(const struct rc_remote *rm)
{
	if (rm->dh_group)
		return rm->dh_group;
	return rm->proposals ? rm->proposals->dh_group : 0;
}

static int write_id(struct ike_ph1 *p1, struct isakmp_chain *c, uint8_t *idb, size_t cap,
		    size_t *idlen)
{
	uint8_t *pl;
	int r = auth_my_id(p1, idb, cap, idlen);

	if (r < 0)
		return r;
	pl = isakmp_pl_begin(c, ISAKMP_NP_ID);
	wire_wr_bytes(c->w, idb, *idlen);
	isakmp_pl_end(c, pl);
	return 0;
}

int ag_start(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;
	uint8_t idb[1024];
	size_t idlen, sa_len;
	struct ike_out o;
	int r, len;

	p1->ch.group = agg_group(p1->rm);
	for (const struct rc_ph1_proposal *p = p1->rm->proposals; p; p = p->next)
		if (!p1->rm->dh_group && p->dh_group != p1->ch.group)
			return -EINVAL;
	r = ph1_own_ke_nonce(p1);
	if (r < 0)
		return r;
	out_begin(e, &o, p1->icookie, NULL, ISAKMP_ETYPE_AGG, 0, 0);
	prop_p1_write(&o.c, p1->rm);
	isakmp_pl_blob(&o.c, ISAKMP_NP_KE, p1->gxi, p1->gx_len);
	isakmp_pl_blob(&o.c, ISAKMP_NP_NONCE, p1->ni, p1->ni_len);
	r = write_id(p1, &o.c, idb, sizeof(idb), &idlen);
	if (r < 0)
		return r;
	ph1_vids_write(p1, &o.c);
	len = out_finish_plain(&o);
	if (len < 0)
		return len;
	sa_len = wire_get_be16(e->out + ISAKMP_HDR_LEN + 2) - ISAKMP_GEN_LEN;
	p1->sai_b = ike_memdup(e->out + ISAKMP_HDR_LEN + ISAKMP_GEN_LEN, sa_len);
	if (!p1->sai_b)
		return -ENOMEM;
	p1->sai_len = sa_len;
	p1->state = PH1_AG_I_SENT1;
	return xmit_start(e, p1, &p1->tx, (size_t)len, true, ph1_resend_cb, p1);
}

static int count_fail(struct ike_engine *e, int r)
{
	if (r == -EBADMSG)
		e->st.bad_hash++;
	else if (r == -EACCES)
		e->st.bad_auth++;
	else
		e->st.malformed++;
	return r;
}

int ag_respond1(struct ike_engine *e, const uint8_t *buf, size_t len, const struct isakmp_msg *m,
		const struct ike_ep *local, const struct ike_ep *remote)
{
	const struct rc_remote *rm = sel_remote(e->conf, &remote->addr);
	struct ike_ph1 *p1;
	struct ike_out o;
	uint8_t idb[1024];
	size_t idlen;
	int r, olen;

	if (isakmp_validate(m, 1) < 0)
		return count_fail(e, -EINVAL);
	r = ph1_accept_offer(e, rm, m, local, remote, ISAKMP_ETYPE_AGG, &p1);
	if (r < 0)
		return r;
	r = ph1_peer_ke_nonce(p1, m);
	if (r < 0) {
		count_fail(e, r);
		goto drop;
	}
	r = auth_peer_id(p1, isakmp_msg_find(m, ISAKMP_NP_ID, 0));
	if (r < 0) {
		count_fail(e, r == -EACCES ? -EACCES : -EINVAL);
		goto drop;
	}
	r = ph1_own_ke_nonce(p1);
	if (r == 0)
		r = ph1_derive(p1);
	if (r < 0) {
		count_fail(e, -EACCES);
		goto drop;
	}
	out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_AGG, 0, 0);
	prop_p1_write_choice(&o.c, &p1->ch);
	isakmp_pl_blob(&o.c, ISAKMP_NP_KE, p1->gxr, p1->gx_len);
	isakmp_pl_blob(&o.c, ISAKMP_NP_NONCE, p1->nr, p1->nr_len);
	r = write_id(p1, &o.c, idb, sizeof(idb), &idlen);
	if (r == 0)
		r = auth_write(p1, &o.c, idb, idlen);
	if (r < 0)
		goto drop;
	auth_write_cr(p1, &o.c);
	ph1_vids_write(p1, &o.c);
	olen = out_finish_plain(&o);
	if (olen < 0 || !p1->sai_b) {
		r = -ENOMEM;
		goto drop;
	}
	rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
	p1->state = PH1_AG_R_SENT2;
	return xmit_start(e, p1, &p1->tx, (size_t)olen, true, ph1_resend_cb, p1);
drop:
	ph1_free(p1);
	return r;
}

int ag_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_msg *m0)
{
	struct isakmp_msg *m = NULL;
	uint8_t *plain = NULL, ivn[IKE_MAX_BS];
	const struct isakmp_pl *id;
	int r;

	if (p1->state == PH1_AG_I_SENT1) {
		struct ike_out o;
		int olen;

		if (m0->hdr.flags & ISAKMP_FLAG_E || isakmp_validate(m0, 2) < 0)
			return count_fail(e, -EINVAL);
		r = prop_p1_select(p1->rm, isakmp_msg_find(m0, ISAKMP_NP_SA, 0), false, &p1->ch);
		if (r < 0 || p1->ch.group != agg_group(p1->rm)) {
			e->st.no_proposal++;
			return -ENOENT;
		}
		ph1_vids_seen(p1, m0);
		r = ph1_peer_ke_nonce(p1, m0);
		if (r < 0)
			return count_fail(e, r);
		id = isakmp_msg_find(m0, ISAKMP_NP_ID, 0);
		r = auth_peer_id(p1, id);
		if (r < 0)
			return count_fail(e, r == -EACCES ? -EACCES : -EINVAL);
		r = ph1_derive(p1);
		if (r == 0)
			r = auth_verify(p1, m0, id->body, id->len);
		if (r < 0) {
			ike_p1_keys_free(&p1->keys);
			return count_fail(e, r);
		}
		out_begin(e, &o, p1->icookie, p1->rcookie, ISAKMP_ETYPE_AGG, 0, 0);
		{
			uint8_t idb[1024];
			size_t idlen;

			r = auth_my_id(p1, idb, sizeof(idb), &idlen);
			if (r == 0)
				r = auth_write(p1, &o.c, idb, idlen);
		}
		olen = out_finish_plain(&o);
		if (r < 0 || olen < 0) {
			ph1_delete(p1, false);
			return r < 0 ? r : olen;
		}
		rx_remember(&p1->last_rx, &p1->last_rx_len, buf, len);
		r = xmit_start(e, p1, &p1->tx, (size_t)olen, false, ph1_resend_cb, p1);
		ph1_established(p1);
		return r;
	}
	if (p1->state != PH1_AG_R_SENT2) {
		e->st.unexpected++;
		return -EPROTO;
	}
	if (m0->hdr.flags & ISAKMP_FLAG_E) {
		m = malloc(sizeof(*m));
		plain = malloc(len);
		if (!m || !plain) {
			r = -ENOMEM;
			goto out;
		}
		r = msg_decrypt(e, p1, p1->iv, buf, len, plain, m, ivn);
		if (r < 0) {
			r = count_fail(e, -EINVAL);
			goto out;
		}
		m0 = m;
	}
	if (isakmp_validate(m0, 3) < 0) {
		r = count_fail(e, -EINVAL);
		goto out;
	}
	r = auth_verify(p1, m0, p1->peer_idb, p1->peer_idb_len);
	if (r < 0) {
		r = count_fail(e, r);
		goto out;
	}
	if (m)
		memcpy(p1->iv, ivn, p1->bs);
	ph1_established(p1);
out:
	free(m);
	free(plain);
	return r;
}
