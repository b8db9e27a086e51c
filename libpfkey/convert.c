/* Neutral IPsec types <-> PF_KEY messages. */
#include "libpfkey/convert.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/udp.h>

uint8_t pfkey_satype(enum ipsec_proto p)
{
	switch (p) {
	case IPSEC_PROTO_ESP: return SADB_SATYPE_ESP;
	case IPSEC_PROTO_AH: return SADB_SATYPE_AH;
	case IPSEC_PROTO_IPCOMP: return SADB_X_SATYPE_IPCOMP;
	default: return 0;
	}
}

enum ipsec_proto pfkey_proto(uint8_t satype)
{
	switch (satype) {
	case SADB_SATYPE_ESP: return IPSEC_PROTO_ESP;
	case SADB_SATYPE_AH: return IPSEC_PROTO_AH;
	case SADB_X_SATYPE_IPCOMP: return IPSEC_PROTO_IPCOMP;
	default: return IPSEC_PROTO_NONE;
	}
}

int pfkey_mode(enum ipsec_mode m)
{
	switch (m) {
	case IPSEC_MODE_ANY: return PFKEY_MODE_ANY;
	case IPSEC_MODE_TRANSPORT: return PFKEY_MODE_TRANSPORT;
	case IPSEC_MODE_TUNNEL: return PFKEY_MODE_TUNNEL;
	case IPSEC_MODE_BEET: return PFKEY_MODE_BEET;
	default: return -EINVAL;
	}
}

enum ipsec_mode pfkey_mode_neutral(uint8_t mode)
{
	switch (mode) {
	case PFKEY_MODE_TRANSPORT: return IPSEC_MODE_TRANSPORT;
	case PFKEY_MODE_TUNNEL: return IPSEC_MODE_TUNNEL;
	case PFKEY_MODE_BEET: return IPSEC_MODE_BEET;
	default: return IPSEC_MODE_ANY;
	}
}

uint8_t pfkey_level(enum ipsec_level l)
{
	switch (l) {
	case IPSEC_LEVEL_USE: return PFKEY_LEVEL_USE;
	case IPSEC_LEVEL_UNIQUE: return PFKEY_LEVEL_UNIQUE;
	case IPSEC_LEVEL_DEFAULT: return PFKEY_LEVEL_DEFAULT;
	default: return PFKEY_LEVEL_REQUIRE;
	}
}

enum ipsec_level pfkey_level_neutral(uint8_t level)
{
	switch (level) {
	case PFKEY_LEVEL_DEFAULT: return IPSEC_LEVEL_DEFAULT;
	case PFKEY_LEVEL_USE: return IPSEC_LEVEL_USE;
	case PFKEY_LEVEL_UNIQUE: return IPSEC_LEVEL_UNIQUE;
	default: return IPSEC_LEVEL_REQUIRE;
	}
}

static uint8_t ulproto_to_pfkey(uint8_t proto)
{
	return proto == 0 ? PFKEY_ULPROTO_ANY : proto;
}

static const struct pfkey_alg_info *aead_by_kernel(const struct ipsec_alg *a)
{
	static const uint8_t ids[] = {
		SADB_X_EALG_AES_GCM_ICV8, SADB_X_EALG_AES_GCM_ICV12, SADB_X_EALG_AES_GCM_ICV16,
		SADB_X_EALG_AES_CCM_ICV8, SADB_X_EALG_AES_CCM_ICV12, SADB_X_EALG_AES_CCM_ICV16,
		SADB_X_EALG_NULL_AES_GMAC,
	};
	size_t i;

	for (i = 0; i < sizeof(ids); i++) {
		const struct pfkey_alg_info *ai = pfkey_alg_by_id(PFKEY_ALG_AEAD, ids[i]);

		if (ai && strcmp(ai->kernel, a->name) == 0 &&
		    (a->icv_bits == 0 ? ai->icv_bits == 128 : ai->icv_bits == a->icv_bits))
			return ai;
	}
	return NULL;
}

/* The SA ext's auth/encrypt ids of a neutral SA; -ENOENT for an algorithm
 * PF_KEY has no number for. */
