/* The control protocol: requests round trip, each class of bad request is
 * refused, and the answers' text and JSON forms. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mip6d/daemon/ctlproto.h"

static char buf[4096];

static FILE *mem(void)
{
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	assert_non_null(f);
	return f;
}

static void round_trip(void **state)
{
	static const enum ctl_cmd cmds[] = { CTL_STATUS, CTL_BC, CTL_BUL };
	struct ctl_req r, back;
	char line[CTL_LINE_MAX];
	size_t i;
	int j, n;

	(void)state;
	for (i = 0; i < 3; i++)
		for (j = 0; j < 2; j++) {
			r.cmd = cmds[i];
			r.json = j;
			n = ctl_req_format(&r, line, sizeof(line));
			assert_true(n > 0);
			assert_int_equal(line[n - 1], '\n');
			assert_int_equal(ctl_req_parse(line, (size_t)n, &back), 0);
			assert_int_equal(back.cmd, r.cmd);
			assert_int_equal(back.json, r.json);
		}
	r.cmd = CTL_BUL;
	r.json = true;
	assert_int_equal(ctl_req_format(&r, line, 5), -ENOSPC);
	/* the newline is optional */
	assert_int_equal(ctl_req_parse("bc", 2, &back), 0);
	assert_int_equal(back.cmd, CTL_BC);
}

static void bad_requests(void **state)
{
	struct ctl_req r;
	char longl[CTL_LINE_MAX + 10];

	(void)state;
	assert_int_equal(ctl_req_parse("", 0, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("\n", 1, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("bcx\n", 4, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("b\n", 2, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("bc xml\n", 7, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("bc  json\n", 9, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("bc json extra\n", 14, &r), -EINVAL);
	assert_int_equal(ctl_req_parse("bc\0json", 7, &r), -EINVAL);
	memset(longl, 'a', sizeof(longl));
	assert_int_equal(ctl_req_parse(longl, sizeof(longl), &r), -EINVAL);
	assert_int_equal(ctl_req_parse("BC\n", 3, &r), -EINVAL);
}

static struct bce entry(void)
{
	struct bce e;

	memset(&e, 0, sizeof(e));
	addr_parse(&e.hoa, "2001:db8:ffff::1");
	addr_parse(&e.coa, "2001:db8:1::5");
	addr_parse(&e.ha, "2001:db8:ffff::1000");
	e.state = BCE_BOUND;
	e.flags = BU_FLAG_A | BU_FLAG_H | BU_FLAG_K;
	e.lifetime = 60;
	e.expires = 50000;
	e.seq = 12;
	return e;
}

static void bc_text(void **state)
{
	struct bce e = entry();
	FILE *f = mem();

	(void)state;
	ctl_fmt_begin(f, CTL_BC, false);
	ctl_fmt_bce(f, &e, 8000, false, true);
	ctl_fmt_end(f, CTL_BC, false, 1);
	fclose(f);
	assert_string_equal(buf, "hoa 2001:db8:ffff::1 status registered\n"
			    " coa 2001:db8:1::5 flags AHK\n"
			    " local 2001:db8:ffff::1000\n"
			    " lifetime 42 / 60 seq 12\n");
}

static void bc_json(void **state)
{
	struct bce e = entry(), e2 = entry();
	struct ip_prefix mnp;
	FILE *f = mem();

	(void)state;
	prefix_parse(&mnp, "2001:db8:77::/48");
	e2.state = BCE_DAD;
	e2.mnps = &mnp;
	e2.n_mnps = 1;
	ctl_fmt_begin(f, CTL_BC, true);
	ctl_fmt_bce(f, &e, 8000, true, true);
	ctl_fmt_bce(f, &e2, 8000, true, false);
	ctl_fmt_end(f, CTL_BC, true, 2);
	fclose(f);
	assert_string_equal(buf,
		"{\"bindings\":[{\"hoa\":\"2001:db8:ffff::1\",\"coa\":\"2001:db8:1::5\","
		"\"local\":\"2001:db8:ffff::1000\",\"status\":\"registered\",\"flags\":\"AHK\","
		"\"lifetime_left\":42,\"lifetime\":60,\"seq\":12,\"mnp\":[]},"
		"{\"hoa\":\"2001:db8:ffff::1\",\"coa\":\"2001:db8:1::5\","
		"\"local\":\"2001:db8:ffff::1000\",\"status\":\"dad\",\"flags\":\"AHK\","
		"\"lifetime_left\":0,\"lifetime\":60,\"seq\":12,\"mnp\":[\"2001:db8:77::/48\"]}]}\n");
}

static void empty_lists(void **state)
{
	FILE *f = mem();

	(void)state;
	ctl_fmt_begin(f, CTL_BUL, false);
	ctl_fmt_end(f, CTL_BUL, false, 0);
	ctl_fmt_begin(f, CTL_BC, true);
	ctl_fmt_end(f, CTL_BC, true, 0);
	fclose(f);
	assert_string_equal(buf, "binding update list empty\n{\"bindings\":[]}\n");
}

static void bul_forms(void **state)
{
	struct bule e;
	FILE *f = mem();

	(void)state;
	memset(&e, 0, sizeof(e));
	addr_parse(&e.p.hoa, "2001:db8:ffff::1");
	addr_parse(&e.p.ha, "2001:db8:ffff::1000");
	addr_parse(&e.coa, "2001:db8:2::5");
	e.state = BUL_BOUND;
	e.registered = true;
	e.expires = 61000;
	e.flags = BU_FLAG_A | BU_FLAG_H;
	e.seq = 7;
	e.resends = 1;
	e.timeout = 1000;
	ctl_fmt_bule(f, &e, 1000, false, true);
	ctl_fmt_bule(f, &e, 1000, true, true);
	fclose(f);
	assert_string_equal(buf,
		"hoa 2001:db8:ffff::1 ha 2001:db8:ffff::1000\n"
		" coa 2001:db8:2::5 state bound (registered) flags AH\n"
		" lifetime left 60 seq 7 resends 1 timeout 1000 ms\n"
		"{\"hoa\":\"2001:db8:ffff::1\",\"coa\":\"2001:db8:2::5\",\"ha\":\"2001:db8:ffff::1000\","
		"\"state\":\"bound\",\"registered\":true,\"flags\":\"AH\",\"lifetime_left\":60,"
		"\"seq\":7,\"resends\":1,\"timeout_ms\":1000}");
	assert_string_equal(ctl_bul_state_name(BUL_DEREG), "deregistering");
	assert_string_equal(ctl_bul_state_name((enum bul_state)99), "?");
}

static void status_forms(void **state)
{
	struct ctl_status s = { .role = "HA", .pid = 42, .uptime_s = 5, .bindings = 2,
				.rx_mh = 9, .rx_bad = 1, .tx = 8 };
	FILE *f = mem();

	(void)state;
	ctl_fmt_status(f, &s, false);
	ctl_fmt_status(f, &s, true);
	fclose(f);
	assert_string_equal(buf, "role HA\npid 42\nuptime 5\nbindings 2\n"
			    "mh received 9 malformed 1 sent 8\n"
			    "{\"role\":\"HA\",\"pid\":42,\"uptime\":5,\"bindings\":2,\"mh_received\":9,"
			    "\"mh_malformed\":1,\"mh_sent\":8}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(bad_requests),
		cmocka_unit_test(bc_text),
		cmocka_unit_test(bc_json),
		cmocka_unit_test(empty_lists),
		cmocka_unit_test(bul_forms),
		cmocka_unit_test(status_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
