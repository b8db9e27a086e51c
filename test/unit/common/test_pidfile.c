/* Pid files: creation, locking against a second instance (also from
 * another process), stale files of dead processes replaced, live owners
 * refused, removal, and reading. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/pidfile.h"

struct tdir {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct tdir *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_pidfile.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/d.pid", t->dir);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tdir *t = *state;

	unlink(t->path);
	rmdir(t->dir);
	free(t);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static pid_t read_pid(const char *path)
{
	pid_t pid = 0;

	assert_int_equal(pidfile_read(path, &pid), 0);
	return pid;
}

static void test_lifecycle(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	struct stat st;
	char buf[32], want[32];
	FILE *f;

	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	assert_true(pf.fd >= 0);
	f = fopen(t->path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	snprintf(want, sizeof(want), "%ld\n", (long)getpid());
	assert_string_equal(buf, want);
	assert_int_equal(stat(t->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* nobody else may write it */
	assert_int_equal(st.st_mode & 022, 0);
	pidfile_remove(&pf);
	assert_int_equal(pf.fd, -1);
	assert_int_equal(stat(t->path, &st), -1);
	assert_int_equal(errno, ENOENT);
	/* a second remove is harmless, and the name is free again */
	pidfile_remove(&pf);
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	pidfile_remove(&pf);
}

/* A second instance in the same process is refused (the lock is per open
 * file, not per process). */
static void test_second_instance_refused(void **state)
{
	struct tdir *t = *state;
	struct pidfile a, b;
	pid_t owner = -1;

	assert_int_equal(pidfile_create(&a, t->path, NULL), 0);
	assert_int_equal(pidfile_create(&b, t->path, &owner), -EEXIST);
	assert_int_equal(owner, getpid());
	assert_int_equal(b.fd, -1);
	/* the refused attempt left the owner's file alone */
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&b);
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&a);
}

/* Another process holding the pid file keeps us out; once it dies, its
 * file is stale and taken over. */
static void test_other_process_holds(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	pid_t child, owner = 0;
	int ready[2], status;
	char c;

	assert_int_equal(pipe(ready), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct pidfile mine;

		close(ready[0]);
		if (pidfile_create(&mine, t->path, NULL) != 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(pidfile_create(&pf, t->path, &owner), -EEXIST);
	assert_int_equal(owner, child);
	assert_int_equal(read_pid(t->path), child);

	/* the owner dies without removing its file */
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(read_pid(t->path), child);
	assert_int_equal(pidfile_create(&pf, t->path, &owner), 0);
	assert_int_equal(owner, 0);
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&pf);
}

/* A file naming a dead process and held by nobody is replaced. */
static void test_stale_dead_replaced(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	pid_t child;
	char text[32];
	int status;

	child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, &status, 0), child);
	snprintf(text, sizeof(text), "%ld\n", (long)child);
	write_file(t->path, text);
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&pf);
}

/* A file naming a live process is refused even without a lock (a daemon
 * of another build, or one that lost its lock). */
static void test_stale_live_refused(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	pid_t child, owner = 0;
	char text[32];
	int status;

	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(text, sizeof(text), "%ld\n", (long)child);
	write_file(t->path, text);
	assert_int_equal(pidfile_create(&pf, t->path, &owner), -EEXIST);
	assert_int_equal(owner, child);
	assert_int_equal(read_pid(t->path), child);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
}

/* Our own pid in an unlocked file is a leftover of an earlier run that
 * happened to have our pid: taken over. */
static void test_own_pid_stale(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	write_file(t->path, text);
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	pidfile_remove(&pf);
}

static void test_garbage_replaced(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;

	write_file(t->path, "not a pid\n");
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&pf);
	write_file(t->path, "");
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&pf);
}

static void test_update(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf = { .fd = -1 };

	assert_int_equal(pidfile_update(&pf), -EBADF);
	assert_int_equal(pidfile_create(&pf, t->path, NULL), 0);
	assert_int_equal(pwrite(pf.fd, "1234567890\n", 11, 0), 11);
	assert_int_equal(read_pid(t->path), 1234567890);
	assert_int_equal(pidfile_update(&pf), 0);
	/* rewritten, with no leftover digits */
	assert_int_equal(read_pid(t->path), getpid());
	pidfile_remove(&pf);
}

static void test_create_errors(void **state)
{
	struct tdir *t = *state;
	struct pidfile pf;
	char *longpath = malloc(PATH_MAX + 10);

	assert_non_null(longpath);
	memset(longpath, 'a', PATH_MAX + 9);
	longpath[0] = '/';
	longpath[PATH_MAX + 9] = '\0';
	assert_int_equal(pidfile_create(&pf, longpath, NULL), -ENAMETOOLONG);
	assert_int_equal(pf.fd, -1);
	free(longpath);
	assert_int_equal(pidfile_create(&pf, "/nonexistent-dir/x.pid", NULL), -ENOENT);
	/* a directory in the way */
	assert_int_equal(mkdir(t->path, 0700), 0);
	assert_true(pidfile_create(&pf, t->path, NULL) < 0);
	assert_int_equal(pf.fd, -1);
	rmdir(t->path);
}

static void test_read(void **state)
{
	struct tdir *t = *state;
	static const char *const bad[] = { "", "\n", "0\n", "-5\n", "12ab\n", "abc", "99999999999999999999\n",
					   " \n" };
	pid_t pid = 0;
	size_t i;

	assert_int_equal(pidfile_read(t->path, &pid), -ENOENT);
	write_file(t->path, "4242\n");
	assert_int_equal(pidfile_read(t->path, &pid), 0);
	assert_int_equal(pid, 4242);
	write_file(t->path, "77");
	assert_int_equal(pidfile_read(t->path, &pid), 0);
	assert_int_equal(pid, 77);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(t->path, bad[i]);
		assert_int_equal(pidfile_read(t->path, &pid), -EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_instance_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_process_holds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_dead_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_live_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_pid_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
