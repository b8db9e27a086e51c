/* The Mobile Node's home registrations: BU sending, retransmission with
 * back-off, refresh, BA handling, de-registration. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/mn/bul.h"

static uint64_t now(const struct bule *e)
{
	return timerq_now(e->bul->tq);
}

static void event(struct bule *e, enum bul_event ev, unsigned status)
{
	if (e->bul->ops->event)
		e->bul->ops->event(e->bul->ctx, e, ev, status);
}

static uint16_t units(uint32_t seconds)
{
	uint32_t u = seconds / 4u;

	if (u > UINT16_MAX)
		u = UINT16_MAX;
	return (uint16_t)(u ? u : 1u);
}

static bool at_home(const struct bule *e)
{
	return addr_eq(&e->coa, &e->p.hoa);
}

/* Brings the IPsec endpoint to the current CoA (or home). */
static void do_move(struct bule *e)
{
	struct ip_addr to = e->coa;
	int rc;

	if (e->installed.family != AF_UNSPEC && addr_eq(&e->installed, &to)) {
		e->move_pending = false;
		return;
	}
	if (e->installed.family == AF_UNSPEC && at_home(e)) {
		e->move_pending = false;
		return;
	}
	rc = e->bul->ops->move(e->bul->ctx, e, &e->installed, &to);
	e->move_pending = rc != 0;
	if (rc)
		return;
	/* At home nothing stays installed for the binding. */
	if (at_home(e))
		memset(&e->installed, 0, sizeof(e->installed));
	else
		e->installed = to;
}

/* Arms the timer for the next BU at `when`, or earlier at the end of the
 * granted lifetime, so that its expiry is reported when it happens. */
static void arm_retry(struct bule *e, uint64_t when)
{
	uint64_t at = when;

	e->retry_at = when;
	if (e->registered && e->expires > now(e) && e->expires < at)
		at = e->expires;
	timer_arm(e->bul->tq, &e->timer, at);
}

static void send_bu(struct bule *e)
{
	struct bul_bu bu;
	uint64_t t = now(e);
	bool dereg = e->state == BUL_DEREG;

	if (e->move_pending)
		do_move(e);
	memset(&bu, 0, sizeof(bu));
	bu.src = e->coa;
	bu.dst = e->p.ha;
	bu.hoa = e->p.hoa;
	bu.alt_coa = e->coa;
	bu.seq = e->next_seq++;
	bu.flags = e->flags;
	bu.lifetime = dereg ? 0 : units(e->p.lifetime);
	if (e->p.mobile_router && !e->p.implicit_mode && !dereg) {
		bu.mnps = e->mnps;
		bu.n_mnps = e->p.n_mnps;
	}
	e->seq = bu.seq;
	e->lifetime_sent = bu.lifetime;
	e->last_sent = t;
	e->resends++;
	e->unanswered++;
	/* Whatever the HA does with this BU, no binding it creates outlives
	 * its lifetime, counted from now (RFC 6275 11.7.3). */
	if (t + (uint64_t)bu.lifetime * 4000u > e->ha_deadline)
		e->ha_deadline = t + (uint64_t)bu.lifetime * 4000u;
	e->deferred = false;
	e->bul->ops->send_bu(e->bul->ctx, e, &bu);
	arm_retry(e, t + (e->sa_retry ? BUL_MIN_SEND_GAP_MS : e->timeout));
	/* unanswered counts this BU: the max_resends before it had no BA. */
	if (e->p.max_resends && e->unanswered == e->p.max_resends + 1)
		event(e, BUL_EV_NO_RESPONSE, 0);
}

static uint32_t initial_timeout(const struct bule *e)
{
	return e->first_reg ? e->p.timeout_first_ms : e->p.timeout_ms;
}

static uint32_t doubled(uint32_t t)
{
	return t >= BUL_MAX_BINDACK_TIMEOUT_MS / 2 ? BUL_MAX_BINDACK_TIMEOUT_MS : t * 2;
}

/* Starts a registration (or a de-registration) exchange; the IPsec side
 * moves right before the BU (send_bu). */
static void start(struct bule *e, enum bul_state st)
{
	e->move_pending = true;
	e->state = st;
	e->sa_retry = false;
	e->timeout = initial_timeout(e);
	e->resends = 0;
	send_bu(e);
}

/* Sends now, or as soon as the update rate allows (RFC 6275
 * MAX_UPDATE_RATE); the back-off restarts from the initial wait. */
static void send_soon(struct bule *e)
{
	uint64_t t = now(e);

	e->timeout = initial_timeout(e);
	if (e->resends && t < e->last_sent + BUL_MIN_SEND_GAP_MS) {
		e->deferred = true;
		timer_arm(e->bul->tq, &e->timer, e->last_sent + BUL_MIN_SEND_GAP_MS);
		return;
	}
	send_bu(e);
}