static int sa_alg_ids(const struct ipsec_sa *sa, uint8_t *auth, uint8_t *enc)
{
	const struct pfkey_alg_info *ai;

	*auth = SADB_AALG_NONE;
	*enc = SADB_EALG_NONE;
	if (sa->has_auth) {
		ai = pfkey_alg_by_kernel(PFKEY_ALG_AUTH, sa->auth.name);
		if (!ai)
			return -ENOENT;
		*auth = ai->id;
	}
	if (sa->has_aead) {
		ai = aead_by_kernel(&sa->aead);
		if (!ai)
			return -ENOENT;
		*enc = ai->id;
	} else if (sa->has_enc) {
		ai = pfkey_alg_by_kernel(PFKEY_ALG_ENC, sa->enc.name);
		if (!ai)
			return -ENOENT;
		*enc = ai->id;
	} else if (sa->has_comp) {
		ai = pfkey_alg_by_kernel(PFKEY_ALG_COMP, sa->comp.name);
		if (!ai)
			return -ENOENT;
		*enc = ai->id;
	}
	return 0;
}

int pfkey_build_sa(uint8_t type, uint32_t seq, uint32_t pid, const struct ipsec_sa *sa,
		   void *buf, size_t cap)
{
	struct pfkey_builder b;
	uint8_t satype = pfkey_satype(sa->proto), auth, enc;
	bool full = type == SADB_ADD || type == SADB_UPDATE;
	int mode, rc;

	if (!satype || sa->src.family != sa->dst.family || !addr_len(&sa->src))
		return -EINVAL;
	rc = sa_alg_ids(sa, &auth, &enc);
	if (rc < 0)
		return rc;
	mode = pfkey_mode(sa->mode);
	if (mode < 0)
		return mode;
	pfkey_build_init(&b, buf, cap, type, satype, seq, pid);
	if (full)
		pfkey_add_sa(&b, sa->spi, sa->replay_window, SADB_SASTATE_MATURE, auth, enc, sa->flags);
	else
		pfkey_add_sa(&b, sa->spi, 0, 0, 0, 0, 0);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &sa->src, 0, (uint8_t)addr_bits(&sa->src),
			  PFKEY_ULPROTO_ANY);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &sa->dst, 0, (uint8_t)addr_bits(&sa->dst),
			  PFKEY_ULPROTO_ANY);
	if (full) {
		pfkey_add_lifetime(&b, SADB_EXT_LIFETIME_HARD, (uint32_t)sa->hard.packets,
				   sa->hard.bytes, sa->hard.add_seconds, sa->hard.use_seconds);
		pfkey_add_lifetime(&b, SADB_EXT_LIFETIME_SOFT, (uint32_t)sa->soft.packets,
				   sa->soft.bytes, sa->soft.add_seconds, sa->soft.use_seconds);
		if (sa->has_auth && sa->auth.key_bits)
			pfkey_add_key(&b, SADB_EXT_KEY_AUTH, sa->auth.key, sa->auth.key_bits);
		if (sa->has_aead && sa->aead.key_bits)
			pfkey_add_key(&b, SADB_EXT_KEY_ENCRYPT, sa->aead.key, sa->aead.key_bits);
		else if (sa->has_enc && sa->enc.key_bits)
			pfkey_add_key(&b, SADB_EXT_KEY_ENCRYPT, sa->enc.key, sa->enc.key_bits);
		pfkey_add_sa2(&b, (uint8_t)mode, sa->reqid, sa->seq);
		if (sa->encap_sport || sa->encap_dport) {
			pfkey_add_nat_t_type(&b, UDP_ENCAP_ESPINUDP);
			pfkey_add_nat_t_port(&b, SADB_X_EXT_NAT_T_SPORT, sa->encap_sport);
			pfkey_add_nat_t_port(&b, SADB_X_EXT_NAT_T_DPORT, sa->encap_dport);
		}
	}
	return pfkey_build_finish(&b);
}

static void alg_from_key(struct ipsec_alg *a, const struct pfkey_alg_info *ai, const struct sadb_key *k)
{
	memset(a, 0, sizeof(*a));
	if (ai)
		snprintf(a->name, sizeof(a->name), "%s", ai->kernel);
	if (ai && ai->kind == PFKEY_ALG_AEAD)
		a->icv_bits = ai->icv_bits;
	if (k) {
		size_t n;
		const uint8_t *d = pfkey_key_data(k, &n);

		if (n > sizeof(a->key))
			n = sizeof(a->key);
		memcpy(a->key, d, n);
		a->key_bits = (uint16_t)(n * 8 < k->sadb_key_bits ? n * 8 : k->sadb_key_bits);
	}
}

