/* An in-memory network of IKE engines with a manual clock and a fake key
 * manager recording every kernel operation (unit tests and the fuzzer). */
#ifndef TEST_RACOOND_IKE_HARNESS_H
#define TEST_RACOOND_IKE_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "common/timer.h"
#include "racoond/ike/creds.h"
#include "racoond/ike/ike.h"

#define H_MAX 64

struct h_net;

struct h_del {
	struct ip_addr src, dst;
	uint32_t spi;
};

struct h_node {
	struct h_net *net;
	const char *name;
	struct rc_conf *conf;
	struct ike_creds *creds;     /* loaded with conf, freed before it */
	struct ike_engine *e;
	struct ip_addr addr[4];
	unsigned naddr;
	uint32_t next_spi;
	unsigned n_getspi;
	struct ipsec_sa upd[H_MAX];
	unsigned n_upd;
	struct ipsec_sa add[H_MAX];
	unsigned n_add;
	struct h_del del[H_MAX];
	unsigned n_del;
	unsigned n_sent;
};

struct h_pkt {
	struct h_pkt *next;
	struct ike_ep src, dst;
	size_t len;
	uint8_t buf[];
};

/* Returns false to drop the packet (it may also change it). */
typedef bool h_filter_fn(struct h_pkt *p, void *arg);

struct h_net {
	struct timer_manual_clock clk;
	struct timerq tq;
	struct h_pkt *head, **tail;
	struct h_node *nodes[4];
	unsigned n;
	h_filter_fn *filter;
	void *farg;
	unsigned delivered, dropped;
};

extern const struct ike_ops h_ops;

void h_net_init(struct h_net *n);
/* Frees queued packets. */
void h_net_fini(struct h_net *n);
/* Loads conf_text (NULL: leaves conf and engine unset); 0 or -errno. */
int h_node_init(struct h_node *nd, struct h_net *n, const char *name, const char *conf_text,
		uint32_t spi_base);
void h_node_addr(struct h_node *nd, const char *addr);
void h_node_fini(struct h_node *nd);
/* Delivers queued packets until none is left (or max); returns how many. */
unsigned h_net_run(struct h_net *n);
/* Moves the clock (firing timers) then delivers what they sent. */
void h_net_advance(struct h_net *n, uint64_t ms);
void h_net_clear(struct h_net *n);
/* Queues a datagram as if sent by src to dst. */
void h_net_inject(struct h_net *n, const char *src, const char *dst, const uint8_t *buf,
		  size_t len);
struct ike_ep h_ep(const char *addr);

#endif