static void dereg_done(struct bule *e)
{
	timer_cancel(&e->timer);
	e->state = BUL_HOME;
	e->registered = false;
	e->ha_deadline = 0;
	e->resends = 0;
	event(e, BUL_EV_DEREGISTERED, 0);
}

static void on_timer(struct timer *t, void *arg)
{
	struct bule *e = arg;
	uint64_t tnow = now(e);
	bool quick = e->sa_retry;

	(void)t;
	if (e->deferred) {
		send_bu(e);
		return;
	}
	e->sa_retry = false;
	switch (e->state) {
	case BUL_BOUND:
		/* Refresh before the lifetime ends. */
		e->state = BUL_REG;
		e->timeout = initial_timeout(e);
		e->resends = 0;
		send_bu(e);
		break;
	case BUL_REG:
	case BUL_RETRY:
		if (e->registered && tnow >= e->expires) {
			e->registered = false;
			event(e, BUL_EV_EXPIRED, 0);
			if (tnow < e->retry_at) {
				timer_arm(e->bul->tq, &e->timer, e->retry_at);
				break;
			}
		}
		if (e->state == BUL_REG && !quick)
			e->timeout = doubled(e->timeout);
		e->state = BUL_REG;
		send_bu(e);
		break;
	case BUL_DEREG:
		/* No answer, but whatever binding the HA had is gone by now. */
		if (tnow >= e->ha_deadline) {
			dereg_done(e);
			break;
		}
		if (!quick)
			e->timeout = doubled(e->timeout);
		send_bu(e);
		break;
	default:
		break;
	}
}

int bul_init(struct bul *b, struct timerq *tq, const struct bul_ops *ops, void *ctx)
{
	memset(b, 0, sizeof(*b));
	if (!ops->move || !ops->send_bu)
		return -EINVAL;
	b->tq = tq;
	b->ops = ops;
	b->ctx = ctx;
	return 0;
}

void bul_destroy(struct bul *b)
{
	while (b->head)
		bul_del(b->head);
}

struct bule *bul_find(const struct bul *b, const struct ip_addr *hoa, const struct ip_addr *ha)
{
	for (struct bule *e = b->head; e; e = e->next)
		if (addr_eq(&e->p.hoa, hoa) && addr_eq(&e->p.ha, ha))
			return e;
	return NULL;
}

int bul_add(struct bul *b, const struct bul_params *p, struct bule **out)
{
	struct bule *e;

	if (p->n_mnps > BUL_MAX_MNPS || p->hoa.family == AF_UNSPEC || p->ha.family == AF_UNSPEC ||
	    !p->timeout_ms || !p->timeout_first_ms)
		return -EINVAL;
	if (bul_find(b, &p->hoa, &p->ha))
		return -EEXIST;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->bul = b;
	e->p = *p;
	if (p->n_mnps)
		memcpy(e->mnps, p->mnps, p->n_mnps * sizeof(*e->mnps));
	e->p.mnps = e->mnps;
	e->coa = p->hoa;
	e->next_seq = p->seq;
	e->first_reg = true;
	e->flags = BU_FLAG_A | BU_FLAG_H | (p->link_local ? BU_FLAG_L : 0) |
		   (p->key_mgmt ? BU_FLAG_K : 0) | (p->mobile_router ? BU_FLAG_R : 0);
	timer_init(&e->timer, on_timer, e);
	e->next = b->head;
	b->head = e;
	*out = e;
	return 0;
}

