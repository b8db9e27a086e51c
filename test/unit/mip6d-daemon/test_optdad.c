/* optdad_prepare: optimistic DAD on the MN's interfaces for
 * OptimisticHandoff, in a scratch net/ipv6 tree. */
#include "mip6d/daemon/optdad.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

struct tree {
	char root[64];
};

static void put1(const char *root, const char *ifn, const char *key, const char *val)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/conf", root);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/conf/%s", root, ifn);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/conf/%s/%s", root, ifn, key);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(val, f);
	fclose(f);
}

static void put(const char *root, const char *ifn, const char *val)
{
	put1(root, ifn, "optimistic_dad", val);
	put1(root, ifn, "use_optimistic", val);
}

static int get1(const char *root, const char *ifn, const char *key)
{
	int v = -1;

	assert_int_equal(sys_sysctl_get(root, SYS_SYSCTL_CONF, ifn, key, &v), 0);
	return v;
}

/* Both knobs' common value, -2 when they differ. */
static int get(const char *root, const char *ifn)
{
	int a = get1(root, ifn, "optimistic_dad"), b = get1(root, ifn, "use_optimistic");

	return a == b ? a : -2;
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "/tmp/optdadXXXXXX");
	if (!mkdtemp(t->root))
		return -1;
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

static void two_ifaces(struct mip6_conf *c, struct conf_iface *a, struct conf_iface *b)
{
	memset(c, 0, sizeof(*c));
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	snprintf(a->name, sizeof(a->name), "m1");
	snprintf(b->name, sizeof(b->name), "m2");
	a->next = b;
	c->ifaces = a;
}

static void sets_each_iface_and_restores(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	struct mip6_conf c;
	struct conf_iface a, b;

	put(t->root, "m1", "0\n");
	put(t->root, "m2", "0\n");
	two_ifaces(&c, &a, &b);
	c.optimistic_handoff = true;
	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(optdad_prepare(&s, &c), 0);
	assert_int_equal(get(t->root, "m1"), 1);
	assert_int_equal(get(t->root, "m2"), 1);
	assert_int_equal(sys_sysctl_restore(&s), 0);
	assert_int_equal(get(t->root, "m1"), 0);
	assert_int_equal(get(t->root, "m2"), 0);
}

static void off_writes_nothing(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	struct mip6_conf c;
	struct conf_iface a, b;

	put(t->root, "m1", "0\n");
	put(t->root, "m2", "0\n");
	two_ifaces(&c, &a, &b);
	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(optdad_prepare(&s, &c), 0);
	assert_int_equal(get(t->root, "m1"), 0);
	assert_int_equal(get(t->root, "m2"), 0);
}

/* A kernel without CONFIG_IPV6_OPTIMISTIC_DAD has no such knob: the error
 * is reported, the other interfaces are still set. */
static void missing_knob_reported_others_set(void **state)
{
	struct tree *t = *state;
	struct sys_sysctl_saved s;
	struct mip6_conf c;
	struct conf_iface a, b;

	put(t->root, "m2", "0\n");
	two_ifaces(&c, &a, &b);
	c.optimistic_handoff = true;
	sys_sysctl_saved_init(&s, t->root);
	assert_int_equal(optdad_prepare(&s, &c), -ENOENT);
	assert_int_equal(get(t->root, "m2"), 1);
	assert_int_equal(sys_sysctl_restore(&s), 0);
	assert_int_equal(get(t->root, "m2"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sets_each_iface_and_restores, setup, teardown),
		cmocka_unit_test_setup_teardown(off_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_knob_reported_others_set, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
