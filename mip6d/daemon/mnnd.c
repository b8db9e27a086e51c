/* The Mobile Node's movement detection: see mnnd.h. */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/mnnd.h"
#include "mip6d/mh/nd.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/llns.h"
#include "mip6d/sys/neigh.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/nl.h"
#include "mip6d/sys/rsol.h"

static const char *fa(const struct ip_addr *a, char *b)
{
	return addr_fmt(a, b, ADDR_STRLEN);
}

static void md_timer_fire(struct timer *t, void *arg);
static void rs_timer_fire(struct timer *t, void *arg);
static void dna_timer_fire(struct timer *t, void *arg);
static void kernel_autoconf_off(struct mng *m, struct mng_if *f);

void mnnd_init(struct mng *m)
{
	const struct conf_iface *ci;
	struct md_params p;

	memset(&p, 0, sizeof(p));
	p.home_ifindex = m->home_ifindex;
	p.home_prefix = m->hl->home_prefix;
	/* MnRouterProbeTimeout is the time allowed for all MnRouterProbes
	 * (0: no probing). */
	p.probes = m->conf->mn_router_probes;
	if (p.probes)
		p.probe_timeout_ms = m->conf->mn_router_probe_timeout_ms / p.probes;
	/* The unconfirmed address is the probe's source: only without DAD. */
	p.dna = m->conf->optimistic_handoff;
	p.dna_timeout_ms = MNG_DNA_TIMEOUT_MS;
	md_init(&m->md, &p);
	timer_init(&m->md_timer, md_timer_fire, m);
	for (ci = m->conf->ifaces; ci && m->n_ifs < MNG_MAX_IF; ci = ci->next) {
		struct mng_if *f = &m->ifs[m->n_ifs++];

		f->m = m;
		snprintf(f->name, sizeof(f->name), "%s", ci->name);
		f->pref = ci->preference ? ci->preference : CONF_MAX_IF_PREFERENCE;
		timer_init(&f->rs_timer, rs_timer_fire, f);
		timer_init(&f->dna_timer, dna_timer_fire, f);
	}
}

/* The configured interface ifindex is, resolved by name the first time. */
static struct mng_if *iface_of(struct mng *m, int ifindex)
{
	char name[IF_NAMESIZE];
	size_t i;

	for (i = 0; i < m->n_ifs; i++)
		if (m->ifs[i].ifindex == ifindex)
			return &m->ifs[i];
	if (ifindex <= 0 || !if_indextoname((unsigned)ifindex, name))
		return NULL;
	for (i = 0; i < m->n_ifs; i++)
		if (!strcmp(m->ifs[i].name, name)) {
			m->ifs[i].ifindex = ifindex;
			m->ifs[i].lllen = 0;
			return &m->ifs[i];
		}
	return NULL;
}

static void iface_lladdr(struct mng *m, struct mng_if *f)
{
	size_t len = sizeof(f->lladdr);

	if (f->lllen || !m->nl)
		return;
	if (sys_link_lladdr(m->nl, f->ifindex, f->lladdr, &len) == 0)
		f->lllen = len;
}

static void md_timer_rearm(struct mng *m)
{
	uint64_t when;

	if (md_next(&m->md, &when))
		timer_arm(m->bul.tq, &m->md_timer, when);
	else
		timer_cancel(&m->md_timer);
}

static void default_via(const struct mng *m, const struct md_action *a, unsigned pref,
			struct sys_route *r)
{
	struct ip_prefix any;

	memset(&any, 0, sizeof(any));
	addr_any(&any.addr, AF_INET6);
	sys_route_init(r, &any);
	r->gateway = a->router;
	r->oif = a->ifindex;
	r->metric = MNG_RT_METRIC + pref;
	(void)m;
}

static struct mng_dna *dna_find(struct mng *m, int ifindex, const struct ip_addr *a)
{
	for (size_t i = 0; i < m->n_dna; i++)
		if (m->dna[i].ifindex == ifindex && (!a || addr_eq(&m->dna[i].addr.addr, a)))
			return &m->dna[i];
	return NULL;
}

bool mnnd_unconfirmed(struct mng *m, int ifindex, const struct ip_addr *a)
{
	return dna_find(m, ifindex, a) != NULL;
}