static void lifetime_get(const struct sadb_lifetime *l, struct ipsec_lifetime *o)
{
	o->packets = l->sadb_lifetime_allocations;
	o->bytes = l->sadb_lifetime_bytes;
	o->add_seconds = l->sadb_lifetime_addtime;
	o->use_seconds = l->sadb_lifetime_usetime;
}

int pfkey_msg_to_sa(const struct pfkey_msg *m, struct ipsec_sa *sa)
{
	const struct pfkey_alg_info *ai;

	memset(sa, 0, sizeof(*sa));
	if (!m->sa || !m->src || !m->dst)
		return -EINVAL;
	sa->proto = pfkey_proto(m->hdr->sadb_msg_satype);
	sa->spi = ntohl(m->sa->sadb_sa_spi);
	sa->replay_window = m->sa->sadb_sa_replay;
	sa->flags = m->sa->sadb_sa_flags;
	pfkey_address_get(m->src, &sa->src, NULL);
	pfkey_address_get(m->dst, &sa->dst, NULL);
	if (m->sa2) {
		sa->mode = pfkey_mode_neutral(m->sa2->sadb_x_sa2_mode);
		sa->reqid = m->sa2->sadb_x_sa2_reqid;
		sa->seq = m->sa2->sadb_x_sa2_sequence;
	}
	if (sa->proto == IPSEC_PROTO_IPCOMP) {
		ai = pfkey_alg_by_id(PFKEY_ALG_COMP, m->sa->sadb_sa_encrypt);
		sa->has_comp = m->sa->sadb_sa_encrypt != SADB_X_CALG_NONE;
		if (sa->has_comp)
			alg_from_key(&sa->comp, ai, NULL);
	} else if (m->sa->sadb_sa_encrypt != SADB_EALG_NONE) {
		ai = pfkey_alg_by_id(PFKEY_ALG_ENC, m->sa->sadb_sa_encrypt);
		if (ai && ai->kind == PFKEY_ALG_AEAD) {
			sa->has_aead = true;
			alg_from_key(&sa->aead, ai, m->key_encrypt);
		} else {
			sa->has_enc = true;
			alg_from_key(&sa->enc, ai, m->key_encrypt);
		}
	}
	if (m->sa->sadb_sa_auth != SADB_AALG_NONE) {
		sa->has_auth = true;
		alg_from_key(&sa->auth, pfkey_alg_by_id(PFKEY_ALG_AUTH, m->sa->sadb_sa_auth), m->key_auth);
	}
	if (m->lft_hard)
		lifetime_get(m->lft_hard, &sa->hard);
	if (m->lft_soft)
		lifetime_get(m->lft_soft, &sa->soft);
	if (m->lft_current) {
		sa->cur.packets = m->lft_current->sadb_lifetime_allocations;
		sa->cur.bytes = m->lft_current->sadb_lifetime_bytes;
		sa->cur.add_time = m->lft_current->sadb_lifetime_addtime;
		sa->cur.use_time = m->lft_current->sadb_lifetime_usetime;
	}
	if (m->nat_t_sport)
		sa->encap_sport = ntohs(m->nat_t_sport->sadb_x_nat_t_port_port);
	if (m->nat_t_dport)
		sa->encap_dport = ntohs(m->nat_t_dport->sadb_x_nat_t_port_port);
	return 0;
}

static void put_selector(struct pfkey_builder *b, const struct ipsec_selector *s)
{
	uint8_t proto = ulproto_to_pfkey(s->proto);
	uint16_t sport = s->sport;

	/* The kernel carries the MH type in the source port's place. */
	if (s->proto == IPSEC_PROTO_MH && s->has_mh_type)
		sport = s->mh_type;
	pfkey_add_address(b, SADB_EXT_ADDRESS_SRC, &s->src.addr, sport, s->src.len, proto);
	pfkey_add_address(b, SADB_EXT_ADDRESS_DST, &s->dst.addr, s->dport, s->dst.len, proto);
}

