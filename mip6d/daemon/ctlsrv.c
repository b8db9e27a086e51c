/* The control socket server: see ctlsrv.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "mip6d/daemon/ctlsrv.h"

static void answer(struct ctlsrv *s, int fd)
{
	struct timeval tv = { .tv_sec = 1 };
	char line[CTL_LINE_MAX + 2];
	size_t got = 0, size = 0;
	char *body = NULL;
	struct ctl_req req;
	FILE *out;
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (got < sizeof(line) && !memchr(line, '\n', got)) {
		n = read(fd, line + got, sizeof(line) - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	out = open_memstream(&body, &size);
	if (!out)
		return;
	if (ctl_req_parse(line, got, &req) < 0)
		fputs("error: unknown request\n", out);
	else if (s->fn(s->arg, &req, out) < 0)
		fputs("error: not available for this node\n", out);
	if (fclose(out) == 0) {
		size_t off = 0;

		while (off < size) {
			n = write(fd, body + off, size - off);
			if (n <= 0)
				break;
			off += (size_t)n;
		}
	}
	free(body);
}

static void on_accept(struct ev_io *w, uint32_t revents, void *arg)
{
	struct ctlsrv *s = arg;
	int fd;

	(void)revents;
	fd = accept4(w->fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	answer(s, fd);
	close(fd);
}

int ctlsrv_open(struct ctlsrv *s, struct ev_loop *l, const char *path, ctlsrv_fn *fn, void *arg)
{
	struct sockaddr_un sun;
	int fd, r;

	memset(s, 0, sizeof(*s));
	s->io.fd = -1;
	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || chmod(path, 0600) < 0 ||
	    listen(fd, 8) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	strcpy(s->path, path);
	s->fn = fn;
	s->arg = arg;
	ev_io_init(&s->io, fd, on_accept, s);
	r = ev_io_start(l, &s->io, EV_READ);
	if (r < 0) {
		close(fd);
		unlink(path);
		s->io.fd = -1;
		s->path[0] = '\0';
	}
	return r;
}

void ctlsrv_close(struct ctlsrv *s)
{
	if (s->io.fd < 0)
		return;
	ev_io_stop(&s->io);
	close(s->io.fd);
	s->io.fd = -1;
	if (s->path[0])
		unlink(s->path);
	s->path[0] = '\0';
}
