/* racoond: command line.  racoon's options, plus -t (check the configuration
 * and exit) and -C / --show-config (print the effective configuration).
 * The IKE engine itself is not part of this program yet. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/conf.h"

struct options {
	const char *conf_file;
	bool foreground;
	unsigned debug;              /* -d count */
	bool verbose;
	const char *logfile;
	unsigned port, natt_port;
	int family;                  /* AF_UNSPEC, or -4 / -6 */
	bool test, show_config;
	bool no_file_checks;
	const char *root;
};

enum { OPT_NO_FILE_CHECKS = 256, OPT_ROOT };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: racoond [-46CdFhtvV] [-f file] [-l logfile] [-p port] [-P natt_port]\n"
		"  -f file          configuration file (default " RC_DEFAULT_CONF ")\n"
		"  -F               stay in the foreground\n"
		"  -d               more debug output (repeat for more)\n"
		"  -v               verbose packet dumps\n"
		"  -l logfile       log to a file instead of syslog\n"
		"  -p port          ISAKMP port (default %d)\n"
		"  -P port          NAT-T port (default %d)\n"
		"  -4, -6           default address family of sockets\n"
		"  -t               check the configuration and exit (0 valid, 1 not)\n"
		"  -C, --show-config print the effective configuration and exit\n"
		"  --no-file-checks with -t/-C: do not open certificate, key and script files\n"
		"  --root dir       read absolute include paths under dir\n"
		"  -V               version\n"
		"  -h               this help\n",
		RC_ISAKMP_PORT, RC_NATT_PORT);
}

static int parse_port(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v == 0 || v > 65535)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "show-config", no_argument, NULL, 'C' },
		{ "no-file-checks", no_argument, NULL, OPT_NO_FILE_CHECKS },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "46Cdf:Fhl:p:P:tvV", longopts, NULL)) != -1) {
		switch (c) {
		case '4': o->family = 4; break;
		case '6': o->family = 6; break;
		case 'C': o->show_config = true; break;
		case 'd': o->debug++; break;
		case 'f': o->conf_file = optarg; break;
		case 'F': o->foreground = true; break;
		case 'l': o->logfile = optarg; break;
		case 'p':
		case 'P':
			if (parse_port(optarg, c == 'p' ? &o->port : &o->natt_port) < 0) {
				fprintf(stderr, "racoond: -%c %s: not a port number\n", c, optarg);
				return 1;
			}
			break;
		case 't': o->test = true; break;
		case 'v': o->verbose = true; break;
		case OPT_NO_FILE_CHECKS: o->no_file_checks = true; break;
		case OPT_ROOT: o->root = optarg; break;
		case 'V':
			printf("racoond %s (IKEv1; racoon.conf syntax of ipsec-tools 0.8)\n"
			       "features: -t, --show-config; IKE engine: not built yet\n", PACKAGE_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "racoond: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .conf_file = RC_DEFAULT_CONF, .port = RC_ISAKMP_PORT,
			     .natt_port = RC_NATT_PORT };
	struct rc_load_opts lo = { 0 };
	struct rc_diags diags = { 0 };
	struct rc_conf *conf = NULL;
	int rc;

	if (parse_args(argc, argv, &o) != 0)
		return 1;
	lo.root = o.root;
	if (!o.no_file_checks)
		lo.flags |= RC_LOAD_CHECK_FILES;

	rc = rc_conf_load_file(o.conf_file, &lo, &conf, &diags);
	if (rc == 0 && !o.show_config)
		rc = rc_conf_check_support(conf, &diags);
	rc_diags_print(&diags, stderr);
	rc_diags_free(&diags);
	if (rc < 0) {
		fprintf(stderr, "racoond: %s: configuration not valid\n", o.conf_file);
		rc_conf_free(conf);
		return 1;
	}

	if (o.show_config) {
		rc = rc_conf_print(conf, stdout);
		rc_conf_free(conf);
		return rc < 0 || fflush(stdout) != 0 ? 1 : 0;
	}
	rc_conf_free(conf);
	if (o.test) {
		printf("%s: configuration OK\n", o.conf_file);
		return 0;
	}
	fprintf(stderr, "racoond: %s is valid, but the IKE engine is not built yet: "
		"racoond can only check (-t) and show (-C) its configuration for now\n", o.conf_file);
	return 1;
}
