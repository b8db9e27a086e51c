/* DHAAD and MPS/MPA on the HA: see dhaad_ha.h. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "mip6d/daemon/dhaad_ha.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/icmp6.h"

#define DHAAD_BUF 1280

static int add_home(const struct sys_addr *a, void *arg)
{
	struct dhaad_ha *h = arg;
	struct dhaad_home *hm;

	if (a->scope != 0 || a->pfx.addr.family != AF_INET6 || h->n_homes >= DHAAD_HA_HOMES ||
	    a->pfx.len > 120)
		return 0;
	hm = &h->homes[h->n_homes];
	if (dhaad_home_of(hm, &a->pfx, a->valid_lft, a->preferred_lft) < 0)
		return 0;
	h->n_homes++;
	halist_add_self(&h->hal, &a->pfx.addr);
	return 0;
}

static int anycast(int fd, int ifindex, const struct ip_addr *a, bool join)
{
	struct ipv6_mreq mr;

	memset(&mr, 0, sizeof(mr));
	mr.ipv6mr_multiaddr = a->u.v6;
	mr.ipv6mr_interface = (unsigned)ifindex;
	if (setsockopt(fd, IPPROTO_IPV6, join ? IPV6_JOIN_ANYCAST : IPV6_LEAVE_ANYCAST, &mr,
		       sizeof(mr)) < 0)
		return -errno;
	return 0;
}

static void on_ra(struct dhaad_ha *h, const uint8_t *buf, size_t len,
		  const struct sys_icmp6_info *in)
{
	struct nd_ra ra;
	char b[ADDR_STRLEN];
	size_t n = h->hal.n;

	/* RFC 4861 6.1.2: hop limit 255, from the home link itself. */
	if (in->ifindex != h->ifindex || in->hoplimit != 255 || nd_ra_parse(&ra, buf, len) < 0) {
		h->hst.ra_bad++;
		return;
	}
	if (halist_ra(&h->hal, &in->src, &ra, ev_loop_now(h->loop), &h->hst) == 0 &&
	    h->hal.n != n)
		log_info("home agents list: %s from %s (%zu entries)",
			 h->hal.n > n ? "added" : "removed", addr_fmt(&in->src, b, sizeof(b)),
			 h->hal.n);
}

static void on_icmp(struct ev_io *w, uint32_t revents, void *arg)
{
	struct dhaad_ha *h = arg;
	uint8_t buf[DHAAD_BUF], out[DHAAD_BUF];
	struct sys_icmp6_info in;
	struct mip_icmp rep;
	struct ip_addr rsrc, rdst;
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int n, r;

	(void)revents;
	for (;;) {
		n = sys_icmp6_recv(w->fd, buf, sizeof(buf), &in);
		if (n == -EAGAIN)
			return;
		if (n < 0) {
			if (n != -EMSGSIZE)
				return;
			h->st.bad_msg++;
			continue;
		}
		if (n > 0 && buf[0] == ND_RA_TYPE) {
			on_ra(h, buf, (size_t)n, &in);
			continue;
		}
		halist_expire(&h->hal, ev_loop_now(h->loop));
		r = dhaad_answer(buf, (size_t)n, &in.src, &in.dst, &h->hal, h->homes, h->n_homes,
				 h->conf->ha_accept_mob_rtr, ev_loop_now(h->loop), &rep, &rsrc,
				 &rdst, &h->st);
		if (r < 0) {
			log_debug("ICMPv6 type %u from %s dropped: %s", buf[0],
				  addr_fmt(&in.src, b1, sizeof(b1)), strerror(-r));
			continue;
		}
		r = mip_icmp_build(&rep, &rsrc.u.v6, &rdst.u.v6, out, sizeof(out));
		if (r > 0)
			r = sys_icmp6_send(w->fd, 0, &rsrc, &rdst, out, (size_t)r);
		if (r < 0)
			log_warn("%s to %s not sent: %s",
				 rep.type == ICMP6_MPA ? "Mobile Prefix Advertisement" : "DHAAD Reply",
				 addr_fmt(&rdst, b1, sizeof(b1)), strerror(-r));
		else
			log_info("%s to %s from %s (%u home agents)",
				 rep.type == ICMP6_MPA ? "Mobile Prefix Advertisement" : "DHAAD Reply",
				 addr_fmt(&rdst, b1, sizeof(b1)), addr_fmt(&rsrc, b2, sizeof(b2)),
				 rep.type == ICMP6_MPA ? 0u : rep.n_addr);
	}
}

int dhaad_ha_start(struct dhaad_ha *h, struct ev_loop *loop, struct nl_sock *nl, int ifindex,
		   const struct mip6_conf *conf)
{
	static const uint8_t types[] = { ND_RA_TYPE, ICMP6_DHAAD_REQUEST, ICMP6_MPS };
	char b[ADDR_STRLEN];
	int r;

	memset(h, 0, sizeof(*h));
	h->fd = -1;
	h->loop = loop;
	h->ifindex = ifindex;
	h->conf = conf;
	halist_init(&h->hal);
	r = sys_addr_list(nl, ifindex, AF_INET6, add_home, h);
	if (r < 0 || !h->n_homes) {
		log_warn("DHAAD: no global address on the home link");
		return r < 0 ? r : -EADDRNOTAVAIL;
	}
	r = sys_icmp6_open(&h->fd, types, sizeof(types));
	if (r < 0) {
		log_warn("DHAAD: ICMPv6 socket: %s", strerror(-r));
		return r;
	}
	for (size_t i = 0; i < h->n_homes; i++) {
		r = anycast(h->fd, ifindex, &h->homes[i].anycast, true);
		if (r < 0 && r != -EADDRINUSE)
			log_warn("DHAAD: cannot join %s: %s",
				 addr_fmt(&h->homes[i].anycast, b, sizeof(b)), strerror(-r));
		else
			log_info("DHAAD: answering on %s",
				 addr_fmt(&h->homes[i].anycast, b, sizeof(b)));
	}
	ev_io_init(&h->io, h->fd, on_icmp, h);
	r = ev_io_start(loop, &h->io, EV_READ);
	if (r < 0) {
		dhaad_ha_stop(h);
		return r;
	}
	return 0;
}

void dhaad_ha_stop(struct dhaad_ha *h)
{
	ev_io_stop(&h->io);
	if (h->fd >= 0)
		close(h->fd);       /* leaves the anycast addresses */
	h->fd = -1;
}