static void dna_drop(struct mng *m, struct mng_dna *d)
{
	*d = m->dna[--m->n_dna];
}

/* Back on a known link: its care-of address at once, as the source of the
 * NS that asks the router whether this is still its link. */
static void dna_addr(struct mng *m, struct mng_if *f, const struct md_action *a)
{
	struct ip_prefix coa;
	char b[ADDR_STRLEN];

	iface_lladdr(m, f);
	if (m->n_dna >= MNG_MAX_DNA || md_coa(&a->prefix, f->lladdr, f->lllen, &coa) < 0 ||
	    dna_find(m, f->ifindex, &coa.addr))
		return;
	m->dna[m->n_dna].ifindex = f->ifindex;
	m->dna[m->n_dna++].addr = coa;
	if (m->ops->addr_add(m->k, f->ifindex, &coa, SYS_IFA_F_NODAD) < 0) {
		dna_drop(m, &m->dna[m->n_dna - 1]);
		return;
	}
	log_info("%s: known link? %s added, unconfirmed%s", f->name, fa(&coa.addr, b),
		 f->router_maclen ? "" : " (router's link-layer address unknown)");
}

static int dna_ns_send(struct mng *m, struct mng_if *f)
{
	const struct mng_dna *d = dna_find(m, f->ifindex, NULL);
	uint8_t buf[SYS_ND_MSG_MAX];
	char b[ADDR_STRLEN];
	int n;

	if (!d || m->nd_fd < 0)
		return 0;
	iface_lladdr(m, f);
	if (m->ll_fd >= 0 && f->router_maclen && addr_eq(&f->router_ll, &f->dna_router)) {
		/* To the remembered link-layer address, whole: leaves even
		 * before the kernel's IPv6 is ready on the link. */
		n = sys_llns_send(m->ll_fd, f->ifindex, f->router_mac, f->router_maclen,
				  &d->addr.addr.u.v6, &f->dna_router.u.v6, f->lladdr, f->lllen);
	} else {
		n = sys_nd_build_ns(buf, sizeof(buf), &f->dna_router.u.v6, f->lladdr, f->lllen);
		if (n >= 0)
			n = sys_icmp6_send(m->nd_fd, f->ifindex, &d->addr.addr, &f->dna_router,
					   buf, (size_t)n);
	}
	if (n < 0)
		return n;
	m->tx_probe++;
	f->ns_when_running = f->running;
	log_info("%s: back on a known link? NS to its router %s", f->name, fa(&f->dna_router, b));
	return 0;
}

static void dna_timer_fire(struct timer *t, void *arg)
{
	struct mng_if *f = arg;

	(void)t;
	if (dna_ns_send(f->m, f) < 0 && ++f->dna_retries < MNG_SEND_RETRIES)
		timer_arm_in(f->m->bul.tq, &f->dna_timer, MNG_SEND_RETRY_MS);
}

/* The NS waits until the link is running: sent before the kernel's IPv6
 * is ready on it, or before the router's side of the link transmits, it
 * left the router's neighbour entry INCOMPLETE with its solicitation
 * lost, and the next packets to the router (the BU) waited 1 s for the
 * kernel's retransmission (seen in the VM).  With the router's link-layer
 * address remembered, its entry is put back STALE first: nothing waits on
 * a solicitation, and the NS goes at once. */
static void dna_probe(struct mng *m, struct mng_if *f, const struct ip_addr *router)
{
	f->dna_router = *router;
	f->dna_retries = 0;
	if (f->router_maclen && addr_eq(&f->router_ll, router))
		f->neigh_set = sys_neigh_set_stale(m->nl, f->ifindex, router, f->router_mac,
						   f->router_maclen, 1) == 0;
	if ((f->running || f->neigh_set ||
	     (m->ll_fd >= 0 && f->router_maclen && addr_eq(&f->router_ll, router))) &&
	    dna_ns_send(m, f) < 0)
		timer_arm_in(m->bul.tq, &f->dna_timer, MNG_SEND_RETRY_MS);
}

