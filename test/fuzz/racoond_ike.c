/* libFuzzer harness of racoond's IKE engine: arbitrary datagrams into a
 * fresh responder, into a responder mid-Main-Mode (after M1), and into
 * both ends of an established ISAKMP SA; the input's first byte picks the
 * case, the datagram gets the live cookies so that it reaches the state
 * machines rather than the cookie check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "test/unit/racoond-ike/harness.h"

#define A4 "192.0.2.1"
#define B4 "192.0.2.2"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rc_conf *conf_a, *conf_b;

static struct rc_conf *load(const char *text)
{
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	struct rc_conf *c = NULL;

	if (rc_conf_load_buffer(text, strlen(text), "fuzz", &o, &c, &d) < 0) {
		rc_diags_print(&d, stderr);
		abort();
	}
	rc_diags_free(&d);
	return c;
}

static void init(void)
{
	static char dir[] = "/tmp/fuzz_ike.XXXXXX";
	char path[256], text[2048];
#define CONF_FMT \
	"path pre_shared_key \"%s\";\n" \
	"timer { counter 2; interval 1 sec; phase1 5 sec; phase2 5 sec; }\n" \
	"remote %s { exchange_mode main, aggressive; my_identifier address;" \
	" proposal_check obey; dpd_delay 2;" \
	" proposal { encryption_algorithm aes; hash_algorithm sha1;" \
	" authentication_method pre_shared_key; dh_group modp768; } }\n" \
	"sainfo anonymous { lifetime time 1 hour; encryption_algorithm aes 128;" \
	" authentication_algorithm hmac_sha1; compression_algorithm deflate; }\n"
	FILE *f;

	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/psk.txt", dir);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(A4 " fuzzkey\n" B4 " fuzzkey\n", f);
	fclose(f);
	snprintf(text, sizeof(text), CONF_FMT, path, B4);
	conf_a = load(text);
	snprintf(text, sizeof(text), CONF_FMT, path, A4);
	conf_b = load(text);
	log_set_level(LOG_LVL_ERROR);
}

static void node(struct h_node *n, struct h_net *net, const char *name, struct rc_conf *c,
		 const char *addr, uint32_t spi)
{
	h_node_init(n, net, name, NULL, spi);
	h_node_addr(n, addr);
	n->conf = c;
	if (ike_engine_new(&n->e, &net->tq, c, NULL, &h_ops, n) < 0)
		abort();
}

static bool keep_first(struct h_pkt *p, void *arg)
{
	unsigned *n = arg;

	(void)p;
	return (*n)++ == 0;
}

static bool no_delivery(struct h_pkt *p, void *arg)
{
	uint8_t *rc = arg;

	/* Remembers the responder's cookie of what b sends. */
	if (p->len >= 16)
		memcpy(rc, p->buf + 8, 8);
	return false;
}

static void cookies_of(const struct ike_ph1_info *i, void *arg)
{
	memcpy(arg, i->rcookie, 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct h_net net;
	struct h_node a, b;
	uint8_t *pkt, ic[8] = { 0 }, rc[8] = { 0 };
	unsigned mode, n = 0;
	struct km_event ev;

	if (!ready) {
		init();
		ready = true;
	}
	if (size < 1 || size > 4096)
		return 0;
	mode = data[0] % 3;
	data++;
	size--;
	h_net_init(&net);
	node(&a, &net, "a", conf_a, A4, 0x100);
	node(&b, &net, "b", conf_b, B4, 0x200);
	if (mode > 0) {
		memset(&ev, 0, sizeof(ev));
		ev.type = KM_EV_ACQUIRE;
		addr_parse(&ev.u.acquire.src, A4);
		addr_parse(&ev.u.acquire.dst, B4);
		prefix_parse(&ev.u.acquire.policy.sel.src, A4);
		prefix_parse(&ev.u.acquire.policy.sel.dst, B4);
		ev.u.acquire.policy.ntmpl = 1;
		ev.u.acquire.policy.tmpl[0].proto = IPSEC_PROTO_ESP;
		ev.u.acquire.policy.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
		ike_km_event(a.e, &ev);
		if (net.head && net.head->len >= 8)
			memcpy(ic, net.head->buf, 8);
		if (mode == 1) {
			/* b answers M1; its M2 is lost. */
			net.filter = keep_first;
			net.farg = &n;
			h_net_run(&net);
			net.filter = no_delivery;
			net.farg = rc;
			h_net_run(&net);
			net.filter = NULL;
		} else {
			h_net_run(&net);
			ike_ph1_foreach(b.e, cookies_of, rc);
		}
	}
	pkt = malloc(size ? size : 1);
	memcpy(pkt, data, size);
	if (mode > 0 && size >= 16) {
		memcpy(pkt, ic, 8);
		memcpy(pkt + 8, rc, 8);
	}
	h_net_inject(&net, A4, B4, pkt, size);
	h_net_inject(&net, B4, A4, pkt, size);
	h_net_run(&net);
	h_net_advance(&net, 3000);
	free(pkt);
	ike_engine_free(a.e);
	ike_engine_free(b.e);
	h_net_fini(&net);
	return 0;
}
