/* Type 2 Routing Header and Home Address option: see ext.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/wire.h"
#include "mip6d/mh/ext.h"

int rh2_build(uint8_t *buf, size_t cap, uint8_t next_header, const struct in6_addr *hoa)
{
	struct wire_wr w;

	wire_wr_init(&w, buf, cap);
	wire_wr_u8(&w, next_header);
	wire_wr_u8(&w, RH2_LEN / 8 - 1);
	wire_wr_u8(&w, RH2_TYPE);
	wire_wr_u8(&w, 1);              /* segments left */
	wire_wr_be32(&w, 0);
	wire_wr_bytes(&w, hoa, 16);
	return wire_wr_ok(&w) ? RH2_LEN : -ENOSPC;
}

int rh2_parse(struct rh2 *rh, const uint8_t *buf, size_t len)
{
	memset(rh, 0, sizeof(*rh));
	if (len < RH2_LEN || buf[1] != RH2_LEN / 8 - 1 || buf[2] != RH2_TYPE || buf[3] > 1)
		return -EBADMSG;
	rh->next_header = buf[0];
	rh->segments_left = buf[3];
	memcpy(&rh->hoa, buf + 8, 16);
	return RH2_LEN;
}

int hao_dstopt_build(uint8_t *buf, size_t cap, uint8_t next_header, const struct in6_addr *hoa)
{
	struct wire_wr w;

	wire_wr_init(&w, buf, cap);
	wire_wr_u8(&w, next_header);
	wire_wr_u8(&w, HAO_DSTOPT_LEN / 8 - 1);
	wire_wr_u8(&w, 1);              /* PadN of 2 octets: the HAO at 8n+6 */
	wire_wr_u8(&w, 2);
	wire_wr_be16(&w, 0);
	wire_wr_u8(&w, HAO_OPT_TYPE);
	wire_wr_u8(&w, 16);
	wire_wr_bytes(&w, hoa, 16);
	return wire_wr_ok(&w) ? HAO_DSTOPT_LEN : -ENOSPC;
}

int hao_dstopt_parse(const uint8_t *buf, size_t len, uint8_t *next_header,
		     struct in6_addr *hoa)
{
	size_t total, off = 2;
	bool found = false;

	if (len < 2)
		return -EBADMSG;
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return -EBADMSG;
	*next_header = buf[0];
	while (off < total) {
		uint8_t t = buf[off], l;

		if (t == 0) {           /* Pad1 */
			off++;
			continue;
		}
		if (total - off < 2)
			return -EBADMSG;
		l = buf[off + 1];
		if ((size_t)l > total - off - 2)
			return -EBADMSG;
		if (t == HAO_OPT_TYPE) {
			if (found || l != 16 || off % 8 != 6)
				return -EBADMSG;
			memcpy(hoa, buf + off + 2, 16);
			found = true;
		}
		off += 2u + l;
	}
	return found ? (int)total : -ENOENT;
}
