/* Pure translations between the engines' structures and what the wire and
 * the kernel take: received MH (with its ancillary data) into the engines'
 * BU and BA, their BU and BA into MH messages with the addressing to send
 * them, the MIP6 route-optimisation states and policies of a binding, and
 * the IPsec steps of ipsec/plan.h into kernel operations (kops.h). */
#ifndef MIP6D_DAEMON_XLATE_H
#define MIP6D_DAEMON_XLATE_H

#include <stddef.h>

#include "common/ipsec.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/ha/bu.h"
#include "mip6d/ipsec/plan.h"
#include "mip6d/mh/mh.h"
#include "mip6d/mn/bul.h"
#include "mip6d/sys/mhcmsg.h"

/* XFRM_STATE_WILDRECV of linux/xfrm.h. */
#define XL_STATE_WILDRECV 8u
/* UMIP's priorities of the MIP6 (SUB) policies. */
#define XL_PRIO_RO_BCE_DATA 16u
#define XL_PRIO_RO_SIG_ANY 9u
#define XL_PRIO_RO_DATA_ANY 19u

/* A received BU into the HA engine's.  The kernel delivers an MH that
 * carried a Home Address option with the addresses swapped: the source is
 * the HoA, the option (info->hao) the care-of address.  Without the option
 * the source is both (at home).  mnps
 * (room for max) receives the Mobile Network Prefix options.  -EINVAL if m
 * is not a BU, -ENOBUFS for more prefixes than max. */
int xl_bu_from_mh(const struct mh_msg *m, const struct sys_mh_info *info, struct ha_bu *bu,
		  struct ip_prefix *mnps, size_t max);
/* The HA engine's BA into a message and its addressing: from ba->src to
 * ba->dst, through a Type 2 Routing Header holding the HoA when the
 * destination is not the HoA itself. */
void xl_ba_to_mh(const struct ha_ba *ba, struct mh_msg *m, struct sys_mh_send *s);
/* The MN engine's BU: from the CoA with a Home Address option, or from the
 * HoA without one (at home); an Alternate Care-of Address option always. */
int xl_bu_to_mh(const struct bul_bu *bu, struct mh_msg *m, struct sys_mh_send *s);
/* A received BA into the MN engine's: the HoA is the destination as
 * delivered (after a Type 2 RH, which then holds the care-of address).
 * -EINVAL if m is not a BA. */
int xl_ba_from_mh(const struct mh_msg *m, const struct sys_mh_info *info, struct bul_ba *ba);

/* The route-optimisation states of a binding on the HA: [0] the Type 2 RH
 * state (HA -> HoA, care-of coa), [1] the HAO state (HoA -> HA). */
void xl_ro_states(const struct ip_addr *ha, const struct ip_addr *hoa, const struct ip_addr *coa,
		  struct ipsec_sa out[2]);
/* The SUB policies that use them: [0] OUT HA -> HoA through the RH2
 * template, [1] IN HoA -> HA with an optional HAO template. */
void xl_ro_policies(const struct ip_addr *ha, const struct ip_addr *hoa, struct ipsec_policy out[2]);
/* What every node installs at start to receive MH with a HAO (HA) or a
 * Type 2 RH (MN): a wildcard WILDRECV state and the IN SUB policy with the
 * optional template.  node: NODE_HA or NODE_MN. */
void xl_ro_wildcard(enum node_type node, struct ipsec_sa *sa, struct ipsec_policy *p);

/* The SUB policy through which every outgoing MH leaves untouched by the
 * route-optimisation states (UMIP's, priority 12): the BA carries its own
 * Type 2 RH and the BU its own HAO. */
void xl_ro_mh_bypass(struct ipsec_policy *p);
#define XL_PRIO_MH_BYPASS 12u

/* Neighbour Discovery bypasses the IPsec policies (MAIN, priority 3, as
 * UMIP's NA bypass): [0..1] NS in/out, [2..3] NA in/out.  Without them the
 * HA's tunnel policy for "HoA -> any" drops the NS of a mobile node back
 * home, and its de-registration never leaves. */
#define XL_ND_BYPASS_N 4
#define XL_PRIO_ND_BYPASS 3u
void xl_nd_bypass(struct ipsec_policy out[XL_ND_BYPASS_N]);

/* Whether a new or updated SA (XFRM NEWSA/UPDSA) is one an IKE daemon
 * installed, ESP or AH, that may now carry a BU held back by the lack of
 * it.  mip6d's own route-optimisation states (DSTOPTS towards the HA,
 * rewritten at every move) are not: resending on them only doubled BUs. */
bool xl_sa_event_is_ipsec(const struct ipsec_sa *sa);

/* Applies one IPsec step.  A MIGRATE of a policy that does not exist
 * (-ENOENT) counts as done. */
int xl_ipsec_apply(const struct dk_ops *ops, void *k, const struct mip6_ipsec_op *op);
/* Undoes an SP_ADD (deletes it); other steps have no undo (0). */
int xl_ipsec_undo(const struct dk_ops *ops, void *k, const struct mip6_ipsec_op *op);

#endif
