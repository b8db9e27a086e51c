/* XFRM netlink events, as km events (pure). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "libxfrm/xfrm.h"
#include "racoond/km/km_impl.h"

int km_xfrm_translate(const struct xfrm_event *xe, struct km_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	switch (xe->type) {
	case XFRM_EV_ACQUIRE: {
		const struct xfrm_acquire *x = &xe->u.acquire;
		ev->type = KM_EV_ACQUIRE;
		if (!addr_len(&x->src) || x->src.family != x->dst.family)
			return -EINVAL;
		ev->u.acquire.seq = x->seq;
		ev->u.acquire.src = x->src;
		ev->u.acquire.dst = x->dst;
		ev->u.acquire.policy = x->policy;
		return KM_XLATE_EVENT;
	}
	case XFRM_EV_EXPIRE:
		ev->type = KM_EV_EXPIRE;
		ev->u.expire.sa = xe->u.sa;
		ev->u.expire.hard = xe->hard;
		return KM_XLATE_EVENT;
	case XFRM_EV_DELSA:
		ev->type = KM_EV_SA_DELETE;
		ev->u.sa = xe->u.sa;
		return KM_XLATE_EVENT;
	case XFRM_EV_MIGRATE:
		ev->type = KM_EV_MIGRATE;
		ev->u.migrate = xe->u.migrate;
		return KM_XLATE_EVENT;
	case XFRM_EV_NEWPOLICY:
	case XFRM_EV_UPDPOLICY:
		ev->type = KM_EV_SPD_ADD;
		ev->u.policy = xe->u.policy;
		return KM_XLATE_EVENT;
	case XFRM_EV_DELPOLICY:
		ev->type = KM_EV_SPD_DELETE;
		ev->u.policy = xe->u.policy;
		return KM_XLATE_EVENT;
	case XFRM_EV_POLEXPIRE:
		/* A hard policy expiry removes the policy, as PF_KEY's X_SPDEXPIRE. */
		if (!xe->hard)
			return KM_XLATE_IGNORE;
		ev->type = KM_EV_SPD_DELETE;
		ev->u.policy = xe->u.policy;
		return KM_XLATE_EVENT;
	default:
		return KM_XLATE_IGNORE;
	}
}
