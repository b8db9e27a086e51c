/* Timer queue: ordering, ties, cancel and re-arm (also from callbacks),
 * and 100,000 timers at once, all on a manual clock. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/timer.h"

#define LOG_MAX 256

/* Records the order in which timers fire. */
struct firelog {
	int ids[LOG_MAX];
	uint64_t at[LOG_MAX];
	size_t n;
};

struct ttimer {
	struct timer t;
	int id;
	struct firelog *log;
	struct timerq *q;
	struct timer_manual_clock *clock;
	/* actions taken by the callback */
	struct timer *cancel_other;
	uint64_t rearm_in;
	int rearm_times;
	struct ttimer *arm_other;
	uint64_t arm_other_in;
	bool free_self;
};

static void on_fire(struct timer *t, void *arg)
{
	struct ttimer *tt = arg;
	struct firelog *log = tt->log;

	assert_ptr_equal(t, &tt->t);
	assert_false(timer_armed(t));
	assert_true(log->n < LOG_MAX);
	log->ids[log->n] = tt->id;
	log->at[log->n] = tt->clock ? tt->clock->now : 0;
	log->n++;
	if (tt->cancel_other)
		timer_cancel(tt->cancel_other);
	if (tt->arm_other)
		timer_arm_in(tt->q, &tt->arm_other->t, tt->arm_other_in);
	if (tt->rearm_times > 0) {
		tt->rearm_times--;
		timer_arm_in(tt->q, t, tt->rearm_in);
	}
	if (tt->free_self)
		free(tt);
}

struct fixture {
	struct timer_manual_clock clock;
	struct timerq q;
	struct firelog log;
	struct ttimer tt[16];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int i;

	assert_non_null(f);
	f->clock.now = 1000;
	timerq_init(&f->q, timer_manual_clock_read, &f->clock);
	for (i = 0; i < 16; i++) {
		f->tt[i].id = i;
		f->tt[i].log = &f->log;
		f->tt[i].q = &f->q;
		f->tt[i].clock = &f->clock;
		timer_init(&f->tt[i].t, on_fire, &f->tt[i]);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	timerq_clear(&f->q);
	assert_int_equal(timerq_count(&f->q), 0);
	free(f);
	return 0;
}

static void assert_fired(const struct firelog *log, const int *ids, size_t n)
{
	size_t i;

	assert_int_equal(log->n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(log->ids[i], ids[i]);
}

static void test_clocks(void **state)
{
	struct timer_manual_clock c = { .now = 42 };
	struct timerq q;
	uint64_t a, b;

	(void)state;
	timerq_init(&q, NULL, NULL);
	a = timerq_now(&q);
	b = timer_clock_monotonic(NULL);
	assert_true(b >= a);
	assert_true(b - a < 1000);
	timerq_init(&q, timer_manual_clock_read, &c);
	assert_int_equal(timerq_now(&q), 42);
	assert_int_equal(timer_manual_advance(&q, &c, 8), 0);
	assert_int_equal(timerq_now(&q), 50);
}

static void test_empty(void **state)
{
	struct fixture *f = *state;
	uint64_t when = 7;

	assert_false(timerq_next(&f->q, &when));
	assert_int_equal(when, 7);
	assert_int_equal(timerq_run(&f->q, UINT64_MAX), 0);
	assert_int_equal(timerq_count(&f->q), 0);
	assert_false(timer_armed(&f->tt[0].t));
	timer_cancel(&f->tt[0].t);
	assert_int_equal(timerq_count(&f->q), 0);
}

static void test_order(void **state)
{
	struct fixture *f = *state;
	static const uint64_t delay[] = { 50, 10, 40, 20, 30, 5, 45, 15 };
	static const int want[] = { 5, 1, 7, 3, 4, 2, 6, 0 };
	uint64_t when;
	size_t i;

	for (i = 0; i < 8; i++)
		timer_arm_in(&f->q, &f->tt[i].t, delay[i]);
	assert_int_equal(timerq_count(&f->q), 8);
	assert_true(timerq_next(&f->q, &when));
	assert_int_equal(when, 1005);
	assert_true(timer_armed(&f->tt[0].t));
	assert_int_equal(timer_expires(&f->tt[0].t), 1050);
	/* nothing is due before its deadline */
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 4), 0);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 1), 1);
	assert_int_equal(f->log.at[0], 1005);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 20), 3);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 100), 4);
	assert_fired(&f->log, want, 8);
	assert_int_equal(timerq_count(&f->q), 0);
	assert_false(timerq_next(&f->q, &when));
}

