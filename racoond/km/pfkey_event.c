/* PF_KEY messages the kernel broadcasts, as km events (pure). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "libpfkey/convert.h"
#include "libpfkey/pfkey.h"
#include "racoond/km/km_impl.h"

static int acquire(const struct pfkey_msg *m, const struct km_spd_cache *spd, struct km_event *ev)
{
	const struct ipsec_policy *p;
	struct km_acquire *a = &ev->u.acquire;
	uint16_t port;

	if (!m->src || !m->dst || !m->policy)
		return -EINVAL;
	pfkey_address_get(m->src, &a->src, &port);
	pfkey_address_get(m->dst, &a->dst, &port);
	if (!addr_len(&a->src) || a->src.family != a->dst.family)
		return -EINVAL;
	a->seq = m->hdr->sadb_msg_seq;
	p = km_spd_cache_find(spd, m->policy->sadb_x_policy_id);
	if (!p)
		return -ENOENT;
	a->policy = *p;
	return KM_XLATE_EVENT;
}

static int policy(const struct pfkey_msg *m, enum km_event_type type, struct km_event *ev)
{
	if (!m->policy)
		return -EINVAL;
	if (pfkey_policy_is_socket(m->policy))
		return KM_XLATE_IGNORE;
	if (pfkey_msg_to_policy(m, &ev->u.policy) < 0)
		return -EINVAL;
	ev->type = type;
	return KM_XLATE_EVENT;
}

int km_pfkey_translate(const struct pfkey_msg *m, uint32_t own_pid,
		       const struct km_spd_cache *spd, struct km_event *ev)
{
	const struct sadb_msg *h = m->hdr;

	memset(ev, 0, sizeof(*ev));
	if (h->sadb_msg_errno)
		return KM_XLATE_IGNORE;        /* a failed request's echo */
	switch (h->sadb_msg_type) {
	case SADB_ACQUIRE:
		ev->type = KM_EV_ACQUIRE;
		return acquire(m, spd, ev);
	case SADB_EXPIRE:
		ev->type = KM_EV_EXPIRE;
		if (!m->lft_hard && !m->lft_soft)
			return -EINVAL;
		if (pfkey_msg_to_sa(m, &ev->u.expire.sa) < 0)
			return -EINVAL;
		ev->u.expire.hard = m->lft_hard != NULL;
		return KM_XLATE_EVENT;
	case SADB_DELETE:
		if (own_pid && h->sadb_msg_pid == own_pid)
			return KM_XLATE_IGNORE;
		ev->type = KM_EV_SA_DELETE;
		if (pfkey_msg_to_sa(m, &ev->u.sa) < 0)
			return -EINVAL;
		return KM_XLATE_EVENT;
	case SADB_X_MIGRATE:
		ev->type = KM_EV_MIGRATE;
		if (pfkey_msg_to_migrate(m, &ev->u.migrate) < 0)
			return -EINVAL;
		return KM_XLATE_EVENT;
	case SADB_X_SPDADD:
	case SADB_X_SPDUPDATE:
	case SADB_X_SPDDUMP:            /* one answer of our dump */
		return policy(m, KM_EV_SPD_ADD, ev);
	case SADB_X_SPDDELETE:
	case SADB_X_SPDDELETE2:
	case SADB_X_SPDEXPIRE:
		return policy(m, KM_EV_SPD_DELETE, ev);
	default:
		return KM_XLATE_IGNORE;
	}
}
