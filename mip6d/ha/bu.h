/* The Home Agent engine: processing of decoded home-registration Binding
 * Updates (RFC 6275 9.5.1, 10.3.1, 10.3.2; RFC 3963 for mobile routers),
 * the binding cache's lifetimes, and the kernel steps of each binding.
 *
 * Inputs: ha_process_bu (a decoded, IPsec-checked BU), ha_dad_done (the
 * daemon finished the DAD the engine asked for), the timer queue.
 * Outputs, through struct ha_ops: the Binding Acknowledgement to send, DAD
 * requests, and kernel steps (struct ha_action) applied one at a time in
 * the order described in binding.c; when one fails the steps already done
 * are undone in reverse order and the BU is answered with status 130,
 * which the MN retries on. */
#ifndef MIP6D_HA_BU_H
#define MIP6D_HA_BU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/timer.h"
#include "mip6d/conf/conf.h"
#include "mip6d/ha/bastatus.h"
#include "mip6d/ha/bcache.h"
#include "mip6d/ipsec/plan.h"

/* Mobile network prefixes accepted per binding. */
#define HA_MAX_MNPS 8u
/* How long a new binding waits for the daemon's DAD verdict (ms) before
 * it is dropped without answer (the MN retransmits). */
#define HA_DAD_GUARD_MS 5000u

/* A decoded Binding Update, as the MH codec and the socket layer give it. */
struct ha_bu {
	struct ip_addr src;             /* IPv6 source address: the care-of address */
	struct ip_addr dst;             /* IPv6 destination: our (HA) address */
	struct ip_addr hoa;             /* Home Address destination option */
	struct ip_addr alt_coa;         /* Alternate Care-of Address option; AF_UNSPEC if none */
	uint16_t seq;
	uint8_t flags;                  /* BU_FLAG_* (bcache.h) */
	uint16_t lifetime;              /* 4 s units */
	const struct ip_prefix *mnps;   /* Mobile Network Prefix options */
	size_t n_mnps;
};

/* A Binding Acknowledgement to send. */
struct ha_ba {
	struct ip_addr src;             /* our address (the BU's destination) */
	struct ip_addr dst;             /* the BU's source address */
	struct ip_addr hoa;             /* for the type 2 routing header */
	uint8_t status;
	uint8_t flags;                  /* BA_FLAG_* */
	uint16_t seq;
	uint16_t lifetime;              /* 4 s units */
};

/* One kernel step of a binding. */
enum ha_act_kind {
	HA_ACT_MIP6_BIND = 0,   /* MIP6 RH2/HAO states and policies: HoA bound to coa (add or update) */
	HA_ACT_MIP6_UNBIND,     /* remove them */
	HA_ACT_IPSEC,           /* ipsec: SP add (or replace), SP delete, MIGRATE */
	HA_ACT_TUNNEL_ADD,      /* the binding's ip6 tunnel ha -> coa */
	HA_ACT_TUNNEL_MOD,      /* retarget it old_coa -> coa */
	HA_ACT_TUNNEL_DEL,
	HA_ACT_ROUTE_ADD,       /* prefix routed into the binding's tunnel */
	HA_ACT_ROUTE_DEL,
	HA_ACT_PROXY_ADD,       /* proxy ND for prefix.addr on the home link; router: NTF_ROUTER */
	HA_ACT_PROXY_DEL,
};

struct ha_action {
	enum ha_act_kind kind;
	struct ip_addr hoa;
	struct ip_addr ha;
	struct ip_addr coa;
	struct ip_addr old_coa;         /* TUNNEL_MOD */
	struct ip_prefix prefix;        /* ROUTE_*, PROXY_* */
	bool router;                    /* PROXY_ADD */
	struct mip6_ipsec_op ipsec;     /* IPSEC */
};

struct ha_ops {
	/* Applies one step; 0 or a negative errno.  For a MIGRATE, -ENOENT
	 * (no such policy) counts as success. */
	int (*apply)(void *ctx, const struct ha_action *a);
	void (*send_ba)(void *ctx, const struct ha_ba *ba);
	/* Starts DAD for e->hoa (and its link-local address if link_local);
	 * the daemon answers with ha_dad_done.  NULL: no DAD, a new binding
	 * is installed at once. */
	void (*start_dad)(void *ctx, const struct bce *e, bool link_local);
};

