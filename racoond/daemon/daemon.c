/* racoond's life: configuration, logging, pid file, daemonising, kernel
 * interface, sockets, readiness, signals, reload and clean exit. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/notify.h"
#include "racoond/conf/conf.h"
#include "racoond/daemon/backupsa.h"
#include "racoond/daemon/daemon.h"
#include "racoond/daemon/kernel_algs.h"
#include "racoond/ike/creds.h"

static enum log_level level_of(const struct rd_options *o, const struct rc_conf *c)
{
	static const enum log_level map[] = {
		[RC_LOG_ERROR] = LOG_LVL_ERROR, [RC_LOG_WARNING] = LOG_LVL_WARNING,
		[RC_LOG_NOTIFY] = LOG_LVL_NOTICE, [RC_LOG_INFO] = LOG_LVL_INFO,
		[RC_LOG_DEBUG] = LOG_LVL_DEBUG, [RC_LOG_DEBUG2] = LOG_LVL_DEBUG2,
	};
	enum log_level l = c && c->log_set ? map[c->log] : LOG_LVL_NOTICE;

	/* Each -d is one more level of debugging, from "debug" up. */
	if (o->debug) {
		unsigned want = LOG_LVL_DEBUG + o->debug - 1;
		if (want > LOG_LVL_DEBUG3)
			want = LOG_LVL_DEBUG3;
		if (want > l)
			l = (enum log_level)want;
	}
	return l;
}

/* The configuration and, when its files are checked, the credentials it
 * names (creds NULL: loaded, checked and freed again). */
static int load_conf(const struct rd_options *o, struct rc_conf **out, struct ike_creds **creds,
		     FILE *err)
{
	struct rc_load_opts lo = { .root = o->root };
	struct rc_diags diags = { 0 };
	struct ike_creds *cr = NULL;
	int rc;

	if (creds)
		*creds = NULL;
	if (!o->no_file_checks)
		lo.flags |= RC_LOAD_CHECK_FILES;
	rc = rc_conf_load_file(o->conf_file, &lo, out, &diags);
	if (rc == 0 && !o->show_config)
		rc = rc_conf_check_support(*out, &diags);
	rc_diags_print(&diags, err);
	rc_diags_free(&diags);
	/* Keys and certificates are read here, once, not at each Phase 1. */
	if (rc == 0 && !o->no_file_checks && !o->show_config)
		rc = ike_creds_load(*out, &cr, err);
	if (rc < 0) {
		rc_conf_free(*out);
		*out = NULL;
		return rc;
	}
	if (creds)
		*creds = cr;
	else
		ike_creds_free(cr);
	return 0;
}

/* Writes each line of text to the log at level l. */
static void log_lines(enum log_level l, char *text)
{
	char *save, *line;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		log_msg(l, "%s", line);
}

/* The sainfo algorithms against what the kernel's IPsec has: one error
 * per missing one, on err.  0 or -EINVAL. */
static int check_kernel(const struct rc_conf *c, const struct rc_kernel_algs *k, FILE *err)
{
	struct rc_diags diags = { 0 };
	int rc = rc_conf_check_kernel(c, k, &diags);

	rc_diags_print(&diags, err);
	rc_diags_free(&diags);
	return rc;
}

int rd_load_conf(const struct rd_options *o, struct rc_conf **out, FILE *err)
{
	struct rc_kernel_algs k;
	int rc = load_conf(o, out, NULL, err);

	/* -t asks the kernel too, as racoon's does (not when told to check
	 * the file alone). */
	if (rc < 0 || !o->test || o->no_file_checks)
		return rc;
	rc = rd_kernel_algs(o->kernel, &k);
	if (rc < 0) {
		fprintf(err, "racoond: warning: the kernel's algorithms were not checked: %s\n",
			strerror(-rc));
		return 0;
	}
	rc = check_kernel(*out, &k, err);
	if (rc < 0) {
		rc_conf_free(*out);
		*out = NULL;
	}
	return rc;
}

/* At start: what the kernel has, kept for the reloads. */
static int start_kernel_check(struct rd *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc = rd_kernel_algs(km_backend_of(d->km), &d->kalgs);

	if (rc < 0) {
		log_warn("the kernel's algorithms cannot be read (%s): the configuration's are not "
			 "checked against them", strerror(-rc));
		return 0;
	}
	d->have_kalgs = true;
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	rc = check_kernel(d->conf, &d->kalgs, f);
	fclose(f);
	log_lines(LOG_LVL_ERROR, text);
	free(text);
	if (rc < 0)
		log_err("%s: the kernel lacks algorithms the configuration names", d->opt.conf_file);
	return rc;
}

