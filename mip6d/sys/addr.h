/* IPv6 addresses on interfaces: add (with IFA_F_* flags and lifetimes),
 * delete, list, and their duplicate address detection state.  DAD progress
 * is observed either by polling sys_addr_get or, without polling, from the
 * address events of linkmon.h (the same flag bits). */
#ifndef MIP6D_SYS_ADDR_H
#define MIP6D_SYS_ADDR_H

#include <stdint.h>

#include "common/addr.h"

struct nl_sock;

/* IFA_F_* of linux/if_addr.h, repeated so that callers need no kernel
 * header. */
#define SYS_IFA_F_NODAD       0x02
#define SYS_IFA_F_OPTIMISTIC  0x04
#define SYS_IFA_F_DADFAILED   0x08
#define SYS_IFA_F_HOMEADDRESS 0x10
#define SYS_IFA_F_DEPRECATED  0x20
#define SYS_IFA_F_TENTATIVE   0x40
#define SYS_IFA_F_PERMANENT   0x80
#define SYS_IFA_F_NOPREFIXROUTE 0x200

#define SYS_LIFETIME_INFINITE 0xffffffffu

struct sys_addr {
	int ifindex;
	struct ip_prefix pfx;            /* the address and its prefix length */
	uint32_t flags;                  /* SYS_IFA_F_* */
	uint32_t valid_lft, preferred_lft; /* seconds; SYS_LIFETIME_INFINITE */
	uint8_t scope;                   /* RT_SCOPE_*: 0 global, 253 link */
};

enum sys_dad_state {
	SYS_DAD_DONE = 0,                /* usable (or DAD not run: nodad) */
	SYS_DAD_TENTATIVE,
	SYS_DAD_FAILED,
};

/* Initialises a with infinite lifetimes and no flags. */
void sys_addr_init(struct sys_addr *a, int ifindex, const struct ip_prefix *pfx);
/* Adds a; with replace, an existing address is updated (flags,
 * lifetimes) instead of failing with -EEXIST. */
int sys_addr_add(struct nl_sock *sk, const struct sys_addr *a, int replace);
int sys_addr_del(struct nl_sock *sk, const struct sys_addr *a);

/* Called for each address; a non-zero return stops the walk and is
 * returned by sys_addr_list. */
typedef int sys_addr_fn(const struct sys_addr *a, void *arg);
/* Walks the kernel's addresses of family (AF_INET6, or AF_UNSPEC for all)
 * on ifindex (0: every interface). */
int sys_addr_list(struct nl_sock *sk, int ifindex, sa_family_t family,
		  sys_addr_fn *fn, void *arg);
/* Finds addr on ifindex (0: any interface); -ENOENT when absent. */
int sys_addr_get(struct nl_sock *sk, int ifindex, const struct ip_addr *addr,
		 struct sys_addr *out);
/* The DAD state that an address's flags show. */
enum sys_dad_state sys_addr_dad_state(uint32_t flags);

#endif
