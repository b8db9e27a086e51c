/* setkey -x: print every PF_KEY message the kernel shows a promiscuous
 * socket, as it arrives. */
#include "libpfkey/setkey/monitor.h"
#include "libpfkey/setkey/kdebug.h"
#include "libpfkey/socket.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void stamp(FILE *f, bool raw)
{
	struct timeval tv;
	struct tm tm;
	char buf[32];

	gettimeofday(&tv, NULL);
	if (raw) {
		fprintf(f, "%ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
		return;
	}
	localtime_r(&tv.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%b %d %H:%M:%S", &tm);
	fprintf(f, "%s.%06ld\n", buf, (long)tv.tv_usec);
}

int setkey_monitor(FILE *out, bool hexdump, bool raw_time)
{
	struct pfkey_sock s;
	struct sigaction sa;
	int rc;

	rc = pfkey_open(&s);
	if (rc < 0)
		return rc;
	rc = pfkey_promisc(&s, true);
	if (rc < 0) {
		pfkey_close(&s);
		return rc;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(out, "monitoring PF_KEY messages\n");
	fflush(out);
	while (!stop) {
		const uint8_t *msg;
		size_t len;

		rc = pfkey_recv(&s, &msg, &len, 500);
		if (rc == -EAGAIN || rc == -EINTR)
			continue;
		if (rc < 0)
			break;
		stamp(out, raw_time);
		kdebug_print(out, msg, len);
		if (hexdump)
			kdebug_hexdump(out, msg, len);
		fflush(out);
	}
	pfkey_close(&s);
	return stop ? 0 : rc;
}
