/* SA payloads: building them from the remote's proposals and the sainfo,
 * choosing among the peer's per proposal_check, and the kernel's names
 * of the negotiated algorithms. */
#include <errno.h>
#include <string.h>

#include "racoond/ike/ike_int.h"

/* ---- phase 1 ---- */

/* AES and Camellia need their key length on the wire (RFC 3602 5); 0 in
 * the configuration means 128 bits. */
static uint16_t p1_keylen(uint16_t enc, uint16_t keylen)
{
	if (keylen)
		return keylen;
	return enc == OAKLEY_ENC_AES || enc == OAKLEY_ENC_CAMELLIA ? 128 : 0;
}

static void p1_attrs(struct wire_wr *w, uint16_t enc, uint16_t keylen, uint16_t hash,
		     uint32_t auth, uint16_t group, uint32_t life)
{
	isakmp_attr_tv(w, OAKLEY_ATTR_ENC, enc);
	if (keylen)
		isakmp_attr_tv(w, OAKLEY_ATTR_KEY_LEN, keylen);
	isakmp_attr_tv(w, OAKLEY_ATTR_HASH, hash);
	isakmp_attr_tv(w, OAKLEY_ATTR_AUTH, (uint16_t)auth);
	isakmp_attr_tv(w, OAKLEY_ATTR_GRP_DESC, group);
	isakmp_attr_tv(w, OAKLEY_ATTR_SA_LD_TYPE, OAKLEY_LIFE_SECONDS);
	isakmp_attr_tlv32(w, OAKLEY_ATTR_SA_LD, life);
}

void prop_p1_write(struct isakmp_chain *c, const struct rc_remote *rm)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	struct isakmp_trans_bld tb;
	uint8_t n = 1;

	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&pb, &sb, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	for (const struct rc_ph1_proposal *p = rm->proposals; p; p = p->next) {
		isakmp_trans_begin(&tb, &pb, n++, IPSEC_TRANSFORM_KEY_IKE);
		p1_attrs(c->w, p->enc, p1_keylen(p->enc, p->keylen), p->hash, p->auth,
			 rm->dh_group ? rm->dh_group : p->dh_group, p->lifetime);
		isakmp_trans_end(&tb);
	}
	isakmp_prop_end(&pb);
	isakmp_sa_end(&sb);
}

void prop_p1_write_choice(struct isakmp_chain *c, const struct ike_p1_choice *ch)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	struct isakmp_trans_bld tb;

	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&pb, &sb, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	isakmp_trans_begin(&tb, &pb, ch->trans_num, IPSEC_TRANSFORM_KEY_IKE);
	p1_attrs(c->w, ch->enc, ch->keylen, ch->hash, ch->auth, ch->group, ch->lifetime);
	isakmp_trans_end(&tb);
	isakmp_prop_end(&pb);
	isakmp_sa_end(&sb);
}

/* Compares the peer's transform t with our proposal p per proposal_check;
 * fills ch with the values to use. */
static bool p1_match(const struct rc_remote *rm, const struct rc_ph1_proposal *p,
		     const struct isakmp_p1_attrs *t, enum rc_prop_check pc, struct ike_p1_choice *ch)
{
	uint16_t group = rm->dh_group ? rm->dh_group : p->dh_group;
	uint32_t life = t->life_sec ? t->life_sec : 28800;
	uint16_t ours = p1_keylen(p->enc, p->keylen), theirs = p1_keylen(t->enc, t->keylen);

	if (t->enc != p->enc || t->hash != p->hash || t->auth != (uint16_t)p->auth ||
	    t->group != group || t->life_kb)
		return false;
	switch (pc) {
	case RC_PC_OBEY:
		break;
	case RC_PC_STRICT:
	case RC_PC_CLAIM:
		if (theirs < ours || life > p->lifetime)
			return false;
		break;
	case RC_PC_EXACT:
		if (theirs != ours || life != p->lifetime)
			return false;
		break;
	}
	ch->enc = t->enc;
	ch->keylen = theirs;
	ch->hash = t->hash;
	ch->auth = t->auth;
	ch->group = t->group;
	ch->lifetime = life;
	return true;
}

int prop_p1_select(const struct rc_remote *rm, const struct isakmp_pl *pl, bool responder,
		   struct ike_p1_choice *ch)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi, ti;
	struct isakmp_prop p;
	struct isakmp_trans t;
	struct isakmp_p1_attrs a;
	unsigned nt = 0;

	if (isakmp_sa_parse(pl, &sa) < 0)
		return -EINVAL;
	isakmp_sa_props(&sa, &pi);
	while (isakmp_next_prop(&pi, &p)) {
		if (p.proto != ISAKMP_PROTO_ISAKMP)
			continue;
		isakmp_prop_trans(&p, &ti);
		while (isakmp_next_trans(&ti, &t)) {
			nt++;
			if (t.id != IPSEC_TRANSFORM_KEY_IKE || isakmp_p1_decode(&t, &a) < 0)
				continue;
			for (const struct rc_ph1_proposal *q = rm->proposals; q; q = q->next) {
				/* The initiator takes back what it offered (a
				 * shorter lifetime allowed). */
				if (p1_match(rm, q, &a, responder ? rm->proposal_check : RC_PC_STRICT,
					     ch) && (responder || ch->keylen == p1_keylen(q->enc, q->keylen))) {
					ch->trans_num = t.num;
					return 0;
				}
			}
		}
		break;
	}
	if (!responder && nt != 1)
		return -EINVAL;
	return -ENOENT;
}

