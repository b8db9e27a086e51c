/* The MN's binding update list: retransmission schedule on a manual clock,
 * refresh, every BA status, sequence resync, de-registration, resend when
 * the SA is installed, optimistic handoff, never giving up. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixtures.h"
#include "mip6d/mn/bul.h"

#define HOA  "2001:db8:ffff::1"
#define HA   "2001:db8:ffff::1000"
#define COA1 "2001:db8:1::10"
#define COA2 "2001:db8:2::10"

#define MAXREC 64

struct sent {
	uint64_t at;
	struct bul_bu bu;
};

struct moved {
	uint64_t at;
	struct ip_addr from, to;
};

struct ev {
	enum bul_event ev;
	unsigned status;
};

struct ctx {
	struct timerq q;
	struct timer_manual_clock clk;
	struct bul bul;
	struct bul_ops ops;
	struct bule *e;
	struct sent sent[MAXREC];
	size_t nsent;
	struct moved moves[MAXREC];
	size_t nmoves;
	struct ev evs[MAXREC];
	size_t nevs;
	int move_rc;
	size_t seq_of_send;  /* moves recorded before each send, to check ordering */
	size_t moves_at_send[MAXREC];
};

static int rec_move(void *arg, struct bule *e, const struct ip_addr *from, const struct ip_addr *to)
{
	struct ctx *c = arg;

	(void)e;
	assert_true(c->nmoves < MAXREC);
	c->moves[c->nmoves].at = c->clk.now;
	c->moves[c->nmoves].from = *from;
	c->moves[c->nmoves].to = *to;
	c->nmoves++;
	return c->move_rc;
}

static void rec_send(void *arg, struct bule *e, const struct bul_bu *bu)
{
	struct ctx *c = arg;

	(void)e;
	if (c->nsent >= MAXREC)
		return;
	c->moves_at_send[c->nsent] = c->nmoves;
	c->sent[c->nsent].at = c->clk.now;
	c->sent[c->nsent].bu = *bu;
	c->nsent++;
}

static void rec_event(void *arg, struct bule *e, enum bul_event ev, unsigned status)
{
	struct ctx *c = arg;

	(void)e;
	assert_true(c->nevs < MAXREC);
	c->evs[c->nevs].ev = ev;
	c->evs[c->nevs].status = status;
	c->nevs++;
}

static struct bul_params params(void)
{
	struct bul_params p = {
		.hoa = A(HOA), .ha = A(HA),
		.key_mgmt = true,
		.lifetime = 60,
		.timeout_first_ms = 1500,
		.timeout_ms = 1000,
		.seq = 100,
	};

	return p;
}

static struct ctx *make(const struct bul_params *p)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	timerq_init(&c->q, timer_manual_clock_read, &c->clk);
	c->ops.move = rec_move;
	c->ops.send_bu = rec_send;
	c->ops.event = rec_event;
	assert_int_equal(bul_init(&c->bul, &c->q, &c->ops, c), 0);
	assert_int_equal(bul_add(&c->bul, p, &c->e), 0);
	return c;
}

static int setup(void **state)
{
	struct bul_params p = params();

	*state = make(&p);
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	bul_destroy(&c->bul);
	assert_int_equal(timerq_count(&c->q), 0);
	free(c);
	return 0;
}

static void reset(struct ctx *c)
{
	c->nsent = 0;
	c->nmoves = 0;
	c->nevs = 0;
}

/* Moves the clock to t, firing every timer on its way at its own time
 * (including those armed by the callbacks). */
static void advance_to(struct ctx *c, uint64_t t)
{
	uint64_t when;

	assert_true(t >= c->clk.now);
	while (timerq_next(&c->q, &when) && when <= t)
		timer_manual_advance(&c->q, &c->clk, when > c->clk.now ? when - c->clk.now : 0);
	timer_manual_advance(&c->q, &c->clk, t - c->clk.now);
}

static struct bul_ba ba(uint8_t status, uint16_t seq, uint16_t lifetime, uint8_t flags)
{
	struct bul_ba b = {
		.src = A(HA), .hoa = A(HOA), .status = status, .seq = seq,
		.lifetime = lifetime, .flags = flags,
	};

	return b;
}

