/* libFuzzer harness: setkey's command language and the policy strings it
 * embeds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libpfkey/policystr.h"
#include "libpfkey/setkey/cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct setkey_parser p;
	struct setkey_error err;
	struct setkey_cmd *c = malloc(sizeof(*c));
	struct ipsec_policy pol;
	struct policystr_error perr;
	char *text = malloc(size + 1);
	unsigned n = 0;
	int rc;

	if (!c || !text) {
		free(c);
		free(text);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	setkey_parser_init(&p, text);
	while ((rc = setkey_parse_next(&p, c, &err)) != 0 && n++ < 10000)
		;
	memset(&pol, 0, sizeof(pol));
	if (policystr_parse(text, &pol, &perr) == 0) {
		char buf[1024];

		policystr_fmt(&pol, buf, sizeof(buf));
	}
	free(c);
	free(text);
	return 0;
}
