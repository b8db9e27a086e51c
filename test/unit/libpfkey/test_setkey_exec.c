/* setkey command execution against a recording backend: the fwd twin of
 * "in" policies (-r / -k), deleteall by dump, dumps of empty databases,
 * dead SAs hidden without -a, and the backend's errors passed through. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpfkey/pfkey.h"
#include "libpfkey/setkey/exec.h"

#define MAXLOG 16

static struct {
	char log[MAXLOG][64];
	unsigned n;
	int fail;                    /* error of the next add_policy */
	struct setkey_sa_entry sad[4];
	unsigned nsad;
} mock;

static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void record(const char *fmt, ...)
{
	va_list ap;

	assert_true(mock.n < MAXLOG);
	va_start(ap, fmt);
	vsnprintf(mock.log[mock.n++], sizeof(mock.log[0]), fmt, ap);
	va_end(ap);
}

static int m_add_sa(struct setkey_backend *be, const struct ipsec_sa *sa, bool update)
{
	(void)be;
	record("add_sa %x %d", sa->spi, update);
	return 0;
}

static int m_delete_sa(struct setkey_backend *be, const struct ipsec_sa *key)
{
	(void)be;
	record("delete_sa %x", key->spi);
	return 0;
}

static int m_get_sa(struct setkey_backend *be, const struct ipsec_sa *key, struct setkey_sa_entry *out)
{
	(void)be;
	(void)key;
	*out = mock.sad[0];
	return 0;
}

static int m_dump_sa(struct setkey_backend *be, enum ipsec_proto proto, setkey_sa_cb cb, void *arg)
{
	unsigned i;

	(void)be;
	record("dump_sa %d", proto);
	for (i = 0; i < mock.nsad; i++)
		cb(&mock.sad[i], arg);
	return 0;
}

static int m_flush_sa(struct setkey_backend *be, enum ipsec_proto proto)
{
	(void)be;
	record("flush_sa %d", proto);
	return 0;
}

static int m_add_policy(struct setkey_backend *be, const struct ipsec_policy *p, bool update)
{
	int rc = mock.fail;

	(void)be;
	mock.fail = 0;
	record("add_policy %s %d", ipsec_dir_name(p->dir), update);
	return rc;
}

static int m_delete_policy(struct setkey_backend *be, const struct ipsec_policy *p)
{
	(void)be;
	record("delete_policy %s", ipsec_dir_name(p->dir));
	return 0;
}

static int m_dump_policy(struct setkey_backend *be, setkey_sp_cb cb, void *arg)
{
	(void)be;
	(void)cb;
	(void)arg;
	record("dump_policy");
	return 0;
}

static int m_flush_policy(struct setkey_backend *be)
{
	(void)be;
	record("flush_policy");
	return 0;
}

static int m_migrate(struct setkey_backend *be, const struct ipsec_migrate_msg *m)
{
	(void)be;
	record("migrate %u", m->nentries);
	return -ENOENT;
}

static struct setkey_backend be = {
	.name = "mock", .add_sa = m_add_sa, .delete_sa = m_delete_sa, .get_sa = m_get_sa,
	.dump_sa = m_dump_sa, .flush_sa = m_flush_sa, .add_policy = m_add_policy,
	.delete_policy = m_delete_policy, .dump_policy = m_dump_policy,
	.flush_policy = m_flush_policy, .migrate = m_migrate,
};

static char *out;
static size_t outlen;

static int run(const struct setkey_opts *o, const char *text)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd c;
	FILE *f;
	int rc;

	setkey_parser_init(&p, text);
	rc = setkey_parse_next(&p, &c, &err);
	if (rc != 1)
		fail_msg("%s: %s", text, err.msg);
	free(out);
	out = NULL;
	f = open_memstream(&out, &outlen);
	rc = setkey_exec(&be, o, &c, f);
	fclose(f);
	return rc;
}

static int setup(void **st)
{
	(void)st;
	memset(&mock, 0, sizeof(mock));
	return 0;
}

static void t_fwd_twin(void **st)
{
	struct setkey_opts o = { .rfc_fwd = true };

	(void)st;
	assert_int_equal(run(&o, "spdadd 10.0.0.1 10.0.0.2 any -P in ipsec esp/transport//require;"), 0);
	assert_int_equal(mock.n, 2);
	assert_string_equal(mock.log[0], "add_policy in 0");
	assert_string_equal(mock.log[1], "add_policy fwd 0");
	assert_int_equal(run(&o, "spdupdate 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//require;"), 0);
	assert_string_equal(mock.log[2], "add_policy out 1");
	assert_int_equal(mock.n, 3);
	assert_int_equal(run(&o, "spddelete 10.0.0.1 10.0.0.2 any -P in;"), 0);
	assert_string_equal(mock.log[3], "delete_policy in");
	assert_string_equal(mock.log[4], "delete_policy fwd");
}

