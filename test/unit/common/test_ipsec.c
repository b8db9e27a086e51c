/* Neutral IPsec types: names both ways, selector format and equality,
 * host selectors, key wiping. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/ipsec.h"

static void test_proto_names(void **state)
{
	static const struct {
		enum ipsec_proto p;
		const char *name;
	} map[] = {
		{ IPSEC_PROTO_ESP, "esp" }, { IPSEC_PROTO_AH, "ah" }, { IPSEC_PROTO_IPCOMP, "ipcomp" },
		{ IPSEC_PROTO_ROUTING, "route2" }, { IPSEC_PROTO_DSTOPTS, "hao" }, { IPSEC_PROTO_NONE, "none" },
	};
	enum ipsec_proto p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		assert_string_equal(ipsec_proto_name(map[i].p), map[i].name);
		p = (enum ipsec_proto)-1;
		assert_int_equal(ipsec_proto_parse(map[i].name, &p), 0);
		assert_int_equal(p, map[i].p);
	}
	assert_string_equal(ipsec_proto_name((enum ipsec_proto)17), "unknown");
	p = IPSEC_PROTO_AH;
	assert_int_equal(ipsec_proto_parse("ESP", &p), -EINVAL);
	assert_int_equal(ipsec_proto_parse("", &p), -EINVAL);
	assert_int_equal(ipsec_proto_parse("unknown", &p), -EINVAL);
	/* untouched on failure */
	assert_int_equal(p, IPSEC_PROTO_AH);
}

static void test_mode_names(void **state)
{
	static const char *const names[] = { "any", "transport", "tunnel", "ro", "beet" };
	enum ipsec_mode m;
	int i;

	(void)state;
	for (i = IPSEC_MODE_ANY; i <= IPSEC_MODE_BEET; i++) {
		assert_string_equal(ipsec_mode_name((enum ipsec_mode)i), names[i]);
		assert_int_equal(ipsec_mode_parse(names[i], &m), 0);
		assert_int_equal(m, i);
	}
	assert_string_equal(ipsec_mode_name((enum ipsec_mode)42), "unknown");
	assert_int_equal(ipsec_mode_parse("tunnel ", &m), -EINVAL);
}

static void test_dir_names(void **state)
{
	static const char *const names[] = { "in", "out", "fwd" };
	enum ipsec_dir d;
	int i;

	(void)state;
	for (i = IPSEC_DIR_IN; i <= IPSEC_DIR_FWD; i++) {
		assert_string_equal(ipsec_dir_name((enum ipsec_dir)i), names[i]);
		assert_int_equal(ipsec_dir_parse(names[i], &d), 0);
		assert_int_equal(d, i);
	}
	assert_string_equal(ipsec_dir_name((enum ipsec_dir)3), "unknown");
	assert_int_equal(ipsec_dir_parse("forward", &d), -EINVAL);
}

static void test_level_names(void **state)
{
	static const char *const names[] = { "require", "use", "unique", "default" };
	enum ipsec_level l;
	int i;

	(void)state;
	for (i = IPSEC_LEVEL_REQUIRE; i <= IPSEC_LEVEL_DEFAULT; i++) {
		assert_string_equal(ipsec_level_name((enum ipsec_level)i), names[i]);
		assert_int_equal(ipsec_level_parse(names[i], &l), 0);
		assert_int_equal(l, i);
	}
	assert_string_equal(ipsec_level_name((enum ipsec_level)-1), "unknown");
	assert_int_equal(ipsec_level_parse("required", &l), -EINVAL);
}

static void test_action_names(void **state)
{
	(void)state;
	assert_string_equal(ipsec_action_name(IPSEC_ACTION_IPSEC), "ipsec");
	assert_string_equal(ipsec_action_name(IPSEC_ACTION_NONE), "none");
	assert_string_equal(ipsec_action_name(IPSEC_ACTION_DISCARD), "discard");
	assert_string_equal(ipsec_action_name((enum ipsec_action)9), "unknown");
}

