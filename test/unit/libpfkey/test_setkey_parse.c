/* setkey's command language: each command, and each error with its
 * line:column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libpfkey/setkey/cmd.h"

static struct setkey_cmd cmd;

static void parse_one(const char *text)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd extra;
	int rc;

	setkey_parser_init(&p, text);
	rc = setkey_parse_next(&p, &cmd, &err);
	if (rc != 1)
		fail_msg("%s: %u:%u: %s", text, err.line, err.col, err.msg);
	assert_int_equal(setkey_parse_next(&p, &extra, &err), 0);
}

static void expect_error(const char *text, unsigned line, unsigned col)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd c;
	int rc;

	setkey_parser_init(&p, text);
	do
		rc = setkey_parse_next(&p, &c, &err);
	while (rc == 1);
	if (rc != -EINVAL)
		fail_msg("%s: no error", text);
	if (err.line != line || err.col != col)
		fail_msg("%s: error \"%s\" at %u:%u, expected %u:%u", text, err.msg, err.line, err.col, line, col);
}

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static void t_add_esp(void **st)
{
	struct ip_addr s = A("192.0.2.1"), d = A("192.0.2.2");

	(void)st;
	parse_one("add 192.0.2.1 192.0.2.2 esp 0x1000 -m tunnel -r 4 -u 5 -lh 3600 -ls 2880 -bh 100 -bs 80\n"
		  "  -E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha1 \"12345678901234567890\";");
	assert_int_equal(cmd.type, SK_ADD);
	assert_true(addr_eq(&cmd.sa.src, &s));
	assert_true(addr_eq(&cmd.sa.dst, &d));
	assert_int_equal(cmd.sa.proto, IPSEC_PROTO_ESP);
	assert_int_equal(cmd.sa.spi, 0x1000);
	assert_int_equal(cmd.sa.mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(cmd.sa.replay_window, 4);
	assert_int_equal(cmd.sa.reqid, 5);
	assert_int_equal(cmd.sa.hard.add_seconds, 3600);
	assert_int_equal(cmd.sa.soft.add_seconds, 2880);
	assert_int_equal(cmd.sa.hard.bytes, 100);
	assert_int_equal(cmd.sa.soft.bytes, 80);
	assert_true(cmd.sa.has_enc);
	assert_string_equal(cmd.sa.enc.name, "cbc(aes)");
	assert_int_equal(cmd.sa.enc.key_bits, 128);
	assert_int_equal(cmd.sa.enc.key[1], 0x11);
	assert_true(cmd.sa.has_auth);
	assert_string_equal(cmd.sa.auth.name, "hmac(sha1)");
	assert_int_equal(cmd.sa.auth.key_bits, 160);
	assert_memory_equal(cmd.sa.auth.key, "12345678901234567890", 20);
	assert_int_equal(cmd.line, 1);
	assert_int_equal(cmd.col, 1);
}

static void t_add_variants(void **st)
{
	(void)st;
	parse_one("add 2001:db8::1 2001:db8::2 ah 300 -A hmac-sha256 0x000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f;");
	assert_int_equal(cmd.sa.proto, IPSEC_PROTO_AH);
	assert_int_equal(cmd.sa.spi, 300);
	assert_string_equal(cmd.sa.auth.name, "hmac(sha256)");
	parse_one("add 192.0.2.1 192.0.2.2 ipcomp 4 -C deflate -R;");
	assert_int_equal(cmd.sa.proto, IPSEC_PROTO_IPCOMP);
	assert_string_equal(cmd.sa.comp.name, "deflate");
	parse_one("add 192.0.2.1 192.0.2.2 esp 0x2000 -E null;");
	assert_true(cmd.sa.has_enc);
	assert_int_equal(cmd.sa.enc.key_bits, 0);
	parse_one("add 192.0.2.1 192.0.2.2 esp 0x2000 -E rijndael-cbc \"0123456789abcdef\" -f random-pad;");
	assert_string_equal(cmd.sa.enc.name, "cbc(aes)");
	parse_one("add 192.0.2.1 192.0.2.2 esp 0x2000 -E aes-gcm-16 0x0011223344556677889900112233445566778899;");
	assert_true(cmd.sa.has_aead);
	assert_int_equal(cmd.sa.aead.icv_bits, 128);
	parse_one("add 192.0.2.1[4500] 198.51.100.1[4501] esp-udp 0x3000 -E 3des-cbc 0x000102030405060708090a0b0c0d0e0f1011121314151617;");
	assert_int_equal(cmd.sa.encap_sport, 4500);
	assert_int_equal(cmd.sa.encap_dport, 4501);
	assert_string_equal(cmd.sa.enc.name, "cbc(des3_ede)");
	parse_one("add -4 192.0.2.1 192.0.2.2 esp 0x2000 -m transport -E des-cbc 0x0001020304050607;");
	assert_int_equal(cmd.sa.mode, IPSEC_MODE_TRANSPORT);
}

static void t_get_delete(void **st)
{
	(void)st;
	parse_one("get 192.0.2.1 192.0.2.2 esp 0x1000;");
	assert_int_equal(cmd.type, SK_GET);
	assert_int_equal(cmd.sa.spi, 0x1000);
	parse_one("delete 192.0.2.1 192.0.2.2 ah 4096;");
	assert_int_equal(cmd.type, SK_DELETE);
	assert_int_equal(cmd.sa.proto, IPSEC_PROTO_AH);
	parse_one("deleteall 192.0.2.1 192.0.2.2 esp;");
	assert_int_equal(cmd.type, SK_DELETEALL);
	assert_int_equal(cmd.sa.spi, 0);
}

static void t_flush_dump(void **st)
{
	(void)st;
	parse_one("flush;");
	assert_int_equal(cmd.type, SK_FLUSH);
	assert_int_equal(cmd.proto, IPSEC_PROTO_NONE);
	parse_one("flush esp;");
	assert_int_equal(cmd.proto, IPSEC_PROTO_ESP);
	parse_one("dump ah ;");
	assert_int_equal(cmd.type, SK_DUMP);
	assert_int_equal(cmd.proto, IPSEC_PROTO_AH);
	parse_one("spdflush;");
	assert_int_equal(cmd.type, SK_SPDFLUSH);
	parse_one("spddump;");
	assert_int_equal(cmd.type, SK_SPDDUMP);
	parse_one("exit;");
	assert_int_equal(cmd.type, SK_EXIT);
	parse_one("quit;");
	assert_int_equal(cmd.type, SK_EXIT);
}

static void t_spdadd(void **st)
{
	char b[64];

	(void)st;
	parse_one("spdadd 10.1.0.0/24[any] 10.2.0.0/24[80] tcp -P out prio def + 10 ipsec\n"
		  "\tesp/tunnel/192.0.2.1-192.0.2.2/unique:3 ;");
	assert_int_equal(cmd.type, SK_SPDADD);
	assert_string_equal(prefix_fmt(&cmd.pol.sel.src, b, sizeof(b)), "10.1.0.0/24");
	assert_int_equal(cmd.pol.sel.sport, 0);
	assert_int_equal(cmd.pol.sel.dport, 80);
	assert_int_equal(cmd.pol.sel.proto, 6);
	assert_int_equal(cmd.pol.dir, IPSEC_DIR_OUT);
	assert_int_equal(cmd.pol.priority, 0x80000000u - 10);
	assert_int_equal(cmd.pol.ntmpl, 1);
	assert_int_equal(cmd.pol.tmpl[0].reqid, 3);

	parse_one("spdupdate 2001:db8::/32 2001:db8::1 any -P in none;");
	assert_int_equal(cmd.type, SK_SPDUPDATE);
	assert_int_equal(cmd.pol.sel.proto, 255);
	assert_int_equal(cmd.pol.sel.dst.len, 128);
	assert_int_equal(cmd.pol.action, IPSEC_ACTION_NONE);

	parse_one("spdadd 2001:db8::1 2001:db8::2 mh 5 -P out ipsec esp/transport//require;");
	assert_int_equal(cmd.pol.sel.proto, 135);
	assert_true(cmd.pol.sel.has_mh_type);
	assert_int_equal(cmd.pol.sel.mh_type, 5);

	parse_one("spdadd 2001:db8::1 2001:db8::2 icmp6 135,0 -P out discard;");
	assert_int_equal(cmd.pol.sel.proto, 58);
	assert_int_equal(cmd.pol.sel.sport, 135);
	assert_int_equal(cmd.pol.sel.dport, 0);

	parse_one("spdadd 10.0.0.1 10.0.0.2 udp -P out ipsec esp/transport//use ah/transport//require;");
	assert_int_equal(cmd.pol.sel.proto, 17);
	assert_int_equal(cmd.pol.ntmpl, 2);
	/* host bits are cleared */
	parse_one("spdadd 10.0.0.1/8 10.0.0.2 any -P out none;");
	assert_string_equal(prefix_fmt(&cmd.pol.sel.src, b, sizeof(b)), "10.0.0.0/8");
}

