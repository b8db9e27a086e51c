/* mip6d's command line: defaults, every option, UMIP's long forms, and
 * each kind of bad input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/ctlproto.h"
#include "mip6d/daemon/opts.h"

static char outbuf[4096], errbuf[4096];

static int run(struct mip6d_opts *o, int argc, const char **argv)
{
	FILE *out = fmemopen(outbuf, sizeof(outbuf), "w");
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");
	int r;

	assert_non_null(out);
	assert_non_null(err);
	r = mip6d_opts_parse(o, argc, (char **)argv, out, err);
	fclose(out);
	fclose(err);
	return r;
}

#define RUN(o, ...) run(o, (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *)), \
			(const char *[]){ __VA_ARGS__ })

static void defaults(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d"), MIP6D_OPTS_RUN);
	assert_string_equal(o.conf_path, MIP6D_DEFAULT_CONF);
	assert_false(o.conf_given);
	assert_int_equal(o.debug, -1);
	assert_int_equal(o.role, -1);
	assert_null(o.log_file);
	assert_false(o.test || o.show || o.offline || o.foreground);
	assert_string_equal(o.pidfile, MIP6D_DEFAULT_PIDFILE);
	assert_string_equal(o.ctl_path, CTL_DEFAULT_SOCKET);
}

static void every_option(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-c", "/x.conf", "-d", "10", "-l", "/log", "-n", "-p",
			     "/p", "-s", "/s", "-t", "--offline", "--show-config"), MIP6D_OPTS_RUN);
	assert_string_equal(o.conf_path, "/x.conf");
	assert_true(o.conf_given);
	assert_int_equal(o.debug, 10);
	assert_string_equal(o.log_file, "/log");
	assert_true(o.foreground && o.test && o.offline && o.show);
	assert_string_equal(o.pidfile, "/p");
	assert_string_equal(o.ctl_path, "/s");
	assert_int_equal(RUN(&o, "mip6d", "--foreground", "--pidfile", "", "--socket=/t"),
			 MIP6D_OPTS_RUN);
	assert_true(o.foreground);
	assert_string_equal(o.pidfile, "");
	assert_string_equal(o.ctl_path, "/t");
}

static void roles(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-H"), 0);
	assert_int_equal(o.role, NODE_HA);
	assert_int_equal(RUN(&o, "mip6d", "-M"), 0);
	assert_int_equal(o.role, NODE_MN);
	assert_int_equal(RUN(&o, "mip6d", "-C"), 0);
	assert_int_equal(o.role, NODE_CN);
	assert_int_equal(RUN(&o, "mip6d", "--home-agent"), 0);
	assert_int_equal(o.role, NODE_HA);
	assert_int_equal(RUN(&o, "mip6d", "--mobile-node"), 0);
	assert_int_equal(o.role, NODE_MN);
	assert_int_equal(RUN(&o, "mip6d", "--correspondent-node"), 0);
	assert_int_equal(o.role, NODE_CN);
	/* the last one wins */
	assert_int_equal(RUN(&o, "mip6d", "-H", "-M"), 0);
	assert_int_equal(o.role, NODE_MN);
}

static void help_and_version(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-V"), MIP6D_OPTS_DONE);
	assert_true(!strncmp(outbuf, "mip6d (", 7));
	assert_int_equal(RUN(&o, "mip6d", "--help"), MIP6D_OPTS_DONE);
	assert_non_null(strstr(outbuf, "Usage: mip6d"));
	assert_non_null(strstr(outbuf, "--home-agent"));
	assert_string_equal(errbuf, "");
}

static void bad_debug_level(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-d", "x"), -EINVAL);
	assert_non_null(strstr(errbuf, "-d needs a debug level"));
	assert_int_equal(RUN(&o, "mip6d", "-d", "-1"), -EINVAL);
	assert_int_equal(RUN(&o, "mip6d", "-d", ""), -EINVAL);
	assert_int_equal(RUN(&o, "mip6d", "-d", "99999999999999999999"), -EINVAL);
	assert_int_equal(RUN(&o, "mip6d", "-d", "3x"), -EINVAL);
}

static void unknown_option(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-x"), -EINVAL);
	assert_non_null(strstr(errbuf, "unknown option"));
	assert_int_equal(RUN(&o, "mip6d", "--nope"), -EINVAL);
	assert_non_null(strstr(errbuf, "Usage:"));
}

static void missing_argument(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-c"), -EINVAL);
	assert_non_null(strstr(errbuf, "needs an argument"));
	assert_int_equal(RUN(&o, "mip6d", "--socket"), -EINVAL);
	assert_int_equal(RUN(&o, "mip6d", "-s", ""), -EINVAL);
}

static void extra_argument(void **state)
{
	struct mip6d_opts o;

	(void)state;
	assert_int_equal(RUN(&o, "mip6d", "-t", "file.conf"), -EINVAL);
	assert_non_null(strstr(errbuf, "unexpected argument 'file.conf'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_option),
		cmocka_unit_test(roles),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(bad_debug_level),
		cmocka_unit_test(unknown_option),
		cmocka_unit_test(missing_argument),
		cmocka_unit_test(extra_argument),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