void bul_del(struct bule *e)
{
	struct bule **pp = &e->bul->head;

	for (; *pp; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	timer_cancel(&e->timer);
	free(e);
}

void bul_set_lifetime(struct bule *e, uint32_t seconds)
{
	e->p.lifetime = seconds;
}

void bul_home(struct bule *e)
{
	/* Any BU still in its lifetime may have been accepted, even if its
	 * BA was lost. */
	bool maybe_bound = e->registered || now(e) < e->ha_deadline;

	if (e->state == BUL_HOME || e->state == BUL_DEREG)
		return;
	e->coa = e->p.hoa;
	if (!maybe_bound) {
		/* Nothing was sent for this move: nothing to undo at the HA. */
		timer_cancel(&e->timer);
		do_move(e);
		e->state = BUL_HOME;
		return;
	}
	start(e, BUL_DEREG);
}

void bul_move(struct bule *e, const struct ip_addr *coa, bool usable)
{
	if (addr_eq(coa, &e->p.hoa)) {
		bul_home(e);
		return;
	}
	if (e->state != BUL_HOME && e->state != BUL_DEREG && addr_eq(coa, &e->coa)) {
		if (e->state == BUL_WAIT_COA && usable)
			start(e, BUL_REG);
		return;
	}
	e->coa = *coa;
	if (!usable && !e->p.optimistic) {
		timer_cancel(&e->timer);
		e->state = BUL_WAIT_COA;
		return;
	}
	start(e, BUL_REG);
}

void bul_coa_usable(struct bule *e, const struct ip_addr *coa)
{
	if (e->state == BUL_WAIT_COA && addr_eq(coa, &e->coa))
		start(e, BUL_REG);
}

/* Statuses that retrying soon cannot change (configuration or policy at
 * the HA): retried at the slowest pace only. */
static bool lasting(unsigned s)
{
	switch (s) {
	case BAS_PROHIBITED:
	case BAS_HOMEREG_NOT_SUPP:
	case BAS_NOT_HOME_SUBNET:
	case BAS_NOT_HA_FOR_MN:
	case BAS_REG_TYPE_CHANGE:
	case BAS_MR_NOT_PERMITTED:
	case BAS_INVALID_PREFIX:
	case BAS_PREFIX_NOT_AUTH:
		return true;
	default:
		return false;
	}
}

static void rejected(struct bule *e, unsigned status)
{
	event(e, BUL_EV_REJECTED, status);
	if (e->state == BUL_DEREG) {
		/* Keep asking until the HA's binding is surely gone. */
		e->timeout = doubled(e->timeout);
		arm_retry(e, now(e) + e->timeout);
		return;
	}
	e->state = BUL_RETRY;
	e->timeout = lasting(status) ? BUL_MAX_BINDACK_TIMEOUT_MS : doubled(e->timeout);
	arm_retry(e, now(e) + e->timeout);
}

static void accepted(struct bule *e, const struct bul_ba *ba)
{
	uint16_t granted = ba->lifetime < e->lifetime_sent ? ba->lifetime : e->lifetime_sent;
	uint64_t life_ms = (uint64_t)granted * 4000u;
	uint64_t refresh;

	e->sa_retry = false;
	if (e->state == BUL_DEREG) {
		dereg_done(e);
		return;
	}
	/* RFC 3963 6.3: an HA that does not set R does not forward for the
	 * mobile network; look elsewhere, keep asking this one slowly. */
	if ((e->flags & BU_FLAG_R) && !(ba->flags & BA_FLAG_R)) {
		event(e, BUL_EV_NO_NEMO, ba->status);
		e->registered = false;
		e->state = BUL_RETRY;
		e->timeout = BUL_MAX_BINDACK_TIMEOUT_MS;
		arm_retry(e, now(e) + e->timeout);
		return;
	}
	if (!granted) {
		/* An acceptance that grants no time leaves no binding. */
		rejected(e, ba->status);
		return;
	}
	if ((e->flags & BU_FLAG_K) && !(ba->flags & BA_FLAG_K)) {
		e->flags &= (uint8_t)~BU_FLAG_K;
		event(e, BUL_EV_K_CLEARED, 0);
	}
	e->registered = true;
	e->first_reg = false;
	e->resends = 0;
	/* The lifetime runs from the moment the BU was sent (11.7.3). */
	e->expires = e->last_sent + life_ms;
	refresh = e->last_sent + life_ms * BUL_REFRESH_PERCENT / 100u;
	if (ba->refresh && ba->refresh < granted &&
	    e->last_sent + (uint64_t)ba->refresh * 4000u < refresh)
		refresh = e->last_sent + (uint64_t)ba->refresh * 4000u;
	e->state = BUL_BOUND;
	timer_arm(e->bul->tq, &e->timer, refresh);
	event(e, BUL_EV_REGISTERED, ba->status);
}

int bul_ba(struct bul *b, const struct bul_ba *ba)
{
	struct bule *e = bul_find(b, &ba->hoa, &ba->src);

	if (!e)
		return -ENOENT;
	if (e->state != BUL_REG && e->state != BUL_DEREG)
		return -EALREADY;
	if (ba->status == BAS_SEQ_OUT_OF_WINDOW) {
		/* RFC 6275 11.7.3: take the HA's last accepted number and send
		 * a new BU past it.  The BA carries the HA's number, not ours,
		 * so it cannot be matched to the BU. */
		e->next_seq = (uint16_t)(ba->seq + 1u);
		e->unanswered = 0;
		send_soon(e);
		return 0;
	}
	if (ba->seq != e->seq)
		return -ESTALE;
	e->unanswered = 0;
	if (ba_status_accepted(ba->status))
		accepted(e, ba);
	else if (e->state == BUL_DEREG && ba->status == BAS_NOT_HA_FOR_MN)
		dereg_done(e);  /* the HA has no binding for us: done */
	else
		rejected(e, ba->status);
	return 0;
}

unsigned bul_sa_installed(struct bul *b, const struct ip_addr *ha)
{
	unsigned n = 0;

	for (struct bule *e = b->head; e; e = e->next) {
		if (!addr_eq(&e->p.ha, ha))
			continue;
		if (e->state != BUL_REG && e->state != BUL_DEREG && e->state != BUL_RETRY)
			continue;
		if (e->state == BUL_RETRY)
			e->state = BUL_REG;
		e->sa_retry = true;
		send_soon(e);
		n++;
	}
	return n;
}
