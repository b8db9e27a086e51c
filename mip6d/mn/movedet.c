/* Movement detection from Router Advertisements: see movedet.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/mn/movedet.h"

static void emit(struct md_actions *out, enum md_act_type type, int ifindex,
		 const struct ip_addr *router, const struct ip_prefix *pfx)
{
	struct md_action *a;

	if (out->n >= MD_MAX_ACTIONS)
		return;
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	a->ifindex = ifindex;
	if (router)
		a->router = *router;
	if (pfx)
		a->prefix = *pfx;
}

void md_init(struct md *m, const struct md_params *p)
{
	memset(m, 0, sizeof(*m));
	m->p = *p;
	prefix_mask(&m->p.home_prefix);
	if (m->p.probe_timeout_ms == 0)
		m->p.probes = 0;
	if (m->p.dna_timeout_ms == 0)
		m->p.dna_timeout_ms = MD_DEFAULT_PROBE_TIMEOUT_MS;
}

static int router_find(const struct md *m, int ifindex, const struct ip_addr *a)
{
	for (int i = 0; i < MD_MAX_ROUTERS; i++)
		if (m->r[i].used && m->r[i].ifindex == ifindex && addr_eq(&m->r[i].addr, a))
			return i;
	return -1;
}

static int prefix_find(const struct md *m, int ifindex, const struct ip_prefix *p)
{
	for (int i = 0; i < MD_MAX_PREFIXES; i++)
		if (m->x[i].used && m->x[i].ifindex == ifindex && prefix_cmp(&m->x[i].pfx, p) == 0)
			return i;
	return -1;
}

static void prefix_drop(struct md *m, int i, struct md_actions *out)
{
	struct md_prefix *x = &m->x[i];

	emit(out, x->home ? MD_HOME_OFF : MD_COA_DEL, x->ifindex, NULL, &x->pfx);
	x->used = false;
}

/* The router is gone: its default route, and the prefixes it was the last
 * to advertise. */
static void router_drop(struct md *m, int i, struct md_actions *out)
{
	struct md_router *r = &m->r[i];

	if (r->is_default)
		emit(out, MD_ROUTE_DEL, r->ifindex, &r->addr, NULL);
	for (int j = 0; j < MD_MAX_PREFIXES; j++)
		if (m->x[j].used && m->x[j].router == i)
			prefix_drop(m, j, out);
	r->used = false;
}

static void reachability_arm(struct md_router *r, uint64_t now)
{
	r->probes_sent = 0;
	r->check_at = r->adv_interval_ms ? now + r->adv_interval_ms * 3ull / 2 : 0;
}

