/*
 * VM-tier helper: proves a PF_KEY v2 socket works in the guest kernel.
 *
 *   pfkey_open            open socket(PF_KEY, SOCK_RAW, PF_KEY_V2)
 *   pfkey_open register   also SADB_REGISTER for ESP and check the kernel's
 *                         answer carries supported auth and encrypt algorithms
 *
 * Exit 0 on success, 1 with a message on stderr otherwise.  Standalone on
 * purpose (test/vm/mkinitramfs compiles it with cc): the project's libpfkey
 * is what is under test elsewhere, this only checks the ground it stands on.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/pfkeyv2.h>

static int fail(const char *what)
{
	fprintf(stderr, "pfkey_open: %s: %s\n", what, strerror(errno));
	return 1;
}

/* Counts the algorithms of the SUPPORTED_AUTH/ENCRYPT extensions of a reply. */
static int count_supported(const uint8_t *msg, size_t len, int *nauth, int *nenc)
{
	size_t off = sizeof(struct sadb_msg);

	*nauth = *nenc = 0;
	while (off + sizeof(struct sadb_ext) <= len) {
		struct sadb_ext ext;
		size_t elen;

		memcpy(&ext, msg + off, sizeof(ext));
		elen = (size_t)ext.sadb_ext_len * 8;
		if (elen < sizeof(ext) || off + elen > len)
			return -1;
		if (ext.sadb_ext_type == SADB_EXT_SUPPORTED_AUTH ||
		    ext.sadb_ext_type == SADB_EXT_SUPPORTED_ENCRYPT) {
			int n = (int)((elen - sizeof(struct sadb_supported)) /
				      sizeof(struct sadb_alg));

			if (ext.sadb_ext_type == SADB_EXT_SUPPORTED_AUTH)
				*nauth = n;
			else
				*nenc = n;
		}
		off += elen;
	}
	return 0;
}

static int do_register(int fd)
{
	struct sadb_msg req = {
		.sadb_msg_version = PF_KEY_V2,
		.sadb_msg_type = SADB_REGISTER,
		.sadb_msg_satype = SADB_SATYPE_ESP,
		.sadb_msg_len = sizeof(req) / 8,
		.sadb_msg_seq = 1,
		.sadb_msg_pid = (uint32_t)getpid(),
	};
	struct timeval tv = { .tv_sec = 5 };
	uint8_t buf[65536];

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return fail("SO_RCVTIMEO");
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		return fail("send SADB_REGISTER");
	for (;;) {
		struct sadb_msg rep;
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		int nauth, nenc;

		if (n < 0)
			return fail("recv");
		if ((size_t)n < sizeof(rep))
			continue;
		memcpy(&rep, buf, sizeof(rep));
		if (rep.sadb_msg_type != SADB_REGISTER || rep.sadb_msg_seq != req.sadb_msg_seq ||
		    rep.sadb_msg_pid != req.sadb_msg_pid)
			continue;
		if (rep.sadb_msg_errno) {
			errno = rep.sadb_msg_errno;
			return fail("SADB_REGISTER answer");
		}
		if ((size_t)rep.sadb_msg_len * 8 != (size_t)n ||
		    count_supported(buf, (size_t)n, &nauth, &nenc) < 0) {
			fprintf(stderr, "pfkey_open: malformed SADB_REGISTER answer\n");
			return 1;
		}
		printf("pfkey_open: ESP registered: %d auth, %d encrypt algorithms\n", nauth, nenc);
		if (nauth == 0 || nenc == 0) {
			fprintf(stderr, "pfkey_open: no algorithms supported\n");
			return 1;
		}
		return 0;
	}
}

int main(int argc, char **argv)
{
	int fd, rc = 0;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "register") != 0)) {
		fprintf(stderr, "usage: pfkey_open [register]\n");
		return 2;
	}
	fd = socket(PF_KEY, SOCK_RAW, PF_KEY_V2);
	if (fd < 0)
		return fail("socket(PF_KEY, SOCK_RAW, PF_KEY_V2)");
	if (argc == 2)
		rc = do_register(fd);
	close(fd);
	return rc;
}
