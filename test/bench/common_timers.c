/* Timer queue figures: arm, cancel and expire rates with N timers armed at
 * once (default 100,000; first argument overrides).  Prints figures only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common/timer.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long fired;

static void on_fire(struct timer *t, void *arg)
{
	(void)t;
	(void)arg;
	fired++;
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void report(const char *what, size_t n, double secs)
{
	printf("%-28s %8zu ops %9.3f ms %12.0f ops/s %8.1f ns/op\n", what, n, secs * 1e3,
	       secs > 0 ? (double)n / secs : 0.0, secs * 1e9 / (double)n);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	struct timer_manual_clock c = { .now = 0 };
	struct timerq q;
	struct timer *t;
	uint64_t *when;
	size_t i, half = 0;
	double t0;

	if (n == 0)
		return 1;
	t = calloc(n, sizeof(*t));
	when = calloc(n, sizeof(*when));
	if (!t || !when)
		return 1;
	for (i = 0; i < n; i++) {
		when[i] = 1 + rng() % 3600000;      /* within an hour, in ms */
		timer_init(&t[i], on_fire, NULL);
	}
	timerq_init(&q, timer_manual_clock_read, &c);
	printf("timer queue with %zu timers (pairing heap)\n", n);

	t0 = now_s();
	for (i = 0; i < n; i++)
		timer_arm(&q, &t[i], when[i]);
	report("arm (empty -> full)", n, now_s() - t0);

	t0 = now_s();
	for (i = 0; i < n; i++)
		timer_arm(&q, &t[i], when[i] + 1000);
	report("re-arm (full)", n, now_s() - t0);

	t0 = now_s();
	for (i = 0; i < n; i += 2, half++)
		timer_cancel(&t[i]);
	report("cancel every other one", half, now_s() - t0);

	fired = 0;
	t0 = now_s();
	c.now = UINT64_MAX;
	timerq_run(&q, c.now);
	report("expire the rest in order", fired, now_s() - t0);

	c.now = 0;
	for (i = 0; i < n; i++)
		timer_arm(&q, &t[i], when[i]);
	fired = 0;
	t0 = now_s();
	while (timerq_count(&q)) {
		c.now += 1000;                  /* one run per simulated second */
		timerq_run(&q, c.now);
	}
	report("expire in 1 s steps", fired, now_s() - t0);

	free(t);
	free(when);
	return 0;
}
