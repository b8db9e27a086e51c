/* Shared pieces of the XFRM codec: attribute table, addresses, selectors,
 * templates, modes and lifetimes.  See codec.h. */
#include "libxfrm/codec.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

/* Minimum payload of each attribute we read; a shorter one is malformed. */
static const uint16_t attr_minlen[XFRMA_MAX + 1] = {
	[XFRMA_ALG_AUTH] = sizeof(struct xfrm_algo),
	[XFRMA_ALG_CRYPT] = sizeof(struct xfrm_algo),
	[XFRMA_ALG_COMP] = sizeof(struct xfrm_algo),
	[XFRMA_ALG_AEAD] = sizeof(struct xfrm_algo_aead),
	[XFRMA_ALG_AUTH_TRUNC] = sizeof(struct xfrm_algo_auth),
	[XFRMA_ENCAP] = sizeof(struct xfrm_encap_tmpl),
	[XFRMA_TMPL] = sizeof(struct xfrm_user_tmpl),
	[XFRMA_SA] = sizeof(struct xfrm_usersa_info),
	[XFRMA_POLICY] = sizeof(struct xfrm_userpolicy_info),
	[XFRMA_LTIME_VAL] = sizeof(struct xfrm_lifetime_cur),
	[XFRMA_REPLAY_VAL] = sizeof(struct xfrm_replay_state),
	[XFRMA_SRCADDR] = sizeof(xfrm_address_t),
	[XFRMA_COADDR] = sizeof(xfrm_address_t),
	[XFRMA_POLICY_TYPE] = sizeof(struct xfrm_userpolicy_type),
	[XFRMA_MIGRATE] = sizeof(struct xfrm_user_migrate),
	[XFRMA_KMADDRESS] = sizeof(struct xfrm_user_kmaddress),
};

bool xfrm_msg_holds(const struct nlmsghdr *nlh, size_t len, size_t hdrlen)
{
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > len)
		return false;
	return nlh->nlmsg_len - NLMSG_HDRLEN >= NLMSG_ALIGN(hdrlen);
}

int xfrm_attrs_parse(struct xfrm_attrs *t, const struct nlmsghdr *nlh, size_t hdrlen)
{
	const struct nlattr *a;
	int rem;

	memset(t, 0, sizeof(*t));
	nla_for_each_attr(a, nlmsg_attrdata(nlh, (int)hdrlen), nlmsg_attrlen(nlh, (int)hdrlen), rem) {
		int type = nla_type(a);
		size_t plen = (size_t)nla_len(a);

		if (type > XFRMA_MAX)
			continue;       /* newer kernel's attribute: not ours to read */
		if (plen < attr_minlen[type])
			return -EINVAL;
		if (type == XFRMA_MIGRATE) {
			size_t n = plen / sizeof(struct xfrm_user_migrate), i;

			if (plen % sizeof(struct xfrm_user_migrate) || t->nmig + n > IPSEC_MAX_MIGRATE)
				return -EINVAL;
			for (i = 0; i < n; i++)
				t->mig[t->nmig++] = (const uint8_t *)nla_data(a) + i * sizeof(struct xfrm_user_migrate);
		}
		t->a[type] = a;
	}
	/* Bytes left that do not form a whole attribute: truncated.  (rem goes
	 * below 0 only when the last attribute lacks its alignment padding.) */
	return rem > 0 ? -EINVAL : 0;
}

void xfrm_addr_encode(xfrm_address_t *x, const struct ip_addr *a)
{
	memset(x, 0, sizeof(*x));
	if (a->family == AF_INET)
		memcpy(&x->a4, &a->u.v4, 4);
	else if (a->family == AF_INET6)
		memcpy(x->a6, &a->u.v6, 16);
}

void xfrm_addr_decode(struct ip_addr *a, const xfrm_address_t *x, unsigned family)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET || family == AF_INET6)
		addr_from_bytes(a, (sa_family_t)family, x);
}

static sa_family_t sel_family(const struct ipsec_selector *s)
{
	return s->src.addr.family != AF_UNSPEC ? s->src.addr.family : s->dst.addr.family;
}

