/* Test driver for libxfrm: one subcommand per library call, with an
 * ip-xfrm-like syntax, printing objects and events one per line so that the
 * netns and vm scripts can compare them.
 *
 *   policy add|update|get|delete SEL dir D [ptype main|sub] [priority N]
 *          [index N] [action allow|block] [tmpl TMPL]...
 *   policy dump | policy flush [main|sub]
 *   state add|update SA | state get|delete src A dst A proto P spi N
 *   state allocspi src A dst A proto P [mode M] [reqid N] [seq N] [min N max N]
 *   state dump | state flush [PROTO]
 *   migrate SEL dir D [ptype T] [km LOCAL REMOTE]
 *           m OLDSRC OLDDST NEWSRC NEWDST proto P mode M [reqid N] ...
 *   listen COUNT SECONDS [READYFILE]
 *
 *   SEL:  src PREFIX dst PREFIX [proto N] [type MH] [sport N] [dport N] [dev-index N]
 *   TMPL: [src A dst A] proto P mode M [reqid N] [spi N] [level required|use]
 *   SA:   src A dst A proto P spi N [mode M] [reqid N] [seq N] [replay N] [flags N]
 *         [enc NAME HEX] [auth NAME HEX] [auth-trunc NAME HEX BITS]
 *         [aead NAME HEX ICVBITS] [comp NAME] [coa A] [sel SEL]
 *         [soft|hard-bytes|packets|add|use N]
 * An old endpoint of "-" in a migrate entry means none (transport mode). */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libxfrm/xfrm.h"

static int argc_, pos;
static char **argv_;

static void usage(const char *why)
{
	fprintf(stderr, "xfrm_driver: %s\n", why);
	exit(2);
}

static const char *peek(void) { return pos < argc_ ? argv_[pos] : NULL; }

static const char *next(void)
{
	if (pos >= argc_)
		usage("missing argument");
	return argv_[pos++];
}

static bool kw(const char *kw)
{
	if (peek() && strcmp(peek(), kw) == 0) {
		pos++;
		return true;
	}
	return false;
}

static unsigned long num(void)
{
	const char *s = next();
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s == '\0' || *end)
		usage("bad number");
	return v;
}

static void addr(struct ip_addr *a)
{
	const char *s = next();

	if (strcmp(s, "-") == 0)
		memset(a, 0, sizeof(*a));
	else if (addr_parse(a, s) < 0)
		usage("bad address");
}

static enum ipsec_proto proto_arg(void)
{
	const char *s = next();
	enum ipsec_proto p;

	if (strcmp(s, "comp") == 0)
		return IPSEC_PROTO_IPCOMP;
	if (strcmp(s, "route2") == 0 || strcmp(s, "rh") == 0)
		return IPSEC_PROTO_ROUTING;
	if (ipsec_proto_parse(s, &p) < 0)
		usage("bad protocol");
	return p;
}

static enum ipsec_mode mode_arg(void)
{
	enum ipsec_mode m;

	if (ipsec_mode_parse(next(), &m) < 0)
		usage("bad mode");
	return m;
}

/* Selector keywords, up to the first word that is not one. */
static void sel_args(struct ipsec_selector *s)
{
	memset(s, 0, sizeof(*s));
	s->proto = IPSEC_ULPROTO_ANY;
	for (;;) {
		if (kw("src")) {
			if (prefix_parse(&s->src, next()) < 0)
				usage("bad src prefix");
		} else if (kw("dst")) {
			if (prefix_parse(&s->dst, next()) < 0)
				usage("bad dst prefix");
		} else if (kw("proto")) {
			s->proto = (uint8_t)num();
		} else if (kw("type")) {
			s->has_mh_type = true;
			s->mh_type = (uint8_t)num();
		} else if (kw("sport")) {
			s->sport = (uint16_t)num();
		} else if (kw("dport")) {
			s->dport = (uint16_t)num();
		} else if (kw("dev-index")) {
			s->ifindex = (int)num();
		} else {
			return;
		}
	}
}

static void tmpl_args(struct ipsec_template *t)
{
	memset(t, 0, sizeof(*t));
	t->mode = IPSEC_MODE_TRANSPORT;
	for (;;) {
		if (kw("src"))
			addr(&t->src);
		else if (kw("dst"))
			addr(&t->dst);
		else if (kw("proto"))
			t->proto = proto_arg();
		else if (kw("mode"))
			t->mode = mode_arg();
		else if (kw("reqid"))
			t->reqid = (uint32_t)num();
		else if (kw("spi"))
			t->spi = (uint32_t)num();
		else if (kw("level")) {
			const char *l = next();

			t->level = strcmp(l, "use") == 0 ? IPSEC_LEVEL_USE : IPSEC_LEVEL_REQUIRE;
		} else
			return;
	}
}

