/* racoond's command line: racoon's options (-B included) plus -t, -C and --kernel. */
#ifndef RACOOND_DAEMON_OPTIONS_H
#define RACOOND_DAEMON_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "racoond/km/km.h"

struct rd_options {
	const char *conf_file;
	bool foreground;             /* -F */
	unsigned debug;              /* -d count */
	bool verbose;                /* -v: packet dumps */
	bool restore_sas;            /* -B: install the SAs of path backupsa at start */
	const char *logfile;         /* -l */
	unsigned port, natt_port;    /* -p, -P */
	int family;                  /* 0 (both), 4 or 6 */
	bool test, show_config;      /* -t, -C */
	bool no_file_checks;
	const char *root;
	enum km_backend kernel;      /* --kernel */
};

enum rd_parse_result {
	RD_PARSE_RUN = 0,            /* go on */
	RD_PARSE_EXIT_OK,            /* -h or -V printed: exit 0 */
	RD_PARSE_ERROR,              /* message printed on err: exit 1 */
};

/* Defaults, then argv.  Help and version go to out, errors to err. */
enum rd_parse_result rd_parse_args(int argc, char **argv, struct rd_options *o,
				   FILE *out, FILE *err);

#endif
