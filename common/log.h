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
/* Messages above max_level are dropped (default LOG_LVL_NOTICE). */
void log_set_level(enum log_level max_level);
enum log_level log_get_level(void);
static inline bool log_enabled(enum log_level l) { return l <= log_get_level(); }
/* Redirects the stderr output to a file (DebugLogFile, racoond -l); NULL to
 * go back to stderr.  0 or -errno. */
int log_set_file(const char *path);

void log_msg(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level l, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hex dump of len bytes under a title, 16 bytes a line, at level l. */
void log_hexdump(enum log_level l, const char *title, const void *buf, size_t len);

#define log_err(...)    log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...)   log_msg(LOG_LVL_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LVL_NOTICE, __VA_ARGS__)
#define log_info(...)   log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...)  log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
