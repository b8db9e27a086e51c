/* setkey -x: the PF_KEY monitor. */
#ifndef SETKEY_MONITOR_H
#define SETKEY_MONITOR_H

#include <stdbool.h>
#include <stdio.h>

/* Runs until SIGINT or SIGTERM; 0 or -errno. */
int setkey_monitor(FILE *out, bool hexdump, bool raw_time);

#endif
