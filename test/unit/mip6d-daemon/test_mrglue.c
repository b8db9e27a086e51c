/* The mobile router's glue (mrglue.c): the policy routing rules of its
 * mobile network prefixes, and forwarding with accept_ra 2 set and put
 * back, in a scratch sysctl tree with fake kernel operations. */
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

#include "fakeops.h"
#include "mip6d/daemon/mrglue.h"

static const char mr_conf[] =
	"NodeConfig MN;\n"
	"Interface \"eth0\" { MnIfPreference 1; }\nInterface \"wlan0\" { MnIfPreference 2; }\n"
	"Interface \"ppp0\" { MnIfPreference 3; }\n"
	"MnHomeLink \"eth0\" {\nHomeAgentAddress 2001:db8:ffff::1000;\n"
	"HomeAddress 2001:db8:ffff::1/64 (2001:db8:ffff:10::/64, 2001:db8:20:1:2::/48);\n"
	"IsMobRtr enabled;\n}\n";

static const char mn_conf[] =
	"NodeConfig MN;\nInterface \"eth0\";\n"
	"MnHomeLink \"eth0\" {\nHomeAgentAddress 2001:db8:ffff::1000;\n"
	"HomeAddress 2001:db8:ffff::1/64;\n}\n";

struct tree {
	char root[64];
};

static void put(const struct tree *t, const char *rel, const char *val)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(val, f);
	fclose(f);
}

static int value(const struct tree *t, const char *ifname, const char *key)
{
	int v = -100;

	assert_int_equal(sys_sysctl_get(t->root, SYS_SYSCTL_CONF, ifname, key, &v), 0);
	return v;
}

static void mkd(const struct tree *t, const char *rel)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

/* conf/{all,eth0,wlan0}; eth0 accept_ra 1, wlan0 0 (turned off by the
 * admin: left alone); no ppp0 (not there yet). */
static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	snprintf(t->root, sizeof(t->root), "/tmp/test_mrglue.XXXXXX");
	assert_non_null(mkdtemp(t->root));
	mkd(t, "conf");
	mkd(t, "conf/all");
	mkd(t, "conf/eth0");
	mkd(t, "conf/wlan0");
	put(t, "conf/all/forwarding", "0\n");
	put(t, "conf/eth0/accept_ra", "1\n");
	put(t, "conf/wlan0/accept_ra", "0\n");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static void load(struct mip6_conf *c, const char *text)
{
	conf_init(c);
	assert_int_equal(conf_load_string(c, text, strlen(text), "conf", NULL), 0);
}

static void prefix_is(const struct ip_prefix *p, const char *want)
{
	char b[ADDR_STRLEN];

	assert_string_equal(prefix_fmt(p, b, sizeof(b)), want);
}

/* Two rules per prefix: to it in main (1000), from it in 252 (1005); the
 * prefix masked (the kernel refuses host bits in a rule). */
static void rules_of_prefixes(void **state)
{
	struct mip6_conf c;
	struct sys_rule r[4];
	size_t n = 0;

	(void)state;
	load(&c, mr_conf);
	assert_int_equal(mrg_rules(c.home_links, r, 4, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].prio, MRG_RULE_PRIO_TO_MNP);
	assert_int_equal(r[0].action, SYS_RULE_LOOKUP);
	assert_int_equal(r[0].table, 254);
	prefix_is(&r[0].dst, "2001:db8:ffff:10::/64");
	assert_int_equal(r[0].src.addr.family, AF_UNSPEC);
	assert_int_equal(r[1].prio, MRG_RULE_PRIO_FROM_MNP);
	assert_int_equal(r[1].table, SYS_RT_TABLE_MIP6);
	prefix_is(&r[1].src, "2001:db8:ffff:10::/64");
	assert_int_equal(r[1].dst.addr.family, AF_UNSPEC);
	prefix_is(&r[2].dst, "2001:db8:20::/48");
	prefix_is(&r[3].src, "2001:db8:20::/48");
	/* Too small: what fits, and -ENOSPC. */
	assert_int_equal(mrg_rules(c.home_links, r, 3, &n), -ENOSPC);
	assert_int_equal(n, 2);
	conf_free(&c);
}

static void start_and_stop(void **state)
{
	struct tree *t = *state;
	struct mip6_conf c;
	struct fake f;
	struct mrg m;

	load(&c, mr_conf);
	fake_reset(&f);
	mrg_start(&m, &c, c.home_links, &fake_ops, &f, t->root);
	assert_true(m.on);
	assert_int_equal(value(t, "all", "forwarding"), 1);
	assert_int_equal(value(t, "eth0", "accept_ra"), 2);
	assert_int_equal(value(t, "wlan0", "accept_ra"), 0);
	assert_int_equal(fake_count(&f, "rule_add prio 1000 from all table 254"), 2);
	assert_int_equal(fake_count(&f, "rule_add prio 1005 from 2001:db8:ffff:10::/64 table 252"), 1);
	assert_int_equal(fake_count(&f, "rule_add prio 1005 from 2001:db8:20::/48 table 252"), 1);
	assert_int_equal(m.n_rules, 4);
	fake_reset(&f);
	mrg_stop(&m, &fake_ops, &f);
	assert_int_equal(fake_count(&f, "rule_del "), 4);
	assert_int_equal(value(t, "all", "forwarding"), 0);
	assert_int_equal(value(t, "eth0", "accept_ra"), 1);
	assert_false(m.on);
	conf_free(&c);
}

/* A rule that cannot be added is not deleted at the end; the others are. */
static void rule_failure(void **state)
{
	struct tree *t = *state;
	struct mip6_conf c;
	struct fake f;
	struct mrg m;

	load(&c, mr_conf);
	fake_reset(&f);
	f.fail = "rule_add";
	f.fail_err = -EEXIST;
	mrg_start(&m, &c, c.home_links, &fake_ops, &f, t->root);
	assert_int_equal(m.n_rules, 0);
	assert_int_equal(value(t, "all", "forwarding"), 1);
	fake_reset(&f);
	mrg_stop(&m, &fake_ops, &f);
	assert_int_equal(f.n, 0);
	assert_int_equal(value(t, "all", "forwarding"), 0);
	conf_free(&c);
}

/* Not a mobile router: nothing touched. */
static void plain_mn(void **state)
{
	struct tree *t = *state;
	struct mip6_conf c;
	struct fake f;
	struct mrg m;

	load(&c, mn_conf);
	fake_reset(&f);
	mrg_start(&m, &c, c.home_links, &fake_ops, &f, t->root);
	assert_false(m.on);
	assert_int_equal(f.n, 0);
	assert_int_equal(value(t, "all", "forwarding"), 0);
	assert_int_equal(value(t, "eth0", "accept_ra"), 1);
	mrg_stop(&m, &fake_ops, &f);
	assert_int_equal(f.n, 0);
	conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_of_prefixes),
		cmocka_unit_test_setup_teardown(start_and_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(rule_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(plain_mn, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