struct ha_config {
	const struct mip6_conf *conf;   /* node type, HaMaxBindingLife, ACLs, HaAcceptMobRtr,
					 * KeyMngMobCapability, UseMnHaIPsec, IPsecPolicySets,
					 * HaServedPrefix, DefaultBindingAclPolicy */
	const struct ip_prefix *home_prefixes;  /* on-link prefixes of the home link(s) */
	size_t n_home_prefixes;
	uint8_t hash_key[16];           /* binding cache hash key (random in the daemon) */
};

struct ha_stats {
	uint64_t bu;                    /* BUs processed */
	uint64_t dropped;               /* silently discarded */
	uint64_t accepted;              /* BAs with status < 128 */
	uint64_t rejected;              /* BAs with status >= 128 */
	uint64_t kernel_failures;       /* steps that failed (rolled back or, on teardown, skipped) */
	uint64_t expired;
};

struct ha_index;
struct ha_set_index;
struct ha_plan;

struct ha {
	struct bcache bc;
	struct timerq *tq;
	const struct mip6_conf *conf;
	struct ip_prefix *home_prefixes;
	size_t n_home_prefixes;
	const struct ha_ops *ops;
	void *ctx;
	struct ha_index *acl;           /* BindingAclPolicy by HoA */
	struct ha_set_index *sets;      /* IPsecPolicySet by (HoA, HA) */
	struct ha_plan *plan;           /* scratch for the steps of one BU */
	struct ha_stats stats;
};

/* 0, -ENOMEM, or -EINVAL (a configuration that is not a HA's). */
int ha_init(struct ha *ha, struct timerq *tq, const struct ha_config *cfg,
	    const struct ha_ops *ops, void *ctx);
/* Frees everything without touching the kernel (see ha_flush). */
void ha_destroy(struct ha *ha);
/* Tears every binding down (kernel steps, no BA): daemon exit. */
void ha_flush(struct ha *ha);

/* Processes one BU.  Returns 0 when it was handled (a BA sent, or one
 * will be after DAD), -EOPNOTSUPP when it is not a home registration (H
 * clear: a correspondent binding, for other code), -EINVAL for a care-of
 * address that is not a unicast global one, -ELOOP when the care-of
 * address is itself a bound home address, -EBUSY for a BU during DAD that
 * is not newer than the pending one (all three dropped without answer). */
int ha_process_bu(struct ha *ha, const struct ha_bu *bu);
/* The daemon's DAD verdict for hoa: installs the binding and answers, or
 * answers 134. -ENOENT if no binding waits for DAD. */
int ha_dad_done(struct ha *ha, const struct ip_addr *hoa, bool ok);

/* Removes the binding of hoa administratively (control tool, "bc del"):
 * the kernel steps of a removal, no BA.  -ENOENT if there is none. */
int ha_remove(struct ha *ha, const struct ip_addr *hoa);

/* A change of configuration (SIGHUP), in two steps so that the daemon can
 * still give up between them.  ha_reconf_prepare indexes nc's
 * BindingAclPolicy and IPsecPolicySet (0 or -ENOMEM; the engine is not
 * touched; ha_reconf_abort frees what it made).  ha_reconf_commit brings
 * each bound binding's tunnel policies from its old IPsecPolicySet to its
 * new one (new or changed ones put first, vanished ones deleted after;
 * identical ones untouched) and switches the engine to nc: its ACLs,
 * HaMaxBindingLife, HaAcceptMobRtr... apply from the next BU.  Both
 * configurations must be alive during the commit; nc stays in use. */
struct ha_reconf {
	struct ha_index *acl;
	struct ha_set_index *sets;
	size_t put, del, failed;        /* per-binding policy operations */
};
int ha_reconf_prepare(struct ha_reconf *r, const struct mip6_conf *nc);
void ha_reconf_abort(struct ha_reconf *r);
void ha_reconf_commit(struct ha *ha, struct ha_reconf *r, const struct mip6_conf *nc);

static inline struct bcache *ha_bcache(struct ha *ha) { return &ha->bc; }

/* The link-local address with the interface identifier of hoa (fe80::/64). */
void ha_link_local(struct ip_addr *ll, const struct ip_addr *hoa);

#endif
