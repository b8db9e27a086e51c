/* Benchmark: XFRM_MSG_MIGRATE messages per second, each sent with KMADDRESS
 * and acknowledged by the kernel, with N policies installed (default 10,000,
 * shaped like a home agent's per-MN tunnel policies: HoA/128 -> ::/0).
 * A listener subscribed to the MIGRATE group drains the notifications.
 * Run it in a throwaway namespace: test/bench/libxfrm_migrate.sh.
 *
 *   libxfrm_migrate [-n POLICIES] [-t SECONDS] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libxfrm/xfrm.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void tunnel_policy(struct ipsec_policy *p, unsigned i, const struct ip_addr *coa, const struct ip_addr *ha)
{
	memset(p, 0, sizeof(*p));
	/* HoA i: 2001:db8:ffff::/64 with i + 2 in the last 32 bits. */
	addr_parse(&p->sel.src.addr, "2001:db8:ffff::");
	p->sel.src.addr.u.bytes[12] = (uint8_t)((i + 2) >> 24);
	p->sel.src.addr.u.bytes[13] = (uint8_t)((i + 2) >> 16);
	p->sel.src.addr.u.bytes[14] = (uint8_t)((i + 2) >> 8);
	p->sel.src.addr.u.bytes[15] = (uint8_t)(i + 2);
	p->sel.src.len = 128;
	addr_any(&p->sel.dst.addr, AF_INET6);
	p->sel.dst.len = 0;
	p->sel.proto = IPSEC_ULPROTO_ANY;
	p->dir = IPSEC_DIR_IN;
	p->action = IPSEC_ACTION_IPSEC;
	p->priority = 5;
	p->ntmpl = 1;
	p->tmpl[0].proto = IPSEC_PROTO_ESP;
	p->tmpl[0].mode = IPSEC_MODE_TUNNEL;
	p->tmpl[0].src = *coa;
	p->tmpl[0].dst = *ha;
	p->tmpl[0].reqid = i + 1;
}

static void count_event(const struct xfrm_event *ev, void *arg)
{
	unsigned long *n = arg;

	if (ev->type == XFRM_EV_MIGRATE)
		(*n)++;
}

int main(int argc, char **argv)
{
	unsigned npol = 10000, i;
	double secs = 5, t0, t1;
	struct xfrm_handle *h, *lh;
	struct ip_addr ha, coa[2];
	struct ipsec_policy p;
	struct ipsec_migrate_msg m;
	unsigned long sent = 0, received = 0;
	int opt, rc;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		if (opt == 'n')
			npol = (unsigned)strtoul(optarg, NULL, 0);
		else if (opt == 't')
			secs = strtod(optarg, NULL);
		else {
			fprintf(stderr, "usage: %s [-n POLICIES] [-t SECONDS]\n", argv[0]);
			return 2;
		}
	}
	if (npol == 0)
		npol = 1;
	addr_parse(&ha, "2001:db8:ffff::1000");
	addr_parse(&coa[0], "2001:db8:1::5");
	addr_parse(&coa[1], "2001:db8:2::5");
	h = xfrm_open();
	lh = xfrm_open();
	if (!h || !lh || xfrm_events_subscribe(lh, XFRM_EVGRP_MIGRATE) < 0) {
		perror("xfrm_open");
		return 1;
	}

	t0 = now();
	for (i = 0; i < npol; i++) {
		tunnel_policy(&p, i, &coa[0], &ha);
		rc = xfrm_policy_add(h, &p);
		if (rc < 0) {
			fprintf(stderr, "%s\n", xfrm_last_error(h));
			return 1;
		}
	}
	t1 = now();
	printf("policies installed: %u in %.3f s (%.0f/s)\n", npol, t1 - t0, npol / (t1 - t0));

	/* Move the last MN's tunnel back and forth between its two CoAs. */
	memset(&m, 0, sizeof(m));
	tunnel_policy(&p, npol - 1, &coa[0], &ha);
	m.sel = p.sel;
	m.dir = p.dir;
	m.nentries = 1;
	m.entries[0].proto = IPSEC_PROTO_ESP;
	m.entries[0].mode = IPSEC_MODE_TUNNEL;
	m.entries[0].reqid = npol;
	m.has_kmaddress = true;
	m.kmaddress.local = ha;
	t0 = now();
	do {
		unsigned from = sent & 1;

		m.entries[0].old_src = coa[from];
		m.entries[0].old_dst = ha;
		m.entries[0].new_src = coa[!from];
		m.entries[0].new_dst = ha;
		m.kmaddress.remote = coa[!from];
		rc = xfrm_migrate(h, &m);
		if (rc < 0) {
			fprintf(stderr, "%s\n", xfrm_last_error(h));
			return 1;
		}
		sent++;
		if ((sent & 63) == 0 && xfrm_events_read(lh, count_event, &received, NULL) < 0)
			fprintf(stderr, "listener: %s\n", xfrm_last_error(lh));
		t1 = now();
	} while (t1 - t0 < secs);
	usleep(100000);
	if (xfrm_events_read(lh, count_event, &received, NULL) < 0)
		fprintf(stderr, "listener: %s\n", xfrm_last_error(lh));
	printf("MIGRATE sent and acknowledged: %lu in %.3f s: %.0f/s (%.1f us each), %u policies installed\n",
	       sent, t1 - t0, sent / (t1 - t0), 1e6 * (t1 - t0) / sent, npol);
	printf("MIGRATE notifications received by a listener: %lu\n", received);

	t0 = now();
	rc = xfrm_policy_flush(h, IPSEC_POLICY_MAIN);
	printf("flush: %s in %.3f s\n", rc == 0 ? "ok" : xfrm_last_error(h), now() - t0);
	xfrm_close(lh);
	xfrm_close(h);
	return rc < 0;
}