static void go(struct ctx *c, const char *coa)
{
	struct ip_addr a = A(coa);

	bul_move(c->e, &a, true);
}

static void check_bu(const struct bul_bu *bu, const char *src, uint16_t seq, uint16_t lifetime,
		     uint8_t flags)
{
	assert_addr(&bu->src, src);
	assert_addr(&bu->alt_coa, src);
	assert_addr(&bu->dst, HA);
	assert_addr(&bu->hoa, HOA);
	assert_int_equal(bu->seq, seq);
	assert_int_equal(bu->lifetime, lifetime);
	assert_int_equal(bu->flags, flags);
}

#define AHK (BU_FLAG_A | BU_FLAG_H | BU_FLAG_K)

/* First registration, no answer: 1.5 s, doubled up to 32 s, then 32 s
 * forever; a new sequence number each time. */
static void test_first_registration_schedule(void **state)
{
	struct ctx *c = *state;
	static const uint64_t at[] = { 0, 1500, 4500, 10500, 22500, 46500, 78500, 110500, 142500 };

	go(c, COA1);
	/* The IPsec side moves before the BU: nothing installed -> CoA1. */
	assert_int_equal(c->nmoves, 1);
	assert_addr(&c->moves[0].from, NULL);
	assert_addr(&c->moves[0].to, COA1);
	assert_int_equal(c->moves_at_send[0], 1);
	assert_int_equal(c->e->state, BUL_REG);
	advance_to(c, 142500);
	assert_int_equal(c->nsent, 9);
	for (size_t i = 0; i < 9; i++) {
		assert_int_equal(c->sent[i].at, at[i]);
		check_bu(&c->sent[i].bu, COA1, (uint16_t)(100 + i), 15, AHK);
	}
	/* An hour later it still asks, every 32 s. */
	advance_to(c, 142500 + 3600000);
	assert_int_equal(c->sent[c->nsent - 1].at - c->sent[c->nsent - 2].at, 32000);
	assert_int_equal(c->e->state, BUL_REG);
	/* Retransmissions never move the IPsec side again. */
	assert_int_equal(c->nmoves, 1);
	assert_int_equal(c->nevs, 0);
}

/* Accepted: refresh at 85% of the granted lifetime, counted from the BU;
 * re-registrations wait 1 s first; expiry reported when no refresh made it. */
static void test_accept_refresh_expire(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);

	go(c, COA1);
	advance_to(c, 200);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_BOUND);
	assert_int_equal(c->nevs, 1);
	assert_int_equal(c->evs[0].ev, BUL_EV_REGISTERED);
	assert_int_equal(c->evs[0].status, 0);
	assert_int_equal(c->e->expires, 60000);
	/* A duplicate BA finds nothing outstanding. */
	assert_int_equal(bul_ba(&c->bul, &b), -EALREADY);
	advance_to(c, 50999);
	assert_int_equal(c->nsent, 1);
	advance_to(c, 51000);
	assert_int_equal(c->nsent, 2);
	check_bu(&c->sent[1].bu, COA1, 101, 15, AHK);
	/* No answer: 52 s, 54 s, 58 s; the expiry is reported when it
	 * happens, at 60 s; the next BU is still due at 66 s. */
	advance_to(c, 59999);
	assert_int_equal(c->nsent, 5);
	assert_int_equal(c->sent[2].at, 52000);
	assert_int_equal(c->sent[3].at, 54000);
	assert_int_equal(c->sent[4].at, 58000);
	assert_int_equal(c->nevs, 1);
	advance_to(c, 60000);
	assert_int_equal(c->nevs, 2);
	assert_int_equal(c->evs[1].ev, BUL_EV_EXPIRED);
	assert_int_equal(c->nsent, 5);
	advance_to(c, 65999);
	assert_int_equal(c->nsent, 5);
	advance_to(c, 66000);
	assert_int_equal(c->nsent, 6);
	assert_int_equal(c->nevs, 2);
	assert_false(c->e->registered);
	/* Its answer still registers. */
	b.seq = c->sent[c->nsent - 1].bu.seq;
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_true(c->e->registered);
}