static void policy_args(struct ipsec_policy *p)
{
	memset(p, 0, sizeof(*p));
	sel_args(&p->sel);
	p->dir = IPSEC_DIR_OUT;
	p->action = IPSEC_ACTION_NONE;
	while (peek()) {
		if (kw("dir")) {
			if (ipsec_dir_parse(next(), &p->dir) < 0)
				usage("bad dir");
		} else if (kw("ptype")) {
			p->type = strcmp(next(), "sub") == 0 ? IPSEC_POLICY_SUB : IPSEC_POLICY_MAIN;
		} else if (kw("priority")) {
			p->priority = (uint32_t)num();
		} else if (kw("index")) {
			p->index = (uint32_t)num();
		} else if (kw("action")) {
			p->action = strcmp(next(), "block") == 0 ? IPSEC_ACTION_DISCARD : IPSEC_ACTION_NONE;
		} else if (kw("tmpl")) {
			if (p->ntmpl == IPSEC_MAX_TEMPLATES)
				usage("too many templates");
			tmpl_args(&p->tmpl[p->ntmpl++]);
			if (p->action == IPSEC_ACTION_NONE)
				p->action = IPSEC_ACTION_IPSEC;
		} else {
			usage("unknown policy keyword");
		}
	}
}

static int hexkey(struct ipsec_alg *a, const char *name, const char *hex)
{
	size_t n = strlen(hex), i;

	if (strncmp(hex, "0x", 2) == 0) {
		hex += 2;
		n -= 2;
	}
	if (n % 2 || n / 2 > IPSEC_MAX_KEY || strlen(name) >= sizeof(a->name))
		usage("bad key");
	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	for (i = 0; i < n / 2; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			usage("bad key");
		a->key[i] = (uint8_t)v;
	}
	a->key_bits = (uint16_t)(8 * (n / 2));
	return 0;
}

static void sa_args(struct ipsec_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->mode = IPSEC_MODE_TRANSPORT;
	while (peek()) {
		if (kw("src"))
			addr(&sa->src);
		else if (kw("dst"))
			addr(&sa->dst);
		else if (kw("proto"))
			sa->proto = proto_arg();
		else if (kw("spi"))
			sa->spi = (uint32_t)num();
		else if (kw("mode"))
			sa->mode = mode_arg();
		else if (kw("reqid"))
			sa->reqid = (uint32_t)num();
		else if (kw("seq"))
			sa->seq = (uint32_t)num();
		else if (kw("replay"))
			sa->replay_window = (uint8_t)num();
		else if (kw("flags"))
			sa->flags = (uint32_t)num();
		else if (kw("enc")) {
			const char *n = next();

			sa->has_enc = !hexkey(&sa->enc, n, next());
		} else if (kw("auth")) {
			const char *n = next();

			sa->has_auth = !hexkey(&sa->auth, n, next());
		} else if (kw("auth-trunc")) {
			const char *n = next();

			sa->has_auth = !hexkey(&sa->auth, n, next());
			sa->auth.icv_bits = (uint16_t)num();
		} else if (kw("aead")) {
			const char *n = next();

			sa->has_aead = !hexkey(&sa->aead, n, next());
			sa->aead.icv_bits = (uint16_t)num();
		} else if (kw("comp")) {
			sa->has_comp = !hexkey(&sa->comp, next(), "");
		} else if (kw("coa"))
			addr(&sa->coaddr);
		else if (kw("sel"))
			sel_args(&sa->sel);
		else if (kw("soft-bytes"))
			sa->soft.bytes = num();
		else if (kw("hard-bytes"))
			sa->hard.bytes = num();
		else if (kw("soft-packets"))
			sa->soft.packets = num();
		else if (kw("hard-packets"))
			sa->hard.packets = num();
		else if (kw("soft-add"))
			sa->soft.add_seconds = num();
		else if (kw("hard-add"))
			sa->hard.add_seconds = num();
		else if (kw("soft-use"))
			sa->soft.use_seconds = num();
		else if (kw("hard-use"))
			sa->hard.use_seconds = num();
		else
			usage("unknown state keyword");
	}
}

