/* mip6d: command line.  This build checks and prints configurations
 * (-t, --show-config); the daemon proper is not built yet. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mip6d/conf/conf.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif
#define DEFAULT_CONF SYSCONFDIR "/mip6d.conf"

enum { OPT_SHOW_CONFIG = 256, OPT_OFFLINE };

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: mip6d [options]\n"
		"  -c FILE          configuration file (default " DEFAULT_CONF ")\n"
		"  -t               check the configuration, then exit 0 (valid) or 1\n"
		"      --offline    with -t: skip the checks against this machine\n"
		"                   (interfaces that must exist)\n"
		"      --show-config  print the effective configuration, defaults included\n"
		"  -d LEVEL         debug level (overrides DebugLevel)\n"
		"  -V, --version    print the version\n"
		"  -h, --help       print this help\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "show-config", no_argument, NULL, OPT_SHOW_CONFIG },
		{ "offline", no_argument, NULL, OPT_OFFLINE },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_CONF;
	bool path_given = false, test = false, show = false, offline = false;
	long debug = -1;
	struct mip6_conf conf;
	int opt, r, status = 0;

	while ((opt = getopt_long(argc, argv, "c:d:tVh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			path_given = true;
			break;
		case 'd': {
			char *end;

			errno = 0;
			debug = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || debug < 0 || debug > INT_MAX) {
				fprintf(stderr, "mip6d: -d needs a debug level (a number), not '%s'\n",
					optarg);
				return 1;
			}
			break;
		}
		case 't':
			test = true;
			break;
		case OPT_SHOW_CONFIG:
			show = true;
			break;
		case OPT_OFFLINE:
			offline = true;
			break;
		case 'V':
			printf("mip6d (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mip6d: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 1;
	}

	conf_init(&conf);
	if (!path_given && access(path, F_OK) != 0 && errno == ENOENT) {
		/* As UMIP: without -c, a missing default file means defaults. */
		fprintf(stderr, "mip6d: %s does not exist, using the defaults\n", path);
		r = 0;
	} else {
		r = conf_load_file(&conf, path, NULL);
	}
	if (r == 0 && debug >= 0)
		conf.debug_level = (unsigned)debug;
	/* Against this machine too, even when the file has errors: every
	 * problem is reported at once. */
	if ((r == 0 || r == -EINVAL) && test && !offline && conf_check_system(&conf, NULL) > 0)
		r = -EINVAL;
	if (r < 0) {
		fprintf(stderr, "mip6d: %s: configuration not valid\n", path);
		status = 1;
	} else if (show) {
		if (conf_show(&conf, stdout) < 0 || fflush(stdout) != 0)
			status = 1;
	} else if (test) {
		fprintf(stderr, "mip6d: %s: configuration valid\n", path);
	} else {
		fprintf(stderr, "mip6d: the daemon itself is not built yet: this mip6d only checks "
			"(-t) and prints (--show-config) configurations\n");
		status = 1;
	}
	conf_free(&conf);
	return status;
}
