/* mip6d's command line: see opts.h. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/ctlproto.h"
#include "mip6d/daemon/opts.h"

enum { OPT_SHOW_CONFIG = 256, OPT_OFFLINE };

void mip6d_usage(FILE *out)
{
	fprintf(out,
		"Usage: mip6d [options]\n"
		"  -c FILE          configuration file (default " MIP6D_DEFAULT_CONF ")\n"
		"  -d LEVEL         debug level (overrides DebugLevel)\n"
		"  -l FILE          log to FILE (overrides DebugLogFile)\n"
		"  -C, --correspondent-node  run as a correspondent node\n"
		"  -H, --home-agent          run as a home agent\n"
		"  -M, --mobile-node         run as a mobile node (override NodeConfig)\n"
		"  -n, --foreground do not become a daemon; log to stderr\n"
		"  -p, --pidfile FILE  pid file (default " MIP6D_DEFAULT_PIDFILE "; \"\": none)\n"
		"  -s, --socket PATH   control socket (default " CTL_DEFAULT_SOCKET ")\n"
		"  -t               check the configuration, then exit 0 (valid) or 1\n"
		"      --offline    with -t: skip the checks against this machine\n"
		"                   (interfaces that must exist)\n"
		"      --show-config  print the effective configuration, defaults included\n"
		"  -V, --version    print the version\n"
		"  -h, --help       print this help\n");
}

int mip6d_opts_parse(struct mip6d_opts *o, int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "show-config", no_argument, NULL, OPT_SHOW_CONFIG },
		{ "offline", no_argument, NULL, OPT_OFFLINE },
		{ "correspondent-node", no_argument, NULL, 'C' },
		{ "home-agent", no_argument, NULL, 'H' },
		{ "mobile-node", no_argument, NULL, 'M' },
		{ "foreground", no_argument, NULL, 'n' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "socket", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof(*o));
	o->conf_path = MIP6D_DEFAULT_CONF;
	o->debug = -1;
	o->role = -1;
	o->pidfile = MIP6D_DEFAULT_PIDFILE;
	o->ctl_path = CTL_DEFAULT_SOCKET;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:d:l:p:s:tnCHMVh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			o->conf_path = optarg;
			o->conf_given = true;
			break;
		case 'd': {
			char *end;

			errno = 0;
			o->debug = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || o->debug < 0 || o->debug > INT_MAX) {
				fprintf(err, "mip6d: -d needs a debug level (a number), not '%s'\n",
					optarg);
				return -EINVAL;
			}
			break;
		}
		case 'l':
			o->log_file = optarg;
			break;
		case 'p':
			o->pidfile = optarg;
			break;
		case 's':
			if (!*optarg) {
				fprintf(err, "mip6d: -s needs a socket path\n");
				return -EINVAL;
			}
			o->ctl_path = optarg;
			break;
		case 't':
			o->test = true;
			break;
		case 'n':
			o->foreground = true;
			break;
		case 'C':
			o->role = NODE_CN;
			break;
		case 'H':
			o->role = NODE_HA;
			break;
		case 'M':
			o->role = NODE_MN;
			break;
		case OPT_SHOW_CONFIG:
			o->show = true;
			break;
		case OPT_OFFLINE:
			o->offline = true;
			break;
		case 'V':
			fprintf(out, "mip6d (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return MIP6D_OPTS_DONE;
		case 'h':
			mip6d_usage(out);
			return MIP6D_OPTS_DONE;
		case ':':
			fprintf(err, "mip6d: option '%s' needs an argument\n", argv[optind - 1]);
			mip6d_usage(err);
			return -EINVAL;
		default:
			fprintf(err, "mip6d: unknown option '%s'\n", argv[optind - 1]);
			mip6d_usage(err);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(err, "mip6d: unexpected argument '%s'\n", argv[optind]);
		mip6d_usage(err);
		return -EINVAL;
	}
	return MIP6D_OPTS_RUN;
}
