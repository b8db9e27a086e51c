/* The Home Agent: the engine of ha/bu.h wired to the kernel (kops.h), the
 * MH socket and DAD on the home link.  Each kernel step of the engine
 * becomes kernel operations here (hag_apply); the binding's tunnel device
 * is kept per HoA. */
#ifndef MIP6D_DAEMON_HAGLUE_H
#define MIP6D_DAEMON_HAGLUE_H

#include <stdint.h>

#include "common/evloop.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/ha/bu.h"
#include "mip6d/sys/mhcmsg.h"

struct hag_tnl {
	struct hag_tnl *next;
	struct ip_addr hoa;
	int ifindex;
	char name[16];
};

struct hag_dad;

struct hag {
	struct ha ha;
	const struct dk_ops *ops;
	void *k;
	int home_ifindex;               /* the home link (first Interface) */
	struct ev_loop *loop;           /* for DAD probes; NULL: no DAD */
	struct hag_tnl *tnls;
	struct hag_dad *dads;
	unsigned tnl_seq;
	uint64_t rx_mh, rx_bad, rx_other, tx_ba, tx_fail;
};

/* cfg as ha_init.  With loop, new home registrations wait for a DAD probe
 * of the HoA on the home link. */
int hag_init(struct hag *g, struct timerq *tq, const struct ha_config *cfg,
	     const struct dk_ops *ops, void *k, int home_ifindex, struct ev_loop *loop);
/* Removes every binding from the kernel (ha_flush) and frees all. */
void hag_fini(struct hag *g);
/* One received Mobility Header message. */
void hag_input(struct hag *g, const uint8_t *buf, size_t len, const struct sys_mh_info *info);
/* A Neighbour Solicitation received on the home link.  A mobile node back
 * home, still bound, resolves our address from its HoA; the kernel's
 * answer, addressed to the HoA, follows the HoA's route into the binding's
 * tunnel and is lost, so the de-registration BU would never leave.  We
 * answer it ourselves to all-nodes (RFC 6275 10.4.1 lets the HA do so).
 * Returns 1 when answered, 0 when not ours to answer. */
struct sys_icmp6_info;
struct sys_nd_msg;
int hag_ns(struct hag *g, const struct sys_icmp6_info *info, const struct sys_nd_msg *ns);
/* The engine's apply callback (exported for tests). */
int hag_apply(void *ctx, const struct ha_action *a);

#endif
