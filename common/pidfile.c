/* Pid files: see pidfile.h.
 *
 * Whoever holds the flock owns the file.  O_EXCL creation is the usual
 * path; an existing file is taken over only once its lock is ours and the
 * pid in it is not a live process, and it is rewritten in place rather
 * than unlinked, so that two starters can never each end up with their own
 * inode under the same name. */
#include "config.h"

#include "common/pidfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parses "PID\n"; 0 or -EINVAL. */
static int parse_pid(const char *buf, pid_t *pid)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || v <= 0 || v > INT_MAX || (*end != '\0' && *end != '\n'))
		return -EINVAL;
	*pid = (pid_t)v;
	return 0;
}

static int read_fd_pid(int fd, pid_t *pid)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return parse_pid(buf, pid);
}

int pidfile_read(const char *path, pid_t *pid)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	rc = read_fd_pid(fd, pid);
	close(fd);
	return rc;
}

static int write_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) < 0)
		return -errno;
	if (pwrite(fd, buf, (size_t)n, 0) != n)
		return errno ? -errno : -EIO;
	return 0;
}

/* True if pid names a running process other than us. */
static bool pid_alive(pid_t pid)
{
	if (pid == getpid())
		return false;
	return kill(pid, 0) == 0 || errno == EPERM;
}

/* True if fd is still the file named path (not unlinked by its last
 * owner between our open and our lock). */
static bool still_linked(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* One attempt; -EAGAIN when the file vanished under us. */
static int try_create(struct pidfile *pf, const char *path, pid_t *owner)
{
	pid_t old = 0;
	int fd, rc;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		rc = errno == EWOULDBLOCK ? -EEXIST : -errno;
		if (rc == -EEXIST && owner && read_fd_pid(fd, &old) == 0)
			*owner = old;
		close(fd);
		return rc;
	}
	if (!still_linked(fd, path)) {
		close(fd);
		return -EAGAIN;
	}
	/* Locked: the file is new, or its writer died or kept no lock. */
	if (read_fd_pid(fd, &old) == 0 && pid_alive(old)) {
		if (owner)
			*owner = old;
		close(fd);
		return -EEXIST;
	}
	rc = write_pid(fd);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	pf->fd = fd;
	snprintf(pf->path, sizeof(pf->path), "%s", path);
	return 0;
}

int pidfile_create(struct pidfile *pf, const char *path, pid_t *owner)
{
	int tries, rc = -EAGAIN;

	pf->fd = -1;
	if (owner)
		*owner = 0;
	if (strlen(path) >= sizeof(pf->path))
		return -ENAMETOOLONG;
	for (tries = 0; tries < 3 && rc == -EAGAIN; tries++)
		rc = try_create(pf, path, owner);
	return rc;
}

int pidfile_update(struct pidfile *pf)
{
	if (pf->fd < 0)
		return -EBADF;
	return write_pid(pf->fd);
}

void pidfile_remove(struct pidfile *pf)
{
	if (pf->fd < 0)
		return;
	/* Unlink while still holding the lock, so nobody takes it over between. */
	unlink(pf->path);
	close(pf->fd);
	pf->fd = -1;
}
