/* The Mobile Node's movement detection (mn/movedet.h) wired to the kernel:
 * on the configured interfaces the MN reads Router Advertisements itself,
 * sends Router Solicitations at link up, forms the care-of address of each
 * new autoconfiguration prefix itself (modified EUI-64, without DAD when
 * OptimisticHandoff is on), adds the default route via the router and
 * hands the address to the registration glue (mnglue.h), which sends the
 * BU at once; the kernel's own autoconfiguration and default router
 * learning are turned off on those interfaces while mip6d runs
 * (autoconf=0, accept_ra_defrtr=0, restored at exit).  A link seen before
 * is checked with an NS to its router (RFC 6059). */
#ifndef MIP6D_DAEMON_MNND_H
#define MIP6D_DAEMON_MNND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/evloop.h"
#include "common/timer.h"

struct mng;
struct nl_sock;

#define MNG_MAX_IF 16
#define MNG_MAX_RS 3                    /* RFC 4861 MAX_RTR_SOLICITATIONS */
#define MNG_RS_INTERVAL_MS 4000u        /* RFC 4861 RTR_SOLICITATION_INTERVAL */
#define MNG_RT_METRIC 1024u             /* + MnIfPreference: the kernel's RA metric */
#define MNG_MAX_DNA 16
/* Right after link up the kernel may refuse to send (IPv6 not ready on the
 * link until its operational state is up): RS and NS are tried again this
 * often, this many times. */
#define MNG_SEND_RETRY_MS 50u
#define MNG_SEND_RETRIES 20u
/* Known link: how long the router has to answer; the link can take 1 s
 * to be reported running, and an NS sent before may get no answer. */
#define MNG_DNA_TIMEOUT_MS 2000u

/* A configured interface (Interface "name" with its MnIfPreference). */
struct mng_if {
	struct mng *m;
	char name[16];
	int ifindex;                    /* 0: not seen yet */
	unsigned pref;
	bool up;                        /* IFF_UP with a carrier */
	bool running;                   /* ... and IFF_RUNNING: the kernel's IPv6 is ready */
	bool ns_when_running;           /* the known-link NS left once the link was running */
	uint8_t lladdr[16];
	size_t lllen;
	unsigned rs_left;               /* Router Solicitations still to send */
	unsigned rs_retries, dna_retries; /* sends refused while the link gets ready */
	struct timer rs_timer;
	struct ip_addr dna_router;      /* known link: the router to ask (NS) */
	struct ip_addr router_ll;       /* a router of this link and its link-layer */
	uint8_t router_mac[16];         /* address, from its NA (kept across link down) */
	size_t router_maclen;
	bool neigh_set;                 /* its neighbour entry was put back at link up */
	struct timer dna_timer;         /* resend of that NS while it cannot leave */
};

/* A care-of address added on a link's return, before its router confirmed
 * it (RFC 6059): not a candidate yet. */
struct mng_dna {
	int ifindex;
	struct ip_prefix addr;
};

/* Takes movement detection over on the configured interfaces: the kernel's
 * autoconf and accept_ra_defrtr off (saved), the RA socket on loop, a
 * Router Solicitation on each.  nl: for link-layer addresses. */
int mng_nd_start(struct mng *m, struct ev_loop *loop, struct nl_sock *nl);
/* ifindex is up and running: Router Solicitations if it was down (and
 * the check of a known link). */
void mng_link_up(struct mng *m, int ifindex);
/* A link's IFF_* flags changed (RTM_NEWLINK): up when administratively up
 * with a carrier (IFF_LOWER_UP), even before the kernel reports it
 * running (IFF_RUNNING follows the operational state, which the kernel's
 * link watch may update up to 1 s later); down otherwise. */
void mng_link_flags(struct mng *m, int ifindex, uint32_t flags);
/* Router Advertisement input (the socket's handler, exported for tests):
 * buf is the ICMPv6 message, src/ifindex/hoplimit as received. */
void mng_nd_input(struct mng *m, const uint8_t *buf, size_t len, const struct ip_addr *src,
		  int ifindex, int hoplimit);

/* For mnglue.c: the per-interface state from the configuration (in
 * mng_init), forgetting a link that went down, whether a is an unconfirmed
 * known-link address of ifindex, and the routes, sockets and sysctls given
 * back at exit. */
void mnnd_init(struct mng *m);
void mnnd_forget(struct mng *m, int ifindex);
bool mnnd_unconfirmed(struct mng *m, int ifindex, const struct ip_addr *a);
void mnnd_stop(struct mng *m);

#endif
