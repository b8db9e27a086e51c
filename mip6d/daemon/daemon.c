/* The running daemon: see daemon.h. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/evloop.h"
#include "common/log.h"
#include "common/notify.h"
#include "common/pidfile.h"
#include "libxfrm/xfrm.h"
#include "mip6d/daemon/ctlsrv.h"
#include "mip6d/daemon/daemon.h"
#include "mip6d/daemon/dhaad_ha.h"
#include "mip6d/daemon/dhaad_mn.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/mnnd.h"
#include "mip6d/daemon/reload.h"
#include "mip6d/daemon/startsp.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/linkmon.h"
#include "mip6d/sys/mhsock.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/nl.h"
#include "mip6d/sys/proxynd.h"
#include "mip6d/sys/sysctl.h"

#define MAX_HOME_PREFIXES 16

struct mip6d {
	const struct mip6d_opts *o;
	struct mip6_conf *conf;
	struct ev_loop loop;
	struct kops_sys ks;
	struct startsp ssp;
	struct sys_sysctl_saved sysctl;
	struct hag *ha;
	struct mng *mn;
	struct ev_io mh_io, lm_io, xfrm_io, icmp_io;
	int lm_fd;
	struct ctlsrv ctl;
	struct ev_signal sig_term, sig_int, sig_hup;
	struct pidfile pf;
	uint64_t started;
	bool ha_rule;
	struct ip_prefix home_prefixes[MAX_HOME_PREFIXES];
	size_t n_home_prefixes;
	struct mn_view mnv;             /* the MN engine's configuration */
	struct dhaad_ha dh;             /* HA: DHAAD and MPS answered */
	struct dhaad_mn dm;             /* MN: looking for its home agent */
	bool dh_on, dm_on;
	char conf_path[PATH_MAX];       /* absolute: daemon() leaves the directory */
};

int mip6d_log_level(unsigned debug_level)
{
	if (debug_level == 0)
		return LOG_LVL_NOTICE;
	if (debug_level < 3)
		return LOG_LVL_INFO;
	return LOG_LVL_DEBUG;
}

static void apply_logging(const struct mip6d *d, const struct mip6_conf *c)
{
	const char *file = d->o->log_file ? d->o->log_file : c->debug_log_file;

	log_set_level((enum log_level)mip6d_log_level(c->debug_level));
	if (file && log_set_file(file) < 0)
		log_warn("cannot log to %s", file);
}

static void on_mh(struct ev_io *w, uint32_t revents, void *arg)
{
	struct mip6d *d = arg;
	uint8_t buf[SYS_MH_MAX];
	struct sys_mh_info info;
	int n;

	(void)revents;
	for (;;) {
		memset(&info, 0, sizeof(info));
		n = sys_mhsock_recv(w->fd, buf, sizeof(buf), &info);
		if (n == -EAGAIN)
			return;
		if (n < 0) {
			log_debug("MH socket: %s", strerror(-n));
			if (n != -EMSGSIZE)
				return;
			continue;
		}
		if (d->ha)
			hag_input(d->ha, buf, (size_t)n, &info);
		else if (d->mn)
			mng_input(d->mn, buf, (size_t)n, &info);
	}
}

static void on_icmp(struct ev_io *w, uint32_t revents, void *arg)
{
	struct mip6d *d = arg;
	uint8_t buf[256];
	struct sys_icmp6_info info;
	struct sys_nd_msg ns;
	int n;

	(void)revents;
	for (;;) {
		n = sys_icmp6_recv(w->fd, buf, sizeof(buf), &info);
		if (n == -EAGAIN)
			return;
		if (n < 0) {
			if (n != -EMSGSIZE)
				return;
			continue;
		}
		if (sys_nd_parse(buf, (size_t)n, &ns) == 0)
			hag_ns(d->ha, &info, &ns);
	}
}