static void print_sel(const struct ipsec_selector *s)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	printf("src %s dst %s", prefix_fmt(&s->src, a, sizeof(a)), prefix_fmt(&s->dst, b, sizeof(b)));
	if (s->proto != IPSEC_ULPROTO_ANY)
		printf(" proto %u", s->proto);
	if (s->has_mh_type)
		printf(" type %u", s->mh_type);
	if (s->sport)
		printf(" sport %u", s->sport);
	if (s->dport)
		printf(" dport %u", s->dport);
	if (s->ifindex)
		printf(" dev-index %d", s->ifindex);
}

static void print_tmpl(const struct ipsec_template *t)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	printf(" tmpl");
	if (t->src.family != AF_UNSPEC || t->dst.family != AF_UNSPEC)
		printf(" src %s dst %s", addr_fmt(&t->src, a, sizeof(a)), addr_fmt(&t->dst, b, sizeof(b)));
	printf(" proto %s mode %s reqid %u", ipsec_proto_name(t->proto), ipsec_mode_name(t->mode), t->reqid);
	if (t->spi)
		printf(" spi 0x%x", t->spi);
	printf(" level %s", t->level == IPSEC_LEVEL_USE ? "use" : "required");
}

static void print_policy(const struct ipsec_policy *p)
{
	unsigned i;

	printf("policy ");
	print_sel(&p->sel);
	printf(" dir %s ptype %s priority %u action %s", ipsec_dir_name(p->dir),
	       p->type == IPSEC_POLICY_SUB ? "sub" : "main", p->priority, ipsec_action_name(p->action));
	for (i = 0; i < p->ntmpl; i++)
		print_tmpl(&p->tmpl[i]);
	printf("\n");
}

static void print_alg(const char *kw, const struct ipsec_alg *a)
{
	unsigned i;

	printf(" %s %s 0x", kw, a->name);
	for (i = 0; i < (a->key_bits + 7u) / 8u; i++)
		printf("%02x", a->key[i]);
	if (a->icv_bits)
		printf(" %u", a->icv_bits);
}

static void print_sa(const struct ipsec_sa *sa)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	printf("state src %s dst %s proto %s spi 0x%08x mode %s reqid %u replay %u flags %u",
	       addr_fmt(&sa->src, a, sizeof(a)), addr_fmt(&sa->dst, b, sizeof(b)), ipsec_proto_name(sa->proto),
	       sa->spi, ipsec_mode_name(sa->mode), sa->reqid, sa->replay_window, sa->flags);
	if (sa->has_aead)
		print_alg("aead", &sa->aead);
	if (sa->has_enc)
		print_alg("enc", &sa->enc);
	if (sa->has_auth)
		print_alg(sa->auth.icv_bits ? "auth-trunc" : "auth", &sa->auth);
	if (sa->has_comp)
		printf(" comp %s", sa->comp.name);
	if (sa->coaddr.family != AF_UNSPEC)
		printf(" coa %s", addr_fmt(&sa->coaddr, a, sizeof(a)));
	printf(" soft %" PRIu64 "/%" PRIu64 "/%" PRIu64 "/%" PRIu64, sa->soft.bytes, sa->soft.packets,
	       sa->soft.add_seconds, sa->soft.use_seconds);
	printf(" hard %" PRIu64 "/%" PRIu64 "/%" PRIu64 "/%" PRIu64, sa->hard.bytes, sa->hard.packets,
	       sa->hard.add_seconds, sa->hard.use_seconds);
	printf(" cur %" PRIu64 "/%" PRIu64, sa->cur.bytes, sa->cur.packets);
	if (sa->sel.src.addr.family != AF_UNSPEC) {
		printf(" sel ");
		print_sel(&sa->sel);
	}
	printf("\n");
}

static void print_migrate(const struct ipsec_migrate_msg *m)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], c[ADDR_STRLEN], d[ADDR_STRLEN];
	unsigned i;

	printf("migrate ");
	print_sel(&m->sel);
	printf(" dir %s ptype %s", ipsec_dir_name(m->dir), m->type == IPSEC_POLICY_SUB ? "sub" : "main");
	if (m->has_kmaddress)
		printf(" km %s %s", addr_fmt(&m->kmaddress.local, a, sizeof(a)),
		       addr_fmt(&m->kmaddress.remote, b, sizeof(b)));
	for (i = 0; i < m->nentries; i++) {
		const struct ipsec_migrate *e = &m->entries[i];

		printf(" m %s %s %s %s proto %s mode %s reqid %u",
		       e->old_src.family ? addr_fmt(&e->old_src, a, sizeof(a)) : "-",
		       e->old_dst.family ? addr_fmt(&e->old_dst, b, sizeof(b)) : "-",
		       addr_fmt(&e->new_src, c, sizeof(c)), addr_fmt(&e->new_dst, d, sizeof(d)),
		       ipsec_proto_name(e->proto), ipsec_mode_name(e->mode), e->reqid);
	}
	printf("\n");
}

