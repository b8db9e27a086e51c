/* Netns driver of the HA glue: loads an HA configuration, installs the
 * start policies and feeds decoded BUs to the glue as if they had been
 * received, on the host kernel.  IPsec policies, MIGRATEs, routes, proxy
 * ND and the DAD probe are the real ones; what the host kernel lacks is
 * stood in for and printed: the ip6tnl device (routes go to "lo"), the
 * MIP6 route-optimisation states and SUB policies, and the BA (printed,
 * not sent: its Type 2 RH needs MIP6).
 *
 *   ha_feed CONF IFNAME PREFIX STEP...
 *   STEP: bu HA HOA COA SEQ LIFETIME_S | wait MS | bc | flush | sh COMMAND
 * (sh runs COMMAND with system(3) at that point, to look at the kernel)
 * Output: one line per stand-in operation and per BA; "bc N" for bc. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/evloop.h"
#include "common/log.h"
#include "libxfrm/xfrm.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/kops.h"
#include "mip6d/daemon/startsp.h"
#include "mip6d/mh/mh.h"
#include "mip6d/sys/icmp6.h"
#include "mip6d/sys/mhsock.h"
#include "mip6d/sys/ndmsg.h"
#include "mip6d/sys/nl.h"
#include "mip6d/sys/proxynd.h"

static struct kops_sys ks;
static int lo_index;
static unsigned n_ba;

static int f_sa_update(void *k, const struct ipsec_sa *sa)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN], b3[ADDR_STRLEN];

	if (sa->mode != IPSEC_MODE_RO)
		return kops_sys_ops.sa_update(k, sa);
	printf("ro state %s %s -> %s coa %s\n", ipsec_proto_name(sa->proto),
	       addr_fmt(&sa->src, b1, sizeof(b1)), addr_fmt(&sa->dst, b2, sizeof(b2)),
	       addr_fmt(&sa->coaddr, b3, sizeof(b3)));
	return 0;
}

static int f_sa_delete(void *k, const struct ipsec_sa *sa)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	if (sa->mode != IPSEC_MODE_RO)
		return kops_sys_ops.sa_delete(k, sa);
	printf("ro state del %s %s -> %s\n", ipsec_proto_name(sa->proto),
	       addr_fmt(&sa->src, b1, sizeof(b1)), addr_fmt(&sa->dst, b2, sizeof(b2)));
	return 0;
}

static int f_sp_update(void *k, const struct ipsec_policy *p)
{
	if (p->type != IPSEC_POLICY_SUB)
		return kops_sys_ops.sp_update(k, p);
	printf("sub policy %s\n", ipsec_dir_name(p->dir));
	return 0;
}

static int f_sp_delete(void *k, const struct ipsec_policy *p)
{
	if (p->type != IPSEC_POLICY_SUB)
		return kops_sys_ops.sp_delete(k, p);
	printf("sub policy del %s\n", ipsec_dir_name(p->dir));
	return 0;
}

static int f_tunnel_add(void *k, const char *name, const struct sys_tunnel *t, int *ifindex)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	(void)k;
	printf("tunnel add %s %s -> %s\n", name, addr_fmt(&t->local, b1, sizeof(b1)),
	       addr_fmt(&t->remote, b2, sizeof(b2)));
	*ifindex = lo_index;
	return 0;
}

static int f_tunnel_change(void *k, int ifindex, const struct sys_tunnel *t)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	(void)k;
	(void)ifindex;
	printf("tunnel change %s -> %s\n", addr_fmt(&t->local, b1, sizeof(b1)),
	       addr_fmt(&t->remote, b2, sizeof(b2)));
	return 0;
}

static int f_tunnel_del(void *k, int ifindex)
{
	(void)k;
	(void)ifindex;
	printf("tunnel del\n");
	return 0;
}

static int f_send_mh(void *k, const struct sys_mh_send *s, const void *msg, size_t len)
{
	struct mh_msg m;
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	(void)k;
	if (mh_parse(&m, msg, len) < 0 || m.type != MH_BA)
		return -EINVAL;
	n_ba++;
	printf("BA status %u seq %u lifetime %u flags 0x%02x to %s rth2 %s\n", m.u.ba.status,
	       m.u.ba.seq, m.u.ba.lifetime * 4u, m.u.ba.flags, addr_fmt(&s->dst, b1, sizeof(b1)),
	       addr_fmt(&s->rth2, b2, sizeof(b2)));
	return 0;
}

static int bc_print(struct bce *e, void *arg)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	(void)arg;
	printf("bce %s coa %s state %u\n", addr_fmt(&e->hoa, b1, sizeof(b1)),
	       addr_fmt(&e->coa, b2, sizeof(b2)), e->state);
	return 0;
}

static int parse(const char *s, struct ip_addr *a)
{
	if (addr_parse(a, s) < 0) {
		fprintf(stderr, "ha_feed: bad address %s\n", s);
		exit(2);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const uint8_t nd_types[] = { SYS_ND_TYPE_NS };
	struct dk_ops ops = kops_sys_ops;
	struct mip6_conf conf;
	struct ev_loop loop;
	struct startsp ssp;
	struct sys_sysctl_saved saved;
	struct ha_config cfg;
	struct ip_prefix home;
	struct hag g;
	int home_if, i, r;

	if (argc < 4) {
		fprintf(stderr, "usage: ha_feed CONF IFNAME PREFIX STEP...\n");
		return 2;
	}
	log_init("ha_feed", false);
	log_set_level(LOG_LVL_INFO);
	setvbuf(stdout, NULL, _IOLBF, 0);
	ops.sa_update = f_sa_update;
	ops.sa_delete = f_sa_delete;
	ops.sp_update = f_sp_update;
	ops.sp_delete = f_sp_delete;
	ops.tunnel_add = f_tunnel_add;
	ops.tunnel_change = f_tunnel_change;
	ops.tunnel_del = f_tunnel_del;
	ops.send_mh = f_send_mh;
	conf_init(&conf);
	if (conf_load_file(&conf, argv[1], NULL) < 0 || prefix_parse(&home, argv[3]) < 0)
		return 2;
	ks.xfrm = xfrm_open();
	if (!ks.xfrm || sys_nl_open(&ks.nl) < 0 || sys_link_index(ks.nl, argv[2], &home_if) < 0 ||
	    sys_link_index(ks.nl, "lo", &lo_index) < 0 ||
	    sys_icmp6_open(&ks.icmp_fd, nd_types, sizeof(nd_types)) < 0) {
		fprintf(stderr, "ha_feed: kernel sockets or %s missing\n", argv[2]);
		return 2;
	}
	ks.mh_fd = -1;
	sys_sysctl_saved_init(&saved, NULL);
	if (sys_proxynd_prepare(&saved, argv[2]) < 0)
		fprintf(stderr, "ha_feed: proxy ND settings not applied\n");
	if (ev_loop_init(&loop, NULL, NULL) < 0 || startsp_install(&ssp, &ops, &ks, &conf) < 0)
		return 1;
	printf("start policies %zu\n", ssp.n);
	memset(&cfg, 0, sizeof(cfg));
	cfg.conf = &conf;
	cfg.home_prefixes = &home;
	cfg.n_home_prefixes = 1;
	r = hag_init(&g, ev_loop_timers(&loop), &cfg, &ops, &ks, home_if, &loop);
	if (r < 0) {
		fprintf(stderr, "ha_feed: hag_init: %s\n", strerror(-r));
		return 1;
	}
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "bu") && i + 5 < argc) {
			struct ha_bu bu;
			unsigned want = n_ba + 1, spins = 0;

			memset(&bu, 0, sizeof(bu));
			parse(argv[i + 1], &bu.dst);
			parse(argv[i + 2], &bu.hoa);
			parse(argv[i + 3], &bu.src);
			bu.alt_coa = bu.src;
			bu.seq = (uint16_t)atoi(argv[i + 4]);
			bu.lifetime = (uint16_t)(atoi(argv[i + 5]) / 4);
			bu.flags = BU_FLAG_A | BU_FLAG_H | (conf.keymng_mob_capability ? BU_FLAG_K : 0);
			i += 5;
			r = ha_process_bu(&g.ha, &bu);
			if (r < 0)
				printf("BU dropped: %s\n", strerror(-r));
			/* Until the BA (DAD may hold it back a second). */
			while (r == 0 && n_ba < want && spins++ < 60)
				ev_loop_run_once(&loop, 100);
		} else if (!strcmp(argv[i], "wait") && i + 1 < argc) {
			uint64_t end = ev_loop_now(&loop) + (uint64_t)atoi(argv[++i]);

			while (ev_loop_now(&loop) < end)
				ev_loop_run_once(&loop, (int)(end - ev_loop_now(&loop)));
		} else if (!strcmp(argv[i], "bc")) {
			printf("bc %zu\n", bcache_count(ha_bcache(&g.ha)));
			bcache_foreach(&g.ha.bc, bc_print, NULL);
		} else if (!strcmp(argv[i], "sh") && i + 1 < argc) {
			fflush(stdout);
			if (system(argv[++i]) != 0)
				printf("sh failed: %s\n", argv[i]);
		} else if (!strcmp(argv[i], "flush")) {
			ha_flush(&g.ha);
			printf("flushed\n");
		} else {
			fprintf(stderr, "ha_feed: bad step %s\n", argv[i]);
			return 2;
		}
	}
	hag_fini(&g);
	startsp_remove(&ssp, &ops, &ks);
	sys_sysctl_restore(&saved);
	ev_loop_fini(&loop);
	conf_free(&conf);
	xfrm_close(ks.xfrm);
	sys_nl_close(ks.nl);
	return 0;
}
