/* Home registrations on the HA: checks of a Binding Update in the order of
 * RFC 6275 9.5.1 and 10.3.1/10.3.2 (and RFC 3963 6.1-6.2 for mobile
 * routers), the DAD step of a new binding, lifetimes, and the BA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/ha/ha_int.h"

void ha_link_local(struct ip_addr *ll, const struct ip_addr *hoa)
{
	memset(ll, 0, sizeof(*ll));
	ll->family = AF_INET6;
	ll->u.bytes[0] = 0xfe;
	ll->u.bytes[1] = 0x80;
	memcpy(ll->u.bytes + 8, hoa->u.bytes + 8, 8);
}

static void on_expire(struct bcache *bc, struct bce *e, void *arg)
{
	struct ha *ha = arg;

	/* A pending DAD the daemon never answered: drop the binding, the MN
	 * retransmits.  A bound one: its lifetime ended. */
	if (e->state == BCE_BOUND) {
		ha_binding_teardown(ha, e);
		ha->stats.expired++;
	}
	bcache_del(bc, e);
}

int ha_init(struct ha *ha, struct timerq *tq, const struct ha_config *cfg,
	    const struct ha_ops *ops, void *ctx)
{
	int rc;

	memset(ha, 0, sizeof(*ha));
	if (!cfg->conf || !ops->apply || !ops->send_ba)
		return -EINVAL;
	ha->tq = tq;
	ha->conf = cfg->conf;
	ha->ops = ops;
	ha->ctx = ctx;
	ha->plan = malloc(sizeof(*ha->plan));
	ha->acl = calloc(1, sizeof(*ha->acl));
	ha->sets = calloc(1, sizeof(*ha->sets));
	if (cfg->n_home_prefixes)
		ha->home_prefixes = malloc(cfg->n_home_prefixes * sizeof(*ha->home_prefixes));
	if (!ha->plan || !ha->acl || !ha->sets || (cfg->n_home_prefixes && !ha->home_prefixes)) {
		rc = -ENOMEM;
		goto fail;
	}
	if (cfg->n_home_prefixes)
		memcpy(ha->home_prefixes, cfg->home_prefixes,
		       cfg->n_home_prefixes * sizeof(*ha->home_prefixes));
	ha->n_home_prefixes = cfg->n_home_prefixes;
	rc = ha_acl_build(ha->acl, cfg->conf->acls);
	if (!rc && cfg->conf->use_mnha_ipsec)
		rc = ha_sets_build(ha->sets, cfg->conf->ipsec_sets);
	if (!rc)
		rc = bcache_init(&ha->bc, tq, cfg->hash_key, on_expire, ha);
	if (!rc)
		return 0;
fail:
	if (ha->acl)
		ha_acl_free(ha->acl);
	if (ha->sets)
		ha_sets_free(ha->sets);
	free(ha->acl);
	free(ha->sets);
	free(ha->plan);
	free(ha->home_prefixes);
	memset(ha, 0, sizeof(*ha));
	return rc;
}

void ha_destroy(struct ha *ha)
{
	bcache_destroy(&ha->bc);
	ha_acl_free(ha->acl);
	ha_sets_free(ha->sets);
	free(ha->acl);
	free(ha->sets);
	free(ha->plan);
	free(ha->home_prefixes);
	memset(ha, 0, sizeof(*ha));
}

void ha_flush(struct ha *ha)
{
	struct bcache *bc = &ha->bc;

	while (bc->count) {
		for (size_t i = 0; i < bc->nbuckets; i++) {
			size_t resizes = bc->resizes;

			while (bc->buckets[i] && resizes == bc->resizes) {
				struct bce *e = bc->buckets[i];

				if (e->state == BCE_BOUND)
					ha_binding_teardown(ha, e);
				bcache_del(bc, e);
			}
			if (resizes != bc->resizes)
				break;  /* the table shrank: scan it again */
		}
	}
}

int ha_remove(struct ha *ha, const struct ip_addr *hoa)
{
	struct bce *e = bcache_get(&ha->bc, hoa);

	if (!e)
		return -ENOENT;
	if (e->state == BCE_BOUND)
		ha_binding_teardown(ha, e);
	bcache_del(&ha->bc, e);
	return 0;
}

/* RFC 6275 9.5.1: the care-of address must be a unicast routable address;
 * a BU with another one is silently discarded. */