static void test_equal_deadlines_fifo(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 3, 0, 7, 1, 2, 4, 5, 6 };
	int i;

	/* all at the same deadline, armed in the order of want */
	for (i = 0; i < 8; i++)
		timer_arm(&f->q, &f->tt[want[i]].t, 2000);
	assert_int_equal(timerq_run(&f->q, 2000), 8);
	assert_fired(&f->log, want, 8);
}

static void test_rearm_moves(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0, 1, 2 };

	timer_arm_in(&f->q, &f->tt[0].t, 10);
	timer_arm_in(&f->q, &f->tt[1].t, 20);
	timer_arm_in(&f->q, &f->tt[2].t, 30);
	/* re-arming moves the timer; it stays counted once */
	timer_arm_in(&f->q, &f->tt[0].t, 25);
	assert_int_equal(timerq_count(&f->q), 3);
	assert_int_equal(timer_expires(&f->tt[0].t), 1025);
	/* re-arming at an equal deadline puts it after the ones armed before */
	timer_arm(&f->q, &f->tt[1].t, 1025);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 100), 3);
	assert_fired(&f->log, want, 3);
}

static void test_rearm_to_other_queue(void **state)
{
	struct fixture *f = *state;
	struct timerq other;

	timerq_init(&other, timer_manual_clock_read, &f->clock);
	timer_arm_in(&f->q, &f->tt[0].t, 10);
	timer_arm_in(&other, &f->tt[0].t, 10);
	assert_int_equal(timerq_count(&f->q), 0);
	assert_int_equal(timerq_count(&other), 1);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 10), 0);
	assert_int_equal(timerq_run(&other, f->clock.now), 1);
}

static void test_cancel(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0, 3 };
	int i;

	for (i = 0; i < 4; i++)
		timer_arm_in(&f->q, &f->tt[i].t, (uint64_t)(10 * (i + 1)));
	timer_cancel(&f->tt[1].t);
	timer_cancel(&f->tt[2].t);
	timer_cancel(&f->tt[2].t);
	assert_false(timer_armed(&f->tt[1].t));
	assert_int_equal(timerq_count(&f->q), 2);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 100), 2);
	assert_fired(&f->log, want, 2);
}

static void test_cancel_root(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 1, 2 };
	uint64_t when;

	timer_arm_in(&f->q, &f->tt[0].t, 5);
	timer_arm_in(&f->q, &f->tt[1].t, 6);
	timer_arm_in(&f->q, &f->tt[2].t, 7);
	timer_cancel(&f->tt[0].t);
	assert_true(timerq_next(&f->q, &when));
	assert_int_equal(when, 1006);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 10), 2);
	assert_fired(&f->log, want, 2);
}

/* A callback cancels a timer that is due in the same run. */
static void test_cancel_from_callback_same_run(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0, 2 };

	timer_arm_in(&f->q, &f->tt[0].t, 1);
	timer_arm_in(&f->q, &f->tt[1].t, 2);
	timer_arm_in(&f->q, &f->tt[2].t, 3);
	f->tt[0].cancel_other = &f->tt[1].t;
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 5), 2);
	assert_fired(&f->log, want, 2);
	assert_int_equal(timerq_count(&f->q), 0);
}

