/* PF_KEY socket layer against a stand-in kernel (the other end of a
 * datagram socketpair): answers matched by type, seq and pid; unrelated
 * broadcasts queued in order; errors; timeouts; multi-message dumps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libpfkey/socket.h"

struct fixture {
	struct pfkey_sock s;
	int kernel;                  /* the stand-in kernel's end */
};

static int setup(void **st)
{
	static struct fixture f;
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	assert_int_equal(pfkey_open_fd(&f.s, sv[0]), 0);
	f.s.timeout_ms = 2000;
	f.kernel = sv[1];
	*st = &f;
	return 0;
}

static int teardown(void **st)
{
	struct fixture *f = *st;

	pfkey_close(&f->s);
	close(f->kernel);
	return 0;
}

/* The kernel sends a header-only message (plus an SA extension when spi). */
static void kernel_send(struct fixture *f, uint8_t type, uint8_t err, uint32_t seq, uint32_t pid, uint32_t spi)
{
	uint8_t buf[64];
	struct pfkey_builder b;
	int len;

	pfkey_build_init(&b, buf, sizeof(buf), type, SADB_SATYPE_ESP, seq, pid);
	if (spi)
		pfkey_add_sa(&b, spi, 0, SADB_SASTATE_MATURE, 0, 0, 0);
	pfkey_build_errno(&b, err);
	len = pfkey_build_finish(&b);
	assert_true(len > 0);
	assert_int_equal(send(f->kernel, buf, (size_t)len, 0), len);
}

static int build_request(struct fixture *f, uint8_t type, uint8_t *buf, size_t cap)
{
	struct pfkey_builder b;

	pfkey_build_init(&b, buf, cap, type, SADB_SATYPE_ESP, pfkey_next_seq(&f->s), f->s.pid);
	return pfkey_build_finish(&b);
}

static void expect_queued(struct fixture *f, uint8_t type, uint32_t seq)
{
	const uint8_t *msg;
	size_t len;
	const struct sadb_msg *h;

	assert_int_equal(pfkey_recv(&f->s, &msg, &len, 0), 0);
	h = (const struct sadb_msg *)msg;
	assert_int_equal(h->sadb_msg_type, type);
	assert_int_equal(h->sadb_msg_seq, seq);
}

static void t_request_matches_and_queues(void **st)
{
	struct fixture *f = *st;
	uint8_t req[16], sent[64];
	struct pfkey_msg reply;
	int len = build_request(f, SADB_GET, req, sizeof(req));
	uint32_t seq = f->s.seq;

	kernel_send(f, SADB_ACQUIRE, 0, 77, 0, 0);             /* broadcast */
	kernel_send(f, SADB_GET, 0, seq + 100, f->s.pid, 1);    /* someone else's seq */
	kernel_send(f, SADB_GET, 0, seq, f->s.pid + 1, 2);      /* someone else's pid */
	kernel_send(f, SADB_GET, 0, seq, f->s.pid, 0x1234);     /* ours */
	assert_int_equal(pfkey_request(&f->s, req, (size_t)len, &reply), 0);
	assert_non_null(reply.sa);
	assert_int_equal(ntohl(reply.sa->sadb_sa_spi), 0x1234);
	/* what the kernel received */
	assert_int_equal(recv(f->kernel, sent, sizeof(sent), 0), 16);
	assert_memory_equal(sent, req, 16);
	/* the others wait, in order */
	assert_int_equal(f->s.nqueued, 3);
	expect_queued(f, SADB_ACQUIRE, 77);
	expect_queued(f, SADB_GET, seq + 100);
	expect_queued(f, SADB_GET, seq);
	{
		const uint8_t *msg;
		size_t n;

		assert_int_equal(pfkey_recv(&f->s, &msg, &n, 0), -EAGAIN);
	}
}

