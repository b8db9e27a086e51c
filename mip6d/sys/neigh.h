/* Neighbour cache entries set from what the mobile node remembers of a
 * link (RFC 6059 keeps the routers' link-layer addresses): back on a known
 * link, the router's entry is put back as STALE, so that the first packets
 * (the NS that checks the link, the BU) leave at once with the remembered
 * link-layer address and the kernel confirms it with its own unicast
 * probe, instead of waiting on a multicast solicitation that the router,
 * whose side of the link may not be transmitting yet, cannot answer
 * (the kernel solicits again only 1 s later). */
#ifndef MIP6D_SYS_NEIGH_H
#define MIP6D_SYS_NEIGH_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

struct nl_sock;

/* Adds or replaces addr -> lladdr on ifindex in state STALE (flag
 * NTF_ROUTER with router).  0 or -errno (-EINVAL for a bad argument). */
int sys_neigh_set_stale(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
			const uint8_t *lladdr, size_t lllen, int router);

/* The link-layer address the kernel holds for addr on ifindex (an entry
 * that is not INCOMPLETE or FAILED), into buf (at most *len bytes; *len
 * set to its length).  0, -ENOENT (none), -ENOSPC, -errno. */
int sys_neigh_lladdr(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
		     uint8_t *buf, size_t *len);

#endif
