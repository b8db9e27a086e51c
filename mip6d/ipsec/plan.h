/* Pure planning of the IPsec side of Mobile IPv6 (RFC 3776, RFC 4877):
 * which Security Policies an IPsecPolicySet of mip6d.conf stands for, and
 * which MIGRATE requests (with KMADDRESS) a movement needs.  Nothing here
 * talks to the kernel: the daemon hands the results to libxfrm.
 *
 * Addressing model.  Transport-mode policies and SAs are HoA <-> HA and
 * never change; a MIGRATE of them only tells the key manager (KMADDRESS)
 * where IKE must now talk.  Tunnel-mode policies carry the care-of
 * address as the MN's tunnel endpoint.  Unlike UMIP, which installs them
 * with the HoA as a placeholder and migrates them at once, they are
 * installed directly with the real care-of address: the placeholder
 * window is what let traffic create a larval SA that made the MIGRATE
 * fail (anchor-behaviour.md), so it does not exist here. */
#ifndef MIP6D_IPSEC_PLAN_H
#define MIP6D_IPSEC_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "common/ipsec.h"
#include "mip6d/conf/conf.h"

/* Policy priorities (lower value wins), as UMIP 1.0's (umip.md 4.4).  The
 * UMIP 0.4 dump of seed 002 shows 10 for TunnelPayload; 1.0 uses 13, which
 * keeps the tunnelled MH types (10) ahead of the payload. */
#define MIP6_PRIO_HOME_SIG          2u   /* MH between HoA and HA */
#define MIP6_PRIO_HOME_SIG_ANY      3u   /* MN: other MH from the HA bypass */
#define MIP6_PRIO_BYPASS_BU         4u   /* MN: BUs to correspondents bypass */
#define MIP6_PRIO_HOME_DATA_IPSEC   5u   /* ICMPv6 / any between HoA and HA */
#define MIP6_PRIO_TUNNEL_MH_BU      7u   /* MN, TunnelMh: BUs tunnelled to the HoA */
#define MIP6_PRIO_MR_LOCAL_BYPASS   9u   /* MR: its own traffic with its mobile networks */
#define MIP6_PRIO_TUNNEL_SIG       10u   /* TunnelHomeTesting, TunnelMh */
#define MIP6_PRIO_TUNNEL_DATA      13u   /* TunnelPayload */

/* Mobility Header and ICMPv6 message types used in selectors. */
#define MIP6_MH_HOTI   1u
#define MIP6_MH_HOT    3u
#define MIP6_MH_BU     5u
#define MIP6_MH_BA     6u
#define MIP6_ICMP6     58u
#define MIP6_ICMP6_MPS 146u
#define MIP6_ICMP6_MPA 147u

/* True for the policy types applied per binding in tunnel mode. */
bool mip6_ipsec_is_tunnel(enum ipsec_pol_type t);

/* The IPsecPolicySet that covers (ha, hoa), or NULL. */
const struct conf_ipsec_set *mip6_ipsec_find_set(const struct conf_ipsec_set *sets,
						 const struct ip_addr *ha, const struct ip_addr *hoa);

/* The transport-mode policies installed at start for every (HA, HoA) pair
 * of set, in the role's directions (HA: IN from the HoA, OUT to it; MN the
 * mirror), plus the MN's bypass policies.  Appends to out[*n..max);
 * -ENOSPC when out is too small (*n then counts what fit), -EINVAL for a
 * role other than HA or MN. */
int mip6_ipsec_transport_policies(enum node_type role, const struct conf_ipsec_set *set,
				  struct ipsec_policy *out, size_t max, size_t *n);

/* One home binding as the IPsec side sees it. */
struct mip6_ipsec_binding {
	enum node_type role;                    /* NODE_HA or NODE_MN */
	const struct conf_ipsec_set *set;       /* NULL: no IPsec for it */
	struct ip_addr hoa;
	struct ip_addr ha;
	const struct ip_prefix *mnps;           /* NEMO mobile network prefixes */
	size_t n_mnps;
};

/* The tunnel-mode policies of a binding whose MN endpoint is coa, in the
 * order HA: IN, FWD, OUT (per type, then per MNP); MN: OUT, IN (then the
 * TunnelMh BU policy; per MNP OUT, IN, FWD, then two bypasses, OUT to the
 * MNP and IN from it: what the mobile router exchanges with its own
 * mobile network is on-link, not for the tunnel).  Appends like above. */
int mip6_ipsec_tunnel_policies(const struct mip6_ipsec_binding *b, const struct ip_addr *coa,
			       struct ipsec_policy *out, size_t max, size_t *n);

/* The MIGRATE requests for a move of the MN's endpoint from old_coa to
 * new_coa (new_coa == HoA: back home).  Transport policies come first
 * (notification only: old endpoints "::"), then, if tunnel is true, the
 * tunnel policies, migrated from old_coa.  Every request carries the
 * KMADDRESS of this node: MN local = new CoA, remote = HA; HA local = HA,
 * remote = new CoA.  One entry per protocol of the policy line (IPComp,
 * ESP, AH).  Appends like above; -EINVAL if new_coa is unspecified, or
 * tunnel is true and old_coa is. */
int mip6_ipsec_migrates(const struct mip6_ipsec_binding *b, const struct ip_addr *old_coa,
			const struct ip_addr *new_coa, bool tunnel,
			struct ipsec_migrate_msg *out, size_t max, size_t *n);

/* One kernel step of a movement. */
enum mip6_ipsec_op_kind {
	MIP6_IPSEC_SP_ADD = 0,          /* install or replace (XFRM UPDPOLICY) */
	MIP6_IPSEC_SP_DEL,
	MIP6_IPSEC_MIGRATE,
};

struct mip6_ipsec_op {
	enum mip6_ipsec_op_kind kind;
	union {
		struct ipsec_policy sp;         /* SP_ADD, SP_DEL */
		struct ipsec_migrate_msg mig;   /* MIGRATE */
	} u;
};

/* The ordered IPsec steps of a movement of the binding.  installed is the
 * MN endpoint the tunnel policies carry now (NULL or AF_UNSPEC: they are
 * not installed), new_coa the new one (the HoA: back home).
 *   - first registration (nothing installed, away): transport MIGRATEs
 *     (KMADDRESS for IKE), then the tunnel policies added with new_coa;
 *   - handover (installed != new_coa, away): transport, then tunnel
 *     MIGRATEs installed -> new_coa;
 *   - back home: transport MIGRATEs to the HoA, then the tunnel policies
 *     deleted.  They are not migrated to the HoA first (as UMIP does): the
 *     next departure installs them afresh with the real CoA, so no
 *     placeholder is ever needed, and a MIGRATE right before a delete only
 *     moves SAs no policy will use and can fail on a larval SA;
 *   - nothing to do (installed == new_coa): *n unchanged.
 * Appends like above. */
int mip6_ipsec_plan_move(const struct mip6_ipsec_binding *b, const struct ip_addr *installed,
			 const struct ip_addr *new_coa, struct mip6_ipsec_op *out, size_t max,
			 size_t *n);

#endif
