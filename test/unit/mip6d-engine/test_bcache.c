/* The binding cache: add, look up, delete, timers on a manual clock,
 * resizing, 100,000 entries, iteration, prefixes. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"
#include "mip6d/ha/bcache.h"

static const uint8_t key[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

struct ctx {
	struct timerq q;
	struct timer_manual_clock clk;
	struct bcache bc;
	unsigned fired;
	struct bce *last;
	bool delete_on_expiry;
};

static void on_expire(struct bcache *bc, struct bce *e, void *arg)
{
	struct ctx *c = arg;

	c->fired++;
	c->last = e;
	if (c->delete_on_expiry)
		bcache_del(bc, e);
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	timerq_init(&c->q, timer_manual_clock_read, &c->clk);
	assert_int_equal(bcache_init(&c->bc, &c->q, key, on_expire, c), 0);
	c->delete_on_expiry = true;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	bcache_destroy(&c->bc);
	assert_int_equal(timerq_count(&c->q), 0);
	free(c);
	return 0;
}

static struct ip_addr nth(unsigned i)
{
	struct ip_addr a = A("2001:db8:ffff::");

	a.u.bytes[12] = (uint8_t)(i >> 24);
	a.u.bytes[13] = (uint8_t)(i >> 16);
	a.u.bytes[14] = (uint8_t)(i >> 8);
	a.u.bytes[15] = (uint8_t)i;
	return a;
}

static void test_add_get_del(void **state)
{
	struct ctx *c = *state;
	struct ip_addr h1 = A("2001:db8:ffff::1"), h2 = A("2001:db8:ffff::2");
	struct bce *e, *f;

	assert_null(bcache_get(&c->bc, &h1));
	assert_int_equal(bcache_add(&c->bc, &h1, &e), 0);
	assert_int_equal(e->state, BCE_DAD);
	assert_false(timer_armed(&e->timer));
	assert_addr(&e->hoa, "2001:db8:ffff::1");
	assert_ptr_equal(bcache_get(&c->bc, &h1), e);
	assert_int_equal(bcache_add(&c->bc, &h1, &f), -EEXIST);
	assert_int_equal(bcache_add(&c->bc, &h2, &f), 0);
	assert_int_equal(bcache_count(&c->bc), 2);
	bcache_del(&c->bc, e);
	assert_null(bcache_get(&c->bc, &h1));
	assert_ptr_equal(bcache_get(&c->bc, &h2), f);
	assert_int_equal(bcache_count(&c->bc), 1);
}

/* A timer per entry; refreshing moves it; deleting cancels it. */
static void test_expiry_and_refresh(void **state)
{
	struct ctx *c = *state;
	struct ip_addr h1 = A("2001:db8:ffff::1"), h2 = A("2001:db8:ffff::2");
	struct bce *e1, *e2;

	assert_int_equal(bcache_add(&c->bc, &h1, &e1), 0);
	assert_int_equal(bcache_add(&c->bc, &h2, &e2), 0);
	bcache_arm(&c->bc, e1, 60000);
	bcache_arm(&c->bc, e2, 30000);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 29999), 0);
	/* e2 is refreshed before it ends. */
	bcache_arm(&c->bc, e2, c->clk.now + 60000);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 30001), 1);
	assert_int_equal(c->fired, 1);
	assert_null(bcache_get(&c->bc, &h1));
	assert_non_null(bcache_get(&c->bc, &h2));
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 29998), 0);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 1), 1);
	assert_int_equal(bcache_count(&c->bc), 0);

	/* Deleting an armed entry disarms it. */
	assert_int_equal(bcache_add(&c->bc, &h1, &e1), 0);
	bcache_arm(&c->bc, e1, c->clk.now + 1000);
	bcache_del(&c->bc, e1);
	assert_int_equal(timerq_count(&c->q), 0);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 2000), 0);
	assert_int_equal(c->fired, 2);
}

/* The callback may keep the entry and re-arm it. */
static void test_expiry_callback_keeps(void **state)
{
	struct ctx *c = *state;
	struct ip_addr h = A("2001:db8:ffff::9");
	struct bce *e;

	c->delete_on_expiry = false;
	assert_int_equal(bcache_add(&c->bc, &h, &e), 0);
	bcache_arm(&c->bc, e, 10);
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 10), 1);
	assert_ptr_equal(c->last, e);
	assert_ptr_equal(bcache_get(&c->bc, &h), e);
	assert_false(timer_armed(&e->timer));
}

static int count_cb(struct bce *e, void *arg)
{
	(void)e;
	(*(size_t *)arg)++;
	return 0;
}

static int stop_cb(struct bce *e, void *arg)
{
	(void)e;
	return ++(*(size_t *)arg) == 3 ? 42 : 0;
}

/* 100,000 bindings: all found, the table grew, iteration sees each once,
 * then deleting them shrinks the table back. */
