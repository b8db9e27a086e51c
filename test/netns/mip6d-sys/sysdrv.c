/* sysdrv: runs one operation of the mip6d system layer (mip6d/sys/) on the
 * running kernel, so that netns and vm scripts can check each module.
 * Usage: sysdrv COMMAND ARGS...  (see usage()).  Exit status: 0 success,
 * 1 operation failed or nothing received, 2 bad usage. */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/addr.h"
#include "common/evloop.h"
#include "common/wire.h"
#include "mip6d/sys/addr.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/linkmon.h"
#include "mip6d/sys/mhsock.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/nl.h"
#include "mip6d/sys/proxynd.h"
#include "mip6d/sys/route.h"
#include "mip6d/sys/sysctl.h"
#include "mip6d/sys/tunnel.h"

static struct nl_sock *sk;

static _Noreturn void usage(void)
{
	fputs("usage: sysdrv COMMAND ...\n"
	      "  link-up IF | link-down IF\n"
	      "  tunnel-add NAME LOCAL REMOTE | tunnel-change NAME LOCAL REMOTE\n"
	      "  tunnel-show NAME | tunnel-del NAME\n"
	      "  route-add|route-del DST [via GW] [dev IF] [table N] [metric N] [from P]\n"
	      "            [src A] [blackhole] [replace]\n"
	      "  rule-add|rule-del PRIO [from P] [to P] [table N | blackhole | prohibit] [iif IF]\n"
	      "  addr-add IF PREFIX [nodad] [home] [valid S] [preferred S] [replace]\n"
	      "  addr-del IF PREFIX | addr-list [IF] | addr-dad IF ADDR\n"
	      "  pneigh-add IF ADDR [router] | pneigh-del IF ADDR\n"
	      "  proxy-prepare IF          forwarding, proxy_ndp, proxy_delay 0 (kept)\n"
	      "  na-send IF TARGET [dst ADDR] [router] [solicited] [nooverride]\n"
	      "  icmp-recv IF TYPE MS      print ND/RA messages of TYPE received in MS ms\n"
	      "  dad-probe IF ADDR [MS [N]]  print free or duplicate\n"
	      "  defend IF ADDR MS [join]  answer NSs for ADDR for MS ms\n"
	      "  rs-send IF | ra-send IF PREFIX\n"
	      "  linkmon MS                print rtnetlink events for MS ms\n"
	      "  sysctl-get IF KEY | sysctl-cycle IF KEY VALUE   (KEY neigh/X: neigh tree)\n"
	      "  mh-send DST [src A] [hao A] [rth2 A] [dev IF] | mh-recv MS\n",
	      stderr);
	exit(2);
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "sysdrv: %s: %s\n", what, strerror(-err));
	return 1;
}

static int ifidx(const char *name)
{
	int idx, err = sys_link_index(sk, name, &idx);

	if (err) {
		fail(name, err);
		exit(1);
	}
	return idx;
}

static void parse_addr(struct ip_addr *a, const char *s)
{
	if (addr_parse(a, s) < 0) {
		fprintf(stderr, "sysdrv: bad address %s\n", s);
		exit(2);
	}
}