static unsigned if_pref(const struct mip6_conf *c, int ifindex)
{
	char name[IF_NAMESIZE];
	const struct conf_iface *i;

	if (!if_indextoname((unsigned)ifindex, name))
		return 0;
	for (i = c->ifaces; i; i = i->next)
		if (!strcmp(i->name, name))
			return i->preference ? i->preference : CONF_MAX_IF_PREFERENCE;
	return 0;
}

static void mn_addr(struct mip6d *d, int ifindex, const struct ip_prefix *pfx, uint32_t flags,
		    uint8_t scope, bool add)
{
	bool usable;

	if (scope != 0 || pfx->addr.family != AF_INET6)
		return;
	if (flags & SYS_IFA_F_DADFAILED)
		add = false;
	usable = !(flags & SYS_IFA_F_TENTATIVE) || (flags & SYS_IFA_F_OPTIMISTIC);
	if (d->mn)
		mng_addr(d->mn, ifindex, if_pref(d->conf, ifindex), pfx, usable, add);
	else if (d->dm_on)
		dhaad_mn_addr(&d->dm, ifindex, if_pref(d->conf, ifindex), pfx, usable, add);
}

static void link_down(struct mip6d *d, int ifindex)
{
	if (d->mn)
		mng_link_down(d->mn, ifindex);
	else if (d->dm_on)
		dhaad_mn_link_down(&d->dm, ifindex);
}

static void on_linkmon_ev(const struct sys_linkmon_event *ev, void *arg)
{
	struct mip6d *d = arg;

	switch (ev->type) {
	case SYS_LINKMON_ADDR_NEW:
	case SYS_LINKMON_ADDR_DEL:
		mn_addr(d, ev->ifindex, &ev->u.addr.pfx, ev->u.addr.flags, ev->u.addr.scope,
			ev->type == SYS_LINKMON_ADDR_NEW);
		break;
	case SYS_LINKMON_LINK_NEW:
		if (d->mn)
			mng_link_flags(d->mn, ev->ifindex, ev->u.link.flags);
		else if (!(ev->u.link.flags & IFF_UP) || !(ev->u.link.flags & IFF_RUNNING))
			link_down(d, ev->ifindex);
		break;
	case SYS_LINKMON_LINK_DEL:
		link_down(d, ev->ifindex);
		break;
	default:
		break;
	}
}

static int scan_addr(const struct sys_addr *a, void *arg)
{
	struct mip6d *d = arg;

	mn_addr(d, a->ifindex, &a->pfx, a->flags, a->scope, true);
	return 0;
}

static void on_linkmon(struct ev_io *w, uint32_t revents, void *arg)
{
	struct mip6d *d = arg;
	int r;

	(void)revents;
	r = sys_linkmon_read(w->fd, on_linkmon_ev, d);
	if (r == -ENOBUFS) {
		/* Events were lost: read the addresses again. */
		if (d->mn)
			d->mn->n_cand = 0;
		d->dm.n_cand = 0;
		sys_addr_list(d->ks.nl, 0, AF_INET6, scan_addr, d);
	}
	if (d->mn)
		mng_reselect(d->mn);
	else if (d->dm_on)
		dhaad_mn_reselect(&d->dm);
}

static void on_xfrm_ev(const struct xfrm_event *ev, void *arg)
{
	struct mip6d *d = arg;

	/* ACQUIREs are the IKE daemon's: not subscribed, not logged. */
	if ((ev->type == XFRM_EV_NEWSA || ev->type == XFRM_EV_UPDSA) && d->mn &&
	    xl_sa_event_is_ipsec(&ev->u.sa))
		mng_sa_installed(d->mn, &ev->u.sa.dst);
}

static void on_xfrm(struct ev_io *w, uint32_t revents, void *arg)
{
	struct mip6d *d = arg;

	(void)w;
	(void)revents;
	xfrm_events_read(d->ks.xfrm, on_xfrm_ev, d, NULL);
}

static int bc_line(struct bce *e, void *arg)
{
	void **a = arg;
	struct mip6d *d = a[0];
	const struct ctl_req *req = a[1];
	size_t *n = a[3];

	ctl_fmt_bce(a[2], e, ev_loop_now(&d->loop), req->json, *n == 0);
	(*n)++;
	return 0;
}

