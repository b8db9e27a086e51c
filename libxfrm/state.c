/* Security associations: the usersa_info codec (with algorithms, lifetimes,
 * care-of address and encapsulation) and the SAD operations. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/udp.h>

#include "libxfrm/codec.h"
#include "libxfrm/handle.h"

int xfrm_sa_info_encode(struct xfrm_usersa_info *si, const struct ipsec_sa *sa)
{
	int rc;

	memset(si, 0, sizeof(*si));
	if (sa->dst.family != AF_INET && sa->dst.family != AF_INET6)
		return -EINVAL;
	if (sa->src.family != AF_UNSPEC && sa->src.family != sa->dst.family)
		return -EINVAL;
	if (sa->sel.src.addr.family != AF_UNSPEC || sa->sel.dst.addr.family != AF_UNSPEC) {
		rc = xfrm_sel_encode(&si->sel, &sa->sel);
		if (rc < 0)
			return rc;
	}
	xfrm_addr_encode(&si->id.daddr, &sa->dst);
	xfrm_addr_encode(&si->saddr, &sa->src);
	si->id.spi = htonl(sa->spi);
	si->id.proto = (uint8_t)sa->proto;
	si->family = sa->dst.family;
	si->mode = xfrm_mode_encode(sa->mode);
	si->reqid = sa->reqid;
	si->seq = sa->seq;
	si->replay_window = sa->replay_window;
	si->flags = (uint8_t)sa->flags;
	si->lft.soft_byte_limit = xfrm_limit_encode(sa->soft.bytes);
	si->lft.hard_byte_limit = xfrm_limit_encode(sa->hard.bytes);
	si->lft.soft_packet_limit = xfrm_limit_encode(sa->soft.packets);
	si->lft.hard_packet_limit = xfrm_limit_encode(sa->hard.packets);
	si->lft.soft_add_expires_seconds = sa->soft.add_seconds;
	si->lft.hard_add_expires_seconds = sa->hard.add_seconds;
	si->lft.soft_use_expires_seconds = sa->soft.use_seconds;
	si->lft.hard_use_expires_seconds = sa->hard.use_seconds;
	return 0;
}

/* xfrm_algo, xfrm_algo_auth and xfrm_algo_aead share the name; they differ
 * in what sits between the key length and the key. */
static int alg_put(struct nl_msg *m, int attr, const struct ipsec_alg *a)
{
	uint8_t buf[sizeof(struct xfrm_algo_aead) + IPSEC_MAX_KEY];
	size_t klen = (a->key_bits + 7u) / 8u, hdr;
	int rc;

	if (klen > IPSEC_MAX_KEY || memchr(a->name, '\0', sizeof(a->name)) == NULL)
		return -EINVAL;
	memset(buf, 0, sizeof(buf));
	if (attr == XFRMA_ALG_AEAD) {
		struct xfrm_algo_aead *x = (struct xfrm_algo_aead *)buf;

		memcpy(x->alg_name, a->name, sizeof(x->alg_name));
		x->alg_key_len = a->key_bits;
		x->alg_icv_len = a->icv_bits;
		hdr = sizeof(*x);
	} else if (attr == XFRMA_ALG_AUTH_TRUNC) {
		struct xfrm_algo_auth *x = (struct xfrm_algo_auth *)buf;

		memcpy(x->alg_name, a->name, sizeof(x->alg_name));
		x->alg_key_len = a->key_bits;
		x->alg_trunc_len = a->icv_bits;
		hdr = sizeof(*x);
	} else {
		struct xfrm_algo *x = (struct xfrm_algo *)buf;

		memcpy(x->alg_name, a->name, sizeof(x->alg_name));
		x->alg_key_len = a->key_bits;
		hdr = sizeof(*x);
	}
	memcpy(buf + hdr, a->key, klen);
	rc = nla_put(m, attr, (int)(hdr + klen), buf) < 0 ? -EMSGSIZE : 0;
	explicit_bzero(buf, sizeof(buf));
	return rc;
}

