/* libFuzzer harness of the control protocol's request parser: any input
 * is refused or parsed into a request that formats back to a line parsing
 * to the same request. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "mip6d/daemon/ctlproto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctl_req r, back;
	char line[CTL_LINE_MAX + 2];
	int n;

	if (ctl_req_parse((const char *)data, size, &r) < 0)
		return 0;
	n = ctl_req_format(&r, line, sizeof(line));
	if (n < 0 || ctl_req_parse(line, (size_t)n, &back) < 0 || back.cmd != r.cmd ||
	    back.json != r.json)
		abort();
	return 0;
}