static int on_ctl(void *arg, const struct ctl_req *req, FILE *out)
{
	struct mip6d *d = arg;
	size_t n = 0;

	switch (req->cmd) {
	case CTL_STATUS: {
		struct ctl_status s = {
			.role = d->ha ? "HA" : d->mn || d->dm_on ? "MN" : "CN",
			.pid = (unsigned long)getpid(),
			.uptime_s = (ev_loop_now(&d->loop) - d->started) / 1000u,
		};

		if (d->ha) {
			s.bindings = bcache_count(ha_bcache(&d->ha->ha));
			s.rx_mh = d->ha->rx_mh;
			s.rx_bad = d->ha->rx_bad;
			s.tx = d->ha->tx_ba;
		} else if (d->mn) {
			s.bindings = 1;
			s.rx_mh = d->mn->rx_mh;
			s.rx_bad = d->mn->rx_bad;
			s.tx = d->mn->tx_bu;
		}
		ctl_fmt_status(out, &s, req->json);
		return 0;
	}
	case CTL_BC: {
		void *a[4] = { d, (void *)req, out, &n };

		if (!d->ha)
			return -EINVAL;
		ctl_fmt_begin(out, CTL_BC, req->json);
		bcache_foreach(&d->ha->ha.bc, bc_line, a);
		ctl_fmt_end(out, CTL_BC, req->json, n);
		return 0;
	}
	case CTL_BUL: {
		const struct bule *e;

		if (!d->mn && !d->dm_on)
			return -EINVAL;
		ctl_fmt_begin(out, CTL_BUL, req->json);
		for (e = d->mn ? d->mn->bul.head : NULL; e; e = e->next, n++)
			ctl_fmt_bule(out, e, ev_loop_now(&d->loop), req->json, n == 0);
		ctl_fmt_end(out, CTL_BUL, req->json, n);
		return 0;
	}
	}
	return -EINVAL;
}

static void on_stop(struct ev_signal *s, const struct signalfd_siginfo *si, void *arg)
{
	struct mip6d *d = arg;

	(void)s;
	log_notice("signal %u: stopping", si->ssi_signo);
	ev_loop_stop(&d->loop);
}

/* SIGHUP: the file is read, checked and applied (reload.h); logging
 * settings take effect at once. */
static void on_hup(struct ev_signal *s, const struct signalfd_siginfo *si, void *arg)
{
	struct mip6d *d = arg;
	struct reload_target t = {
		.ops = &kops_sys_ops, .k = &d->ks, .ssp = &d->ssp, .ha = d->ha, .mn = d->mn,
		.mn_view = d->conf->node_type == NODE_MN ? &d->mnv : NULL,
		.mn_ha = d->mn ? &d->mn->ib.ha : NULL,
	};
	struct reload_result res;

	(void)s;
	(void)si;
	notify_reloading();
	if (reload_run(d->conf, d->conf_path, d->o->debug, d->o->role, &t, &res) == 0) {
		apply_logging(d, d->conf);
		if (d->dm_on) {
			d->dm.hl = d->conf->home_links;
			d->dm.use_all = d->conf->mn_use_all_interfaces;
		}
		log_notice("reload: done: IPsec policies at start %zu put, %zu removed; "
			   "per binding %zu put, %zu removed, %zu failed; %u settings kept until restart",
			   res.sp_put, res.sp_del, res.bind_put, res.bind_del, res.bind_failed,
			   res.refused);
	}
	notify_ready(NULL);
}

static int prefix_scan(const struct sys_addr *a, void *arg)
{
	struct mip6d *d = arg;

	if (a->scope == 0 && d->n_home_prefixes < MAX_HOME_PREFIXES) {
		struct ip_prefix p = a->pfx;

		prefix_mask(&p);
		d->home_prefixes[d->n_home_prefixes++] = p;
	}
	return 0;
}

