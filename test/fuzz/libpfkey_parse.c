/* libFuzzer harness: the PF_KEY parser, then everything that reads a
 * parsed message (extension accessors, neutral conversion, the debug
 * printer), which must never read outside what the parser checked. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpfkey/convert.h"
#include "libpfkey/pfkey.h"
#include "libpfkey/setkey/kdebug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct pfkey_msg m;
	struct ipsec_sa sa;
	struct ipsec_policy pol;
	struct ipsec_migrate_msg mig;
	uint8_t *copy;

	if (!sink)
		sink = fopen("/dev/null", "w");
	/* An exact-size copy, so ASan sees any read past the end. */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (pfkey_parse(copy, size, &m) == 0) {
		if (m.policy) {
			struct pfkey_ipsecreq r;
			size_t pos = 0;

			while (pfkey_policy_next(m.policy, &pos, &r))
				;
		}
		if (m.proposal && pfkey_prop_count(m.proposal))
			(void)pfkey_prop_comb(m.proposal, pfkey_prop_count(m.proposal) - 1)->sadb_comb_hard_usetime;
		if (m.supported_auth && pfkey_supported_count(m.supported_auth))
			(void)pfkey_supported_alg(m.supported_auth, pfkey_supported_count(m.supported_auth) - 1)->sadb_alg_maxbits;
		if (m.sec_ctx) {
			size_t n;
			const uint8_t *c = pfkey_sec_ctx_data(m.sec_ctx, &n);

			if (n)
				(void)c[n - 1];
		}
		pfkey_msg_to_sa(&m, &sa);
		pfkey_msg_to_policy(&m, &pol);
		pfkey_msg_to_migrate(&m, &mig);
	}
	if (sink)
		kdebug_print(sink, copy, size);
	free(copy);
	return 0;
}
