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

/* ---- phase 2 ----
 *
 * A bundle is one proposal number carrying one proposal per protocol
 * (RFC 2408 4.2: AND'ed), each with its own SPI (IPComp: a 2-octet CPI,
 * RFC 2393 4.1 / RFC 3173) and its transforms (OR'ed). */

uint8_t prop_isakmp_proto(enum ipsec_proto p)
{
	switch (p) {
	case IPSEC_PROTO_ESP: return ISAKMP_PROTO_ESP;
	case IPSEC_PROTO_AH: return ISAKMP_PROTO_AH;
	case IPSEC_PROTO_IPCOMP: return ISAKMP_PROTO_IPCOMP;
	default: return 0;
	}
}

enum ipsec_proto prop_kernel_proto(uint8_t isakmp_proto)
{
	switch (isakmp_proto) {
	case ISAKMP_PROTO_ESP: return IPSEC_PROTO_ESP;
	case ISAKMP_PROTO_AH: return IPSEC_PROTO_AH;
	case ISAKMP_PROTO_IPCOMP: return IPSEC_PROTO_IPCOMP;
	default: return IPSEC_PROTO_NONE;
	}
}

static uint16_t default_keylen(uint16_t esp, uint16_t keylen)
{
	if (keylen)
		return keylen;
	return esp == IPSEC_ESP_AES || esp == IPSEC_ESP_CAMELLIA ? 128 : 0;
}

/* AH's transform for an authentication algorithm (RFC 2407 4.4.3). */
static uint8_t ah_trans(uint16_t auth)
{
	switch (auth) {
	case IPSEC_AUTH_HMAC_MD5: return IPSEC_AH_MD5;
	case IPSEC_AUTH_HMAC_SHA1: return IPSEC_AH_SHA;
	case IPSEC_AUTH_HMAC_SHA256: return IPSEC_AH_SHA256;
	case IPSEC_AUTH_HMAC_SHA384: return IPSEC_AH_SHA384;
	case IPSEC_AUTH_HMAC_SHA512: return IPSEC_AH_SHA512;
	default: return 0;
	}
}

/* The SPI field of a proposal: 4 octets, a CPI in 2. */
static uint8_t spi_put(uint8_t proto, uint32_t spi, uint8_t *b)
{
	if (proto == ISAKMP_PROTO_IPCOMP) {
		wire_put_be16(b, (uint16_t)spi);
		return 2;
	}
	wire_put_be32(b, spi);
	return 4;
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

/* The transforms of one protocol: ESP the cross product of encryption
 * and authentication, AH each authentication, IPComp each compression.
 * Returns how many were written. */
static unsigned p2_transforms(struct isakmp_prop_bld *pb, const struct rc_sainfo *si,
			      const struct ike_p2_sa *s, uint16_t pfs)
{
	struct wire_wr *w = pb->sa->outer->w;
	struct isakmp_trans_bld tb;
	unsigned n = 0;

	switch (s->proto) {
	case ISAKMP_PROTO_ESP:
		for (unsigned i = 0; i < si->n_enc; i++) {
			for (unsigned j = 0; j < (si->n_auth ? si->n_auth : 1) && n < 255; j++) {
				uint16_t auth = si->n_auth ? si->auth[j].id : 0;

				isakmp_trans_begin(&tb, pb, (uint8_t)++n, (uint8_t)si->enc[i].id);
				p2_attrs(w, si->lifetime, pfs, s->encmode, auth,
					 default_keylen(si->enc[i].id, si->enc[i].keylen));
				isakmp_trans_end(&tb);
			}
		}
		break;
	case ISAKMP_PROTO_AH:
		for (unsigned j = 0; j < si->n_auth; j++) {
			uint8_t id = ah_trans(si->auth[j].id);

			if (!id)
				continue;
			isakmp_trans_begin(&tb, pb, (uint8_t)++n, id);
			p2_attrs(w, si->lifetime, pfs, s->encmode, si->auth[j].id, 0);
			isakmp_trans_end(&tb);
		}
		break;
	case ISAKMP_PROTO_IPCOMP:
		for (unsigned k = 0; k < si->n_comp; k++) {
			isakmp_trans_begin(&tb, pb, (uint8_t)++n, (uint8_t)si->comp[k].id);
			p2_attrs(w, si->lifetime, pfs, s->encmode, 0, 0);
			isakmp_trans_end(&tb);
		}
		break;
	}
	return n;
}

int prop_p2_write(struct isakmp_chain *c, const struct rc_sainfo *si,
		  const struct ike_p2_choice *want, uint16_t pfs)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	int r = 0;

	if (want->n == 0 || want->n > IKE_MAX_BUNDLE)
		return -EINVAL;
	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	for (unsigned i = 0; i < want->n; i++) {
		const struct ike_p2_sa *s = &want->sa[i];
		uint8_t spib[4], sl = spi_put(s->proto, s->spi_in, spib);

		isakmp_prop_begin(&pb, &sb, 1, s->proto, spib, sl);
		if (p2_transforms(&pb, si, s, pfs) == 0)
			r = -ENOENT;
		isakmp_prop_end(&pb);
	}
	isakmp_sa_end(&sb);
	return r;
}

