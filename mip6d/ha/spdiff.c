/* Policy set difference: see spdiff.h. */
#include <stdint.h>

#include "mip6d/ha/spdiff.h"

bool sp_same_place(const struct ipsec_policy *a, const struct ipsec_policy *b)
{
	return a->dir == b->dir && a->type == b->type && ipsec_selector_eq(&a->sel, &b->sel);
}

static bool tmpl_equal(const struct ipsec_template *a, const struct ipsec_template *b)
{
	return a->proto == b->proto && a->mode == b->mode && addr_eq(&a->src, &b->src) &&
	       addr_eq(&a->dst, &b->dst) && a->reqid == b->reqid && a->spi == b->spi &&
	       a->level == b->level;
}

bool sp_equal(const struct ipsec_policy *a, const struct ipsec_policy *b)
{
	if (!sp_same_place(a, b) || a->action != b->action || a->priority != b->priority ||
	    a->ntmpl != b->ntmpl || a->lifetime_soft_add != b->lifetime_soft_add ||
	    a->lifetime_hard_add != b->lifetime_hard_add)
		return false;
	for (uint8_t i = 0; i < a->ntmpl && i < IPSEC_MAX_TEMPLATES; i++)
		if (!tmpl_equal(&a->tmpl[i], &b->tmpl[i]))
			return false;
	return true;
}

void sp_diff(const struct ipsec_policy *old, size_t n_old, const struct ipsec_policy *nw,
	     size_t n_new, const struct ipsec_policy **put, size_t *n_put,
	     const struct ipsec_policy **del, size_t *n_del)
{
	*n_put = *n_del = 0;
	for (size_t i = 0; i < n_new; i++) {
		bool same = false;

		for (size_t j = 0; j < n_old && !same; j++)
			same = sp_equal(&nw[i], &old[j]);
		if (!same)
			put[(*n_put)++] = &nw[i];
	}
	for (size_t j = 0; j < n_old; j++) {
		bool kept = false;

		for (size_t i = 0; i < n_new && !kept; i++)
			kept = sp_same_place(&old[j], &nw[i]);
		if (!kept)
			del[(*n_del)++] = &old[j];
	}
}
