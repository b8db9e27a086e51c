/* The rtnetlink request socket shared by the system layer's synchronous
 * operations (tunnels, routes, rules, addresses, proxy neighbours, links),
 * and the translation of libnl's error codes into negative errno values. */
#ifndef MIP6D_SYS_NL_H
#define MIP6D_SYS_NL_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

struct nl_sock;
struct nl_addr;

/* Opens and connects a NETLINK_ROUTE socket for requests; 0 or -errno. */
int sys_nl_open(struct nl_sock **sk);
void sys_nl_close(struct nl_sock *sk);
/* The negative errno closest to a (negative or positive) libnl error code;
 * 0 stays 0. */
int sys_nl_errno(int nlerr);

/* A libnl address of a's family and bytes with prefix length plen (ignored
 * above the address size); the caller puts it.  -EINVAL for AF_UNSPEC. */
int sys_nl_addr(const struct ip_addr *a, unsigned plen, struct nl_addr **out);
/* The reverse; -EINVAL for a family other than AF_INET/AF_INET6. */
int sys_nl_addr_get(const struct nl_addr *na, struct ip_prefix *out);

/* Interface name -> index; -ENODEV if there is no such interface. */
int sys_link_index(struct nl_sock *sk, const char *name, int *ifindex);
/* Sets IFF_UP on or off. */
int sys_link_set_up(struct nl_sock *sk, int ifindex, int up);
/* Copies the link-layer address (at most *len bytes) and sets *len to its
 * length; -ENOENT if the link has none (a tunnel), -ENOSPC if too long. */
int sys_link_lladdr(struct nl_sock *sk, int ifindex, uint8_t *buf, size_t *len);
/* Deletes a link by index (tunnels and other virtual devices). */
int sys_link_del(struct nl_sock *sk, int ifindex);

#endif