static void t_spddelete(void **st)
{
	(void)st;
	parse_one("spddelete 10.1.0.0/24 10.2.0.0/24 any -P out;");
	assert_int_equal(cmd.type, SK_SPDDELETE);
	assert_int_equal(cmd.pol.dir, IPSEC_DIR_OUT);
	parse_one("spddelete 10.1.0.0/24 10.2.0.0/24 any -P fwd ipsec esp/transport//require;");
	assert_int_equal(cmd.pol.dir, IPSEC_DIR_FWD);
}

static void t_migrate(void **st)
{
	struct ip_addr ha = A("2001:db8:a::1"), oc = A("2001:db8:e::1"), nc = A("2001:db8:f::1");

	(void)st;
	parse_one("migrate 2001:db8:a::1 2001:db8:a::100 any -P out\n"
		  "  esp/tunnel/2001:db8:a::1-2001:db8:e::1/unique:7 2001:db8:a::1-2001:db8:f::1\n"
		  "  kmaddress 2001:db8:a::1 2001:db8:f::1;");
	assert_int_equal(cmd.type, SK_MIGRATE);
	assert_int_equal(cmd.mig.dir, IPSEC_DIR_OUT);
	assert_int_equal(cmd.mig.nentries, 1);
	assert_int_equal(cmd.mig.entries[0].proto, IPSEC_PROTO_ESP);
	assert_int_equal(cmd.mig.entries[0].mode, IPSEC_MODE_TUNNEL);
	assert_int_equal(cmd.mig.entries[0].reqid, 7);
	assert_true(addr_eq(&cmd.mig.entries[0].old_dst, &oc));
	assert_true(addr_eq(&cmd.mig.entries[0].new_dst, &nc));
	assert_true(addr_eq(&cmd.mig.entries[0].new_src, &ha));
	assert_true(cmd.mig.has_kmaddress);
	assert_true(addr_eq(&cmd.mig.kmaddress.remote, &nc));

	parse_one("migrate 192.0.2.1 192.0.2.2 any -P in esp/transport/192.0.2.2-192.0.2.1/9 192.0.2.3-192.0.2.1"
		  " ah/transport/192.0.2.2-192.0.2.1/require 192.0.2.3-192.0.2.1;");
	assert_int_equal(cmd.mig.nentries, 2);
	assert_int_equal(cmd.mig.entries[0].reqid, 9);
	assert_int_equal(cmd.mig.entries[1].reqid, 0);
	assert_false(cmd.mig.has_kmaddress);
}

