/* mip6d's command line: UMIP's options (-c, -d, -l, -C/-H/-M and their
 * long forms, --show-config, -V, -h) plus this project's (-t, --offline,
 * -n, -p, -s). */
#ifndef MIP6D_DAEMON_OPTS_H
#define MIP6D_DAEMON_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif
#define MIP6D_DEFAULT_CONF SYSCONFDIR "/mip6d.conf"
#define MIP6D_DEFAULT_PIDFILE "/run/mip6d.pid"

struct mip6d_opts {
	const char *conf_path;
	bool conf_given;
	long debug;                     /* -1: DebugLevel of the file */
	const char *log_file;           /* -l; NULL: DebugLogFile of the file */
	int role;                       /* -C/-H/-M: enum node_type; -1: NodeConfig */
	bool test, show, offline;
	bool foreground;                /* -n */
	const char *pidfile;            /* "" : none */
	const char *ctl_path;
};

enum { MIP6D_OPTS_RUN = 0, MIP6D_OPTS_DONE = 1 };

/* Parses argv.  MIP6D_OPTS_RUN, MIP6D_OPTS_DONE when -h or -V printed
 * their text to out (exit 0), or -EINVAL after a message on err. */
int mip6d_opts_parse(struct mip6d_opts *o, int argc, char **argv, FILE *out, FILE *err);
void mip6d_usage(FILE *out);

#endif
