/* The Home Agent's binding cache: one entry per home address, in a hash
 * table keyed by the HoA (keyed SipHash, so a peer cannot aim at one
 * chain) that grows and shrinks with the number of bindings.  Each entry
 * embeds its timer (lifetime expiry, or the guard of a pending DAD); what
 * happens when it fires is the owner's business (bcache_init's expire_fn).
 *
 * The table owns the entries' memory: bcache_add allocates, bcache_del
 * frees.  Nothing here does I/O. */
#ifndef MIP6D_HA_BCACHE_H
#define MIP6D_HA_BCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/timer.h"
#include "mip6d/ha/bastatus.h"

enum bce_state {
	BCE_DAD = 0,            /* new home registration waiting for DAD on the HoA */
	BCE_BOUND,              /* registered: kernel state installed */
};

struct bce {
	struct bce *hnext;              /* hash chain */
	struct timer timer;
	struct ip_addr hoa;
	struct ip_addr coa;             /* BCE_DAD: the CoA asked for */
	struct ip_addr ha;              /* our address the BU was sent to */
	struct ip_prefix *mnps;         /* NEMO prefixes (owned), NULL if none */
	uint64_t expires;               /* ms on the queue's clock; BCE_BOUND only */
	uint32_t lifetime;              /* granted, seconds */
	uint16_t seq;                   /* last accepted (BCE_DAD: the pending BU's) */
	uint8_t flags;                  /* BU_FLAG_* of the last accepted BU */
	uint8_t n_mnps;
	uint8_t state;                  /* enum bce_state */
};

struct bcache;
/* Called when an entry's timer fires; the callee decides (delete it,
 * re-arm it).  The entry is still in the table. */
typedef void bcache_expire_fn(struct bcache *bc, struct bce *e, void *arg);

struct bcache {
	struct bce **buckets;
	size_t nbuckets;                /* a power of two */
	size_t count;
	uint64_t key[2];                /* hash key */
	struct timerq *tq;
	bcache_expire_fn *expire;
	void *expire_arg;
	size_t n_mnps;                  /* prefixes held by all entries */
	size_t resizes;                 /* statistics: rehashes done */
};

/* key: 16 bytes of secret for the hash (the daemon takes them from
 * getrandom(); tests may pass anything).  0 or -ENOMEM. */
int bcache_init(struct bcache *bc, struct timerq *tq, const uint8_t key[16],
		bcache_expire_fn *expire, void *arg);
/* Frees every entry (timers cancelled, no callback) and the table. */
void bcache_destroy(struct bcache *bc);

struct bce *bcache_get(const struct bcache *bc, const struct ip_addr *hoa);
/* Adds a zeroed entry for hoa (state BCE_DAD, timer idle).  -EEXIST if one
 * exists, -ENOMEM; *out gets the entry. */
int bcache_add(struct bcache *bc, const struct ip_addr *hoa, struct bce **out);
/* Unlinks and frees e (its timer cancelled, its prefixes freed). */
void bcache_del(struct bcache *bc, struct bce *e);
/* Replaces e's prefix list by a copy of n prefixes.  0, -EINVAL for more
 * than 255, or -ENOMEM (then unchanged). */
int bcache_set_mnps(struct bcache *bc, struct bce *e, const struct ip_prefix *mnps, size_t n);
/* Arms e's timer to fire at the absolute time when (ms). */
void bcache_arm(struct bcache *bc, struct bce *e, uint64_t when);

static inline size_t bcache_count(const struct bcache *bc) { return bc->count; }

/* Calls fn on every entry, in no particular order, until it returns
 * non-zero (returned).  fn must not add or delete entries. */
typedef int bcache_iter_fn(struct bce *e, void *arg);
int bcache_foreach(const struct bcache *bc, bcache_iter_fn *fn, void *arg);

/* Heap bytes the table uses (buckets, entries, prefixes): for the bench
 * and the control tool. */
size_t bcache_memory(const struct bcache *bc);

#endif
