/* libFuzzer harness: libxfrm's XFRM event decoder on arbitrary bytes taken
 * as one netlink message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>

#include "libxfrm/xfrm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xfrm_event ev;
	struct nlmsghdr *nlh;
	void *buf;

	if (size < sizeof(struct nlmsghdr) || size > 65536)
		return 0;
	/* A netlink buffer is 4-byte aligned; the fuzzer's is not. */
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	nlh = buf;
	xfrm_event_decode(nlh, size, &ev);
	free(buf);
	return 0;
}
