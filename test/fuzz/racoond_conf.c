/* libFuzzer harness: racoon.conf text through the scanner, grammar, builder
 * and semantic checks; a configuration that loads is printed and must load
 * again (the --show-config contract). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_load_opts opts = { .flags = RC_LOAD_NO_INCLUDE };
	struct rc_diags diags = { 0 };
	struct rc_conf *c = NULL;

	if (rc_conf_load_buffer((const char *)data, size, "fuzz.conf", &opts, &c, &diags) == 0) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		struct rc_conf *again = NULL;
		struct rc_diags d2 = { 0 };

		if (f) {
			rc_conf_print(c, f);
			fclose(f);
			if (rc_conf_load_buffer(text, len, "printed.conf", &opts, &again, &d2) != 0) {
				rc_diags_print(&d2, stderr);
				fprintf(stderr, "%s", text);
				abort();
			}
			rc_conf_free(again);
			rc_diags_free(&d2);
			free(text);
		}
		rc_conf_free(c);
	}
	rc_diags_free(&diags);
	return 0;
}
