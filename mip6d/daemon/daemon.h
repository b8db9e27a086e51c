/* The running daemon: sockets, event loop, signals, pid file, readiness,
 * control socket, and the role's glue (haglue.h or mnglue.h). */
#ifndef MIP6D_DAEMON_DAEMON_H
#define MIP6D_DAEMON_DAEMON_H

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/opts.h"

/* Runs until SIGTERM or SIGINT, then removes what it installed.  conf is
 * loaded and checked; the daemon owns it from here (SIGHUP replaces the
 * reloadable parts).  Returns the exit status. */
int mip6d_run(const struct mip6d_opts *o, struct mip6_conf *conf);

/* UMIP's DebugLevel (0..10) as a log level. */
int mip6d_log_level(unsigned debug_level);

#endif
