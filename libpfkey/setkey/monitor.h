/* setkey -x: the PF_KEY monitor. */
#ifndef SETKEY_MONITOR_H
#define SETKEY_MONITOR_H

#include <stdbool.h>
#include <stdio.h>

/* Runs until SIGINT or SIGTERM; 0 or -errno (-EAFNOSUPPORT: no PF_KEY). */
int setkey_monitor(FILE *out, bool hexdump, bool raw_time);
/* The same over XFRM netlink: every kernel event, one block each. */
int setkey_monitor_xfrm(FILE *out, bool raw_time);

#endif
