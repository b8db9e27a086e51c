/* Home Agents List and Home-Agents anycast address: see halist.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/ha/halist.h"

#define HAL_ANYCAST_ID 0x7eu            /* RFC 2526: Home-Agents anycast */

void halist_init(struct halist *l)
{
	memset(l, 0, sizeof(*l));
}

int halist_add_self(struct halist *l, const struct ip_addr *addr)
{
	struct hal_entry *e;

	if (addr->family != AF_INET6)
		return -EINVAL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].self) {
			e = &l->v[i];
			for (uint8_t j = 0; j < e->n_addr; j++)
				if (addr_eq(&e->addr[j], addr))
					return 0;
			if (e->n_addr >= HAL_ADDR_MAX)
				return -ENOSPC;
			e->addr[e->n_addr++] = *addr;
			return 0;
		}
	if (l->n >= HAL_MAX)
		return -ENOSPC;
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->self = true;
	e->addr[0] = *addr;
	e->n_addr = 1;
	return 0;
}

static void drop(struct halist *l, size_t i)
{
	l->v[i] = l->v[--l->n];
}

static bool has_addr(const struct hal_entry *e, const struct in6_addr *a)
{
	for (uint8_t j = 0; j < e->n_addr; j++)
		if (!memcmp(&e->addr[j].u.v6, a, sizeof(*a)))
			return true;
	return false;
}

static bool global_unicast(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_MULTICAST(a) && !IN6_IS_ADDR_LINKLOCAL(a) && !IN6_IS_ADDR_V4MAPPED(a);
}

int halist_ra(struct halist *l, const struct ip_addr *src, const struct nd_ra *ra, uint64_t now,
	      struct hal_stats *st)
{
	struct in6_addr g[HAL_ADDR_MAX];
	uint8_t ng = 0;
	int16_t pref = 0;
	uint32_t life = ra->router_lifetime;
	struct hal_entry *e = NULL;

	st->ra++;
	if (!(ra->flags & ND_RA_F_H)) {
		st->ra_not_ha++;
		return -EPROTO;
	}
	if (src->family != AF_INET6 || !IN6_IS_ADDR_LINKLOCAL(&src->u.v6)) {
		st->ra_bad++;
		return -EINVAL;
	}
	for (uint8_t i = 0; i < ra->opts.n_prefix && ng < HAL_ADDR_MAX; i++) {
		const struct nd_prefix *p = &ra->opts.prefix[i];

		if ((p->flags & ND_PFX_F_R) && global_unicast(&p->prefix))
			g[ng++] = p->prefix;
	}
	if (ra->opts.has_ha_info) {
		pref = ra->opts.ha_preference;
		life = ra->opts.ha_lifetime;
	}
	/* Our own advertisement: only the preference is taken. */
	for (size_t i = 0; i < l->n; i++)
		for (uint8_t j = 0; j < ng; j++)
			if (l->v[i].self && has_addr(&l->v[i], &g[j])) {
				l->v[i].pref = pref;
				return 0;
			}
	for (size_t i = 0; i < l->n && !e; i++)
		if (!l->v[i].self && addr_eq(&l->v[i].ll, src))
			e = &l->v[i];
	if (life == 0) {
		if (e)
			drop(l, (size_t)(e - l->v));
		return 0;
	}
	if (!ng) {
		st->ra_no_addr++;
		return -ENODATA;
	}
	if (!e) {
		if (l->n >= HAL_MAX) {
			l->n_full++;
			return -ENOSPC;
		}
		e = &l->v[l->n++];
		memset(e, 0, sizeof(*e));
		e->ll = *src;
	}
	e->n_addr = ng;
	for (uint8_t j = 0; j < ng; j++) {
		memset(&e->addr[j], 0, sizeof(e->addr[j]));
		e->addr[j].family = AF_INET6;
		e->addr[j].u.v6 = g[j];
	}
	e->pref = pref;
	e->expires = now + (uint64_t)life * 1000u;
	return 0;
}

void halist_expire(struct halist *l, uint64_t now)
{
	size_t i = 0;

	while (i < l->n)
		if (!l->v[i].self && l->v[i].expires <= now)
			drop(l, i);
		else
			i++;
}

static int better(const struct hal_entry *a, const struct hal_entry *b)
{
	if (a->pref != b->pref)
		return a->pref > b->pref ? -1 : 1;
	if (a->self != b->self)
		return a->self ? -1 : 1;        /* never expires: the longest lifetime */
	if (a->expires != b->expires)
		return a->expires > b->expires ? -1 : 1;
	return 0;
}

size_t halist_reply(const struct halist *l, const struct ip_prefix *home, uint64_t now,
		    bool self_only, struct in6_addr *out, size_t max)
{
	const struct hal_entry *order[HAL_MAX];
	size_t n = 0, k = 0;

	for (size_t i = 0; i < l->n; i++)
		if ((l->v[i].self || l->v[i].expires > now) && (!self_only || l->v[i].self))
			order[n++] = &l->v[i];
	/* Insertion sort: stable, and the list is short. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && better(order[j], order[j - 1]) < 0; j--) {
			const struct hal_entry *t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t i = 0; i < n && k < max; i++)
		for (uint8_t j = 0; j < order[i]->n_addr && k < max; j++)
			if (prefix_contains(home, &order[i]->addr[j]))
				out[k++] = order[i]->addr[j].u.v6;
	return k;
}

int ha_anycast(const struct ip_prefix *p, struct ip_addr *out)
{
	uint8_t *b;

	if (p->addr.family != AF_INET6 || p->len > 120)
		return -EINVAL;
	*out = p->addr;
	b = out->u.bytes;
	for (unsigned bit = p->len; bit < 128; bit++)
		b[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
	if (p->len <= 64)
		b[8] &= (uint8_t)~0x02u;        /* universal/local bit: local */
	b[15] = (uint8_t)(0x80u | HAL_ANYCAST_ID);
	return 0;
}