void prop_p2_write_choice(struct isakmp_chain *c, const struct ike_p2_choice *ch)
{
	struct isakmp_sa_bld sb;
	struct isakmp_prop_bld pb;
	struct isakmp_trans_bld tb;

	isakmp_sa_begin(&sb, c, IPSEC_DOI, IPSEC_SIT_IDENTITY_ONLY);
	for (unsigned i = 0; i < ch->n; i++) {
		const struct ike_p2_sa *s = &ch->sa[i];
		uint8_t spib[4], sl = spi_put(s->proto, s->spi_in, spib);

		isakmp_prop_begin(&pb, &sb, ch->prop_num, s->proto, spib, sl);
		isakmp_trans_begin(&tb, &pb, s->trans_num, s->trans_id);
		p2_attrs(c->w, ch->lifetime, ch->group, s->encmode, s->auth, s->keylen);
		isakmp_trans_end(&tb);
		isakmp_prop_end(&pb);
	}
	isakmp_sa_end(&sb);
}

/* Is transform t (attributes a) of protocol proto one the sainfo allows? */
static bool p2_allowed(const struct rc_sainfo *si, uint8_t proto, const struct isakmp_trans *t,
		       const struct isakmp_p2_attrs *a)
{
	bool ok = false;

	if (!a->has_encmode ||
	    (a->encmode != IPSEC_ENCMODE_TRANSPORT && a->encmode != IPSEC_ENCMODE_TUNNEL))
		return false;
	switch (proto) {
	case ISAKMP_PROTO_ESP: {
		bool auth_ok = si->n_auth == 0 && !a->has_auth;

		for (unsigned i = 0; i < si->n_enc; i++)
			if (si->enc[i].id == t->id &&
			    default_keylen(t->id, si->enc[i].keylen) == default_keylen(t->id, a->keylen))
				ok = true;
		for (unsigned j = 0; j < si->n_auth; j++)
			if (a->has_auth ? si->auth[j].id == a->auth : si->auth[j].id == 0)
				auth_ok = true;
		return ok && auth_ok;
	}
	case ISAKMP_PROTO_AH:
		/* RFC 2407 4.5: AH's transform names the algorithm, the
		 * attribute must agree with it. */
		if (!a->has_auth || a->keylen || ah_trans(a->auth) != t->id)
			return false;
		for (unsigned j = 0; j < si->n_auth; j++)
			ok |= si->auth[j].id == a->auth;
		return ok;
	case ISAKMP_PROTO_IPCOMP:
		if (a->has_auth || a->keylen)
			return false;
		for (unsigned k = 0; k < si->n_comp; k++)
			ok |= si->comp[k].id == t->id;
		return ok;
	}
	return false;
}

/* The SPI of a proposal, or 0 when its size or value is not one the
 * protocol allows (0-255 are reserved for ESP and AH, RFC 4303 2.1; CPIs
 * below 256 are well-known or reserved, RFC 3173 3.3). */
