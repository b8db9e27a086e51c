/* Security policies: the userpolicy_info codec and the SPD operations. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libxfrm/codec.h"
#include "libxfrm/handle.h"

int xfrm_policy_info_encode(struct xfrm_userpolicy_info *pi, const struct ipsec_policy *p)
{
	int rc;

	memset(pi, 0, sizeof(*pi));
	rc = xfrm_sel_encode(&pi->sel, &p->sel);
	if (rc < 0)
		return rc;
	if (p->dir > IPSEC_DIR_FWD || p->ntmpl > IPSEC_MAX_TEMPLATES)
		return -EINVAL;
	pi->lft.soft_byte_limit = pi->lft.hard_byte_limit = XFRM_INF;
	pi->lft.soft_packet_limit = pi->lft.hard_packet_limit = XFRM_INF;
	pi->lft.soft_add_expires_seconds = p->lifetime_soft_add;
	pi->lft.hard_add_expires_seconds = p->lifetime_hard_add;
	pi->priority = p->priority;
	pi->index = p->index;
	/* The neutral directions have the kernel's values (in 0, out 1, fwd 2). */
	pi->dir = (uint8_t)p->dir;
	pi->action = p->action == IPSEC_ACTION_DISCARD ? XFRM_POLICY_BLOCK : XFRM_POLICY_ALLOW;
	pi->share = XFRM_SHARE_ANY;
	return 0;
}

int xfrm_policy_type_put(struct nl_msg *m, enum ipsec_policy_type type)
{
	struct xfrm_userpolicy_type t = {
		.type = type == IPSEC_POLICY_SUB ? XFRM_POLICY_TYPE_SUB : XFRM_POLICY_TYPE_MAIN,
	};

	return nla_put(m, XFRMA_POLICY_TYPE, sizeof(t), &t) < 0 ? -EMSGSIZE : 0;
}

int xfrm_policy_put_attrs(struct nl_msg *m, const struct ipsec_policy *p)
{
	struct xfrm_user_tmpl kt[IPSEC_MAX_TEMPLATES];
	unsigned i;

	if (p->ntmpl > IPSEC_MAX_TEMPLATES)
		return -EINVAL;
	for (i = 0; i < p->ntmpl; i++) {
		sa_family_t fam = p->sel.src.addr.family ? p->sel.src.addr.family : p->sel.dst.addr.family;

		xfrm_tmpl_encode(&kt[i], &p->tmpl[i], fam);
	}
	if (p->ntmpl && nla_put(m, XFRMA_TMPL, (int)(p->ntmpl * sizeof(kt[0])), kt) < 0)
		return -EMSGSIZE;
	return xfrm_policy_type_put(m, p->type);
}

enum ipsec_policy_type xfrm_policy_type_decode(const struct xfrm_attrs *t)
{
	struct xfrm_userpolicy_type pt;

	if (!t || !t->a[XFRMA_POLICY_TYPE])
		return IPSEC_POLICY_MAIN;
	memcpy(&pt, nla_data(t->a[XFRMA_POLICY_TYPE]), sizeof(pt));
	return pt.type == XFRM_POLICY_TYPE_SUB ? IPSEC_POLICY_SUB : IPSEC_POLICY_MAIN;
}