/* The granted lifetime can be shorter; a Binding Refresh Advice earlier. */
static void test_granted_lifetime_and_bra(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED, 100, 5, BA_FLAG_K);

	go(c, COA1);
	advance_to(c, 100);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->expires, 20000);
	advance_to(c, 16999);
	assert_int_equal(c->nsent, 1);
	advance_to(c, 17000);
	assert_int_equal(c->nsent, 2);

	/* BRA of 2 units (8 s) from the refresh BU at 17 s. */
	b = ba(BAS_ACCEPTED, 101, 15, BA_FLAG_K);
	b.refresh = 2;
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	advance_to(c, 24999);
	assert_int_equal(c->nsent, 2);
	advance_to(c, 25000);
	assert_int_equal(c->nsent, 3);
	/* A BA granting more than asked grants what was asked. */
	b = ba(BAS_ACCEPTED, 102, 1000, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->expires, 25000 + 60000);
}

/* 135: take the HA's number, send past it at once (rate limited). */
static void test_seq_resync(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_SEQ_OUT_OF_WINDOW, 5000, 0, 0);

	go(c, COA1);
	advance_to(c, 100);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->nsent, 1);
	/* MAX_UPDATE_RATE: not before 334 ms after the last BU. */
	advance_to(c, 333);
	assert_int_equal(c->nsent, 1);
	advance_to(c, 334);
	assert_int_equal(c->nsent, 2);
	check_bu(&c->sent[1].bu, COA1, 5001, 15, AHK);
	/* The answer to the old number is stale now. */
	b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), -ESTALE);
	b.seq = 5001;
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_BOUND);
	/* Wrap-around of our own numbers. */
	b = ba(BAS_SEQ_OUT_OF_WINDOW, 65535, 0, 0);
	advance_to(c, 51334);
	assert_int_equal(c->nsent, 3);
	advance_to(c, 60000);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->sent[c->nsent - 1].bu.seq, 0);

	/* Unknown HA or HoA. */
	b.src = A(COA2);
	assert_int_equal(bul_ba(&c->bul, &b), -ENOENT);
}

/* Every failure status: an event, then a retry; never giving up.
 * Passing ones on the doubled back-off, lasting ones every 32 s. */
