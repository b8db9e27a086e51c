/* setkey's policy language: parse, format, and errors with their position. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "libpfkey/pfkey.h"
#include "libpfkey/policystr.h"

static void parse_ok(const char *s, struct ipsec_policy *p)
{
	struct policystr_error err = { 0, NULL };

	memset(p, 0, sizeof(*p));
	if (policystr_parse(s, p, &err) != 0)
		fail_msg("%s: %s at %zu", s, err.msg, err.pos);
}

static void roundtrip(const char *s)
{
	struct ipsec_policy p, q;
	char buf[512];

	parse_ok(s, &p);
	policystr_fmt(&p, buf, sizeof(buf));
	assert_string_equal(buf, s);
	parse_ok(buf, &q);
	assert_memory_equal(&p, &q, sizeof(p));
}

static void t_transport(void **st)
{
	struct ipsec_policy p;

	(void)st;
	parse_ok("out ipsec esp/transport//require", &p);
	assert_int_equal(p.dir, IPSEC_DIR_OUT);
	assert_int_equal(p.action, IPSEC_ACTION_IPSEC);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT);
	assert_int_equal(p.ntmpl, 1);
	assert_int_equal(p.tmpl[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(p.tmpl[0].mode, IPSEC_MODE_TRANSPORT);
	assert_int_equal(p.tmpl[0].level, IPSEC_LEVEL_REQUIRE);
	assert_int_equal(p.tmpl[0].src.family, AF_UNSPEC);
	roundtrip("out prio def ipsec esp/transport//require");
}

static void t_tunnel_unique(void **st)
{
	struct ipsec_policy p;
	char b[ADDR_STRLEN];

	(void)st;
	parse_ok("in ipsec esp/tunnel/2001:db8::1-2001:db8::2/unique:7", &p);
	assert_int_equal(p.dir, IPSEC_DIR_IN);
	assert_int_equal(p.tmpl[0].mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(p.tmpl[0].level, IPSEC_LEVEL_UNIQUE);
	assert_int_equal(p.tmpl[0].reqid, 7);
	assert_string_equal(addr_fmt(&p.tmpl[0].dst, b, sizeof(b)), "2001:db8::2");
	roundtrip("in prio def ipsec esp/tunnel/2001:db8::1-2001:db8::2/unique:7");
	roundtrip("fwd prio def ipsec esp/tunnel/192.0.2.1-192.0.2.2/use");
}

static void t_none_discard(void **st)
{
	struct ipsec_policy p;

	(void)st;
	parse_ok("out none", &p);
	assert_int_equal(p.action, IPSEC_ACTION_NONE);
	assert_int_equal(p.ntmpl, 0);
	parse_ok("in discard", &p);
	assert_int_equal(p.action, IPSEC_ACTION_DISCARD);
	roundtrip("out prio def none");
	roundtrip("in prio def discard");
	/* an ipsec policy may have no request, as in ipsec-tools */
	parse_ok("out ipsec", &p);
	assert_int_equal(p.action, IPSEC_ACTION_IPSEC);
	assert_int_equal(p.ntmpl, 0);
}

static void t_bundle(void **st)
{
	struct ipsec_policy p;

	(void)st;
	parse_ok("out ipsec ipcomp/transport//use esp/transport//require ah/transport//require", &p);
	assert_int_equal(p.ntmpl, 3);
	assert_int_equal(p.tmpl[0].proto, IPSEC_PROTO_IPCOMP);
	assert_int_equal(p.tmpl[0].level, IPSEC_LEVEL_USE);
	assert_int_equal(p.tmpl[2].proto, IPSEC_PROTO_AH);
	roundtrip("out prio def ipsec ipcomp/transport//use esp/transport//require ah/transport//require");
}

static void t_default_level(void **st)
{
	struct ipsec_policy p;

	(void)st;
	parse_ok("out ipsec esp/transport//", &p);
	assert_int_equal(p.tmpl[0].level, IPSEC_LEVEL_DEFAULT);
	parse_ok("out ipsec esp/transport/", &p);
	assert_int_equal(p.tmpl[0].level, IPSEC_LEVEL_DEFAULT);
}

