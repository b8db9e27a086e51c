/* libxfrm: the kernel's SPD and SAD over XFRM netlink, in the neutral types
 * of common/ipsec.h.  Policies, states, ALLOCSPI, MIGRATE with KMADDRESS,
 * and the kernel's multicast events.
 *
 * Every operation returns 0 or a negative errno (the kernel's own code when
 * the kernel refused).  On failure xfrm_last_error() names the object and
 * the reason, e.g. "policy 2001:db8::1/128 -> ::/0 dir out: File exists";
 * the library itself never prints. */
#ifndef LIBXFRM_XFRM_H
#define LIBXFRM_XFRM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ipsec.h"

struct xfrm_handle;
struct nlmsghdr;

/* Opens a request socket and an (unsubscribed) event socket; NULL with
 * errno set on failure. */
struct xfrm_handle *xfrm_open(void);
void xfrm_close(struct xfrm_handle *h);
/* The message of the last failed operation on h ("" if none yet). */
const char *xfrm_last_error(const struct xfrm_handle *h);

/* Policies.  Selector ports are host order; proto 0 or IPSEC_ULPROTO_ANY
 * both mean any.  A decoded selector has proto IPSEC_ULPROTO_ANY for any,
 * and for the Mobility Header has_mh_type/mh_type set with sport 0. */
int xfrm_policy_add(struct xfrm_handle *h, const struct ipsec_policy *p);
int xfrm_policy_update(struct xfrm_handle *h, const struct ipsec_policy *p);
/* Finds by p->index when non-zero, else by selector, dir and type. */
int xfrm_policy_delete(struct xfrm_handle *h, const struct ipsec_policy *p);
int xfrm_policy_get(struct xfrm_handle *h, struct ipsec_policy *p);
/* Calls cb for each policy; a negative return from cb is returned after the
 * dump has been read to its end. */
typedef int (*xfrm_policy_cb)(const struct ipsec_policy *p, void *arg);
int xfrm_policy_dump(struct xfrm_handle *h, xfrm_policy_cb cb, void *arg);
int xfrm_policy_flush(struct xfrm_handle *h, enum ipsec_policy_type type);

/* States.  sa->flags carries the kernel's XFRM_STATE_* flags unchanged.
 * Lifetime limits of 0 mean unlimited. */
int xfrm_sa_add(struct xfrm_handle *h, const struct ipsec_sa *sa);
int xfrm_sa_update(struct xfrm_handle *h, const struct ipsec_sa *sa);
/* Find by dst, spi, proto (and src when set).  MIP6 rh/hao states have no
 * SPI: give spi 0 and the src/dst of the state. */
int xfrm_sa_delete(struct xfrm_handle *h, const struct ipsec_sa *sa);
int xfrm_sa_get(struct xfrm_handle *h, struct ipsec_sa *sa);
typedef int (*xfrm_sa_cb)(const struct ipsec_sa *sa, void *arg);
int xfrm_sa_dump(struct xfrm_handle *h, xfrm_sa_cb cb, void *arg);
/* IPSEC_PROTO_NONE flushes every state, MIP6 rh/hao included. */
int xfrm_sa_flush(struct xfrm_handle *h, enum ipsec_proto proto);
/* Reserves an SPI in [min, max] for (sa->src, sa->dst, sa->proto, sa->mode,
 * sa->reqid, sa->seq) and stores it in sa->spi.  min = max = 0: the
 * kernel's default range. */
int xfrm_sa_allocspi(struct xfrm_handle *h, struct ipsec_sa *sa, uint32_t min, uint32_t max);

/* Sends XFRM_MSG_MIGRATE for one policy with 1..6 entries and an optional
 * KMADDRESS, and waits for the kernel's answer. */
int xfrm_migrate(struct xfrm_handle *h, const struct ipsec_migrate_msg *m);

/* Events. */
#define XFRM_EVGRP_ACQUIRE 0x01u
#define XFRM_EVGRP_EXPIRE  0x02u     /* EXPIRE and POLEXPIRE */
#define XFRM_EVGRP_SA      0x04u
#define XFRM_EVGRP_POLICY  0x08u
#define XFRM_EVGRP_MIGRATE 0x10u
#define XFRM_EVGRP_ALL     0x1fu

enum xfrm_event_type {
	XFRM_EV_ACQUIRE = 1,
	XFRM_EV_EXPIRE,
	XFRM_EV_POLEXPIRE,
	XFRM_EV_NEWSA,
	XFRM_EV_UPDSA,
	XFRM_EV_DELSA,
	XFRM_EV_FLUSHSA,
	XFRM_EV_NEWPOLICY,
	XFRM_EV_UPDPOLICY,
	XFRM_EV_DELPOLICY,
	XFRM_EV_FLUSHPOLICY,
	XFRM_EV_MIGRATE,
};

/* The kernel needs an SA for one template of a policy. */
struct xfrm_acquire {
	struct ipsec_policy policy;   /* with all its templates; dir as sent (out) */
	struct ipsec_selector flow;   /* the packet that triggered it */
	struct ip_addr src, dst;      /* endpoints of the SA to negotiate */
	enum ipsec_proto proto;
	enum ipsec_mode mode;         /* of the matching template, TRANSPORT if none */
	uint32_t reqid;               /* of the matching template, 0 if none */
	uint32_t seq;                 /* quote it in sa->seq when adding the SA */
};

struct xfrm_event {
	enum xfrm_event_type type;
	bool hard;                    /* EXPIRE, POLEXPIRE: hard limit reached */
	union {
		struct xfrm_acquire acquire;               /* ACQUIRE */
		struct ipsec_sa sa;                        /* EXPIRE, NEW/UPD/DELSA */
		struct ipsec_policy policy;                /* POLEXPIRE, NEW/UPD/DELPOLICY */
		struct ipsec_migrate_msg migrate;          /* MIGRATE */
		enum ipsec_proto flush_proto;              /* FLUSHSA: NONE = all (or all IPsec) */
		enum ipsec_policy_type flush_type;         /* FLUSHPOLICY */
	} u;
};

/* The event socket's descriptor (non-blocking), for an epoll loop. */
int xfrm_fd(const struct xfrm_handle *h);
/* Joins the groups in mask (XFRM_EVGRP_*). */
int xfrm_events_subscribe(struct xfrm_handle *h, unsigned mask);
/* Reads every pending message from the event socket and calls cb for each
 * kernel event it decodes; messages that are not from the kernel or not
 * events are skipped, malformed ones counted in *bad when bad is non-NULL.
 * Returns the number of events delivered, or a negative errno (-ENOBUFS: the
 * socket overran and events were lost; resynchronise with a dump).  Key
 * material of the event is wiped after cb returns. */
typedef void (*xfrm_event_cb)(const struct xfrm_event *ev, void *arg);
int xfrm_events_read(struct xfrm_handle *h, xfrm_event_cb cb, void *arg, unsigned *bad);

/* Pure decoder: one netlink message of len bytes (len >= nlmsg_len) into ev.
 * -EINVAL: malformed (truncated, missing or short attribute);
 * -EOPNOTSUPP: not an event this library decodes (caller ignores it). */
int xfrm_event_decode(const struct nlmsghdr *nlh, size_t len, struct xfrm_event *ev);
const char *xfrm_event_name(enum xfrm_event_type t);

#endif