static void get_selector(const struct pfkey_msg *m, struct ipsec_selector *s)
{
	memset(s, 0, sizeof(*s));
	pfkey_address_get(m->src, &s->src.addr, &s->sport);
	pfkey_address_get(m->dst, &s->dst.addr, &s->dport);
	s->src.len = m->src->sadb_address_prefixlen;
	s->dst.len = m->dst->sadb_address_prefixlen;
	s->proto = m->src->sadb_address_proto;
	if (s->proto == 0)
		s->proto = PFKEY_ULPROTO_ANY;
	if (s->proto == IPSEC_PROTO_MH && s->sport) {
		s->has_mh_type = true;
		s->mh_type = (uint8_t)s->sport;
		s->sport = 0;
	}
}

static uint16_t action_to_pfkey(enum ipsec_action a)
{
	switch (a) {
	case IPSEC_ACTION_NONE: return PFKEY_POLICY_NONE;
	case IPSEC_ACTION_DISCARD: return PFKEY_POLICY_DISCARD;
	default: return PFKEY_POLICY_IPSEC;
	}
}

int pfkey_build_policy(uint8_t type, uint32_t seq, uint32_t pid, const struct ipsec_policy *p,
		       void *buf, size_t cap)
{
	struct pfkey_builder b;
	unsigned i;

	if (p->sel.src.addr.family != p->sel.dst.addr.family || p->dir > IPSEC_DIR_FWD ||
	    p->ntmpl > IPSEC_MAX_TEMPLATES)
		return -EINVAL;
	pfkey_build_init(&b, buf, cap, type, SADB_SATYPE_UNSPEC, seq, pid);
	put_selector(&b, &p->sel);
	if (p->lifetime_hard_add || p->lifetime_soft_add) {
		pfkey_add_lifetime(&b, SADB_EXT_LIFETIME_HARD, 0, 0, p->lifetime_hard_add, 0);
		pfkey_add_lifetime(&b, SADB_EXT_LIFETIME_SOFT, 0, 0, p->lifetime_soft_add, 0);
	}
	pfkey_policy_begin(&b, action_to_pfkey(p->action), (uint8_t)(p->dir + 1), p->index, p->priority);
	for (i = 0; p->action == IPSEC_ACTION_IPSEC && i < p->ntmpl; i++) {
		const struct ipsec_template *t = &p->tmpl[i];
		bool addrs = t->src.family != AF_UNSPEC;
		int mode = pfkey_mode(t->mode);
		uint8_t level = pfkey_level(t->level);

		if (mode < 0)
			return mode;
		if (t->level == IPSEC_LEVEL_REQUIRE && t->reqid)
			level = PFKEY_LEVEL_UNIQUE;
		pfkey_policy_add_req(&b, (uint16_t)t->proto, (uint8_t)mode, level, t->reqid,
				     addrs ? &t->src : NULL, 0, addrs ? &t->dst : NULL, 0);
	}
	pfkey_policy_end(&b);
	return pfkey_build_finish(&b);
}

int pfkey_msg_to_policy(const struct pfkey_msg *m, struct ipsec_policy *p)
{
	const struct sadb_x_policy *x = m->policy;
	struct pfkey_ipsecreq r;
	size_t pos = 0;

	memset(p, 0, sizeof(*p));
	if (!x || !m->src || !m->dst)
		return -EINVAL;
	get_selector(m, &p->sel);
	/* Per-socket policies come in dumps with directions 4..6 (the kernel's
	 * socket directions 3..5, plus one). */
	if (x->sadb_x_policy_dir < PFKEY_DIR_INBOUND || x->sadb_x_policy_dir > PFKEY_DIR_SOCKET_FWD)
		return -EINVAL;
	p->dir = (enum ipsec_dir)((x->sadb_x_policy_dir - 1) % 3);
	switch (x->sadb_x_policy_type) {
	case PFKEY_POLICY_DISCARD: p->action = IPSEC_ACTION_DISCARD; break;
	case PFKEY_POLICY_NONE: p->action = IPSEC_ACTION_NONE; break;
	case PFKEY_POLICY_IPSEC: p->action = IPSEC_ACTION_IPSEC; break;
	default: return -EINVAL;
	}
	p->index = x->sadb_x_policy_id;
	p->priority = x->sadb_x_policy_priority;
	if (m->lft_hard)
		p->lifetime_hard_add = m->lft_hard->sadb_lifetime_addtime;
	if (m->lft_soft)
		p->lifetime_soft_add = m->lft_soft->sadb_lifetime_addtime;
	while (pfkey_policy_next(x, &pos, &r)) {
		struct ipsec_template *t;

		if (p->ntmpl == IPSEC_MAX_TEMPLATES)
			return -E2BIG;
		t = &p->tmpl[p->ntmpl++];
		t->proto = (enum ipsec_proto)r.proto;
		t->mode = pfkey_mode_neutral(r.mode);
		t->level = pfkey_level_neutral(r.level);
		t->reqid = r.reqid;
		if (r.has_addrs) {
			t->src = r.src;
			t->dst = r.dst;
		}
	}
	return 0;
}

