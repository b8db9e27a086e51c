/* libFuzzer harness: nd_parse on arbitrary bytes, and the Mobility Header
 * control-message parser on the same bytes laid out as one IPV6_DSTOPTS
 * and one IPV6_RTHDR control message. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mip6d/sys/mhcmsg.h"
#include "mip6d/sys/ndmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union {
		struct cmsghdr align;
		uint8_t b[2 * CMSG_SPACE(256)];
	} ctl;
	struct msghdr mh = { .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
	struct sys_mh_info info;
	struct cmsghdr *c;
	struct nd_msg m;
	size_t n = size > 256 ? 256 : size;

	nd_parse(data, size, &m);

	memset(ctl.b, 0, sizeof(ctl.b));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_DSTOPTS;
	c->cmsg_len = CMSG_LEN(n);
	memcpy(CMSG_DATA(c), data, n);
	c = CMSG_NXTHDR(&mh, c);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_RTHDR;
	c->cmsg_len = CMSG_LEN(n);
	memcpy(CMSG_DATA(c), data, n);
	mh.msg_controllen = 2 * CMSG_SPACE(n);
	memset(&info, 0, sizeof(info));
	sys_mh_cmsg_parse(&mh, &info);
	return 0;
}
