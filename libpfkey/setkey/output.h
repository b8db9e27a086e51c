/* The text of setkey -D and -DP, line for line as ipsec-tools prints it. */
#ifndef SETKEY_OUTPUT_H
#define SETKEY_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "libpfkey/setkey/backend.h"

/* now: the "current:" time of the lifetime block. */
void setkey_print_sa(FILE *f, const struct setkey_sa_entry *e, time_t now);
void setkey_print_sp(FILE *f, const struct setkey_sp_entry *e);
/* "Nov 23 13:10:26 2026" in local time, or 20 spaces for 0. */
const char *setkey_fmt_time(uint64_t t, char buf[32]);

#endif
