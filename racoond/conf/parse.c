/* Runs the scanner and the grammar over one file or buffer. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "racoond/conf/pstate.h"
#include "racoond/conf/grammar.h"

/* From the generated scanner (prefix rcy). */
int rcylex_init_extra(struct rc_pstate *extra, yyscan_t *scanner);
int rcylex_destroy(yyscan_t scanner);
void rcyset_in(FILE *in, yyscan_t scanner);
void *rcy_scan_bytes(const char *bytes, int len, yyscan_t scanner);

static int run(struct rc_pstate *ps, yyscan_t scanner)
{
	unsigned before = ps->diags->n_errors;
	int rc = rcyparse(scanner, ps);
	if (rc != 0)
		ps->syntax_error = true;
	if (rc == 2)
		rc_err_at(ps, 0, 0, "out of memory");
	return rc != 0 || ps->diags->n_errors != before ? -EINVAL : 0;
}

int rc_parse_file(struct rc_pstate *ps, const char *path)
{
	yyscan_t scanner;
	struct stat st;
	FILE *f;
	int rc;

	ps->file = rc_conf_add_file(ps->conf, path);
	if (!ps->file)
		return -ENOMEM;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return -EISDIR;
	}
	if (rcylex_init_extra(ps, &scanner) != 0) {
		fclose(f);
		return -ENOMEM;
	}
	rcyset_in(f, scanner);
	rc = run(ps, scanner);
	rcylex_destroy(scanner);
	fclose(f);
	return rc;
}

int rc_parse_buffer(struct rc_pstate *ps, const char *text, size_t len, const char *name)
{
	yyscan_t scanner;
	int rc;

	ps->file = rc_conf_add_file(ps->conf, name ? name : "(buffer)");
	if (!ps->file || len > INT32_MAX)
		return -ENOMEM;
	if (rcylex_init_extra(ps, &scanner) != 0)
		return -ENOMEM;
	if (!rcy_scan_bytes(text, (int)len, scanner)) {
		rcylex_destroy(scanner);
		return -ENOMEM;
	}
	rc = run(ps, scanner);
	rcylex_destroy(scanner);
	return rc;
}
