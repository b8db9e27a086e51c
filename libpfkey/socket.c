/* PF_KEY socket layer.  See socket.h. */
#include "libpfkey/socket.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct pfkey_queued {
	struct pfkey_queued *next;
	size_t len;
	uint8_t data[];
};

#define PFKEY_TIMEOUT_DEFAULT 5000

int pfkey_open_fd(struct pfkey_sock *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->rbuf = malloc(PFKEY_MSG_MAX);
	if (!s->rbuf)
		return -ENOMEM;
	s->fd = fd;
	s->pid = (uint32_t)getpid();
	s->timeout_ms = PFKEY_TIMEOUT_DEFAULT;
	return 0;
}

int pfkey_open(struct pfkey_sock *s)
{
	int fd = socket(PF_KEY, SOCK_RAW | SOCK_CLOEXEC, PF_KEY_V2);
	int rc;

	if (fd < 0) {
		memset(s, 0, sizeof(*s));
		s->fd = -1;
		return -errno;
	}
	rc = pfkey_open_fd(s, fd);
	if (rc < 0)
		close(fd);
	return rc;
}

void pfkey_close(struct pfkey_sock *s)
{
	while (s->head) {
		struct pfkey_queued *q = s->head;

		s->head = q->next;
		free(q);
	}
	s->tail = NULL;
	s->nqueued = 0;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->rbuf);
	s->rbuf = NULL;
}

