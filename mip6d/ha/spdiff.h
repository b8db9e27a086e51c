/* The difference between two sets of Security Policies, for a change of
 * configuration applied to a running node (SIGHUP).  A policy's place in
 * the kernel is its direction, type and selector (XFRM finds a policy to
 * replace by these; the priority is not part of it).  A new policy, or one
 * whose place exists with other contents, is put (XFRM UPDPOLICY replaces
 * it in place, so it is never absent); an old policy whose place is gone is
 * deleted; an identical one is left alone.  Pure: no I/O. */
#ifndef MIP6D_HA_SPDIFF_H
#define MIP6D_HA_SPDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "common/ipsec.h"

/* Same place in the kernel's SPD: direction, type and selector. */
bool sp_same_place(const struct ipsec_policy *a, const struct ipsec_policy *b);
/* Same place and same contents (action, priority, templates, lifetimes;
 * the kernel's index is ignored). */
bool sp_equal(const struct ipsec_policy *a, const struct ipsec_policy *b);

/* put[] receives pointers into nw[] (at most n_new of them), del[] pointers
 * into old[] (at most n_old), in the order of their arrays.  Put first,
 * delete after: a kept or changed policy is never missing. */
void sp_diff(const struct ipsec_policy *old, size_t n_old, const struct ipsec_policy *nw,
	     size_t n_new, const struct ipsec_policy **put, size_t *n_put,
	     const struct ipsec_policy **del, size_t *n_del);

#endif