static void t_request_error(void **st)
{
	struct fixture *f = *st;
	uint8_t req[16];
	int len = build_request(f, SADB_ADD, req, sizeof(req));

	kernel_send(f, SADB_ADD, EEXIST, f->s.seq, f->s.pid, 0);
	assert_int_equal(pfkey_request(&f->s, req, (size_t)len, NULL), -EEXIST);
}

static void t_request_timeout(void **st)
{
	struct fixture *f = *st;
	uint8_t req[16];
	int len = build_request(f, SADB_X_SPDADD, req, sizeof(req));

	f->s.timeout_ms = 50;
	kernel_send(f, SADB_EXPIRE, 0, 0, 0, 9);
	assert_int_equal(pfkey_request(&f->s, req, (size_t)len, NULL), -ETIMEDOUT);
	assert_int_equal(f->s.nqueued, 1);
	f->s.timeout_ms = 2000;
}

static void t_request_bad_answer(void **st)
{
	struct fixture *f = *st;
	uint8_t req[16], bad[24];
	struct pfkey_msg reply;
	int len = build_request(f, SADB_GET, req, sizeof(req));

	/* a matching header whose length field lies */
	memcpy(bad, req, 16);
	memset(bad + 16, 0, 8);
	assert_int_equal(send(f->kernel, bad, sizeof(bad), 0), (ssize_t)sizeof(bad));
	assert_int_equal(pfkey_request(&f->s, req, (size_t)len, &reply), -EBADMSG);
}

static void t_noreply(void **st)
{
	struct fixture *f = *st;
	uint8_t req[16];
	int len = build_request(f, SADB_X_MIGRATE, req, sizeof(req));

	kernel_send(f, SADB_X_MIGRATE, 0, 0, 0, 0);    /* the success broadcast */
	assert_int_equal(pfkey_request_noreply(&f->s, req, (size_t)len), 0);
	assert_int_equal(f->s.nqueued, 1);
	expect_queued(f, SADB_X_MIGRATE, 0);
	len = build_request(f, SADB_X_MIGRATE, req, sizeof(req));
	kernel_send(f, SADB_X_MIGRATE, ENOENT, f->s.seq, f->s.pid, 0);
	assert_int_equal(pfkey_request_noreply(&f->s, req, (size_t)len), -ENOENT);
}

struct count {
	unsigned n;
	uint32_t spis[8];
	int stop_at;
};

static int count_cb(const struct pfkey_msg *m, void *arg)
{
	struct count *c = arg;

	c->spis[c->n++] = ntohl(m->sa->sadb_sa_spi);
	return c->stop_at && (int)c->n == c->stop_at ? -ECANCELED : 0;
}

static void t_dump(void **st)
{
	struct fixture *f = *st;
	struct count c = { 0 };

	/* the dump request's seq will be s.seq + 1; answers count down to 0 */
	kernel_send(f, SADB_DUMP, 0, 3, f->s.pid, 0x10);
	kernel_send(f, SADB_X_MIGRATE, 0, 0, 0, 0);
	kernel_send(f, SADB_DUMP, 0, 2, f->s.pid, 0x11);
	kernel_send(f, SADB_DUMP, 0, 1, f->s.pid, 0x12);
	kernel_send(f, SADB_DUMP, 0, 0, f->s.pid, 0x13);
	assert_int_equal(pfkey_dump(&f->s, SADB_DUMP, 0, count_cb, &c), 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.spis[0], 0x10);
	assert_int_equal(c.spis[3], 0x13);
	assert_int_equal(f->s.nqueued, 1);
	expect_queued(f, SADB_X_MIGRATE, 0);
}

