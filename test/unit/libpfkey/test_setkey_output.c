/* setkey -D / -DP text for given SAs and policies, compared byte for byte
 * with ipsec-tools' layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libpfkey/setkey/output.h"

#define T_CREATED 1795439426    /* Nov 23 13:10:26 2026 UTC */
#define T_NOW     1795439460    /* Nov 23 13:11:00 2026 UTC */
#define T_USED    1793696707    /* Nov  3 09:05:07 2026 UTC */

static char *out;
static size_t outlen;

static FILE *open_out(void)
{
	FILE *f;

	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	assert_non_null(f);
	return f;
}

static struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static int setup(void **st)
{
	(void)st;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static void t_sa_esp(void **st)
{
	struct setkey_sa_entry e;
	FILE *f = open_out();
	static const uint8_t ek[16] = { 0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
					0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0 };
	static const uint8_t ak[20] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99,
					0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x23, 0x45, 0x67 };

	(void)st;
	memset(&e, 0, sizeof(e));
	e.sa.src = A("192.0.2.1");
	e.sa.dst = A("192.0.2.2");
	e.sa.proto = IPSEC_PROTO_ESP;
	e.sa.mode = IPSEC_MODE_TRANSPORT;
	e.sa.spi = 0xd05a5ef3;
	e.sa.replay_window = 4;
	e.sa.has_enc = e.sa.has_auth = true;
	strcpy(e.sa.enc.name, "cbc(aes)");
	e.sa.enc.key_bits = 128;
	memcpy(e.sa.enc.key, ek, 16);
	strcpy(e.sa.auth.name, "hmac(sha1)");
	e.sa.auth.key_bits = 160;
	memcpy(e.sa.auth.key, ak, 20);
	e.sa.hard.add_seconds = 3600;
	e.sa.soft.add_seconds = 2880;
	e.sa.cur.add_time = T_CREATED;
	e.state = 1;
	e.has_current = true;
	e.msg_seq = 1;
	e.msg_pid = 4242;
	setkey_print_sa(f, &e, T_NOW);
	fclose(f);
	assert_string_equal(out,
		"192.0.2.1 192.0.2.2 \n"
		"\tesp mode=transport spi=3495583475(0xd05a5ef3) reqid=0(0x00000000)\n"
		"\tE: aes-cbc  0f1e2d3c 4b5a6978 8796a5b4 c3d2e1f0\n"
		"\tA: hmac-sha1  00112233 44556677 8899aabb ccddeeff 01234567\n"
		"\tseq=0x00000000 replay=4 flags=0x00000000 state=mature \n"
		"\tcreated: Nov 23 13:10:26 2026\tcurrent: Nov 23 13:11:00 2026\n"
		"\tdiff: 34(s)\thard: 3600(s)\tsoft: 2880(s)\n"
		"\tlast:                     \thard: 0(s)\tsoft: 0(s)\n"
		"\tcurrent: 0(bytes)\thard: 0(bytes)\tsoft: 0(bytes)\n"
		"\tallocated: 0\thard: 0\tsoft: 0\n"
		"\tsadb_seq=1 pid=4242 refcnt=0\n");
}

static void t_sa_natt_tunnel_long_key(void **st)
{
	struct setkey_sa_entry e;
	FILE *f = open_out();
	unsigned i;

	(void)st;
	memset(&e, 0, sizeof(e));
	e.sa.src = A("198.51.100.7");
	e.sa.dst = A("192.0.2.1");
	e.sa.proto = IPSEC_PROTO_ESP;
	e.sa.mode = IPSEC_MODE_TUNNEL;
	e.sa.spi = 0x83c2a4d2;
	e.sa.reqid = 16385;
	e.sa.seq = 0x10;
	e.sa.encap_sport = 4500;
	e.sa.encap_dport = 4500;
	e.sa.has_enc = true;
	strcpy(e.sa.enc.name, "cbc(aes)");
	e.sa.enc.key_bits = 36 * 8;   /* longer than 32 bytes: wraps */
	for (i = 0; i < 36; i++)
		e.sa.enc.key[i] = (uint8_t)i;
	e.sa.cur.add_time = T_CREATED;
	e.sa.cur.use_time = T_USED;
	e.sa.cur.bytes = 1234;
	e.sa.cur.packets = 7;
	e.sa.hard.bytes = 1000000;
	e.sa.hard.packets = 100;
	e.state = 2;
	e.has_current = true;
	e.msg_pid = 4242;
	e.refcnt = 3;
	setkey_print_sa(f, &e, T_NOW);
	fclose(f);
	assert_string_equal(out,
		"198.51.100.7[4500] 192.0.2.1[4500] \n"
		"\tesp-udp mode=tunnel spi=2210571474(0x83c2a4d2) reqid=16385(0x00004001)\n"
		"\tE: aes-cbc  00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f\n"
		" 20212223\n"
		"\tseq=0x00000010 replay=0 flags=0x00000000 state=dying \n"
		"\tcreated: Nov 23 13:10:26 2026\tcurrent: Nov 23 13:11:00 2026\n"
		"\tdiff: 34(s)\thard: 0(s)\tsoft: 0(s)\n"
		"\tlast: Nov  3 09:05:07 2026\thard: 0(s)\tsoft: 0(s)\n"
		"\tcurrent: 1234(bytes)\thard: 1000000(bytes)\tsoft: 0(bytes)\n"
		"\tallocated: 7\thard: 100\tsoft: 0\n"
		"\tsadb_seq=0 pid=4242 refcnt=3\n");
}

