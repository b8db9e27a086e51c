/* sysctl read/write and save/restore on a scratch tree shaped like
 * /proc/sys/net/ipv6: values, names refused, the first saved value kept,
 * restore order, a full table, unreadable contents. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "mip6d/sys/sysctl.h"

struct tree {
	char root[64];
};

static void put(const struct tree *t, const char *rel, const char *content)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void mk(const struct tree *t, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	snprintf(t->root, sizeof(t->root), "/tmp/test_sysctl.XXXXXX");
	if (!mkdtemp(t->root))
		return -1;
	mk(t, "conf");
	mk(t, "conf/eth0");
	mk(t, "neigh");
	mk(t, "neigh/eth0");
	put(t, "conf/eth0/forwarding", "0\n");
	put(t, "conf/eth0/proxy_ndp", "0\n");
	put(t, "conf/eth0/accept_ra", "1\n");
	put(t, "neigh/eth0/proxy_delay", "80\n");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static void test_get_set(void **state)
{
	struct tree *t = *state;
	int v = -1;

	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "accept_ra", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(sys_sysctl_set(t->root, SYS_SYSCTL_CONF, "eth0", "accept_ra", -1), 0);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "accept_ra", &v), 0);
	assert_int_equal(v, -1);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_NEIGH, "eth0", "proxy_delay", &v), 0);
	assert_int_equal(v, 80);
}

static void test_bad_names(void **state)
{
	struct tree *t = *state;
	int v;

	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "..", "forwarding", &v), -EINVAL);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "../eth0/forwarding", &v),
			 -EINVAL);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "", "forwarding", &v), -EINVAL);
	assert_int_equal(sys_sysctl_set(t->root, (enum sys_sysctl_tree)7, "eth0", "forwarding", 1),
			 -EINVAL);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth1", "forwarding", &v), -ENOENT);
}

static void test_unreadable_contents(void **state)
{
	struct tree *t = *state;
	int v;

	put(t, "conf/eth0/forwarding", "yes\n");
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), -EINVAL);
	put(t, "conf/eth0/forwarding", "");
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), -EINVAL);
	put(t, "conf/eth0/forwarding", "99999999999\n");
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), -EINVAL);
	put(t, "conf/eth0/forwarding", "1 2\n");
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), -EINVAL);
}

static void test_save_restore(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	int v;

	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "forwarding", 1), 0);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "proxy_ndp", 1), 0);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_NEIGH, "eth0", "proxy_delay", 0), 0);
	/* The same knob again: the value changes, the saved one stays 0. */
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "forwarding", 2), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(sys_sysctl_restore(&s), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "forwarding", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "proxy_ndp", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_NEIGH, "eth0", "proxy_delay", &v), 0);
	assert_int_equal(v, 80);
	/* Restoring an empty table does nothing. */
	assert_int_equal(sys_sysctl_restore(&s), 0);
}

static void test_save_of_missing_knob(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;

	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "autoconf", 0), -ENOENT);
	assert_int_equal(s.n, 0);
}

static void test_restore_continues_after_error(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	char path[256];
	int v;

	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "accept_ra", 0), 0);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", "proxy_ndp", 1), 0);
	snprintf(path, sizeof(path), "%s/conf/eth0/proxy_ndp", t->root);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(sys_sysctl_restore(&s), -ENOENT);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "accept_ra", &v), 0);
	assert_int_equal(v, 1);
	put(t, "conf/eth0/proxy_ndp", "0\n");
}

static void test_full_table(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	char rel[64], key[32];
	int v;

	sys_sysctl_saved_init(&s, t->root);
	for (int i = 0; i <= SYS_SYSCTL_MAX_SAVED; i++) {
		snprintf(rel, sizeof(rel), "conf/eth0/k%d", i);
		put(t, rel, "5\n");
	}
	for (int i = 0; i < SYS_SYSCTL_MAX_SAVED; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", key, 6), 0);
	}
	snprintf(key, sizeof(key), "k%d", SYS_SYSCTL_MAX_SAVED);
	assert_int_equal(sys_sysctl_set_save(&s, SYS_SYSCTL_CONF, "eth0", key, 6), -ENOSPC);
	/* Nothing was written for the refused one. */
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", key, &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(sys_sysctl_restore(&s), 0);
	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, "eth0", "k0", &v), 0);
	assert_int_equal(v, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_get_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_restore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_of_missing_knob, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_continues_after_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_table, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
