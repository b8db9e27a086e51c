/* Logging to syslog (daemonised) or stderr (foreground), with levels and a
 * per-daemon debug level. */
#ifndef COMMON_LOG_H
#define COMMON_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum log_level {
	LOG_LVL_ERROR = 0,
	LOG_LVL_WARNING,
	LOG_LVL_NOTICE,
	LOG_LVL_INFO,
	LOG_LVL_DEBUG,
	LOG_LVL_DEBUG2,              /* protocol detail */
	LOG_LVL_DEBUG3,              /* packet hex dumps */
};

/* ident: program name for syslog and the stderr prefix.  With use_syslog
 * false, messages go to stderr. */
void log_init(const char *ident, bool use_syslog);
/* Messages above max_level are dropped (default LOG_LVL_NOTICE).  Lines
 * read "YYYY-MM-DD HH:MM:SS.mmm IDENT[PID]: LEVEL: message" on stderr and in
 * a log file; syslog gets the message alone at the matching priority. */
void log_set_level(enum log_level max_level);
enum log_level log_get_level(void);
static inline bool log_enabled(enum log_level l) { return l <= log_get_level(); }
/* Sends messages to a file instead (DebugLogFile, racoond -l), appending;
 * it takes precedence over both syslog and stderr.  NULL goes back to what
 * log_init chose.  0 or -errno (the previous sink stays on error). */
int log_set_file(const char *path);
/* Closes the log file and syslog; later messages go to stderr. */
void log_close(void);
/* "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG", "DEBUG2", "DEBUG3"
 * ("UNKNOWN" out of range). */
const char *log_level_name(enum log_level l);
/* Case-insensitive reverse of log_level_name; 0 or -EINVAL. */
int log_level_parse(const char *s, enum log_level *l);

void log_msg(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level l, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hex dump of len bytes under a title, 16 bytes a line, at level l.
 * The title line reads "TITLE (N bytes)"; each data line is formatted by
 * log_hexdump_line. */
void log_hexdump(enum log_level l, const char *title, const void *buf, size_t len);

/* Room for one hex dump line, whatever the offset. */
#define LOG_HEXDUMP_LINE 96
/* Formats the (up to) 16 bytes of buf[0..len) starting at off as
 * "OFFS  xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx  ASCII", the offset
 * in at least 4 hex digits, missing bytes as blanks, unprintable bytes as
 * '.'.  Writes into out (truncated to outlen) and returns the full length. */
size_t log_hexdump_line(char *out, size_t outlen, const void *buf, size_t len, size_t off);

#define log_err(...)    log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...)   log_msg(LOG_LVL_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LVL_NOTICE, __VA_ARGS__)
#define log_info(...)   log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...)  log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