static void print_event(const struct xfrm_event *ev, void *arg)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];
	unsigned *count = arg;

	(*count)++;
	switch (ev->type) {
	case XFRM_EV_ACQUIRE:
		printf("acquire proto %s src %s dst %s mode %s reqid %u flow ", ipsec_proto_name(ev->u.acquire.proto),
		       addr_fmt(&ev->u.acquire.src, a, sizeof(a)), addr_fmt(&ev->u.acquire.dst, b, sizeof(b)),
		       ipsec_mode_name(ev->u.acquire.mode), ev->u.acquire.reqid);
		print_sel(&ev->u.acquire.flow);
		printf(" | ");
		print_policy(&ev->u.acquire.policy);
		break;
	case XFRM_EV_EXPIRE:
	case XFRM_EV_NEWSA:
	case XFRM_EV_UPDSA:
	case XFRM_EV_DELSA:
		printf("%s%s ", xfrm_event_name(ev->type), ev->type == XFRM_EV_EXPIRE && ev->hard ? " hard" : "");
		print_sa(&ev->u.sa);
		break;
	case XFRM_EV_POLEXPIRE:
	case XFRM_EV_NEWPOLICY:
	case XFRM_EV_UPDPOLICY:
	case XFRM_EV_DELPOLICY:
		printf("%s%s ", xfrm_event_name(ev->type), ev->type == XFRM_EV_POLEXPIRE && ev->hard ? " hard" : "");
		print_policy(&ev->u.policy);
		break;
	case XFRM_EV_FLUSHSA:
		printf("flushsa proto %s\n", ipsec_proto_name(ev->u.flush_proto));
		break;
	case XFRM_EV_FLUSHPOLICY:
		printf("flushpolicy ptype %s\n", ev->u.flush_type == IPSEC_POLICY_SUB ? "sub" : "main");
		break;
	case XFRM_EV_MIGRATE:
		print_migrate(&ev->u.migrate);
		break;
	}
	fflush(stdout);
}

static int print_policy_cb(const struct ipsec_policy *p, void *arg)
{
	print_policy(p);
	return 0;
}

static int print_sa_cb(const struct ipsec_sa *sa, void *arg)
{
	print_sa(sa);
	return 0;
}

static int cmd_policy(struct xfrm_handle *h)
{
	const char *op = next();
	struct ipsec_policy p;
	int rc;

	if (strcmp(op, "dump") == 0)
		return xfrm_policy_dump(h, print_policy_cb, NULL);
	if (strcmp(op, "flush") == 0)
		return xfrm_policy_flush(h, kw("sub") ? IPSEC_POLICY_SUB : IPSEC_POLICY_MAIN);
	policy_args(&p);
	if (strcmp(op, "add") == 0)
		return xfrm_policy_add(h, &p);
	if (strcmp(op, "update") == 0)
		return xfrm_policy_update(h, &p);
	if (strcmp(op, "delete") == 0)
		return xfrm_policy_delete(h, &p);
	if (strcmp(op, "get") == 0) {
		rc = xfrm_policy_get(h, &p);
		if (rc == 0)
			print_policy(&p);
		return rc;
	}
	usage("unknown policy operation");
	return -EINVAL;
}