int xfrm_sa_put_attrs(struct nl_msg *m, const struct ipsec_sa *sa)
{
	int rc = 0;

	if (sa->has_aead)
		rc = alg_put(m, XFRMA_ALG_AEAD, &sa->aead);
	if (rc == 0 && sa->has_enc)
		rc = alg_put(m, XFRMA_ALG_CRYPT, &sa->enc);
	if (rc == 0 && sa->has_auth)
		rc = alg_put(m, sa->auth.icv_bits ? XFRMA_ALG_AUTH_TRUNC : XFRMA_ALG_AUTH, &sa->auth);
	if (rc == 0 && sa->has_comp)
		rc = alg_put(m, XFRMA_ALG_COMP, &sa->comp);
	if (rc == 0 && sa->coaddr.family != AF_UNSPEC) {
		xfrm_address_t co;

		xfrm_addr_encode(&co, &sa->coaddr);
		rc = nla_put(m, XFRMA_COADDR, sizeof(co), &co) < 0 ? -EMSGSIZE : 0;
	}
	if (rc == 0 && (sa->encap_sport || sa->encap_dport)) {
		struct xfrm_encap_tmpl e;

		memset(&e, 0, sizeof(e));
		e.encap_type = UDP_ENCAP_ESPINUDP;
		e.encap_sport = htons(sa->encap_sport);
		e.encap_dport = htons(sa->encap_dport);
		rc = nla_put(m, XFRMA_ENCAP, sizeof(e), &e) < 0 ? -EMSGSIZE : 0;
	}
	return rc;
}

static int alg_get(struct ipsec_alg *a, int attr, const struct nlattr *na)
{
	const uint8_t *d = nla_data(na);
	size_t len = (size_t)nla_len(na), hdr, klen;
	struct xfrm_algo x;

	memset(a, 0, sizeof(*a));
	if (attr == XFRMA_ALG_AEAD) {
		struct xfrm_algo_aead y;

		memcpy(&y, d, sizeof(y));
		a->icv_bits = (uint16_t)y.alg_icv_len;
		hdr = sizeof(y);
	} else if (attr == XFRMA_ALG_AUTH_TRUNC) {
		struct xfrm_algo_auth y;

		memcpy(&y, d, sizeof(y));
		a->icv_bits = (uint16_t)y.alg_trunc_len;
		hdr = sizeof(y);
	} else {
		hdr = sizeof(x);
	}
	memcpy(&x, d, sizeof(x));
	klen = (x.alg_key_len + 7u) / 8u;
	if (x.alg_key_len > UINT16_MAX || klen > IPSEC_MAX_KEY || hdr + klen > len)
		return -EINVAL;
	memcpy(a->name, x.alg_name, sizeof(x.alg_name));
	a->name[sizeof(a->name) - 1] = '\0';
	a->key_bits = (uint16_t)x.alg_key_len;
	memcpy(a->key, d + hdr, klen);
	return 0;
}

int xfrm_sa_decode(struct ipsec_sa *sa, const struct xfrm_usersa_info *si, const struct xfrm_attrs *t)
{
	int rc = 0;

	memset(sa, 0, sizeof(*sa));
	if (si->family != AF_INET && si->family != AF_INET6)
		return -EINVAL;
	xfrm_addr_decode(&sa->dst, &si->id.daddr, si->family);
	xfrm_addr_decode(&sa->src, &si->saddr, si->family);
	sa->spi = ntohl(si->id.spi);
	sa->proto = (enum ipsec_proto)si->id.proto;
	sa->mode = xfrm_mode_decode(si->mode);
	sa->reqid = si->reqid;
	sa->seq = si->seq;
	sa->replay_window = si->replay_window;
	sa->flags = si->flags;
	sa->soft.bytes = xfrm_limit_decode(si->lft.soft_byte_limit);
	sa->hard.bytes = xfrm_limit_decode(si->lft.hard_byte_limit);
	sa->soft.packets = xfrm_limit_decode(si->lft.soft_packet_limit);
	sa->hard.packets = xfrm_limit_decode(si->lft.hard_packet_limit);
	sa->soft.add_seconds = si->lft.soft_add_expires_seconds;
	sa->hard.add_seconds = si->lft.hard_add_expires_seconds;
	sa->soft.use_seconds = si->lft.soft_use_expires_seconds;
	sa->hard.use_seconds = si->lft.hard_use_expires_seconds;
	sa->cur.bytes = si->curlft.bytes;
	sa->cur.packets = si->curlft.packets;
	sa->cur.add_time = si->curlft.add_time;
	sa->cur.use_time = si->curlft.use_time;
	if (si->sel.family == AF_INET || si->sel.family == AF_INET6)
		xfrm_sel_decode(&sa->sel, &si->sel);
	if (!t)
		return 0;
	if (t->a[XFRMA_ALG_AEAD]) {
		sa->has_aead = true;
		rc = alg_get(&sa->aead, XFRMA_ALG_AEAD, t->a[XFRMA_ALG_AEAD]);
	}
	if (rc == 0 && t->a[XFRMA_ALG_CRYPT]) {
		sa->has_enc = true;
		rc = alg_get(&sa->enc, XFRMA_ALG_CRYPT, t->a[XFRMA_ALG_CRYPT]);
	}
	/* The kernel sends both forms of the auth algorithm; TRUNC has the length. */
	if (rc == 0 && (t->a[XFRMA_ALG_AUTH_TRUNC] || t->a[XFRMA_ALG_AUTH])) {
		int attr = t->a[XFRMA_ALG_AUTH_TRUNC] ? XFRMA_ALG_AUTH_TRUNC : XFRMA_ALG_AUTH;

		sa->has_auth = true;
		rc = alg_get(&sa->auth, attr, t->a[attr]);
	}
	if (rc == 0 && t->a[XFRMA_ALG_COMP]) {
		sa->has_comp = true;
		rc = alg_get(&sa->comp, XFRMA_ALG_COMP, t->a[XFRMA_ALG_COMP]);
	}
	if (rc == 0 && t->a[XFRMA_COADDR]) {
		xfrm_address_t co;

		memcpy(&co, nla_data(t->a[XFRMA_COADDR]), sizeof(co));
		xfrm_addr_decode(&sa->coaddr, &co, si->family);
	}
	if (rc == 0 && t->a[XFRMA_ENCAP]) {
		struct xfrm_encap_tmpl e;

		memcpy(&e, nla_data(t->a[XFRMA_ENCAP]), sizeof(e));
		sa->encap_sport = ntohs(e.encap_sport);
		sa->encap_dport = ntohs(e.encap_dport);
	}
	if (rc == 0 && t->a[XFRMA_LTIME_VAL]) {
		struct xfrm_lifetime_cur c;

		memcpy(&c, nla_data(t->a[XFRMA_LTIME_VAL]), sizeof(c));
		sa->cur.bytes = c.bytes;
		sa->cur.packets = c.packets;
		sa->cur.add_time = c.add_time;
		sa->cur.use_time = c.use_time;
	}
	if (rc < 0)
		ipsec_sa_wipe(sa);
	return rc;
}