int xfrm_policy_decode(struct ipsec_policy *p, const struct xfrm_userpolicy_info *pi, const struct xfrm_attrs *t)
{
	memset(p, 0, sizeof(*p));
	if (pi->dir > XFRM_POLICY_FWD)
		return -EINVAL;
	xfrm_sel_decode(&p->sel, &pi->sel);
	p->dir = (enum ipsec_dir)pi->dir;
	p->priority = pi->priority;
	p->index = pi->index;
	p->lifetime_soft_add = pi->lft.soft_add_expires_seconds;
	p->lifetime_hard_add = pi->lft.hard_add_expires_seconds;
	p->type = xfrm_policy_type_decode(t);
	if (t && t->a[XFRMA_TMPL]) {
		const uint8_t *d = nla_data(t->a[XFRMA_TMPL]);
		size_t len = (size_t)nla_len(t->a[XFRMA_TMPL]), i;

		if (len % sizeof(struct xfrm_user_tmpl) ||
		    len / sizeof(struct xfrm_user_tmpl) > IPSEC_MAX_TEMPLATES)
			return -EINVAL;
		p->ntmpl = (uint8_t)(len / sizeof(struct xfrm_user_tmpl));
		for (i = 0; i < p->ntmpl; i++) {
			struct xfrm_user_tmpl kt;

			memcpy(&kt, d + i * sizeof(kt), sizeof(kt));
			xfrm_tmpl_decode(&p->tmpl[i], &kt);
		}
	}
	if (pi->action == XFRM_POLICY_BLOCK)
		p->action = IPSEC_ACTION_DISCARD;
	else
		p->action = p->ntmpl ? IPSEC_ACTION_IPSEC : IPSEC_ACTION_NONE;
	return 0;
}

static void policy_what(const struct ipsec_policy *p, char *buf, size_t len)
{
	char sel[160];

	xfrm_sel_describe(&p->sel, sel, sizeof(sel));
	snprintf(buf, len, "policy %s dir %s%s", sel, ipsec_dir_name(p->dir),
		 p->type == IPSEC_POLICY_SUB ? " sub" : "");
}

static int policy_fail(struct xfrm_handle *h, int rc, const struct ipsec_policy *p)
{
	char what[200];

	policy_what(p, what, sizeof(what));
	return xfrm_fail(h, rc, what);
}

static int policy_send(struct xfrm_handle *h, int type, const struct ipsec_policy *p)
{
	struct xfrm_userpolicy_info pi;
	struct nl_msg *m;
	int rc;

	rc = xfrm_policy_info_encode(&pi, p);
	if (rc < 0)
		return policy_fail(h, rc, p);
	m = nlmsg_alloc_simple(type, NLM_F_ACK | (type == XFRM_MSG_NEWPOLICY ? NLM_F_EXCL | NLM_F_CREATE : 0));
	if (!m)
		return policy_fail(h, -ENOMEM, p);
	if (nlmsg_append(m, &pi, sizeof(pi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(m);
		return policy_fail(h, -EMSGSIZE, p);
	}
	rc = xfrm_policy_put_attrs(m, p);
	if (rc < 0) {
		nlmsg_free(m);
		return policy_fail(h, rc, p);
	}
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? policy_fail(h, rc, p) : 0;
}

int xfrm_policy_add(struct xfrm_handle *h, const struct ipsec_policy *p)
{
	return policy_send(h, XFRM_MSG_NEWPOLICY, p);
}

int xfrm_policy_update(struct xfrm_handle *h, const struct ipsec_policy *p)
{
	return policy_send(h, XFRM_MSG_UPDPOLICY, p);
}

/* A GET or DELETE names the policy by index, or by selector, dir and type. */
static struct nl_msg *policy_id_msg(int type, int flags, const struct ipsec_policy *p, int *rc)
{
	struct xfrm_userpolicy_id id;
	struct nl_msg *m;

	memset(&id, 0, sizeof(id));
	*rc = p->index ? 0 : xfrm_sel_encode(&id.sel, &p->sel);
	if (*rc < 0)
		return NULL;
	if (p->dir > IPSEC_DIR_FWD) {
		*rc = -EINVAL;
		return NULL;
	}
	id.index = p->index;
	id.dir = (uint8_t)p->dir;
	m = nlmsg_alloc_simple(type, flags);
	if (!m || nlmsg_append(m, &id, sizeof(id), NLMSG_ALIGNTO) < 0 ||
	    xfrm_policy_type_put(m, p->type) < 0) {
		nlmsg_free(m);
		*rc = -ENOMEM;
		return NULL;
	}
	return m;
}

int xfrm_policy_delete(struct xfrm_handle *h, const struct ipsec_policy *p)
{
	struct nl_msg *m;
	int rc;

	m = policy_id_msg(XFRM_MSG_DELPOLICY, NLM_F_ACK, p, &rc);
	if (!m)
		return policy_fail(h, rc, p);
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? policy_fail(h, rc, p) : 0;
}

/* A reply holding one policy: NEWPOLICY with userpolicy_info. */
static int policy_reply(const struct nlmsghdr *nlh, struct ipsec_policy *p)
{
	struct xfrm_userpolicy_info pi;
	struct xfrm_attrs t;
	int rc;

	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY || !xfrm_msg_holds(nlh, nlh->nlmsg_len, sizeof(pi)))
		return -EBADMSG;
	memcpy(&pi, nlmsg_data(nlh), sizeof(pi));
	rc = xfrm_attrs_parse(&t, nlh, sizeof(pi));
	if (rc < 0)
		return -EBADMSG;
	rc = xfrm_policy_decode(p, &pi, &t);
	return rc < 0 ? -EBADMSG : 0;
}

struct get_ctx {
	struct ipsec_policy *p;
	bool found;
};

static int get_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct get_ctx *g = arg;
	int rc = policy_reply(nlh, g->p);

	if (rc == 0)
		g->found = true;
	return rc;
}