static uint32_t prop_spi(const struct isakmp_prop *p)
{
	uint32_t v;

	if (p->proto == ISAKMP_PROTO_IPCOMP) {
		/* Some peers send the CPI in a 4-octet field. */
		if (p->spi_size == 2)
			v = wire_get_be16(p->spi);
		else if (p->spi_size == 4 && wire_get_be16(p->spi) == 0)
			v = wire_get_be32(p->spi);
		else
			return 0;
	} else if (p->spi_size == 4) {
		v = wire_get_be32(p->spi);
	} else {
		return 0;
	}
	return v >= 256 ? v : 0;
}

uint32_t prop_p2_first_spi(const struct isakmp_pl *pl, uint8_t *proto)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi;
	struct isakmp_prop p;

	*proto = ISAKMP_PROTO_ESP;
	if (isakmp_sa_parse(pl, &sa) < 0)
		return 0;
	isakmp_sa_props(&sa, &pi);
	while (isakmp_next_prop(&pi, &p)) {
		if ((p.proto == ISAKMP_PROTO_ESP || p.proto == ISAKMP_PROTO_AH) && p.spi_size == 4) {
			*proto = p.proto;
			return wire_get_be32(p.spi);
		}
	}
	return 0;
}

/* One proposal number of the peer's SA: its protocols in order. */
struct p2_group {
	uint8_t num;
	struct isakmp_prop p[IKE_MAX_BUNDLE];
	unsigned n;
	bool bad;                    /* repeated or unknown protocol, too many, bad SPI */
};

static void group_add(struct p2_group *g, const struct isakmp_prop *p)
{
	if (g->n == IKE_MAX_BUNDLE || prop_kernel_proto(p->proto) == IPSEC_PROTO_NONE ||
	    !prop_spi(p)) {
		g->bad = true;
		return;
	}
	for (unsigned i = 0; i < g->n; i++)
		if (g->p[i].proto == p->proto)
			g->bad = true;
	g->p[g->n++] = *p;
}

/* Does the group carry what our inbound policy asks (templates of level
 * use may be left out) and nothing more? */
static bool group_fits_policy(const struct p2_group *g, const struct ipsec_policy *pol)
{
	for (unsigned i = 0; i < g->n; i++) {
		bool found = false;

		for (unsigned k = 0; k < pol->ntmpl; k++)
			found |= prop_isakmp_proto(pol->tmpl[k].proto) == g->p[i].proto;
		if (!found)
			return false;
	}
	for (unsigned k = 0; k < pol->ntmpl; k++) {
		bool found = false;

		if (pol->tmpl[k].level == IPSEC_LEVEL_USE)
			continue;
		for (unsigned i = 0; i < g->n; i++)
			found |= prop_isakmp_proto(pol->tmpl[k].proto) == g->p[i].proto;
		if (!found)
			return false;
	}
	return true;
}

/* The lifetime and PFS checks of proposal_check on one transform
 * (responder); *life may be shortened (claim). */
static bool p2_check_pc(const struct rc_sainfo *si, enum rc_prop_check pc,
			const struct isakmp_p2_attrs *a, uint32_t *life, bool *notify_life)
{
	switch (pc) {
	case RC_PC_OBEY:
		break;
	case RC_PC_STRICT:
		if (*life > si->lifetime || (si->pfs_group && a->group != si->pfs_group))
			return false;
		break;
	case RC_PC_CLAIM:
		if (si->pfs_group && a->group != si->pfs_group)
			return false;
		if (*life > si->lifetime) {
			*life = si->lifetime;
			*notify_life = true;
		}
		break;
	case RC_PC_EXACT:
		if (*life != si->lifetime || a->group != si->pfs_group)
			return false;
		break;
	}
	return true;
}

/* Picks a transform of proposal p into s.  The bundle shares one PFS
 * group (one KE payload): *group once *have_group is set.  An IPComp
 * transform without a group takes the bundle's (some peers leave it out
 * where no key is derived). */
static bool pick_one(const struct rc_sainfo *si, enum rc_prop_check pc, bool responder,
		     const struct isakmp_prop *p, bool *have_group, uint16_t *group,
		     struct ike_p2_sa *s, uint32_t *life, bool *notify_life)
{
	struct isakmp_iter ti;
	struct isakmp_trans t;
	struct isakmp_p2_attrs a;

