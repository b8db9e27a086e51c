/* The daemon's end of the control socket (ctlproto.h): a Unix stream
 * socket, mode 0600, one request per connection. */
#ifndef MIP6D_DAEMON_CTLSRV_H
#define MIP6D_DAEMON_CTLSRV_H

#include <stdio.h>

#include "common/evloop.h"
#include "mip6d/daemon/ctlproto.h"

/* Writes the answer to req into out; returns 0 or -EINVAL (the server then
 * answers "error: ..." with what was written). */
typedef int ctlsrv_fn(void *arg, const struct ctl_req *req, FILE *out);

struct ctlsrv {
	struct ev_io io;
	char path[108];
	ctlsrv_fn *fn;
	void *arg;
};

int ctlsrv_open(struct ctlsrv *s, struct ev_loop *l, const char *path, ctlsrv_fn *fn, void *arg);
/* Stops, closes and unlinks the socket; harmless when not open. */
void ctlsrv_close(struct ctlsrv *s);

#endif