static void t_kernel_semantics(void **st)
{
	struct setkey_opts o = { .rfc_fwd = false };

	(void)st;
	assert_int_equal(run(&o, "spdadd 10.0.0.1 10.0.0.2 any -P in none;"), 0);
	assert_int_equal(mock.n, 1);
}

static void t_error_passed_and_no_twin(void **st)
{
	struct setkey_opts o = { .rfc_fwd = true };

	(void)st;
	mock.fail = -EEXIST;
	assert_int_equal(run(&o, "spdadd 10.0.0.1 10.0.0.2 any -P in none;"), -EEXIST);
	assert_int_equal(mock.n, 1);
	assert_int_equal(run(&o, "migrate 10.0.0.1 10.0.0.2 any -P out esp/tunnel/1.1.1.1-2.2.2.2/1 1.1.1.1-3.3.3.3;"),
			 -ENOENT);
	assert_string_equal(mock.log[1], "migrate 1");
}

static void add_sad(const char *src, const char *dst, uint32_t spi, uint8_t state)
{
	struct setkey_sa_entry *e = &mock.sad[mock.nsad++];

	memset(e, 0, sizeof(*e));
	addr_parse(&e->sa.src, src);
	addr_parse(&e->sa.dst, dst);
	e->sa.proto = IPSEC_PROTO_ESP;
	e->sa.spi = spi;
	e->state = state;
}

static void t_deleteall(void **st)
{
	struct setkey_opts o = { 0 };

	(void)st;
	add_sad("192.0.2.1", "192.0.2.2", 0x100, 1);
	add_sad("192.0.2.2", "192.0.2.1", 0x101, 1);
	add_sad("192.0.2.1", "192.0.2.2", 0x102, 1);
	assert_int_equal(run(&o, "deleteall 192.0.2.1 192.0.2.2 esp;"), 0);
	assert_int_equal(mock.n, 3);
	assert_string_equal(mock.log[0], "dump_sa 50");
	assert_string_equal(mock.log[1], "delete_sa 100");
	assert_string_equal(mock.log[2], "delete_sa 102");
}

static void t_dump_dead_hidden(void **st)
{
	struct setkey_opts o = { 0 };

	(void)st;
	add_sad("192.0.2.1", "192.0.2.2", 0x100, SADB_SASTATE_DEAD);
	assert_int_equal(run(&o, "dump;"), 0);
	assert_string_equal(out, "No SAD entries.\n");
	o.show_dead = true;
	assert_int_equal(run(&o, "dump esp;"), 0);
	assert_non_null(strstr(out, "state=dead"));
	assert_int_equal(run(&o, "spddump;"), 0);
	assert_string_equal(out, "No SPD entries.\n");
}

static void t_simple_commands(void **st)
{
	struct setkey_opts o = { 0 };

	(void)st;
	add_sad("192.0.2.1", "192.0.2.2", 0x100, 1);
	assert_int_equal(run(&o, "add 192.0.2.1 192.0.2.2 esp 0x100 -E null;"), 0);
	assert_int_equal(run(&o, "get 192.0.2.1 192.0.2.2 esp 0x100;"), 0);
	assert_non_null(strstr(out, "spi=256(0x00000100)"));
	assert_int_equal(run(&o, "delete 192.0.2.1 192.0.2.2 esp 0x100;"), 0);
	assert_int_equal(run(&o, "flush ah;"), 0);
	assert_int_equal(run(&o, "spdflush;"), 0);
	assert_string_equal(mock.log[0], "add_sa 100 0");
	assert_string_equal(mock.log[1], "delete_sa 100");
	assert_string_equal(mock.log[2], "flush_sa 51");
	assert_string_equal(mock.log[3], "flush_policy");
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
		cmocka_unit_test_setup(t_fwd_twin, setup),
		cmocka_unit_test_setup(t_kernel_semantics, setup),
		cmocka_unit_test_setup(t_error_passed_and_no_twin, setup),
		cmocka_unit_test_setup(t_deleteall, setup),
		cmocka_unit_test_setup(t_dump_dead_hidden, setup),
		cmocka_unit_test_setup(t_simple_commands, setup),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