static int sa_fail(struct xfrm_handle *h, int rc, const struct ipsec_sa *sa)
{
	char what[200], src[ADDR_STRLEN], dst[ADDR_STRLEN];

	snprintf(what, sizeof(what), "state %s spi 0x%08x %s -> %s", ipsec_proto_name(sa->proto),
		 sa->spi, addr_fmt(&sa->src, src, sizeof(src)), addr_fmt(&sa->dst, dst, sizeof(dst)));
	return xfrm_fail(h, rc, what);
}

static int sa_send(struct xfrm_handle *h, int type, const struct ipsec_sa *sa)
{
	struct xfrm_usersa_info si;
	struct nl_msg *m;
	int rc;

	rc = xfrm_sa_info_encode(&si, sa);
	if (rc < 0)
		return sa_fail(h, rc, sa);
	m = nlmsg_alloc_simple(type, NLM_F_ACK | (type == XFRM_MSG_NEWSA ? NLM_F_EXCL | NLM_F_CREATE : 0));
	if (!m)
		return sa_fail(h, -ENOMEM, sa);
	if (nlmsg_append(m, &si, sizeof(si), NLMSG_ALIGNTO) < 0)
		rc = -EMSGSIZE;
	else
		rc = xfrm_sa_put_attrs(m, sa);
	if (rc < 0) {
		/* The message may hold keys already. */
		explicit_bzero(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
		nlmsg_free(m);
		return sa_fail(h, rc, sa);
	}
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? sa_fail(h, rc, sa) : 0;
}

int xfrm_sa_add(struct xfrm_handle *h, const struct ipsec_sa *sa)
{
	return sa_send(h, XFRM_MSG_NEWSA, sa);
}

int xfrm_sa_update(struct xfrm_handle *h, const struct ipsec_sa *sa)
{
	return sa_send(h, XFRM_MSG_UPDSA, sa);
}

static struct nl_msg *sa_id_msg(int type, int flags, const struct ipsec_sa *sa, int *rc)
{
	struct xfrm_usersa_id id;
	struct nl_msg *m;

	*rc = -EINVAL;
	if (sa->dst.family != AF_INET && sa->dst.family != AF_INET6)
		return NULL;
	memset(&id, 0, sizeof(id));
	xfrm_addr_encode(&id.daddr, &sa->dst);
	id.spi = htonl(sa->spi);
	id.family = sa->dst.family;
	id.proto = (uint8_t)sa->proto;
	*rc = -ENOMEM;
	m = nlmsg_alloc_simple(type, flags);
	if (!m || nlmsg_append(m, &id, sizeof(id), NLMSG_ALIGNTO) < 0)
		goto fail;
	if (sa->src.family != AF_UNSPEC) {
		xfrm_address_t src;

		xfrm_addr_encode(&src, &sa->src);
		if (nla_put(m, XFRMA_SRCADDR, sizeof(src), &src) < 0)
			goto fail;
	}
	*rc = 0;
	return m;
fail:
	nlmsg_free(m);
	return NULL;
}

int xfrm_sa_delete(struct xfrm_handle *h, const struct ipsec_sa *sa)
{
	struct nl_msg *m;
	int rc;

	m = sa_id_msg(XFRM_MSG_DELSA, NLM_F_ACK, sa, &rc);
	if (!m)
		return sa_fail(h, rc, sa);
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? sa_fail(h, rc, sa) : 0;
}

/* A reply holding one state: NEWSA with usersa_info. */
static int sa_reply(const struct nlmsghdr *nlh, struct ipsec_sa *sa)
{
	struct xfrm_usersa_info si;
	struct xfrm_attrs t;

	if (nlh->nlmsg_type != XFRM_MSG_NEWSA || !xfrm_msg_holds(nlh, nlh->nlmsg_len, sizeof(si)))
		return -EBADMSG;
	memcpy(&si, nlmsg_data(nlh), sizeof(si));
	if (xfrm_attrs_parse(&t, nlh, sizeof(si)) < 0 || xfrm_sa_decode(sa, &si, &t) < 0)
		return -EBADMSG;
	return 0;
}

struct one_sa {
	struct ipsec_sa sa;
	bool found;
};

static int one_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct one_sa *o = arg;
	int rc = sa_reply(nlh, &o->sa);

	if (rc == 0)
		o->found = true;
	return rc;
}

