/* Fake kernel operations (kops.h) for the glue's unit tests: each call
 * appends one line to a log; one operation can be made to fail. */
#ifndef TEST_MIP6D_DAEMON_FAKEOPS_H
#define TEST_MIP6D_DAEMON_FAKEOPS_H

#include <stddef.h>

#include "mip6d/daemon/kops.h"

#define FAKE_MAX 128
#define FAKE_LINE 200

struct fake {
	char log[FAKE_MAX][FAKE_LINE];
	size_t n;
	const char *fail;       /* name of the operation that fails, or NULL */
	int fail_err;
	int next_ifindex;
	/* the last MH sent */
	unsigned char mh[512];
	size_t mh_len;
	struct sys_mh_send mh_to;
};

extern const struct dk_ops fake_ops;
void fake_reset(struct fake *f);
/* Index of the first line starting with prefix, or -1. */
int fake_find(const struct fake *f, const char *prefix);
size_t fake_count(const struct fake *f, const char *prefix);

#endif