static void test_failure_statuses(void **state)
{
	static const struct {
		unsigned status;
		uint32_t wait;
	} cases[] = {
		{ BAS_UNSPECIFIED, 3000 },      { BAS_PROHIBITED, 32000 },
		{ BAS_INSUFFICIENT, 3000 },     { BAS_HOMEREG_NOT_SUPP, 32000 },
		{ BAS_NOT_HOME_SUBNET, 32000 }, { BAS_NOT_HA_FOR_MN, 32000 },
		{ BAS_DAD_FAILED, 3000 },       { BAS_EXPIRED_HOME_NONCE, 3000 },
		{ BAS_EXPIRED_COA_NONCE, 3000 },{ BAS_EXPIRED_NONCES, 3000 },
		{ BAS_REG_TYPE_CHANGE, 32000 }, { BAS_MR_NOT_PERMITTED, 32000 },
		{ BAS_INVALID_PREFIX, 32000 },  { BAS_PREFIX_NOT_AUTH, 32000 },
		{ BAS_FWD_SETUP_FAILED, 3000 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bul_params p = params();
		struct ctx *c = make(&p);
		struct bul_ba b = ba((uint8_t)cases[i].status, 100, 0, 0);
		void *s = c;

		go(c, COA1);
		advance_to(c, 500);
		assert_int_equal(bul_ba(&c->bul, &b), 0);
		assert_int_equal(c->nevs, 1);
		assert_int_equal(c->evs[0].ev, BUL_EV_REJECTED);
		assert_int_equal(c->evs[0].status, cases[i].status);
		assert_int_equal(c->e->state, BUL_RETRY);
		advance_to(c, 500 + cases[i].wait - 1);
		assert_int_equal(c->nsent, 1);
		advance_to(c, 500 + cases[i].wait);
		assert_int_equal(c->nsent, 2);
		check_bu(&c->sent[1].bu, COA1, 101, 15, AHK);
		/* Rejected again: still retried. */
		b.seq = 101;
		assert_int_equal(bul_ba(&c->bul, &b), 0);
		advance_to(c, c->clk.now + 32000);
		assert_true(c->nsent >= 3);
		/* And accepted in the end. */
		b = ba(BAS_ACCEPTED, c->sent[c->nsent - 1].bu.seq, 15, BA_FLAG_K);
		assert_int_equal(bul_ba(&c->bul, &b), 0);
		assert_int_equal(c->e->state, BUL_BOUND);
		teardown(&s);
	}
}

/* The anchor's failure: 130 to the first registration made the MN give
 * up for good.  Here the registration goes on and succeeds. */
static void test_anchor_130_not_fatal(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_INSUFFICIENT, 100, 0, 0);

	go(c, COA1);
	advance_to(c, 1000);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	advance_to(c, 4000);
	assert_int_equal(c->nsent, 2);
	b = ba(BAS_ACCEPTED, 101, 15, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_true(c->e->registered);
}

/* The first BU is lost to the ACQUIRE; once the SA is in, the BU goes out
 * at once instead of at the end of the back-off, and once more at the rate
 * limit (the IKE responder installs its SAs after the initiator). */
static void test_sa_installed(void **state)
{
	struct ctx *c = *state;
	struct ip_addr ha = A(HA), other = A(COA2);

	go(c, COA1);
	advance_to(c, 1500);
	assert_int_equal(c->nsent, 2);
	advance_to(c, 1600);
	assert_int_equal(bul_sa_installed(&c->bul, &other), 0);
	/* 100 ms after the last BU: held back to 1834 ms. */
	assert_int_equal(bul_sa_installed(&c->bul, &ha), 1);
	assert_int_equal(c->nsent, 2);
	advance_to(c, 1834);
	assert_int_equal(c->nsent, 3);
	check_bu(&c->sent[2].bu, COA1, 102, 15, AHK);
	/* Repeated once at the rate limit... */
	advance_to(c, 1834 + 333);
	assert_int_equal(c->nsent, 3);
	advance_to(c, 1834 + 334);
	assert_int_equal(c->nsent, 4);
	check_bu(&c->sent[3].bu, COA1, 103, 15, AHK);
	/* ...then the back-off starts again from the initial wait. */
	advance_to(c, 2168 + 1499);
	assert_int_equal(c->nsent, 4);
	advance_to(c, 2168 + 1500);
	assert_int_equal(c->nsent, 5);
	advance_to(c, 3668 + 2999);
	assert_int_equal(c->nsent, 5);
	advance_to(c, 3668 + 3000);
	assert_int_equal(c->nsent, 6);
	/* Later, well apart from the last BU: immediate, and its repeat. */
	advance_to(c, 8000);
	assert_int_equal(bul_sa_installed(&c->bul, &ha), 1);
	assert_int_equal(c->nsent, 7);
	assert_int_equal(c->sent[6].at, 8000);
	/* The BA to it stops the repeat; nothing outstanding, nothing to
	 * resend. */
	{
		struct bul_ba b = ba(BAS_ACCEPTED, c->sent[6].bu.seq, 15, BA_FLAG_K);

		assert_int_equal(bul_ba(&c->bul, &b), 0);
	}
	advance_to(c, 8500);
	assert_int_equal(c->nsent, 7);
	assert_int_equal(bul_sa_installed(&c->bul, &ha), 0);
	assert_int_equal(c->nsent, 7);
}

/* A rejected registration waiting for its retry is resent too. */
static void test_sa_installed_after_reject(void **state)
{
	struct ctx *c = *state;
	struct ip_addr ha = A(HA);
	struct bul_ba b = ba(BAS_PROHIBITED, 100, 0, 0);

	go(c, COA1);
	advance_to(c, 1000);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(bul_sa_installed(&c->bul, &ha), 1);
	assert_int_equal(c->nsent, 2);
	assert_int_equal(c->e->state, BUL_REG);
}

/* Handover while bound: IPsec moved CoA1 -> CoA2 first, BU at once with
 * the re-registration timeout; the same CoA again sends nothing. */
static void test_handover(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);

	go(c, COA1);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	advance_to(c, 10000);
	reset(c);
	go(c, COA2);
	assert_int_equal(c->nmoves, 1);
	assert_addr(&c->moves[0].from, COA1);
	assert_addr(&c->moves[0].to, COA2);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->moves_at_send[0], 1);
	check_bu(&c->sent[0].bu, COA2, 101, 15, AHK);
	go(c, COA2);
	assert_int_equal(c->nsent, 1);
	advance_to(c, 11000);
	assert_int_equal(c->nsent, 2);
	/* Moving again before the answer: a new BU for the new CoA. */
	go(c, COA1);
	assert_int_equal(c->nsent, 3);
	assert_addr(&c->moves[1].from, COA2);
	assert_addr(&c->moves[1].to, COA1);
}

