/* Kernel events: the pure decoder from one XFRM multicast message to a
 * neutral struct xfrm_event, and the event socket (subscribe, read). */
#include <errno.h>
#include <string.h>

#include <netlink/socket.h>

#include "libxfrm/codec.h"
#include "libxfrm/handle.h"

const char *xfrm_event_name(enum xfrm_event_type t)
{
	switch (t) {
	case XFRM_EV_ACQUIRE: return "acquire";
	case XFRM_EV_EXPIRE: return "expire";
	case XFRM_EV_POLEXPIRE: return "polexpire";
	case XFRM_EV_NEWSA: return "newsa";
	case XFRM_EV_UPDSA: return "updsa";
	case XFRM_EV_DELSA: return "delsa";
	case XFRM_EV_FLUSHSA: return "flushsa";
	case XFRM_EV_NEWPOLICY: return "newpolicy";
	case XFRM_EV_UPDPOLICY: return "updpolicy";
	case XFRM_EV_DELPOLICY: return "delpolicy";
	case XFRM_EV_FLUSHPOLICY: return "flushpolicy";
	case XFRM_EV_MIGRATE: return "migrate";
	}
	return "unknown";
}

/* The template of the policy the ACQUIRE is for: same protocol, and for
 * tunnel-type templates the same destination. */
static void acquire_match(struct xfrm_acquire *aq)
{
	unsigned i;

	aq->mode = IPSEC_MODE_TRANSPORT;
	for (i = 0; i < aq->policy.ntmpl; i++) {
		const struct ipsec_template *t = &aq->policy.tmpl[i];

		if (t->proto != aq->proto)
			continue;
		if (t->dst.family != AF_UNSPEC && aq->dst.family != AF_UNSPEC && !addr_eq(&t->dst, &aq->dst))
			continue;
		aq->mode = t->mode;
		aq->reqid = t->reqid;
		return;
	}
}

static int decode_acquire(struct xfrm_event *ev, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_acquire *aq = &ev->u.acquire;
	struct xfrm_user_acquire ka;
	struct xfrm_attrs t;
	unsigned fam;
	int rc;

	if (!xfrm_msg_holds(nlh, len, sizeof(ka)))
		return -EINVAL;
	memcpy(&ka, nlmsg_data(nlh), sizeof(ka));
	rc = xfrm_attrs_parse(&t, nlh, sizeof(ka));
	if (rc < 0)
		return rc;
	rc = xfrm_policy_decode(&aq->policy, &ka.policy, &t);
	if (rc < 0)
		return rc;
	xfrm_sel_decode(&aq->flow, &ka.sel);
	aq->proto = (enum ipsec_proto)ka.id.proto;
	aq->seq = ka.seq;
	/* The endpoints' family is the template's: take it from the first
	 * template of that protocol, else from the packet. */
	fam = ka.sel.family;
	if (t.a[XFRMA_TMPL]) {
		const uint8_t *d = nla_data(t.a[XFRMA_TMPL]);
		size_t n = (size_t)nla_len(t.a[XFRMA_TMPL]) / sizeof(struct xfrm_user_tmpl), i;

		for (i = 0; i < n; i++) {
			struct xfrm_user_tmpl kt;

			memcpy(&kt, d + i * sizeof(kt), sizeof(kt));
			if (kt.id.proto == ka.id.proto) {
				fam = kt.family;
				break;
			}
		}
	}
	if (fam != AF_INET && fam != AF_INET6)
		return -EINVAL;
	xfrm_addr_decode(&aq->src, &ka.saddr, fam);
	xfrm_addr_decode(&aq->dst, &ka.id.daddr, fam);
	acquire_match(aq);
	return 0;
}

/* NEWSA, UPDSA: usersa_info.  DELSA: usersa_id then XFRMA_SA.  EXPIRE:
 * user_expire (usersa_info + hard). */
static int decode_sa(struct xfrm_event *ev, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_usersa_info si;
	struct xfrm_attrs t;
	size_t hdr;
	int rc;

	switch (nlh->nlmsg_type) {
	case XFRM_MSG_DELSA: hdr = sizeof(struct xfrm_usersa_id); break;
	case XFRM_MSG_EXPIRE: hdr = sizeof(struct xfrm_user_expire); break;
	default: hdr = sizeof(si); break;
	}
	if (!xfrm_msg_holds(nlh, len, hdr))
		return -EINVAL;
	rc = xfrm_attrs_parse(&t, nlh, hdr);
	if (rc < 0)
		return rc;
	if (nlh->nlmsg_type == XFRM_MSG_DELSA) {
		if (!t.a[XFRMA_SA])
			return -EINVAL;
		memcpy(&si, nla_data(t.a[XFRMA_SA]), sizeof(si));
	} else {
		memcpy(&si, nlmsg_data(nlh), sizeof(si));
	}
	if (nlh->nlmsg_type == XFRM_MSG_EXPIRE) {
		struct xfrm_user_expire ue;

		memcpy(&ue, nlmsg_data(nlh), sizeof(ue));
		ev->hard = ue.hard != 0;
	}
	return xfrm_sa_decode(&ev->u.sa, &si, &t);
}

