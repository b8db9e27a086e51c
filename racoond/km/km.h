/* racoond's kernel key-manager interface: one interface, two backends
 * (PF_KEY, the default as racoon's users run it; XFRM netlink for kernels
 * built without PF_KEY).  Both deliver the same neutral events and accept
 * the same operations, in the types of common/ipsec.h.
 *
 * Operations are synchronous (the kernel answers at once); events arrive
 * through the event loop and are handed to the callback given at open. */
#ifndef RACOOND_KM_KM_H
#define RACOOND_KM_KM_H

#include <stdbool.h>
#include <stdint.h>

#include "common/evloop.h"
#include "common/ipsec.h"

enum km_backend {
	KM_BACKEND_AUTO = 0,         /* PF_KEY if the kernel has it, else XFRM */
	KM_BACKEND_PFKEY,
	KM_BACKEND_XFRM,
};

enum km_event_type {
	KM_EV_ACQUIRE,               /* a policy needs an SA: negotiate */
	KM_EV_EXPIRE,                /* an SA reached its soft or hard lifetime */
	KM_EV_MIGRATE,               /* a policy and its SAs moved (mip6d) */
	KM_EV_SPD_ADD,               /* the SPD changed (also while dumping at start) */
	KM_EV_SPD_DELETE,
	KM_EV_SA_DELETE,             /* an SA went away (not by us) */
};

struct km_acquire {
	uint32_t seq;                /* kernel's sequence, echoed in GETSPI/UPDATE */
	struct ip_addr src, dst;     /* the SA's endpoints (template or selector) */
	struct ipsec_policy policy;  /* the policy that asked, with its templates */
};

struct km_expire {
	struct ipsec_sa sa;          /* endpoints, SPI, proto, mode, reqid, counters */
	bool hard;
};

struct km_event {
	enum km_event_type type;
	union {
		struct km_acquire acquire;
		struct km_expire expire;
		struct ipsec_migrate_msg migrate;   /* with its KMADDRESS when sent */
		struct ipsec_policy policy;         /* SPD_ADD, SPD_DELETE */
		struct ipsec_sa sa;                 /* SA_DELETE */
	} u;
};

struct km;

typedef void km_event_fn(const struct km_event *ev, void *arg);

/* Opens the backend, registers for ESP, AH and IPComp, subscribes to the
 * events above and starts watching them on loop.  0 or -errno. */
int km_open(struct km **out, enum km_backend which, struct ev_loop *loop,
	    km_event_fn *fn, void *arg);
void km_close(struct km *km);
enum km_backend km_backend_of(const struct km *km);
const char *km_backend_name(enum km_backend b);
/* The last error's message, naming the object (for the caller's log line). */
const char *km_last_error(const struct km *km);

/* Reserves an SPI for an inbound SA (a larval state).  seq is the ACQUIRE's
 * sequence (0 when responding).  0 or -errno. */
int km_getspi(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
	      enum ipsec_proto proto, enum ipsec_mode mode, uint32_t reqid,
	      uint32_t seq, uint32_t *spi);
/* Completes a larval SA (inbound, after getspi) with keys and lifetimes. */
int km_update_sa(struct km *km, const struct ipsec_sa *sa);
/* Adds a complete SA (outbound). */
int km_add_sa(struct km *km, const struct ipsec_sa *sa);
int km_delete_sa(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
		 enum ipsec_proto proto, uint32_t spi);
/* Reads one SA back (counters, lifetimes).  0, -ENOENT or -errno. */
int km_get_sa(struct km *km, const struct ip_addr *src, const struct ip_addr *dst,
	      enum ipsec_proto proto, uint32_t spi, struct ipsec_sa *out);

/* Reports every policy of the SPD as KM_EV_SPD_ADD through the callback
 * (racoond does this at start, as racoon does).  0 or -errno. */
int km_spd_dump(struct km *km);
/* generate_policy: the responder installs policies for a road warrior. */
int km_spd_add(struct km *km, const struct ipsec_policy *p);
int km_spd_delete(struct km *km, const struct ipsec_policy *p);

/* Additions for the daemon and racoonctl. */

/* Calls cb for each SA of the kernel's SAD of protocol proto
 * (IPSEC_PROTO_NONE: ESP, AH and IPComp).  A non-zero return of cb stops
 * the walk and is returned.  0 or -errno. */
typedef int km_sa_fn(const struct ipsec_sa *sa, void *arg);
int km_sa_dump(struct km *km, enum ipsec_proto proto, km_sa_fn *cb, void *arg);
/* Deletes every SA of proto (IPSEC_PROTO_NONE: ESP, AH and IPComp, never
 * the MIP6 states of mip6d).  0 or -errno. */
int km_sa_flush(struct km *km, enum ipsec_proto proto);

/* Counters of what came from the kernel. */
struct km_stats {
	uint64_t events;             /* delivered to the callback */
	uint64_t bad;                /* malformed messages, rejected */
	uint64_t ignored;            /* valid but of no interest */
	uint64_t unknown_policy;     /* ACQUIREs naming a policy not in the SPD cache */
	uint64_t overruns;           /* event socket overran: SPD re-dumped */
};
void km_get_stats(const struct km *km, struct km_stats *out);
/* The policy of the SPD cache with this kernel index, or NULL. */
const struct ipsec_policy *km_spd_find(const struct km *km, uint32_t index);
/* Number of policies in the SPD cache. */
size_t km_spd_count(const struct km *km);

#endif