/* Without OptimisticHandoff a tentative CoA waits for DAD; with it the BU
 * goes at once. */
static void test_optimistic_handoff(void **state)
{
	struct ctx *c = *state;
	struct ip_addr c1 = A(COA1), c2 = A(COA2);
	struct bul_params p = params();
	void *s;

	bul_move(c->e, &c1, false);
	assert_int_equal(c->e->state, BUL_WAIT_COA);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->nmoves, 0);
	bul_coa_usable(c->e, &c2);
	assert_int_equal(c->nsent, 0);
	bul_coa_usable(c->e, &c1);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->nmoves, 1);
	/* Usable later through bul_move too. */
	bul_move(c->e, &c2, false);
	assert_int_equal(c->nsent, 1);
	bul_move(c->e, &c2, true);
	assert_int_equal(c->nsent, 2);

	p.optimistic = true;
	c = make(&p);
	s = c;
	bul_move(c->e, &c1, false);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->e->state, BUL_REG);
	teardown(&s);
}

/* Back home: IPsec moved back first (to the HoA), then the
 * de-registration from the HoA; its BA completes it. */
static void test_return_home(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);
	struct ip_addr hoa = A(HOA);

	go(c, COA1);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	advance_to(c, 5000);
	reset(c);
	bul_move(c->e, &hoa, true);
	assert_int_equal(c->nmoves, 1);
	assert_addr(&c->moves[0].from, COA1);
	assert_addr(&c->moves[0].to, HOA);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->moves_at_send[0], 1);
	check_bu(&c->sent[0].bu, HOA, 101, 0, AHK);
	assert_int_equal(c->e->state, BUL_DEREG);
	/* Once more at home: nothing new. */
	bul_home(c->e);
	assert_int_equal(c->nsent, 1);
	b = ba(BAS_ACCEPTED, 101, 0, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_HOME);
	assert_int_equal(c->evs[0].ev, BUL_EV_DEREGISTERED);
	assert_int_equal(c->e->installed.family, AF_UNSPEC);
	assert_int_equal(timerq_count(&c->q), 0);

	/* Leaving again: the tunnel side is installed afresh. */
	reset(c);
	go(c, COA2);
	assert_addr(&c->moves[0].from, NULL);
	assert_addr(&c->moves[0].to, COA2);
	advance_to(c, 5999);
	assert_int_equal(c->nsent, 1);
	advance_to(c, 6000);
	assert_int_equal(c->nsent, 2);
}

/* A de-registration nobody answers ends when no binding of ours can be
 * left at the HA; 133 ends it at once; other failures are retried. */
static void test_dereg_unanswered(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);
	struct ip_addr hoa = A(HOA);

	go(c, COA1);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	advance_to(c, 1000);
	reset(c);
	bul_home(c->e);
	b = ba(BAS_UNSPECIFIED, 101, 0, 0);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_DEREG);
	assert_int_equal(c->evs[0].ev, BUL_EV_REJECTED);
	/* The registration sent at 0 with 60 s is gone at 60 s. */
	advance_to(c, 59999);
	assert_int_equal(c->e->state, BUL_DEREG);
	advance_to(c, 100000);
	assert_int_equal(c->e->state, BUL_HOME);
	assert_int_equal(c->evs[c->nevs - 1].ev, BUL_EV_DEREGISTERED);
	assert_int_equal(timerq_count(&c->q), 0);

	/* 133: the HA holds nothing for us. */
	go(c, COA1);
	b = ba(BAS_ACCEPTED, c->sent[c->nsent - 1].bu.seq, 15, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	bul_move(c->e, &hoa, true);
	b = ba(BAS_NOT_HA_FOR_MN, c->sent[c->nsent - 1].bu.seq, 0, 0);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_HOME);
}

static void c2_tentative(struct ctx *c)
{
	struct ip_addr c2 = A(COA2);

	bul_move(c->e, &c2, false);
	assert_int_equal(c->e->state, BUL_WAIT_COA);
}

