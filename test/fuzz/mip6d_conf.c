/* libFuzzer harness: the mip6d.conf parser.  Whatever parses must print
 * (--show-config) to text that parses back to the same configuration.
 * Includes resolve inside a scratch directory holding two small files. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mip6d/conf/conf.h"

static char root[] = "/tmp/mip6d-conf-fuzz-XXXXXX";

static void quiet(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(root) || chdir(root) != 0)
		abort();
	put("a.conf", "Interface \"eth0\";\n");
	put("b.conf", "DebugLevel 1;\ninclude \"a.conf\"\n");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_opts o = { .diag = quiet, .include_root = root };
	struct mip6_conf c, back;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	if (size > 65536)
		return 0;
	conf_init(&c);
	if (conf_load_string(&c, (const char *)data, size, "fuzz.conf", &o) == 0) {
		out = open_memstream(&text, &len);
		if (!out || conf_show(&c, out) != 0)
			abort();
		fclose(out);
		conf_init(&back);
		if (conf_load_string(&back, text, len, "shown.conf", &o) != 0 ||
		    !conf_equal(&c, &back))
			abort();
		conf_free(&back);
		free(text);
	}
	conf_free(&c);
	return 0;
}
