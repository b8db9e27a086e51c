/* Readiness notification for service managers: the datagram protocol of
 * sd_notify(3), spoken directly.  The socket is named by the NOTIFY_SOCKET
 * environment variable: an absolute path, or an abstract name written with
 * a leading '@'.  Without the variable every call is a no-op returning 0. */
#ifndef COMMON_NOTIFY_H
#define COMMON_NOTIFY_H

#include <stdbool.h>

/* True when NOTIFY_SOCKET is set (the daemon runs under a manager). */
bool notify_enabled(void);
/* Sends state, newline-separated "KEY=VALUE" assignments, as one datagram.
 * 0 (also when not enabled), -EINVAL for a malformed NOTIFY_SOCKET, or
 * -errno from the socket. */
int notify_send(const char *state);
/* "READY=1", with "STATUS=status" when status is not NULL. */
int notify_ready(const char *status);
/* "STATUS=..." from a printf format. */
int notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "STOPPING=1". */
int notify_stopping(void);
/* "RELOADING=1" with "MONOTONIC_USEC=now", as Type=notify-reload expects;
 * send notify_ready when the reload is done. */
int notify_reloading(void);

#endif