static int start_ha(struct mip6d *d)
{
	const struct conf_iface *i;
	struct ha_config cfg;
	struct sys_rule rule;
	int home = 0, ifindex, r;

	for (i = d->conf->ifaces; i; i = i->next) {
		if (sys_link_index(d->ks.nl, i->name, &ifindex) < 0)
			continue;
		if (!home) {
			home = ifindex;
			r = sys_proxynd_prepare(&d->sysctl, i->name);
			if (r < 0)
				log_warn("%s: proxy ND settings: %s", i->name, strerror(-r));
		}
		sys_addr_list(d->ks.nl, ifindex, AF_INET6, prefix_scan, d);
	}
	if (!home) {
		log_err("no home agent interface");
		return -ENODEV;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.conf = d->conf;
	cfg.home_prefixes = d->home_prefixes;
	cfg.n_home_prefixes = d->n_home_prefixes;
	if (getrandom(cfg.hash_key, sizeof(cfg.hash_key), 0) != (ssize_t)sizeof(cfg.hash_key))
		return -EIO;
	d->ha = calloc(1, sizeof(*d->ha));
	if (!d->ha)
		return -ENOMEM;
	r = hag_init(d->ha, ev_loop_timers(&d->loop), &cfg, &kops_sys_ops, &d->ks, home, &d->loop);
	if (r < 0) {
		free(d->ha);
		d->ha = NULL;
		return r;
	}
	d->dh_on = dhaad_ha_start(&d->dh, &d->loop, d->ks.nl, home, d->conf) == 0;
	if (d->ks.icmp_fd >= 0) {
		ev_io_init(&d->icmp_io, d->ks.icmp_fd, on_icmp, d);
		if (ev_io_start(&d->loop, &d->icmp_io, EV_READ) < 0)
			log_warn("NS watcher not started");
	}
	sys_rule_init(&rule, SYS_RULE_PRIO_HA, SYS_RULE_LOOKUP, SYS_RT_TABLE_MIP6);
	r = sys_rule_add(d->ks.nl, &rule);
	d->ha_rule = r == 0;
	if (r < 0 && r != -EEXIST)
		log_warn("rule lookup %u: %s", SYS_RT_TABLE_MIP6, strerror(-r));
	return 0;
}

/* The home registration with the home agent ha (NULL: the file's). */
static int start_bul(struct mip6d *d, int home, const struct ip_addr *ha)
{
	uint16_t seq;
	int r;

	if (getrandom(&seq, sizeof(seq), 0) != (ssize_t)sizeof(seq))
		seq = (uint16_t)getpid();
	d->mn = calloc(1, sizeof(*d->mn));
	if (!d->mn)
		return -ENOMEM;
	mn_view_make(&d->mnv, d->conf, ha);
	r = mng_init(d->mn, ev_loop_timers(&d->loop), &d->mnv.conf, &kops_sys_ops, &d->ks, home,
		     seq);
	if (r < 0) {
		free(d->mn);
		d->mn = NULL;
		log_err("home registration entry: %s", strerror(-r));
	}
	return r;
}

/* Movement from the MN's own RAs, once its registration entry exists
 * (during DHAAD the kernel's autoconfiguration gives the CoA). */
static void nd_start(struct mip6d *d)
{
	int r = mng_nd_start(d->mn, &d->loop, d->ks.nl);

	if (r < 0)
		log_warn("no Router Advertisements (movement from addresses only): %s", strerror(-r));
}

/* DHAAD found the home agent: the registration starts from the addresses
 * the MN has now. */
static void on_ha_found(void *arg, const struct ip_addr *ha)
{
	struct mip6d *d = arg;
	struct ip_addr h = *ha;
	int home;

	dhaad_mn_stop(&d->dm);
	d->dm_on = false;
	if (sys_link_index(d->ks.nl, d->conf->home_links->ifname, &home) < 0 ||
	    start_bul(d, home, &h) < 0)
		return;
	nd_start(d);
	sys_addr_list(d->ks.nl, 0, AF_INET6, scan_addr, d);
	mng_reselect(d->mn);
}

static int start_mn(struct mip6d *d)
{
	int home, r;

	if (!d->conf->home_links) {
		log_err("no MnHomeLink");
		return -EINVAL;
	}
	r = sys_link_index(d->ks.nl, d->conf->home_links->ifname, &home);
	if (r < 0) {
		log_err("home link %s: %s", d->conf->home_links->ifname, strerror(-r));
		return r;
	}
	if (addr_is_any(&d->conf->home_links->ha_addr)) {
		/* HomeAgentAddress :: : the home agent is discovered first. */
		r = dhaad_mn_start(&d->dm, &d->loop, d->conf, d->conf->home_links, on_ha_found, d);
		if (r < 0) {
			log_err("DHAAD: %s", strerror(-r));
			return r;
		}
		d->dm_on = true;
	} else {
		r = start_bul(d, home, NULL);
		if (r < 0)
			return r;
	}
	r = sys_linkmon_open(&d->lm_fd, 0);
	if (r < 0)
		return r;
	ev_io_init(&d->lm_io, d->lm_fd, on_linkmon, d);
	r = ev_io_start(&d->loop, &d->lm_io, EV_READ);
	if (r < 0)
		return r;
	r = xfrm_events_subscribe(d->ks.xfrm, XFRM_EVGRP_SA);
	if (r == 0) {
		ev_io_init(&d->xfrm_io, xfrm_fd(d->ks.xfrm), on_xfrm, d);
		r = ev_io_start(&d->loop, &d->xfrm_io, EV_READ);
	}
	if (r < 0)
		log_warn("no XFRM SA events: %s", strerror(-r));
	if (d->mn)
		nd_start(d);
	sys_addr_list(d->ks.nl, 0, AF_INET6, scan_addr, d);
	if (d->mn)
		mng_reselect(d->mn);
	else
		dhaad_mn_reselect(&d->dm);
	return 0;
}

static int start(struct mip6d *d)
{
	static const uint8_t nd_types[] = { SYS_ND_TYPE_NS };
	int r;

	d->ks.xfrm = xfrm_open();
	if (!d->ks.xfrm) {
		log_err("XFRM netlink: %s", strerror(errno));
		return -errno;
	}
	r = sys_nl_open(&d->ks.nl);
	if (r < 0) {
		log_err("rtnetlink: %s", strerror(-r));
		return r;
	}
	r = sys_mhsock_open(&d->ks.mh_fd);
	if (r < 0) {
		log_err("Mobility Header socket: %s", strerror(-r));
		return r;
	}
	if (sys_icmp6_open(&d->ks.icmp_fd, nd_types, sizeof(nd_types)) < 0)
		d->ks.icmp_fd = -1;
	r = startsp_install(&d->ssp, &kops_sys_ops, &d->ks, d->conf);
	if (r < 0)
		return r;
	if (d->conf->node_type == NODE_HA)
		r = start_ha(d);
	else if (d->conf->node_type == NODE_MN)
		r = start_mn(d);
	if (r < 0)
		return r;
	ev_io_init(&d->mh_io, d->ks.mh_fd, on_mh, d);
	r = ev_io_start(&d->loop, &d->mh_io, EV_READ);
	if (r < 0)
		return r;
	r = ctlsrv_open(&d->ctl, &d->loop, d->o->ctl_path, on_ctl, d);
	if (r < 0)
		log_warn("control socket %s: %s", d->o->ctl_path, strerror(-r));
	return 0;
}

/* Removes everything start installed, whatever point it reached. */
static void stop(struct mip6d *d)
{
	ctlsrv_close(&d->ctl);
	ev_io_stop(&d->mh_io);
	ev_io_stop(&d->lm_io);
	ev_io_stop(&d->xfrm_io);
	ev_io_stop(&d->icmp_io);
	if (d->dh_on)
		dhaad_ha_stop(&d->dh);
	if (d->dm_on)
		dhaad_mn_stop(&d->dm);
	d->dh_on = d->dm_on = false;
	if (d->ha) {
		hag_fini(d->ha);
		free(d->ha);
		d->ha = NULL;
	}
	if (d->ha_rule) {
		struct sys_rule rule;

		sys_rule_init(&rule, SYS_RULE_PRIO_HA, SYS_RULE_LOOKUP, SYS_RT_TABLE_MIP6);
		sys_rule_del(d->ks.nl, &rule);
	}
	if (d->mn) {
		mng_fini(d->mn);
		free(d->mn);
		d->mn = NULL;
	}
	if (d->ks.xfrm)
		startsp_remove(&d->ssp, &kops_sys_ops, &d->ks);
	sys_sysctl_restore(&d->sysctl);
	if (d->lm_fd >= 0)
		close(d->lm_fd);
	if (d->ks.mh_fd >= 0)
		close(d->ks.mh_fd);
	if (d->ks.icmp_fd >= 0)
		close(d->ks.icmp_fd);
	if (d->ks.nl)
		sys_nl_close(d->ks.nl);
	if (d->ks.xfrm)
		xfrm_close(d->ks.xfrm);
}

int mip6d_run(const struct mip6d_opts *o, struct mip6_conf *conf)
{
	struct mip6d d;
	pid_t owner = 0;
	int r, status = 0;

	memset(&d, 0, sizeof(d));
	d.o = o;
	d.conf = conf;
	d.lm_fd = d.ks.mh_fd = d.ks.icmp_fd = -1;
	d.pf.fd = -1;
	d.ctl.io.fd = -1;
	if (!realpath(o->conf_path, d.conf_path))
		snprintf(d.conf_path, sizeof(d.conf_path), "%s", o->conf_path);
	sys_sysctl_saved_init(&d.sysctl, NULL);
	log_init("mip6d", !o->foreground);
	apply_logging(&d, conf);
	if (o->pidfile[0]) {
		r = pidfile_create(&d.pf, o->pidfile, &owner);
		if (r < 0) {
			if (r == -EEXIST)
				log_err("already running (pid %ld, %s)", (long)owner, o->pidfile);
			else
				log_err("pid file %s: %s", o->pidfile, strerror(-r));
			return 1;
		}
	}
	if (!o->foreground) {
		if (daemon(0, 0) < 0) {
			log_err("daemon: %s", strerror(errno));
			pidfile_remove(&d.pf);
			return 1;
		}
		if (d.pf.fd >= 0)
			pidfile_update(&d.pf);
	}
	r = ev_loop_init(&d.loop, NULL, NULL);
	if (r < 0) {
		log_err("event loop: %s", strerror(-r));
		pidfile_remove(&d.pf);
		return 1;
	}
	ev_signal_init(&d.sig_term, SIGTERM, on_stop, &d);
	ev_signal_init(&d.sig_int, SIGINT, on_stop, &d);
	ev_signal_init(&d.sig_hup, SIGHUP, on_hup, &d);
	ev_signal_add(&d.loop, &d.sig_term);
	ev_signal_add(&d.loop, &d.sig_int);
	ev_signal_add(&d.loop, &d.sig_hup);
	d.started = ev_loop_now(&d.loop);
	r = start(&d);
	if (r < 0) {
		log_err("cannot start as %s: %s", node_type_name(conf->node_type), strerror(-r));
		status = 1;
	} else {
		log_notice("started as %s", node_type_name(conf->node_type));
		notify_ready(NULL);
		r = ev_loop_run(&d.loop);
		if (r < 0) {
			log_err("event loop: %s", strerror(-r));
			status = 1;
		}
		notify_stopping();
	}
	stop(&d);
	ev_signal_del(&d.sig_hup);
	ev_signal_del(&d.sig_int);
	ev_signal_del(&d.sig_term);
	ev_loop_fini(&d.loop);
	log_notice("stopped");
	pidfile_remove(&d.pf);
	log_close();
	return status;
}
