/* Logging: levels, the log file sink, line format and hex dumps. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/log.h"

struct tmpfile {
	char path[64];
};

static void tmp_make(struct tmpfile *t)
{
	int fd;

	snprintf(t->path, sizeof(t->path), "/tmp/test_log.XXXXXX");
	fd = mkstemp(t->path);
	assert_true(fd >= 0);
	close(fd);
}

/* Reads the whole file; the caller frees. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 65536);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Strips the "date time ident[pid]: " prefix of every line, keeping
 * "LEVEL: message". */
static char *bodies(const char *text)
{
	char *out = calloc(1, strlen(text) + 1);
	char *o = out;
	const char *line = text;

	assert_non_null(out);
	while (*line) {
		const char *nl = strchr(line, '\n');
		const char *body = strstr(line, "]: ");

		assert_non_null(nl);
		assert_non_null(body);
		assert_true(body < nl);
		body += 3;
		memcpy(o, body, (size_t)(nl - body) + 1);
		o += nl - body + 1;
		line = nl + 1;
	}
	*o = '\0';
	return out;
}

static int setup(void **state)
{
	struct tmpfile *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	tmp_make(t);
	log_init("tlog", false);
	assert_int_equal(log_set_file(t->path), 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmpfile *t = *state;

	log_close();
	log_set_level(LOG_LVL_NOTICE);
	unlink(t->path);
	free(t);
	return 0;
}

static void test_default_level(void **state)
{
	(void)state;
	assert_int_equal(log_get_level(), LOG_LVL_NOTICE);
	assert_true(log_enabled(LOG_LVL_ERROR));
	assert_true(log_enabled(LOG_LVL_NOTICE));
	assert_false(log_enabled(LOG_LVL_INFO));
}

static void test_levels_filter(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	log_set_level(LOG_LVL_WARNING);
	log_err("e%d", 1);
	log_warn("w%d", 2);
	log_notice("n%d", 3);
	log_info("i%d", 4);
	log_debug("d%d", 5);
	log_set_level(LOG_LVL_DEBUG);
	log_info("i%d", 6);
	log_debug("d%d", 7);
	log_msg(LOG_LVL_DEBUG2, "d2");
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "ERROR: e1\nWARNING: w2\nINFO: i6\nDEBUG: d7\n");
	free(b);
	free(all);
}

static void test_line_prefix(void **state)
{
	struct tmpfile *t = *state;
	char *all;
	char want[64];
	int y, mo, d, h, mi, s, ms;

	log_msg(LOG_LVL_ERROR, "hello");
	all = slurp(t->path);
	assert_int_equal(sscanf(all, "%4d-%2d-%2d %2d:%2d:%2d.%3d", &y, &mo, &d, &h, &mi, &s, &ms), 7);
	snprintf(want, sizeof(want), " tlog[%ld]: ERROR: hello\n", (long)getpid());
	assert_string_equal(all + 23, want);
	free(all);
}

static void test_trailing_newline_and_errno(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	errno = EPIPE;
	log_err("one\n");
	assert_int_equal(errno, EPIPE);
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "ERROR: one\n");
	free(b);
	free(all);
}

static void test_long_message_truncated(void **state)
{
	struct tmpfile *t = *state;
	char *big = malloc(5000);
	char *all;
	size_t n;

	assert_non_null(big);
	memset(big, 'x', 4999);
	big[4999] = '\0';
	log_err("%s", big);
	all = slurp(t->path);
	n = strlen(all);
	assert_true(n < 2048);
	assert_memory_equal(all + n - 4, "...\n", 4);
	assert_ptr_equal(strchr(all, '\n'), all + n - 1);
	free(all);
	free(big);
}

static void test_set_file_errors(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	assert_int_equal(log_set_file("/nonexistent-dir/x.log"), -ENOENT);
	/* the previous file stays in use */
	log_err("still");
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "ERROR: still\n");
	free(b);
	free(all);
}

static void test_set_file_appends(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	log_err("a");
	assert_int_equal(log_set_file(NULL), 0);
	assert_int_equal(log_set_file(t->path), 0);
	log_err("b");
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "ERROR: a\nERROR: b\n");
	free(b);
	free(all);
}

static void test_level_names(void **state)
{
	enum log_level l;

	(void)state;
	assert_string_equal(log_level_name(LOG_LVL_ERROR), "ERROR");
	assert_string_equal(log_level_name(LOG_LVL_WARNING), "WARNING");
	assert_string_equal(log_level_name(LOG_LVL_NOTICE), "NOTICE");
	assert_string_equal(log_level_name(LOG_LVL_INFO), "INFO");
	assert_string_equal(log_level_name(LOG_LVL_DEBUG), "DEBUG");
	assert_string_equal(log_level_name(LOG_LVL_DEBUG2), "DEBUG2");
	assert_string_equal(log_level_name(LOG_LVL_DEBUG3), "DEBUG3");
	assert_string_equal(log_level_name((enum log_level)7), "UNKNOWN");
	assert_int_equal(log_level_parse("debug2", &l), 0);
	assert_int_equal(l, LOG_LVL_DEBUG2);
	assert_int_equal(log_level_parse("Warning", &l), 0);
	assert_int_equal(l, LOG_LVL_WARNING);
	assert_int_equal(log_level_parse("verbose", &l), -EINVAL);
	assert_int_equal(log_level_parse("", &l), -EINVAL);
	log_set_level((enum log_level)99);
	assert_int_equal(log_get_level(), LOG_LVL_DEBUG3);
}