static void parse_prefix(struct ip_prefix *p, const char *s)
{
	if (prefix_parse(p, s) < 0) {
		fprintf(stderr, "sysdrv: bad prefix %s\n", s);
		exit(2);
	}
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (!*s || *end || errno)
		usage();
	return v;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Waits until fd is readable or the deadline passes; 1 readable, 0 not. */
static int wait_fd(int fd, uint64_t deadline)
{
	uint64_t now = now_ms();
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (now >= deadline)
		return 0;
	return poll(&p, 1, (int)(deadline - now)) > 0;
}

static const char *fmt(const struct ip_addr *a)
{
	static char buf[4][ADDR_STRLEN];
	static int i;

	i = (i + 1) % 4;
	return addr_fmt(a, buf[i], sizeof(buf[i]));
}

static void print_ll(const uint8_t *ll, size_t len)
{
	for (size_t i = 0; i < len; i++)
		printf("%s%02x", i ? ":" : "", ll[i]);
}

static int cmd_tunnel(int argc, char **argv)
{
	struct sys_tunnel t;
	struct ip_addr l, r;
	int idx, err;

	if (strcmp(argv[0], "tunnel-del") == 0 || strcmp(argv[0], "tunnel-show") == 0) {
		if (argc != 2)
			usage();
		idx = ifidx(argv[1]);
		if (argv[0][7] == 'd') {
			err = sys_tunnel_del(sk, idx);
			return err ? fail("tunnel-del", err) : 0;
		}
		err = sys_tunnel_get(sk, idx, &t);
		if (err)
			return fail("tunnel-show", err);
		printf("local %s remote %s hoplimit %u flags 0x%x link %d\n", fmt(&t.local),
		       fmt(&t.remote), t.hoplimit, t.flags, t.link);
		return 0;
	}
	if (argc != 4)
		usage();
	parse_addr(&l, argv[2]);
	parse_addr(&r, argv[3]);
	sys_tunnel_defaults(&t, &l, &r);
	if (strcmp(argv[0], "tunnel-add") == 0) {
		err = sys_tunnel_add(sk, argv[1], &t, &idx);
		if (err)
			return fail("tunnel-add", err);
		printf("ifindex %d\n", idx);
		return 0;
	}
	err = sys_tunnel_change(sk, ifidx(argv[1]), &t);
	return err ? fail("tunnel-change", err) : 0;
}

static int cmd_route(int argc, char **argv)
{
	struct sys_route r;
	struct ip_prefix dst;
	int replace = 0, err;

	if (argc < 2)
		usage();
	parse_prefix(&dst, argv[1]);
	sys_route_init(&r, &dst);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "blackhole") == 0)
			r.type = 6;              /* RTN_BLACKHOLE */
		else if (strcmp(argv[i], "replace") == 0)
			replace = 1;
		else if (i + 1 >= argc)
			usage();
		else if (strcmp(argv[i], "via") == 0)
			parse_addr(&r.gateway, argv[++i]);
		else if (strcmp(argv[i], "dev") == 0)
			r.oif = ifidx(argv[++i]);
		else if (strcmp(argv[i], "table") == 0)
			r.table = (uint32_t)num(argv[++i]);
		else if (strcmp(argv[i], "metric") == 0)
			r.metric = (uint32_t)num(argv[++i]);
		else if (strcmp(argv[i], "from") == 0)
			parse_prefix(&r.src, argv[++i]);
		else if (strcmp(argv[i], "src") == 0)
			parse_addr(&r.prefsrc, argv[++i]);
		else
			usage();
	}
	if (strcmp(argv[0], "route-add") == 0)
		err = sys_route_add(sk, &r, replace);
	else
		err = sys_route_del(sk, &r);
	return err ? fail(argv[0], err) : 0;
}

static int cmd_rule(int argc, char **argv)
{
	struct sys_rule r;
	int err;

	if (argc < 2)
		usage();
	sys_rule_init(&r, (uint32_t)num(argv[1]), SYS_RULE_LOOKUP, 254);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "blackhole") == 0)
			r.action = SYS_RULE_BLACKHOLE;
		else if (strcmp(argv[i], "prohibit") == 0)
			r.action = SYS_RULE_PROHIBIT;
		else if (i + 1 >= argc)
			usage();
		else if (strcmp(argv[i], "from") == 0)
			parse_prefix(&r.src, argv[++i]);
		else if (strcmp(argv[i], "to") == 0)
			parse_prefix(&r.dst, argv[++i]);
		else if (strcmp(argv[i], "table") == 0)
			r.table = (uint32_t)num(argv[++i]);
		else if (strcmp(argv[i], "iif") == 0)
			snprintf(r.iif, sizeof(r.iif), "%s", argv[++i]);
		else
			usage();
	}
	if (strcmp(argv[0], "rule-add") == 0)
		err = sys_rule_add(sk, &r);
	else
		err = sys_rule_del(sk, &r);
	return err ? fail(argv[0], err) : 0;
}