static void t_comments_and_lines(void **st)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd c;

	(void)st;
	setkey_parser_init(&p, "# flush everything\nflush; # trailing\n\n  spdflush\n;\n");
	assert_int_equal(setkey_parse_next(&p, &c, &err), 1);
	assert_int_equal(c.type, SK_FLUSH);
	assert_int_equal(c.line, 2);
	assert_int_equal(setkey_parse_next(&p, &c, &err), 1);
	assert_int_equal(c.type, SK_SPDFLUSH);
	assert_int_equal(c.line, 4);
	assert_int_equal(c.col, 3);
	assert_int_equal(setkey_parse_next(&p, &c, &err), 0);
}

static void t_recovery(void **st)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd c;

	(void)st;
	setkey_parser_init(&p, "bogus 1 2 3;\nflush;\n");
	assert_int_equal(setkey_parse_next(&p, &c, &err), -EINVAL);
	assert_int_equal(err.line, 1);
	assert_int_equal(setkey_parse_next(&p, &c, &err), 1);
	assert_int_equal(c.type, SK_FLUSH);
}

static void t_has_statement(void **st)
{
	struct setkey_parser p;
	char text[128] = "flush";

	(void)st;
	setkey_parser_init(&p, text);
	assert_false(setkey_parser_has_statement(&p));
	strcat(text, " # not yet;\n");
	assert_false(setkey_parser_has_statement(&p));
	strcat(text, "add 1.1.1.1 2.2.2.2 esp 300 -E aes-cbc \"a;b");
	assert_false(setkey_parser_has_statement(&p));
	strcat(text, "\";");
	assert_true(setkey_parser_has_statement(&p));
	setkey_parser_init(&p, "spddelete 1.1.1.1 2.2.2.2 any -P out x#y;");
	assert_true(setkey_parser_has_statement(&p));
}

