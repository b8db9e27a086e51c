/* Event loop: real pipes, real signals through signalfd, and timers on the
 * real and on a manual clock. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/evloop.h"

struct rec {
	int calls;
	uint32_t revents;
	char got[16];
	ssize_t nread;
	struct ev_io *stop_other;
	struct ev_loop *stop_loop;
};

static void on_read(struct ev_io *w, uint32_t revents, void *arg)
{
	struct rec *r = arg;

	r->calls++;
	r->revents = revents;
	if (revents & (EV_READ | EV_ERROR))
		r->nread = read(w->fd, r->got, sizeof(r->got));
	if (r->stop_other)
		ev_io_stop(r->stop_other);
	if (r->stop_loop)
		ev_loop_stop(r->stop_loop);
}

static void on_write(struct ev_io *w, uint32_t revents, void *arg)
{
	struct rec *r = arg;

	(void)w;
	r->calls++;
	r->revents = revents;
}

static void mkpipe(int p[2])
{
	assert_int_equal(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
}

static void test_init_fini(void **state)
{
	struct ev_loop l;

	(void)state;
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	assert_true(l.epfd >= 0);
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	ev_loop_fini(&l);
	assert_int_equal(l.epfd, -1);
	/* a second fini is harmless */
	ev_loop_fini(&l);
}

static void test_pipe_read(void **state)
{
	struct ev_loop l;
	struct ev_io w;
	struct rec r = { 0 };
	int p[2];

	(void)state;
	mkpipe(p);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_io_init(&w, p[0], on_read, &r);
	assert_false(ev_io_active(&w));
	assert_int_equal(ev_io_start(&l, &w, EV_READ), 0);
	assert_true(ev_io_active(&w));
	/* nothing to read yet */
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	assert_int_equal(r.calls, 0);
	assert_int_equal(write(p[1], "ping", 4), 4);
	assert_int_equal(ev_loop_run_once(&l, 1000), 1);
	assert_int_equal(r.calls, 1);
	assert_true(r.revents & EV_READ);
	assert_int_equal(r.nread, 4);
	assert_memory_equal(r.got, "ping", 4);
	/* stopped: no more callbacks even with data waiting */
	ev_io_stop(&w);
	ev_io_stop(&w);
	assert_false(ev_io_active(&w));
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	assert_int_equal(r.calls, 1);
	/* restarted: the waiting byte is reported */
	assert_int_equal(ev_io_start(&l, &w, EV_READ), 0);
	assert_int_equal(ev_loop_run_once(&l, 0), 1);
	assert_int_equal(r.calls, 2);
	/* the peer closes: hang-up is reported */
	close(p[1]);
	assert_int_equal(ev_loop_run_once(&l, 1000), 1);
	assert_true(r.revents & EPOLLHUP);
	assert_int_equal(r.nread, 0);
	ev_io_stop(&w);
	ev_loop_fini(&l);
	close(p[0]);
}

static void test_write_and_modify(void **state)
{
	struct ev_loop l;
	struct ev_io w;
	struct rec r = { 0 };
	int p[2];

	(void)state;
	mkpipe(p);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_io_init(&w, p[1], on_write, &r);
	assert_int_equal(ev_io_start(&l, &w, EV_WRITE), 0);
	assert_int_equal(ev_loop_run_once(&l, 0), 1);
	assert_true(r.revents & EV_WRITE);
	/* a second start changes the interest set: a write end never reads */
	assert_int_equal(ev_io_start(&l, &w, EV_READ), 0);
	assert_int_equal(w.events, EV_READ);
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	assert_int_equal(r.calls, 1);
	ev_io_stop(&w);
	ev_loop_fini(&l);
	close(p[0]);
	close(p[1]);
}

static void test_bad_fd(void **state)
{
	struct ev_loop l;
	struct ev_io w;
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_io_init(&w, 1000, on_read, &r);
	assert_int_equal(ev_io_start(&l, &w, EV_READ), -EBADF);
	assert_false(ev_io_active(&w));
	ev_loop_fini(&l);
}

/* Two watchers ready in one batch; whichever runs first stops the other,
 * which must then not be called. */
static void test_stop_other_in_batch(void **state)
{
	struct ev_loop l;
	struct ev_io a, b;
	struct rec ra = { 0 }, rb = { 0 };
	int pa[2], pb[2];

	(void)state;
	mkpipe(pa);
	mkpipe(pb);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_io_init(&a, pa[0], on_read, &ra);
	ev_io_init(&b, pb[0], on_read, &rb);
	ra.stop_other = &b;
	rb.stop_other = &a;
	assert_int_equal(ev_io_start(&l, &a, EV_READ), 0);
	assert_int_equal(ev_io_start(&l, &b, EV_READ), 0);
	assert_int_equal(write(pa[1], "a", 1), 1);
	assert_int_equal(write(pb[1], "b", 1), 1);
	assert_int_equal(ev_loop_run_once(&l, 1000), 1);
	assert_int_equal(ra.calls + rb.calls, 1);
	assert_true(ev_io_active(&a) != ev_io_active(&b));
	ev_io_stop(&a);
	ev_io_stop(&b);
	ev_loop_fini(&l);
	close(pa[0]);
	close(pa[1]);
	close(pb[0]);
	close(pb[1]);
}