static int print_addr(const struct sys_addr *a, void *arg)
{
	char name[IF_NAMESIZE] = "?";
	char pbuf[ADDR_STRLEN];

	(void)arg;
	if_indextoname((unsigned)a->ifindex, name);
	printf("%s %s flags 0x%x valid %u preferred %u\n", name,
	       prefix_fmt(&a->pfx, pbuf, sizeof(pbuf)), a->flags, a->valid_lft, a->preferred_lft);
	return 0;
}

static int cmd_addr(int argc, char **argv)
{
	struct sys_addr a;
	struct ip_prefix p;
	int replace = 0, err;

	if (strcmp(argv[0], "addr-list") == 0) {
		if (argc > 2)
			usage();
		err = sys_addr_list(sk, argc == 2 ? ifidx(argv[1]) : 0, AF_INET6, print_addr, NULL);
		return err ? fail("addr-list", err) : 0;
	}
	if (argc < 3)
		usage();
	if (strcmp(argv[0], "addr-dad") == 0) {
		static const char *const names[] = { "done", "tentative", "failed" };

		parse_addr(&p.addr, argv[2]);
		err = sys_addr_get(sk, ifidx(argv[1]), &p.addr, &a);
		if (err)
			return fail("addr-dad", err);
		printf("%s\n", names[sys_addr_dad_state(a.flags)]);
		return 0;
	}
	parse_prefix(&p, argv[2]);
	sys_addr_init(&a, ifidx(argv[1]), &p);
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "nodad") == 0)
			a.flags |= SYS_IFA_F_NODAD;
		else if (strcmp(argv[i], "home") == 0)
			a.flags |= SYS_IFA_F_HOMEADDRESS;
		else if (strcmp(argv[i], "replace") == 0)
			replace = 1;
		else if (i + 1 >= argc)
			usage();
		else if (strcmp(argv[i], "valid") == 0)
			a.valid_lft = (uint32_t)num(argv[++i]);
		else if (strcmp(argv[i], "preferred") == 0)
			a.preferred_lft = (uint32_t)num(argv[++i]);
		else
			usage();
	}
	if (strcmp(argv[0], "addr-add") == 0)
		err = sys_addr_add(sk, &a, replace);
	else if (strcmp(argv[0], "addr-del") == 0)
		err = sys_addr_del(sk, &a);
	else
		usage();
	return err ? fail(argv[0], err) : 0;
}

static int cmd_pneigh(int argc, char **argv)
{
	struct ip_addr a;
	int err;

	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "router") != 0))
		usage();
	parse_addr(&a, argv[2]);
	if (strcmp(argv[0], "pneigh-add") == 0)
		err = sys_pneigh_add(sk, ifidx(argv[1]), &a, argc == 4);
	else
		err = sys_pneigh_del(sk, ifidx(argv[1]), &a);
	return err ? fail(argv[0], err) : 0;
}

static int cmd_proxy_prepare(int argc, char **argv)
{
	struct sys_sysctl_saved s;
	int err;

	if (argc != 2)
		usage();
	sys_sysctl_saved_init(&s, NULL);
	err = sys_proxynd_prepare(&s, argv[1]);
	return err ? fail("proxy-prepare", err) : 0;
}

static int open_icmp(uint8_t type)
{
	int fd, err = sys_icmp6_open(&fd, &type, 1);

	if (err) {
		fail("icmp6 socket", err);
		exit(1);
	}
	return fd;
}

static size_t link_ll(int idx, uint8_t *ll)
{
	size_t len = ND_LLADDR_MAX;

	return sys_link_lladdr(sk, idx, ll, &len) == 0 ? len : 0;
}

