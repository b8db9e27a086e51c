/* The admin socket: racoonctl's requests (protocol in admin_proto.h).
 * One request per connection, served at once: the socket is root's only
 * (mode 0600 unless the configuration says otherwise), and a client that
 * stalls is cut off after ADMIN_IO_TIMEOUT_MS. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <linux/pfkeyv2.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "libpfkey/setkey/output.h"
#include "racoond/conf/conf.h"
#include "racoond/daemon/admin_proto.h"
#include "racoond/daemon/daemon.h"

#define ADMIN_IO_TIMEOUT_MS 2000

static int parse_proto(const char *s, bool *isakmp, enum ipsec_proto *p)
{
	*isakmp = false;
	*p = IPSEC_PROTO_NONE;
	if (strcmp(s, "isakmp") == 0)
		*isakmp = true;
	else if (strcmp(s, "esp") == 0)
		*p = IPSEC_PROTO_ESP;
	else if (strcmp(s, "ah") == 0)
		*p = IPSEC_PROTO_AH;
	else if (strcmp(s, "ipsec") != 0)
		return -EINVAL;
	return 0;
}

struct sa_print {
	FILE *out;
	bool json;
	unsigned n;
	time_t now;
};

static int print_sa(const struct ipsec_sa *sa, void *arg)
{
	struct sa_print *p = arg;
	char s[ADDR_STRLEN], t[ADDR_STRLEN];

	if (p->json) {
		fprintf(p->out, "%s{\"src\":\"%s\",\"dst\":\"%s\",\"proto\":\"%s\",\"spi\":%" PRIu32
			",\"mode\":\"%s\",\"reqid\":%" PRIu32 ",\"bytes\":%" PRIu64 ",\"packets\":%" PRIu64 "}",
			p->n ? ",\n " : "", addr_fmt(&sa->src, s, sizeof(s)), addr_fmt(&sa->dst, t, sizeof(t)),
			ipsec_proto_name(sa->proto), sa->spi, ipsec_mode_name(sa->mode), sa->reqid,
			sa->cur.bytes, sa->cur.packets);
	} else {
		struct setkey_sa_entry e;
		memset(&e, 0, sizeof(e));
		e.sa = *sa;
		e.state = SADB_SASTATE_MATURE;
		e.has_current = true;
		setkey_print_sa(p->out, &e, p->now);
		explicit_bzero(&e, sizeof(e));
	}
	p->n++;
	return 0;
}

static int show_sa(struct rd *d, enum ipsec_proto proto, bool json, FILE *out)
{
	struct sa_print p = { .out = out, .json = json, .now = time(NULL) };
	int rc;

	if (json)
		fputs("[", out);
	rc = km_sa_dump(d->km, proto, print_sa, &p);
	if (rc < 0) {
		fprintf(out, "%s\n", km_last_error(d->km));
		return -rc;
	}
	if (json)
		fputs("]\n", out);
	else if (!p.n)
		fputs("No SAD entries.\n", out);
	return 0;
}

void rd_stat_line(FILE *out, bool json, bool *first, const char *name, uint64_t v)
{
	if (json)
		fprintf(out, "%s\"%s\":%" PRIu64, *first ? "{" : ",", name, v);
	else
		fprintf(out, "%-24s %" PRIu64 "\n", name, v);
	*first = false;
}

static int show_stats(struct rd *d, bool json, FILE *out)
{
	struct km_stats k;
	bool first = true;

	km_get_stats(d->km, &k);
	if (!json)
		fprintf(out, "%-24s %s\n", "kernel", km_backend_name(km_backend_of(d->km)));
	rd_stat_line(out, json, &first, "isakmp_received", d->stats.isakmp_rx);
	rd_stat_line(out, json, &first, "isakmp_too_short", d->stats.isakmp_short);
	rd_stat_line(out, json, &first, "isakmp_no_local_addr", d->stats.isakmp_no_local);
	rd_stat_line(out, json, &first, "isakmp_sent", d->stats.isakmp_tx);
	rd_stat_line(out, json, &first, "isakmp_send_errors", d->stats.isakmp_tx_errors);
	rd_stat_line(out, json, &first, "kernel_events", k.events);
	rd_stat_line(out, json, &first, "kernel_bad_messages", k.bad);
	rd_stat_line(out, json, &first, "kernel_ignored", k.ignored);
	rd_stat_line(out, json, &first, "kernel_unknown_policy", k.unknown_policy);
	rd_stat_line(out, json, &first, "kernel_overruns", k.overruns);
	rd_stat_line(out, json, &first, "acquires", d->stats.acquires);
	rd_stat_line(out, json, &first, "expires", d->stats.expires);
	rd_stat_line(out, json, &first, "migrates", d->stats.migrates);
	rd_stat_line(out, json, &first, "spd_changes", d->stats.spd_changes);
	rd_stat_line(out, json, &first, "sa_deletes", d->stats.sa_deletes);
	rd_stat_line(out, json, &first, "spd_cached", km_spd_count(d->km));
	rd_stat_line(out, json, &first, "admin_requests", d->stats.admin_requests);
	rd_stat_line(out, json, &first, "admin_bad_requests", d->stats.admin_bad);
	rd_stat_line(out, json, &first, "reloads", d->stats.reloads);
	rd_stat_line(out, json, &first, "reload_failures", d->stats.reload_failures);
	rd_engine_stats(d, json, &first, out);
	if (json)
		fprintf(out, ",\"kernel\":\"%s\"}\n", km_backend_name(km_backend_of(d->km)));
	return 0;
}

/* delete-sa isakmp [inet|inet6] SRC DST */
static int delete_sa(struct rd *d, int argc, const char **argv, FILE *out)
{
	struct ip_addr src, dst;
	int i = 1;

	if (argc < 1 || strcmp(argv[0], "isakmp") != 0) {
		fputs("delete-sa: only \"isakmp [inet|inet6] SRC DST\" is supported\n", out);
		return EINVAL;
	}
	if (argc > 1 && (strcmp(argv[1], "inet") == 0 || strcmp(argv[1], "inet6") == 0))
		i++;
	if (argc - i != 2 || addr_parse(&src, argv[i]) < 0 || addr_parse(&dst, argv[i + 1]) < 0 ||
	    src.family != dst.family) {
		fputs("delete-sa isakmp: two addresses of one family expected\n", out);
		return EINVAL;
	}
	if (i == 2 && (strcmp(argv[1], "inet") == 0) != (src.family == AF_INET)) {
		fputs("delete-sa isakmp: the addresses are not of the family given\n", out);
		return EINVAL;
	}
	return rd_engine_delete_ph1(d, &src, &dst, out);
}

