/* km over XFRM netlink (libxfrm): for kernels built without PF_KEY. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "libxfrm/xfrm.h"
#include "racoond/km/km_impl.h"

static struct xfrm_handle *xh(struct km *km) { return km->priv; }

static int fail(struct km *km, int rc, const char *what)
{
	km_set_error(km, 0, "km: %s: %s", what, xfrm_last_error(xh(km)));
	return rc;
}

static int kx_open(struct km *km)
{
	struct xfrm_handle *h = xfrm_open();
	int rc;

	if (!h) {
		rc = errno ? -errno : -ENOMEM;
		km_set_error(km, rc, "km: XFRM netlink socket");
		return rc;
	}
	km->priv = h;
	rc = xfrm_events_subscribe(h, XFRM_EVGRP_ACQUIRE | XFRM_EVGRP_EXPIRE | XFRM_EVGRP_SA |
				   XFRM_EVGRP_POLICY | XFRM_EVGRP_MIGRATE);
	if (rc < 0) {
		fail(km, rc, "subscribing to XFRM events");
		xfrm_close(h);
		km->priv = NULL;
		return rc;
	}
	km->fd = xfrm_fd(h);
	return 0;
}

static void kx_close(struct km *km)
{
	xfrm_close(xh(km));
	km->priv = NULL;
}

static void event_cb(const struct xfrm_event *xe, void *arg)
{
	struct km *km = arg;
	struct km_event ev;
	int rc = km_xfrm_translate(xe, &ev);

	if (rc == KM_XLATE_EVENT)
		km_deliver(km, &ev);
	else if (rc == KM_XLATE_IGNORE)
		km->stats.ignored++;
	else
		km->stats.bad++;
}

static void kx_pump(struct km *km)
{
	unsigned bad = 0;
	int rc = xfrm_events_read(xh(km), event_cb, km, &bad);

	km->stats.bad += bad;
	if (bad)
		log_warn("km: %u malformed XFRM event(s) ignored", bad);
	if (rc == -ENOBUFS) {
		/* Events were lost: the SPD cache is rebuilt from a dump. */
		km->stats.overruns++;
		log_warn("km: XFRM event socket overran; re-reading the SPD");
		if (km_spd_dump(km) < 0)
			log_err("%s", km->err);
	} else if (rc < 0 && rc != -EAGAIN) {
		log_warn("km: XFRM events: %s", strerror(-rc));
	}
}

static int kx_getspi(struct km *km, struct ipsec_sa *sa, uint32_t seq)
{
	int rc;
	sa->seq = seq;
	/* A CPI is 16 bits: the kernel refuses IPComp's default range. */
	if (sa->proto == IPSEC_PROTO_IPCOMP)
		rc = xfrm_sa_allocspi(xh(km), sa, KM_CPI_MIN, KM_CPI_MAX);
	else
		rc = xfrm_sa_allocspi(xh(km), sa, 0, 0);
	return rc < 0 ? fail(km, rc, "ALLOCSPI") : 0;
}

static int kx_update(struct km *km, const struct ipsec_sa *sa)
{
	int rc = xfrm_sa_update(xh(km), sa);
	return rc < 0 ? fail(km, rc, "UPDSA") : 0;
}

static int kx_add(struct km *km, const struct ipsec_sa *sa)
{
	int rc = xfrm_sa_add(xh(km), sa);
	return rc < 0 ? fail(km, rc, "NEWSA") : 0;
}

static int kx_delete(struct km *km, const struct ipsec_sa *key)
{
	int rc = xfrm_sa_delete(xh(km), key);
	return rc < 0 ? fail(km, rc, "DELSA") : 0;
}

static int kx_get(struct km *km, struct ipsec_sa *io)
{
	int rc = xfrm_sa_get(xh(km), io);
	return rc < 0 ? fail(km, rc, "GETSA") : 0;
}

struct sa_walk {
	enum ipsec_proto proto;
	km_sa_fn *cb;
	void *arg;
};

static bool ipsec_proto(enum ipsec_proto p)
{
	return p == IPSEC_PROTO_ESP || p == IPSEC_PROTO_AH || p == IPSEC_PROTO_IPCOMP;
}

static int sa_dump_cb(const struct ipsec_sa *sa, void *arg)
{
	struct sa_walk *w = arg;

	if (w->proto ? sa->proto != w->proto : !ipsec_proto(sa->proto))
		return 0;
	/* libxfrm returns a negative callback result after the dump; make
	 * sure a stop request is one. */
	return w->cb(sa, w->arg) ? -ECANCELED : 0;
}

static int kx_sa_dump(struct km *km, enum ipsec_proto proto, km_sa_fn *cb, void *arg)
{
	struct sa_walk w = { proto, cb, arg };
	int rc = xfrm_sa_dump(xh(km), sa_dump_cb, &w);
	if (rc == -ECANCELED)
		return 1;
	return rc < 0 ? fail(km, rc, "SA dump") : 0;
}

static int kx_sa_flush(struct km *km, enum ipsec_proto proto)
{
	int rc = xfrm_sa_flush(xh(km), proto);
	return rc < 0 ? fail(km, rc, "FLUSHSA") : 0;
}

static int spd_dump_cb(const struct ipsec_policy *p, void *arg)
{
	struct km *km = arg;
	struct km_event ev = { .type = KM_EV_SPD_ADD };

	ev.u.policy = *p;
	km_deliver(km, &ev);
	return 0;
}

static int kx_spd_dump(struct km *km)
{
	int rc = xfrm_policy_dump(xh(km), spd_dump_cb, km);

	return rc < 0 ? fail(km, rc, "policy dump") : 0;
}

static int kx_spd_add(struct km *km, const struct ipsec_policy *p)
{
	int rc = xfrm_policy_add(xh(km), p);
	return rc < 0 ? fail(km, rc, "NEWPOLICY") : 0;
}

static int kx_spd_delete(struct km *km, const struct ipsec_policy *p)
{
	int rc = xfrm_policy_delete(xh(km), p);
	return rc < 0 ? fail(km, rc, "DELPOLICY") : 0;
}

const struct km_ops km_xfrm_ops = {
	.open = kx_open,
	.close = kx_close,
	.getspi = kx_getspi,
	.update_sa = kx_update,
	.add_sa = kx_add,
	.delete_sa = kx_delete,
	.get_sa = kx_get,
	.sa_dump = kx_sa_dump,
	.sa_flush = kx_sa_flush,
	.spd_dump = kx_spd_dump,
	.spd_add = kx_spd_add,
	.spd_delete = kx_spd_delete,
	.pump = kx_pump,
};
