/* Inside racoond/km: the state both backends share, the backend operation
 * table, the SPD cache, and the pure translations from kernel messages to
 * km events (unit-tested without a kernel). */
#ifndef RACOOND_KM_KM_IMPL_H
#define RACOOND_KM_KM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "common/evloop.h"
#include "common/timer.h"
#include "racoond/km/km.h"

struct pfkey_msg;
struct xfrm_event;

/* The policies the kernel reported, by index: ACQUIREs over PF_KEY name
 * their policy only by its id. */
struct km_spd_cache {
	struct ipsec_policy *v;
	size_t n, cap;
};

void km_spd_cache_free(struct km_spd_cache *c);
void km_spd_cache_clear(struct km_spd_cache *c);
/* Inserts or replaces (same index; without an index, same selector,
 * direction and type).  0 or -ENOMEM. */
int km_spd_cache_put(struct km_spd_cache *c, const struct ipsec_policy *p);
void km_spd_cache_del(struct km_spd_cache *c, const struct ipsec_policy *p);
const struct ipsec_policy *km_spd_cache_find(const struct km_spd_cache *c, uint32_t index);

/* Result of a translation. */
enum km_xlate {
	KM_XLATE_EVENT = 1,          /* *ev filled */
	KM_XLATE_IGNORE = 0,         /* valid, nothing for the engine */
};

/* PF_KEY message -> event.  own_pid: our socket's pid (SA deletions we
 * asked for are not reported).  Returns KM_XLATE_*, -EINVAL for a
 * malformed message, -ENOENT for an ACQUIRE naming an unknown policy. */
int km_pfkey_translate(const struct pfkey_msg *m, uint32_t own_pid,
		       const struct km_spd_cache *spd, struct km_event *ev);
/* Decoded XFRM event -> event.  Same returns. */
int km_xfrm_translate(const struct xfrm_event *xe, struct km_event *ev);

/* One backend. */
struct km_ops {
	int (*open)(struct km *km);
	void (*close)(struct km *km);
	int (*getspi)(struct km *km, struct ipsec_sa *sa, uint32_t seq);
	int (*update_sa)(struct km *km, const struct ipsec_sa *sa);
	int (*add_sa)(struct km *km, const struct ipsec_sa *sa);
	int (*delete_sa)(struct km *km, const struct ipsec_sa *key);
	int (*get_sa)(struct km *km, struct ipsec_sa *io);
	int (*sa_dump)(struct km *km, enum ipsec_proto proto, km_sa_fn *cb, void *arg);
	int (*sa_flush)(struct km *km, enum ipsec_proto proto);
	int (*spd_dump)(struct km *km);
	int (*spd_add)(struct km *km, const struct ipsec_policy *p);
	int (*spd_delete)(struct km *km, const struct ipsec_policy *p);
	/* Reads and delivers what is waiting (socket and internal queue). */
	void (*pump)(struct km *km);
};

extern const struct km_ops km_pfkey_ops;
extern const struct km_ops km_xfrm_ops;

/* An event produced while serving an operation, delivered later from the
 * loop so that the engine's callback never runs inside its own call. */
struct km_pending {
	struct km_event ev;
	struct km_pending *next;
};

#define KM_OWN_DELETES 32

/* CPIs negotiated for IPComp: 256 up (0-255 well-known or reserved,
 * RFC 3173 3.3), 16 bits. */
#define KM_CPI_MIN 0x100
#define KM_CPI_MAX 0xffff

struct km_own_delete {
	struct ip_addr dst;
	uint32_t spi;
	enum ipsec_proto proto;
};

struct km {
	enum km_backend backend;
	const struct km_ops *ops;
	struct ev_loop *loop;
	km_event_fn *fn;
	void *arg;
	void *priv;                  /* the backend's state */
	int fd;                      /* the socket events arrive on (set by open) */
	struct ev_io io;
	struct timer defer;          /* drains pending events and queued messages */
	struct km_pending *pend_head, *pend_tail;
	struct km_spd_cache spd;
	struct km_stats stats;
	struct km_own_delete own_del[KM_OWN_DELETES];
	unsigned own_del_next;
	char err[256];
};

/* Delivers an event now: updates the SPD cache, then calls the callback. */
void km_deliver(struct km *km, const struct km_event *ev);
/* Queues an event for delivery from the loop.  0 or -ENOMEM. */
int km_post(struct km *km, const struct km_event *ev);
/* Asks for a pass of the deferred work (backends with queued input). */
void km_kick(struct km *km);
/* Records the message of a failed operation. */
void km_set_error(struct km *km, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