/* ---- phase 2 ---- */

static uint16_t default_keylen(uint16_t esp, uint16_t keylen)
{
	if (keylen)
		return keylen;
	return esp == IPSEC_ESP_AES || esp == IPSEC_ESP_CAMELLIA ? 128 : 0;
}

static void p2_attrs(struct wire_wr *w, uint32_t life, uint16_t pfs, uint16_t mode,
		     uint16_t auth, uint16_t keylen)
{
	isakmp_attr_tv(w, IPSEC_ATTR_SA_LD_TYPE, IPSEC_LIFE_SECONDS);
	isakmp_attr_tlv32(w, IPSEC_ATTR_SA_LD, life);
	if (pfs)
		isakmp_attr_tv(w, IPSEC_ATTR_GRP_DESC, pfs);
	isakmp_attr_tv(w, IPSEC_ATTR_ENC_MODE, mode);
	if (auth)
		isakmp_attr_tv(w, IPSEC_ATTR_AUTH, auth);
	if (keylen)
		isakmp_attr_tv(w, IPSEC_ATTR_KEY_LEN, keylen);
}

static uint16_t encmode(enum ipsec_mode m)
{
	return m == IPSEC_MODE_TUNNEL ? IPSEC_ENCMODE_TUNNEL : IPSEC_ENCMODE_TRANSPORT;
}

void prop_p2_write(struct isakmp_chain *c, const struct rc_sainfo *si, enum ipsec_mode mode,
		   uint32_t spi, uint16_t pfs)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	struct isakmp_trans_bld tb;
	uint8_t spib[4], n = 1;

	wire_put_be32(spib, spi);
	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&pb, &sb, 1, ISAKMP_PROTO_ESP, spib, 4);
	for (unsigned i = 0; i < si->n_enc; i++) {
		for (unsigned j = 0; j < (si->n_auth ? si->n_auth : 1); j++) {
			uint16_t auth = si->n_auth ? si->auth[j].id : 0;

			isakmp_trans_begin(&tb, &pb, n++, (uint8_t)si->enc[i].id);
			p2_attrs(c->w, si->lifetime, pfs, encmode(mode), auth,
				 default_keylen(si->enc[i].id, si->enc[i].keylen));
			isakmp_trans_end(&tb);
		}
	}
	isakmp_prop_end(&pb);
	isakmp_sa_end(&sb);
}

void prop_p2_write_choice(struct isakmp_chain *c, const struct ike_p2_choice *ch, uint32_t spi)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	struct isakmp_trans_bld tb;
	uint8_t spib[4];

	wire_put_be32(spib, spi);
	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	isakmp_prop_begin(&pb, &sb, 1, ISAKMP_PROTO_ESP, spib, 4);
	isakmp_trans_begin(&tb, &pb, 1, ch->trans_id);
	p2_attrs(c->w, ch->lifetime, ch->group, ch->encmode, ch->auth, ch->keylen);
	isakmp_trans_end(&tb);
	isakmp_prop_end(&pb);
	isakmp_sa_end(&sb);
}

/* Is transform t (with attributes a) one the sainfo allows? */
static bool p2_allowed(const struct rc_sainfo *si, const struct isakmp_trans *t,
		       const struct isakmp_p2_attrs *a)
{
	bool enc_ok = false, auth_ok = si->n_auth == 0 && !a->has_auth;

	for (unsigned i = 0; i < si->n_enc; i++)
		if (si->enc[i].id == t->id &&
		    default_keylen(t->id, si->enc[i].keylen) == default_keylen(t->id, a->keylen))
			enc_ok = true;
	for (unsigned j = 0; j < si->n_auth; j++)
		if (a->has_auth && si->auth[j].id == a->auth)
			auth_ok = true;
	if (!a->has_auth)
		for (unsigned j = 0; j < si->n_auth; j++)
			if (si->auth[j].id == 0)
				auth_ok = true;
	return enc_ok && auth_ok && a->has_encmode &&
	       (a->encmode == IPSEC_ENCMODE_TRANSPORT || a->encmode == IPSEC_ENCMODE_TUNNEL);
}