int xfrm_policy_get(struct xfrm_handle *h, struct ipsec_policy *p)
{
	struct ipsec_policy out;
	struct get_ctx g = { .p = &out };
	struct nl_msg *m;
	int rc;

	m = policy_id_msg(XFRM_MSG_GETPOLICY, NLM_F_ACK, p, &rc);
	if (!m)
		return policy_fail(h, rc, p);
	rc = xfrm_transact(h, m, get_reply, &g);
	if (rc == 0 && !g.found)
		rc = -ENOENT;
	if (rc < 0)
		return policy_fail(h, rc, p);
	*p = out;
	return 0;
}

struct dump_ctx {
	xfrm_policy_cb cb;
	void *arg;
};

/* Per-socket policies (directions above fwd, e.g. an IKE daemon's bypass)
 * are in the kernel's dump too; they belong to their sockets, not the SPD. */
static bool is_socket_policy(const struct nlmsghdr *nlh)
{
	struct xfrm_userpolicy_info pi;

	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY || !xfrm_msg_holds(nlh, nlh->nlmsg_len, sizeof(pi)))
		return false;
	memcpy(&pi, nlmsg_data(nlh), sizeof(pi));
	return pi.dir > XFRM_POLICY_FWD;
}

static int dump_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct dump_ctx *d = arg;
	struct ipsec_policy p;
	int rc;

	if (is_socket_policy(nlh))
		return 0;
	rc = policy_reply(nlh, &p);

	return rc < 0 ? rc : d->cb(&p, d->arg);
}

int xfrm_policy_dump(struct xfrm_handle *h, xfrm_policy_cb cb, void *arg)
{
	struct dump_ctx d = { cb, arg };
	struct nl_msg *m;
	int rc;

	m = nlmsg_alloc_simple(XFRM_MSG_GETPOLICY, NLM_F_DUMP);
	if (!m)
		return xfrm_fail(h, -ENOMEM, "policy dump");
	rc = xfrm_transact(h, m, dump_reply, &d);
	return rc < 0 ? xfrm_fail(h, rc, "policy dump") : 0;
}

int xfrm_policy_flush(struct xfrm_handle *h, enum ipsec_policy_type type)
{
	struct nl_msg *m;
	int rc;

	m = nlmsg_alloc_simple(XFRM_MSG_FLUSHPOLICY, NLM_F_ACK);
	if (!m || xfrm_policy_type_put(m, type) < 0) {
		nlmsg_free(m);
		return xfrm_fail(h, -ENOMEM, "policy flush");
	}
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? xfrm_fail(h, rc, "policy flush") : 0;
}
