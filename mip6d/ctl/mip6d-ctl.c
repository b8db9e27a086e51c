/* mip6d-ctl: asks a running mip6d for its status, binding cache (HA) or
 * binding update list (MN), as text or JSON (daemon/ctlproto.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "mip6d/daemon/ctlproto.h"

static void usage(FILE *out)
{
	fprintf(out, "Usage: mip6d-ctl [-s SOCKET] status|bc|bul [--json]\n"
		"  -s, --socket PATH  mip6d's control socket (default " CTL_DEFAULT_SOCKET ")\n"
		"  -j, --json         answer as JSON\n"
		"  -h, --help         print this help\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = CTL_DEFAULT_SOCKET;
	struct sockaddr_un sun;
	struct ctl_req req;
	char line[CTL_LINE_MAX + 2], buf[4096];
	bool json = false, first = true, refused = false;
	ssize_t n;
	int opt, fd, len;

	while ((opt = getopt_long(argc, argv, "s:jh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			path = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	if (ctl_req_parse(argv[optind], strlen(argv[optind]), &req) < 0 || req.json) {
		fprintf(stderr, "mip6d-ctl: unknown command '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	req.json = json;
	len = ctl_req_format(&req, line, sizeof(line));
	if (len < 0 || strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "mip6d-ctl: socket path too long\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "mip6d-ctl: %s: %s (is mip6d running?)\n", path, strerror(errno));
		return 1;
	}
	if (write(fd, line, (size_t)len) != len) {
		fprintf(stderr, "mip6d-ctl: %s: %s\n", path, strerror(errno));
		close(fd);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (first && (size_t)n >= 7 && !memcmp(buf, "error: ", 7))
			refused = true;
		first = false;
		fwrite(buf, 1, (size_t)n, refused ? stderr : stdout);
	}
	close(fd);
	if (n < 0 || first) {
		fprintf(stderr, "mip6d-ctl: no answer from %s\n", path);
		return 1;
	}
	return refused ? 1 : 0;
}