static bool prefix_usable(const struct nd_prefix *p)
{
	const uint8_t *b = p->prefix.s6_addr;

	if (!(p->flags & ND_PFX_F_A) || p->plen != 128 - MD_IID_BITS)
		return false;
	if (b[0] == 0xff || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
		return false;
	return p->preferred <= p->valid;
}

static uint64_t lifetime_end(uint32_t s, uint64_t now)
{
	return s == MD_INFINITE ? UINT64_MAX : now + (uint64_t)s * 1000u;
}

/* RFC 4862 5.5.3 e): a received valid lifetime replaces the remaining one
 * when above two hours or above what remains; otherwise the remaining one
 * is cut to two hours at most. */
static uint64_t valid_update(uint64_t end, uint32_t valid, uint64_t now)
{
	uint64_t rx = lifetime_end(valid, now), two = now + MD_TWO_HOURS_S * 1000ull;

	if (valid > MD_TWO_HOURS_S || rx > end)
		return rx;
	if (end <= two)
		return end;
	return two;
}

static void prefix_rx(struct md *m, const struct md_rx *rx, int ri, const struct nd_prefix *p,
		      uint64_t now, struct md_actions *out)
{
	struct ip_prefix pfx;
	bool home;
	int i;

	if (!prefix_usable(p)) {
		m->st.pfx_ignored++;
		return;
	}
	memset(&pfx, 0, sizeof(pfx));
	addr_from_v6(&pfx.addr, &p->prefix);
	pfx.len = p->plen;
	prefix_mask(&pfx);
	home = m->p.home_prefix.addr.family == AF_INET6 && prefix_cmp(&pfx, &m->p.home_prefix) == 0;
	if (home && rx->ifindex != m->p.home_ifindex) {
		m->st.pfx_ignored++;
		return;
	}
	i = prefix_find(m, rx->ifindex, &pfx);
	if (i >= 0) {
		m->x[i].router = ri;
		m->x[i].valid_end = valid_update(m->x[i].valid_end, p->valid, now);
		if (m->x[i].valid_end <= now)
			prefix_drop(m, i, out);
		return;
	}
	if (p->valid == 0)
		return;
	for (i = 0; i < MD_MAX_PREFIXES && m->x[i].used; i++)
		;
	if (i == MD_MAX_PREFIXES) {
		m->st.table_full++;
		return;
	}
	m->x[i] = (struct md_prefix){ .used = true, .home = home, .ifindex = rx->ifindex,
				      .router = ri, .pfx = pfx,
				      .valid_end = lifetime_end(p->valid, now) };
	emit(out, home ? MD_HOME_ON : MD_COA_ADD, rx->ifindex, NULL, &pfx);
	if (!home && out->n > 0) {
		out->a[out->n - 1].valid_s = p->valid;
		out->a[out->n - 1].preferred_s = p->preferred;
	}
}

static struct md_memo *memo_find(struct md *m, int ifindex)
{
	for (int i = 0; i < MD_MAX_MEMO; i++)
		if (m->memo[i].used && m->memo[i].ifindex == ifindex)
			return &m->memo[i];
	return NULL;
}

/* An RA ends a pending check of a known link: the remembered prefixes it
 * does not carry are withdrawn, the others follow the RA. */
static void memo_by_ra(struct md *m, int ifindex, const struct nd_ra *ra, struct md_actions *out)
{
	struct md_memo *o = memo_find(m, ifindex);

	if (!o || !o->pending)
		return;
	for (size_t k = 0; k < o->n; k++) {
		bool seen = false;

		for (unsigned i = 0; i < ra->opts.n_prefix && i < ND_PREFIX_MAX; i++) {
			const struct nd_prefix *p = &ra->opts.prefix[i];
			struct ip_prefix q;

			memset(&q, 0, sizeof(q));
			addr_from_v6(&q.addr, &p->prefix);
			q.len = p->plen;
			prefix_mask(&q);
			seen = seen || (prefix_usable(p) && p->valid && prefix_cmp(&q, &o->pfx[k]) == 0);
		}
		if (!seen)
			emit(out, MD_DNA_FAIL, ifindex, NULL, &o->pfx[k]);
	}
	o->pending = false;
	o->used = false;
}

int md_ra(struct md *m, const struct md_rx *rx, int parse_rc, const struct nd_ra *ra,
	  uint64_t now, struct md_actions *out)
{
	struct md_router *r;
	int ri;

	if (!rx->configured) {
		m->st.not_configured++;
		return -ENODEV;
	}
	if (rx->hoplimit != 255) {
		m->st.bad_hoplimit++;
		return -EPERM;
	}
	if (rx->src.family != AF_INET6 || !IN6_IS_ADDR_LINKLOCAL(&rx->src.u.v6)) {
		m->st.bad_src++;
		return -EPERM;
	}
	if (parse_rc < 0) {
		m->st.bad_format++;
		return -EBADMSG;
	}
	m->st.ra++;
	memo_by_ra(m, rx->ifindex, ra, out);
	ri = router_find(m, rx->ifindex, &rx->src);
	if (ri < 0) {
		for (ri = 0; ri < MD_MAX_ROUTERS && m->r[ri].used; ri++)
			;
		if (ri == MD_MAX_ROUTERS) {
			m->st.table_full++;
			return 0;
		}
		m->r[ri] = (struct md_router){ .used = true, .ifindex = rx->ifindex,
					       .addr = rx->src };
	}
	r = &m->r[ri];
	r->home_agent = (ra->flags & ND_RA_F_H) != 0;
	r->adv_interval_ms = ra->opts.has_adv_interval ? ra->opts.adv_interval_ms : 0;
	reachability_arm(r, now);
	if (ra->router_lifetime) {
		if (!r->is_default)
			emit(out, MD_ROUTE_ADD, r->ifindex, &r->addr, NULL);
		r->is_default = true;
		r->lifetime_end = now + ra->router_lifetime * 1000ull;
	} else if (r->is_default) {
		emit(out, MD_ROUTE_DEL, r->ifindex, &r->addr, NULL);
		r->is_default = false;
	}
	for (unsigned i = 0; i < ra->opts.n_prefix && i < ND_PREFIX_MAX; i++)
		prefix_rx(m, rx, ri, &ra->opts.prefix[i], now, out);
	return 0;
}

static void memo_fail(struct md_memo *o, struct md_actions *out)
{
	for (size_t i = 0; i < o->n; i++)
		emit(out, MD_DNA_FAIL, o->ifindex, NULL, &o->pfx[i]);
	o->pending = false;
}

/* What the link offers, for when it comes back: its first default
 * router and the care-of prefixes still valid. */
static void memo_save(struct md *m, int ifindex, uint64_t now)
{
	struct md_memo *o;
	int ri;

	for (ri = 0; ri < MD_MAX_ROUTERS; ri++)
		if (m->r[ri].used && m->r[ri].ifindex == ifindex && m->r[ri].is_default &&
		    m->r[ri].lifetime_end > now)
			break;
	if (ri == MD_MAX_ROUTERS)
		return;
	o = memo_find(m, ifindex);
	for (int i = 0; !o && i < MD_MAX_MEMO; i++)
		if (!m->memo[i].used)
			o = &m->memo[i];
	if (!o)
		o = &m->memo[(unsigned)ifindex % MD_MAX_MEMO];
	memset(o, 0, sizeof(*o));
	o->ifindex = ifindex;
	o->router = m->r[ri].addr;
	o->router_lifetime_s = (uint16_t)((m->r[ri].lifetime_end - now) / 1000u);
	o->adv_interval_ms = m->r[ri].adv_interval_ms;
	for (int i = 0; i < MD_MAX_PREFIXES && o->n < MD_MEMO_PREFIXES; i++) {
		const struct md_prefix *x = &m->x[i];

		if (x->used && x->ifindex == ifindex && !x->home && x->valid_end > now) {
			o->pfx[o->n] = x->pfx;
			o->valid_end[o->n++] = x->valid_end;
		}
	}
	o->used = o->n > 0;
}

/* The router's NA: this is the link it was; its router and prefixes
 * again, as an RA would give them. */
static void memo_confirm(struct md *m, struct md_memo *o, uint64_t now, struct md_actions *out)
{
	struct md_router *r;
	int ri;

	o->pending = false;
	o->used = false;
	m->st.dna_ok++;
	ri = router_find(m, o->ifindex, &o->router);
	for (int i = 0; ri < 0 && i < MD_MAX_ROUTERS; i++)
		if (!m->r[i].used)
			ri = i;
	if (ri < 0) {
		m->st.table_full++;
		return;
	}
	r = &m->r[ri];
	if (!r->used)
		*r = (struct md_router){ .used = true, .ifindex = o->ifindex, .addr = o->router };
	r->adv_interval_ms = o->adv_interval_ms;
	reachability_arm(r, now);
	if (o->router_lifetime_s && !r->is_default) {
		r->is_default = true;
		r->lifetime_end = now + o->router_lifetime_s * 1000ull;
		emit(out, MD_ROUTE_ADD, r->ifindex, &r->addr, NULL);
	}
	for (size_t k = 0; k < o->n; k++) {
		int i;

		if (o->valid_end[k] <= now || prefix_find(m, o->ifindex, &o->pfx[k]) >= 0)
			continue;
		for (i = 0; i < MD_MAX_PREFIXES && m->x[i].used; i++)
			;
		if (i == MD_MAX_PREFIXES) {
			m->st.table_full++;
			continue;
		}
		m->x[i] = (struct md_prefix){ .used = true, .ifindex = o->ifindex, .router = ri,
					      .pfx = o->pfx[k], .valid_end = o->valid_end[k] };
		emit(out, MD_COA_ADD, o->ifindex, NULL, &o->pfx[k]);
		if (out->n > 0) {
			uint64_t left = (o->valid_end[k] - now) / 1000u;

			out->a[out->n - 1].valid_s = left > UINT32_MAX - 1 ? MD_INFINITE : (uint32_t)left;
			out->a[out->n - 1].preferred_s = out->a[out->n - 1].valid_s;
		}
	}
}

void md_na(struct md *m, int ifindex, const struct ip_addr *addr, uint64_t now,
	   struct md_actions *out)
{
	struct md_memo *o = memo_find(m, ifindex);
	int i = router_find(m, ifindex, addr);

	if (o && o->pending && addr_eq(&o->router, addr))
		memo_confirm(m, o, now, out);
	else if (i >= 0 && m->r[i].probes_sent)
		reachability_arm(&m->r[i], now);
}

void md_link_up(struct md *m, int ifindex, uint64_t now, struct md_actions *out)
{
	struct md_memo *o = memo_find(m, ifindex);

	if (!m->p.dna || !o || o->pending)
		return;
	for (size_t i = 0; i < o->n; i++)
		emit(out, MD_DNA_ADDR, ifindex, &o->router, &o->pfx[i]);
	emit(out, MD_DNA_PROBE, ifindex, &o->router, &o->pfx[0]);
	o->pending = true;
	o->deadline = now + m->p.dna_timeout_ms;
}

void md_link_down(struct md *m, int ifindex, uint64_t now, struct md_actions *out)
{
	struct md_memo *o = memo_find(m, ifindex);

	if (o && o->pending)
		memo_fail(o, out);
	memo_save(m, ifindex, now);
	for (int i = 0; i < MD_MAX_ROUTERS; i++)
		if (m->r[i].used && m->r[i].ifindex == ifindex)
			router_drop(m, i, out);
	for (int i = 0; i < MD_MAX_PREFIXES; i++)
		if (m->x[i].used && m->x[i].ifindex == ifindex)
			prefix_drop(m, i, out);
}

static void router_check(struct md *m, int i, uint64_t now, struct md_actions *out)
{
	struct md_router *r = &m->r[i];

	if (m->p.probes == 0) {
		/* 1.5 intervals silent: wait until 3. */
		if (r->probes_sent == 0) {
			r->probes_sent = 1;
			r->check_at = now + r->adv_interval_ms * 3ull / 2;
			return;
		}
	} else if (r->probes_sent < m->p.probes) {
		r->probes_sent++;
		r->check_at = now + m->p.probe_timeout_ms;
		m->st.probes++;
		emit(out, MD_PROBE, r->ifindex, &r->addr, NULL);
		return;
	}
	m->st.routers_lost++;
	router_drop(m, i, out);
}

void md_tick(struct md *m, uint64_t now, struct md_actions *out)
{
	for (int i = 0; i < MD_MAX_MEMO; i++)
		if (m->memo[i].used && m->memo[i].pending && m->memo[i].deadline <= now) {
			m->st.dna_fail++;
			memo_fail(&m->memo[i], out);
		}
	for (int i = 0; i < MD_MAX_PREFIXES; i++)
		if (m->x[i].used && m->x[i].valid_end <= now)
			prefix_drop(m, i, out);
	for (int i = 0; i < MD_MAX_ROUTERS; i++) {
		struct md_router *r = &m->r[i];

		if (!r->used)
			continue;
		if (r->is_default && r->lifetime_end <= now) {
			emit(out, MD_ROUTE_DEL, r->ifindex, &r->addr, NULL);
			r->is_default = false;
		}
		if (r->check_at && r->check_at <= now)
			router_check(m, i, now, out);
	}
}

bool md_next(const struct md *m, uint64_t *when)
{
	uint64_t t = UINT64_MAX;

	for (int i = 0; i < MD_MAX_MEMO; i++)
		if (m->memo[i].used && m->memo[i].pending && m->memo[i].deadline < t)
			t = m->memo[i].deadline;
	for (int i = 0; i < MD_MAX_PREFIXES; i++)
		if (m->x[i].used && m->x[i].valid_end < t)
			t = m->x[i].valid_end;
	for (int i = 0; i < MD_MAX_ROUTERS; i++) {
		const struct md_router *r = &m->r[i];

		if (!r->used)
			continue;
		if (r->is_default && r->lifetime_end < t)
			t = r->lifetime_end;
		if (r->check_at && r->check_at < t)
			t = r->check_at;
	}
	*when = t;
	return t != UINT64_MAX;
}

bool md_has_router(const struct md *m, int ifindex)
{
	for (int i = 0; i < MD_MAX_ROUTERS; i++)
		if (m->r[i].used && m->r[i].ifindex == ifindex && m->r[i].is_default)
			return true;
	return false;
}

int md_coa(const struct ip_prefix *pfx, const uint8_t *lladdr, size_t lllen,
	   struct ip_prefix *out)
{
	uint8_t *iid;

	if (pfx->addr.family != AF_INET6 || pfx->len != 128 - MD_IID_BITS || !lladdr)
		return -EINVAL;
	*out = *pfx;
	prefix_mask(out);
	iid = out->addr.u.v6.s6_addr + 8;
	if (lllen == 6) {
		iid[0] = lladdr[0];
		iid[1] = lladdr[1];
		iid[2] = lladdr[2];
		iid[3] = 0xff;
		iid[4] = 0xfe;
		iid[5] = lladdr[3];
		iid[6] = lladdr[4];
		iid[7] = lladdr[5];
	} else if (lllen == 8) {
		memcpy(iid, lladdr, 8);
	} else {
		return -EINVAL;
	}
	iid[0] ^= 0x02;                 /* the universal/local bit, inverted */
	return 0;
}