static int cmd_na_send(int argc, char **argv)
{
	struct ip_addr target, dst;
	uint8_t ll[ND_LLADDR_MAX], flags = ND_NA_OVERRIDE;
	int have_dst = 0, idx, fd, err;
	size_t lllen;

	if (argc < 3)
		usage();
	idx = ifidx(argv[1]);
	parse_addr(&target, argv[2]);
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "router") == 0)
			flags |= ND_NA_ROUTER;
		else if (strcmp(argv[i], "solicited") == 0)
			flags |= ND_NA_SOLICITED;
		else if (strcmp(argv[i], "nooverride") == 0)
			flags &= (uint8_t)~ND_NA_OVERRIDE;
		else if (strcmp(argv[i], "dst") == 0 && i + 1 < argc) {
			parse_addr(&dst, argv[++i]);
			have_dst = 1;
		} else {
			usage();
		}
	}
	lllen = link_ll(idx, ll);
	fd = open_icmp(ND_TYPE_NA);
	err = sys_nd_send_na(fd, idx, have_dst ? &dst : NULL, &target.u.v6, flags, ll, lllen);
	close(fd);
	return err ? fail("na-send", err) : 0;
}

static int cmd_icmp_recv(int argc, char **argv)
{
	uint8_t buf[1500];
	struct sys_icmp6_info info;
	uint64_t deadline;
	int fd, idx, got = 0;

	if (argc != 4)
		usage();
	idx = ifidx(argv[1]);
	fd = open_icmp((uint8_t)num(argv[2]));
	deadline = now_ms() + num(argv[3]);
	printf("ready\n");
	fflush(stdout);
	while (wait_fd(fd, deadline)) {
		struct nd_msg m;
		int n = sys_icmp6_recv(fd, buf, sizeof(buf), &info);

		if (n < 0 || info.ifindex != idx)
			continue;
		printf("type %u src %s dst %s hop %d len %d", buf[0], fmt(&info.src),
		       fmt(&info.dst), info.hoplimit, n);
		if (nd_parse(buf, (size_t)n, &m) == 0) {
			struct ip_addr t;

			addr_from_v6(&t, &m.target);
			printf(" target %s flags 0x%02x lladdr ", fmt(&t), m.flags);
			print_ll(m.lladdr, m.lladdr_len);
		}
		printf("\n");
		fflush(stdout);
		got++;
	}
	close(fd);
	return got ? 0 : 1;
}

struct dad_ctx {
	struct ev_loop loop;
	int result, done;
};

static void dad_done(struct sys_dad_probe *p, int result, void *arg)
{
	struct dad_ctx *c = arg;

	(void)p;
	c->result = result;
	c->done = 1;
	ev_loop_stop(&c->loop);
}

static int cmd_dad_probe(int argc, char **argv)
{
	struct sys_dad_probe p;
	struct dad_ctx c = { .done = 0 };
	struct ip_addr a;
	unsigned ms = 1000, n = 1;
	int err;

	if (argc < 3 || argc > 5)
		usage();
	parse_addr(&a, argv[2]);
	if (argc > 3)
		ms = (unsigned)num(argv[3]);
	if (argc > 4)
		n = (unsigned)num(argv[4]);
	err = ev_loop_init(&c.loop, NULL, NULL);
	if (err)
		return fail("event loop", err);
	err = sys_dad_probe_start(&p, &c.loop, ifidx(argv[1]), &a.u.v6, n, ms, dad_done, &c);
	if (err)
		return fail("dad-probe", err);
	while (!c.done && ev_loop_run(&c.loop) == 0)
		;
	ev_loop_fini(&c.loop);
	if (c.result < 0)
		return fail("dad-probe", c.result);
	printf("%s\n", c.result == SYS_DAD_DUPLICATE ? "duplicate" : "free");
	return 0;
}

