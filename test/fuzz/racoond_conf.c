/* libFuzzer harness: racoon.conf text through the scanner, grammar, builder
 * and semantic checks; a configuration that loads is printed, and the
 * printed text must load again and print the same (the --show-config
 * contract). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *print(const struct rc_conf *c, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	if (!f)
		return NULL;
	rc_conf_print(c, f);
	fclose(f);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_load_opts opts = { .flags = RC_LOAD_NO_INCLUDE };
	struct rc_diags diags = { 0 };
	struct rc_conf *c = NULL;

	if (rc_conf_load_buffer((const char *)data, size, "fuzz.conf", &opts, &c, &diags) == 0) {
		struct rc_conf *again = NULL;
		struct rc_diags d2 = { 0 };
		size_t len, len2;
		char *text = print(c, &len), *text2;

		if (text) {
			if (rc_conf_load_buffer(text, len, "printed.conf", &opts, &again, &d2) != 0) {
				rc_diags_print(&d2, stderr);
				fprintf(stderr, "%s", text);
				abort();
			}
			text2 = print(again, &len2);
			if (text2 && strcmp(text, text2) != 0) {
				fprintf(stderr, "printed:\n%s\nreprinted:\n%s\n", text, text2);
				abort();
			}
			free(text2);
			rc_conf_free(again);
			rc_diags_free(&d2);
			free(text);
		}
		rc_conf_free(c);
	}
	rc_diags_free(&diags);
	return 0;
}