static void t_priorities(void **st)
{
	struct ipsec_policy p;

	(void)st;
	parse_ok("out prio def ipsec esp/transport//require", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT);
	parse_ok("out prio def+10 ipsec esp/transport//require", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT - 10);
	parse_ok("out prio def + 10 ipsec esp/transport//require", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT - 10);
	parse_ok("out priority low - 5 none", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_LOW + 5);
	parse_ok("out prio high -5 none", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_HIGH + 5);
	parse_ok("out prio 10 ipsec esp/transport//require", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT - 10);
	parse_ok("out prio -10 none", &p);
	assert_int_equal(p.priority, PFKEY_PRIORITY_DEFAULT + 10);
	roundtrip("out prio def ipsec esp/transport//require");
	roundtrip("out prio def + 10 ipsec esp/transport//require");
	roundtrip("in prio low - 5 discard");
	roundtrip("fwd prio high + 3 none");
}

static void t_fmt_priority(void **st)
{
	char b[40];

	(void)st;
	assert_string_equal(policystr_fmt_priority(0, b, sizeof(b)), "");
	assert_string_equal(policystr_fmt_priority(0x80000000u, b, sizeof(b)), "prio def");
	assert_string_equal(policystr_fmt_priority(0x7ffffff6u, b, sizeof(b)), "prio def + 10");
	assert_string_equal(policystr_fmt_priority(0xc0000001u, b, sizeof(b)), "prio low - 1");
	assert_string_equal(policystr_fmt_priority(10, b, sizeof(b)), "prio high + 1073741814");
}

static void t_fmt_request_reqid(void **st)
{
	struct ipsec_template t = { .proto = IPSEC_PROTO_ESP, .mode = IPSEC_MODE_TRANSPORT,
				    .level = IPSEC_LEVEL_UNIQUE, .reqid = 16385 };
	char b[128];

	(void)st;
	assert_string_equal(policystr_fmt_request(&t, b, sizeof(b)), "esp/transport//unique#16385");
	t.reqid = 16383;
	assert_string_equal(policystr_fmt_request(&t, b, sizeof(b)), "esp/transport//unique:16383");
	t.reqid = 0;
	assert_string_equal(policystr_fmt_request(&t, b, sizeof(b)), "esp/transport//unique");
}

static void expect_error(const char *s, size_t pos)
{
	struct ipsec_policy p;
	struct policystr_error err = { 0, NULL };

	memset(&p, 0, sizeof(p));
	assert_int_equal(policystr_parse(s, &p, &err), -EINVAL);
	assert_non_null(err.msg);
	if (err.pos != pos)
		fail_msg("%s: error \"%s\" at %zu, expected %zu", s, err.msg, err.pos, pos);
}

static void t_errors(void **st)
{
	(void)st;
	expect_error("", 0);
	expect_error("up ipsec esp/transport//require", 0);
	expect_error("out", 3);
	expect_error("out maybe", 4);
	expect_error("out ipsec foo/transport//require", 10);
	expect_error("out ipsec esp/sideways//require", 14);
	expect_error("out ipsec esp/tunnel//require", 21);
	expect_error("out ipsec esp/tunnel/1.2.3.4/require", 21);
	expect_error("out ipsec esp/tunnel/1.2.3.4-::1/require", 21);
	expect_error("out ipsec esp/tunnel/1.2.3.4-x/require", 29);
	expect_error("out ipsec esp/transport//sometimes", 25);
	expect_error("out ipsec esp/transport//unique:0", 25);
	expect_error("out ipsec esp/transport//unique:40000", 25);
	expect_error("out none esp/transport//require", 9);
	expect_error("out prio", 8);
	expect_error("out prio middle none", 9);
	expect_error("out prio def + none", 15);
	expect_error("out entrust", 4);
	expect_error("out ipsec esp", 10);
	expect_error("out ipsec esp/transport//require/x", 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_transport), cmocka_unit_test(t_tunnel_unique),
		cmocka_unit_test(t_none_discard), cmocka_unit_test(t_bundle),
		cmocka_unit_test(t_default_level), cmocka_unit_test(t_priorities),
		cmocka_unit_test(t_fmt_priority), cmocka_unit_test(t_fmt_request_reqid),
		cmocka_unit_test(t_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
