/* The handle: two NETLINK_XFRM sockets, the synchronous request/reply
 * exchange with the kernel's real errno, and the last-error message. */
#include "libxfrm/handle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define XFRM_EV_RCVBUF (4 * 1024 * 1024)

struct xact {
	uint32_t seq;
	xfrm_reply_fn fn;
	void *arg;
	int rc;                       /* first error: kernel's or fn's */
	bool done;
	char extack[128];             /* the kernel's explanation, if any */
};

static int nle_to_errno(int nle)
{
	switch (-nle) {
	case NLE_NOMEM: return -ENOMEM;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_BAD_SOCK: return -EBADF;
	case NLE_MSGSIZE: return -EMSGSIZE;
	case NLE_INVAL: return -EINVAL;
	default: return -EIO;
	}
}

static struct nl_sock *xfrm_socket(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int e;

	if (!sk) {
		errno = ENOMEM;
		return NULL;
	}
	if (nl_connect(sk, NETLINK_XFRM) < 0) {
		/* socket()'s own errno: EPROTONOSUPPORT without XFRM_USER. */
		e = errno ? errno : EPROTONOSUPPORT;
		nl_socket_free(sk);
		errno = e;
		return NULL;
	}
	nl_socket_enable_msg_peek(sk);
	return sk;
}

/* Extended ACKs carry the kernel's reason ("Mode in optional template not
 * allowed ..."); a kernel without them just ignores the option. */
static void enable_ext_ack(struct nl_sock *sk)
{
	int one = 1;

	(void)setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
}

struct xfrm_handle *xfrm_open(void)
{
	struct xfrm_handle *h = calloc(1, sizeof(*h));
	int e;

	if (!h)
		return NULL;
	h->req = xfrm_socket();
	if (!h->req)
		goto fail;
	/* We ask for an ACK per message ourselves; dumps must not. */
	nl_socket_disable_auto_ack(h->req);
	enable_ext_ack(h->req);
	h->ev = xfrm_socket();
	if (!h->ev)
		goto fail;
	nl_socket_disable_seq_check(h->ev);
	if (nl_socket_set_nonblocking(h->ev) < 0 ||
	    nl_socket_set_buffer_size(h->ev, XFRM_EV_RCVBUF, 0) < 0) {
		errno = EIO;
		goto fail;
	}
	return h;
fail:
	e = errno;
	xfrm_close(h);
	errno = e;
	return NULL;
}

void xfrm_close(struct xfrm_handle *h)
{
	if (!h)
		return;
	if (h->req)
		nl_socket_free(h->req);
	if (h->ev)
		nl_socket_free(h->ev);
	free(h);
}

const char *xfrm_last_error(const struct xfrm_handle *h)
{
	return h->err;
}

int xfrm_fd(const struct xfrm_handle *h)
{
	return nl_socket_get_fd(h->ev);
}

int xfrm_fail(struct xfrm_handle *h, int rc, const char *what)
{
	if (h->extack[0])
		snprintf(h->err, sizeof(h->err), "%s: %s (%s)", what, strerror(-rc), h->extack);
	else
		snprintf(h->err, sizeof(h->err), "%s: %s", what, strerror(-rc));
	h->extack[0] = '\0';
	return rc;
}

struct nl_cb *xfrm_cb_clone(struct nl_sock *sk)
{
	/* nl_socket_get_cb() hands out a reference of its own. */
	struct nl_cb *base = nl_socket_get_cb(sk), *cb;

	if (!base)
		return NULL;
	cb = nl_cb_clone(base);
	nl_cb_put(base);
	return cb;
}

/* Replies to an earlier, abandoned request carry another sequence number. */
static int xact_seq(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	return nlmsg_hdr(msg)->nlmsg_seq == x->seq ? NL_OK : NL_SKIP;
}

static int xact_valid(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	int rc;

	if (!x->fn)
		return NL_SKIP;
	rc = x->fn(nlmsg_hdr(msg), x->arg);
	if (rc < 0 && x->rc == 0)
		x->rc = rc;
	return NL_SKIP;
}

static int xact_end(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	x->done = true;
	return NL_STOP;
}

/* The error message's TLVs follow the echoed request (only its header
 * when capped); NLMSGERR_ATTR_MSG is the kernel's text. */
static void xact_extack(struct xact *x, const struct nlmsgerr *e)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	const struct nlattr *a;
	size_t off = sizeof(*e), total = nlh->nlmsg_len - NLMSG_HDRLEN;
	int rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(e->msg) || e->msg.nlmsg_len > total)
			return;
		off += e->msg.nlmsg_len - sizeof(e->msg);
	}
	off = NLMSG_ALIGN(off);
	if (off >= total)
		return;
	nla_for_each_attr(a, (const struct nlattr *)((const char *)e + off), (int)(total - off), rem) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			size_t n = (size_t)nla_len(a);

			if (n >= sizeof(x->extack))
				n = sizeof(x->extack) - 1;
			memcpy(x->extack, nla_data(a), n);
			x->extack[n] = '\0';
			/* Drop the kernel's trailing NUL or newline. */
			n = strlen(x->extack);
			while (n && x->extack[n - 1] == '\n')
				x->extack[--n] = '\0';
		}
	}
}

static int xact_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct xact *x = arg;

	if (x->rc == 0) {
		x->rc = e->error < 0 ? e->error : -EIO;
		xact_extack(x, e);
	}
	x->done = true;
	return NL_STOP;
}

int xfrm_transact(struct xfrm_handle *h, struct nl_msg *msg, xfrm_reply_fn fn, void *arg)
{
	struct xact x = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int rc;

	rc = nl_send_auto(h->req, msg);
	x.seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (rc < 0)
		return nle_to_errno(rc);
	cb = xfrm_cb_clone(h->req);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, xact_seq, &x);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, xact_valid, &x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, xact_end, &x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, xact_end, &x);
	nl_cb_err(cb, NL_CB_CUSTOM, xact_err, &x);
	while (!x.done) {
		rc = nl_recvmsgs(h->req, cb);
		if (rc < 0 && !x.done) {
			if (rc == -NLE_INTR || rc == -NLE_AGAIN)
				continue;
			x.rc = nle_to_errno(rc);
			break;
		}
	}
	nl_cb_put(cb);
	memcpy(h->extack, x.extack, sizeof(h->extack));
	return x.rc;
}

void xfrm_sel_describe(const struct ipsec_selector *s, char *buf, size_t len)
{
	char src[ADDR_STRLEN], dst[ADDR_STRLEN];
	int n;

	n = snprintf(buf, len, "%s -> %s", prefix_fmt(&s->src, src, sizeof(src)),
		     prefix_fmt(&s->dst, dst, sizeof(dst)));
	if (n < 0 || (size_t)n >= len)
		return;
	if (s->proto && s->proto != IPSEC_ULPROTO_ANY)
		n += snprintf(buf + n, len - (size_t)n, " proto %u", s->proto);
	if ((size_t)n < len && s->has_mh_type)
		n += snprintf(buf + n, len - (size_t)n, " type %u", s->mh_type);
	if ((size_t)n < len && s->sport && !s->has_mh_type)
		n += snprintf(buf + n, len - (size_t)n, " sport %u", s->sport);
	if ((size_t)n < len && s->dport)
		snprintf(buf + n, len - (size_t)n, " dport %u", s->dport);
}