static void t_sa_ah_ipcomp_no_lifetimes(void **st)
{
	struct setkey_sa_entry e;
	FILE *f = open_out();

	(void)st;
	memset(&e, 0, sizeof(e));
	e.sa.src = A("2001:db8::1");
	e.sa.dst = A("2001:db8::2");
	e.sa.proto = IPSEC_PROTO_AH;
	e.sa.spi = 0x1000;
	e.sa.has_auth = true;
	strcpy(e.sa.auth.name, "hmac(sha256)");
	e.sa.auth.key_bits = 32;
	memset(e.sa.auth.key, 0xab, 4);
	e.state = 3;
	e.msg_pid = 1;
	setkey_print_sa(f, &e, T_NOW);
	e.sa.proto = IPSEC_PROTO_IPCOMP;
	e.sa.has_auth = false;
	e.sa.has_comp = true;
	strcpy(e.sa.comp.name, "deflate");
	e.sa.spi = 0x4000;
	e.state = 9;
	setkey_print_sa(f, &e, T_NOW);
	fclose(f);
	assert_string_equal(out,
		"2001:db8::1 2001:db8::2 \n"
		"\tah mode=any spi=4096(0x00001000) reqid=0(0x00000000)\n"
		"\tA: hmac-sha256  abababab\n"
		"\tseq=0x00000000 replay=0 flags=0x00000000 state=dead \n"
		"\tsadb_seq=0 pid=1 refcnt=0\n"
		"2001:db8::1 2001:db8::2 \n"
		"\tipcomp mode=any spi=16384(0x00004000) reqid=0(0x00000000)\n"
		"\tC: deflate \n"
		"\tseq=0x00000000 replay=0 flags=0x00000000 state=9 \n"
		"\tsadb_seq=0 pid=1 refcnt=0\n");
}

static void t_sp_tunnel_and_unique(void **st)
{
	struct setkey_sp_entry e;
	FILE *f = open_out();

	(void)st;
	memset(&e, 0, sizeof(e));
	prefix_parse(&e.pol.sel.src, "10.1.0.0/24");
	prefix_parse(&e.pol.sel.dst, "10.2.0.0/24");
	e.pol.sel.proto = 255;
	e.pol.dir = IPSEC_DIR_OUT;
	e.pol.action = IPSEC_ACTION_IPSEC;
	e.pol.priority = 0x80000000u;
	e.pol.ntmpl = 1;
	e.pol.tmpl[0].proto = IPSEC_PROTO_ESP;
	e.pol.tmpl[0].mode = IPSEC_MODE_TUNNEL;
	e.pol.tmpl[0].src = A("192.0.2.1");
	e.pol.tmpl[0].dst = A("192.0.2.2");
	e.pol.tmpl[0].level = IPSEC_LEVEL_REQUIRE;
	e.pol.index = 1;
	e.has_current = true;
	e.created = T_CREATED;
	e.has_hard = true;
	e.msg_seq = 1;
	e.msg_pid = 4243;
	e.refcnt = 1;
	setkey_print_sp(f, &e);

	memset(&e, 0, sizeof(e));
	prefix_parse(&e.pol.sel.src, "192.0.2.2");
	prefix_parse(&e.pol.sel.dst, "192.0.2.1");
	e.pol.sel.proto = 0;   /* XFRM's "any" prints as PF_KEY's 255 */
	e.pol.dir = IPSEC_DIR_IN;
	e.pol.action = IPSEC_ACTION_IPSEC;
	e.pol.priority = 0x80000000u;
	e.pol.ntmpl = 1;
	e.pol.tmpl[0].proto = IPSEC_PROTO_ESP;
	e.pol.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	e.pol.tmpl[0].level = IPSEC_LEVEL_UNIQUE;
	e.pol.tmpl[0].reqid = 16385;
	e.pol.index = 8;
	e.has_current = true;
	e.created = T_CREATED;
	e.lastused = T_CREATED + 14;
	e.has_hard = true;
	e.msg_pid = 4243;
	e.refcnt = 1;
	setkey_print_sp(f, &e);
	fclose(f);
	assert_string_equal(out,
		"10.1.0.0/24[any] 10.2.0.0/24[any] 255\n"
		"\tout prio def ipsec\n"
		"\tesp/tunnel/192.0.2.1-192.0.2.2/require\n"
		"\tcreated: Nov 23 13:10:26 2026  lastused:                     \n"
		"\tlifetime: 0(s) validtime: 0(s)\n"
		"\tspid=1 seq=1 pid=4243\n"
		"\trefcnt=1\n"
		"192.0.2.2[any] 192.0.2.1[any] 255\n"
		"\tin prio def ipsec\n"
		"\tesp/transport//unique#16385\n"
		"\tcreated: Nov 23 13:10:26 2026  lastused: Nov 23 13:10:40 2026\n"
		"\tlifetime: 0(s) validtime: 0(s)\n"
		"\tspid=8 seq=0 pid=4243\n"
		"\trefcnt=1\n");
}

