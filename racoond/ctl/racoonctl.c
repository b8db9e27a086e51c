/* racoonctl: racoond's control tool, over the admin socket (protocol in
 * racoond/daemon/admin_proto.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "racoond/conf/conf.h"
#include "racoond/daemon/admin_proto.h"

static void usage(FILE *out)
{
	fputs("usage: racoonctl [-j] [-s socket] command [arguments]\n"
	      "  reload-config | rc\n"
	      "  show-sa | ss [isakmp|esp|ah|ipsec]\n"
	      "  flush-sa | fs [isakmp|esp|ah|ipsec]\n"
	      "  delete-sa | ds isakmp [inet|inet6] SRC DST\n"
	      "  establish-sa | es [-w] isakmp [inet|inet6] SRC DST\n"
	      "  establish-sa | es [-w] esp|ah [inet|inet6] SRC/PFX/PORT DST/PFX/PORT icmp|tcp|udp|gre|any\n"
	      "  show-stats | st\n"
	      "  -s socket   admin socket (default " RC_DEFAULT_ADMINSOCK ")\n"
	      "  -j, --json  machine-readable output (show-sa, show-stats)\n", out);
}

static int xfer(const char *path, const uint8_t *req, size_t len, uint16_t *code, char **text, size_t *tlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	uint8_t hdr[ADMIN_HDR_LEN];
	struct admin_hdr h;
	size_t off;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    send(fd, req, len, MSG_NOSIGNAL) != (ssize_t)len)
		goto fail;
	for (off = 0; off < sizeof(hdr);) {
		ssize_t n = read(fd, hdr + off, sizeof(hdr) - off);
		if (n <= 0)
			goto short_reply;
		off += (size_t)n;
	}
	if (admin_hdr_get(hdr, sizeof(hdr), ADMIN_MAX_REPLY, &h) < 0)
		goto short_reply;
	*tlen = h.len - ADMIN_HDR_LEN;
	*text = malloc(*tlen + 1);
	if (!*text) {
		close(fd);
		return -ENOMEM;
	}
	for (off = 0; off < *tlen;) {
		ssize_t n = read(fd, *text + off, *tlen - off);
		if (n <= 0) {
			free(*text);
			goto short_reply;
		}
		off += (size_t)n;
	}
	(*text)[*tlen] = 0;
	*code = h.code;
	close(fd);
	return 0;
short_reply:
	close(fd);
	return -EPROTO;
fail:
	{
		int e = -errno;
		close(fd);
		return e;
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sock = RC_DEFAULT_ADMINSOCK;
	uint8_t req[ADMIN_MAX_REQUEST];
	uint16_t flags = 0, cmd, code = 0;
	char *text = NULL;
	size_t tlen = 0;
	int c, len, rc;

	while ((c = getopt_long(argc, argv, "+js:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': flags |= ADMIN_F_JSON; break;
		case 's': sock = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("racoonctl %s\n", PACKAGE_VERSION); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 1;
	}
	cmd = admin_cmd_parse(argv[optind]);
	if (!cmd) {
		fprintf(stderr, "racoonctl: unknown command '%s'\n", argv[optind]);
		usage(stderr);
		return 1;
	}
	optind++;
	if (cmd == ADMIN_CMD_ESTABLISH_SA && optind < argc && strcmp(argv[optind], "-w") == 0) {
		flags |= ADMIN_F_WAIT;
		optind++;
	}
	len = admin_encode_request(req, sizeof(req), cmd, flags, argc - optind,
				   (const char *const *)argv + optind);
	if (len < 0) {
		fprintf(stderr, "racoonctl: %s\n", len == -E2BIG ? "too many arguments" : "arguments too long");
		return 1;
	}
	rc = xfer(sock, req, (size_t)len, &code, &text, &tlen);
	if (rc < 0) {
		fprintf(stderr, "racoonctl: %s: %s\n", sock,
			rc == -EPROTO ? "racoond closed the connection without a reply" : strerror(-rc));
		return 1;
	}
	fwrite(text, 1, tlen, code ? stderr : stdout);
	if (code && tlen == 0)
		fprintf(stderr, "racoonctl: %s: %s\n", admin_cmd_name(cmd), strerror(code));
	free(text);
	return code ? 1 : 0;
}