int pfkey_build_migrate(uint32_t seq, uint32_t pid, const struct ipsec_migrate_msg *mig,
			void *buf, size_t cap)
{
	struct pfkey_builder b;
	unsigned i;

	if (mig->nentries == 0 || mig->nentries > IPSEC_MAX_MIGRATE || mig->dir > IPSEC_DIR_FWD)
		return -EINVAL;
	pfkey_build_init(&b, buf, cap, SADB_X_MIGRATE, pfkey_satype(mig->entries[0].proto), seq, pid);
	if (mig->has_kmaddress)
		pfkey_add_kmaddress(&b, &mig->kmaddress.local, &mig->kmaddress.remote);
	put_selector(&b, &mig->sel);
	pfkey_policy_begin(&b, PFKEY_POLICY_IPSEC, (uint8_t)(mig->dir + 1), 0, 0);
	for (i = 0; i < mig->nentries; i++) {
		const struct ipsec_migrate *e = &mig->entries[i];
		int mode = pfkey_mode(e->mode);
		uint8_t level = e->reqid ? PFKEY_LEVEL_UNIQUE : PFKEY_LEVEL_REQUIRE;

		if (mode < 0)
			return mode;
		pfkey_policy_add_req(&b, (uint16_t)e->proto, (uint8_t)mode, level, e->reqid,
				     &e->old_src, 0, &e->old_dst, 0);
		pfkey_policy_add_req(&b, (uint16_t)e->proto, (uint8_t)mode, level, e->reqid,
				     &e->new_src, 0, &e->new_dst, 0);
	}
	pfkey_policy_end(&b);
	return pfkey_build_finish(&b);
}

int pfkey_msg_to_migrate(const struct pfkey_msg *m, struct ipsec_migrate_msg *mig)
{
	const struct sadb_x_policy *x = m->policy;
	struct pfkey_ipsecreq o, n;
	size_t pos = 0;

	memset(mig, 0, sizeof(*mig));
	if (!x || !m->src || !m->dst)
		return -EINVAL;
	if (x->sadb_x_policy_dir < PFKEY_DIR_INBOUND || x->sadb_x_policy_dir > PFKEY_DIR_FWD)
		return -EINVAL;
	get_selector(m, &mig->sel);
	mig->dir = (enum ipsec_dir)(x->sadb_x_policy_dir - 1);
	mig->type = IPSEC_POLICY_MAIN;
	while (pfkey_policy_next(x, &pos, &o)) {
		struct ipsec_migrate *e;

		/* Requests come in (old, new) pairs of one protocol/mode/reqid,
		 * each with its address pair. */
		if (!pfkey_policy_next(x, &pos, &n) || !o.has_addrs || !n.has_addrs ||
		    o.proto != n.proto || o.mode != n.mode || o.reqid != n.reqid)
			return -EINVAL;
		if (mig->nentries == IPSEC_MAX_MIGRATE)
			return -E2BIG;
		e = &mig->entries[mig->nentries++];
		e->proto = (enum ipsec_proto)o.proto;
		e->mode = pfkey_mode_neutral(o.mode);
		e->reqid = o.reqid;
		e->old_src = o.src;
		e->old_dst = o.dst;
		e->new_src = n.src;
		e->new_dst = n.dst;
	}
	if (mig->nentries == 0)
		return -EINVAL;
	if (m->kmaddress) {
		mig->has_kmaddress = true;
		pfkey_kmaddress_get(m->kmaddress, &mig->kmaddress.local, &mig->kmaddress.remote);
	}
	return 0;
}