static void t_sp_ports_icmp_mh_prio(void **st)
{
	struct setkey_sp_entry e;
	FILE *f = open_out();

	(void)st;
	memset(&e, 0, sizeof(e));
	prefix_parse(&e.pol.sel.src, "2001:db8::/32");
	prefix_parse(&e.pol.sel.dst, "2001:db8::1");
	e.pol.sel.proto = 6;
	e.pol.sel.dport = 80;
	e.pol.dir = IPSEC_DIR_FWD;
	e.pol.action = IPSEC_ACTION_DISCARD;
	e.pol.priority = 0x80000000u - 10;
	e.pol.index = 3;
	setkey_print_sp(f, &e);

	e.pol.sel.proto = 58;
	e.pol.sel.sport = 135;
	e.pol.sel.dport = 0;
	e.pol.dir = IPSEC_DIR_OUT;
	e.pol.action = IPSEC_ACTION_NONE;
	e.pol.priority = 0;
	setkey_print_sp(f, &e);

	e.pol.sel.proto = 135;
	e.pol.sel.sport = 0;
	e.pol.sel.has_mh_type = true;
	e.pol.sel.mh_type = 5;
	e.pol.action = IPSEC_ACTION_IPSEC;
	e.pol.priority = 0xc0000005u;
	e.pol.ntmpl = 2;
	e.pol.tmpl[0].proto = IPSEC_PROTO_ESP;
	e.pol.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
	e.pol.tmpl[0].level = IPSEC_LEVEL_USE;
	e.pol.tmpl[1].proto = IPSEC_PROTO_AH;
	e.pol.tmpl[1].mode = IPSEC_MODE_TUNNEL;
	e.pol.tmpl[1].src = A("2001:db8::a");
	e.pol.tmpl[1].dst = A("2001:db8::b");
	e.pol.tmpl[1].level = IPSEC_LEVEL_UNIQUE;
	e.pol.tmpl[1].reqid = 5;
	setkey_print_sp(f, &e);
	fclose(f);
	assert_string_equal(out,
		"2001:db8::/32[any] 2001:db8::1[80] tcp\n"
		"\tfwd prio def + 10 discard\n"
		"\tspid=3 seq=0 pid=0\n"
		"\trefcnt=0\n"
		"2001:db8::/32 2001:db8::1 ipv6-icmp 135,0\n"
		"\tout none\n"
		"\tspid=3 seq=0 pid=0\n"
		"\trefcnt=0\n"
		"2001:db8::/32 2001:db8::1 mobility-header 5,0\n"
		"\tout prio low - 5 ipsec\n"
		"\tesp/transport//use\n"
		"\tah/tunnel/2001:db8::a-2001:db8::b/unique:5\n"
		"\tspid=3 seq=0 pid=0\n"
		"\trefcnt=0\n");
}

static void t_sp_per_socket(void **st)
{
	struct setkey_sp_entry e;
	FILE *f = open_out();

	(void)st;
	memset(&e, 0, sizeof(e));
	e.per_socket = true;
	e.pol.dir = IPSEC_DIR_IN;
	e.pol.action = IPSEC_ACTION_NONE;
	e.pol.index = 2955;
	e.has_current = true;
	e.created = T_CREATED;
	e.has_hard = true;
	e.refcnt = 1;
	setkey_print_sp(f, &e);
	fclose(f);
	assert_string_equal(out,
		"(per-socket policy) \n"
		"\tin(socket) none\n"
		"\tcreated: Nov 23 13:10:26 2026  lastused:                     \n"
		"\tlifetime: 0(s) validtime: 0(s)\n"
		"\tspid=2955 seq=0 pid=0\n"
		"\trefcnt=1\n");
}

static void t_fmt_time(void **st)
{
	char b[32];

	(void)st;
	assert_string_equal(setkey_fmt_time(0, b), "                    ");
	assert_string_equal(setkey_fmt_time(T_USED, b), "Nov  3 09:05:07 2026");
}

static int teardown(void **st)
{
	(void)st;
	free(out);
	out = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_sa_esp), cmocka_unit_test(t_sa_natt_tunnel_long_key),
		cmocka_unit_test(t_sa_ah_ipcomp_no_lifetimes), cmocka_unit_test(t_sp_tunnel_and_unique),
		cmocka_unit_test(t_sp_ports_icmp_mh_prio), cmocka_unit_test(t_sp_per_socket), cmocka_unit_test(t_fmt_time),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