static void test_selector_hosts(void **state)
{
	struct ipsec_selector s;
	struct ip_addr a, b;

	(void)state;
	addr_parse(&a, "2001:db8::1");
	addr_parse(&b, "2001:db8::2");
	memset(&s, 0xff, sizeof(s));
	ipsec_selector_hosts(&s, &a, &b);
	assert_true(addr_eq(&s.src.addr, &a));
	assert_true(addr_eq(&s.dst.addr, &b));
	assert_int_equal(s.src.len, 128);
	assert_int_equal(s.dst.len, 128);
	assert_int_equal(s.proto, IPSEC_ULPROTO_ANY);
	assert_int_equal(s.sport, 0);
	assert_int_equal(s.dport, 0);
	assert_false(s.has_mh_type);
	assert_int_equal(s.ifindex, 0);
	addr_parse(&a, "10.0.0.1");
	addr_parse(&b, "10.0.0.2");
	ipsec_selector_hosts(&s, &a, &b);
	assert_int_equal(s.src.len, 32);
}

static void test_selector_fmt(void **state)
{
	struct ipsec_selector s;
	struct ip_addr a, b;
	char buf[256];

	(void)state;
	addr_parse(&a, "2001:db8::1");
	addr_parse(&b, "2001:db8::2");
	ipsec_selector_hosts(&s, &a, &b);
	assert_ptr_equal(ipsec_selector_fmt(&s, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "2001:db8::1/128[any] 2001:db8::2/128[any] any");
	s.proto = 6;
	s.sport = 1234;
	s.dport = 80;
	ipsec_selector_fmt(&s, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1/128[1234] 2001:db8::2/128[80] 6");
	s.proto = IPSEC_PROTO_MH;
	s.sport = s.dport = 0;
	s.has_mh_type = true;
	s.mh_type = 5;
	ipsec_selector_fmt(&s, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1/128[any] 2001:db8::2/128[any] 135 type 5");
	s.proto = 0;
	ipsec_selector_fmt(&s, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1/128[any] 2001:db8::2/128[any] any");
	/* truncation is safe */
	ipsec_selector_fmt(&s, buf, 8);
	assert_string_equal(buf, "2001:db");
}

static void test_selector_eq(void **state)
{
	struct ipsec_selector s, t;
	struct ip_addr a, b;

	(void)state;
	addr_parse(&a, "2001:db8::1");
	addr_parse(&b, "2001:db8::2");
	ipsec_selector_hosts(&s, &a, &b);
	t = s;
	assert_true(ipsec_selector_eq(&s, &t));
	t.src.len = 64;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.dst.addr = a;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.sport = 1;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.dport = 1;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.proto = IPSEC_PROTO_MH;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.ifindex = 3;
	assert_false(ipsec_selector_eq(&s, &t));
	t = s;
	t.has_mh_type = true;
	assert_false(ipsec_selector_eq(&s, &t));
	/* the MH type counts only when present */
	s.has_mh_type = t.has_mh_type = false;
	s.mh_type = 1;
	t.mh_type = 2;
	assert_true(ipsec_selector_eq(&s, &t));
	s.has_mh_type = t.has_mh_type = true;
	assert_false(ipsec_selector_eq(&s, &t));
	t.mh_type = 1;
	assert_true(ipsec_selector_eq(&s, &t));
}

static bool all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_sa_wipe(void **state)
{
	struct ipsec_sa sa;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.spi = 0x1234;
	snprintf(sa.enc.name, sizeof(sa.enc.name), "cbc(aes)");
	memset(sa.enc.key, 0x11, sizeof(sa.enc.key));
	memset(sa.auth.key, 0x22, sizeof(sa.auth.key));
	memset(sa.comp.key, 0x33, sizeof(sa.comp.key));
	memset(sa.aead.key, 0x44, sizeof(sa.aead.key));
	ipsec_sa_wipe(&sa);
	assert_true(all_zero(sa.enc.key, sizeof(sa.enc.key)));
	assert_true(all_zero(sa.auth.key, sizeof(sa.auth.key)));
	assert_true(all_zero(sa.comp.key, sizeof(sa.comp.key)));
	assert_true(all_zero(sa.aead.key, sizeof(sa.aead.key)));
	/* only the keys go */
	assert_int_equal(sa.spi, 0x1234);
	assert_string_equal(sa.enc.name, "cbc(aes)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proto_names),
		cmocka_unit_test(test_mode_names),
		cmocka_unit_test(test_dir_names),
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_selector_hosts),
		cmocka_unit_test(test_selector_fmt),
		cmocka_unit_test(test_selector_eq),
		cmocka_unit_test(test_sa_wipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