/* A callback cancels the last of several timers due in the same run. */
static void test_cancel_from_callback_due_tail(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0, 1, 3 };

	timer_arm_in(&f->q, &f->tt[0].t, 1);
	timer_arm_in(&f->q, &f->tt[1].t, 2);
	timer_arm_in(&f->q, &f->tt[2].t, 3);
	timer_arm_in(&f->q, &f->tt[3].t, 3);
	f->tt[0].cancel_other = &f->tt[2].t;
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 5), 3);
	assert_fired(&f->log, want, 3);
	assert_int_equal(timerq_count(&f->q), 0);
}

/* A callback cancels a timer that is not due yet, and itself (no-op). */
static void test_cancel_from_callback_later(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0 };

	timer_arm_in(&f->q, &f->tt[0].t, 1);
	timer_arm_in(&f->q, &f->tt[1].t, 100);
	f->tt[0].cancel_other = &f->tt[1].t;
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 5), 1);
	assert_int_equal(timerq_count(&f->q), 0);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 500), 0);
	assert_fired(&f->log, want, 1);

	f->log.n = 0;
	f->tt[2].cancel_other = &f->tt[2].t;
	timer_arm_in(&f->q, &f->tt[2].t, 1);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 1), 1);
	assert_int_equal(f->log.n, 1);
}

/* A periodic timer re-arms itself from its callback. */
static void test_rearm_from_callback(void **state)
{
	struct fixture *f = *state;
	int i;

	f->tt[0].rearm_in = 10;
	f->tt[0].rearm_times = 3;
	timer_arm_in(&f->q, &f->tt[0].t, 10);
	for (i = 0; i < 6; i++)
		timer_manual_advance(&f->q, &f->clock, 10);
	assert_int_equal(f->log.n, 4);
	assert_int_equal(f->log.at[0], 1010);
	assert_int_equal(f->log.at[1], 1020);
	assert_int_equal(f->log.at[2], 1030);
	assert_int_equal(f->log.at[3], 1040);
	assert_false(timer_armed(&f->tt[0].t));
}

/* Timers armed by a callback at "now" wait for the next run, so a run
 * always ends. */
static void test_rearm_now_waits_next_run(void **state)
{
	struct fixture *f = *state;

	f->tt[0].rearm_in = 0;
	f->tt[0].rearm_times = 1000;
	timer_arm_in(&f->q, &f->tt[0].t, 0);
	assert_int_equal(timerq_expire(&f->q), 1);
	assert_true(timer_armed(&f->tt[0].t));
	assert_int_equal(timerq_expire(&f->q), 1);
	assert_int_equal(f->log.n, 2);
	timer_cancel(&f->tt[0].t);
}

/* A callback re-arms a timer that is due in the same run: it moves out. */
static void test_rearm_other_due_from_callback(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 0, 2, 1 };

	timer_arm_in(&f->q, &f->tt[0].t, 1);
	timer_arm_in(&f->q, &f->tt[1].t, 2);
	timer_arm_in(&f->q, &f->tt[2].t, 3);
	f->tt[0].arm_other = &f->tt[1];
	f->tt[0].arm_other_in = 50;
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 5), 2);
	assert_int_equal(timer_expires(&f->tt[1].t), 1055);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 50), 1);
	assert_fired(&f->log, want, 3);
}

/* A callback may free the object holding its timer. */
static void test_free_in_callback(void **state)
{
	struct fixture *f = *state;
	struct ttimer *tt = calloc(1, sizeof(*tt));

	assert_non_null(tt);
	tt->id = 99;
	tt->log = &f->log;
	tt->free_self = true;
	timer_init(&tt->t, on_fire, tt);
	timer_arm_in(&f->q, &tt->t, 1);
	timer_arm_in(&f->q, &f->tt[0].t, 1);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 1), 2);
	assert_int_equal(f->log.ids[0], 99);
	assert_int_equal(f->log.ids[1], 0);
}

static uint64_t seen_next;
static bool seen_has_next;

static void on_peek_and_clear(struct timer *t, void *arg)
{
	struct timerq *q = arg;

	(void)t;
	seen_has_next = timerq_next(q, &seen_next);
	timerq_clear(q);
}

