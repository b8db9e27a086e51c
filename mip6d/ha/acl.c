/* Look-ups by home address on the BU path, BindingAclPolicy and
 * IPsecPolicySet: sorted indexes built once from the configuration, so
 * the BU path does a binary search, not a scan. */
#include <errno.h>
#include <stdlib.h>

#include "mip6d/ha/ha_int.h"

static int cmp_ent(const void *a, const void *b)
{
	const struct ha_acl_ent *x = a, *y = b;
	int c = addr_cmp(&x->acl->hoa, &y->acl->hoa);

	if (c)
		return c;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

int ha_acl_build(struct ha_index *idx, const struct conf_acl *acls)
{
	size_t n = 0;

	idx->n = 0;
	idx->v = NULL;
	for (const struct conf_acl *a = acls; a; a = a->next)
		n++;
	if (!n)
		return 0;
	idx->v = malloc(n * sizeof(*idx->v));
	if (!idx->v)
		return -ENOMEM;
	n = 0;
	for (const struct conf_acl *a = acls; a; a = a->next, n++)
		idx->v[n] = (struct ha_acl_ent){ a, n };
	qsort(idx->v, n, sizeof(*idx->v), cmp_ent);
	idx->n = n;
	return 0;
}

void ha_acl_free(struct ha_index *idx)
{
	free(idx->v);
	idx->v = NULL;
	idx->n = 0;
}

/* The first line written for hoa (UMIP's list is searched in file order). */
const struct conf_acl *ha_acl_find(const struct ha_index *idx, const struct ip_addr *hoa)
{
	size_t lo = 0, hi = idx->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr_cmp(&idx->v[mid].acl->hoa, hoa) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < idx->n && addr_eq(&idx->v[lo].acl->hoa, hoa) ? idx->v[lo].acl : NULL;
}

static int cmp_set(const void *a, const void *b)
{
	const struct ha_set_ent *x = a, *y = b;
	int c = addr_cmp(&x->hoa, &y->hoa);

	if (!c)
		c = addr_cmp(&x->ha, &y->ha);
	if (c)
		return c;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

int ha_sets_build(struct ha_set_index *idx, const struct conf_ipsec_set *sets)
{
	size_t n = 0;

	idx->n = 0;
	idx->v = NULL;
	for (const struct conf_ipsec_set *s = sets; s; s = s->next)
		for (const struct conf_prefix *h = s->hoas; h; h = h->next)
			n++;
	if (!n)
		return 0;
	idx->v = malloc(n * sizeof(*idx->v));
	if (!idx->v)
		return -ENOMEM;
	n = 0;
	for (const struct conf_ipsec_set *s = sets; s; s = s->next)
		for (const struct conf_prefix *h = s->hoas; h; h = h->next, n++)
			idx->v[n] = (struct ha_set_ent){ h->prefix.addr, s->ha_addr, s, n };
	qsort(idx->v, n, sizeof(*idx->v), cmp_set);
	idx->n = n;
	return 0;
}

void ha_sets_free(struct ha_set_index *idx)
{
	free(idx->v);
	idx->v = NULL;
	idx->n = 0;
}

const struct conf_ipsec_set *ha_sets_find(const struct ha_set_index *idx, const struct ip_addr *ha,
					  const struct ip_addr *hoa)
{
	struct ha_set_ent key = { .hoa = *hoa, .ha = *ha, .ord = 0 };
	size_t lo = 0, hi = idx->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_set(&idx->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < idx->n && addr_eq(&idx->v[lo].hoa, hoa) && addr_eq(&idx->v[lo].ha, ha))
		return idx->v[lo].set;
	return NULL;
}
