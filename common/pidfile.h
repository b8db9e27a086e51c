/* Pid files that also keep a second instance from running.
 *
 * The owner holds an flock(2) lock on the open file for as long as it runs
 * (the lock follows the open file across fork, so daemonising after
 * pidfile_create keeps it).  A file left by a process that died is
 * replaced; one whose writer still runs (it holds the lock, or its pid is
 * alive) makes pidfile_create fail with -EEXIST. */
#ifndef COMMON_PIDFILE_H
#define COMMON_PIDFILE_H

#include <limits.h>
#include <sys/types.h>

struct pidfile {
	int fd;                      /* -1 when not held */
	char path[PATH_MAX];
};

/* Creates (O_EXCL) or takes over a stale path, locks it and writes our pid.
 * 0, -EEXIST with *owner (if not NULL) set to the running owner's pid (0
 * if unknown), -ENAMETOOLONG, or -errno. */
int pidfile_create(struct pidfile *pf, const char *path, pid_t *owner);
/* Rewrites the file with the current pid (after a fork).  0 or -errno. */
int pidfile_update(struct pidfile *pf);
/* Unlinks the file and releases it; harmless when not held. */
void pidfile_remove(struct pidfile *pf);
/* Reads the pid stored in path (for control tools).  0, -ENOENT, -EINVAL
 * for content that is not a positive pid, or -errno. */
int pidfile_read(const char *path, pid_t *pid);

#endif
