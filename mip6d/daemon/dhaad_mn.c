/* DHAAD on the MN: see dhaad_mn.h. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/log.h"
#include "mip6d/daemon/dhaad_mn.h"
#include "mip6d/sys/icmp6.h"

#define DHAAD_BUF 1280

static const struct dhaad_mn_cand *best(const struct dhaad_mn *m)
{
	const struct dhaad_mn_cand *b = NULL;

	for (size_t i = 0; i < m->n_cand; i++) {
		const struct dhaad_mn_cand *c = &m->cand[i];

		if (c->pref == 0 && !m->use_all)
			continue;
		if (!b || (c->pref ? c->pref : 100) < (b->pref ? b->pref : 100))
			b = c;
	}
	return b;
}

static void send_request(struct dhaad_mn *m)
{
	struct mip_icmp q;
	uint8_t out[64];
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int r;

	if (getrandom(&m->id, sizeof(m->id), 0) != (ssize_t)sizeof(m->id))
		m->id = (uint16_t)(m->id * 31u + 7u);
	memset(&q, 0, sizeof(q));
	q.type = ICMP6_DHAAD_REQUEST;
	q.id = m->id;
	q.flags = m->mr ? DHAAD_F_R : 0;
	r = mip_icmp_build(&q, &m->coa.u.v6, &m->anycast.u.v6, out, sizeof(out));
	if (r > 0)
		r = sys_icmp6_send(m->fd, m->coa_ifindex, &m->coa, &m->anycast, out, (size_t)r);
	if (r < 0)
		log_warn("DHAAD Request from %s not sent: %s", addr_fmt(&m->coa, b1, sizeof(b1)),
			 strerror(-r));
	else
		log_info("DHAAD Request id %u from %s to %s", m->id,
			 addr_fmt(&m->coa, b1, sizeof(b1)), addr_fmt(&m->anycast, b2, sizeof(b2)));
	m->st.tx_request++;
	timer_arm_in(ev_loop_timers(m->loop), &m->timer, dhaad_timeout_ms(m->tries));
	if (m->tries == DHAAD_RETRIES)
		log_warn("DHAAD: no reply after %u requests, going on every %u s", DHAAD_RETRIES + 1,
			 dhaad_timeout_ms(m->tries) / 1000u);
	m->tries++;
}

static void on_timer(struct timer *t, void *arg)
{
	struct dhaad_mn *m = arg;

	(void)t;
	if (!m->done && m->coa.family == AF_INET6)
		send_request(m);
}

static void on_icmp(struct ev_io *w, uint32_t revents, void *arg)
{
	struct dhaad_mn *m = arg;
	uint8_t buf[DHAAD_BUF];
	struct sys_icmp6_info in;
	struct ip_addr ha;
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
			m->st.bad_msg++;
			continue;
		}
		if (m->done || m->coa.family != AF_INET6)
			continue;
		if (!addr_eq(&in.dst, &m->coa)) {
			/* Not an answer to our request: it went to the CoA. */
			m->st.bad_dst++;
			continue;
		}
		r = dhaad_take_reply(buf, (size_t)n, m->id, &ha, &m->st);
		if (r < 0) {
			log_debug("DHAAD: message from %s dropped: %s",
				  addr_fmt(&in.src, b1, sizeof(b1)), strerror(-r));
			continue;
		}
		m->done = true;
		timer_cancel(&m->timer);
		log_notice("DHAAD: home agent %s (reply from %s)", addr_fmt(&ha, b1, sizeof(b1)),
			   addr_fmt(&in.src, b2, sizeof(b2)));
		m->found(m->arg, &ha);
		return;         /* the daemon may have stopped us */
	}
}

int dhaad_mn_start(struct dhaad_mn *m, struct ev_loop *loop, const struct mip6_conf *conf,
		   const struct conf_home_link *hl, dhaad_found_fn *found, void *arg)
{
	static const uint8_t types[] = { ICMP6_DHAAD_REPLY };
	int r;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->loop = loop;
	m->hl = hl;
	m->use_all = conf->mn_use_all_interfaces;
	m->mr = hl->is_mob_rtr;
	m->found = found;
	m->arg = arg;
	timer_init(&m->timer, on_timer, m);
	r = ha_anycast(&hl->home_prefix, &m->anycast);
	if (r < 0)
		return r;
	r = sys_icmp6_open(&m->fd, types, sizeof(types));
	if (r < 0)
		return r;
	ev_io_init(&m->io, m->fd, on_icmp, m);
	r = ev_io_start(loop, &m->io, EV_READ);
	if (r < 0)
		dhaad_mn_stop(m);
	return r;
}

void dhaad_mn_stop(struct dhaad_mn *m)
{
	timer_cancel(&m->timer);
	ev_io_stop(&m->io);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

void dhaad_mn_addr(struct dhaad_mn *m, int ifindex, unsigned pref, const struct ip_prefix *a,
		   bool usable, bool add)
{
	size_t i;

	for (i = 0; i < m->n_cand; i++)
		if (m->cand[i].ifindex == ifindex && addr_eq(&m->cand[i].addr, &a->addr))
			break;
	if (i < m->n_cand)
		m->cand[i] = m->cand[--m->n_cand];
	/* Only usable addresses outside home: a request needs a care-of address. */
	if (!add || !usable || a->addr.family != AF_INET6 ||
	    prefix_contains(&m->hl->home_prefix, &a->addr) || m->n_cand >= DHAAD_MN_CAND)
		return;
	m->cand[m->n_cand++] = (struct dhaad_mn_cand){ ifindex, pref, a->addr };
}

void dhaad_mn_link_down(struct dhaad_mn *m, int ifindex)
{
	size_t i = 0;

	while (i < m->n_cand)
		if (m->cand[i].ifindex == ifindex)
			m->cand[i] = m->cand[--m->n_cand];
		else
			i++;
}

void dhaad_mn_reselect(struct dhaad_mn *m)
{
	const struct dhaad_mn_cand *c = best(m);

	if (m->done)
		return;
	if (!c) {
		/* Home, or no address yet: nothing to ask from. */
		timer_cancel(&m->timer);
		addr_any(&m->coa, AF_UNSPEC);
		return;
	}
	if (m->coa.family == AF_INET6 && addr_eq(&m->coa, &c->addr))
		return;
	m->coa = c->addr;
	m->coa_ifindex = c->ifindex;
	m->tries = 0;
	send_request(m);
}
