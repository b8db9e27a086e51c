/* Internals shared by the files of mip6d/ha/ (not used elsewhere). */
#ifndef MIP6D_HA_HA_INT_H
#define MIP6D_HA_HA_INT_H

#include "mip6d/ha/bu.h"

/* Steps of one BU: binding install or update with up to HA_MAX_MNPS
 * prefixes (three policies, a route per prefix, the migrates). */
#define HA_PLAN_MAX 112u
/* Tunnel policies of one binding (see mip6d/ipsec/migrate.c). */
#define HA_SP_MAX 64u

struct ha_step {
	struct ha_action act;
	struct ha_action undo;          /* what reverts act */
	struct ha_action alt;           /* tried when act fails */
	struct ha_action alt_undo;
	bool has_undo, has_alt, used_alt;
};

struct ha_plan {
	size_t n;
	struct ha_step steps[HA_PLAN_MAX];
	/* scratch for building the steps */
	struct mip6_ipsec_op ops[HA_PLAN_MAX], rev[HA_PLAN_MAX];
	struct ipsec_policy sp_new[HA_SP_MAX], sp_old[HA_SP_MAX];
};

/* BindingAclPolicy entries sorted by HoA, then by file order. */
struct ha_acl_ent {
	const struct conf_acl *acl;
	size_t ord;
};

struct ha_index {
	size_t n;
	struct ha_acl_ent *v;
};

/* IPsecPolicySet by (HoA, HA), sorted, first set in file order wins. */
struct ha_set_ent {
	struct ip_addr hoa, ha;
	const struct conf_ipsec_set *set;
	size_t ord;
};

struct ha_set_index {
	size_t n;
	struct ha_set_ent *v;
};

/* The state a binding is to have. */
struct ha_bind {
	struct ip_addr hoa, ha, coa;
	const struct ip_prefix *mnps;
	size_t n_mnps;
	uint8_t flags;                  /* BU_FLAG_L, BU_FLAG_R matter here */
};

int ha_acl_build(struct ha_index *idx, const struct conf_acl *acls);
void ha_acl_free(struct ha_index *idx);
const struct conf_acl *ha_acl_find(const struct ha_index *idx, const struct ip_addr *hoa);
int ha_sets_build(struct ha_set_index *idx, const struct conf_ipsec_set *sets);
void ha_sets_free(struct ha_set_index *idx);
const struct conf_ipsec_set *ha_sets_find(const struct ha_set_index *idx, const struct ip_addr *ha,
					  const struct ip_addr *hoa);

/* Kernel steps (binding.c).  install and update return 0 or the error of
 * the step that failed, after undoing the ones done. */
int ha_binding_install(struct ha *ha, const struct ha_bind *nb);
int ha_binding_update(struct ha *ha, const struct bce *cur, const struct ha_bind *nb);
/* Best effort: every step is tried, failures only counted. */
void ha_binding_teardown(struct ha *ha, const struct bce *cur);

#endif