static void t_errors(void **st)
{
	(void)st;
	expect_error("bogus;", 1, 1);
	expect_error(";", 1, 1);
	expect_error("flush", 1, 6);
	expect_error("flush esp\n", 2, 1);
	expect_error("flush bogus;", 1, 7);
	expect_error("flush esp ah;", 1, 11);
	expect_error("\n\nadd 192.0.2.1 192.0.2.x esp 0x1000 -E null;", 3, 15);
	expect_error("add 192.0.2.1 2001:db8::1 esp 0x1000 -E null;", 1, 5);
	expect_error("add -6 192.0.2.1 192.0.2.2 esp 0x1000 -E null;", 1, 8);
	expect_error("add 192.0.2.1 192.0.2.2 esp-old 0x1000 -E null;", 1, 25);
	expect_error("add 192.0.2.1 192.0.2.2 foo 0x1000 -E null;", 1, 25);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0 -E null;", 1, 29);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1g -E null;", 1, 29);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E nosuch 0x00;", 1, 39);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc 0x001;", 1, 47);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc 0x00zz;", 1, 51);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc key;", 1, 47);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc;", 1, 46);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -A hmac-sha1 \"x\";", 1, 52);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -m sideways -E null;", 1, 39);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -r 300 -E null;", 1, 39);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -q -E null;", 1, 36);
	expect_error("add 192.0.2.1 192.0.2.2 ah 0x1000 -E null;", 1, 35);
	expect_error("add 192.0.2.1 192.0.2.2 ipcomp 0x1000 -C lzw;", 1, 42);
	expect_error("add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc \"unterminated;\n", 1, 47);
	expect_error("add 192.0.2.1/24 192.0.2.2 esp 0x1000 -E null;", 1, 14);
	expect_error("get 192.0.2.1 192.0.2.2 esp;", 1, 28);
	expect_error("delete 192.0.2.1 192.0.2.2 esp 5 6;", 1, 34);
	expect_error("spdadd 10.0.0.0/24[x] 10.1.0.0/24 any -P out none;", 1, 20);
	expect_error("spdadd 10.0.0.0/24[80 10.1.0.0/24 any -P out none;", 1, 19);
	expect_error("spdadd 10.0.0.0/33 10.1.0.0/24 any -P out none;", 1, 8);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 nosuchproto -P out none;", 1, 32);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 any out none;", 1, 36);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 any -P;", 1, 38);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 any -P sideways none;", 1, 39);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 any -P out ipsec esp/tunnel//require;", 1, 60);
	expect_error("spdadd 10.0.0.0/24 10.1.0.0/24 any -P out\n  ipsec esp/transport//often;", 2, 24);
	expect_error("spdadd tagged \"x\" -P out none;", 1, 8);
	expect_error("spddelete 10.0.0.0/24 10.1.0.0/24 any -P up;", 1, 42);
	expect_error("spdflush now;", 1, 10);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out;", 1, 37);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P sideways esp/tunnel/1.1.1.1-2.2.2.2/1 1.1.1.1-3.3.3.3;", 1, 34);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out esp/tunnel/1.1.1.1-2.2.2.2/1;", 1, 66);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out esp/tunnel/1.1.1.1-2.2.2.2/1 1.1.1.1+3.3.3.3;", 1, 67);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out esp/transport//1 1.1.1.1-3.3.3.3;", 1, 38);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out esp/tunnel/1.1.1.1-2.2.2.2/1 1.1.1.1-3.3.3.3 kmaddress 1.1.1.1;", 1, 100);
	expect_error("migrate 10.0.0.1 10.0.0.2 any -P out esp/tunnel/1.1.1.1-2.2.2.2/1 1.1.1.1-3.3.3.3 kmaddress 1.1.1.1 ::1;", 1, 83);
	expect_error("flush;\nspddump;\nexit now;", 3, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_add_esp), cmocka_unit_test(t_add_variants),
		cmocka_unit_test(t_get_delete), cmocka_unit_test(t_flush_dump),
		cmocka_unit_test(t_spdadd), cmocka_unit_test(t_spddelete),
		cmocka_unit_test(t_migrate), cmocka_unit_test(t_comments_and_lines),
		cmocka_unit_test(t_recovery), cmocka_unit_test(t_has_statement),
		cmocka_unit_test(t_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