int rd_admin_handle(struct rd *d, uint16_t cmd, uint16_t flags, int argc, const char **argv,
		    FILE *out)
{
	bool json = flags & ADMIN_F_JSON, isakmp;
	enum ipsec_proto proto;
	int rc;

	switch (cmd) {
	case ADMIN_CMD_RELOAD:
		if (argc) {
			fputs("reload-config takes no argument\n", out);
			return EINVAL;
		}
		rc = rd_reload(d);
		fputs(rc < 0 ? "configuration not reloaded: errors are in racoond's log\n"
			     : "configuration reloaded\n", out);
		return rc < 0 ? -rc : 0;
	case ADMIN_CMD_SHOW_SA:
	case ADMIN_CMD_FLUSH_SA:
		if (argc > 1 || parse_proto(argc ? argv[0] : "isakmp", &isakmp, &proto) < 0) {
			fprintf(out, "%s: isakmp, esp, ah or ipsec expected\n", admin_cmd_name(cmd));
			return EINVAL;
		}
		if (cmd == ADMIN_CMD_SHOW_SA)
			return isakmp ? rd_engine_show_ph1(d, json, out) : show_sa(d, proto, json, out);
		if (isakmp)
			return rd_engine_flush_ph1(d, out);
		rc = km_sa_flush(d->km, proto);
		if (rc < 0) {
			fprintf(out, "%s\n", km_last_error(d->km));
			return -rc;
		}
		log_notice("admin: flushed %s SAs", proto ? ipsec_proto_name(proto) : "IPsec");
		return 0;
	case ADMIN_CMD_DELETE_SA:
		return delete_sa(d, argc, argv, out);
	case ADMIN_CMD_ESTABLISH_SA:
		if (argc < 1 || (strcmp(argv[0], "isakmp") && strcmp(argv[0], "esp") && strcmp(argv[0], "ah"))) {
			fputs("establish-sa: isakmp, esp or ah expected\n", out);
			return EINVAL;
		}
		return rd_engine_establish(d, argc, argv, flags & ADMIN_F_WAIT, out);
	case ADMIN_CMD_SHOW_STATS:
		return show_stats(d, json, out);
	default:
		fprintf(out, "unknown command %u\n", cmd);
		return EINVAL;
	}
}

