/* racoond: the IKEv1 daemon.  Options (racoond/daemon/options.c), then
 * -t / -C on the configuration, or the daemon itself. */
#include "config.h"

#include <stdio.h>

#include "racoond/conf/conf.h"
#include "racoond/daemon/daemon.h"
#include "racoond/daemon/options.h"

int main(int argc, char **argv)
{
	struct rd_options o;
	struct rc_conf *conf = NULL;
	int rc;

	switch (rd_parse_args(argc, argv, &o, stdout, stderr)) {
	case RD_PARSE_EXIT_OK:
		return 0;
	case RD_PARSE_ERROR:
		return 1;
	case RD_PARSE_RUN:
		break;
	}
	if (!o.test && !o.show_config)
		return rd_run(&o);

	if (rd_load_conf(&o, &conf, stderr) < 0) {
		fprintf(stderr, "racoond: %s: configuration not valid\n", o.conf_file);
		return 1;
	}
	if (o.show_config) {
		rc = rc_conf_print(conf, stdout);
		rc_conf_free(conf);
		return rc < 0 || fflush(stdout) != 0 ? 1 : 0;
	}
	rc_conf_free(conf);
	printf("%s: configuration OK\n", o.conf_file);
	return 0;
}