/* From a callback, timerq_next sees the timers still due in this run, and
 * timerq_clear drops them too. */
static void test_next_and_clear_during_run(void **state)
{
	struct fixture *f = *state;
	struct timer peek;

	timer_init(&peek, on_peek_and_clear, &f->q);
	timer_arm(&f->q, &peek, 1001);
	timer_arm(&f->q, &f->tt[0].t, 1003);
	timer_arm(&f->q, &f->tt[1].t, 1900);
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 10), 1);
	assert_true(seen_has_next);
	assert_int_equal(seen_next, 1003);
	assert_int_equal(f->log.n, 0);
	assert_int_equal(timerq_count(&f->q), 0);
	assert_false(timer_armed(&f->tt[0].t));
	assert_false(timer_armed(&f->tt[1].t));
}

static void test_clear(void **state)
{
	struct fixture *f = *state;
	int i;

	for (i = 0; i < 16; i++)
		timer_arm_in(&f->q, &f->tt[i].t, (uint64_t)(i % 5));
	assert_int_equal(timerq_count(&f->q), 16);
	timerq_clear(&f->q);
	assert_int_equal(timerq_count(&f->q), 0);
	for (i = 0; i < 16; i++)
		assert_false(timer_armed(&f->tt[i].t));
	assert_int_equal(timer_manual_advance(&f->q, &f->clock, 100), 0);
}

/* Many timers: each records its firing; order is checked afterwards. */
#define MANY 100000

struct many {
	struct timer t;
	uint64_t key;                /* deadline * MANY + arm order */
	bool cancelled;
};

static uint64_t *many_seen;
static size_t many_nseen;

static void on_many(struct timer *t, void *arg)
{
	struct many *m = arg;

	(void)t;
	many_seen[many_nseen++] = m->key;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void run_many(bool cancel_half)
{
	struct timer_manual_clock c = { .now = 0 };
	struct timerq q;
	struct many *m = calloc(MANY, sizeof(*m));
	size_t i, live = MANY, fired = 0;

	assert_non_null(m);
	many_seen = calloc(MANY, sizeof(*many_seen));
	assert_non_null(many_seen);
	many_nseen = 0;
	timerq_init(&q, timer_manual_clock_read, &c);
	for (i = 0; i < MANY; i++) {
		/* few distinct deadlines, so ties are common */
		uint64_t deadline = 1 + rng() % 5000;

		m[i].key = deadline * MANY + i;
		timer_init(&m[i].t, on_many, &m[i]);
		timer_arm(&q, &m[i].t, deadline);
	}
	assert_int_equal(timerq_count(&q), MANY);
	if (cancel_half) {
		for (i = 0; i < MANY; i++)
			if (rng() & 1) {
				timer_cancel(&m[i].t);
				m[i].cancelled = true;
				live--;
			}
		assert_int_equal(timerq_count(&q), live);
	}
	/* expire in a few steps of the clock */
	while (timerq_count(&q)) {
		c.now += 397;
		fired += timerq_run(&q, c.now);
	}
	assert_int_equal(fired, live);
	assert_int_equal(many_nseen, live);
	for (i = 1; i < many_nseen; i++)
		assert_true(many_seen[i - 1] < many_seen[i]);
	for (i = 0; i < many_nseen; i++)
		assert_false(m[many_seen[i] % MANY].cancelled);
	free(many_seen);
	many_seen = NULL;
	free(m);
}

static void test_many_in_order(void **state)
{
	(void)state;
	run_many(false);
}

static void test_many_cancel_random_half(void **state)
{
	(void)state;
	run_many(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clocks),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_equal_deadlines_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rearm_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rearm_to_other_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_from_callback_same_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_from_callback_due_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_from_callback_later, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rearm_from_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rearm_now_waits_next_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rearm_other_due_from_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_in_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_and_clear_during_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear, setup, teardown),
		cmocka_unit_test(test_many_in_order),
		cmocka_unit_test(test_many_cancel_random_half),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