static bool coa_usable(const struct ip_addr *a)
{
	const struct in6_addr *v = &a->u.v6;

	return a->family == AF_INET6 && !IN6_IS_ADDR_UNSPECIFIED(v) && !IN6_IS_ADDR_LOOPBACK(v) &&
	       !IN6_IS_ADDR_MULTICAST(v) && !IN6_IS_ADDR_LINKLOCAL(v) && !IN6_IS_ADDR_V4MAPPED(v);
}

/* RFC 6275 10.3.1: the HoA must be on-link for one of the home link's
 * prefixes.  A mobile router's may also be in a prefix this HA serves to
 * mobile routers (HaServedPrefix, as UMIP: for R registrations only). */
static bool serves(const struct ha *ha, const struct ip_addr *hoa, bool router)
{
	for (size_t i = 0; i < ha->n_home_prefixes; i++)
		if (prefix_contains(&ha->home_prefixes[i], hoa))
			return true;
	if (!router)
		return false;
	for (const struct conf_prefix *p = ha->conf->ha_served_prefixes; p; p = p->next)
		if (prefix_contains(&p->prefix, hoa))
			return true;
	return false;
}

static void send_ba(struct ha *ha, const struct ip_addr *src, const struct ip_addr *dst,
		    const struct ip_addr *hoa, unsigned status, uint16_t seq, uint16_t lifetime,
		    uint8_t flags, bool ack)
{
	struct ha_ba ba;

	if (ba_status_accepted(status))
		ha->stats.accepted++;
	else
		ha->stats.rejected++;
	/* RFC 6275 9.5.4: a rejection is always answered, an acceptance
	 * when the A bit asked for it. */
	if (ba_status_accepted(status) && !ack)
		return;
	memset(&ba, 0, sizeof(ba));
	ba.src = *src;
	ba.dst = *dst;
	ba.hoa = *hoa;
	ba.status = (uint8_t)status;
	ba.seq = seq;
	ba.lifetime = ba_status_accepted(status) ? lifetime : 0;
	ba.flags = flags;
	ha->ops->send_ba(ha->ctx, &ba);
}

static int reject(struct ha *ha, const struct ha_bu *bu, unsigned status, uint16_t seq)
{
	send_ba(ha, &bu->dst, &bu->src, &bu->hoa, status, seq, 0, 0, true);
	return 0;
}

static bool mnp_valid(const struct ip_prefix *p)
{
	const struct in6_addr *v = &p->addr.u.v6;

	return p->addr.family == AF_INET6 && p->len > 0 && p->len <= 128 &&
	       !IN6_IS_ADDR_UNSPECIFIED(v) && !IN6_IS_ADDR_LOOPBACK(v) &&
	       !IN6_IS_ADDR_MULTICAST(v) && !IN6_IS_ADDR_LINKLOCAL(v);
}

static bool mnp_authorized(const struct conf_acl *acl, const struct ip_prefix *p)
{
	if (!acl)
		return false;
	for (const struct conf_prefix *a = acl->mnps; a; a = a->next)
		if (p->len >= a->prefix.len && prefix_contains(&a->prefix, &p->addr))
			return true;
	return false;
}

/* RFC 3963 6.1-6.2: the prefixes of a mobile router.  Explicit mode: the
 * BU's prefixes, each valid (141) and authorised by BindingAclPolicy
 * (142).  Implicit mode (none in the BU): those of the ACL, if any (143).
 * Returns a status; the prefixes to bind are copied to out. */
static unsigned mr_prefixes(const struct ha_bu *bu, const struct conf_acl *acl,
			    struct ip_prefix *out, size_t *n)
{
	*n = 0;
	if (bu->n_mnps > HA_MAX_MNPS)
		return BAS_INSUFFICIENT;
	for (size_t i = 0; i < bu->n_mnps; i++) {
		if (!mnp_valid(&bu->mnps[i]))
			return BAS_INVALID_PREFIX;
		if (!mnp_authorized(acl, &bu->mnps[i]))
			return BAS_PREFIX_NOT_AUTH;
		out[(*n)++] = bu->mnps[i];
	}
	if (bu->n_mnps)
		return BAS_ACCEPTED;
	for (const struct conf_prefix *a = acl ? acl->mnps : NULL; a; a = a->next) {
		if (*n >= HA_MAX_MNPS)
			return BAS_INSUFFICIENT;
		out[(*n)++] = a->prefix;
	}
	return *n ? BAS_ACCEPTED : BAS_FWD_SETUP_FAILED;
}