static int cmd_defend(int argc, char **argv)
{
	uint8_t buf[1500], ll[ND_LLADDR_MAX];
	struct sys_icmp6_info info;
	struct ip_addr a, group;
	uint64_t deadline;
	int fd, idx, answered = 0, err;
	size_t lllen;

	if (argc < 4 || argc > 5 || (argc == 5 && strcmp(argv[4], "join") != 0))
		usage();
	idx = ifidx(argv[1]);
	parse_addr(&a, argv[2]);
	lllen = link_ll(idx, ll);
	fd = open_icmp(ND_TYPE_NS);
	if (argc == 5) {
		group.family = AF_INET6;
		nd_solicited_node(&a.u.v6, &group.u.v6);
		err = sys_icmp6_join(fd, idx, &group, 1);
		if (err)
			return fail("join", err);
	}
	deadline = now_ms() + num(argv[3]);
	printf("ready\n");
	fflush(stdout);
	while (wait_fd(fd, deadline)) {
		struct nd_msg m;
		int n = sys_icmp6_recv(fd, buf, sizeof(buf), &info);

		if (n < 0 || info.ifindex != idx || info.hoplimit != 255)
			continue;
		if (nd_parse(buf, (size_t)n, &m) != 0 || m.type != ND_TYPE_NS ||
		    memcmp(&m.target, &a.u.v6, 16) != 0)
			continue;
		err = sys_nd_answer_ns(fd, &info, &m, ll, lllen, 0);
		if (err)
			return fail("answer", err);
		answered++;
	}
	printf("answered %d\n", answered);
	close(fd);
	return 0;
}

static int cmd_rs_send(int argc, char **argv)
{
	uint8_t ll[ND_LLADDR_MAX];
	int fd, idx, err;

	if (argc != 2)
		usage();
	idx = ifidx(argv[1]);
	fd = open_icmp(ND_TYPE_RS);
	err = sys_icmp6_send_rs(fd, idx, ll, link_ll(idx, ll));
	close(fd);
	return err ? fail("rs-send", err) : 0;
}

/* A Router Advertisement (RFC 4861 4.2) with one Prefix Information option
 * (on-link, autonomous) and the source link-layer address. */
static int cmd_ra_send(int argc, char **argv)
{
	uint8_t buf[128], ll[ND_LLADDR_MAX];
	struct ip_prefix p;
	struct ip_addr dst;
	struct wire_wr w;
	size_t lllen;
	int fd, idx, err;

	if (argc != 3)
		usage();
	idx = ifidx(argv[1]);
	parse_prefix(&p, argv[2]);
	prefix_mask(&p);
	lllen = link_ll(idx, ll);
	wire_wr_init(&w, buf, sizeof(buf));
	wire_wr_u8(&w, ND_TYPE_RA);
	wire_wr_u8(&w, 0);
	wire_wr_be16(&w, 0);
	wire_wr_u8(&w, 64);                 /* cur hop limit */
	wire_wr_u8(&w, 0);                  /* flags */
	wire_wr_be16(&w, 1800);             /* router lifetime */
	wire_wr_be32(&w, 0);                /* reachable time */
	wire_wr_be32(&w, 0);                /* retrans timer */
	wire_wr_u8(&w, 3);                  /* prefix information */
	wire_wr_u8(&w, 4);
	wire_wr_u8(&w, p.len);
	wire_wr_u8(&w, 0xc0);               /* L, A */
	wire_wr_be32(&w, 86400);
	wire_wr_be32(&w, 14400);
	wire_wr_be32(&w, 0);
	wire_wr_bytes(&w, p.addr.u.bytes, 16);
	if (lllen) {
		wire_wr_u8(&w, ND_OPT_SLLA);
		wire_wr_u8(&w, (uint8_t)((2 + lllen + 7) / 8));
		wire_wr_bytes(&w, ll, lllen);
		wire_wr_zero(&w, (2 + lllen + 7) / 8 * 8 - 2 - lllen);
	}
	if (!wire_wr_ok(&w))
		return fail("ra-send", -ENOSPC);
	addr_parse(&dst, "ff02::1");
	fd = open_icmp(ND_TYPE_RA);
	err = sys_icmp6_send(fd, idx, NULL, &dst, buf, wire_wr_len(&w));
	close(fd);
	return err ? fail("ra-send", err) : 0;
}