static void dna_fail(struct mng *m, struct mng_if *f, const struct md_action *a)
{
	struct ip_prefix coa;
	struct mng_dna *d;

	if (!f || md_coa(&a->prefix, f->lladdr, f->lllen, &coa) < 0 ||
	    !(d = dna_find(m, f->ifindex, &coa.addr)))
		return;
	dna_drop(m, d);
	m->ops->addr_del(m->k, f->ifindex, &coa);
}

static void coa_add(struct mng *m, struct mng_if *f, const struct md_action *a)
{
	struct ip_prefix coa;
	struct mng_dna *d;
	char b[ADDR_STRLEN];
	bool nodad = m->conf->optimistic_handoff;
	int r;

	iface_lladdr(m, f);
	if (md_coa(&a->prefix, f->lladdr, f->lllen, &coa) < 0) {
		log_warn("%s: no interface identifier for prefix %s", f->name,
			 prefix_fmt(&a->prefix, b, sizeof(b)));
		return;
	}
	r = m->ops->addr_add(m->k, f->ifindex, &coa, nodad ? SYS_IFA_F_NODAD : 0);
	if (r < 0) {
		log_warn("%s: care-of address %s not added: %s", f->name, fa(&coa.addr, b),
			 strerror(-r));
		return;
	}
	m->coa_formed++;
	d = dna_find(m, f->ifindex, &coa.addr);
	log_info("%s: care-of address %s%s%s", f->name, fa(&coa.addr, b),
		 d && m->dna_by_na ? " on a known link, confirmed by its router" :
		 " formed from an RA",
		 nodad ? " (no DAD: OptimisticHandoff)" : ", DAD running");
	if (d)
		dna_drop(m, d);
	mng_cand_set(m, f->ifindex, f->pref, &coa, nodad, true, true);
}

static void coa_del(struct mng *m, struct mng_if *f, const struct md_action *a)
{
	size_t i;

	for (i = 0; i < m->n_cand; i++) {
		struct mng_cand *c = &m->cand[i];

		if (c->ifindex != a->ifindex || !c->ra || !prefix_contains(&a->prefix, &c->addr.addr))
			continue;
		if (m->ops->addr_del(m->k, c->ifindex, &c->addr) < 0)
			log_debug("%s: care-of address already gone", f ? f->name : "?");
		*c = m->cand[--m->n_cand];
		return;
	}
}

static void send_probe(struct mng *m, struct mng_if *f, const struct ip_addr *router)
{
	uint8_t buf[SYS_ND_MSG_MAX];
	int n;

	iface_lladdr(m, f);
	n = sys_nd_build_ns(buf, sizeof(buf), &router->u.v6, f->lladdr, f->lllen);
	if (n < 0 || sys_icmp6_send(m->nd_fd, f->ifindex, NULL, router, buf, (size_t)n) < 0)
		log_debug("%s: router probe not sent", f->name);
	else
		m->tx_probe++;
}

static void md_apply(struct mng *m, const struct md_actions *acts)
{
	char b[ADDR_STRLEN];
	size_t i;

	for (i = 0; i < acts->n; i++) {
		const struct md_action *a = &acts->a[i];
		struct mng_if *f = iface_of(m, a->ifindex);
		struct sys_route rt;
		int r;

		switch (a->type) {
		case MD_ROUTE_ADD:
		case MD_ROUTE_DEL:
			if (!f)
				break;
			default_via(m, a, f->pref, &rt);
			if (a->type == MD_ROUTE_ADD) {
				r = m->ops->route_add(m->k, &rt);
				log_info("%s: default router %s%s%s", f->name, fa(&a->router, b),
					 r < 0 ? ", route not added: " : "", r < 0 ? strerror(-r) : "");
			} else if (m->ops->route_del(m->k, &rt) == 0) {
				log_info("%s: default router %s gone", f->name, fa(&a->router, b));
			}
			break;
		case MD_COA_ADD:
			if (f)
				coa_add(m, f, a);
			break;
		case MD_COA_DEL:
			coa_del(m, f, a);
			break;
		case MD_HOME_ON:
			if (!f)
				break;
			m->home_cand.ifindex = a->ifindex;
			m->home_cand.pref = f->pref;
			m->home_cand.addr = m->hl->hoa;
			m->home_cand.usable = true;
			m->home_cand.ra = true;
			break;
		case MD_HOME_OFF:
			memset(&m->home_cand, 0, sizeof(m->home_cand));
			break;
		case MD_PROBE:
			if (f && m->nd_fd >= 0)
				send_probe(m, f, &a->router);
			break;
		case MD_DNA_ADDR:
			if (f)
				dna_addr(m, f, a);
			break;
		case MD_DNA_PROBE:
			if (f)
				dna_probe(m, f, &a->router);
			break;
		case MD_DNA_FAIL:
			dna_fail(m, f, a);
			break;
		}
	}
	md_timer_rearm(m);
}

