/* The binding cache: a chained hash table keyed by the home address. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/ha/bcache.h"

#define BCACHE_MIN_BUCKETS 16u

/* SipHash-2-4 (Aumasson and Bernstein) of a short message. */
static inline uint64_t rotl(uint64_t x, unsigned b)
{
	return (x << b) | (x >> (64 - b));
}

#define SIPROUND()                                                                        \
	do {                                                                              \
		v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);                 \
		v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                    \
		v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                    \
		v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);                 \
	} while (0)

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint64_t siphash(const uint64_t key[2], const uint8_t *msg, size_t len)
{
	uint64_t v0 = key[0] ^ 0x736f6d6570736575ull;
	uint64_t v1 = key[1] ^ 0x646f72616e646f6dull;
	uint64_t v2 = key[0] ^ 0x6c7967656e657261ull;
	uint64_t v3 = key[1] ^ 0x7465646279746573ull;
	uint64_t last = (uint64_t)len << 56;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t m = le64(msg + i);

		v3 ^= m;
		SIPROUND();
		SIPROUND();
		v0 ^= m;
	}
	for (size_t j = 0; i + j < len; j++)
		last |= (uint64_t)msg[i + j] << (8 * j);
	v3 ^= last;
	SIPROUND();
	SIPROUND();
	v0 ^= last;
	v2 ^= 0xff;
	SIPROUND();
	SIPROUND();
	SIPROUND();
	SIPROUND();
	return v0 ^ v1 ^ v2 ^ v3;
}

static size_t bucket_of(const struct bcache *bc, const struct ip_addr *hoa)
{
	uint8_t buf[17];
	size_t len = addr_len(hoa);

	buf[0] = (uint8_t)hoa->family;
	memcpy(buf + 1, hoa->u.bytes, len);
	return (size_t)siphash(bc->key, buf, len + 1) & (bc->nbuckets - 1);
}

static void on_timer(struct timer *t, void *arg)
{
	struct bcache *bc = arg;
	struct bce *e = (struct bce *)((char *)t - offsetof(struct bce, timer));

	bc->expire(bc, e, bc->expire_arg);
}

int bcache_init(struct bcache *bc, struct timerq *tq, const uint8_t key[16],
		bcache_expire_fn *expire, void *arg)
{
	memset(bc, 0, sizeof(*bc));
	bc->buckets = calloc(BCACHE_MIN_BUCKETS, sizeof(*bc->buckets));
	if (!bc->buckets)
		return -ENOMEM;
	bc->nbuckets = BCACHE_MIN_BUCKETS;
	bc->key[0] = le64(key);
	bc->key[1] = le64(key + 8);
	bc->tq = tq;
	bc->expire = expire;
	bc->expire_arg = arg;
	return 0;
}

static void free_entry(struct bcache *bc, struct bce *e)
{
	timer_cancel(&e->timer);
	bc->n_mnps -= e->n_mnps;
	free(e->mnps);
	free(e);
}

void bcache_destroy(struct bcache *bc)
{
	for (size_t i = 0; i < bc->nbuckets; i++) {
		struct bce *e = bc->buckets[i], *next;

		for (; e; e = next) {
			next = e->hnext;
			free_entry(bc, e);
		}
	}
	free(bc->buckets);
	bc->buckets = NULL;
	bc->nbuckets = 0;
	bc->count = 0;
}

/* Rehashes into n buckets; keeps the old table if memory is short (the
 * table still works, only with longer chains). */
static void resize(struct bcache *bc, size_t n)
{
	struct bce **old = bc->buckets;
	size_t oldn = bc->nbuckets;
	struct bce **nb = calloc(n, sizeof(*nb));

	if (!nb)
		return;
	bc->buckets = nb;
	bc->nbuckets = n;
	for (size_t i = 0; i < oldn; i++) {
		struct bce *e = old[i], *next;

		for (; e; e = next) {
			size_t b = bucket_of(bc, &e->hoa);

			next = e->hnext;
			e->hnext = nb[b];
			nb[b] = e;
		}
	}
	free(old);
	bc->resizes++;
}

struct bce *bcache_get(const struct bcache *bc, const struct ip_addr *hoa)
{
	for (struct bce *e = bc->buckets[bucket_of(bc, hoa)]; e; e = e->hnext)
		if (addr_eq(&e->hoa, hoa))
			return e;
	return NULL;
}

int bcache_add(struct bcache *bc, const struct ip_addr *hoa, struct bce **out)
{
	struct bce *e;
	size_t b;

	if (bcache_get(bc, hoa))
		return -EEXIST;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->hoa = *hoa;
	e->state = BCE_DAD;
	timer_init(&e->timer, on_timer, bc);
	/* Grow at a load factor of 1: chains stay short on average. */
	if (bc->count + 1 > bc->nbuckets)
		resize(bc, bc->nbuckets * 2);
	b = bucket_of(bc, hoa);
	e->hnext = bc->buckets[b];
	bc->buckets[b] = e;
	bc->count++;
	*out = e;
	return 0;
}

void bcache_del(struct bcache *bc, struct bce *e)
{
	struct bce **pp = &bc->buckets[bucket_of(bc, &e->hoa)];

	for (; *pp; pp = &(*pp)->hnext) {
		if (*pp == e) {
			*pp = e->hnext;
			bc->count--;
			free_entry(bc, e);
			break;
		}
	}
	/* Shrink at a load factor of 1/8, so add/delete around a boundary
	 * does not rehash each time. */
	if (bc->nbuckets > BCACHE_MIN_BUCKETS && bc->count < bc->nbuckets / 8)
		resize(bc, bc->nbuckets / 2);
}

int bcache_set_mnps(struct bcache *bc, struct bce *e, const struct ip_prefix *mnps, size_t n)
{
	struct ip_prefix *copy = NULL;

	if (n > UINT8_MAX)
		return -EINVAL;
	if (n) {
		copy = malloc(n * sizeof(*copy));
		if (!copy)
			return -ENOMEM;
		memcpy(copy, mnps, n * sizeof(*copy));
	}
	bc->n_mnps = bc->n_mnps - e->n_mnps + n;
	free(e->mnps);
	e->mnps = copy;
	e->n_mnps = (uint8_t)n;
	return 0;
}

void bcache_arm(struct bcache *bc, struct bce *e, uint64_t when)
{
	timer_arm(bc->tq, &e->timer, when);
}

int bcache_foreach(const struct bcache *bc, bcache_iter_fn *fn, void *arg)
{
	for (size_t i = 0; i < bc->nbuckets; i++)
		for (struct bce *e = bc->buckets[i]; e; e = e->hnext) {
			int rc = fn(e, arg);

			if (rc)
				return rc;
		}
	return 0;
}

size_t bcache_memory(const struct bcache *bc)
{
	return bc->nbuckets * sizeof(*bc->buckets) + bc->count * sizeof(struct bce) +
	       bc->n_mnps * sizeof(struct ip_prefix);
}