static int p2_walk(const struct isakmp_pl *pl, const struct rc_sainfo *si, enum rc_prop_check pc,
		   bool responder, struct ike_p2_choice *ch, uint32_t *spi, bool *notify_life)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi, ti;
	struct isakmp_prop p;
	struct isakmp_trans t;
	struct isakmp_p2_attrs a;

	if (isakmp_sa_parse(pl, &sa) < 0)
		return -EINVAL;
	isakmp_sa_props(&sa, &pi);
	while (isakmp_next_prop(&pi, &p)) {
		if (p.proto != ISAKMP_PROTO_ESP || p.spi_size != 4)
			continue;
		/* Known even when nothing fits: the refusal names it. */
		*spi = wire_get_be32(p.spi);
		isakmp_prop_trans(&p, &ti);
		while (isakmp_next_trans(&ti, &t)) {
			uint32_t life;

			if (isakmp_p2_decode(&t, &a) < 0 || !p2_allowed(si, &t, &a) || a.life_kb)
				continue;
			life = a.life_sec ? a.life_sec : 28800;
			*notify_life = false;
			if (responder) {
				switch (pc) {
				case RC_PC_OBEY:
					break;
				case RC_PC_STRICT:
					if (life > si->lifetime ||
					    (si->pfs_group && a.group != si->pfs_group))
						continue;
					break;
				case RC_PC_CLAIM:
					if (si->pfs_group && a.group != si->pfs_group)
						continue;
					if (life > si->lifetime) {
						life = si->lifetime;
						*notify_life = true;
					}
					break;
				case RC_PC_EXACT:
					if (life != si->lifetime || a.group != si->pfs_group)
						continue;
					break;
				}
			}
			ch->trans_id = t.id;
			ch->keylen = a.keylen;
			ch->auth = a.has_auth ? a.auth : 0;
			ch->encmode = a.encmode;
			ch->group = a.group;
			ch->lifetime = life;
			*spi = wire_get_be32(p.spi);
			return 0;
		}
	}
	return -ENOENT;
}

uint32_t prop_p2_first_spi(const struct isakmp_pl *pl)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi;
	struct isakmp_prop p;

	if (isakmp_sa_parse(pl, &sa) < 0)
		return 0;
	isakmp_sa_props(&sa, &pi);
	while (isakmp_next_prop(&pi, &p))
		if (p.proto == ISAKMP_PROTO_ESP && p.spi_size == 4)
			return wire_get_be32(p.spi);
	return 0;
}

int prop_p2_select(const struct rc_sainfo *si, enum rc_prop_check pc, const struct isakmp_pl *sa,
		   struct ike_p2_choice *ch, uint32_t *spi_out, bool *notify_life)
{
	return p2_walk(sa, si, pc, true, ch, spi_out, notify_life);
}

int prop_p2_check(const struct rc_sainfo *si, enum ipsec_mode mode, const struct isakmp_pl *sa,
		  struct ike_p2_choice *ch, uint32_t *spi_out)
{
	bool nl;
	int r = p2_walk(sa, si, RC_PC_OBEY, false, ch, spi_out, &nl);

	if (r == 0 && (ch->encmode != encmode(mode) || ch->group != si->pfs_group))
		return -ENOENT;
	return r;
}

int prop_p2_kernel(const struct ike_p2_choice *ch, struct ipsec_alg *enc, size_t *enc_len,
		   struct ipsec_alg *auth, size_t *auth_len)
{
	const char *en, *an = NULL;
	unsigned bits = default_keylen(ch->trans_id, ch->keylen), icv = 0;

	switch (ch->trans_id) {
	case IPSEC_ESP_AES: en = "cbc(aes)"; break;
	case IPSEC_ESP_3DES: en = "cbc(des3_ede)"; bits = 192; break;
	case IPSEC_ESP_DES: en = "cbc(des)"; bits = 64; break;
	case IPSEC_ESP_BLOWFISH: en = "cbc(blowfish)"; bits = bits ? bits : 128; break;
	case IPSEC_ESP_CAST: en = "cbc(cast5)"; bits = bits ? bits : 128; break;
	case IPSEC_ESP_CAMELLIA: en = "cbc(camellia)"; break;
	case IPSEC_ESP_NULL: en = "ecb(cipher_null)"; bits = 0; break;
	default: return -ENOTSUP;
	}
	*auth_len = 0;
	switch (ch->auth) {
	case 0: break;
	case IPSEC_AUTH_HMAC_MD5: an = "hmac(md5)"; *auth_len = 16; icv = 96; break;
	case IPSEC_AUTH_HMAC_SHA1: an = "hmac(sha1)"; *auth_len = 20; icv = 96; break;
	case IPSEC_AUTH_HMAC_SHA2_256: an = "hmac(sha256)"; *auth_len = 32; icv = 128; break;
	case IPSEC_AUTH_HMAC_SHA2_384: an = "hmac(sha384)"; *auth_len = 48; icv = 192; break;
	case IPSEC_AUTH_HMAC_SHA2_512: an = "hmac(sha512)"; *auth_len = 64; icv = 256; break;
	default: return -ENOTSUP;
	}
	*enc_len = bits / 8;
	if (*enc_len > IPSEC_MAX_KEY)
		return -ENOTSUP;
	memset(enc, 0, sizeof(*enc));
	strcpy(enc->name, en);
	enc->key_bits = (uint16_t)bits;
	memset(auth, 0, sizeof(*auth));
	if (an) {
		strcpy(auth->name, an);
		auth->key_bits = (uint16_t)(*auth_len * 8);
		auth->icv_bits = (uint16_t)icv;
	}
	return 0;
}
