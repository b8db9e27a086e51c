/* libFuzzer harness: lines of a "path backupsa" file.  A line accepted as
 * an SA is formatted again and must parse back to the same SA. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/daemon/backupsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[4096], again[4096];
	struct bsa_entry e, f;
	struct ipsec_sa live;
	int n;

	if (size >= sizeof(line))
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (bsa_parse(line, &e) != BSA_LINE_SA)
		return 0;
	(void)bsa_live_at(&e, e.when + 1, &live);
	n = bsa_format_sa(&e.sa, e.when, again, sizeof(again));
	if (n < 0 || bsa_parse(again, &f) != BSA_LINE_SA || f.when != e.when ||
	    f.sa.spi != e.sa.spi || f.sa.proto != e.sa.proto || !addr_eq(&f.sa.src, &e.sa.src) ||
	    memcmp(&f.sa.enc, &e.sa.enc, sizeof(e.sa.enc)) != 0 ||
	    memcmp(&f.sa.auth, &e.sa.auth, sizeof(e.sa.auth)) != 0 ||
	    memcmp(&f.sa.aead, &e.sa.aead, sizeof(e.sa.aead)) != 0)
		abort();
	return 0;
}
