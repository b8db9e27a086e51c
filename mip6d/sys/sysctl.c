/* IPv6 interface sysctls through /proc/sys. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mip6d/sys/sysctl.h"

static int name_ok(const char *s)
{
	return s && *s && strlen(s) < SYS_SYSCTL_NAMELEN && !strchr(s, '/') &&
	       strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static int sysctl_path(char *buf, size_t len, const char *root, enum sys_sysctl_tree tree,
		       const char *ifname, const char *key)
{
	int n;

	if (!name_ok(ifname) || !name_ok(key) ||
	    (tree != SYS_SYSCTL_CONF && tree != SYS_SYSCTL_NEIGH))
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s/%s/%s", root ? root : "/proc/sys/net/ipv6",
		     tree == SYS_SYSCTL_CONF ? "conf" : "neigh", ifname, key);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int sys_sysctl_get(const char *root, enum sys_sysctl_tree tree, const char *ifname,
		   const char *key, int *val)
{
	char path[PATH_MAX], buf[32], *end;
	ssize_t n;
	long v;
	int fd, err = sysctl_path(path, sizeof(path), root, tree, ifname, key);

	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	buf[n] = '\0';
	errno = 0;
	v = strtol(buf, &end, 10);
	if (end == buf || errno || v < INT_MIN || v > INT_MAX || (*end && *end != '\n'))
		return -EINVAL;
	*val = (int)v;
	return 0;
}

int sys_sysctl_set(const char *root, enum sys_sysctl_tree tree, const char *ifname,
		   const char *key, int val)
{
	char path[PATH_MAX], buf[32];
	ssize_t n;
	int len, fd, err = sysctl_path(path, sizeof(path), root, tree, ifname, key);

	if (err)
		return err;
	/* O_TRUNC so that a scratch tree of regular files behaves like /proc. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%d\n", val);
	n = write(fd, buf, (size_t)len);
	err = n < 0 ? -errno : n != len ? -EIO : 0;
	if (close(fd) < 0 && err == 0)
		err = -errno;
	return err;
}

void sys_sysctl_saved_init(struct sys_sysctl_saved *s, const char *root)
{
	memset(s, 0, sizeof(*s));
	s->root = root;
}

int sys_sysctl_set_save(struct sys_sysctl_saved *s, enum sys_sysctl_tree tree,
			const char *ifname, const char *key, int val)
{
	struct sys_sysctl_entry *e = NULL;
	int old, err;

	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].tree == tree && strcmp(s->e[i].ifname, ifname) == 0 &&
		    strcmp(s->e[i].key, key) == 0)
			return sys_sysctl_set(s->root, tree, ifname, key, val);
	if (s->n == SYS_SYSCTL_MAX_SAVED)
		return -ENOSPC;
	err = sys_sysctl_get(s->root, tree, ifname, key, &old);
	if (err)
		return err;
	err = sys_sysctl_set(s->root, tree, ifname, key, val);
	if (err)
		return err;
	e = &s->e[s->n++];
	e->tree = tree;
	snprintf(e->ifname, sizeof(e->ifname), "%s", ifname);
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->old = old;
	return 0;
}

int sys_sysctl_restore(struct sys_sysctl_saved *s)
{
	int first = 0;

	while (s->n > 0) {
		struct sys_sysctl_entry *e = &s->e[--s->n];
		int err = sys_sysctl_set(s->root, e->tree, e->ifname, e->key, e->old);

		if (err && first == 0)
			first = err;
	}
	return first;
}