int pfkey_send(struct pfkey_sock *s, const void *msg, size_t len)
{
	ssize_t n;

	if (s->trace)
		s->trace(true, msg, len, s->trace_arg);
	do
		n = send(s->fd, msg, len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static void enqueue(struct pfkey_sock *s, const uint8_t *msg, size_t len)
{
	struct pfkey_queued *q;

	if (s->nqueued >= PFKEY_QUEUE_MAX) {
		q = s->head;
		s->head = q->next;
		if (!s->head)
			s->tail = NULL;
		free(q);
		s->nqueued--;
		s->dropped++;
	}
	q = malloc(sizeof(*q) + len);
	if (!q) {
		s->dropped++;
		return;
	}
	q->next = NULL;
	q->len = len;
	memcpy(q->data, msg, len);
	if (s->tail)
		s->tail->next = q;
	else
		s->head = q;
	s->tail = q;
	s->nqueued++;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads one datagram from the socket into rbuf, waiting until deadline
 * (-1: forever). */
static int read_socket(struct pfkey_sock *s, size_t *len, int64_t deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		int wait = -1, rc;
		ssize_t n;

		if (deadline >= 0) {
			int64_t left = deadline - now_ms();

			wait = left > 0 ? (int)left : 0;
		}
		rc = poll(&pfd, 1, wait);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (rc == 0)
			return -EAGAIN;
		n = recv(s->fd, s->rbuf, PFKEY_MSG_MAX, MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return -errno;
		*len = (size_t)n;
		if (s->trace)
			s->trace(false, s->rbuf, *len, s->trace_arg);
		return 0;
	}
}

int pfkey_recv(struct pfkey_sock *s, const uint8_t **msg, size_t *len, int timeout_ms)
{
	int rc;

	if (s->head) {
		struct pfkey_queued *q = s->head;

		s->head = q->next;
		if (!s->head)
			s->tail = NULL;
		s->nqueued--;
		memcpy(s->rbuf, q->data, q->len);
		*len = q->len;
		free(q);
		*msg = s->rbuf;
		return 0;
	}
	rc = read_socket(s, len, timeout_ms < 0 ? -1 : now_ms() + timeout_ms);
	if (rc == 0)
		*msg = s->rbuf;
	return rc;
}

/* True if the message in rbuf answers the request header q. */
static bool is_answer(const struct sadb_msg *q, const uint8_t *buf, size_t len)
{
	const struct sadb_msg *h = (const struct sadb_msg *)buf;

	return len >= sizeof(*h) && h->sadb_msg_type == q->sadb_msg_type &&
	       h->sadb_msg_seq == q->sadb_msg_seq && h->sadb_msg_pid == q->sadb_msg_pid;
}

int pfkey_request(struct pfkey_sock *s, const void *msg, size_t len, struct pfkey_msg *reply)
{
	struct sadb_msg q;
	int64_t deadline;
	int rc;

	if (len < sizeof(q))
		return -EINVAL;
	memcpy(&q, msg, sizeof(q));
	rc = pfkey_send(s, msg, len);
	if (rc < 0)
		return rc;
	deadline = now_ms() + s->timeout_ms;
	for (;;) {
		const struct sadb_msg *h = (const struct sadb_msg *)s->rbuf;
		size_t rlen;

		rc = read_socket(s, &rlen, deadline);
		if (rc == -EAGAIN)
			return -ETIMEDOUT;
		if (rc < 0)
			return rc;
		if (!is_answer(&q, s->rbuf, rlen)) {
			enqueue(s, s->rbuf, rlen);
			continue;
		}
		if (h->sadb_msg_errno)
			return -(int)h->sadb_msg_errno;
		if (reply) {
			rc = pfkey_parse(s->rbuf, rlen, reply);
			if (rc < 0)
				return -EBADMSG;
		}
		return 0;
	}
}

int pfkey_request_noreply(struct pfkey_sock *s, const void *msg, size_t len)
{
	struct sadb_msg q;
	int rc;

	if (len < sizeof(q))
		return -EINVAL;
	memcpy(&q, msg, sizeof(q));
	rc = pfkey_send(s, msg, len);
	if (rc < 0)
		return rc;
	/* The kernel answers inside sendmsg(): anything it had to say is
	 * already queued on the socket. */
	for (;;) {
		const struct sadb_msg *h = (const struct sadb_msg *)s->rbuf;
		size_t rlen;

		rc = read_socket(s, &rlen, 0);
		if (rc == -EAGAIN)
			return 0;
		if (rc < 0)
			return rc;
		if (is_answer(&q, s->rbuf, rlen) && h->sadb_msg_errno)
			return -(int)h->sadb_msg_errno;
		enqueue(s, s->rbuf, rlen);
	}
}

static int simple_request(struct pfkey_sock *s, uint8_t type, uint8_t satype, struct pfkey_msg *reply)
{
	struct pfkey_builder b;
	uint8_t msg[sizeof(struct sadb_msg)];
	int len;

	pfkey_build_init(&b, msg, sizeof(msg), type, satype, pfkey_next_seq(s), s->pid);
	len = pfkey_build_finish(&b);
	if (len < 0)
		return len;
	return pfkey_request(s, msg, (size_t)len, reply);
}

int pfkey_register(struct pfkey_sock *s, uint8_t satype, struct pfkey_msg *reply)
{
	return simple_request(s, SADB_REGISTER, satype, reply);
}

int pfkey_promisc(struct pfkey_sock *s, bool on)
{
	/* The satype field carries the on/off switch. */
	return simple_request(s, SADB_X_PROMISC, on ? 1 : 0, NULL);
}

int pfkey_flush(struct pfkey_sock *s, uint8_t type, uint8_t satype)
{
	return simple_request(s, type, satype, NULL);
}

int pfkey_dump(struct pfkey_sock *s, uint8_t type, uint8_t satype, pfkey_dump_cb cb, void *arg)
{
	struct pfkey_builder b;
	uint8_t msg[sizeof(struct sadb_msg)];
	int len, rc, result = 0;
	int64_t deadline;

	pfkey_build_init(&b, msg, sizeof(msg), type, satype, pfkey_next_seq(s), s->pid);
	len = pfkey_build_finish(&b);
	if (len < 0)
		return len;
	rc = pfkey_send(s, msg, (size_t)len);
	if (rc < 0)
		return rc;
	deadline = now_ms() + s->timeout_ms;
	for (;;) {
		const struct sadb_msg *h = (const struct sadb_msg *)s->rbuf;
		struct pfkey_msg m;
		size_t rlen;

		rc = read_socket(s, &rlen, deadline);
		if (rc == -EAGAIN)
			return -ETIMEDOUT;
		if (rc < 0)
			return rc;
		/* Dump answers carry our pid; their seq counts down to 0. */
		if (rlen < sizeof(*h) || h->sadb_msg_type != type || h->sadb_msg_pid != s->pid) {
			enqueue(s, s->rbuf, rlen);
			continue;
		}
		if (h->sadb_msg_errno)
			return h->sadb_msg_errno == ENOENT ? result : -(int)h->sadb_msg_errno;
		/* A message that fails to parse is skipped, not the whole dump:
		 * the others are still shown, and the error reported at the end. */
		if (result == 0 || result == -EBADMSG) {
			if (pfkey_parse(s->rbuf, rlen, &m) < 0)
				result = -EBADMSG;
			else if ((rc = cb(&m, arg)) != 0)
				result = rc;
		}
		if (h->sadb_msg_seq == 0)
			return result;
		deadline = now_ms() + s->timeout_ms;
	}
}
