/* libFuzzer harness: linkmon_decode on arbitrary bytes, as one message
 * and as the walk linkmon_read does over a buffer of several. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mip6d/sys/linkmon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static union {
		struct nlmsghdr h;
		uint8_t b[65536];
	} buf;
	struct linkmon_event ev;
	size_t left;
	const uint8_t *p = buf.b;

	if (size > sizeof(buf.b))
		return 0;
	memcpy(buf.b, data, size);
	left = size;
	while (left >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nh = (const struct nlmsghdr *)p;
		size_t step;

		linkmon_decode(nh, left, &ev);
		if (nh->nlmsg_len < NLMSG_HDRLEN || nh->nlmsg_len > left)
			break;
		step = NLMSG_ALIGN(nh->nlmsg_len);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
	return 0;
}
