/* Timers: a queue of one-shot timers embedded in the caller's objects.
 *
 * The queue is a pairing heap ordered by (deadline, arm order): arming is
 * O(1), cancelling and expiring O(log n) amortised, and no call allocates,
 * so none can fail.  Timers with equal deadlines fire in the order they
 * were armed.
 *
 * Time is in milliseconds on a clock the queue reads through a function
 * pointer: CLOCK_MONOTONIC by default, or a manual clock so that state
 * machines can be driven by tests without sleeping.  The queue does no I/O;
 * the event loop (evloop.h) owns one and runs it, and engines take a
 * struct timerq * so they can be tested without a loop. */
#ifndef COMMON_TIMER_H
#define COMMON_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct timer;
struct timerq;

typedef void timer_fn(struct timer *t, void *arg);
/* Returns the current time in milliseconds. */
typedef uint64_t timer_clock_fn(void *arg);

enum timer_state {
	TIMER_STATE_IDLE = 0,
	TIMER_STATE_QUEUED,          /* in the heap */
	TIMER_STATE_DUE,             /* taken off the heap by a run, not yet fired */
};

/* Embed in the owning object; the fields are private to timer.c. */
struct timer {
	uint64_t expires;
	uint64_t seq;
	struct timer *child;         /* heap: leftmost child */
	struct timer *next;          /* heap: right sibling; due list: next */
	struct timer *prev;          /* heap: left sibling or parent; due list: previous */
	struct timerq *q;
	timer_fn *fn;
	void *arg;
	enum timer_state state;
};

struct timerq {
	struct timer *root;
	struct timer *due_head, *due_tail;
	uint64_t seq;
	size_t count;
	timer_clock_fn *clock;
	void *clock_arg;
};

/* The default clock: CLOCK_MONOTONIC in milliseconds (arg unused). */
uint64_t timer_clock_monotonic(void *arg);

/* A clock that moves only when told: timerq_init(q, timer_manual_clock_read, &c). */
struct timer_manual_clock {
	uint64_t now;
};
uint64_t timer_manual_clock_read(void *clock);
/* Moves c forward by ms and runs q's due timers; returns how many fired. */
unsigned timer_manual_advance(struct timerq *q, struct timer_manual_clock *c, uint64_t ms);

/* clock NULL: timer_clock_monotonic. */
void timerq_init(struct timerq *q, timer_clock_fn *clock, void *clock_arg);
/* Disarms every timer still queued (their memory is the owners'). */
void timerq_clear(struct timerq *q);
uint64_t timerq_now(const struct timerq *q);
/* Number of armed timers. */
static inline size_t timerq_count(const struct timerq *q) { return q->count; }
/* The earliest deadline in *when; false when nothing is armed. */
bool timerq_next(const struct timerq *q, uint64_t *when);
/* Fires, in order, every timer whose deadline is <= now when the run
 * starts.  A callback may cancel or re-arm any timer (its own included) and
 * free its own; timers it arms do not fire in this run even if already due.
 * Returns how many fired. */
unsigned timerq_run(struct timerq *q, uint64_t now);
/* timerq_run at the queue's clock. */
unsigned timerq_expire(struct timerq *q);

void timer_init(struct timer *t, timer_fn *fn, void *arg);
/* Arms t to fire at the absolute time expires (ms on q's clock); an armed
 * timer is moved (re-armed), even from another queue. */
void timer_arm(struct timerq *q, struct timer *t, uint64_t expires);
/* Arms t to fire delay_ms from now. */
void timer_arm_in(struct timerq *q, struct timer *t, uint64_t delay_ms);
/* Disarms t; harmless on an idle timer. */
void timer_cancel(struct timer *t);
static inline bool timer_armed(const struct timer *t) { return t->state != TIMER_STATE_IDLE; }
/* The deadline of an armed timer. */
static inline uint64_t timer_expires(const struct timer *t) { return t->expires; }

#endif