static int read_full(int fd, uint8_t *buf, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = read(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		off += (size_t)n;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = send(fd, (const uint8_t *)buf + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		off += (size_t)n;
	}
	return 0;
}

static void serve(struct rd *d, int fd)
{
	uint8_t req[ADMIN_MAX_REQUEST], hdr[ADMIN_HDR_LEN];
	const char *argv[ADMIN_MAX_ARGS];
	struct admin_hdr h, rh = { 0 };
	struct timeval tv = { ADMIN_IO_TIMEOUT_MS / 1000, (ADMIN_IO_TIMEOUT_MS % 1000) * 1000 };
	char *text = NULL;
	size_t tlen = 0;
	FILE *out;
	int argc, rc;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	d->stats.admin_requests++;
	if (read_full(fd, req, ADMIN_HDR_LEN) < 0 ||
	    admin_hdr_get(req, ADMIN_HDR_LEN, ADMIN_MAX_REQUEST, &h) < 0 ||
	    read_full(fd, req + ADMIN_HDR_LEN, h.len - ADMIN_HDR_LEN) < 0) {
		d->stats.admin_bad++;
		log_info("admin: malformed or incomplete request, connection closed");
		return;
	}
	out = open_memstream(&text, &tlen);
	if (!out)
		return;
	argc = admin_decode_args(req + ADMIN_HDR_LEN, h.len - ADMIN_HDR_LEN, argv, ADMIN_MAX_ARGS);
	if (argc < 0) {
		d->stats.admin_bad++;
		fputs("malformed request arguments\n", out);
		rc = EINVAL;
	} else {
		log_debug("admin: %s", admin_cmd_name(h.code));
		rc = rd_admin_handle(d, h.code, h.flags, argc, argv, out);
	}
	if (fclose(out) != 0) {
		free(text);
		return;
	}
	if (tlen > ADMIN_MAX_REPLY - ADMIN_HDR_LEN) {
		tlen = 0;
		rc = EFBIG;
	}
	rh.len = (uint32_t)(ADMIN_HDR_LEN + tlen);
	rh.code = (uint16_t)rc;
	admin_hdr_put(hdr, &rh);
	if (write_full(fd, hdr, sizeof(hdr)) < 0 || write_full(fd, text, tlen) < 0)
		log_info("admin: client went away before the reply");
	free(text);
}

static void admin_accept(struct ev_io *w, uint32_t revents, void *arg)
{
	struct rd *d = arg;
	int fd;
	(void)w;
	(void)revents;

	while ((fd = accept4(d->admin_fd, NULL, NULL, SOCK_CLOEXEC)) >= 0) {
		serve(d, fd);
		close(fd);
	}
}

static int apply_owner(const struct rc_listen *l, const char *path)
{
	uid_t uid = (uid_t)-1;
	gid_t gid = (gid_t)-1;

	if (l->adminsock_owner) {
		struct passwd *pw = getpwnam(l->adminsock_owner);
		if (!pw) {
			log_err("admin socket: no user %s", l->adminsock_owner);
			return -ENOENT;
		}
		uid = pw->pw_uid;
	}
	if (l->adminsock_group) {
		struct group *gr = getgrnam(l->adminsock_group);
		if (!gr) {
			log_err("admin socket: no group %s", l->adminsock_group);
			return -ENOENT;
		}
		gid = gr->gr_gid;
	}
	if ((uid != (uid_t)-1 || gid != (gid_t)-1) && chown(path, uid, gid) < 0)
		return -errno;
	if (chmod(path, l->adminsock_mode ? l->adminsock_mode : 0600) < 0)
		return -errno;
	return 0;
}

int rd_admin_open(struct rd *d)
{
	const struct rc_listen *l = &d->conf->listen;
	const char *path = l->adminsock_path ? l->adminsock_path : RC_DEFAULT_ADMINSOCK;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, rc;

	d->admin_fd = -1;
	if (l->adminsock_disabled) {
		log_info("admin socket disabled by the configuration");
		return 0;
	}
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_err("admin socket %s: path too long", path);
		return -ENAMETOOLONG;
	}
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* A socket file left by a racoond that died: the pid file says no
	 * other instance runs. */
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(fd, 8) < 0) {
		rc = -errno;
		log_err("admin socket %s: %s", path, strerror(-rc));
		close(fd);
		return rc;
	}
	rc = apply_owner(l, path);
	if (rc < 0) {
		log_err("admin socket %s: owner or mode: %s", path, strerror(-rc));
		close(fd);
		unlink(path);
		return rc;
	}
	d->admin_fd = fd;
	strcpy(d->admin_path, path);
	ev_io_init(&d->admin_io, fd, admin_accept, d);
	rc = ev_io_start(&d->loop, &d->admin_io, EV_READ);
	if (rc < 0) {
		rd_admin_close(d);
		return rc;
	}
	log_info("admin socket %s", path);
	return 0;
}

void rd_admin_close(struct rd *d)
{
	if (d->admin_fd < 0)
		return;
	ev_io_stop(&d->admin_io);
	close(d->admin_fd);
	unlink(d->admin_path);
	d->admin_fd = -1;
}
