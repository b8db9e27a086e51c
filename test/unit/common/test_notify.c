/* Readiness notification to a real AF_UNIX datagram socket bound by the
 * test, by path and by abstract name. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/notify.h"

struct listener {
	int fd;
	char dir[64];
	char path[108];
};

static int bind_path(void **state)
{
	struct listener *l = calloc(1, sizeof(*l));
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	assert_non_null(l);
	snprintf(l->dir, sizeof(l->dir), "/tmp/test_notify.XXXXXX");
	assert_non_null(mkdtemp(l->dir));
	snprintf(l->path, sizeof(l->path), "%s/notify", l->dir);
	l->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(l->fd >= 0);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", l->path);
	assert_int_equal(bind(l->fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", l->path, 1), 0);
	*state = l;
	return 0;
}

static int bind_abstract(void **state)
{
	struct listener *l = calloc(1, sizeof(*l));
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int n;

	assert_non_null(l);
	n = snprintf(l->path, sizeof(l->path), "@test-notify-%ld-%ld", (long)getpid(), (long)time(NULL));
	l->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(l->fd >= 0);
	/* abstract: leading NUL, name not terminated, length counts it exactly */
	memcpy(sun.sun_path + 1, l->path + 1, (size_t)n - 1);
	assert_int_equal(bind(l->fd, (struct sockaddr *)&sun,
			      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)n)), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", l->path, 1), 0);
	*state = l;
	return 0;
}

static int unbind(void **state)
{
	struct listener *l = *state;

	close(l->fd);
	if (l->dir[0]) {
		unlink(l->path);
		rmdir(l->dir);
	}
	unsetenv("NOTIFY_SOCKET");
	free(l);
	return 0;
}

/* Receives one datagram (without waiting: the send is synchronous). */
static void expect(struct listener *l, const char *want)
{
	char buf[2048];
	ssize_t n = recv(l->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

	assert_true(n >= 0);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void expect_nothing(struct listener *l)
{
	char buf[16];

	assert_int_equal(recv(l->fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	assert_int_equal(errno, EAGAIN);
}

static void check_messages(struct listener *l)
{
	char buf[2048];
	unsigned long long usec;
	struct timespec ts;
	ssize_t n;

	assert_true(notify_enabled());
	assert_int_equal(notify_ready(NULL), 0);
	expect(l, "READY=1");
	assert_int_equal(notify_ready("serving 3 peers"), 0);
	expect(l, "READY=1\nSTATUS=serving 3 peers");
	assert_int_equal(notify_status("%d bindings, %s", 12, "HA"), 0);
	expect(l, "STATUS=12 bindings, HA");
	assert_int_equal(notify_stopping(), 0);
	expect(l, "STOPPING=1");
	assert_int_equal(notify_send("WATCHDOG=1\nEXTEND_TIMEOUT_USEC=5000000"), 0);
	expect(l, "WATCHDOG=1\nEXTEND_TIMEOUT_USEC=5000000");

	assert_int_equal(notify_reloading(), 0);
	n = recv(l->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_int_equal(sscanf(buf, "RELOADING=1\nMONOTONIC_USEC=%llu", &usec), 1);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	assert_true(usec <= (unsigned long long)ts.tv_sec * 1000000ull + (unsigned long long)ts.tv_nsec / 1000u);
	assert_true(usec + 10000000ull > (unsigned long long)ts.tv_sec * 1000000ull);
	expect_nothing(l);
}

static void test_path_socket(void **state)
{
	check_messages(*state);
}

static void test_abstract_socket(void **state)
{
	check_messages(*state);
}

static void test_too_long(void **state)
{
	struct listener *l = *state;
	char big[1100];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(notify_status("%s", big), -EMSGSIZE);
	assert_int_equal(notify_ready(big), -EMSGSIZE);
	expect_nothing(l);
}

static void test_not_enabled(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	assert_false(notify_enabled());
	assert_int_equal(notify_ready(NULL), 0);
	assert_int_equal(notify_stopping(), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", "", 1), 0);
	assert_false(notify_enabled());
	assert_int_equal(notify_ready(NULL), 0);
	unsetenv("NOTIFY_SOCKET");
}

static void test_bad_socket_names(void **state)
{
	char longname[200];

	(void)state;
	assert_int_equal(setenv("NOTIFY_SOCKET", "relative/socket", 1), 0);
	assert_int_equal(notify_ready(NULL), -EINVAL);
	assert_int_equal(setenv("NOTIFY_SOCKET", "@", 1), 0);
	assert_int_equal(notify_ready(NULL), -EINVAL);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(setenv("NOTIFY_SOCKET", longname, 1), 0);
	assert_int_equal(notify_ready(NULL), -EINVAL);
	longname[0] = '@';
	assert_int_equal(setenv("NOTIFY_SOCKET", longname, 1), 0);
	assert_int_equal(notify_ready(NULL), -EINVAL);
	/* well formed, but nobody listens */
	assert_int_equal(setenv("NOTIFY_SOCKET", "/nonexistent-dir/notify", 1), 0);
	assert_int_equal(notify_ready(NULL), -ENOENT);
	unsetenv("NOTIFY_SOCKET");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_path_socket, bind_path, unbind),
		cmocka_unit_test_setup_teardown(test_abstract_socket, bind_abstract, unbind),
		cmocka_unit_test_setup_teardown(test_too_long, bind_path, unbind),
		cmocka_unit_test(test_not_enabled),
		cmocka_unit_test(test_bad_socket_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