static void test_hexdump_line(void **state)
{
	uint8_t data[20];
	char out[LOG_HEXDUMP_LINE];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(0x3c + i);
	data[1] = 0x00;
	data[2] = 0xff;
	n = log_hexdump_line(out, sizeof(out), data, sizeof(data), 0);
	assert_int_equal(n, strlen(out));
	assert_string_equal(out, "0000  3c 00 ff 3f 40 41 42 43  44 45 46 47 48 49 4a 4b  <..?@ABCDEFGHIJK");
	log_hexdump_line(out, sizeof(out), data, sizeof(data), 16);
	assert_string_equal(out, "0010  4c 4d 4e 4f                                       LMNO");
	/* truncated output still reports the full length */
	assert_int_equal(log_hexdump_line(out, 5, data, sizeof(data), 0), 72);
	assert_string_equal(out, "0000");
	/* large offsets widen the offset column */
	{
		static uint8_t one[0x10001];

		one[0x10000] = 'A';
		log_hexdump_line(out, sizeof(out), one, sizeof(one), 0x10000);
		assert_string_equal(out, "10000  41                                                A");
	}
}

static void test_hexdump_levels(void **state)
{
	struct tmpfile *t = *state;
	static const uint8_t pkt[] = "0123456789abcdefXY";
	char *all, *b;

	log_set_level(LOG_LVL_DEBUG2);
	log_hexdump(LOG_LVL_DEBUG3, "hidden", pkt, 18);
	log_set_level(LOG_LVL_DEBUG3);
	log_hexdump(LOG_LVL_DEBUG3, "packet", pkt, 18);
	log_hexdump(LOG_LVL_DEBUG3, "empty", pkt, 0);
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b,
			    "DEBUG3: packet (18 bytes)\n"
			    "DEBUG3: 0000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  0123456789abcdef\n"
			    "DEBUG3: 0010  58 59                                             XY\n"
			    "DEBUG3: empty (0 bytes)\n");
	free(b);
	free(all);
}

/* With no file, messages go to stderr: capture it through a pipe. */
static void test_stderr_sink(void **state)
{
	int p[2], saved;
	char buf[256];
	ssize_t n;

	(void)state;
	log_close();
	assert_int_equal(pipe(p), 0);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(p[1], 2) == 2);
	log_init("terr", false);
	log_warn("to stderr %s", "now");
	log_info("dropped");
	fflush(stderr);
	assert_true(dup2(saved, 2) == 2);
	close(saved);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, " terr["));
	assert_non_null(strstr(buf, "]: WARNING: to stderr now\n"));
	assert_null(strstr(buf, "dropped"));
}

/* Chosen syslog (no file): nothing reaches stderr, at any level. */
static void test_syslog_not_stderr(void **state)
{
	int p[2], saved, i;
	char buf[64];

	(void)state;
	log_close();
	assert_int_equal(pipe2(p, O_NONBLOCK), 0);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(p[1], 2) == 2);
	log_init("tsys", true);
	log_set_level(LOG_LVL_DEBUG3);
	for (i = LOG_LVL_ERROR; i <= LOG_LVL_DEBUG3; i++)
		log_msg((enum log_level)i, "syslog line %d\n", i);
	log_close();
	fflush(stderr);
	assert_true(dup2(saved, 2) == 2);
	close(saved);
	close(p[1]);
	assert_int_equal(read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);
}

static void vlog_helper(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vlog_helper(enum log_level l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(l, fmt, ap);
	va_end(ap);
}

static void test_vmsg(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	vlog_helper(LOG_LVL_WARNING, "%s=%u", "peers", 7u);
	vlog_helper(LOG_LVL_DEBUG, "hidden");
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "WARNING: peers=7\n");
	free(b);
	free(all);
}

/* Syslog output cannot be observed portably; this checks that switching to
 * it and back does not lose the file sink nor crash. */
static void test_syslog_switch(void **state)
{
	struct tmpfile *t = *state;
	char *all, *b;

	log_init("tsys", true);
	log_err("to file, not syslog");
	log_init("tlog", false);
	all = slurp(t->path);
	b = bodies(all);
	assert_string_equal(b, "ERROR: to file, not syslog\n");
	free(b);
	free(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_level),
		cmocka_unit_test_setup_teardown(test_levels_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_newline_and_errno, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_message_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_file_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_file_appends, setup, teardown),
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_hexdump_line),
		cmocka_unit_test_setup_teardown(test_hexdump_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stderr_sink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syslog_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syslog_not_stderr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmsg, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