static void test_many_and_resize(void **state)
{
	struct ctx *c = *state;
	const unsigned n = 100000;
	size_t seen = 0, mem;
	struct bce *e;

	for (unsigned i = 0; i < n; i++) {
		struct ip_addr a = nth(i);

		assert_int_equal(bcache_add(&c->bc, &a, &e), 0);
		e->seq = (uint16_t)i;
		bcache_arm(&c->bc, e, 1000000 + i);
	}
	assert_int_equal(bcache_count(&c->bc), n);
	assert_true(c->bc.nbuckets >= n);
	assert_true(c->bc.nbuckets < 4 * (size_t)n);
	assert_true(c->bc.resizes > 0);
	for (unsigned i = 0; i < n; i += 997) {
		struct ip_addr a = nth(i);

		e = bcache_get(&c->bc, &a);
		assert_non_null(e);
		assert_int_equal(e->seq, (uint16_t)i);
	}
	assert_int_equal(bcache_foreach(&c->bc, count_cb, &seen), 0);
	assert_int_equal(seen, n);
	seen = 0;
	assert_int_equal(bcache_foreach(&c->bc, stop_cb, &seen), 42);
	assert_int_equal(seen, 3);
	mem = bcache_memory(&c->bc);
	assert_true(mem >= n * sizeof(struct bce));
	/* Small per binding: the entry plus at most a few bucket pointers. */
	assert_true(mem / n <= sizeof(struct bce) + 4 * sizeof(void *));

	/* Half expire through their timers, the rest are deleted. */
	assert_int_equal(timer_manual_advance(&c->q, &c->clk, 1000000 + n / 2 - 1), n / 2);
	assert_int_equal(bcache_count(&c->bc), n - n / 2);
	for (unsigned i = n / 2; i < n; i++) {
		struct ip_addr a = nth(i);

		e = bcache_get(&c->bc, &a);
		assert_non_null(e);
		bcache_del(&c->bc, e);
	}
	assert_int_equal(bcache_count(&c->bc), 0);
	assert_int_equal(c->bc.nbuckets, 16);
	assert_int_equal(timerq_count(&c->q), 0);
}

/* Entries of several lengths of family, and the hash key matters. */
static void test_families_and_key(void **state)
{
	struct ctx *c = *state;
	struct ip_addr v4 = A("192.0.2.1"), v6 = A("::ffff:192.0.2.1");
	struct bcache other;
	static const uint8_t key2[16] = { 9 };
	struct bce *e;
	bool differs = false;

	assert_int_equal(bcache_add(&c->bc, &v4, &e), 0);
	assert_int_equal(bcache_add(&c->bc, &v6, &e), 0);
	assert_ptr_equal(bcache_get(&c->bc, &v6), e);
	assert_int_not_equal(bcache_get(&c->bc, &v4), e);

	/* Another key spreads the same addresses differently. */
	assert_int_equal(bcache_init(&other, &c->q, key2, on_expire, c), 0);
	for (unsigned i = 0; i < 12; i++) {
		struct ip_addr a = nth(i);

		assert_int_equal(bcache_add(&other, &a, &e), 0);
		assert_int_equal(bcache_add(&c->bc, &a, &e), 0);
	}
	for (unsigned i = 0; i < 12 && !differs; i++) {
		struct ip_addr a = nth(i);
		struct bce *x, *y;
		size_t bx = 0, by = 0;

		x = bcache_get(&other, &a);
		y = bcache_get(&c->bc, &a);
		for (size_t b = 0; b < other.nbuckets; b++)
			for (struct bce *p = other.buckets[b]; p; p = p->hnext)
				if (p == x)
					bx = b;
		for (size_t b = 0; b < c->bc.nbuckets; b++)
			for (struct bce *p = c->bc.buckets[b]; p; p = p->hnext)
				if (p == y)
					by = b;
		differs = bx != by;
	}
	assert_true(differs);
	bcache_destroy(&other);
}

static void test_mnps(void **state)
{
	struct ctx *c = *state;
	struct ip_addr h = A("2001:db8:ffff::1");
	struct ip_prefix p[2] = { P("2001:db8:aaaa::/48"), P("2001:db8:bbbb::/48") };
	static struct ip_prefix many[256];
	size_t base;
	struct bce *e;

	assert_int_equal(bcache_add(&c->bc, &h, &e), 0);
	base = bcache_memory(&c->bc);
	assert_int_equal(bcache_set_mnps(&c->bc, e, p, 2), 0);
	assert_int_equal(e->n_mnps, 2);
	assert_prefix(&e->mnps[1], "2001:db8:bbbb::/48");
	assert_int_equal(bcache_memory(&c->bc), base + 2 * sizeof(struct ip_prefix));
	assert_int_equal(bcache_set_mnps(&c->bc, e, many, 256), -EINVAL);
	assert_int_equal(e->n_mnps, 2);
	assert_int_equal(bcache_set_mnps(&c->bc, e, p, 1), 0);
	assert_int_equal(bcache_memory(&c->bc), base + sizeof(struct ip_prefix));
	assert_int_equal(bcache_set_mnps(&c->bc, e, NULL, 0), 0);
	assert_null(e->mnps);
	assert_int_equal(bcache_memory(&c->bc), base);
	/* Freed with the entry. */
	assert_int_equal(bcache_set_mnps(&c->bc, e, p, 2), 0);
	bcache_del(&c->bc, e);
	assert_int_equal(c->bc.n_mnps, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_get_del, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry_and_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry_callback_keeps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_and_resize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_families_and_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mnps, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
