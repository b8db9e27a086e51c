/* Private to libxfrm: the handle and the request/reply exchange. */
#ifndef LIBXFRM_HANDLE_H
#define LIBXFRM_HANDLE_H

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "libxfrm/xfrm.h"

struct xfrm_handle {
	struct nl_sock *req;          /* requests and their replies */
	struct nl_sock *ev;           /* multicast events */
	char err[384];
	char extack[128];             /* kernel's reason for the last failure */
};

/* Called for each reply message (a dump's objects, a get's answer). */
typedef int (*xfrm_reply_fn)(const struct nlmsghdr *nlh, void *arg);

/* Sends msg (its flags say whether an ACK or a dump is expected) and reads
 * replies until the ACK, the error or the end of the dump.  Returns 0, the
 * kernel's negative errno, the first negative return of fn, or -EIO/-ENOMEM
 * for a local failure.  Frees msg. */
int xfrm_transact(struct xfrm_handle *h, struct nl_msg *msg, xfrm_reply_fn fn, void *arg);

/* A private copy of the socket's callbacks, to be released with nl_cb_put. */
struct nl_cb *xfrm_cb_clone(struct nl_sock *sk);

/* Records "<what>: <strerror(-rc)>" as the handle's last error; returns rc. */
int xfrm_fail(struct xfrm_handle *h, int rc, const char *what);

/* "SRC -> DST [proto P [type T] ][sport S ][dport D ]" of a selector. */
void xfrm_sel_describe(const struct ipsec_selector *s, char *buf, size_t len);

#endif