static void t_dump_empty_and_stop(void **st)
{
	struct fixture *f = *st;
	struct count c = { 0 };

	kernel_send(f, SADB_X_SPDDUMP, ENOENT, 0, f->s.pid, 0);
	assert_int_equal(pfkey_dump(&f->s, SADB_X_SPDDUMP, 0, count_cb, &c), 0);
	assert_int_equal(c.n, 0);

	c.stop_at = 1;
	kernel_send(f, SADB_DUMP, 0, 2, f->s.pid, 0x20);
	kernel_send(f, SADB_DUMP, 0, 1, f->s.pid, 0x21);
	kernel_send(f, SADB_DUMP, 0, 0, f->s.pid, 0x22);
	assert_int_equal(pfkey_dump(&f->s, SADB_DUMP, 0, count_cb, &c), -ECANCELED);
	assert_int_equal(c.n, 1);
	/* the rest was drained, not queued */
	assert_int_equal(f->s.nqueued, 0);
}

static void t_dump_skips_malformed(void **st)
{
	struct fixture *f = *st;
	struct count c = { 0 };
	uint8_t bad[24];
	struct sadb_msg h;

	kernel_send(f, SADB_DUMP, 0, 2, f->s.pid, 0x30);
	/* an answer whose length field lies */
	memset(&h, 0, sizeof(h));
	h.sadb_msg_version = PF_KEY_V2;
	h.sadb_msg_type = SADB_DUMP;
	h.sadb_msg_len = 2;
	h.sadb_msg_seq = 1;
	h.sadb_msg_pid = f->s.pid;
	memset(bad, 0, sizeof(bad));
	memcpy(bad, &h, sizeof(h));
	assert_int_equal(send(f->kernel, bad, sizeof(bad), 0), (ssize_t)sizeof(bad));
	kernel_send(f, SADB_DUMP, 0, 0, f->s.pid, 0x32);
	assert_int_equal(pfkey_dump(&f->s, SADB_DUMP, 0, count_cb, &c), -EBADMSG);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.spis[1], 0x32);
}

static void t_dump_error(void **st)
{
	struct fixture *f = *st;
	struct count c = { 0 };

	kernel_send(f, SADB_DUMP, EPERM, 0, f->s.pid, 0);
	assert_int_equal(pfkey_dump(&f->s, SADB_DUMP, 0, count_cb, &c), -EPERM);
}

struct flood {
	struct fixture *f;
	unsigned n;
	uint32_t seq;
};

static void *flood_thread(void *arg)
{
	struct flood *fl = arg;
	unsigned i;

	for (i = 0; i < fl->n; i++)
		kernel_send(fl->f, SADB_EXPIRE, 0, i + 1, 0, 0);
	kernel_send(fl->f, SADB_FLUSH, 0, fl->seq, fl->f->s.pid, 0);
	return NULL;
}

static void t_queue_overflow(void **st)
{
	struct fixture *f = *st;
	struct flood fl = { .f = f, .n = PFKEY_QUEUE_MAX + 5 };
	uint8_t req[16];
	pthread_t th;
	int len = build_request(f, SADB_FLUSH, req, sizeof(req));

	fl.seq = f->s.seq;
	assert_int_equal(pthread_create(&th, NULL, flood_thread, &fl), 0);
	assert_int_equal(pfkey_request(&f->s, req, (size_t)len, NULL), 0);
	pthread_join(th, NULL);
	assert_int_equal(f->s.nqueued, PFKEY_QUEUE_MAX);
	assert_int_equal(f->s.dropped, 5);
	/* the oldest were dropped */
	expect_queued(f, SADB_EXPIRE, 6);
	while (f->s.nqueued)
		expect_queued(f, SADB_EXPIRE, (uint32_t)(PFKEY_QUEUE_MAX + 5 - f->s.nqueued + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t_request_matches_and_queues, setup, teardown),
		cmocka_unit_test_setup_teardown(t_request_error, setup, teardown),
		cmocka_unit_test_setup_teardown(t_request_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(t_request_bad_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(t_noreply, setup, teardown),
		cmocka_unit_test_setup_teardown(t_dump, setup, teardown),
		cmocka_unit_test_setup_teardown(t_dump_empty_and_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(t_dump_skips_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(t_dump_error, setup, teardown),
		cmocka_unit_test_setup_teardown(t_queue_overflow, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
