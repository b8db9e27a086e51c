/* Proxy Neighbour Discovery for home addresses on the home agent.
 *
 * Taking over a HoA (RFC 6275 10.4.1): a proxy neighbour entry (NTF_PROXY)
 * on the home link, proxy_ndp=1 and forwarding=1 on it (sysctl.h), and
 * unsolicited NAs to all-nodes with the Override flag so that neighbours
 * send to the home agent at once.
 *
 * Defending it (the anchor's return-home failure: the returning mobile
 * node's DAD probe, an NS from ::, was never answered): measured on Linux,
 * a proxy entry joins the HoA's solicited-node group, and the kernel
 * answers a DAD probe for it only when the home interface has forwarding=1
 * and proxy_ndp=1, after a random delay of up to neigh/IF/proxy_delay (0.8
 * s by default, close to a 1 s DAD wait).  So the home agent sets
 * forwarding=1, proxy_ndp=1 and proxy_delay=0 on the home link (sysctl.h),
 * and also answers NSs for the HoAs it proxies itself from its ICMPv6
 * socket (sys_nd_answer_ns; a socket sees multicast NSs only for groups
 * joined on that interface, which the proxy entry does, or
 * sys_icmp6_join), so the defence does not hang on kernel settings.  On a
 * de-registration it withdraws the proxy entry before sending the BA, so
 * that the mobile node's own NA (and any later DAD) finds the address
 * free.
 *
 * Probing: before accepting a home registration the HA checks the HoA is
 * not in use on the home link (sys_dad_probe). */
#ifndef MIP6D_SYS_PROXYND_H
#define MIP6D_SYS_PROXYND_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/evloop.h"
#include "common/timer.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/sysctl.h"

struct nl_sock;

/* Readies the home link ifname for proxying: forwarding=1 (conf/all and
 * the link), proxy_ndp=1 and neigh proxy_delay=0, each old value saved in
 * s for sys_sysctl_restore. */
int sys_proxynd_prepare(struct sys_sysctl_saved *s, const char *ifname);

/* Adds or removes the proxy entry of addr on ifindex; router sets
 * NTF_ROUTER (a mobile router's entry). */
int sys_pneigh_add(struct nl_sock *sk, int ifindex, const struct ip_addr *addr, int router);
int sys_pneigh_del(struct nl_sock *sk, int ifindex, const struct ip_addr *addr);

/* Sends an NA for target from an ICMPv6 socket (icmp6.h) on ifindex to dst
 * (NULL: all-nodes ff02::1), flags ND_NA_*, with lladdr as the target
 * link-layer option (lllen 0: none). */
int sys_nd_send_na(int fd, int ifindex, const struct ip_addr *dst,
		   const struct in6_addr *target, uint8_t flags,
		   const uint8_t *lladdr, size_t lllen);

/* The answer to a received NS (nd_parse) for an address we proxy: to
 * all-nodes without Solicited for a DAD probe (source ::), to the source
 * with Solicited otherwise; always Override, Router if router. */
int sys_nd_answer_ns(int fd, const struct sys_icmp6_info *info, const struct nd_msg *ns,
		     const uint8_t *lladdr, size_t lllen, int router);

/* Result given to a DAD probe's callback. */
enum sys_dad_result {
	SYS_DAD_FREE = 0,                /* no answer within the timeout */
	SYS_DAD_DUPLICATE = 1,           /* an NA for the address came back */
};

struct sys_dad_probe;
/* result: enum sys_dad_result, or -errno if the probe could not run.  The
 * probe is finished when this is called: the callback may free it. */
typedef void sys_dad_fn(struct sys_dad_probe *p, int result, void *arg);

struct sys_dad_probe {
	struct ev_loop *loop;
	struct ev_io io;
	struct timer timer;
	int rx_fd, tx_fd;
	int ifindex;
	struct in6_addr target;
	unsigned timeout_ms, left;       /* per-probe wait; probes still to send */
	sys_dad_fn *fn;
	void *arg;
};

/* Sends `transmits` DAD probes for target on ifindex, timeout_ms apart, and
 * calls fn once: DUPLICATE at the first NA for target (or -errno), FREE
 * timeout_ms after the last probe.  UMIP waits 1 s after one probe.  0 or
 * -errno (fn is then not called). */
int sys_dad_probe_start(struct sys_dad_probe *p, struct ev_loop *l, int ifindex,
			const struct in6_addr *target, unsigned transmits,
			unsigned timeout_ms, sys_dad_fn *fn, void *arg);
/* Stops a running probe without calling fn; harmless on a finished one
 * (p must have been started once, even if it failed). */
void sys_dad_probe_cancel(struct sys_dad_probe *p);

#endif
