/* libFuzzer harness: the Mobility Header parser and the ICMPv6, RA and
 * extension header parsers.  A message that parses must build back into
 * one that parses to the same content. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/mh/ext.h"
#include "mip6d/mh/icmp.h"
#include "mip6d/mh/mh.h"
#include "mip6d/mh/nd.h"

static void mh_round_trip(const uint8_t *data, size_t size)
{
	static uint8_t buf[MH_MAX_LEN];
	struct mh_msg m, again;
	int r = mh_parse(&m, data, size), len;

	if (r == -EBADMSG || r == -EPROTONOSUPPORT || r == -ENOBUFS)
		return;
	if (r < 0 || (size_t)r > size || r % 8)
		abort();
	len = mh_build(&m, NULL, NULL, buf, sizeof(buf));
	if (len < 0 && len != -ENOSPC)
		abort();
	if (len < 0)
		return;
	if (mh_parse(&again, buf, (size_t)len) != len || again.type != m.type ||
	    again.opts.present != m.opts.present ||
	    memcmp(&again.u, &m.u, sizeof(m.u)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mip_icmp im;
	struct nd_ra ra;
	struct rh2 rh;
	struct in6_addr hoa;
	uint8_t nh;

	mh_round_trip(data, size);
	(void)mip_icmp_parse(&im, data, size);
	(void)nd_ra_parse(&ra, data, size);
	(void)rh2_parse(&rh, data, size);
	(void)hao_dstopt_parse(data, size, &nh, &hoa);
	return 0;
}
