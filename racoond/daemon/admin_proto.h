/* racoond's admin socket protocol (shared by racoond and racoonctl): a
 * pure codec, no I/O.
 *
 * One request and one reply per connection on an AF_UNIX stream socket.
 * Both start with an 8-byte header in network byte order:
 *
 *   u32 length   whole message, header included (8 .. ADMIN_MAX_*)
 *   u16 code     request: ADMIN_CMD_*; reply: 0 or a positive errno
 *   u16 flags    ADMIN_F_*
 *
 * A request's payload is its arguments, each a NUL-terminated string
 * (at most ADMIN_MAX_ARGS).  A reply's payload is text for the user (the
 * output on success, the reason on failure), or JSON when the request had
 * ADMIN_F_JSON.  The numbering is racoond's own: racoon's binary protocol
 * (sockaddr_storage in requests) is not spoken. */
#ifndef RACOOND_DAEMON_ADMIN_PROTO_H
#define RACOOND_DAEMON_ADMIN_PROTO_H

#include <stddef.h>
#include <stdint.h>

#define ADMIN_HDR_LEN 8
#define ADMIN_MAX_REQUEST 4096
#define ADMIN_MAX_REPLY (16u << 20)
#define ADMIN_MAX_ARGS 16

enum admin_cmd {
	ADMIN_CMD_RELOAD = 1,        /* reload-config */
	ADMIN_CMD_SHOW_SA = 2,       /* show-sa isakmp|esp|ah|ipsec */
	ADMIN_CMD_FLUSH_SA = 3,      /* flush-sa isakmp|esp|ah|ipsec */
	ADMIN_CMD_DELETE_SA = 4,     /* delete-sa isakmp SRC DST */
	ADMIN_CMD_ESTABLISH_SA = 5,  /* establish-sa isakmp|esp|ah ... */
	ADMIN_CMD_SHOW_STATS = 6,    /* show-stats */
	ADMIN_CMD_MAX = ADMIN_CMD_SHOW_STATS,
};

enum {
	ADMIN_F_JSON = 1 << 0,       /* reply in JSON */
	ADMIN_F_WAIT = 1 << 1,       /* establish-sa -w: reply when done */
};

struct admin_hdr {
	uint32_t len;
	uint16_t code;
	uint16_t flags;
};

void admin_hdr_put(uint8_t out[ADMIN_HDR_LEN], const struct admin_hdr *h);
/* Reads a header; -EINVAL if len is below the header's own or above max. */
int admin_hdr_get(const uint8_t *buf, size_t len, size_t max, struct admin_hdr *h);

/* Builds a request into buf.  Returns its length, -ENOSPC if it does not
 * fit (or exceeds ADMIN_MAX_REQUEST), -E2BIG for too many arguments,
 * -EINVAL for an unknown command. */
int admin_encode_request(uint8_t *buf, size_t cap, uint16_t cmd, uint16_t flags,
			 int argc, const char *const *argv);
/* Splits a request's payload into its arguments (pointers into payload).
 * Returns the count, or -EINVAL (an argument without its NUL), -E2BIG. */
int admin_decode_args(const uint8_t *payload, size_t len, const char **argv, int max);

/* "reload-config" -> ADMIN_CMD_RELOAD, with racoonctl's short forms
 * ("rc", "ss", ...); 0 if unknown. */
uint16_t admin_cmd_parse(const char *word);
const char *admin_cmd_name(uint16_t cmd);

#endif
