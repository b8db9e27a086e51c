/* DHAAD and MPS/MPA without I/O: see dhaad.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/daemon/dhaad.h"

static bool global_unicast(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_MULTICAST(a) && !IN6_IS_ADDR_LINKLOCAL(a) &&
	       !IN6_IS_ADDR_V4MAPPED(a);
}

int dhaad_home_of(struct dhaad_home *h, const struct ip_prefix *a, uint32_t valid,
		  uint32_t preferred)
{
	memset(h, 0, sizeof(*h));
	h->prefix = *a;
	prefix_mask(&h->prefix);
	h->self = a->addr;
	h->valid = valid;
	h->preferred = preferred;
	return ha_anycast(&h->prefix, &h->anycast);
}

static int answer_request(const struct mip_icmp *m, const struct ip_addr *src,
			  const struct ip_addr *dst, const struct halist *hal,
			  const struct dhaad_home *homes, size_t n_homes, bool serves_mr,
			  uint64_t now, struct mip_icmp *rep, struct ip_addr *rep_src,
			  struct dhaad_stats *st)
{
	const struct dhaad_home *h = NULL;
	bool mr = m->flags & DHAAD_F_R;

	st->rx_request++;
	for (size_t i = 0; i < n_homes && !h; i++)
		if (addr_eq(&homes[i].anycast, dst))
			h = &homes[i];
	if (!h) {
		st->bad_dst++;
		return -EADDRNOTAVAIL;
	}
	if (src->family != AF_INET6 || !global_unicast(&src->u.v6)) {
		st->bad_src++;
		return -EINVAL;
	}
	memset(rep, 0, sizeof(*rep));
	rep->type = ICMP6_DHAAD_REPLY;
	rep->id = m->id;
	rep->flags = mr ? DHAAD_F_R : 0;
	if (!mr || serves_mr)
		rep->n_addr = (uint8_t)halist_reply(hal, &h->prefix, now, mr, rep->addr,
						    DHAAD_ADDR_MAX);
	*rep_src = h->self;
	st->tx_reply++;
	return 0;
}

static int answer_mps(const struct mip_icmp *m, const struct ip_addr *src,
		      const struct dhaad_home *homes, size_t n_homes, struct mip_icmp *rep,
		      struct ip_addr *rep_src, struct dhaad_stats *st)
{
	st->rx_mps++;
	memset(rep, 0, sizeof(*rep));
	rep->type = ICMP6_MPA;
	rep->id = m->id;
	for (size_t i = 0; i < n_homes && rep->opts.n_prefix < ND_PREFIX_MAX; i++) {
		struct nd_prefix *p;

		if (!prefix_contains(&homes[i].prefix, src))
			continue;
		if (!rep->opts.n_prefix)
			*rep_src = homes[i].self;
		p = &rep->opts.prefix[rep->opts.n_prefix++];
		p->plen = homes[i].prefix.len;
		p->flags = ND_PFX_F_L | ND_PFX_F_A;
		p->valid = homes[i].valid;
		p->preferred = homes[i].preferred;
		p->prefix = homes[i].prefix.addr.u.v6;
	}
	if (!rep->opts.n_prefix) {
		st->bad_src++;
		return -EADDRNOTAVAIL;
	}
	st->tx_mpa++;
	return 0;
}

int dhaad_answer(const uint8_t *buf, size_t len, const struct ip_addr *src,
		 const struct ip_addr *dst, const struct halist *hal, const struct dhaad_home *homes,
		 size_t n_homes, bool serves_mr, uint64_t now, struct mip_icmp *rep,
		 struct ip_addr *rep_src, struct ip_addr *rep_dst, struct dhaad_stats *st)
{
	struct mip_icmp m;
	int r = mip_icmp_parse(&m, buf, len);

	if (r == -EPROTONOSUPPORT || (r == 0 && m.type != ICMP6_DHAAD_REQUEST &&
				      m.type != ICMP6_MPS)) {
		st->other++;
		return -EPROTONOSUPPORT;
	}
	if (r < 0) {
		st->bad_msg++;
		return r;
	}
	*rep_dst = *src;
	if (m.type == ICMP6_MPS)
		return answer_mps(&m, src, homes, n_homes, rep, rep_src, st);
	return answer_request(&m, src, dst, hal, homes, n_homes, serves_mr, now, rep, rep_src,
			      st);
}

int dhaad_take_reply(const uint8_t *buf, size_t len, uint16_t id, struct ip_addr *ha,
		     struct dhaad_stats *st)
{
	struct mip_icmp m;
	int r = mip_icmp_parse(&m, buf, len);

	if (r == -EPROTONOSUPPORT || (r == 0 && m.type != ICMP6_DHAAD_REPLY)) {
		st->other++;
		return -EPROTO;
	}
	if (r < 0) {
		st->bad_msg++;
		return -EBADMSG;
	}
	st->rx_reply++;
	if (m.id != id) {
		st->stale++;
		return -ESTALE;
	}
	for (uint8_t i = 0; i < m.n_addr; i++)
		if (global_unicast(&m.addr[i])) {
			memset(ha, 0, sizeof(*ha));
			ha->family = AF_INET6;
			ha->u.v6 = m.addr[i];
			return 0;
		}
	st->empty++;
	return -ENODATA;
}

uint32_t dhaad_timeout_ms(unsigned tries)
{
	if (tries > DHAAD_RETRIES)
		tries = DHAAD_RETRIES;
	return DHAAD_INITIAL_TIMEOUT_MS << tries;
}