static void log_creds(const struct ike_creds *cr)
{
	unsigned keys, certs, cas, crls;

	if (!cr)
		return;
	ike_creds_count(cr, &keys, &certs, &cas, &crls);
	if (keys + certs + cas)
		log_info("credentials loaded: %u private keys, %u certificates, %u CA files, "
			 "%u CRLs%s", keys, certs, cas, crls,
			 crls ? " (revocation checked)" : "");
}


int rd_reload(struct rd *d)
{
	struct rc_conf *conf = NULL, *old;
	struct ike_creds *creds = NULL, *old_creds;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f)
		return -ENOMEM;
	notify_reloading();
	d->stats.reloads++;
	rc = load_conf(&d->opt, &conf, &creds, f);
	if (rc == 0 && d->have_kalgs && (rc = check_kernel(conf, &d->kalgs, f)) < 0) {
		ike_creds_free(creds);
		rc_conf_free(conf);
	}
	fclose(f);
	log_lines(rc < 0 ? LOG_LVL_ERROR : LOG_LVL_WARNING, text);
	free(text);
	if (rc < 0) {
		d->stats.reload_failures++;
		log_err("%s: configuration not valid; the running one stays", d->opt.conf_file);
		notify_ready("running (reload failed)");
		return rc;
	}
	old = d->conf;
	old_creds = d->creds;
	d->conf = conf;
	d->creds = creds;
	log_set_level(level_of(&d->opt, conf));
	log_creds(creds);
	if (d->opt.logfile && log_set_file(d->opt.logfile) < 0)
		log_warn("cannot reopen log file %s", d->opt.logfile);
	/* As racoon: a reload re-reads the SPD. */
	if (km_spd_dump(d->km) < 0)
		log_err("%s", km_last_error(d->km));
	/* The engine holds the old configuration and credentials until it has
	 * switched. */
	rd_engine_conf_changed(d);
	ike_creds_free(old_creds);
	rc_conf_free(old);
	log_notice("%s: configuration reloaded (listen addresses and the admin socket are kept)",
		   d->opt.conf_file);
	notify_ready("running");
	return 0;
}

static int restore_sa(const struct ipsec_sa *sa, void *arg)
{
	struct rd *d = arg;
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	int rc = km_add_sa(d->km, sa);

	addr_fmt(&sa->src, s, sizeof(s));
	addr_fmt(&sa->dst, t, sizeof(t));
	if (rc == -EEXIST) {
		log_info("backupsa: %s %s -> %s spi 0x%08x is already in the kernel",
			 ipsec_proto_name(sa->proto), s, t, sa->spi);
		return 1;
	}
	if (rc < 0)
		log_warn("backupsa: %s", km_last_error(d->km));
	else
		log_info("backupsa: %s %s -> %s spi 0x%08x installed (%llu s left)",
			 ipsec_proto_name(sa->proto), s, t, sa->spi,
			 (unsigned long long)sa->hard.add_seconds);
	return rc;
}

int rd_backupsa_compact(struct rd *d, bool install)
{
	const char *path = d->conf->path[RC_PATH_BACKUPSA];
	struct bsa_stats st;
	int rc;

	if (!path)
		return 0;
	d->backupsa_lines = 0;
	rc = bsa_compact(path, (uint64_t)time(NULL), install ? restore_sa : NULL, d, &st);
	if (rc < 0) {
		log_warn("backupsa %s: %s", path, strerror(-rc));
		return rc;
	}
	if (st.malformed)
		log_warn("backupsa %s: %u lines not understood, dropped", path, st.malformed);
	if (install)
		log_notice("backupsa %s: %u SAs installed again, %u already in the kernel, %u failed "
			   "(%u expired, %u deleted dropped)", path, st.installed, st.present, st.failed,
			   st.expired, st.deleted);
	else
		log_info("backupsa %s: %u live SAs kept, %u expired and %u deleted dropped", path,
			 st.live, st.expired, st.deleted);
	return 0;
}

static void on_signal(struct ev_signal *s, const struct signalfd_siginfo *si, void *arg)
{
	struct rd *d = arg;
	(void)s;

	if (si->ssi_signo == SIGHUP) {
		log_notice("SIGHUP: reloading %s", d->opt.conf_file);
		rd_reload(d);
		return;
	}
	log_notice("%s: shutting down", strsignal((int)si->ssi_signo));
	d->stopping = true;
	ev_loop_stop(&d->loop);
}

static void pidfile_path(const struct rc_conf *c, char *buf, size_t len)
{
	const char *p = c->path[RC_PATH_PIDFILE] ? c->path[RC_PATH_PIDFILE] : RC_DEFAULT_PIDFILE;
	if (p[0] == '/')
		snprintf(buf, len, "%s", p);
	else
		snprintf(buf, len, "%s/%s", RC_VARRUN, p);
}

/* Forks; the parent waits until the child says it is ready (one byte on
 * the pipe) and exits 0, or 1 if the child fails first.  Returns the
 * write end of the pipe in the child. */