int xfrm_sa_get(struct xfrm_handle *h, struct ipsec_sa *sa)
{
	struct one_sa o = { .found = false };
	struct nl_msg *m;
	int rc;

	m = sa_id_msg(XFRM_MSG_GETSA, NLM_F_ACK, sa, &rc);
	if (!m)
		return sa_fail(h, rc, sa);
	rc = xfrm_transact(h, m, one_reply, &o);
	if (rc == 0 && !o.found)
		rc = -ENOENT;
	if (rc == 0)
		*sa = o.sa;
	ipsec_sa_wipe(&o.sa);
	return rc < 0 ? sa_fail(h, rc, sa) : 0;
}

struct sa_dump {
	xfrm_sa_cb cb;
	void *arg;
};

static int dump_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct sa_dump *d = arg;
	struct ipsec_sa sa;
	int rc = sa_reply(nlh, &sa);

	if (rc == 0)
		rc = d->cb(&sa, d->arg);
	ipsec_sa_wipe(&sa);
	return rc;
}

int xfrm_sa_dump(struct xfrm_handle *h, xfrm_sa_cb cb, void *arg)
{
	struct sa_dump d = { cb, arg };
	struct nl_msg *m;
	int rc;

	m = nlmsg_alloc_simple(XFRM_MSG_GETSA, NLM_F_DUMP);
	if (!m)
		return xfrm_fail(h, -ENOMEM, "state dump");
	rc = xfrm_transact(h, m, dump_reply, &d);
	return rc < 0 ? xfrm_fail(h, rc, "state dump") : 0;
}

int xfrm_sa_flush(struct xfrm_handle *h, enum ipsec_proto proto)
{
	/* 0 matches every state, MIP6 ones included (the kernel's
	 * IPSEC_PROTO_ANY, 255, would spare them). */
	struct xfrm_usersa_flush f = { .proto = (uint8_t)proto };
	struct nl_msg *m;
	int rc;

	m = nlmsg_alloc_simple(XFRM_MSG_FLUSHSA, NLM_F_ACK);
	if (!m || nlmsg_append(m, &f, sizeof(f), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(m);
		return xfrm_fail(h, -ENOMEM, "state flush");
	}
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? xfrm_fail(h, rc, "state flush") : 0;
}

int xfrm_sa_allocspi(struct xfrm_handle *h, struct ipsec_sa *sa, uint32_t min, uint32_t max)
{
	struct xfrm_userspi_info sp;
	struct one_sa o = { .found = false };
	struct nl_msg *m;
	int rc;

	memset(&sp, 0, sizeof(sp));
	rc = xfrm_sa_info_encode(&sp.info, sa);
	if (rc < 0)
		return sa_fail(h, rc, sa);
	sp.min = min ? min : 0x100;
	sp.max = max ? max : 0x0fffffff;
	m = nlmsg_alloc_simple(XFRM_MSG_ALLOCSPI, NLM_F_ACK);
	if (!m || nlmsg_append(m, &sp, sizeof(sp), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(m);
		return sa_fail(h, -ENOMEM, sa);
	}
	rc = xfrm_transact(h, m, one_reply, &o);
	if (rc == 0 && !o.found)
		rc = -EBADMSG;
	if (rc < 0)
		return sa_fail(h, rc, sa);
	sa->spi = o.sa.spi;
	ipsec_sa_wipe(&o.sa);
	return 0;
}