static uint16_t grant(const struct ha *ha, uint16_t units)
{
	uint32_t s = (uint32_t)units * 4u;

	if (s > ha->conf->ha_max_binding_life)
		s = ha->conf->ha_max_binding_life;
	s /= 4u;
	return (uint16_t)(s ? s : 1u);
}

static uint8_t ba_flags(const struct bce *e)
{
	return (uint8_t)(((e->flags & BU_FLAG_K) ? BA_FLAG_K : 0) |
			 ((e->flags & BU_FLAG_R) ? BA_FLAG_R : 0));
}

static unsigned acl_status(const struct ha *ha, const struct conf_acl *acl)
{
	return acl ? acl->status : ha->conf->default_acl_status;
}

/* Arms the lifetime and answers an accepted registration.  RFC 6275
 * 9.5.4: the BA goes to the BU's source address (dst). */
static void bound(struct ha *ha, struct bce *e, unsigned status, const struct ip_addr *dst)
{
	e->state = BCE_BOUND;
	e->expires = timerq_now(ha->tq) + (uint64_t)e->lifetime * 1000u;
	bcache_arm(&ha->bc, e, e->expires);
	send_ba(ha, &e->ha, dst, &e->hoa, status, e->seq, (uint16_t)(e->lifetime / 4u),
		ba_flags(e), e->flags & BU_FLAG_A);
}

static void fill_bind(struct ha_bind *nb, const struct bce *e)
{
	nb->hoa = e->hoa;
	nb->ha = e->ha;
	nb->coa = e->coa;
	nb->mnps = e->mnps;
	nb->n_mnps = e->n_mnps;
	nb->flags = e->flags;
}

/* A new binding whose DAD passed (or needs none): kernel state, then BA
 * to dst (after DAD: the CoA; the BU's source is not kept). */
static void activate(struct ha *ha, struct bce *e, const struct ip_addr *dst)
{
	struct ha_bind nb;
	unsigned status = acl_status(ha, ha_acl_find(ha->acl, &e->hoa));

	fill_bind(&nb, e);
	if (ha_binding_install(ha, &nb)) {
		struct ip_addr ha_addr = e->ha, to = *dst, hoa = e->hoa;
		uint16_t seq = e->seq;

		bcache_del(&ha->bc, e);
		send_ba(ha, &ha_addr, &to, &hoa, BAS_INSUFFICIENT, seq, 0, 0, true);
		return;
	}
	bound(ha, e, status, dst);
}

int ha_dad_done(struct ha *ha, const struct ip_addr *hoa, bool ok)
{
	struct bce *e = bcache_get(&ha->bc, hoa);

	if (!e || e->state != BCE_DAD)
		return -ENOENT;
	timer_cancel(&e->timer);
	if (ok) {
		struct ip_addr coa = e->coa;

		activate(ha, e, &coa);
	} else {
		struct ip_addr ha_addr = e->ha, coa = e->coa;
		uint16_t seq = e->seq;

		bcache_del(&ha->bc, e);
		send_ba(ha, &ha_addr, &coa, hoa, BAS_DAD_FAILED, seq, 0, 0, true);
	}
	return 0;
}

/* The registration fields of e from an accepted BU. */
static int take_bu(struct ha *ha, struct bce *e, const struct ha_bu *bu,
		   const struct ip_addr *coa, const struct ip_prefix *mnps, size_t n)
{
	int rc = bcache_set_mnps(&ha->bc, e, mnps, n);

	if (rc)
		return rc;
	e->coa = *coa;
	e->ha = bu->dst;
	e->seq = bu->seq;
	e->flags = bu->flags;
	if (!ha->conf->keymng_mob_capability)
		e->flags &= (uint8_t)~BU_FLAG_K;
	e->lifetime = (uint32_t)grant(ha, bu->lifetime) * 4u;
	return 0;
}

static int deregister(struct ha *ha, struct bce *e, const struct ha_bu *bu)
{
	/* RFC 6275 10.3.2: no home registration to remove -> 133. */
	if (!e)
		return reject(ha, bu, BAS_NOT_HA_FOR_MN, bu->seq);
	if (e->state == BCE_BOUND)
		ha_binding_teardown(ha, e);
	bcache_del(&ha->bc, e);
	send_ba(ha, &bu->dst, &bu->src, &bu->hoa, BAS_ACCEPTED, bu->seq, 0,
		(bu->flags & BU_FLAG_K) && ha->conf->keymng_mob_capability ? BA_FLAG_K : 0,
		bu->flags & BU_FLAG_A);
	return 0;
}

