/* setkey -x over XFRM netlink: one readable block per kernel event. */
#include "libpfkey/setkey/xfrm_events.h"
#include "libpfkey/policystr.h"

#include <inttypes.h>

static void print_sa(FILE *f, const struct ipsec_sa *sa)
{
	char s[ADDR_STRLEN], d[ADDR_STRLEN];

	fprintf(f, "  %s %s %s spi=%u(0x%08x) mode=%s reqid=%u\n", addr_fmt(&sa->src, s, sizeof(s)),
		addr_fmt(&sa->dst, d, sizeof(d)), ipsec_proto_name(sa->proto), sa->spi, sa->spi,
		ipsec_mode_name(sa->mode), sa->reqid);
}

static void print_policy(FILE *f, const struct ipsec_policy *p)
{
	char sel[2 * ADDR_STRLEN + 64], line[512];

	fprintf(f, "  %s\n", ipsec_selector_fmt(&p->sel, sel, sizeof(sel)));
	policystr_fmt(p, line, sizeof(line));
	fprintf(f, "  %s\n  index=%u\n", line, p->index);
}

static void print_migrate(FILE *f, const struct ipsec_migrate_msg *m)
{
	char sel[2 * ADDR_STRLEN + 64], a[ADDR_STRLEN], b[ADDR_STRLEN], c[ADDR_STRLEN], d[ADDR_STRLEN];
	unsigned i;

	fprintf(f, "  %s dir %s\n", ipsec_selector_fmt(&m->sel, sel, sizeof(sel)), ipsec_dir_name(m->dir));
	for (i = 0; i < m->nentries; i++) {
		const struct ipsec_migrate *e = &m->entries[i];

		fprintf(f, "  %s/%s reqid=%u %s-%s -> %s-%s\n", ipsec_proto_name(e->proto),
			ipsec_mode_name(e->mode), e->reqid, addr_fmt(&e->old_src, a, sizeof(a)),
			addr_fmt(&e->old_dst, b, sizeof(b)), addr_fmt(&e->new_src, c, sizeof(c)),
			addr_fmt(&e->new_dst, d, sizeof(d)));
	}
	if (m->has_kmaddress)
		fprintf(f, "  kmaddress local=%s remote=%s\n", addr_fmt(&m->kmaddress.local, a, sizeof(a)),
			addr_fmt(&m->kmaddress.remote, b, sizeof(b)));
}

void setkey_print_xfrm_event(FILE *f, const struct xfrm_event *ev)
{
	char s[ADDR_STRLEN], d[ADDR_STRLEN];

	fprintf(f, "xfrm %s", xfrm_event_name(ev->type));
	if (ev->type == XFRM_EV_EXPIRE || ev->type == XFRM_EV_POLEXPIRE)
		fprintf(f, " %s", ev->hard ? "hard" : "soft");
	fputc('\n', f);
	switch (ev->type) {
	case XFRM_EV_ACQUIRE:
		fprintf(f, "  %s %s %s mode=%s reqid=%u seq=%u\n", addr_fmt(&ev->u.acquire.src, s, sizeof(s)),
			addr_fmt(&ev->u.acquire.dst, d, sizeof(d)), ipsec_proto_name(ev->u.acquire.proto),
			ipsec_mode_name(ev->u.acquire.mode), ev->u.acquire.reqid, ev->u.acquire.seq);
		print_policy(f, &ev->u.acquire.policy);
		break;
	case XFRM_EV_EXPIRE:
	case XFRM_EV_NEWSA:
	case XFRM_EV_UPDSA:
	case XFRM_EV_DELSA:
		print_sa(f, &ev->u.sa);
		break;
	case XFRM_EV_POLEXPIRE:
	case XFRM_EV_NEWPOLICY:
	case XFRM_EV_UPDPOLICY:
	case XFRM_EV_DELPOLICY:
		print_policy(f, &ev->u.policy);
		break;
	case XFRM_EV_FLUSHSA:
		fprintf(f, "  proto %s\n", ev->u.flush_proto == IPSEC_PROTO_NONE ? "any" : ipsec_proto_name(ev->u.flush_proto));
		break;
	case XFRM_EV_FLUSHPOLICY:
		fprintf(f, "  type %s\n", ev->u.flush_type == IPSEC_POLICY_SUB ? "sub" : "main");
		break;
	case XFRM_EV_MIGRATE:
		print_migrate(f, &ev->u.migrate);
		break;
	}
}
