/* Per-interface IPv6 sysctls (/proc/sys/net/ipv6/{conf,neigh}/IF/KEY):
 * read, write, and write-with-save so that the daemon puts back on exit
 * what it changed (forwarding, accept_ra, proxy_ndp, autoconf, accept_dad,
 * neigh proxy_delay...). */
#ifndef MIP6D_SYS_SYSCTL_H
#define MIP6D_SYS_SYSCTL_H

#include <stddef.h>

enum sys_sysctl_tree {
	SYS_SYSCTL_CONF = 0,             /* net/ipv6/conf/IF/KEY */
	SYS_SYSCTL_NEIGH,                /* net/ipv6/neigh/IF/KEY */
};

#define SYS_SYSCTL_MAX_SAVED 64
#define SYS_SYSCTL_NAMELEN 32

struct sys_sysctl_entry {
	enum sys_sysctl_tree tree;
	char ifname[SYS_SYSCTL_NAMELEN];
	char key[SYS_SYSCTL_NAMELEN];
	int old;
};

/* The values changed through sys_sysctl_set_save, oldest first. */
struct sys_sysctl_saved {
	const char *root;                /* NULL: /proc/sys/net/ipv6 */
	size_t n;
	struct sys_sysctl_entry e[SYS_SYSCTL_MAX_SAVED];
};

/* root: the net/ipv6 directory (NULL for /proc/sys/net/ipv6; tests use a
 * scratch tree).  ifname may be "all" or "default".  Names with '/' or
 * ".." are -EINVAL. */
int sys_sysctl_get(const char *root, enum sys_sysctl_tree tree, const char *ifname,
		   const char *key, int *val);
int sys_sysctl_set(const char *root, enum sys_sysctl_tree tree, const char *ifname,
		   const char *key, int val);

void sys_sysctl_saved_init(struct sys_sysctl_saved *s, const char *root);
/* Sets the value and remembers the one it replaces, once per (tree,
 * ifname, key): setting the same knob again keeps the first saved value.
 * -ENOSPC when the table is full (nothing is written then). */
int sys_sysctl_set_save(struct sys_sysctl_saved *s, enum sys_sysctl_tree tree,
			const char *ifname, const char *key, int val);
/* Writes the saved values back, newest first, and empties the table.
 * Returns 0 or the first error (it still tries every entry). */
int sys_sysctl_restore(struct sys_sysctl_saved *s);

#endif
