/* Bench: Binding Updates processed per second by the HA engine with 1,000
 * and 100,000 bindings (registration, refresh, handover, removal), with
 * and without IPsec policies, and the binding cache's memory per binding.
 * The kernel steps are counted, not applied: this measures the engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip6d/ha/bu.h"

static unsigned long steps, bas, rejected;

static int count_apply(void *ctx, const struct ha_action *a)
{
	(void)ctx;
	(void)a;
	steps++;
	return 0;
}

static void count_ba(void *ctx, const struct ha_ba *ba)
{
	(void)ctx;
	bas++;
	if (ba->status >= 128)
		rejected++;
}

static double secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct ip_addr nth(const char *base, unsigned i)
{
	struct ip_addr a;

	uint32_t v = i + 1;

	addr_parse(&a, base);
	a.u.bytes[12] = (uint8_t)(v >> 24);
	a.u.bytes[13] = (uint8_t)(v >> 16);
	a.u.bytes[14] = (uint8_t)(v >> 8);
	a.u.bytes[15] = (uint8_t)v;
	return a;
}

/* mip6d.conf text for an HA; with ipsec, one IPsecPolicySet listing the n
 * home addresses (seed 000's policies). */
static char *conf_text(unsigned n, int ipsec)
{
	size_t cap = 512 + (ipsec ? (size_t)n * 64 : 0), len;
	char *t = malloc(cap);
	char a[ADDR_STRLEN];

	if (!t)
		return NULL;
	len = (size_t)snprintf(t, cap, "NodeConfig HA; Interface \"eth0\"; HaMaxBindingLife 3600;\n"
				       "UseMnHaIPsec %s; KeyMngMobCapability enabled;\n",
			       ipsec ? "enabled" : "disabled");
	if (ipsec) {
		len += (size_t)snprintf(t + len, cap - len,
					"IPsecPolicySet { HomeAgentAddress 2001:db8:ffff::1000;\n");
		for (unsigned i = 0; i < n; i++) {
			struct ip_addr h = nth("2001:db8:ffff::", i);

			len += (size_t)snprintf(t + len, cap - len, "HomeAddress %s/64;\n",
						addr_fmt(&h, a, sizeof(a)));
		}
		snprintf(t + len, cap - len, "IPsecPolicy Mh UseESP; IPsecPolicy TunnelPayload UseESP; }\n");
	}
	return t;
}

static void phase(struct ha *ha, unsigned n, const char *what, const char *coa_base, uint16_t seq,
		  uint16_t lifetime)
{
	struct ha_bu bu = { .flags = BU_FLAG_A | BU_FLAG_H | BU_FLAG_K, .seq = seq,
			    .lifetime = lifetime };
	unsigned long s0 = steps;
	double t0, dt;

	addr_parse(&bu.dst, "2001:db8:ffff::1000");
	t0 = secs();
	for (unsigned i = 0; i < n; i++) {
		bu.hoa = nth("2001:db8:ffff::", i);
		bu.src = nth(coa_base, i);
		bu.alt_coa = bu.src;
		if (ha_process_bu(ha, &bu)) {
			fprintf(stderr, "BU %u refused\n", i);
			exit(1);
		}
	}
	dt = secs() - t0;
	printf("  %-13s %9.0f BU/s  (%.2f us/BU, %.1f kernel steps/BU)\n", what, n / dt,
	       dt * 1e6 / n, (double)(steps - s0) / n);
}

static void run(unsigned n, int ipsec)
{
	struct mip6_conf conf;
	struct timer_manual_clock clk = { 0 };
	struct timerq q;
	struct ha ha;
	struct ha_ops ops = { .apply = count_apply, .send_ba = count_ba };
	struct ha_config cfg = { .conf = &conf };
	struct ip_prefix home;
	char *text = conf_text(n, ipsec);
	size_t mem, nbuckets;
	double t0;

	if (!text) {
		perror("malloc");
		exit(1);
	}
	conf_init(&conf);
	t0 = secs();
	if (conf_load_string(&conf, text, strlen(text), "bench", NULL)) {
		fprintf(stderr, "configuration refused\n");
		exit(1);
	}
	free(text);
	printf("%u bindings, IPsec %s (configuration loaded in %.2f s):\n", n,
	       ipsec ? "on, seed 000 policies" : "off", secs() - t0);
	prefix_parse(&home, "2001:db8:ffff::/64");
	cfg.home_prefixes = &home;
	cfg.n_home_prefixes = 1;
	timerq_init(&q, timer_manual_clock_read, &clk);
	if (ha_init(&ha, &q, &cfg, &ops, NULL)) {
		fprintf(stderr, "ha_init failed\n");
		exit(1);
	}
	steps = bas = rejected = 0;
	phase(&ha, n, "registration", "2001:db8:1::", 1, 900);
	mem = bcache_memory(ha_bcache(&ha));
	nbuckets = ha_bcache(&ha)->nbuckets;
	phase(&ha, n, "refresh", "2001:db8:1::", 2, 900);
	phase(&ha, n, "handover", "2001:db8:2::", 3, 900);
	phase(&ha, n, "removal", "2001:db8:2::", 4, 0);
	printf("  binding cache: %zu bytes for %u bindings = %.1f bytes/binding "
	       "(struct bce %zu, %zu buckets)\n", mem, n, (double)mem / n, sizeof(struct bce),
	       nbuckets);
	if (rejected) {
		fprintf(stderr, "%lu BUs rejected\n", rejected);
		exit(1);
	}
	ha_destroy(&ha);
	conf_free(&conf);
}

int main(void)
{
	run(1000, 0);
	run(100000, 0);
	run(1000, 1);
	run(100000, 1);
	return 0;
}