/* NEW/UPDPOLICY: userpolicy_info.  DELPOLICY: userpolicy_id then
 * XFRMA_POLICY.  POLEXPIRE: user_polexpire (userpolicy_info + hard). */
static int decode_policy(struct xfrm_event *ev, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_userpolicy_info pi;
	struct xfrm_attrs t;
	size_t hdr;
	int rc;

	switch (nlh->nlmsg_type) {
	case XFRM_MSG_DELPOLICY: hdr = sizeof(struct xfrm_userpolicy_id); break;
	case XFRM_MSG_POLEXPIRE: hdr = sizeof(struct xfrm_user_polexpire); break;
	default: hdr = sizeof(pi); break;
	}
	if (!xfrm_msg_holds(nlh, len, hdr))
		return -EINVAL;
	rc = xfrm_attrs_parse(&t, nlh, hdr);
	if (rc < 0)
		return rc;
	if (nlh->nlmsg_type == XFRM_MSG_DELPOLICY) {
		if (!t.a[XFRMA_POLICY])
			return -EINVAL;
		memcpy(&pi, nla_data(t.a[XFRMA_POLICY]), sizeof(pi));
	} else {
		memcpy(&pi, nlmsg_data(nlh), sizeof(pi));
	}
	if (nlh->nlmsg_type == XFRM_MSG_POLEXPIRE) {
		struct xfrm_user_polexpire pe;

		memcpy(&pe, nlmsg_data(nlh), sizeof(pe));
		ev->hard = pe.hard != 0;
	}
	return xfrm_policy_decode(&ev->u.policy, &pi, &t);
}

static int decode_flushsa(struct xfrm_event *ev, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_usersa_flush f;

	if (!xfrm_msg_holds(nlh, len, sizeof(f)))
		return -EINVAL;
	memcpy(&f, nlmsg_data(nlh), sizeof(f));
	/* 255 is the kernel's IPSEC_PROTO_ANY (ESP, AH and IPComp): a flush of
	 * all IPsec states, reported as NONE like a flush of everything. */
	ev->u.flush_proto = f.proto == 255 ? IPSEC_PROTO_NONE : (enum ipsec_proto)f.proto;
	return 0;
}

static int decode_flushpolicy(struct xfrm_event *ev, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_attrs t;
	int rc;

	if (!xfrm_msg_holds(nlh, len, 0))
		return -EINVAL;
	rc = xfrm_attrs_parse(&t, nlh, 0);
	if (rc < 0)
		return rc;
	ev->u.flush_type = xfrm_policy_type_decode(&t);
	return 0;
}