static void md_timer_fire(struct timer *t, void *arg)
{
	struct mng *m = arg;
	struct md_actions acts;
	uint64_t lost = m->md.st.routers_lost;

	(void)t;
	acts.n = 0;
	md_tick(&m->md, timerq_now(m->bul.tq), &acts);
	if (m->md.st.routers_lost != lost)
		log_notice("movement: a router stopped advertising (no RA within its interval)");
	md_apply(m, &acts);
	mng_reselect(m);
}

static int rs_send(struct mng *m, struct mng_if *f)
{
	int r;

	if (m->nd_fd < 0 || m->raw_fd < 0 || !f->ifindex)
		return 0;
	iface_lladdr(m, f);
	r = sys_rs_send(m->nd_fd, m->raw_fd, f->ifindex, f->lladdr, f->lllen);
	if (r < 0) {
		log_debug("%s: Router Solicitation not sent: %s", f->name, strerror(-r));
		return r;
	}
	m->tx_rs++;
	return 0;
}

static void rs_timer_fire(struct timer *t, void *arg)
{
	struct mng_if *f = arg;

	(void)t;
	if (!f->rs_left || md_has_router(&f->m->md, f->ifindex))
		return;
	if (rs_send(f->m, f) < 0 && ++f->rs_retries < MNG_SEND_RETRIES) {
		timer_arm_in(f->m->bul.tq, &f->rs_timer, MNG_SEND_RETRY_MS);
		return;
	}
	f->rs_left--;
	if (f->rs_left)
		timer_arm_in(f->m->bul.tq, &f->rs_timer, MNG_RS_INTERVAL_MS);
}

/* RFC 4861 6.3.7 lets the first RS wait up to 1 s; a mobile node that
 * has just attached sends it at once (RFC 6275 11.5.1: movement
 * detection is the point). */
static void rs_start(struct mng *m, struct mng_if *f)
{
	f->rs_left = MNG_MAX_RS;
	f->rs_retries = 0;
	timer_arm_in(m->bul.tq, &f->rs_timer, 0);
}

void mng_link_up(struct mng *m, int ifindex)
{
	struct mng_if *f = iface_of(m, ifindex);

	struct md_actions acts;

	if (!f || f->up)
		return;
	f->up = true;
	log_info("%s: link up", f->name);
	kernel_autoconf_off(m, f);
	acts.n = 0;
	md_link_up(&m->md, ifindex, timerq_now(m->bul.tq), &acts);
	md_apply(m, &acts);
	rs_start(m, f);
}

#define MNG_IFF_LOWER_UP 0x10000        /* linux/if.h, not in glibc's net/if.h */

/* The kernel's IPv6 is ready on the link (IFF_RUNNING): the known link's
 * NS can go. */
static void link_running(struct mng *m, struct mng_if *f)
{
	f->running = true;
	if (!dna_find(m, f->ifindex, NULL) || f->ns_when_running)
		return;
	timer_cancel(&f->dna_timer);
	f->dna_retries = 0;
	if (dna_ns_send(m, f) < 0)
		timer_arm_in(m->bul.tq, &f->dna_timer, MNG_SEND_RETRY_MS);
}

void mng_link_flags(struct mng *m, int ifindex, uint32_t flags)
{
	struct mng_if *f;

	if (!(flags & IFF_UP) || !(flags & (IFF_RUNNING | MNG_IFF_LOWER_UP))) {
		mng_link_down(m, ifindex);
		return;
	}
	mng_link_up(m, ifindex);
	f = iface_of(m, ifindex);
	if (f && (flags & IFF_RUNNING) && !f->running)
		link_running(m, f);
}

