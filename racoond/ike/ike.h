/* racoond's IKEv1 exchange engine: Main, Aggressive, Quick and
 * Informational exchanges, DPD, retransmission, MIGRATE handling.
 *
 * A pure engine: it reads no socket and talks to no kernel.  The daemon
 * hands it received datagrams (ike_input), kernel events (ike_km_event)
 * and runs the timer queue it was given; the engine answers through the
 * ops: datagrams to send and key-manager operations that mirror km.h.
 * Every call returns 0 or a negative errno. */
#ifndef RACOOND_IKE_H
#define RACOOND_IKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/ipsec.h"
#include "common/timer.h"
#include "racoond/conf/conf.h"
#include "racoond/km/km.h"

/* An IKE endpoint: address and UDP port (host order). */
struct ike_ep {
	struct ip_addr addr;
	uint16_t port;
};

/* What the engine asks of the daemon.  The key-manager calls have the
 * meaning of km_getspi/km_update_sa/km_add_sa/km_delete_sa. */
struct ike_ops {
	int (*send)(void *ctx, const struct ike_ep *local, const struct ike_ep *remote,
		    const uint8_t *buf, size_t len);
	int (*getspi)(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
		      enum ipsec_proto proto, enum ipsec_mode mode, uint32_t reqid,
		      uint32_t seq, uint32_t *spi);
	int (*update_sa)(void *ctx, const struct ipsec_sa *sa);
	int (*add_sa)(void *ctx, const struct ipsec_sa *sa);
	int (*delete_sa)(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
			 enum ipsec_proto proto, uint32_t spi);
	/* generate_policy: km_spd_add/km_spd_delete (NULL: never generated). */
	int (*spd_add)(void *ctx, const struct ipsec_policy *p);
	int (*spd_delete)(void *ctx, const struct ipsec_policy *p);
};

/* Counters of what was refused or noticed (racoonctl, logs, tests). */
struct ike_stats {
	uint64_t rx, tx;
	uint64_t malformed;          /* undecodable, truncated, bad padding */
	uint64_t unknown_cookie;     /* no phase 1 for the cookies */
	uint64_t unexpected;         /* right SA, wrong exchange or state */
	uint64_t unprotected_info;   /* plain informational for a live SA */
	uint64_t bad_hash;
	uint64_t bad_auth;           /* signature, certificate, identity, PSK */
	uint64_t no_proposal;
	uint64_t no_config;          /* no remote/sainfo for a peer */
	uint64_t passive_refused;    /* ACQUIRE for a passive remote, no SA to reuse */
	uint64_t retransmits_answered;
	uint64_t resends;
	uint64_t timeouts;
	uint64_t notifies_rx;
	uint64_t ph1_established, ph2_established;
	uint64_t kernel_errors;
	uint64_t dpd_dead;
	uint64_t too_many;           /* half-open negotiations over the limit */
};

struct ike_engine;
struct ike_creds;

/* conf, its credentials (creds.h; NULL: none loaded) and timerq must
 * outlive the engine (or the next reload); they stay the caller's. */
int ike_engine_new(struct ike_engine **out, struct timerq *tq, const struct rc_conf *conf,
		   struct ike_creds *creds, const struct ike_ops *ops, void *ctx);
/* Frees everything without telling anyone (see ike_engine_flush). */
void ike_engine_free(struct ike_engine *e);
/* SIGTERM: sends DELETE for every SA, removes the SAs it installed from
 * the kernel, and drops every handle. */
void ike_engine_flush(struct ike_engine *e);
/* SIGHUP: switches to conf and its credentials.  Phase 1 SAs are bound to
 * the new remotes by address (dropped when none fits); negotiations in
 * progress are dropped.  The old configuration and credentials may be
 * freed once this returns. */
int ike_engine_reload(struct ike_engine *e, const struct rc_conf *conf, struct ike_creds *creds);
const struct ike_stats *ike_engine_stats(const struct ike_engine *e);

/* One received datagram (port 500: as read; port 4500: non-ESP marker
 * already stripped).  Bad input is counted and dropped: returns 0 then
 * too, or -EINVAL/-ENOENT for the caller's own log if it wants one. */
int ike_input(struct ike_engine *e, const uint8_t *buf, size_t len, const struct ike_ep *local,
	      const struct ike_ep *remote);
/* ACQUIRE, EXPIRE, MIGRATE, SPD and SA events from km.  Feed the SPD
 * (km_spd_dump at start, then its updates): a responder takes the reqid
 * of its SAs from the inbound policy matching the negotiated IDs. */
int ike_km_event(struct ike_engine *e, const struct km_event *ev);

/* racoonctl establish-sa: starts phase 1 towards remote from local
 * (local AF_UNSPEC: the daemon's choice is left to the send op). */
int ike_establish(struct ike_engine *e, const struct ike_ep *local, const struct ike_ep *remote);

/* Read-only views for show-sa. */
struct ike_ph1_info {
	unsigned id;
	struct ike_ep local, remote;
	uint8_t icookie[8], rcookie[8];
	bool initiator, established;
	uint8_t exchange;
	uint64_t created_ms;
};
struct ike_ph2_info {
	unsigned id;
	unsigned ph1_id;             /* 0: none */
	struct ip_addr sa_src, sa_dst;  /* SA endpoints, local then remote */
	struct ip_prefix id_local, id_remote;
	uint8_t ulproto;
	enum ipsec_mode mode;
	uint32_t spi_in, spi_out;
	bool initiator, established;
};
typedef void ike_ph1_fn(const struct ike_ph1_info *i, void *arg);
typedef void ike_ph2_fn(const struct ike_ph2_info *i, void *arg);
void ike_ph1_foreach(struct ike_engine *e, ike_ph1_fn *fn, void *arg);
void ike_ph2_foreach(struct ike_engine *e, ike_ph2_fn *fn, void *arg);

/* racoonctl delete-sa: phase 1 by id (sends DELETE, keeps its phase 2
 * SAs as racoon does), phase 2 by id (DELETE to the peer, SAs removed). */
int ike_delete_ph1(struct ike_engine *e, unsigned id);
int ike_delete_ph2(struct ike_engine *e, unsigned id);

#endif
