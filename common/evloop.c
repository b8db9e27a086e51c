/* Event loop on epoll: see evloop.h. */
#include "config.h"

#include "common/evloop.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int ev_loop_init(struct ev_loop *l, timer_clock_fn *clock, void *clock_arg)
{
	memset(l, 0, sizeof(*l));
	l->sigfd = -1;
	sigemptyset(&l->sigmask);
	timerq_init(&l->timers, clock, clock_arg);
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0)
		return -errno;
	return 0;
}

void ev_loop_fini(struct ev_loop *l)
{
	int i;

	for (i = 1; i < EV_NSIG; i++)
		if (l->sigw[i])
			ev_signal_del(l->sigw[i]);
	ev_io_stop(&l->sig_io);
	if (l->sigfd >= 0)
		close(l->sigfd);
	l->sigfd = -1;
	if (l->epfd >= 0)
		close(l->epfd);
	l->epfd = -1;
	timerq_clear(&l->timers);
}

void ev_loop_stop(struct ev_loop *l)
{
	l->stop = true;
}

/* The wait in ms until the next timer, bounded by max_wait_ms. */
static int wait_time(struct ev_loop *l, int max_wait_ms)
{
	uint64_t when, now, d;

	if (!timerq_next(&l->timers, &when))
		return max_wait_ms;
	now = timerq_now(&l->timers);
	d = when > now ? when - now : 0;
	if (d > INT_MAX)
		d = INT_MAX;
	if (max_wait_ms >= 0 && (uint64_t)max_wait_ms < d)
		return max_wait_ms;
	return (int)d;
}

int ev_loop_run_once(struct ev_loop *l, int max_wait_ms)
{
	int n, calls = 0;

	n = epoll_wait(l->epfd, l->ready, EV_BATCH, wait_time(l, max_wait_ms));
	if (n < 0) {
		if (errno != EINTR)
			return -errno;
		n = 0;
	}
	l->nready = n;
	for (l->cur = 0; l->cur < l->nready; l->cur++) {
		struct ev_io *w = l->ready[l->cur].data.ptr;

		/* NULL: stopped by an earlier callback of this batch. */
		if (!w)
			continue;
		calls++;
		w->fn(w, l->ready[l->cur].events, w->arg);
	}
	l->nready = l->cur = 0;
	calls += (int)timerq_expire(&l->timers);
	return calls;
}

int ev_loop_run(struct ev_loop *l)
{
	int rc = 0;

	l->stop = false;
	while (!l->stop) {
		rc = ev_loop_run_once(l, -1);
		if (rc < 0)
			break;
		rc = 0;
	}
	l->stop = false;
	return rc;
}

void ev_io_init(struct ev_io *w, int fd, ev_io_fn *fn, void *arg)
{
	w->fd = fd;
	w->events = 0;
	w->fn = fn;
	w->arg = arg;
	w->loop = NULL;
}

int ev_io_start(struct ev_loop *l, struct ev_io *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };
	int op = EPOLL_CTL_ADD;

	if (w->loop == l)
		op = EPOLL_CTL_MOD;
	else if (w->loop)
		ev_io_stop(w);
	if (epoll_ctl(l->epfd, op, w->fd, &ev) < 0)
		return -errno;
	w->events = events;
	w->loop = l;
	return 0;
}

void ev_io_stop(struct ev_io *w)
{
	struct ev_loop *l = w->loop;
	int i;

	if (!l)
		return;
	/* Fails only if the fd was closed first, which already removed it. */
	(void)epoll_ctl(l->epfd, EPOLL_CTL_DEL, w->fd, NULL);
	for (i = l->cur + 1; i < l->nready; i++)
		if (l->ready[i].data.ptr == w)
			l->ready[i].data.ptr = NULL;
	w->loop = NULL;
}

static void on_signalfd(struct ev_io *w, uint32_t revents, void *arg)
{
	struct ev_loop *l = arg;
	struct signalfd_siginfo si;

	(void)w;
	(void)revents;
	while (read(l->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		struct ev_signal *s = si.ssi_signo < EV_NSIG ? l->sigw[si.ssi_signo] : NULL;

		if (s)
			s->fn(s, &si, s->arg);
	}
}

void ev_signal_init(struct ev_signal *s, int signo, ev_signal_fn *fn, void *arg)
{
	s->signo = signo;
	s->fn = fn;
	s->arg = arg;
	s->loop = NULL;
	s->was_blocked = false;
}

int ev_signal_add(struct ev_loop *l, struct ev_signal *s)
{
	sigset_t one, old, mask;
	int fd, rc;

	if (s->signo <= 0 || s->signo >= EV_NSIG || s->loop)
		return -EINVAL;
	if (l->sigw[s->signo])
		return -EBUSY;
	mask = l->sigmask;
	if (sigaddset(&mask, s->signo) < 0)
		return -EINVAL;
	sigemptyset(&one);
	sigaddset(&one, s->signo);
	if (sigprocmask(SIG_BLOCK, &one, &old) < 0)
		return -errno;
	fd = signalfd(l->sigfd, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto restore;
	}
	if (l->sigfd < 0) {
		l->sigfd = fd;
		ev_io_init(&l->sig_io, fd, on_signalfd, l);
		rc = ev_io_start(l, &l->sig_io, EV_READ);
		if (rc < 0) {
			close(fd);
			l->sigfd = -1;
			goto restore;
		}
	}
	l->sigmask = mask;
	l->sigw[s->signo] = s;
	s->was_blocked = sigismember(&old, s->signo) == 1;
	s->loop = l;
	return 0;

restore:
	if (sigismember(&old, s->signo) != 1)
		sigprocmask(SIG_UNBLOCK, &one, NULL);
	return rc;
}

void ev_signal_del(struct ev_signal *s)
{
	struct ev_loop *l = s->loop;
	sigset_t one;

	if (!l)
		return;
	sigdelset(&l->sigmask, s->signo);
	l->sigw[s->signo] = NULL;
	/* Shrinking the mask of an existing signalfd cannot fail. */
	(void)signalfd(l->sigfd, &l->sigmask, 0);
	if (!s->was_blocked) {
		sigemptyset(&one);
		sigaddset(&one, s->signo);
		sigprocmask(SIG_UNBLOCK, &one, NULL);
	}
	s->loop = NULL;
}
