/* Fake kernel operations: see fakeops.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fakeops.h"

void fake_reset(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->next_ifindex = 100;
}

__attribute__((format(printf, 3, 4)))
static int rec(struct fake *f, const char *op, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f->n < FAKE_MAX) {
		n = snprintf(f->log[f->n], FAKE_LINE, "%s ", op);
		va_start(ap, fmt);
		vsnprintf(f->log[f->n] + n, FAKE_LINE - (size_t)n, fmt, ap);
		va_end(ap);
		f->n++;
	}
	if (f->fail && !strcmp(f->fail, op))
		return f->fail_err ? f->fail_err : -EIO;
	return 0;
}

static const char *A(const struct ip_addr *a, char *b)
{
	return addr_fmt(a, b, ADDR_STRLEN);
}

static const char *P(const struct ip_prefix *p, char *b)
{
	return prefix_fmt(p, b, ADDR_STRLEN);
}

static int sp(void *k, const char *op, const struct ipsec_policy *p)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	return rec(k, op, "%s %s %s %s prio %u", p->type == IPSEC_POLICY_SUB ? "sub" : "main",
		   ipsec_dir_name(p->dir), P(&p->sel.src, b1), P(&p->sel.dst, b2), p->priority);
}

static int f_sp_update(void *k, const struct ipsec_policy *p) { return sp(k, "sp_update", p); }
static int f_sp_delete(void *k, const struct ipsec_policy *p) { return sp(k, "sp_delete", p); }

static int f_migrate(void *k, const struct ipsec_migrate_msg *m)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN], b3[ADDR_STRLEN], b4[ADDR_STRLEN];

	return rec(k, "migrate", "%s %s %s km %s %s", ipsec_dir_name(m->dir), P(&m->sel.src, b1),
		   P(&m->sel.dst, b2), A(&m->kmaddress.local, b3), A(&m->kmaddress.remote, b4));
}

static int sa(void *k, const char *op, const struct ipsec_sa *s)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN], b3[ADDR_STRLEN];

	return rec(k, op, "%s %s %s coa %s", ipsec_proto_name(s->proto), A(&s->src, b1),
		   A(&s->dst, b2), A(&s->coaddr, b3));
}

static int f_sa_update(void *k, const struct ipsec_sa *s) { return sa(k, "sa_update", s); }
static int f_sa_delete(void *k, const struct ipsec_sa *s) { return sa(k, "sa_delete", s); }

static int f_tunnel_add(void *k, const char *name, const struct sys_tunnel *t, int *ifindex)
{
	struct fake *f = k;
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];
	int r = rec(f, "tunnel_add", "%s %s %s", name, A(&t->local, b1), A(&t->remote, b2));

	if (r == 0)
		*ifindex = f->next_ifindex++;
	return r;
}

static int f_tunnel_change(void *k, int ifindex, const struct sys_tunnel *t)
{
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN];

	return rec(k, "tunnel_change", "%d %s %s", ifindex, A(&t->local, b1), A(&t->remote, b2));
}

static int f_tunnel_del(void *k, int ifindex) { return rec(k, "tunnel_del", "%d", ifindex); }

static int rt(void *k, const char *op, const struct sys_route *r)
{
	char b[ADDR_STRLEN];

	return rec(k, op, "%s table %u oif %d", P(&r->dst, b), r->table, r->oif);
}

static int f_route_add(void *k, const struct sys_route *r) { return rt(k, "route_add", r); }
static int f_route_del(void *k, const struct sys_route *r) { return rt(k, "route_del", r); }

static int rule(void *k, const char *op, const struct sys_rule *r)
{
	char b[ADDR_STRLEN];

	return rec(k, op, "prio %u from %s table %u", r->prio,
		   r->src.addr.family ? P(&r->src, b) : "all", r->table);
}

static int f_rule_add(void *k, const struct sys_rule *r) { return rule(k, "rule_add", r); }
static int f_rule_del(void *k, const struct sys_rule *r) { return rule(k, "rule_del", r); }

static int f_addr_add(void *k, int ifindex, const struct ip_prefix *a, uint32_t flags)
{
	char b[ADDR_STRLEN];

	return rec(k, "addr_add", "%d %s flags 0x%x", ifindex, P(a, b), flags);
}

static int f_addr_del(void *k, int ifindex, const struct ip_prefix *a)
{
	char b[ADDR_STRLEN];

	return rec(k, "addr_del", "%d %s", ifindex, P(a, b));
}

static int f_pneigh_add(void *k, int ifindex, const struct ip_addr *a, int router)
{
	char b[ADDR_STRLEN];

	return rec(k, "pneigh_add", "%d %s%s", ifindex, A(a, b), router ? " router" : "");
}

static int f_pneigh_del(void *k, int ifindex, const struct ip_addr *a)
{
	char b[ADDR_STRLEN];

	return rec(k, "pneigh_del", "%d %s", ifindex, A(a, b));
}

static int f_send_na(void *k, int ifindex, const struct ip_addr *t, int router)
{
	char b[ADDR_STRLEN];

	return rec(k, "send_na", "%d %s%s", ifindex, A(t, b), router ? " router" : "");
}

static int f_send_mh(void *k, const struct sys_mh_send *s, const void *msg, size_t len)
{
	struct fake *f = k;
	char b1[ADDR_STRLEN], b2[ADDR_STRLEN], b3[ADDR_STRLEN], b4[ADDR_STRLEN];

	if (len <= sizeof(f->mh)) {
		memcpy(f->mh, msg, len);
		f->mh_len = len;
		f->mh_to = *s;
	}
	return rec(f, "send_mh", "%s -> %s rth2 %s hao %s", A(&s->src, b1), A(&s->dst, b2),
		   A(&s->rth2, b3), A(&s->hao, b4));
}

const struct dk_ops fake_ops = {
	.sp_update = f_sp_update, .sp_delete = f_sp_delete, .migrate = f_migrate,
	.sa_update = f_sa_update, .sa_delete = f_sa_delete,
	.tunnel_add = f_tunnel_add, .tunnel_change = f_tunnel_change, .tunnel_del = f_tunnel_del,
	.route_add = f_route_add, .route_del = f_route_del,
	.rule_add = f_rule_add, .rule_del = f_rule_del,
	.addr_add = f_addr_add, .addr_del = f_addr_del,
	.pneigh_add = f_pneigh_add, .pneigh_del = f_pneigh_del, .send_na = f_send_na,
	.send_mh = f_send_mh,
};

int fake_find(const struct fake *f, const char *prefix)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!strncmp(f->log[i], prefix, strlen(prefix)))
			return (int)i;
	return -1;
}

size_t fake_count(const struct fake *f, const char *prefix)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (!strncmp(f->log[i], prefix, strlen(prefix)))
			n++;
	return n;
}
