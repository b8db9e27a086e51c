/* Logging: see log.h.
 *
 * Each message is formatted into one buffer and written with one call, so
 * lines from a daemon and its children do not interleave mid-line. */
#include "config.h"

#include "common/log.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 2048
#define LOG_IDENT_MAX 32

static char log_ident[LOG_IDENT_MAX] = "log";
static bool log_to_syslog;
static enum log_level log_max = LOG_LVL_NOTICE;
static FILE *log_file;

static const char *const level_names[] = {
	[LOG_LVL_ERROR] = "ERROR",
	[LOG_LVL_WARNING] = "WARNING",
	[LOG_LVL_NOTICE] = "NOTICE",
	[LOG_LVL_INFO] = "INFO",
	[LOG_LVL_DEBUG] = "DEBUG",
	[LOG_LVL_DEBUG2] = "DEBUG2",
	[LOG_LVL_DEBUG3] = "DEBUG3",
};

static int syslog_priority(enum log_level l)
{
	switch (l) {
	case LOG_LVL_ERROR:
		return LOG_ERR;
	case LOG_LVL_WARNING:
		return LOG_WARNING;
	case LOG_LVL_NOTICE:
		return LOG_NOTICE;
	case LOG_LVL_INFO:
		return LOG_INFO;
	default:
		return LOG_DEBUG;
	}
}

const char *log_level_name(enum log_level l)
{
	if ((unsigned)l < sizeof(level_names) / sizeof(level_names[0]))
		return level_names[l];
	return "UNKNOWN";
}

int log_level_parse(const char *s, enum log_level *l)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcasecmp(s, level_names[i]) == 0) {
			*l = (enum log_level)i;
			return 0;
		}
	return -EINVAL;
}

void log_init(const char *ident, bool use_syslog)
{
	if (log_to_syslog)
		closelog();
	snprintf(log_ident, sizeof(log_ident), "%s", ident ? ident : "log");
	log_to_syslog = use_syslog;
	if (use_syslog)
		openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_set_level(enum log_level max_level)
{
	if (max_level > LOG_LVL_DEBUG3)
		max_level = LOG_LVL_DEBUG3;
	log_max = max_level;
}

enum log_level log_get_level(void)
{
	return log_max;
}

int log_set_file(const char *path)
{
	FILE *f = NULL;

	if (path) {
		f = fopen(path, "ae");
		if (!f)
			return -errno;
		setvbuf(f, NULL, _IOLBF, 0);
	}
	if (log_file)
		fclose(log_file);
	log_file = f;
	return 0;
}

void log_close(void)
{
	if (log_file) {
		fclose(log_file);
		log_file = NULL;
	}
	if (log_to_syslog) {
		closelog();
		log_to_syslog = false;
	}
}

/* "2026-11-23 14:40:00.123 ident[pid]: LEVEL: " */
static size_t line_prefix(char *buf, size_t len, enum log_level l)
{
	struct timespec ts;
	struct tm tm;
	size_t n;
	int rc;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	rc = snprintf(buf + n, len - n, ".%03ld %s[%ld]: %s: ", ts.tv_nsec / 1000000L, log_ident,
		      (long)getpid(), log_level_name(l));
	if (rc < 0)
		return n;
	n += (size_t)rc;
	return n < len ? n : len - 1;
}

/* Writes one finished line (without its newline) to the current sink. */
static void emit(enum log_level l, char *line, size_t prefix)
{
	if (log_file) {
		fputs(line, log_file);
		return;
	}
	if (log_to_syslog) {
		syslog(syslog_priority(l), "%s", line + prefix);
		return;
	}
	fputs(line, stderr);
}

void log_vmsg(enum log_level l, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	size_t n, prefix;
	int saved = errno;
	int rc;

	if (!log_enabled(l))
		return;
	prefix = line_prefix(line, sizeof(line), l);
	/* Two bytes kept for the newline and the terminator. */
	rc = vsnprintf(line + prefix, sizeof(line) - prefix - 1, fmt, ap);
	if (rc < 0)
		rc = 0;
	n = prefix + (size_t)rc;
	if (n > sizeof(line) - 2) {
		n = sizeof(line) - 2;
		memcpy(line + n - 3, "...", 3);
	}
	while (n > prefix && line[n - 1] == '\n')
		n--;
	line[n] = '\n';
	line[n + 1] = '\0';
	if (log_to_syslog && !log_file)
		line[n] = '\0';
	emit(l, line, prefix);
	errno = saved;
}

void log_msg(enum log_level l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(l, fmt, ap);
	va_end(ap);
}

size_t log_hexdump_line(char *out, size_t outlen, const void *buf, size_t len, size_t off)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *p = (const uint8_t *)buf + off;
	char line[LOG_HEXDUMP_LINE];
	size_t n = len > off ? len - off : 0;
	size_t i, at;
	int rc;

	if (n > 16)
		n = 16;
	rc = snprintf(line, sizeof(line), "%04zx ", off);
	at = rc > 0 ? (size_t)rc : 0;
	for (i = 0; i < 16; i++) {
		if (i == 8)
			line[at++] = ' ';
		line[at++] = ' ';
		if (i < n) {
			line[at++] = hex[p[i] >> 4];
			line[at++] = hex[p[i] & 15];
		} else {
			line[at++] = ' ';
			line[at++] = ' ';
		}
	}
	line[at++] = ' ';
	line[at++] = ' ';
	for (i = 0; i < n; i++)
		line[at++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	line[at] = '\0';
	if (outlen)
		snprintf(out, outlen, "%s", line);
	return at;
}

void log_hexdump(enum log_level l, const char *title, const void *buf, size_t len)
{
	char line[LOG_HEXDUMP_LINE];
	size_t off;

	if (!log_enabled(l))
		return;
	log_msg(l, "%s (%zu bytes)", title, len);
	for (off = 0; off < len; off += 16) {
		log_hexdump_line(line, sizeof(line), buf, len, off);
		log_msg(l, "%s", line);
	}
}