/* Home again before any BU went out: nothing to undo at the HA. */
static void test_home_before_registering(void **state)
{
	struct ctx *c = *state;
	struct ip_addr c1 = A(COA1);

	bul_move(c->e, &c1, false);
	bul_home(c->e);
	assert_int_equal(c->e->state, BUL_HOME);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->nmoves, 0);
	bul_home(c->e);
	assert_int_equal(c->nsent, 0);

	/* A BU went out and its BA was lost, then a move to a tentative CoA:
	 * the HA may hold the binding, so going home de-registers. */
	bul_move(c->e, &c1, true);
	assert_int_equal(c->nsent, 1);
	c2_tentative(c);
	bul_home(c->e);
	assert_int_equal(c->e->state, BUL_DEREG);
	assert_int_equal(c->nsent, 2);
	assert_int_equal(c->sent[1].bu.lifetime, 0);
}

/* A failed IPsec move does not hold the BU back and is retried before the
 * next one. */
static void test_move_failure(void **state)
{
	struct ctx *c = *state;

	c->move_rc = -EIO;
	go(c, COA1);
	assert_int_equal(c->nsent, 1);
	assert_true(c->e->move_pending);
	c->move_rc = 0;
	advance_to(c, 1500);
	assert_int_equal(c->nmoves, 2);
	assert_addr(&c->moves[1].from, NULL);
	assert_addr(&c->moves[1].to, COA1);
	assert_false(c->e->move_pending);
	advance_to(c, 4500);
	assert_int_equal(c->nmoves, 2);
	assert_int_equal(c->nsent, 3);
}

/* K missing in the BA: no more K; status 1 reported; zero lifetime is no
 * registration. */
static void test_k_cleared_status1_zero_lifetime(void **state)
{
	struct ctx *c = *state;
	struct bul_ba b = ba(BAS_ACCEPTED_PD, 100, 15, 0);

	go(c, COA1);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->nevs, 2);
	assert_int_equal(c->evs[0].ev, BUL_EV_K_CLEARED);
	assert_int_equal(c->evs[1].ev, BUL_EV_REGISTERED);
	assert_int_equal(c->evs[1].status, BAS_ACCEPTED_PD);
	advance_to(c, 51000);
	check_bu(&c->sent[1].bu, COA1, 101, 15, BU_FLAG_A | BU_FLAG_H);

	b = ba(BAS_ACCEPTED, 101, 0, 0);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->state, BUL_RETRY);
	assert_int_equal(c->evs[2].ev, BUL_EV_REJECTED);

	/* The lifetime asked for follows bul_set_lifetime. */
	bul_set_lifetime(c->e, 20);
	advance_to(c, c->clk.now + 2000);
	assert_int_equal(c->sent[c->nsent - 1].bu.lifetime, 5);
}

/* NEMO: R and the prefixes in every BU; an HA that does not set R in its
 * BA is not serving the mobile router. */
static void test_mobile_router(void **state)
{
	struct bul_params p = params();
	struct ip_prefix mnp = P("2001:db8:aaaa::/48");
	struct ctx *c;
	struct bul_ba b;
	void *s;

	(void)state;
	p.mobile_router = true;
	p.mnps = &mnp;
	p.n_mnps = 1;
	c = make(&p);
	s = c;
	go(c, COA1);
	check_bu(&c->sent[0].bu, COA1, 100, 15, AHK | BU_FLAG_R);
	assert_int_equal(c->sent[0].bu.n_mnps, 1);
	assert_prefix(&c->sent[0].bu.mnps[0], "2001:db8:aaaa::/48");
	b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->evs[0].ev, BUL_EV_NO_NEMO);
	assert_false(c->e->registered);
	advance_to(c, 32000);
	assert_int_equal(c->nsent, 2);
	b = ba(BAS_ACCEPTED, 101, 15, BA_FLAG_K | BA_FLAG_R);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_true(c->e->registered);
	/* The de-registration carries no prefixes. */
	bul_home(c->e);
	assert_int_equal(c->sent[2].bu.n_mnps, 0);
	assert_int_equal(c->sent[2].bu.lifetime, 0);
	teardown(&s);
}