int xfrm_sel_encode(struct xfrm_selector *ks, const struct ipsec_selector *s)
{
	sa_family_t fam = sel_family(s);

	memset(ks, 0, sizeof(*ks));
	if ((s->src.addr.family != AF_UNSPEC && s->src.addr.family != fam) ||
	    (s->dst.addr.family != AF_UNSPEC && s->dst.addr.family != fam))
		return -EINVAL;
	if (s->src.len > addr_family_len(fam) * 8 || s->dst.len > addr_family_len(fam) * 8)
		return -EINVAL;
	ks->family = fam;
	xfrm_addr_encode(&ks->saddr, &s->src.addr);
	xfrm_addr_encode(&ks->daddr, &s->dst.addr);
	ks->prefixlen_s = s->src.len;
	ks->prefixlen_d = s->dst.len;
	ks->proto = s->proto == IPSEC_ULPROTO_ANY ? 0 : s->proto;
	if (s->has_mh_type) {
		/* The kernel matches the MH type where the source port would be. */
		ks->sport = htons(s->mh_type);
		ks->sport_mask = 0xffff;
	} else if (s->sport) {
		ks->sport = htons(s->sport);
		ks->sport_mask = 0xffff;
	}
	if (s->dport) {
		ks->dport = htons(s->dport);
		ks->dport_mask = 0xffff;
	}
	ks->ifindex = s->ifindex;
	return 0;
}

void xfrm_sel_decode(struct ipsec_selector *s, const struct xfrm_selector *ks)
{
	memset(s, 0, sizeof(*s));
	xfrm_addr_decode(&s->src.addr, &ks->saddr, ks->family);
	xfrm_addr_decode(&s->dst.addr, &ks->daddr, ks->family);
	s->src.len = ks->prefixlen_s;
	s->dst.len = ks->prefixlen_d;
	s->proto = ks->proto == 0 ? IPSEC_ULPROTO_ANY : ks->proto;
	if (ks->proto == IPSEC_PROTO_MH && ks->sport_mask) {
		s->has_mh_type = true;
		s->mh_type = (uint8_t)ntohs(ks->sport);
	} else if (ks->sport_mask) {
		s->sport = ntohs(ks->sport);
	}
	if (ks->dport_mask)
		s->dport = ntohs(ks->dport);
	s->ifindex = ks->ifindex;
}

uint8_t xfrm_mode_encode(enum ipsec_mode m)
{
	switch (m) {
	case IPSEC_MODE_TUNNEL: return XFRM_MODE_TUNNEL;
	case IPSEC_MODE_RO: return XFRM_MODE_ROUTEOPTIMIZATION;
	case IPSEC_MODE_BEET: return XFRM_MODE_BEET;
	case IPSEC_MODE_ANY:
	case IPSEC_MODE_TRANSPORT:
		break;
	}
	return XFRM_MODE_TRANSPORT;
}

enum ipsec_mode xfrm_mode_decode(uint8_t m)
{
	switch (m) {
	case XFRM_MODE_TUNNEL: return IPSEC_MODE_TUNNEL;
	case XFRM_MODE_ROUTEOPTIMIZATION: return IPSEC_MODE_RO;
	case XFRM_MODE_BEET: return IPSEC_MODE_BEET;
	default: return IPSEC_MODE_TRANSPORT;
	}
}

void xfrm_tmpl_encode(struct xfrm_user_tmpl *kt, const struct ipsec_template *t, unsigned sel_family)
{
	sa_family_t fam = t->dst.family != AF_UNSPEC ? t->dst.family : t->src.family;

	memset(kt, 0, sizeof(*kt));
	kt->family = fam != AF_UNSPEC ? fam : (uint16_t)sel_family;
	xfrm_addr_encode(&kt->id.daddr, &t->dst);
	xfrm_addr_encode(&kt->saddr, &t->src);
	kt->id.spi = htonl(t->spi);
	kt->id.proto = (uint8_t)t->proto;
	kt->mode = xfrm_mode_encode(t->mode);
	kt->reqid = t->reqid;
	kt->optional = t->level == IPSEC_LEVEL_USE;
	kt->aalgos = kt->ealgos = kt->calgos = ~0u;
}

void xfrm_tmpl_decode(struct ipsec_template *t, const struct xfrm_user_tmpl *kt)
{
	static const xfrm_address_t zero;

	memset(t, 0, sizeof(*t));
	t->proto = (enum ipsec_proto)kt->id.proto;
	t->mode = xfrm_mode_decode(kt->mode);
	/* Transport templates carry no endpoints: keep them AF_UNSPEC. */
	if (memcmp(&kt->saddr, &zero, sizeof(zero)))
		xfrm_addr_decode(&t->src, &kt->saddr, kt->family);
	if (memcmp(&kt->id.daddr, &zero, sizeof(zero)))
		xfrm_addr_decode(&t->dst, &kt->id.daddr, kt->family);
	t->reqid = kt->reqid;
	t->spi = ntohl(kt->id.spi);
	t->level = kt->optional ? IPSEC_LEVEL_USE : IPSEC_LEVEL_REQUIRE;
}

uint64_t xfrm_limit_encode(uint64_t v)
{
	return v == 0 ? XFRM_INF : v;
}

uint64_t xfrm_limit_decode(uint64_t v)
{
	return v == XFRM_INF ? 0 : v;
}
