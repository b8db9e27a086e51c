/* racoond's command line. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/conf.h"
#include "racoond/daemon/options.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: racoond [-46BCdFhtvV] [-f file] [-l logfile] [-p port] [-P natt_port]\n"
		"               [--kernel auto|pfkey|xfrm]\n"
		"  -f file          configuration file (default " RC_DEFAULT_CONF ")\n"
		"  -F               stay in the foreground, log to stderr\n"
		"  -d               more debug output (repeat for more)\n"
		"  -v               verbose packet dumps\n"
		"  -B               install the live SAs of 'path backupsa' at start\n"
		"  -l logfile       log to a file instead of syslog\n"
		"  -p port          ISAKMP port (default %d)\n"
		"  -P port          NAT-T port (default %d)\n"
		"  -4, -6           listen on IPv4 or IPv6 only\n"
		"  -t               check the configuration and exit (0 valid, 1 not)\n"
		"  -C, --show-config print the effective configuration and exit\n"
		"  --no-file-checks with -t/-C: check the file alone (no certificate, key,\n"
		"                   script file or kernel algorithm checks)\n"
		"  --root dir       read absolute include paths under dir\n"
		"  --kernel k       kernel interface: auto (PF_KEY, else XFRM), pfkey, xfrm\n"
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

enum { OPT_NO_FILE_CHECKS = 256, OPT_ROOT, OPT_KERNEL };

enum rd_parse_result rd_parse_args(int argc, char **argv, struct rd_options *o,
				   FILE *out, FILE *err)
{
	static const struct option longopts[] = {
		{ "show-config", no_argument, NULL, 'C' },
		{ "no-file-checks", no_argument, NULL, OPT_NO_FILE_CHECKS },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->conf_file = RC_DEFAULT_CONF;
	o->port = RC_ISAKMP_PORT;
	o->natt_port = RC_NATT_PORT;
	o->kernel = KM_BACKEND_AUTO;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "46BCdf:Fhl:p:P:tvV", longopts, NULL)) != -1) {
		switch (c) {
		case '4': o->family = 4; break;
		case '6': o->family = 6; break;
		case 'B': o->restore_sas = true; break;
		case 'C': o->show_config = true; break;
		case 'd': o->debug++; break;
		case 'f': o->conf_file = optarg; break;
		case 'F': o->foreground = true; break;
		case 'l': o->logfile = optarg; break;
		case 'p':
		case 'P':
			if (parse_port(optarg, c == 'p' ? &o->port : &o->natt_port) < 0) {
				fprintf(err, "racoond: -%c %s: not a port number\n", c, optarg);
				return RD_PARSE_ERROR;
			}
			break;
		case 't': o->test = true; break;
		case 'v': o->verbose = true; break;
		case OPT_NO_FILE_CHECKS: o->no_file_checks = true; break;
		case OPT_ROOT: o->root = optarg; break;
		case OPT_KERNEL:
			if (strcmp(optarg, "auto") == 0)
				o->kernel = KM_BACKEND_AUTO;
			else if (strcmp(optarg, "pfkey") == 0)
				o->kernel = KM_BACKEND_PFKEY;
			else if (strcmp(optarg, "xfrm") == 0)
				o->kernel = KM_BACKEND_XFRM;
			else {
				fprintf(err, "racoond: --kernel %s: auto, pfkey or xfrm\n", optarg);
				return RD_PARSE_ERROR;
			}
			break;
		case 'V':
			fprintf(out, "racoond %s (IKEv1; racoon.conf syntax of ipsec-tools 0.8)\n"
				"features: -t, --show-config, PF_KEY and XFRM kernel interfaces, admin socket\n",
				PACKAGE_VERSION);
			return RD_PARSE_EXIT_OK;
		case 'h':
			usage(out);
			return RD_PARSE_EXIT_OK;
		default:
			if (optopt && strchr("flpP", optopt))
				fprintf(err, "racoond: -%c needs an argument\n", optopt);
			else
				fprintf(err, "racoond: unknown option '%s'\n", argv[optind - 1]);
			usage(err);
			return RD_PARSE_ERROR;
		}
	}
	if (optind != argc) {
		fprintf(err, "racoond: unexpected argument '%s'\n", argv[optind]);
		usage(err);
		return RD_PARSE_ERROR;
	}
	/* The daemon needs its certificates and keys: it never skips them. */
	if (o->no_file_checks && !o->test && !o->show_config) {
		fprintf(err, "racoond: --no-file-checks applies to -t and -C only\n");
		return RD_PARSE_ERROR;
	}
	return RD_PARSE_RUN;
}