int ha_process_bu(struct ha *ha, const struct ha_bu *bu)
{
	const struct ip_addr *coa = bu->alt_coa.family != AF_UNSPEC ? &bu->alt_coa : &bu->src;
	struct ip_prefix mnps[HA_MAX_MNPS];
	const struct conf_acl *acl;
	struct ha_bind nb;
	struct bce *e;
	size_t n_mnps = 0;
	unsigned status;
	bool dereg;

	ha->stats.bu++;
	if (!(bu->flags & BU_FLAG_H))
		return -EOPNOTSUPP;
	if (ha->conf->node_type != NODE_HA)
		return reject(ha, bu, BAS_HOMEREG_NOT_SUPP, bu->seq);
	dereg = bu->lifetime == 0 || addr_eq(coa, &bu->hoa);
	if (!dereg && !coa_usable(coa)) {
		ha->stats.dropped++;
		return -EINVAL;
	}
	/* A care-of address that is itself a bound home address would loop. */
	if (!dereg && bcache_get(&ha->bc, coa)) {
		ha->stats.dropped++;
		return -ELOOP;
	}
	if (!serves(ha, &bu->hoa, bu->flags & BU_FLAG_R))
		return reject(ha, bu, BAS_NOT_HOME_SUBNET, bu->seq);

	e = bcache_get(&ha->bc, &bu->hoa);
	if (e && e->state == BCE_DAD) {
		/* Only a newer BU replaces the one waiting for DAD; the BA
		 * will carry its sequence number, the one the MN waits for. */
		if (!mip6_seq_after(bu->seq, e->seq)) {
			ha->stats.dropped++;
			return -EBUSY;
		}
	} else if (e) {
		if (!mip6_seq_after(bu->seq, e->seq))
			return reject(ha, bu, BAS_SEQ_OUT_OF_WINDOW, e->seq);
		if ((e->flags ^ bu->flags) & BU_FLAG_R)
			return reject(ha, bu, BAS_REG_TYPE_CHANGE, bu->seq);
	}
	if (dereg)
		return deregister(ha, e, bu);

	acl = ha_acl_find(ha->acl, &bu->hoa);
	status = acl_status(ha, acl);
	if (!ba_status_accepted(status))
		return reject(ha, bu, status, bu->seq);
	if (bu->flags & BU_FLAG_R) {
		unsigned st;

		if (!ha->conf->ha_accept_mob_rtr)
			return reject(ha, bu, BAS_MR_NOT_PERMITTED, bu->seq);
		st = mr_prefixes(bu, acl, mnps, &n_mnps);
		if (!ba_status_accepted(st))
			return reject(ha, bu, st, bu->seq);
	}

	if (!e) {
		if (bcache_add(&ha->bc, &bu->hoa, &e))
			return reject(ha, bu, BAS_INSUFFICIENT, bu->seq);
		if (take_bu(ha, e, bu, coa, mnps, n_mnps)) {
			bcache_del(&ha->bc, e);
			return reject(ha, bu, BAS_INSUFFICIENT, bu->seq);
		}
		if (!ha->ops->start_dad) {
			activate(ha, e, &bu->src);
			return 0;
		}
		bcache_arm(&ha->bc, e, timerq_now(ha->tq) + HA_DAD_GUARD_MS);
		ha->ops->start_dad(ha->ctx, e, bu->flags & BU_FLAG_L);
		return 0;
	}
	if (e->state == BCE_DAD) {
		if (take_bu(ha, e, bu, coa, mnps, n_mnps))
			return reject(ha, bu, BAS_INSUFFICIENT, bu->seq);
		return 0;
	}

	nb.hoa = bu->hoa;
	nb.ha = bu->dst;
	nb.coa = *coa;
	nb.mnps = mnps;
	nb.n_mnps = n_mnps;
	nb.flags = bu->flags;
	if (ha_binding_update(ha, e, &nb))
		return reject(ha, bu, BAS_INSUFFICIENT, bu->seq);
	if (take_bu(ha, e, bu, coa, mnps, n_mnps)) {
		/* The kernel has the new state but the entry cannot record it:
		 * remove the binding; the MN's retry installs it afresh. */
		e->coa = *coa;
		ha_binding_teardown(ha, e);
		bcache_del(&ha->bc, e);
		return reject(ha, bu, BAS_INSUFFICIENT, bu->seq);
	}
	bound(ha, e, status, &bu->src);
	return 0;
}
