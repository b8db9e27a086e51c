/* Event loop on epoll: file descriptor watchers, signals through a
 * signalfd, and a timer queue (timer.h).
 *
 * Watchers are embedded in the caller's objects; the loop keeps pointers
 * to them, so a watcher must be stopped before its memory goes.  Stopping a
 * watcher from any callback is safe, even one whose event is already
 * fetched in the same batch: it will not be called.  One thread per loop. */
#ifndef COMMON_EVLOOP_H
#define COMMON_EVLOOP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

#include "common/timer.h"

/* Interest and readiness bits (the epoll ones). */
#define EV_READ  EPOLLIN
#define EV_WRITE EPOLLOUT
/* Always reported, never needed in the interest set. */
#define EV_ERROR (EPOLLERR | EPOLLHUP)

struct ev_loop;
struct ev_io;
struct ev_signal;

typedef void ev_io_fn(struct ev_io *w, uint32_t revents, void *arg);
typedef void ev_signal_fn(struct ev_signal *s, const struct signalfd_siginfo *si, void *arg);

struct ev_io {
	int fd;
	uint32_t events;
	ev_io_fn *fn;
	void *arg;
	struct ev_loop *loop;        /* non-NULL while started */
};

struct ev_signal {
	int signo;
	ev_signal_fn *fn;
	void *arg;
	struct ev_loop *loop;        /* non-NULL while added */
	bool was_blocked;            /* the signal's mask bit before ev_signal_add */
};

#define EV_BATCH 64
#define EV_NSIG 65                   /* signal numbers 1..64 */

struct ev_loop {
	int epfd;
	int sigfd;                   /* -1 until the first signal watcher */
	sigset_t sigmask;            /* signals read through sigfd */
	struct ev_signal *sigw[EV_NSIG];
	struct ev_io sig_io;
	struct timerq timers;
	bool stop;
	int nready, cur;             /* the batch being dispatched */
	struct epoll_event ready[EV_BATCH];
};

/* clock, clock_arg: the timer queue's clock (NULL: CLOCK_MONOTONIC).  0 or
 * -errno. */
int ev_loop_init(struct ev_loop *l, timer_clock_fn *clock, void *clock_arg);
/* Closes the loop's descriptors, disarms its timers and restores the mask
 * of the signals it blocked.  Watchers are left stopped. */
void ev_loop_fini(struct ev_loop *l);
static inline struct timerq *ev_loop_timers(struct ev_loop *l) { return &l->timers; }
/* Current time on the loop's clock (ms). */
static inline uint64_t ev_loop_now(struct ev_loop *l) { return timerq_now(&l->timers); }

/* Waits for events at most max_wait_ms (-1: until an event or the next
 * timer), dispatches them, then runs the due timers.  Returns the number of
 * callbacks made, or -errno (EINTR counts as 0 events). */
int ev_loop_run_once(struct ev_loop *l, int max_wait_ms);
/* Runs until ev_loop_stop; 0 or -errno. */
int ev_loop_run(struct ev_loop *l);
/* Makes ev_loop_run return after the current iteration. */
void ev_loop_stop(struct ev_loop *l);

void ev_io_init(struct ev_io *w, int fd, ev_io_fn *fn, void *arg);
/* Starts watching w->fd for events (EV_READ | EV_WRITE), or changes the
 * events of a started watcher.  0 or -errno. */
int ev_io_start(struct ev_loop *l, struct ev_io *w, uint32_t events);
/* Stops watching; harmless on a stopped watcher. */
void ev_io_stop(struct ev_io *w);
static inline bool ev_io_active(const struct ev_io *w) { return w->loop != NULL; }

void ev_signal_init(struct ev_signal *s, int signo, ev_signal_fn *fn, void *arg);
/* Blocks s->signo and delivers it through the loop's signalfd.  -EBUSY if
 * the loop already has a watcher for that signal, -EINVAL for a bad number. */
int ev_signal_add(struct ev_loop *l, struct ev_signal *s);
/* Stops delivering the signal and unblocks it if ev_signal_add blocked it. */
void ev_signal_del(struct ev_signal *s);

#endif