static int daemonise(void)
{
	int p[2], null;
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		ssize_t n;
		close(p[1]);
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 && c == 'R' ? 0 : 1);
	}
	close(p[0]);
	setsid();
	if (chdir("/") < 0)
		return -errno;
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	return p[1];
}

static void tell_parent(int *fd, bool ready)
{
	if (*fd < 0)
		return;
	if (ready && write(*fd, "R", 1) < 0)
		log_warn("cannot tell the parent process we are ready");
	close(*fd);
	*fd = -1;
}

int rd_run(const struct rd_options *o)
{
	static struct rd d;
	char pidpath[PATH_MAX];
	pid_t owner = 0;
	int ready_fd = -1, rc, status = 1;

	memset(&d, 0, sizeof(d));
	d.opt = *o;
	d.admin_fd = -1;
	d.pidfile.fd = -1;

	/* stderr until started, so that the start's errors are seen; then
	 * syslog when daemonised. */
	log_init("racoond", false);
	if (load_conf(o, &d.conf, &d.creds, stderr) < 0) {
		fprintf(stderr, "racoond: %s: configuration not valid\n", o->conf_file);
		return 1;
	}
	log_set_level(level_of(o, d.conf));
	if (o->logfile && (rc = log_set_file(o->logfile)) < 0) {
		fprintf(stderr, "racoond: %s: %s\n", o->logfile, strerror(-rc));
		goto out;
	}
	log_creds(d.creds);
	umask(077);

	pidfile_path(d.conf, pidpath, sizeof(pidpath));
	rc = pidfile_create(&d.pidfile, pidpath, &owner);
	if (rc == -EEXIST) {
		fprintf(stderr, "racoond: already running (pid %ld, %s)\n", (long)owner, pidpath);
		goto out;
	} else if (rc < 0) {
		fprintf(stderr, "racoond: pid file %s: %s\n", pidpath, strerror(-rc));
		goto out;
	}
	if (!o->foreground) {
		ready_fd = daemonise();
		if (ready_fd < 0) {
			log_err("cannot daemonise: %s", strerror(-ready_fd));
			goto out;
		}
		pidfile_update(&d.pidfile);
	}

	rc = ev_loop_init(&d.loop, NULL, NULL);
	if (rc < 0) {
		log_err("event loop: %s", strerror(-rc));
		goto out;
	}
	ev_signal_init(&d.sig_hup, SIGHUP, on_signal, &d);
	ev_signal_init(&d.sig_term, SIGTERM, on_signal, &d);
	ev_signal_init(&d.sig_int, SIGINT, on_signal, &d);
	if (ev_signal_add(&d.loop, &d.sig_hup) < 0 || ev_signal_add(&d.loop, &d.sig_term) < 0 ||
	    ev_signal_add(&d.loop, &d.sig_int) < 0) {
		log_err("cannot watch signals");
		goto out_loop;
	}
	if (rd_engine_init(&d) < 0)
		goto out_loop;
	/* racoon's order: the kernel first (REGISTER, SPD dump), then the
	 * sockets. */
	if (km_open(&d.km, o->kernel, &d.loop, rd_engine_km_event, &d) < 0)
		goto out_engine;
	if (km_spd_dump(d.km) < 0) {
		log_err("%s", km_last_error(d.km));
		goto out_km;
	}
	if (start_kernel_check(&d) < 0)
		goto out_km;
	log_info("SPD: %zu policies", km_spd_count(d.km));
	/* As racoon -B: the saved SAs before any negotiation. */
	rd_backupsa_compact(&d, o->restore_sas);
	if (rd_sockets_open(&d) < 0 || rd_admin_open(&d) < 0)
		goto out_socks;

	log_notice("racoond %s started (pid %ld, kernel interface %s)", PACKAGE_VERSION,
		   (long)getpid(), km_backend_name(km_backend_of(d.km)));
	notify_ready("running");
	tell_parent(&ready_fd, true);
	if (!o->foreground) {
		log_init("racoond", true);
		dup2(STDOUT_FILENO, STDERR_FILENO);    /* /dev/null */
	}

	rc = ev_loop_run(&d.loop);
	if (rc < 0)
		log_err("event loop: %s", strerror(-rc));
	else
		status = 0;
	notify_stopping();
	rd_engine_shutdown(&d);

out_socks:
	rd_admin_close(&d);
	rd_sockets_close(&d);
out_km:
	km_close(d.km);
out_engine:
	rd_engine_fini(&d);
out_loop:
	ev_signal_del(&d.sig_hup);
	ev_signal_del(&d.sig_term);
	ev_signal_del(&d.sig_int);
	ev_loop_fini(&d.loop);
out:
	tell_parent(&ready_fd, false);
	pidfile_remove(&d.pidfile);
	if (status == 0)
		log_notice("racoond stopped");
	ike_creds_free(d.creds);
	rc_conf_free(d.conf);
	log_close();
	return status;
}
