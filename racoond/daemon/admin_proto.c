/* racoond's admin socket protocol: header and argument codec. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "racoond/daemon/admin_proto.h"

void admin_hdr_put(uint8_t out[ADMIN_HDR_LEN], const struct admin_hdr *h)
{
	out[0] = (uint8_t)(h->len >> 24);
	out[1] = (uint8_t)(h->len >> 16);
	out[2] = (uint8_t)(h->len >> 8);
	out[3] = (uint8_t)h->len;
	out[4] = (uint8_t)(h->code >> 8);
	out[5] = (uint8_t)h->code;
	out[6] = (uint8_t)(h->flags >> 8);
	out[7] = (uint8_t)h->flags;
}

int admin_hdr_get(const uint8_t *buf, size_t len, size_t max, struct admin_hdr *h)
{
	if (len < ADMIN_HDR_LEN)
		return -EINVAL;
	h->len = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
	h->code = (uint16_t)(buf[4] << 8 | buf[5]);
	h->flags = (uint16_t)(buf[6] << 8 | buf[7]);
	if (h->len < ADMIN_HDR_LEN || h->len > max)
		return -EINVAL;
	return 0;
}

int admin_encode_request(uint8_t *buf, size_t cap, uint16_t cmd, uint16_t flags,
			 int argc, const char *const *argv)
{
	struct admin_hdr h = { .code = cmd, .flags = flags };
	size_t off = ADMIN_HDR_LEN;
	int i;

	if (cmd == 0 || cmd > ADMIN_CMD_MAX)
		return -EINVAL;
	if (argc < 0 || argc > ADMIN_MAX_ARGS)
		return -E2BIG;
	if (cap > ADMIN_MAX_REQUEST)
		cap = ADMIN_MAX_REQUEST;
	if (cap < ADMIN_HDR_LEN)
		return -ENOSPC;
	for (i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (n > cap - off)
			return -ENOSPC;
		memcpy(buf + off, argv[i], n);
		off += n;
	}
	h.len = (uint32_t)off;
	admin_hdr_put(buf, &h);
	return (int)off;
}

int admin_decode_args(const uint8_t *payload, size_t len, const char **argv, int max)
{
	size_t off = 0;
	int n = 0;

	while (off < len) {
		const uint8_t *nul = memchr(payload + off, 0, len - off);
		if (!nul)
			return -EINVAL;
		if (n == max)
			return -E2BIG;
		argv[n++] = (const char *)payload + off;
		off = (size_t)(nul - payload) + 1;
	}
	return n;
}

static const struct {
	const char *name, *abbrev;
	uint16_t cmd;
} cmds[] = {
	{ "reload-config", "rc", ADMIN_CMD_RELOAD },
	{ "show-sa", "ss", ADMIN_CMD_SHOW_SA },
	{ "flush-sa", "fs", ADMIN_CMD_FLUSH_SA },
	{ "delete-sa", "ds", ADMIN_CMD_DELETE_SA },
	{ "establish-sa", "es", ADMIN_CMD_ESTABLISH_SA },
	{ "show-stats", "st", ADMIN_CMD_SHOW_STATS },
};

uint16_t admin_cmd_parse(const char *word)
{
	size_t i;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(word, cmds[i].name) == 0 || strcmp(word, cmds[i].abbrev) == 0)
			return cmds[i].cmd;
	return 0;
}

const char *admin_cmd_name(uint16_t cmd)
{
	size_t i;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (cmds[i].cmd == cmd)
			return cmds[i].name;
	return "unknown";
}
