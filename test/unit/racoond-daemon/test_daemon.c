/* racoond/daemon: the admin protocol codec and the command line. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "racoond/conf/conf.h"
#include "racoond/daemon/admin_proto.h"
#include "racoond/daemon/options.h"

static void request_round_trip(void **state)
{
	const char *args[] = { "isakmp", "inet6", "2001:db8::1", "2001:db8::2" };
	const char *out[ADMIN_MAX_ARGS];
	uint8_t buf[ADMIN_MAX_REQUEST];
	struct admin_hdr h;
	int len, n, i;
	(void)state;

	len = admin_encode_request(buf, sizeof(buf), ADMIN_CMD_DELETE_SA, ADMIN_F_JSON, 4, args);
	assert_int_equal(len, 8 + 7 + 6 + 12 + 12);
	assert_int_equal(admin_hdr_get(buf, (size_t)len, ADMIN_MAX_REQUEST, &h), 0);
	assert_int_equal(h.len, (uint32_t)len);
	assert_int_equal(h.code, ADMIN_CMD_DELETE_SA);
	assert_int_equal(h.flags, ADMIN_F_JSON);
	/* network byte order on the wire */
	assert_int_equal(buf[3], len);
	assert_int_equal(buf[5], ADMIN_CMD_DELETE_SA);
	n = admin_decode_args(buf + 8, (size_t)len - 8, out, ADMIN_MAX_ARGS);
	assert_int_equal(n, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(out[i], args[i]);
}

static void request_without_args(void **state)
{
	const char *out[ADMIN_MAX_ARGS];
	uint8_t buf[16];
	(void)state;
	assert_int_equal(admin_encode_request(buf, sizeof(buf), ADMIN_CMD_RELOAD, 0, 0, NULL), 8);
	assert_int_equal(admin_decode_args(buf + 8, 0, out, ADMIN_MAX_ARGS), 0);
	/* an empty argument is an argument */
	assert_int_equal(admin_decode_args((const uint8_t *)"", 1, out, ADMIN_MAX_ARGS), 1);
	assert_string_equal(out[0], "");
}

static void request_encode_refusals(void **state)
{
	const char *many[ADMIN_MAX_ARGS + 1];
	const char *one[] = { "0123456789" };
	uint8_t buf[16];
	int i;
	(void)state;

	for (i = 0; i <= ADMIN_MAX_ARGS; i++)
		many[i] = "x";
	assert_int_equal(admin_encode_request(buf, sizeof(buf), ADMIN_CMD_SHOW_SA, 0, ADMIN_MAX_ARGS + 1, many), -E2BIG);
	assert_int_equal(admin_encode_request(buf, sizeof(buf), ADMIN_CMD_SHOW_SA, 0, 1, one), -ENOSPC);
	assert_int_equal(admin_encode_request(buf, 4, ADMIN_CMD_SHOW_SA, 0, 0, NULL), -ENOSPC);
	assert_int_equal(admin_encode_request(buf, sizeof(buf), 0, 0, 0, NULL), -EINVAL);
	assert_int_equal(admin_encode_request(buf, sizeof(buf), ADMIN_CMD_MAX + 1, 0, 0, NULL), -EINVAL);
}

static void header_length_checks(void **state)
{
	uint8_t b[8] = { 0, 0, 0, 7, 0, 1, 0, 0 };
	struct admin_hdr h;
	(void)state;

	assert_int_equal(admin_hdr_get(b, 8, ADMIN_MAX_REQUEST, &h), -EINVAL);   /* below 8 */
	b[3] = 8;
	assert_int_equal(admin_hdr_get(b, 8, ADMIN_MAX_REQUEST, &h), 0);
	assert_int_equal(admin_hdr_get(b, 7, ADMIN_MAX_REQUEST, &h), -EINVAL);   /* truncated */
	b[1] = 1;                                                                /* 64 KiB + 8 */
	assert_int_equal(admin_hdr_get(b, 8, ADMIN_MAX_REQUEST, &h), -EINVAL);
	assert_int_equal(admin_hdr_get(b, 8, ADMIN_MAX_REPLY, &h), 0);
}

static void args_unterminated(void **state)
{
	const char *out[ADMIN_MAX_ARGS];
	(void)state;
	assert_int_equal(admin_decode_args((const uint8_t *)"esp\0ah", 6, out, ADMIN_MAX_ARGS), -EINVAL);
}

static void args_too_many(void **state)
{
	const char *out[2];
	(void)state;
	assert_int_equal(admin_decode_args((const uint8_t *)"a\0b\0c", 6, out, 2), -E2BIG);
}

