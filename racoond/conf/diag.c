/* Diagnostics: errors and warnings with the place they are about. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/pstate.h"

void rc_diag_vadd(struct rc_diags *d, enum rc_severity sev, const char *file,
		  unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct rc_diag *g = calloc(1, sizeof *g);
	if (!g)
		return;
	g->sev = sev;
	g->line = line;
	g->col = col;
	if ((file && !(g->file = strdup(file))) || vasprintf(&g->msg, fmt, ap) < 0) {
		free(g->file);
		free(g);
		return;
	}
	if (d->tail)
		d->tail->next = g;
	else
		d->head = g;
	d->tail = g;
	if (sev == RC_SEV_ERROR)
		d->n_errors++;
	else
		d->n_warnings++;
}

void rc_diag_add(struct rc_diags *d, enum rc_severity sev, const char *file,
		 unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void rc_err_at(struct rc_pstate *ps, int line, int col, const char *fmt, ...)
{
	va_list ap;
	if (ps->prop)
		ps->prop->invalid = true;
	else if (ps->remote)
		ps->remote->invalid = true;
	if (ps->sainfo)
		ps->sainfo->invalid = true;
	va_start(ap, fmt);
	rc_diag_vadd(ps->diags, RC_SEV_ERROR, ps->file, (unsigned)line, (unsigned)col, fmt, ap);
	va_end(ap);
}

void rc_warn_at(struct rc_pstate *ps, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc_diag_vadd(ps->diags, RC_SEV_WARNING, ps->file, (unsigned)line, (unsigned)col, fmt, ap);
	va_end(ap);
}

void rc_diags_print(const struct rc_diags *d, FILE *out)
{
	for (const struct rc_diag *g = d->head; g; g = g->next) {
		const char *sev = g->sev == RC_SEV_ERROR ? "error" : "warning";
		if (g->file)
			fprintf(out, "%s:%u:%u: %s: %s\n", g->file, g->line, g->col, sev, g->msg);
		else
			fprintf(out, "%s: %s\n", sev, g->msg);
	}
}

void rc_diags_free(struct rc_diags *d)
{
	struct rc_diag *g = d->head, *n;
	for (; g; g = n) {
		n = g->next;
		free(g->file);
		free(g->msg);
		free(g);
	}
	memset(d, 0, sizeof *d);
}
