/* Readiness notification: see notify.h. */
#include "config.h"

#include "common/notify.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define NOTIFY_MSG_MAX 1024

bool notify_enabled(void)
{
	const char *s = getenv("NOTIFY_SOCKET");

	return s && *s;
}

/* Fills sun from NOTIFY_SOCKET; returns the address length or -EINVAL. */
static int notify_addr(const char *name, struct sockaddr_un *sun)
{
	size_t n = strlen(name);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (name[0] == '@') {
		/* abstract: a leading NUL, then the name, not NUL-terminated */
		if (n < 2 || n > sizeof(sun->sun_path))
			return -EINVAL;
		memcpy(sun->sun_path + 1, name + 1, n - 1);
		return (int)(offsetof(struct sockaddr_un, sun_path) + n);
	}
	if (name[0] != '/' || n >= sizeof(sun->sun_path))
		return -EINVAL;
	memcpy(sun->sun_path, name, n);
	return (int)(offsetof(struct sockaddr_un, sun_path) + n + 1);
}

int notify_send(const char *state)
{
	const char *name = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun;
	size_t len = strlen(state);
	ssize_t sent;
	int alen, fd, rc = 0;

	if (!name || !*name)
		return 0;
	alen = notify_addr(name, &sun);
	if (alen < 0)
		return alen;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	sent = sendto(fd, state, len, MSG_NOSIGNAL, (struct sockaddr *)&sun, (socklen_t)alen);
	if (sent < 0)
		rc = -errno;
	else if ((size_t)sent != len)
		rc = -EMSGSIZE;
	close(fd);
	return rc;
}

int notify_ready(const char *status)
{
	char msg[NOTIFY_MSG_MAX];

	if (!status)
		return notify_send("READY=1");
	if ((size_t)snprintf(msg, sizeof(msg), "READY=1\nSTATUS=%s", status) >= sizeof(msg))
		return -EMSGSIZE;
	return notify_send(msg);
}

int notify_status(const char *fmt, ...)
{
	static const char key[] = "STATUS=";
	const size_t klen = sizeof(key) - 1;
	char msg[NOTIFY_MSG_MAX];
	va_list ap;
	int n;

	memcpy(msg, key, klen);
	va_start(ap, fmt);
	n = vsnprintf(msg + klen, sizeof(msg) - klen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(msg) - klen)
		return -EMSGSIZE;
	return notify_send(msg);
}

int notify_stopping(void)
{
	return notify_send("STOPPING=1");
}

int notify_reloading(void)
{
	char msg[64];
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%llu",
		 (unsigned long long)ts.tv_sec * 1000000ull + (unsigned long long)ts.tv_nsec / 1000u);
	return notify_send(msg);
}