void mnnd_forget(struct mng *m, int ifindex)
{
	struct mng_if *f = iface_of(m, ifindex);
	struct md_actions acts;

	if (f) {
		if (f->up)
			log_info("%s: link down", f->name);
		f->up = false;
		f->running = false;
		f->ns_when_running = false;
		f->neigh_set = false;
		f->rs_left = 0;
		timer_cancel(&f->rs_timer);
		timer_cancel(&f->dna_timer);
	}
	acts.n = 0;
	md_link_down(&m->md, ifindex, timerq_now(m->bul.tq), &acts);
	md_apply(m, &acts);
}

static bool is_router(const struct mng *m, int ifindex, const struct ip_addr *a)
{
	for (size_t i = 0; i < MD_MAX_ROUTERS; i++)
		if (m->md.r[i].used && m->md.r[i].ifindex == ifindex && addr_eq(&m->md.r[i].addr, a))
			return true;
	return false;
}

/* For this link's return (RFC 6059 keeps the routers' link-layer
 * addresses). */
static void router_lladdr(struct mng_if *f, const struct ip_addr *router, const uint8_t *ll,
			  size_t len)
{
	if (len > sizeof(f->router_mac))
		return;
	f->router_ll = *router;
	memcpy(f->router_mac, ll, len);
	f->router_maclen = len;
}

void mng_nd_input(struct mng *m, const uint8_t *buf, size_t len, const struct ip_addr *src,
		  int ifindex, int hoplimit)
{
	struct mng_if *f = iface_of(m, ifindex);
	struct md_actions acts;
	struct md_rx rx;
	struct nd_ra ra;
	char b[ADDR_STRLEN];
	int pr, r;

	if (len > 0 && buf[0] == SYS_ND_TYPE_NS) {
		struct sys_nd_msg ns;

		/* A router resolving our CoA tells its link-layer address. */
		if (f && hoplimit == 255 && sys_nd_parse(buf, len, &ns) == 0 && ns.lladdr_len &&
		    is_router(m, ifindex, src))
			router_lladdr(f, src, ns.lladdr, ns.lladdr_len);
		return;
	}
	if (len > 0 && buf[0] == SYS_ND_TYPE_NA) {
		struct sys_nd_msg na;
		struct ip_addr t;

		if (hoplimit == 255 && sys_nd_parse(buf, len, &na) == 0) {
			addr_from_v6(&t, &na.target);
			if (f && na.lladdr_len && (na.flags & SYS_ND_NA_ROUTER))
				router_lladdr(f, &t, na.lladdr, na.lladdr_len);
			acts.n = 0;
			md_na(&m->md, ifindex, &t, timerq_now(m->bul.tq), &acts);
			m->dna_by_na = true;
			md_apply(m, &acts);
			m->dna_by_na = false;
			if (acts.n)
				mng_reselect(m);
		}
		return;
	}
	memset(&rx, 0, sizeof(rx));
	rx.ifindex = ifindex;
	rx.configured = f != NULL;
	rx.src = *src;
	rx.hoplimit = hoplimit;
	pr = nd_ra_parse(&ra, buf, len);
	if (pr == -EPROTONOSUPPORT)
		return;
	acts.n = 0;
	r = md_ra(&m->md, &rx, pr, &ra, timerq_now(m->bul.tq), &acts);
	if (r == -EPERM || r == -EBADMSG)
		log_info("RA from %s on interface %d dropped: %s", fa(src, b), ifindex,
			 r == -EBADMSG ? "malformed" :
			 hoplimit != 255 ? "hop limit not 255" : "source not link-local");
	if (r < 0)
		return;
	if (f && md_has_router(&m->md, ifindex)) {
		f->rs_left = 0;
		timer_cancel(&f->rs_timer);
	}
	if (f && m->nl && !(f->router_maclen && addr_eq(&f->router_ll, src))) {
		uint8_t ll[sizeof(f->router_mac)];
		size_t lllen = sizeof(ll);

		/* Its RAs may carry no link-layer option: the kernel's entry
		 * (once it has resolved the router) gives it. */
		if (sys_neigh_lladdr(m->nl, ifindex, src, ll, &lllen) == 0)
			router_lladdr(f, src, ll, lllen);
	}
	md_apply(m, &acts);
	mng_reselect(m);
}