	isakmp_prop_trans(p, &ti);
	while (isakmp_next_trans(&ti, &t)) {
		bool nl = false;

		if (isakmp_p2_decode(&t, &a) < 0 || a.life_kb || !p2_allowed(si, p->proto, &t, &a))
			continue;
		if (p->proto == ISAKMP_PROTO_IPCOMP && a.group == 0 && *have_group)
			a.group = *group;
		if (*have_group && a.group != *group)
			continue;
		*life = a.life_sec ? a.life_sec : 28800;
		if (responder && !p2_check_pc(si, pc, &a, life, &nl))
			continue;
		s->proto = p->proto;
		s->trans_num = t.num;
		s->trans_id = t.id;
		s->keylen = a.keylen;
		s->auth = a.has_auth ? a.auth : 0;
		s->encmode = a.encmode;
		s->spi_out = prop_spi(p);
		*group = a.group;
		*have_group = true;
		*notify_life |= nl;
		return true;
	}
	return false;
}

/* Picks a transform for each protocol of g (AH and ESP first: they fix
 * the PFS group), the shortest lifetime for the bundle. */
static int group_pick(const struct rc_sainfo *si, enum rc_prop_check pc, bool responder,
		      const struct p2_group *g, struct ike_p2_choice *ch, bool *notify_life)
{
	bool have_group = false;

	memset(ch, 0, sizeof(*ch));
	*notify_life = false;
	ch->prop_num = g->num;
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < g->n; i++) {
			uint32_t life;

			if ((g->p[i].proto == ISAKMP_PROTO_IPCOMP) != (pass == 1))
				continue;
			if (!pick_one(si, pc, responder, &g->p[i], &have_group, &ch->group,
				      &ch->sa[i], &life, notify_life))
				return -ENOENT;
			if (ch->lifetime == 0 || life < ch->lifetime)
				ch->lifetime = life;
		}
	}
	ch->n = (uint8_t)g->n;
	return 0;
}

int prop_p2_select(const struct rc_sainfo *si, enum rc_prop_check pc, const struct isakmp_pl *pl,
		   const struct ipsec_policy *pol, struct ike_p2_choice *ch, bool *notify_life)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi;
	struct isakmp_prop p;
	struct p2_group g;
	bool more;

	if (isakmp_sa_parse(pl, &sa) < 0)
		return -EINVAL;
	isakmp_sa_props(&sa, &pi);
	more = isakmp_next_prop(&pi, &p);
	while (more) {
		memset(&g, 0, sizeof(g));
		g.num = p.num;
		do
			group_add(&g, &p);
		while ((more = isakmp_next_prop(&pi, &p)) && p.num == g.num);
		if (g.bad || (pol && !group_fits_policy(&g, pol)))
			continue;
		if (group_pick(si, pc, true, &g, ch, notify_life) == 0)
			return 0;
	}
	return -ENOENT;
}

int prop_p2_check(const struct rc_sainfo *si, const struct ike_p2_choice *want,
		  const struct isakmp_pl *pl, struct ike_p2_choice *ch)
{
	struct isakmp_sa sa;
	struct isakmp_iter pi;
	struct isakmp_prop p;
	struct p2_group g;
	struct ike_p2_choice got;
	bool nl;

	if (isakmp_sa_parse(pl, &sa) < 0)
		return -EINVAL;
	memset(&g, 0, sizeof(g));
	isakmp_sa_props(&sa, &pi);
	while (isakmp_next_prop(&pi, &p)) {
		/* The answer is the first proposal number, all of it
		 * (strongSwan adds its choice again without IPComp under the
		 * next number). */
		if (g.n && p.num != g.num)
			break;
		g.num = p.num;
		if (p.ntrans != 1)
			return -EINVAL;
		group_add(&g, &p);
	}
	if (g.bad || g.n != want->n)
		return -EINVAL;
	if (group_pick(si, RC_PC_OBEY, false, &g, &got, &nl) < 0 || got.group != si->pfs_group)
		return -ENOENT;
	*ch = *want;
	ch->prop_num = got.prop_num;
	ch->group = got.group;
	ch->lifetime = got.lifetime;
	for (unsigned i = 0; i < want->n; i++) {
		const struct ike_p2_sa *o = NULL;

		for (unsigned k = 0; k < got.n; k++)
			if (got.sa[k].proto == want->sa[i].proto)
				o = &got.sa[k];
		if (!o || o->encmode != want->sa[i].encmode)
			return -ENOENT;
		ch->sa[i].trans_num = o->trans_num;
		ch->sa[i].trans_id = o->trans_id;
		ch->sa[i].keylen = o->keylen;
		ch->sa[i].auth = o->auth;
		ch->sa[i].spi_out = o->spi_out;
	}
	return 0;
}

