/* Timers on a pairing heap: see timer.h.
 *
 * Heap links: a node's children form a list from child through next; prev
 * points to the left sibling, or to the parent for the leftmost child, and
 * is NULL at the root.  All operations are iterative, so 100,000 timers
 * armed at once cost no stack. */
#include "config.h"

#include "common/timer.h"

#include <time.h>

uint64_t timer_clock_monotonic(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t timer_manual_clock_read(void *clock)
{
	return ((const struct timer_manual_clock *)clock)->now;
}

unsigned timer_manual_advance(struct timerq *q, struct timer_manual_clock *c, uint64_t ms)
{
	c->now += ms;
	return timerq_run(q, c->now);
}

void timerq_init(struct timerq *q, timer_clock_fn *clock, void *clock_arg)
{
	q->root = NULL;
	q->due_head = q->due_tail = NULL;
	q->seq = 0;
	q->count = 0;
	q->clock = clock ? clock : timer_clock_monotonic;
	q->clock_arg = clock_arg;
}

uint64_t timerq_now(const struct timerq *q)
{
	return q->clock(q->clock_arg);
}

static bool before(const struct timer *a, const struct timer *b)
{
	return a->expires < b->expires || (a->expires == b->expires && a->seq < b->seq);
}

/* Melds two detached roots; the later one becomes the leftmost child. */
static struct timer *meld(struct timer *a, struct timer *b)
{
	struct timer *tmp;

	if (before(b, a)) {
		tmp = a;
		a = b;
		b = tmp;
	}
	b->next = a->child;
	if (a->child)
		a->child->prev = b;
	b->prev = a;
	a->child = b;
	return a;
}

/* Two-pass pairing of a sibling list into one detached root (or NULL). */
static struct timer *merge_pairs(struct timer *first)
{
	struct timer *stack = NULL, *acc = NULL;

	while (first) {
		struct timer *a = first, *b = a->next, *m;

		first = b ? b->next : NULL;
		a->next = a->prev = NULL;
		if (b) {
			b->next = b->prev = NULL;
			m = meld(a, b);
		} else {
			m = a;
		}
		m->next = stack;
		stack = m;
	}
	while (stack) {
		struct timer *m = stack;

		stack = m->next;
		m->next = NULL;
		acc = acc ? meld(acc, m) : m;
	}
	return acc;
}

static void heap_insert(struct timerq *q, struct timer *t)
{
	t->child = t->next = t->prev = NULL;
	q->root = q->root ? meld(q->root, t) : t;
}

static void heap_remove(struct timerq *q, struct timer *t)
{
	struct timer *sub;

	if (t == q->root) {
		q->root = merge_pairs(t->child);
		return;
	}
	if (t->prev->child == t)
		t->prev->child = t->next;
	else
		t->prev->next = t->next;
	if (t->next)
		t->next->prev = t->prev;
	sub = merge_pairs(t->child);
	if (sub)
		q->root = meld(q->root, sub);
}

static void due_unlink(struct timerq *q, struct timer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		q->due_head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		q->due_tail = t->prev;
}

static void due_append(struct timerq *q, struct timer *t)
{
	t->next = NULL;
	t->prev = q->due_tail;
	if (q->due_tail)
		q->due_tail->next = t;
	else
		q->due_head = t;
	q->due_tail = t;
}

void timer_init(struct timer *t, timer_fn *fn, void *arg)
{
	t->expires = 0;
	t->seq = 0;
	t->child = t->next = t->prev = NULL;
	t->q = NULL;
	t->fn = fn;
	t->arg = arg;
	t->state = TIMER_STATE_IDLE;
}

void timer_cancel(struct timer *t)
{
	struct timerq *q = t->q;

	switch (t->state) {
	case TIMER_STATE_QUEUED:
		heap_remove(q, t);
		break;
	case TIMER_STATE_DUE:
		due_unlink(q, t);
		break;
	case TIMER_STATE_IDLE:
		return;
	}
	q->count--;
	t->child = t->next = t->prev = NULL;
	t->q = NULL;
	t->state = TIMER_STATE_IDLE;
}

void timer_arm(struct timerq *q, struct timer *t, uint64_t expires)
{
	timer_cancel(t);
	t->expires = expires;
	t->seq = q->seq++;
	t->q = q;
	t->state = TIMER_STATE_QUEUED;
	heap_insert(q, t);
	q->count++;
}

void timer_arm_in(struct timerq *q, struct timer *t, uint64_t delay_ms)
{
	timer_arm(q, t, timerq_now(q) + delay_ms);
}

bool timerq_next(const struct timerq *q, uint64_t *when)
{
	if (q->due_head) {
		*when = q->due_head->expires;
		return true;
	}
	if (q->root) {
		*when = q->root->expires;
		return true;
	}
	return false;
}

unsigned timerq_run(struct timerq *q, uint64_t now)
{
	struct timer *t;
	unsigned fired = 0;

	/* Take every due timer off the heap first, so that timers armed by the
	 * callbacks wait for the next run and a callback re-arming itself at
	 * "now" cannot keep this loop going. */
	while ((t = q->root) && t->expires <= now) {
		q->root = merge_pairs(t->child);
		t->child = NULL;
		t->state = TIMER_STATE_DUE;
		due_append(q, t);
	}
	while ((t = q->due_head)) {
		due_unlink(q, t);
		t->next = t->prev = NULL;
		t->q = NULL;
		t->state = TIMER_STATE_IDLE;
		q->count--;
		fired++;
		/* t may be freed by its callback: not touched afterwards. */
		t->fn(t, t->arg);
	}
	return fired;
}

unsigned timerq_expire(struct timerq *q)
{
	return timerq_run(q, timerq_now(q));
}

void timerq_clear(struct timerq *q)
{
	while (q->due_head)
		timer_cancel(q->due_head);
	while (q->root)
		timer_cancel(q->root);
}