static int cmd_state(struct xfrm_handle *h)
{
	const char *op = next();
	struct ipsec_sa sa;
	uint32_t min = 0, max = 0;
	int rc = -EINVAL;

	if (strcmp(op, "dump") == 0)
		return xfrm_sa_dump(h, print_sa_cb, NULL);
	if (strcmp(op, "flush") == 0)
		return xfrm_sa_flush(h, peek() ? proto_arg() : IPSEC_PROTO_NONE);
	if (strcmp(op, "allocspi") == 0) {
		int save = argc_;

		/* min/max are not SA keywords: cut them off first. */
		for (int i = pos; i + 1 < argc_; i++)
			if (strcmp(argv_[i], "min") == 0) {
				min = (uint32_t)strtoul(argv_[i + 1], NULL, 0);
				if (i + 3 < argc_)
					max = (uint32_t)strtoul(argv_[i + 3], NULL, 0);
				argc_ = i;
				break;
			}
		sa_args(&sa);
		argc_ = save;
		rc = xfrm_sa_allocspi(h, &sa, min, max);
		if (rc == 0)
			printf("spi 0x%08x\n", sa.spi);
		return rc;
	}
	sa_args(&sa);
	if (strcmp(op, "add") == 0)
		rc = xfrm_sa_add(h, &sa);
	else if (strcmp(op, "update") == 0)
		rc = xfrm_sa_update(h, &sa);
	else if (strcmp(op, "delete") == 0)
		rc = xfrm_sa_delete(h, &sa);
	else if (strcmp(op, "get") == 0) {
		rc = xfrm_sa_get(h, &sa);
		if (rc == 0)
			print_sa(&sa);
	} else
		usage("unknown state operation");
	ipsec_sa_wipe(&sa);
	return rc;
}

static int cmd_migrate(struct xfrm_handle *h)
{
	struct ipsec_migrate_msg m;

	memset(&m, 0, sizeof(m));
	sel_args(&m.sel);
	m.dir = IPSEC_DIR_OUT;
	while (peek()) {
		if (kw("dir")) {
			if (ipsec_dir_parse(next(), &m.dir) < 0)
				usage("bad dir");
		} else if (kw("ptype")) {
			m.type = strcmp(next(), "sub") == 0 ? IPSEC_POLICY_SUB : IPSEC_POLICY_MAIN;
		} else if (kw("km")) {
			m.has_kmaddress = true;
			addr(&m.kmaddress.local);
			addr(&m.kmaddress.remote);
		} else if (kw("m")) {
			struct ipsec_migrate *e;

			if (m.nentries == IPSEC_MAX_MIGRATE)
				usage("too many entries");
			e = &m.entries[m.nentries++];
			addr(&e->old_src);
			addr(&e->old_dst);
			addr(&e->new_src);
			addr(&e->new_dst);
			e->mode = IPSEC_MODE_TRANSPORT;
			for (;;) {
				if (kw("proto"))
					e->proto = proto_arg();
				else if (kw("mode"))
					e->mode = mode_arg();
				else if (kw("reqid"))
					e->reqid = (uint32_t)num();
				else
					break;
			}
		} else {
			usage("unknown migrate keyword");
		}
	}
	return xfrm_migrate(h, &m);
}

/* Prints events until COUNT have arrived; fails after SECONDS. */
static int cmd_listen(struct xfrm_handle *h)
{
	unsigned want = (unsigned)num(), got = 0, bad = 0;
	long secs = (long)num();
	const char *ready = peek();
	struct timespec end, now;
	int rc;

	rc = xfrm_events_subscribe(h, XFRM_EVGRP_ALL);
	if (rc < 0)
		return rc;
	if (ready) {
		FILE *f = fopen(ready, "w");

		if (!f)
			return -errno;
		fclose(f);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += secs;
	while (got < want) {
		struct pollfd pfd = { .fd = xfrm_fd(h), .events = POLLIN };
		long ms;

		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (end.tv_sec - now.tv_sec) * 1000 + (end.tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, (int)ms) < 0 && errno != EINTR)
			return -errno;
		rc = xfrm_events_read(h, print_event, &got, &bad);
		if (rc < 0)
			return rc;
	}
	if (bad)
		fprintf(stderr, "xfrm_driver: %u malformed events\n", bad);
	return bad ? -EBADMSG : 0;
}

int main(int argc, char **argv)
{
	struct xfrm_handle *h;
	const char *cmd;
	int rc = -EINVAL;

	argc_ = argc;
	argv_ = argv;
	pos = 1;
	cmd = next();
	h = xfrm_open();
	if (!h) {
		perror("xfrm_open");
		return 1;
	}
	if (strcmp(cmd, "policy") == 0)
		rc = cmd_policy(h);
	else if (strcmp(cmd, "state") == 0)
		rc = cmd_state(h);
	else if (strcmp(cmd, "migrate") == 0)
		rc = cmd_migrate(h);
	else if (strcmp(cmd, "listen") == 0)
		rc = cmd_listen(h);
	else
		usage("unknown command");
	if (rc < 0)
		fprintf(stderr, "xfrm_driver: %s\n", xfrm_last_error(h)[0] ? xfrm_last_error(h) : strerror(-rc));
	xfrm_close(h);
	return rc < 0 ? 1 : 0;
}