static int auth_alg(uint16_t auth, struct ipsec_alg *a, size_t *len)
{
	const char *n;
	unsigned icv;

	switch (auth) {
	case IPSEC_AUTH_HMAC_MD5: n = "hmac(md5)"; *len = 16; icv = 96; break;
	case IPSEC_AUTH_HMAC_SHA1: n = "hmac(sha1)"; *len = 20; icv = 96; break;
	case IPSEC_AUTH_HMAC_SHA256: n = "hmac(sha256)"; *len = 32; icv = 128; break;
	case IPSEC_AUTH_HMAC_SHA384: n = "hmac(sha384)"; *len = 48; icv = 192; break;
	case IPSEC_AUTH_HMAC_SHA512: n = "hmac(sha512)"; *len = 64; icv = 256; break;
	default: return -ENOTSUP;
	}
	memset(a, 0, sizeof(*a));
	strcpy(a->name, n);
	a->key_bits = (uint16_t)(*len * 8);
	a->icv_bits = (uint16_t)icv;
	return 0;
}

int prop_p2_kernel(const struct ike_p2_sa *s, struct ipsec_sa *sa, size_t *enc_len,
		   size_t *auth_len)
{
	const char *en;
	unsigned bits = default_keylen(s->trans_id, s->keylen);

	*enc_len = *auth_len = 0;
	sa->has_enc = sa->has_auth = sa->has_comp = false;
	switch (s->proto) {
	case ISAKMP_PROTO_IPCOMP:
		if (s->trans_id != IPSEC_IPCOMP_DEFLATE)
			return -ENOTSUP;
		memset(&sa->comp, 0, sizeof(sa->comp));
		strcpy(sa->comp.name, "deflate");
		sa->has_comp = true;
		return 0;
	case ISAKMP_PROTO_AH:
		if (auth_alg(s->auth, &sa->auth, auth_len) < 0 || ah_trans(s->auth) != s->trans_id)
			return -ENOTSUP;
		sa->has_auth = true;
		return 0;
	case ISAKMP_PROTO_ESP:
		break;
	default:
		return -ENOTSUP;
	}
	switch (s->trans_id) {
	case IPSEC_ESP_AES: en = "cbc(aes)"; break;
	case IPSEC_ESP_3DES: en = "cbc(des3_ede)"; bits = 192; break;
	case IPSEC_ESP_DES: en = "cbc(des)"; bits = 64; break;
	case IPSEC_ESP_BLOWFISH: en = "cbc(blowfish)"; bits = bits ? bits : 128; break;
	case IPSEC_ESP_CAST: en = "cbc(cast5)"; bits = bits ? bits : 128; break;
	case IPSEC_ESP_CAMELLIA: en = "cbc(camellia)"; break;
	case IPSEC_ESP_NULL: en = "ecb(cipher_null)"; bits = 0; break;
	default: return -ENOTSUP;
	}
	if (s->auth) {
		if (auth_alg(s->auth, &sa->auth, auth_len) < 0)
			return -ENOTSUP;
		sa->has_auth = true;
	}
	*enc_len = bits / 8;
	if (*enc_len > IPSEC_MAX_KEY)
		return -ENOTSUP;
	memset(&sa->enc, 0, sizeof(sa->enc));
	strcpy(sa->enc.name, en);
	sa->enc.key_bits = (uint16_t)bits;
	sa->has_enc = true;
	return 0;
}
