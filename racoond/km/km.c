/* km: backend choice, event delivery and the operations' common checks. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "racoond/km/km_impl.h"

const char *km_backend_name(enum km_backend b)
{
	switch (b) {
	case KM_BACKEND_AUTO: return "auto";
	case KM_BACKEND_PFKEY: return "pfkey";
	case KM_BACKEND_XFRM: return "xfrm";
	}
	return "unknown";
}

enum km_backend km_backend_of(const struct km *km) { return km->backend; }
const char *km_last_error(const struct km *km) { return km->err; }
void km_get_stats(const struct km *km, struct km_stats *out) { *out = km->stats; }
const struct ipsec_policy *km_spd_find(const struct km *km, uint32_t index)
{
	return km_spd_cache_find(&km->spd, index);
}
size_t km_spd_count(const struct km *km) { return km->spd.n; }

void km_set_error(struct km *km, int err, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(km->err, sizeof(km->err), fmt, ap);
	va_end(ap);
	n = strlen(km->err);
	if (err < 0 && n < sizeof(km->err))
		snprintf(km->err + n, sizeof(km->err) - n, ": %s", strerror(-err));
}

/* SAs we deleted ourselves: their deletion events (XFRM multicasts reach
 * the requester too) are not news for the engine. */
static bool own_delete_consume(struct km *km, const struct ipsec_sa *sa)
{
	unsigned i;
	for (i = 0; i < KM_OWN_DELETES; i++) {
		struct km_own_delete *d = &km->own_del[i];
		if (d->spi == sa->spi && d->proto == sa->proto && addr_eq(&d->dst, &sa->dst)) {
			memset(d, 0, sizeof(*d));
			return true;
		}
	}
	return false;
}

void km_deliver(struct km *km, const struct km_event *ev)
{
	switch (ev->type) {
	case KM_EV_SPD_ADD:
		if (km_spd_cache_put(&km->spd, &ev->u.policy) < 0)
			log_warn("km: SPD cache: out of memory");
		break;
	case KM_EV_SPD_DELETE:
		km_spd_cache_del(&km->spd, &ev->u.policy);
		break;
	case KM_EV_SA_DELETE:
		if (own_delete_consume(km, &ev->u.sa)) {
			km->stats.ignored++;
			return;
		}
		break;
	default:
		break;
	}
	km->stats.events++;
	if (km->fn)
		km->fn(ev, km->arg);
}

int km_post(struct km *km, const struct km_event *ev)
{
	struct km_pending *p = malloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->ev = *ev;
	p->next = NULL;
	if (km->pend_tail)
		km->pend_tail->next = p;
	else
		km->pend_head = p;
	km->pend_tail = p;
	km_kick(km);
	return 0;
}

void km_kick(struct km *km)
{
	if (km->loop && !timer_armed(&km->defer))
		timer_arm_in(ev_loop_timers(km->loop), &km->defer, 0);
}

static void drain_pending(struct km *km)
{
	struct km_pending *p;
	while ((p = km->pend_head)) {
		km->pend_head = p->next;
		if (!km->pend_head)
			km->pend_tail = NULL;
		km_deliver(km, &p->ev);
		free(p);
	}
}

static void defer_fn(struct timer *t, void *arg)
{
	struct km *km = arg;
	(void)t;
	drain_pending(km);
	km->ops->pump(km);
}

static void io_fn(struct ev_io *w, uint32_t revents, void *arg)
{
	struct km *km = arg;
	(void)w;
	(void)revents;
	km->ops->pump(km);
}

static int open_one(struct km *km, enum km_backend b)
{
	km->backend = b;
	km->ops = b == KM_BACKEND_PFKEY ? &km_pfkey_ops : &km_xfrm_ops;
	return km->ops->open(km);
}

int km_open(struct km **out, enum km_backend which, struct ev_loop *loop,
	    km_event_fn *fn, void *arg)
{
	struct km *km = calloc(1, sizeof(*km));
	int rc;

	*out = NULL;
	if (!km)
		return -ENOMEM;
	km->loop = loop;
	km->fn = fn;
	km->arg = arg;
	timer_init(&km->defer, defer_fn, km);

	if (which == KM_BACKEND_AUTO) {
		rc = open_one(km, KM_BACKEND_PFKEY);
		if (rc == -EAFNOSUPPORT || rc == -EPROTONOSUPPORT) {
			log_info("km: no PF_KEY in this kernel (%s); using XFRM netlink", strerror(-rc));
			rc = open_one(km, KM_BACKEND_XFRM);
		}
	} else {
		rc = open_one(km, which);
	}
	if (rc < 0) {
		if (!km->err[0])
			km_set_error(km, rc, "km: cannot open the %s backend", km_backend_name(km->backend));
		log_err("%s", km->err);
		free(km);
		return rc;
	}
	ev_io_init(&km->io, km->fd, io_fn, km);
	if (loop) {
		rc = ev_io_start(loop, &km->io, EV_READ);
		if (rc < 0) {
			log_err("km: cannot watch the %s socket: %s", km_backend_name(km->backend),
				strerror(-rc));
			km->ops->close(km);
			free(km);
			return rc;
		}
	}
	log_notice("km: kernel interface %s", km_backend_name(km->backend));
	*out = km;
	return 0;
}

