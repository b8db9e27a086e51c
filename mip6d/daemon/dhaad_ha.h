/* The HA's side of DHAAD and Mobile Prefix Discovery on its home link: an
 * ICMPv6 socket joined to the Home-Agents anycast address of each home
 * prefix (RFC 2526), hearing Router Advertisements with the H flag on the
 * home link for the Home Agents List, and answering Requests and Mobile
 * Prefix Solicitations (dhaad.h). */
#ifndef MIP6D_DAEMON_DHAAD_HA_H
#define MIP6D_DAEMON_DHAAD_HA_H

#include <stdbool.h>

#include "common/evloop.h"
#include "mip6d/conf/conf.h"
#include "mip6d/daemon/dhaad.h"
#include "mip6d/ha/halist.h"

#define DHAAD_HA_HOMES 16

struct nl_sock;

struct dhaad_ha {
	int fd;
	struct ev_io io;
	struct ev_loop *loop;
	int ifindex;                    /* the home link */
	const struct mip6_conf *conf;   /* HaAcceptMobRtr (the daemon's, reloaded in place) */
	struct dhaad_home homes[DHAAD_HA_HOMES];
	size_t n_homes;
	struct halist hal;
	struct hal_stats hst;
	struct dhaad_stats st;
};

/* Reads our global addresses on the home link (ifindex), joins their
 * anycast addresses and starts answering.  0 or a negative errno (logged;
 * the HA runs on without DHAAD). */
int dhaad_ha_start(struct dhaad_ha *h, struct ev_loop *loop, struct nl_sock *nl, int ifindex,
		   const struct mip6_conf *conf);
void dhaad_ha_stop(struct dhaad_ha *h);

#endif