static void print_event(const struct linkmon_event *ev, void *arg)
{
	static const char *const names[] = { "", "link new", "link del", "addr new", "addr del",
					     "route new", "route del" };
	char pbuf[ADDR_STRLEN];

	(void)arg;
	printf("%s idx %d", names[ev->type], ev->ifindex);
	switch (ev->type) {
	case LINKMON_LINK_NEW:
	case LINKMON_LINK_DEL:
		printf(" name %s %s%s\n", ev->u.link.name,
		       ev->u.link.flags & IFF_UP ? "up" : "down",
		       ev->u.link.flags & IFF_RUNNING ? " running" : "");
		break;
	case LINKMON_ADDR_NEW:
	case LINKMON_ADDR_DEL:
		printf(" %s flags 0x%x%s%s\n", prefix_fmt(&ev->u.addr.pfx, pbuf, sizeof(pbuf)),
		       ev->u.addr.flags,
		       ev->u.addr.flags & SYS_IFA_F_TENTATIVE ? " tentative" : "",
		       ev->u.addr.flags & SYS_IFA_F_DADFAILED ? " dadfailed" : "");
		break;
	default:
		printf(" %s table %u\n", prefix_fmt(&ev->u.route.dst, pbuf, sizeof(pbuf)),
		       ev->u.route.table);
		break;
	}
	fflush(stdout);
}

static int cmd_linkmon(int argc, char **argv)
{
	uint64_t deadline;
	int fd, err;

	if (argc != 2)
		usage();
	err = linkmon_open(&fd, 0);
	if (err)
		return fail("linkmon", err);
	deadline = now_ms() + num(argv[1]);
	printf("ready\n");
	fflush(stdout);
	while (wait_fd(fd, deadline)) {
		err = linkmon_read(fd, print_event, NULL);
		if (err == -ENOBUFS)
			printf("overrun\n");
		else if (err < 0)
			return fail("linkmon read", err);
	}
	close(fd);
	return 0;
}

static void split_key(const char *key, enum sys_sysctl_tree *tree, const char **k)
{
	*tree = SYS_SYSCTL_CONF;
	*k = key;
	if (strncmp(key, "neigh/", 6) == 0) {
		*tree = SYS_SYSCTL_NEIGH;
		*k = key + 6;
	}
}

static int cmd_sysctl(int argc, char **argv)
{
	enum sys_sysctl_tree tree;
	struct sys_sysctl_saved s;
	const char *key;
	int v, err;

	if (argc < 3)
		usage();
	split_key(argv[2], &tree, &key);
	if (strcmp(argv[0], "sysctl-get") == 0) {
		err = sys_sysctl_get(NULL, tree, argv[1], key, &v);
		if (err)
			return fail("sysctl-get", err);
		printf("%d\n", v);
		return 0;
	}
	if (argc != 4)
		usage();
	sys_sysctl_saved_init(&s, NULL);
	err = sys_sysctl_set_save(&s, tree, argv[1], key, (int)num(argv[3]));
	if (err)
		return fail("sysctl-set", err);
	err = sys_sysctl_get(NULL, tree, argv[1], key, &v);
	if (err)
		return fail("sysctl-get", err);
	printf("during %d\n", v);
	err = sys_sysctl_restore(&s);
	if (err)
		return fail("sysctl-restore", err);
	err = sys_sysctl_get(NULL, tree, argv[1], key, &v);
	if (err)
		return fail("sysctl-get", err);
	printf("after %d\n", v);
	return 0;
}