static void on_timer_stop(struct timer *t, void *arg)
{
	struct ev_loop *l = arg;

	(void)t;
	ev_loop_stop(l);
}

static void on_timer_count(struct timer *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
}

/* On the real clock, the wait ends when the first timer is due. */
static void test_timer_real_clock(void **state)
{
	struct ev_loop l;
	struct timer t;
	uint64_t start, end;

	(void)state;
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	timer_init(&t, on_timer_stop, &l);
	start = ev_loop_now(&l);
	timer_arm_in(ev_loop_timers(&l), &t, 30);
	assert_int_equal(ev_loop_run(&l), 0);
	end = ev_loop_now(&l);
	assert_false(timer_armed(&t));
	assert_true(end - start >= 30);
	assert_true(end - start < 2000);
	ev_loop_fini(&l);
}

/* On a manual clock, timers fire only when the clock is moved. */
static void test_timer_manual_clock(void **state)
{
	struct timer_manual_clock c = { .now = 5000 };
	struct ev_loop l;
	struct timer t1, t2;
	int n = 0;

	(void)state;
	assert_int_equal(ev_loop_init(&l, timer_manual_clock_read, &c), 0);
	assert_int_equal(ev_loop_now(&l), 5000);
	timer_init(&t1, on_timer_count, &n);
	timer_init(&t2, on_timer_count, &n);
	timer_arm_in(ev_loop_timers(&l), &t1, 100);
	timer_arm_in(ev_loop_timers(&l), &t2, 200);
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	c.now += 100;
	assert_int_equal(ev_loop_run_once(&l, 0), 1);
	assert_int_equal(n, 1);
	/* due timers make the wait zero even if the caller allows more */
	c.now += 500;
	assert_int_equal(ev_loop_run_once(&l, 60000), 1);
	assert_int_equal(n, 2);
	/* a deadline beyond what epoll can wait for is clamped, not wrapped */
	timer_arm_in(ev_loop_timers(&l), &t2, (uint64_t)1 << 40);
	assert_int_equal(ev_loop_run_once(&l, 0), 0);
	timer_cancel(&t2);
	/* fini disarms what is left */
	timer_arm_in(ev_loop_timers(&l), &t1, 100);
	ev_loop_fini(&l);
	assert_false(timer_armed(&t1));
}

static void test_run_stop_from_io(void **state)
{
	struct ev_loop l;
	struct ev_io w;
	struct rec r = { 0 };
	int p[2];

	(void)state;
	mkpipe(p);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_io_init(&w, p[0], on_read, &r);
	r.stop_loop = &l;
	assert_int_equal(ev_io_start(&l, &w, EV_READ), 0);
	assert_int_equal(write(p[1], "z", 1), 1);
	assert_int_equal(ev_loop_run(&l), 0);
	assert_int_equal(r.calls, 1);
	ev_io_stop(&w);
	ev_loop_fini(&l);
	close(p[0]);
	close(p[1]);
}

static void block(int signo, bool on);

/* A watcher started on a second loop leaves the first. */
static void test_move_between_loops(void **state)
{
	struct ev_loop l1, l2;
	struct ev_io w;
	struct rec r = { 0 };
	int p[2];

	(void)state;
	mkpipe(p);
	assert_int_equal(ev_loop_init(&l1, NULL, NULL), 0);
	assert_int_equal(ev_loop_init(&l2, NULL, NULL), 0);
	ev_io_init(&w, p[0], on_read, &r);
	assert_int_equal(ev_io_start(&l1, &w, EV_READ), 0);
	assert_int_equal(ev_io_start(&l2, &w, EV_READ), 0);
	assert_ptr_equal(w.loop, &l2);
	assert_int_equal(write(p[1], "m", 1), 1);
	assert_int_equal(ev_loop_run_once(&l1, 0), 0);
	assert_int_equal(ev_loop_run_once(&l2, 0), 1);
	assert_int_equal(r.calls, 1);
	ev_io_stop(&w);
	ev_loop_fini(&l1);
	ev_loop_fini(&l2);
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int signo)
{
	(void)signo;
	alarms++;
}

/* A handled signal interrupting the wait is not an error. */
static void test_eintr(void **state)
{
	struct sigaction sa, old;
	struct itimerval it = { .it_value = { .tv_usec = 20000 } };
	struct ev_loop l;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	assert_int_equal(sigaction(SIGALRM, &sa, &old), 0);
	block(SIGALRM, false);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	alarms = 0;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	assert_int_equal(ev_loop_run_once(&l, 5000), 0);
	assert_int_equal(alarms, 1);
	ev_loop_fini(&l);
	assert_int_equal(sigaction(SIGALRM, &old, NULL), 0);
}