static void on_nd(struct ev_io *w, uint32_t revents, void *arg)
{
	struct mng *m = arg;
	uint8_t buf[1500];
	struct sys_icmp6_info info;
	int n;

	(void)revents;
	for (;;) {
		n = sys_icmp6_recv(w->fd, buf, sizeof(buf), &info);
		if (n == -EAGAIN)
			return;
		if (n < 0) {
			if (n != -EMSGSIZE)
				return;
			m->md.st.bad_format++;
			continue;
		}
		mng_nd_input(m, buf, (size_t)n, &info.src, info.ifindex, info.hoplimit);
	}
}

/* The kernel would form its own address from the same RA after DAD, and
 * add its own default route: mip6d does both while it runs.  Again at each
 * link up, for interfaces that appeared later (the first saved value
 * stays). */
static void kernel_autoconf_off(struct mng *m, struct mng_if *f)
{
	if (!m->sysctl_on)
		return;
	if (sys_sysctl_set_save(&m->sysctl, SYS_SYSCTL_CONF, f->name, "autoconf", 0) < 0 ||
	    sys_sysctl_set_save(&m->sysctl, SYS_SYSCTL_CONF, f->name, "accept_ra_defrtr", 0) < 0)
		log_debug("%s: autoconf settings not changed", f->name);
}

static bool link_is_running(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return false;
	return (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
}

int mng_nd_start(struct mng *m, struct ev_loop *loop, struct nl_sock *nl)
{
	static const uint8_t types[] = { SYS_ND_TYPE_RA, SYS_ND_TYPE_NS, SYS_ND_TYPE_NA };
	size_t i;
	int r;

	m->nl = nl;
	sys_sysctl_saved_init(&m->sysctl, NULL);
	m->sysctl_on = true;
	for (i = 0; i < m->n_ifs; i++)
		kernel_autoconf_off(m, &m->ifs[i]);
	r = sys_icmp6_open(&m->nd_fd, types, sizeof(types));
	if (r < 0) {
		log_err("Router Advertisement socket: %s", strerror(-r));
		return r;
	}
	m->raw_fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_RAW);
	if (m->raw_fd < 0)
		log_warn("raw socket for solicitations from ::: %s", strerror(errno));
	if (m->conf->optimistic_handoff && sys_llns_open(&m->ll_fd) < 0)
		log_info("no packet socket: a known link is checked once the kernel reports it running");
	ev_io_init(&m->nd_io, m->nd_fd, on_nd, m);
	r = ev_io_start(loop, &m->nd_io, EV_READ);
	if (r < 0)
		return r;
	for (i = 0; i < m->n_ifs; i++) {
		int ifindex;

		if (sys_link_index(nl, m->ifs[i].name, &ifindex) < 0)
			continue;
		m->ifs[i].ifindex = ifindex;
		if (link_is_running(m->nd_fd, m->ifs[i].name)) {
			m->ifs[i].up = true;
			m->ifs[i].running = true;
			rs_start(m, &m->ifs[i]);
		}
	}
	return 0;
}

void mnnd_stop(struct mng *m)
{
	size_t i;

	for (i = 0; i < MD_MAX_ROUTERS; i++) {
		const struct md_router *r = &m->md.r[i];
		struct md_action a;
		struct mng_if *f;
		struct sys_route rt;

		if (!r->used || !r->is_default || !(f = iface_of(m, r->ifindex)))
			continue;
		memset(&a, 0, sizeof(a));
		a.ifindex = r->ifindex;
		a.router = r->addr;
		default_via(m, &a, f->pref, &rt);
		m->ops->route_del(m->k, &rt);
	}
	for (i = 0; i < m->n_ifs; i++) {
		timer_cancel(&m->ifs[i].rs_timer);
		timer_cancel(&m->ifs[i].dna_timer);
	}
	timer_cancel(&m->md_timer);
	ev_io_stop(&m->nd_io);
	if (m->nd_fd >= 0)
		close(m->nd_fd);
	if (m->raw_fd >= 0)
		close(m->raw_fd);
	if (m->ll_fd >= 0)
		close(m->ll_fd);
	m->nd_fd = m->raw_fd = m->ll_fd = -1;
	if (m->sysctl_on)
		sys_sysctl_restore(&m->sysctl);
	m->sysctl_on = false;
}
