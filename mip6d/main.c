/* mip6d: command line, configuration, then the daemon (daemon/daemon.c). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "mip6d/conf/conf.h"
#include "mip6d/daemon/daemon.h"
#include "mip6d/daemon/opts.h"

int main(int argc, char **argv)
{
	struct mip6d_opts o;
	struct mip6_conf conf;
	int r, status = 0;

	r = mip6d_opts_parse(&o, argc, argv, stdout, stderr);
	if (r != MIP6D_OPTS_RUN)
		return r == MIP6D_OPTS_DONE ? 0 : 1;

	conf_init(&conf);
	if (!o.conf_given && access(o.conf_path, F_OK) != 0 && errno == ENOENT) {
		/* As UMIP: without -c, a missing default file means defaults. */
		fprintf(stderr, "mip6d: %s does not exist, using the defaults\n", o.conf_path);
		r = 0;
	} else {
		r = conf_load_file(&conf, o.conf_path, NULL);
	}
	if (r == 0 && o.debug >= 0)
		conf.debug_level = (unsigned)o.debug;
	if (r == 0 && o.role >= 0)
		conf.node_type = (enum node_type)o.role;
	/* Against this machine too, even when the file has errors: every
	 * problem is reported at once. */
	if ((r == 0 || r == -EINVAL) && !(o.test && o.offline) && !o.show &&
	    conf_check_system(&conf, NULL) > 0)
		r = -EINVAL;
	if (r < 0) {
		fprintf(stderr, "mip6d: %s: configuration not valid\n", o.conf_path);
		status = 1;
	} else if (o.show) {
		if (conf_show(&conf, stdout) < 0 || fflush(stdout) != 0)
			status = 1;
	} else if (o.test) {
		fprintf(stderr, "mip6d: %s: configuration valid\n", o.conf_path);
	} else {
		status = mip6d_run(&o, &conf);
	}
	conf_free(&conf);
	return status;
}