struct sigrec {
	int calls;
	uint32_t signo;
	int32_t pid;
};

static void on_signal(struct ev_signal *s, const struct signalfd_siginfo *si, void *arg)
{
	struct sigrec *r = arg;

	assert_int_equal((int)si->ssi_signo, s->signo);
	r->calls++;
	r->signo = si->ssi_signo;
	r->pid = (int32_t)si->ssi_pid;
}

static bool is_blocked(int signo)
{
	sigset_t cur;

	assert_int_equal(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	return sigismember(&cur, signo) == 1;
}

static void block(int signo, bool on)
{
	sigset_t one;

	sigemptyset(&one);
	sigaddset(&one, signo);
	assert_int_equal(sigprocmask(on ? SIG_BLOCK : SIG_UNBLOCK, &one, NULL), 0);
}

static void test_signal(void **state)
{
	struct ev_loop l;
	struct ev_signal s1, s2, dup;
	struct sigrec r1 = { 0 }, r2 = { 0 };

	(void)state;
	/* SIGUSR1 blocked beforehand (as a daemon does before forking);
	 * SIGUSR2 not: the loop blocks it and unblocks it on removal. */
	block(SIGUSR1, true);
	block(SIGUSR2, false);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_signal_init(&s1, SIGUSR1, on_signal, &r1);
	ev_signal_init(&s2, SIGUSR2, on_signal, &r2);
	assert_int_equal(ev_signal_add(&l, &s1), 0);
	assert_int_equal(ev_signal_add(&l, &s2), 0);
	assert_true(is_blocked(SIGUSR2));
	ev_signal_init(&dup, SIGUSR1, on_signal, &r2);
	assert_int_equal(ev_signal_add(&l, &dup), -EBUSY);

	assert_int_equal(raise(SIGUSR1), 0);
	assert_int_equal(ev_loop_run_once(&l, 1000), 1);
	assert_int_equal(r1.calls, 1);
	assert_int_equal(r1.signo, SIGUSR1);
	assert_int_equal(r1.pid, getpid());
	assert_int_equal(r2.calls, 0);

	/* both pending at once: one wake-up delivers both */
	assert_int_equal(raise(SIGUSR2), 0);
	assert_int_equal(raise(SIGUSR1), 0);
	assert_int_equal(ev_loop_run_once(&l, 1000), 1);
	assert_int_equal(r1.calls, 2);
	assert_int_equal(r2.calls, 1);

	ev_signal_del(&s2);
	ev_signal_del(&s2);
	assert_false(is_blocked(SIGUSR2));
	assert_true(is_blocked(SIGUSR1));
	/* a removed signal's slot can be taken again */
	ev_signal_init(&dup, SIGUSR2, on_signal, &r2);
	assert_int_equal(ev_signal_add(&l, &dup), 0);
	ev_signal_del(&dup);
	ev_loop_fini(&l);
	/* SIGUSR1 was blocked before the loop, so it stays blocked */
	assert_true(is_blocked(SIGUSR1));
	block(SIGUSR1, false);
}

static void test_signal_bad_number(void **state)
{
	struct ev_loop l;
	struct ev_signal s;
	struct sigrec r = { 0 };

	(void)state;
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_signal_init(&s, 0, on_signal, &r);
	assert_int_equal(ev_signal_add(&l, &s), -EINVAL);
	ev_signal_init(&s, EV_NSIG, on_signal, &r);
	assert_int_equal(ev_signal_add(&l, &s), -EINVAL);
	ev_signal_init(&s, -3, on_signal, &r);
	assert_int_equal(ev_signal_add(&l, &s), -EINVAL);
	ev_loop_fini(&l);
}

/* fini unblocks the signals the loop blocked. */
static void test_signal_fini_restores(void **state)
{
	struct ev_loop l;
	struct ev_signal s;
	struct sigrec r = { 0 };

	(void)state;
	block(SIGUSR2, false);
	assert_int_equal(ev_loop_init(&l, NULL, NULL), 0);
	ev_signal_init(&s, SIGUSR2, on_signal, &r);
	assert_int_equal(ev_signal_add(&l, &s), 0);
	assert_true(is_blocked(SIGUSR2));
	ev_loop_fini(&l);
	assert_false(is_blocked(SIGUSR2));
	assert_null(s.loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_fini),
		cmocka_unit_test(test_pipe_read),
		cmocka_unit_test(test_write_and_modify),
		cmocka_unit_test(test_bad_fd),
		cmocka_unit_test(test_stop_other_in_batch),
		cmocka_unit_test(test_timer_real_clock),
		cmocka_unit_test(test_timer_manual_clock),
		cmocka_unit_test(test_run_stop_from_io),
		cmocka_unit_test(test_move_between_loops),
		cmocka_unit_test(test_eintr),
		cmocka_unit_test(test_signal),
		cmocka_unit_test(test_signal_bad_number),
		cmocka_unit_test(test_signal_fini_restores),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
