/* The SPD cache: the policies the kernel reported, looked up by index. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/km/km_impl.h"

void km_spd_cache_free(struct km_spd_cache *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}

void km_spd_cache_clear(struct km_spd_cache *c)
{
	c->n = 0;
}

static bool same(const struct ipsec_policy *a, const struct ipsec_policy *b)
{
	if (a->index && b->index)
		return a->index == b->index;
	return a->dir == b->dir && a->type == b->type && ipsec_selector_eq(&a->sel, &b->sel);
}

static size_t lookup(const struct km_spd_cache *c, const struct ipsec_policy *p)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		if (same(&c->v[i], p))
			return i;
	return c->n;
}

int km_spd_cache_put(struct km_spd_cache *c, const struct ipsec_policy *p)
{
	size_t i = lookup(c, p);

	if (i == c->n) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 16;
			struct ipsec_policy *v = realloc(c->v, cap * sizeof(*v));
			if (!v)
				return -ENOMEM;
			c->v = v;
			c->cap = cap;
		}
		c->n++;
	}
	c->v[i] = *p;
	return 0;
}

void km_spd_cache_del(struct km_spd_cache *c, const struct ipsec_policy *p)
{
	size_t i = lookup(c, p);
	if (i == c->n)
		return;
	c->v[i] = c->v[--c->n];
}

const struct ipsec_policy *km_spd_cache_find(const struct km_spd_cache *c, uint32_t index)
{
	size_t i;
	if (!index)
		return NULL;
	for (i = 0; i < c->n; i++)
		if (c->v[i].index == index)
			return &c->v[i];
	return NULL;
}