/* Implicit mode (MobRtrUseExplicitMode disabled): R without prefixes;
 * the entry keeps them (the IPsec side protects them). */
static void test_mobile_router_implicit(void **state)
{
	struct bul_params p = params();
	struct ip_prefix mnp = P("2001:db8:aaaa::/48");
	struct ctx *c;
	struct bul_ba b;
	void *s;

	(void)state;
	p.mobile_router = true;
	p.implicit_mode = true;
	p.mnps = &mnp;
	p.n_mnps = 1;
	c = make(&p);
	s = c;
	go(c, COA1);
	check_bu(&c->sent[0].bu, COA1, 100, 15, AHK | BU_FLAG_R);
	assert_int_equal(c->sent[0].bu.n_mnps, 0);
	assert_null(c->sent[0].bu.mnps);
	assert_int_equal(c->e->p.n_mnps, 1);
	assert_prefix(&c->e->mnps[0], "2001:db8:aaaa::/48");
	b = ba(BAS_ACCEPTED, 100, 15, BA_FLAG_K | BA_FLAG_R);
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_true(c->e->registered);
	teardown(&s);
}

/* MnMaxHaConsecutiveResends: reported once after that many unanswered
 * BUs; the registration goes on; a BA of any status resets the count. */
static void test_no_response(void **state)
{
	struct bul_params p = params();
	struct ctx *c;
	struct bul_ba b;
	void *s;

	(void)state;
	p.max_resends = 3;
	c = make(&p);
	s = c;
	go(c, COA1);
	advance_to(c, 4500);
	assert_int_equal(c->nsent, 3);
	assert_int_equal(c->nevs, 0);
	advance_to(c, 10500);
	assert_int_equal(c->nsent, 4);
	assert_int_equal(c->nevs, 1);
	assert_int_equal(c->evs[0].ev, BUL_EV_NO_RESPONSE);
	advance_to(c, 46500);
	assert_int_equal(c->nevs, 1);
	assert_int_equal(c->e->state, BUL_REG);
	/* A stale BA is no answer; a rejection is. */
	b = ba(BAS_UNSPECIFIED, 1, 0, 0);
	assert_int_equal(bul_ba(&c->bul, &b), -ESTALE);
	assert_int_equal(c->e->unanswered, 6);
	b.seq = c->sent[c->nsent - 1].bu.seq;
	assert_int_equal(bul_ba(&c->bul, &b), 0);
	assert_int_equal(c->e->unanswered, 0);
	teardown(&s);
}

static void test_api_errors(void **state)
{
	struct ctx *c = *state;
	struct bul_params p = params();
	struct bul other;
	struct bul_ops none = { 0 };
	struct bule *e;
	struct ip_addr hoa = A(HOA), ha = A(HA);

	assert_int_equal(bul_add(&c->bul, &p, &e), -EEXIST);
	p.ha = A("2001:db8:ffff::2000");
	p.n_mnps = BUL_MAX_MNPS + 1;
	assert_int_equal(bul_add(&c->bul, &p, &e), -EINVAL);
	p.n_mnps = 0;
	p.timeout_ms = 0;
	assert_int_equal(bul_add(&c->bul, &p, &e), -EINVAL);
	p.timeout_ms = 1000;
	assert_int_equal(bul_add(&c->bul, &p, &e), 0);
	assert_ptr_equal(bul_find(&c->bul, &hoa, &p.ha), e);
	assert_ptr_equal(bul_find(&c->bul, &hoa, &ha), c->e);
	bul_del(e);
	assert_null(bul_find(&c->bul, &hoa, &p.ha));
	assert_int_equal(bul_init(&other, &c->q, &none, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_registration_schedule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_refresh_expire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_granted_lifetime_and_bra, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seq_resync, setup, teardown),
		cmocka_unit_test(test_failure_statuses),
		cmocka_unit_test_setup_teardown(test_anchor_130_not_fatal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sa_installed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sa_installed_after_reject, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optimistic_handoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_return_home, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dereg_unanswered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_home_before_registering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_k_cleared_status1_zero_lifetime, setup, teardown),
		cmocka_unit_test(test_mobile_router),
		cmocka_unit_test(test_mobile_router_implicit),
		cmocka_unit_test(test_no_response),
		cmocka_unit_test_setup_teardown(test_api_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
