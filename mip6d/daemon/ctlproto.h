/* The control protocol between mip6d and mip6d-ctl, over a Unix stream
 * socket: the client sends one request line, "COMMAND[ json]\n", the
 * daemon answers with text (or one JSON document) and closes.  An answer
 * starting with "error: " is a refusal.  Commands: status, bc (the binding
 * cache, HA), bul (the binding update list, MN).  Also the formatting of
 * the answers.  Pure: no sockets here. */
#ifndef MIP6D_DAEMON_CTLPROTO_H
#define MIP6D_DAEMON_CTLPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mip6d/ha/bcache.h"
#include "mip6d/mn/bul.h"

#define CTL_LINE_MAX 64
#define CTL_DEFAULT_SOCKET "/run/mip6d.sock"

enum ctl_cmd {
	CTL_STATUS = 0,
	CTL_BC,
	CTL_BUL,
};

struct ctl_req {
	enum ctl_cmd cmd;
	bool json;
};

/* Writes the request line (newline included) into buf; its length, or
 * -ENOSPC. */
int ctl_req_format(const struct ctl_req *r, char *buf, size_t len);
/* Parses one request line (the newline optional).  0, or -EINVAL for an
 * unknown command or argument, an embedded NUL or an over-long line. */
int ctl_req_parse(const char *line, size_t len, struct ctl_req *r);
const char *ctl_cmd_name(enum ctl_cmd c);

/* The status answer. */
struct ctl_status {
	const char *role;               /* "HA", "MN", "CN" */
	unsigned long pid;
	uint64_t uptime_s;
	size_t bindings;                /* bc entries or bul entries */
	uint64_t rx_mh, rx_bad, tx;     /* MH received, malformed, sent */
};
void ctl_fmt_status(FILE *f, const struct ctl_status *s, bool json);

/* A listing: begin, one call per entry, end.  now: ms on the engine's
 * clock (remaining lifetimes). */
void ctl_fmt_begin(FILE *f, enum ctl_cmd what, bool json);
void ctl_fmt_bce(FILE *f, const struct bce *e, uint64_t now, bool json, bool first);
void ctl_fmt_bule(FILE *f, const struct bule *e, uint64_t now, bool json, bool first);
void ctl_fmt_end(FILE *f, enum ctl_cmd what, bool json, size_t count);

const char *ctl_bul_state_name(enum bul_state s);

#endif
