/* In-memory network and fake key manager for the IKE engine's tests. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test/unit/racoond-ike/harness.h"

static struct h_node *by_addr(struct h_net *n, const struct ip_addr *a)
{
	for (unsigned i = 0; i < n->n; i++)
		for (unsigned j = 0; j < n->nodes[i]->naddr; j++)
			if (addr_eq(&n->nodes[i]->addr[j], a))
				return n->nodes[i];
	return NULL;
}

static void queue(struct h_net *n, const struct ike_ep *src, const struct ike_ep *dst,
		  const uint8_t *buf, size_t len)
{
	struct h_pkt *p = malloc(sizeof(*p) + len);

	if (!p)
		abort();
	p->next = NULL;
	p->src = *src;
	p->dst = *dst;
	p->len = len;
	memcpy(p->buf, buf, len);
	*n->tail = p;
	n->tail = &p->next;
}

static int op_send(void *ctx, const struct ike_ep *local, const struct ike_ep *remote,
		   const uint8_t *buf, size_t len)
{
	struct h_node *nd = ctx;

	nd->n_sent++;
	queue(nd->net, local, remote, buf, len);
	return 0;
}

static int op_getspi(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
		     enum ipsec_proto proto, enum ipsec_mode mode, uint32_t reqid, uint32_t seq,
		     uint32_t *spi)
{
	struct h_node *nd = ctx;

	(void)src, (void)dst, (void)proto, (void)mode, (void)reqid, (void)seq;
	nd->n_getspi++;
	*spi = nd->next_spi++;
	return 0;
}

static int op_update(void *ctx, const struct ipsec_sa *sa)
{
	struct h_node *nd = ctx;

	if (nd->n_upd < H_MAX)
		nd->upd[nd->n_upd++] = *sa;
	return 0;
}

static int op_add(void *ctx, const struct ipsec_sa *sa)
{
	struct h_node *nd = ctx;

	if (nd->n_add < H_MAX)
		nd->add[nd->n_add++] = *sa;
	return 0;
}

static int op_delete(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
		     enum ipsec_proto proto, uint32_t spi)
{
	struct h_node *nd = ctx;

	(void)proto;
	if (nd->n_del < H_MAX) {
		nd->del[nd->n_del].src = *src;
		nd->del[nd->n_del].dst = *dst;
		nd->del[nd->n_del].spi = spi;
		nd->n_del++;
	}
	return 0;
}

const struct ike_ops h_ops = {
	.send = op_send, .getspi = op_getspi, .update_sa = op_update, .add_sa = op_add,
	.delete_sa = op_delete,
};

void h_net_init(struct h_net *n)
{
	memset(n, 0, sizeof(*n));
	n->clk.now = 1000000;
	timerq_init(&n->tq, timer_manual_clock_read, &n->clk);
	n->tail = &n->head;
}

void h_net_clear(struct h_net *n)
{
	while (n->head) {
		struct h_pkt *p = n->head;

		n->head = p->next;
		free(p);
	}
	n->tail = &n->head;
}

void h_net_fini(struct h_net *n)
{
	h_net_clear(n);
}

int h_node_init(struct h_node *nd, struct h_net *n, const char *name, const char *conf_text,
		uint32_t spi_base)
{
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	int r;

	memset(nd, 0, sizeof(*nd));
	nd->net = n;
	nd->name = name;
	nd->next_spi = spi_base;
	if (n->n < 4)
		n->nodes[n->n++] = nd;
	if (!conf_text)
		return 0;
	r = rc_conf_load_buffer(conf_text, strlen(conf_text), name, &o, &nd->conf, &d);
	if (r < 0) {
		rc_diags_print(&d, stderr);
		rc_diags_free(&d);
		return r;
	}
	rc_diags_free(&d);
	r = ike_creds_load(nd->conf, &nd->creds, stderr);
	if (r < 0)
		return r;
	return ike_engine_new(&nd->e, &n->tq, nd->conf, nd->creds, &h_ops, nd);
}

void h_node_addr(struct h_node *nd, const char *addr)
{
	if (nd->naddr < 4 && addr_parse(&nd->addr[nd->naddr], addr) == 0)
		nd->naddr++;
}

void h_node_fini(struct h_node *nd)
{
	ike_engine_free(nd->e);
	ike_creds_free(nd->creds);
	rc_conf_free(nd->conf);
	nd->creds = NULL;
	nd->e = NULL;
	nd->conf = NULL;
}

unsigned h_net_run(struct h_net *n)
{
	unsigned k = 0;

	while (n->head && k < 1000) {
		struct h_pkt *p = n->head;
		struct h_node *to;

		n->head = p->next;
		if (!n->head)
			n->tail = &n->head;
		k++;
		to = by_addr(n, &p->dst.addr);
		if (!to || !to->e || (n->filter && !n->filter(p, n->farg))) {
			n->dropped++;
		} else {
			n->delivered++;
			ike_input(to->e, p->buf, p->len, &p->dst, &p->src);
		}
		free(p);
	}
	return k;
}

void h_net_advance(struct h_net *n, uint64_t ms)
{
	/* Step a second at a time so that timers armed meanwhile fire in order. */
	while (ms) {
		uint64_t step = ms > 1000 ? 1000 : ms;

		timer_manual_advance(&n->tq, &n->clk, step);
		h_net_run(n);
		ms -= step;
	}
}

struct ike_ep h_ep(const char *addr)
{
	struct ike_ep e = { .port = 500 };

	if (addr_parse(&e.addr, addr) < 0)
		abort();
	return e;
}

void h_net_inject(struct h_net *n, const char *src, const char *dst, const uint8_t *buf,
		  size_t len)
{
	struct ike_ep s = h_ep(src), d = h_ep(dst);

	queue(n, &s, &d, buf, len);
}