static void command_names(void **state)
{
	(void)state;
	assert_int_equal(admin_cmd_parse("reload-config"), ADMIN_CMD_RELOAD);
	assert_int_equal(admin_cmd_parse("rc"), ADMIN_CMD_RELOAD);
	assert_int_equal(admin_cmd_parse("ss"), ADMIN_CMD_SHOW_SA);
	assert_int_equal(admin_cmd_parse("flush-sa"), ADMIN_CMD_FLUSH_SA);
	assert_int_equal(admin_cmd_parse("ds"), ADMIN_CMD_DELETE_SA);
	assert_int_equal(admin_cmd_parse("establish-sa"), ADMIN_CMD_ESTABLISH_SA);
	assert_int_equal(admin_cmd_parse("show-stats"), ADMIN_CMD_SHOW_STATS);
	assert_int_equal(admin_cmd_parse("vpn-connect"), 0);
	assert_string_equal(admin_cmd_name(ADMIN_CMD_SHOW_SA), "show-sa");
	assert_string_equal(admin_cmd_name(99), "unknown");
}

/* ---------- command line ---------- */

static enum rd_parse_result parse(struct rd_options *o, char *out, size_t outlen, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	FILE *f = fmemopen(out, outlen, "w");
	enum rd_parse_result r;

	assert_non_null(f);
	argv[argc++] = (char *)"racoond";
	va_start(ap, outlen);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	r = rd_parse_args(argc, argv, o, f, f);
	fclose(f);
	return r;
}

static void options_defaults(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), NULL), RD_PARSE_RUN);
	assert_string_equal(o.conf_file, RC_DEFAULT_CONF);
	assert_int_equal(o.port, 500);
	assert_int_equal(o.natt_port, 4500);
	assert_int_equal(o.family, 0);
	assert_int_equal(o.kernel, KM_BACKEND_AUTO);
	assert_false(o.foreground);
}

static void options_all(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), "-F", "-B", "-d", "-d", "-v", "-6", "-f", "/x.conf",
			       "-l", "/tmp/l", "-p", "5000", "-P", "5001", "--kernel", "xfrm", NULL),
			 RD_PARSE_RUN);
	assert_true(o.foreground);
	assert_true(o.restore_sas);
	assert_int_equal(o.debug, 2);
	assert_true(o.verbose);
	assert_int_equal(o.family, 6);
	assert_string_equal(o.conf_file, "/x.conf");
	assert_string_equal(o.logfile, "/tmp/l");
	assert_int_equal(o.port, 5000);
	assert_int_equal(o.natt_port, 5001);
	assert_int_equal(o.kernel, KM_BACKEND_XFRM);
	assert_int_equal(parse(&o, out, sizeof(out), "-t", "--kernel", "pfkey", "-4", NULL), RD_PARSE_RUN);
	assert_true(o.test);
	assert_false(o.restore_sas);
	assert_int_equal(o.family, 4);
	assert_int_equal(o.kernel, KM_BACKEND_PFKEY);
}

static void options_bad_port(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), "-p", "0", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "not a port number"));
	assert_int_equal(parse(&o, out, sizeof(out), "-P", "65536", NULL), RD_PARSE_ERROR);
	assert_int_equal(parse(&o, out, sizeof(out), "-p", "5x", NULL), RD_PARSE_ERROR);
}

static void options_bad_kernel_and_unknown(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), "--kernel", "bsd", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "auto, pfkey or xfrm"));
	assert_int_equal(parse(&o, out, sizeof(out), "-Z", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "unknown option"));
	assert_int_equal(parse(&o, out, sizeof(out), "-f", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "needs an argument"));
	assert_int_equal(parse(&o, out, sizeof(out), "extra", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "unexpected argument"));
}

static void options_no_file_checks_only_for_checks(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), "--no-file-checks", NULL), RD_PARSE_ERROR);
	assert_non_null(strstr(out, "applies to -t and -C only"));
	assert_int_equal(parse(&o, out, sizeof(out), "--no-file-checks", "-t", NULL), RD_PARSE_RUN);
	assert_true(o.no_file_checks);
	assert_int_equal(parse(&o, out, sizeof(out), "-C", "--no-file-checks", NULL), RD_PARSE_RUN);
}

static void options_help_version(void **state)
{
	struct rd_options o;
	char out[2048];
	(void)state;
	assert_int_equal(parse(&o, out, sizeof(out), "-h", NULL), RD_PARSE_EXIT_OK);
	assert_non_null(strstr(out, "usage: racoond"));
	assert_int_equal(parse(&o, out, sizeof(out), "-V", NULL), RD_PARSE_EXIT_OK);
	assert_non_null(strstr(out, "racoond " PACKAGE_VERSION));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_round_trip),
		cmocka_unit_test(request_without_args),
		cmocka_unit_test(request_encode_refusals),
		cmocka_unit_test(header_length_checks),
		cmocka_unit_test(args_unterminated),
		cmocka_unit_test(args_too_many),
		cmocka_unit_test(command_names),
		cmocka_unit_test(options_defaults),
		cmocka_unit_test(options_all),
		cmocka_unit_test(options_bad_port),
		cmocka_unit_test(options_bad_kernel_and_unknown),
		cmocka_unit_test(options_no_file_checks_only_for_checks),
		cmocka_unit_test(options_help_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