void km_close(struct km *km)
{
	struct km_pending *p;
	if (!km)
		return;
	timer_cancel(&km->defer);
	ev_io_stop(&km->io);
	while ((p = km->pend_head)) {
		km->pend_head = p->next;
		free(p);
	}
	km->ops->close(km);
	km_spd_cache_free(&km->spd);
	free(km);
}

static int check_pair(struct km *km, const struct ip_addr *src, const struct ip_addr *dst)
{
	if (!addr_len(src) || src->family != dst->family) {
		km_set_error(km, -EINVAL, "km: SA endpoints of different or no family");
		return -EINVAL;
	}
	return 0;
}

int km_getspi(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
	      enum ipsec_proto proto, enum ipsec_mode mode, uint32_t reqid,
	      uint32_t seq, uint32_t *spi)
{
	struct ipsec_sa sa = { .src = *src, .dst = *dst, .proto = proto, .mode = mode,
			       .reqid = reqid, .seq = seq };
	int rc = check_pair(km, src, dst);
	if (rc < 0)
		return rc;
	rc = km->ops->getspi(km, &sa, seq);
	if (rc == 0)
		*spi = sa.spi;
	return rc;
}

int km_update_sa(struct km *km, const struct ipsec_sa *sa)
{
	int rc = check_pair(km, &sa->src, &sa->dst);
	return rc < 0 ? rc : km->ops->update_sa(km, sa);
}

int km_add_sa(struct km *km, const struct ipsec_sa *sa)
{
	int rc = check_pair(km, &sa->src, &sa->dst);
	return rc < 0 ? rc : km->ops->add_sa(km, sa);
}

int km_delete_sa(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
		 enum ipsec_proto proto, uint32_t spi)
{
	struct ipsec_sa key = { .src = *src, .dst = *dst, .proto = proto, .spi = spi };
	struct km_own_delete *d;
	int rc = check_pair(km, src, dst);

	if (rc < 0)
		return rc;
	d = &km->own_del[km->own_del_next++ % KM_OWN_DELETES];
	d->dst = *dst;
	d->spi = spi;
	d->proto = proto;
	rc = km->ops->delete_sa(km, &key);
	if (rc < 0)
		memset(d, 0, sizeof(*d));
	return rc;
}

int km_get_sa(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
	      enum ipsec_proto proto, uint32_t spi, struct ipsec_sa *out)
{
	int rc = check_pair(km, src, dst);
	if (rc < 0)
		return rc;
	memset(out, 0, sizeof(*out));
	out->src = *src;
	out->dst = *dst;
	out->proto = proto;
	out->spi = spi;
	rc = km->ops->get_sa(km, out);
	/* Both kernels say ESRCH for a missing SA. */
	return rc == -ESRCH ? -ENOENT : rc;
}

int km_sa_dump(struct km *km, enum ipsec_proto proto, km_sa_fn *cb, void *arg)
{
	return km->ops->sa_dump(km, proto, cb, arg);
}

int km_sa_flush(struct km *km, enum ipsec_proto proto)
{
	static const enum ipsec_proto all[] = { IPSEC_PROTO_ESP, IPSEC_PROTO_AH, IPSEC_PROTO_IPCOMP };
	size_t i;
	int rc;

	if (proto != IPSEC_PROTO_NONE)
		return km->ops->sa_flush(km, proto);
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		rc = km->ops->sa_flush(km, all[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int km_spd_dump(struct km *km)
{
	km_spd_cache_clear(&km->spd);
	return km->ops->spd_dump(km);
}

int km_spd_add(struct km *km, const struct ipsec_policy *p)
{
	return km->ops->spd_add(km, p);
}

int km_spd_delete(struct km *km, const struct ipsec_policy *p)
{
	return km->ops->spd_delete(km, p);
}