static int cmd_mh_send(int argc, char **argv)
{
	/* A Binding Refresh Request (RFC 6275 6.1.2): no next header (59),
	 * length 0 (8 bytes), type 0, checksum left to the kernel. */
	static const uint8_t brr[8] = { 59, 0, 0, 0, 0, 0, 0, 0 };
	struct sys_mh_send s;
	int fd, err;

	if (argc < 2)
		usage();
	memset(&s, 0, sizeof(s));
	parse_addr(&s.dst, argv[1]);
	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "src") == 0)
			parse_addr(&s.src, argv[i + 1]);
		else if (strcmp(argv[i], "hao") == 0)
			parse_addr(&s.hao, argv[i + 1]);
		else if (strcmp(argv[i], "rth2") == 0)
			parse_addr(&s.rth2, argv[i + 1]);
		else if (strcmp(argv[i], "dev") == 0)
			s.ifindex = ifidx(argv[i + 1]);
		else
			usage();
	}
	if (argc % 2)
		usage();
	err = sys_mhsock_open(&fd);
	if (err)
		return fail("mh socket", err);
	err = sys_mhsock_send(fd, &s, brr, sizeof(brr));
	close(fd);
	return err ? fail("mh-send", err) : 0;
}

static int cmd_mh_recv(int argc, char **argv)
{
	uint8_t buf[1500];
	struct sys_mh_info info;
	uint64_t deadline;
	int fd, got = 0, err;

	if (argc != 2)
		usage();
	err = sys_mhsock_open(&fd);
	if (err)
		return fail("mh socket", err);
	deadline = now_ms() + num(argv[1]);
	printf("ready\n");
	fflush(stdout);
	while (wait_fd(fd, deadline)) {
		int n = sys_mhsock_recv(fd, buf, sizeof(buf), &info);

		if (n < 0)
			continue;
		printf("mh type %u len %d src %s dst %s ifindex %d", n > 2 ? buf[2] : 255, n,
		       fmt(&info.src), fmt(&info.dst), info.ifindex);
		if (info.has_hao)
			printf(" hao %s", fmt(&info.hao));
		if (info.has_rth2)
			printf(" rth2 %s", fmt(&info.rth2));
		printf("\n");
		fflush(stdout);
		got++;
	}
	close(fd);
	return got ? 0 : 1;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "tunnel-add", cmd_tunnel }, { "tunnel-change", cmd_tunnel },
	{ "tunnel-show", cmd_tunnel }, { "tunnel-del", cmd_tunnel },
	{ "route-add", cmd_route }, { "route-del", cmd_route },
	{ "rule-add", cmd_rule }, { "rule-del", cmd_rule },
	{ "addr-add", cmd_addr }, { "addr-del", cmd_addr }, { "addr-list", cmd_addr },
	{ "addr-dad", cmd_addr },
	{ "pneigh-add", cmd_pneigh }, { "pneigh-del", cmd_pneigh },
	{ "proxy-prepare", cmd_proxy_prepare },
	{ "na-send", cmd_na_send }, { "icmp-recv", cmd_icmp_recv },
	{ "dad-probe", cmd_dad_probe }, { "defend", cmd_defend },
	{ "rs-send", cmd_rs_send }, { "ra-send", cmd_ra_send },
	{ "linkmon", cmd_linkmon },
	{ "sysctl-get", cmd_sysctl }, { "sysctl-cycle", cmd_sysctl },
	{ "mh-send", cmd_mh_send }, { "mh-recv", cmd_mh_recv },
};

int main(int argc, char **argv)
{
	int err, ret;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "link-up") == 0 || strcmp(argv[1], "link-down") == 0) {
		if (argc != 3)
			usage();
		err = sys_nl_open(&sk);
		if (err)
			return fail("netlink", err);
		err = sys_link_set_up(sk, ifidx(argv[2]), argv[1][5] == 'u');
		sys_nl_close(sk);
		return err ? fail(argv[1], err) : 0;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		err = sys_nl_open(&sk);
		if (err)
			return fail("netlink", err);
		ret = cmds[i].fn(argc - 1, argv + 1);
		sys_nl_close(sk);
		return ret;
	}
	usage();
}
