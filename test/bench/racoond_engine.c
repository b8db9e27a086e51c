/* Bench (figures, not a test): the IKE engine alone, in one process, no
 * kernel, no sockets: an initiator and a responder engine (the unit
 * tests' harness) run Main Mode with RSA certificates and modp2048, and
 * Quick Mode with PFS modp2048, N times.  Prints negotiations per second
 * (the first one apart: what a fresh daemon's first negotiation costs
 * after its warm-up); run it under perf to see where the time goes.
 *   racoond_engine CERTDIR [N]
 * CERTDIR: made by test/unit/racoond-crypto/mkcerts.sh, with cas.pem =
 * ca.pem + inter.pem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "racoond/crypto/ikecrypto.h"
#include "racoond/ike/creds.h"
#include "racoond/ike/ike.h"
#include "test/unit/racoond-ike/harness.h"

#define CONF_FMT \
	"path certificate \"%s\";\n" \
	"remote %s {\n exchange_mode main;\n my_identifier asn1dn;\n" \
	" certificate_type x509 \"%s.pem\" \"%s.key\";\n ca_type x509 \"cas.pem\";\n" \
	" proposal { encryption_algorithm aes; hash_algorithm sha256;" \
	" authentication_method rsasig; dh_group modp2048; }\n}\n" \
	"sainfo anonymous { pfs_group modp2048; encryption_algorithm aes 128;" \
	" authentication_algorithm hmac_sha1; compression_algorithm deflate; }\n"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void est_cb(const struct ike_ph2_info *i, void *arg)
{
	*(unsigned *)arg += i->established;
}

/* A node of the harness on a configuration and credentials loaded once,
 * as the daemon keeps them: only the engine is new. */
static int node(struct h_node *nd, struct h_net *n, const char *name, struct rc_conf *c,
		struct ike_creds *cr, uint32_t spi_base)
{
	memset(nd, 0, sizeof(*nd));
	nd->net = n;
	nd->name = name;
	nd->next_spi = spi_base;
	nd->conf = c;
	n->nodes[n->n++] = nd;
	return ike_engine_new(&nd->e, &n->tq, c, cr, &h_ops, nd);
}

static struct rc_conf *load(const char *text, struct ike_creds **cr)
{
	struct rc_load_opts o = { 0 };
	struct rc_diags d = { 0 };
	struct rc_conf *c = NULL;

	if (rc_conf_load_buffer(text, strlen(text), "bench", &o, &c, &d) < 0 ||
	    ike_creds_load(c, cr, stderr) < 0) {
		rc_diags_print(&d, stderr);
		exit(1);
	}
	rc_diags_free(&d);
	return c;
}

int main(int argc, char **argv)
{
	char ta[2048], tb[2048];
	unsigned n = argc > 2 ? (unsigned)atoi(argv[2]) : 20, ok = 0;
	struct ike_creds *cra, *crb;
	struct rc_conf *ca, *cb;
	double t = 0, first = 0;

	if (argc < 2 || n < 2) {
		fprintf(stderr, "usage: racoond_engine CERTDIR [N >= 2]\n");
		return 2;
	}
	snprintf(ta, sizeof(ta), CONF_FMT, argv[1], "192.0.2.2", "leaf", "leaf");
	snprintf(tb, sizeof(tb), CONF_FMT, argv[1], "192.0.2.1", "leaf2", "leaf2");
	/* As the daemon at start. */
	if (ike_crypto_warmup() < 0)
		return 1;
	ca = load(ta, &cra);
	cb = load(tb, &crb);
	for (unsigned i = 0; i < n; i++) {
		struct h_net net;
		struct h_node a, b;
		struct km_event ev = { .type = KM_EV_ACQUIRE };
		unsigned est = 0;
		double t0, dt;

		h_net_init(&net);
		if (node(&a, &net, "a", ca, cra, 0x1000) < 0 ||
		    node(&b, &net, "b", cb, crb, 0x2000) < 0)
			return 1;
		h_node_addr(&a, "192.0.2.1");
		h_node_addr(&b, "192.0.2.2");
		ev.u.acquire.seq = 7;
		addr_parse(&ev.u.acquire.src, "192.0.2.1");
		addr_parse(&ev.u.acquire.dst, "192.0.2.2");
		prefix_parse(&ev.u.acquire.policy.sel.src, "192.0.2.1");
		prefix_parse(&ev.u.acquire.policy.sel.dst, "192.0.2.2");
		ev.u.acquire.policy.sel.proto = 255;
		ev.u.acquire.policy.dir = IPSEC_DIR_OUT;
		ev.u.acquire.policy.ntmpl = 1;
		ev.u.acquire.policy.tmpl[0].proto = IPSEC_PROTO_ESP;
		ev.u.acquire.policy.tmpl[0].mode = IPSEC_MODE_TRANSPORT;
		ev.u.acquire.policy.tmpl[0].reqid = 5;
		t0 = now();
		ike_km_event(a.e, &ev);
		h_net_run(&net);
		dt = now() - t0;
		if (i == 0)
			first = dt;
		else
			t += dt;
		ike_ph2_foreach(b.e, est_cb, &est);
		ok += est == 1;
		ike_engine_free(a.e);
		ike_engine_free(b.e);
		h_net_fini(&net);
	}
	printf("engine: %u of %u negotiations (Main Mode RSA-2048 + Quick Mode PFS, modp2048, both "
	       "sides in one process): first %.2f ms, then %.2f ms each, %.1f/s\n", ok, n,
	       first * 1e3, t / (n - 1) * 1e3, (n - 1) / t);
	ike_creds_free(cra);
	ike_creds_free(crb);
	rc_conf_free(ca);
	rc_conf_free(cb);
	return ok == n ? 0 : 1;
}
