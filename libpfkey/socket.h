/* PF_KEY sockets: open, register, request/answer matched by sequence
 * number (unrelated broadcasts that arrive meanwhile are queued for
 * pfkey_recv()), multi-message dumps, and broadcast reception. */
#ifndef LIBPFKEY_SOCKET_H
#define LIBPFKEY_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libpfkey/pfkey.h"

/* Most messages kept while waiting for an answer; older ones are dropped
 * (and counted) beyond that. */
#define PFKEY_QUEUE_MAX 256

struct pfkey_queued;

struct pfkey_sock {
	int fd;
	uint32_t seq;                /* last sequence number used */
	uint32_t pid;                /* sadb_msg_pid of our requests */
	int timeout_ms;              /* wait for an answer (default 5000) */
	struct pfkey_queued *head, *tail;
	size_t nqueued;
	uint64_t dropped;            /* queued messages lost to overflow */
	uint8_t *rbuf;               /* one message, PFKEY_MSG_MAX bytes */
	/* Called with every message sent and received (setkey -v), or NULL. */
	void (*trace)(bool sent, const void *msg, size_t len, void *arg);
	void *trace_arg;
};

/* 0, or -errno (-EAFNOSUPPORT: the kernel has no PF_KEY). */
int pfkey_open(struct pfkey_sock *s);
/* Wraps a datagram socket that is already open (inherited from a parent,
 * or a stand-in for the kernel in tests); s owns it from then on. */
int pfkey_open_fd(struct pfkey_sock *s, int fd);
void pfkey_close(struct pfkey_sock *s);
static inline uint32_t pfkey_next_seq(struct pfkey_sock *s) { return ++s->seq; }

int pfkey_send(struct pfkey_sock *s, const void *msg, size_t len);
/* Next message: queued ones first, then the socket, waiting up to
 * timeout_ms (-1: forever, 0: poll).  Returns a pointer to a buffer owned
 * by s (valid until the next call) and its length in *len; 0, -EAGAIN on
 * timeout, or -errno. */
int pfkey_recv(struct pfkey_sock *s, const uint8_t **msg, size_t *len, int timeout_ms);

/* Sends msg (whose seq and pid the caller set from pfkey_next_seq() and
 * s->pid) and waits for the kernel's answer of the same type, seq and pid.
 * On success the answer is parsed into *reply (pointing into s's buffer,
 * valid until the next call) if reply is non-NULL.  Returns 0, the
 * kernel's error as -errno, or -ETIMEDOUT. */
int pfkey_request(struct pfkey_sock *s, const void *msg, size_t len, struct pfkey_msg *reply);

/* For requests whose success has no direct answer (X_MIGRATE: the kernel
 * only broadcasts the result): sends, then collects what the kernel queued
 * during the send.  Returns the kernel's error or 0. */
int pfkey_request_noreply(struct pfkey_sock *s, const void *msg, size_t len);

/* SADB_REGISTER for satype; the SUPPORTED answer in *reply if non-NULL. */
int pfkey_register(struct pfkey_sock *s, uint8_t satype, struct pfkey_msg *reply);
/* SADB_X_PROMISC: receive a copy of every PF_KEY message (setkey -x). */
int pfkey_promisc(struct pfkey_sock *s, bool on);

/* SADB_DUMP (satype, 0 for all) or SADB_X_SPDDUMP: calls cb for each
 * answer until the last one.  An empty database is not an error.  A
 * non-zero return of cb stops the walk (the rest is drained) and is
 * returned.  Answers that fail to parse are skipped and the walk ends
 * with -EBADMSG. */
typedef int (*pfkey_dump_cb)(const struct pfkey_msg *m, void *arg);
int pfkey_dump(struct pfkey_sock *s, uint8_t type, uint8_t satype, pfkey_dump_cb cb, void *arg);
/* SADB_FLUSH (satype, 0 for all) or SADB_X_SPDFLUSH. */
int pfkey_flush(struct pfkey_sock *s, uint8_t type, uint8_t satype);

#endif
