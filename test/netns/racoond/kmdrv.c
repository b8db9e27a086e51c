/* Test driver for racoond/km: one km call per command, results one per
 * line, so that the netns and vm scripts run the same checks on both
 * backends.  Commands are separated by "--" and run on one km handle.
 *
 *   kmdrv [--kernel auto|pfkey|xfrm] CMD [-- CMD]...
 *   backend
 *   getspi SRC DST PROTO MODE REQID [SEQ]          prints spi=0xHEX
 *   add|update SRC DST PROTO SPI MODE REQID [enc NAME HEX] [auth NAME HEX]
 *              [soft-add SECONDS] [hard-add SECONDS]
 *   get|delete SRC DST PROTO SPI
 *   dump [PROTO] | flush [PROTO]
 *   spddump                                        prints SPD_ADD lines
 *   spdadd|spddelete SRC/LEN DST/LEN DIR [PROTO MODE REQID [TSRC TDST]]
 *   listen COUNT SECONDS [READYFILE]               prints COUNT events
 * SPI "last" means the one the previous getspi returned. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/evloop.h"
#include "common/log.h"
#include "racoond/km/km.h"

static struct km *km;
static uint32_t last_spi;
static unsigned want, got;
static struct ev_loop loop;

static void die(const char *why)
{
	fprintf(stderr, "kmdrv: %s\n", why);
	exit(2);
}

static struct ip_addr addr(const char *s)
{
	struct ip_addr a;
	if (addr_parse(&a, s) < 0)
		die("bad address");
	return a;
}

static enum ipsec_proto proto(const char *s)
{
	enum ipsec_proto p;
	if (ipsec_proto_parse(s, &p) < 0)
		die("bad protocol");
	return p;
}

static enum ipsec_mode mode(const char *s)
{
	enum ipsec_mode m;
	if (ipsec_mode_parse(s, &m) < 0)
		die("bad mode");
	return m;
}

static uint32_t num(const char *s)
{
	char *end;
	unsigned long v;
	if (strcmp(s, "last") == 0)
		return last_spi;
	v = strtoul(s, &end, 0);
	if (*end || end == s)
		die("bad number");
	return (uint32_t)v;
}

static void key(struct ipsec_alg *a, const char *name, const char *hex)
{
	size_t n = strlen(hex) / 2, i;
	if (n > sizeof(a->key) || strlen(name) >= sizeof(a->name))
		die("key too long");
	snprintf(a->name, sizeof(a->name), "%s", name);
	for (i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			die("bad key");
		a->key[i] = (uint8_t)v;
	}
	a->key_bits = (uint16_t)(8 * n);
}

static void print_policy(const char *what, const struct ipsec_policy *p)
{
	char sel[160], s[ADDR_STRLEN], t[ADDR_STRLEN];
	unsigned i;
	printf("%s sel %s dir %s index %" PRIu32, what, ipsec_selector_fmt(&p->sel, sel, sizeof(sel)),
	       ipsec_dir_name(p->dir), p->index);
	for (i = 0; i < p->ntmpl; i++)
		printf(" tmpl %s %s %s %s reqid %" PRIu32, ipsec_proto_name(p->tmpl[i].proto),
		       ipsec_mode_name(p->tmpl[i].mode), addr_fmt(&p->tmpl[i].src, s, sizeof(s)),
		       addr_fmt(&p->tmpl[i].dst, t, sizeof(t)), p->tmpl[i].reqid);
	printf("\n");
}

static void print_sa(const char *what, const struct ipsec_sa *sa)
{
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	printf("%s %s %s %s spi 0x%08" PRIx32 " mode %s reqid %" PRIu32 "%s%s%s%s\n", what,
	       addr_fmt(&sa->src, s, sizeof(s)), addr_fmt(&sa->dst, t, sizeof(t)),
	       ipsec_proto_name(sa->proto), sa->spi, ipsec_mode_name(sa->mode), sa->reqid,
	       sa->has_enc ? " enc " : "", sa->has_enc ? sa->enc.name : "",
	       sa->has_auth ? " auth " : "", sa->has_auth ? sa->auth.name : "");
}

static void on_event(const struct km_event *ev, void *arg)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], c[ADDR_STRLEN], d[ADDR_STRLEN], sel[160];
	unsigned i;
	(void)arg;

	switch (ev->type) {
	case KM_EV_ACQUIRE:
		printf("ACQUIRE seq %" PRIu32 " src %s dst %s policy %" PRIu32 " reqid %" PRIu32 "\n",
		       ev->u.acquire.seq, addr_fmt(&ev->u.acquire.src, a, sizeof(a)),
		       addr_fmt(&ev->u.acquire.dst, b, sizeof(b)), ev->u.acquire.policy.index,
		       ev->u.acquire.policy.ntmpl ? ev->u.acquire.policy.tmpl[0].reqid : 0);
		break;
	case KM_EV_EXPIRE:
		print_sa(ev->u.expire.hard ? "EXPIRE hard" : "EXPIRE soft", &ev->u.expire.sa);
		break;
	case KM_EV_MIGRATE: {
		const struct ipsec_migrate_msg *m = &ev->u.migrate;
		printf("MIGRATE sel %s dir %s", ipsec_selector_fmt(&m->sel, sel, sizeof(sel)),
		       ipsec_dir_name(m->dir));
		if (m->has_kmaddress)
			printf(" km %s %s", addr_fmt(&m->kmaddress.local, a, sizeof(a)),
			       addr_fmt(&m->kmaddress.remote, b, sizeof(b)));
		for (i = 0; i < m->nentries; i++)
			printf(" m %s %s %s %s %s %s reqid %" PRIu32,
			       addr_fmt(&m->entries[i].old_src, a, sizeof(a)),
			       addr_fmt(&m->entries[i].old_dst, b, sizeof(b)),
			       addr_fmt(&m->entries[i].new_src, c, sizeof(c)),
			       addr_fmt(&m->entries[i].new_dst, d, sizeof(d)),
			       ipsec_proto_name(m->entries[i].proto), ipsec_mode_name(m->entries[i].mode),
			       m->entries[i].reqid);
		printf("\n");
		break;
	}
	case KM_EV_SPD_ADD:
		print_policy("SPD_ADD", &ev->u.policy);
		break;
	case KM_EV_SPD_DELETE:
		print_policy("SPD_DELETE", &ev->u.policy);
		break;
	case KM_EV_SA_DELETE:
		print_sa("SA_DELETE", &ev->u.sa);
		break;
	}
	fflush(stdout);
	if (want && ++got >= want)
		ev_loop_stop(&loop);
}

static int dump_cb(const struct ipsec_sa *sa, void *arg)
{
	(void)arg;
	print_sa("SA", sa);
	return 0;
}

static int fail(const char *what, int rc)
{
	printf("%s: error %d (%s): %s\n", what, -rc, strerror(-rc), km_last_error(km));
	return 1;
}

/* Runs one command of n words; returns 0 or 1. */
static int run(char **w, int n)
{
	const char *c = w[0];
	int rc;

	if (strcmp(c, "backend") == 0) {
		printf("backend %s\n", km_backend_name(km_backend_of(km)));
		return 0;
	}
	if (strcmp(c, "getspi") == 0 && (n == 6 || n == 7)) {
		struct ip_addr s = addr(w[1]), d = addr(w[2]);
		rc = km_getspi(km, &s, &d, proto(w[3]), mode(w[4]), num(w[5]), n == 7 ? num(w[6]) : 0, &last_spi);
		if (rc < 0)
			return fail("getspi", rc);
		printf("spi=0x%08" PRIx32 "\n", last_spi);
		return 0;
	}
	if ((strcmp(c, "add") == 0 || strcmp(c, "update") == 0) && n >= 7) {
		struct ipsec_sa sa;
		int i;
		memset(&sa, 0, sizeof(sa));
		sa.src = addr(w[1]);
		sa.dst = addr(w[2]);
		sa.proto = proto(w[3]);
		sa.spi = num(w[4]);
		sa.mode = mode(w[5]);
		sa.reqid = num(w[6]);
		sa.replay_window = 32;
		for (i = 7; i < n;) {
			if (strcmp(w[i], "enc") == 0 && i + 2 < n) {
				sa.has_enc = true;
				key(&sa.enc, w[i + 1], w[i + 2]);
				i += 3;
			} else if (strcmp(w[i], "auth") == 0 && i + 2 < n) {
				sa.has_auth = true;
				key(&sa.auth, w[i + 1], w[i + 2]);
				i += 3;
			} else if (strcmp(w[i], "soft-add") == 0 && i + 1 < n) {
				sa.soft.add_seconds = num(w[i + 1]);
				i += 2;
			} else if (strcmp(w[i], "hard-add") == 0 && i + 1 < n) {
				sa.hard.add_seconds = num(w[i + 1]);
				i += 2;
			} else {
				die("enc NAME HEX, auth NAME HEX, soft-add N or hard-add N expected");
			}
		}
		rc = c[0] == 'a' ? km_add_sa(km, &sa) : km_update_sa(km, &sa);
		ipsec_sa_wipe(&sa);
		if (rc < 0)
			return fail(c, rc);
		printf("%s ok\n", c);
		return 0;
	}
	if ((strcmp(c, "get") == 0 || strcmp(c, "delete") == 0) && n == 5) {
		struct ip_addr s = addr(w[1]), d = addr(w[2]);
		struct ipsec_sa sa;
		if (c[0] == 'd') {
			rc = km_delete_sa(km, &s, &d, proto(w[3]), num(w[4]));
			if (rc < 0)
				return fail(c, rc);
			printf("delete ok\n");
			return 0;
		}
		rc = km_get_sa(km, &s, &d, proto(w[3]), num(w[4]), &sa);
		if (rc < 0)
			return fail(c, rc);
		print_sa("SA", &sa);
		ipsec_sa_wipe(&sa);
		return 0;
	}
	if ((strcmp(c, "dump") == 0 || strcmp(c, "flush") == 0) && n <= 2) {
		enum ipsec_proto p = n == 2 ? proto(w[1]) : IPSEC_PROTO_NONE;
		rc = c[0] == 'd' ? km_sa_dump(km, p, dump_cb, NULL) : km_sa_flush(km, p);
		if (rc < 0)
			return fail(c, rc);
		if (c[0] == 'f')
			printf("flush ok\n");
		return 0;
	}
	if (strcmp(c, "spddump") == 0) {
		rc = km_spd_dump(km);
		return rc < 0 ? fail(c, rc) : 0;
	}
	if ((strcmp(c, "spdadd") == 0 || strcmp(c, "spddelete") == 0) && (n == 4 || n == 7 || n == 9)) {
		struct ipsec_policy p;
		memset(&p, 0, sizeof(p));
		if (prefix_parse(&p.sel.src, w[1]) < 0 || prefix_parse(&p.sel.dst, w[2]) < 0 ||
		    ipsec_dir_parse(w[3], &p.dir) < 0)
			die("bad selector or direction");
		p.sel.proto = IPSEC_ULPROTO_ANY;
		p.action = IPSEC_ACTION_IPSEC;
		if (n >= 7) {
			p.ntmpl = 1;
			p.tmpl[0].proto = proto(w[4]);
			p.tmpl[0].mode = mode(w[5]);
			p.tmpl[0].reqid = num(w[6]);
			p.tmpl[0].level = IPSEC_LEVEL_REQUIRE;
			if (n == 9) {
				p.tmpl[0].src = addr(w[7]);
				p.tmpl[0].dst = addr(w[8]);
			}
		}
		rc = c[3] == 'a' ? km_spd_add(km, &p) : km_spd_delete(km, &p);
		if (rc < 0)
			return fail(c, rc);
		printf("%s ok\n", c);
		/* Our own change comes back as an event: show it. */
		ev_loop_run_once(&loop, 100);
		return 0;
	}
	if (strcmp(c, "listen") == 0 && (n == 3 || n == 4)) {
		want = num(w[1]);
		got = 0;
		if (n == 4) {
			FILE *f = fopen(w[3], "w");
			if (f)
				fclose(f);
		}
		uint64_t deadline = ev_loop_now(&loop) + 1000ull * num(w[2]);
		while (got < want && ev_loop_now(&loop) < deadline)
			ev_loop_run_once(&loop, (int)(deadline - ev_loop_now(&loop)));
		want = 0;
		if (got < num(w[1])) {
			printf("listen: %u event(s) of %s\n", got, w[1]);
			return 1;
		}
		return 0;
	}
	die("unknown command or wrong argument count");
	return 1;
}

int main(int argc, char **argv)
{
	enum km_backend b = KM_BACKEND_AUTO;
	int i = 1, start, status = 0, rc;

	if (argc > 2 && strcmp(argv[1], "--kernel") == 0) {
		b = strcmp(argv[2], "pfkey") == 0 ? KM_BACKEND_PFKEY :
		    strcmp(argv[2], "xfrm") == 0 ? KM_BACKEND_XFRM : KM_BACKEND_AUTO;
		i = 3;
	}
	if (i >= argc)
		die("no command");
	log_init("kmdrv", false);
	log_set_level(LOG_LVL_WARNING);
	if (ev_loop_init(&loop, NULL, NULL) < 0)
		die("event loop");
	rc = km_open(&km, b, &loop, on_event, NULL);
	if (rc < 0) {
		printf("open: error %d (%s)\n", -rc, strerror(-rc));
		return 1;
	}
	while (i < argc) {
		start = i;
		while (i < argc && strcmp(argv[i], "--") != 0)
			i++;
		if (i > start)
			status |= run(argv + start, i - start);
		fflush(stdout);
		i++;
	}
	km_close(km);
	ev_loop_fini(&loop);
	return status;
}