int xfrm_event_decode(const struct nlmsghdr *nlh, size_t len, struct xfrm_event *ev)
{
	static const struct {
		uint16_t msg;
		enum xfrm_event_type ev;
	} map[] = {
		{ XFRM_MSG_ACQUIRE, XFRM_EV_ACQUIRE }, { XFRM_MSG_EXPIRE, XFRM_EV_EXPIRE },
		{ XFRM_MSG_POLEXPIRE, XFRM_EV_POLEXPIRE }, { XFRM_MSG_NEWSA, XFRM_EV_NEWSA },
		{ XFRM_MSG_UPDSA, XFRM_EV_UPDSA }, { XFRM_MSG_DELSA, XFRM_EV_DELSA },
		{ XFRM_MSG_FLUSHSA, XFRM_EV_FLUSHSA }, { XFRM_MSG_NEWPOLICY, XFRM_EV_NEWPOLICY },
		{ XFRM_MSG_UPDPOLICY, XFRM_EV_UPDPOLICY }, { XFRM_MSG_DELPOLICY, XFRM_EV_DELPOLICY },
		{ XFRM_MSG_FLUSHPOLICY, XFRM_EV_FLUSHPOLICY }, { XFRM_MSG_MIGRATE, XFRM_EV_MIGRATE },
	};
	size_t i;
	int rc;

	memset(ev, 0, sizeof(*ev));
	if (!xfrm_msg_holds(nlh, len, 0))
		return -EINVAL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].msg == nlh->nlmsg_type)
			break;
	if (i == sizeof(map) / sizeof(map[0]))
		return -EOPNOTSUPP;
	ev->type = map[i].ev;
	switch (ev->type) {
	case XFRM_EV_ACQUIRE:
		rc = decode_acquire(ev, nlh, len);
		break;
	case XFRM_EV_EXPIRE:
	case XFRM_EV_NEWSA:
	case XFRM_EV_UPDSA:
	case XFRM_EV_DELSA:
		rc = decode_sa(ev, nlh, len);
		break;
	case XFRM_EV_POLEXPIRE:
	case XFRM_EV_NEWPOLICY:
	case XFRM_EV_UPDPOLICY:
	case XFRM_EV_DELPOLICY:
		rc = decode_policy(ev, nlh, len);
		break;
	case XFRM_EV_FLUSHSA:
		rc = decode_flushsa(ev, nlh, len);
		break;
	case XFRM_EV_FLUSHPOLICY:
		rc = decode_flushpolicy(ev, nlh, len);
		break;
	case XFRM_EV_MIGRATE:
		rc = xfrm_migrate_decode(&ev->u.migrate, nlh, len);
		break;
	default:
		rc = -EOPNOTSUPP;
		break;
	}
	if (rc < 0) {
		explicit_bzero(ev, sizeof(*ev));
		ev->type = 0;
	}
	return rc;
}

int xfrm_events_subscribe(struct xfrm_handle *h, unsigned mask)
{
	static const struct {
		unsigned bit;
		int group;
	} groups[] = {
		{ XFRM_EVGRP_ACQUIRE, XFRMNLGRP_ACQUIRE }, { XFRM_EVGRP_EXPIRE, XFRMNLGRP_EXPIRE },
		{ XFRM_EVGRP_SA, XFRMNLGRP_SA }, { XFRM_EVGRP_POLICY, XFRMNLGRP_POLICY },
		{ XFRM_EVGRP_MIGRATE, XFRMNLGRP_MIGRATE },
	};
	size_t i;

	if (mask & ~XFRM_EVGRP_ALL)
		return xfrm_fail(h, -EINVAL, "subscribe");
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if ((mask & groups[i].bit) && nl_socket_add_membership(h->ev, groups[i].group) < 0)
			return xfrm_fail(h, -EIO, "subscribe");
	return 0;
}

struct ev_ctx {
	xfrm_event_cb cb;
	void *arg;
	unsigned bad;
	int delivered;
};

static int ev_valid(struct nl_msg *msg, void *arg)
{
	struct ev_ctx *c = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct xfrm_event ev;
	int rc;

	/* Only the kernel (port 0) speaks for the SPD and SAD. */
	if (nlmsg_get_src(msg)->nl_pid != 0)
		return NL_SKIP;
	rc = xfrm_event_decode(nlh, nlh->nlmsg_len, &ev);
	if (rc == -EOPNOTSUPP)
		return NL_SKIP;
	if (rc < 0) {
		c->bad++;
		return NL_SKIP;
	}
	c->cb(&ev, c->arg);
	c->delivered++;
	explicit_bzero(&ev, sizeof(ev));
	return NL_SKIP;
}

int xfrm_events_read(struct xfrm_handle *h, xfrm_event_cb cb, void *arg, unsigned *bad)
{
	struct ev_ctx c = { .cb = cb, .arg = arg };
	struct nl_cb *ncb;
	int rc = 0;

	ncb = xfrm_cb_clone(h->ev);
	if (!ncb)
		return xfrm_fail(h, -ENOMEM, "events");
	nl_cb_set(ncb, NL_CB_VALID, NL_CB_CUSTOM, ev_valid, &c);
	for (;;) {
		rc = nl_recvmsgs(h->ev, ncb);
		if (rc >= 0)
			continue;
		if (rc == -NLE_INTR)
			continue;
		if (rc == -NLE_AGAIN)
			rc = 0;
		else if (rc == -NLE_NOMEM) {
			/* recvmsg's ENOBUFS: the kernel dropped events. */
			rc = xfrm_fail(h, -ENOBUFS, "events");
		} else {
			rc = xfrm_fail(h, -EIO, "events");
		}
		break;
	}
	nl_cb_put(ncb);
	if (bad)
		*bad += c.bad;
	return rc < 0 ? rc : c.delivered;
}
