/* setkey: manipulate the kernel's SAD and SPD, compatible with
 * ipsec-tools' setkey.  See setkey(8). */
#include "config.h"

#include "libpfkey/setkey/backend.h"
#include "libpfkey/setkey/cmd.h"
#include "libpfkey/setkey/exec.h"
#include "libpfkey/setkey/monitor.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: setkey [-v] [-K] [-n] [-k|-r] -c\n"
		"       setkey [-v] [-K] [-n] [-k|-r] -f FILE\n"
		"       setkey [-a] [-P] [-v] -D\n"
		"       setkey [-P] [-v] -F\n"
		"       setkey [-H] -x\n"
		"       setkey -V | -h\n"
		"  -c  read commands from standard input      -f FILE  read commands from FILE\n"
		"  -D  dump the SAD (-DP: the SPD)             -F  flush the SAD (-FP: the SPD)\n"
		"  -a  show dead SAs too                       -v  print every PF_KEY message\n"
		"  -x  monitor PF_KEY messages (-xx: raw time) -H  hex dump with -x\n"
		"  -n  parse only, change nothing              -K, --keep-going  go on after errors\n"
		"  -r  add a fwd copy of each in policy (default)  -k  do not\n");
}

/* Reads a whole stream into a NUL-terminated buffer. */
static char *slurp(FILE *f)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *grown;

	while (buf) {
		size_t n = fread(buf + len, 1, cap - len - 1, f);

		len += n;
		if (len + 1 < cap) {
			if (ferror(f)) {
				free(buf);
				return NULL;
			}
			break;
		}
		cap *= 2;
		grown = realloc(buf, cap);
		if (!grown)
			free(buf);
		buf = grown;
	}
	if (buf)
		buf[len] = '\0';
	return buf;
}

static int open_backend(struct setkey_backend *be, bool verbose)
{
	int rc = setkey_backend_pfkey_open(be, verbose);

	if (rc == -EAFNOSUPPORT || rc == -EPROTONOSUPPORT)
		fprintf(stderr, "setkey: this kernel has no PF_KEY (af_key): %s\n", strerror(-rc));
	else if (rc < 0)
		fprintf(stderr, "setkey: PF_KEY socket: %s\n", strerror(-rc));
	return rc;
}

/* Runs the next command of p; *status becomes 1 on failure.  Returns
 * false when processing must stop (exit, or a failure without -K), true to
 * go on; *more false at the end of the text. */
static bool run_next(struct setkey_parser *p, const char *name, struct setkey_backend *be,
		     const struct setkey_opts *o, struct setkey_cmd *c, int *status, bool *more)
{
	struct setkey_error err;
	int rc = setkey_parse_next(p, c, &err);

	*more = rc != 0;
	if (rc == 0)
		return true;
	if (rc < 0) {
		fprintf(stderr, "%s:%u:%u: syntax error: %s\n", name, err.line, err.col, err.msg);
		*status = 1;
		return o->keep_going;
	}
	if (c->type == SK_EXIT)
		return false;
	if (o->parse_only)
		return true;
	rc = setkey_exec(be, o, c, stdout);
	ipsec_sa_wipe(&c->sa);
	fflush(stdout);
	if (rc < 0) {
		fprintf(stderr, "%s:%u:%u: %s: %s\n", name, c->line, c->col, setkey_cmd_name(c->type),
			strerror(-rc));
		*status = 1;
		return o->keep_going;
	}
	return true;
}

/* Parses and runs a whole command text.  Stops at the first syntax or
 * kernel error unless keep_going.  Returns the process exit status. */
static int run_text(const char *name, const char *text, struct setkey_backend *be,
		    const struct setkey_opts *o)
{
	struct setkey_parser p;
	struct setkey_cmd *c = malloc(sizeof(*c));
	int status = 0;
	bool more = true;

	if (!c) {
		fprintf(stderr, "setkey: out of memory\n");
		return 1;
	}
	setkey_parser_init(&p, text);
	while (more && run_next(&p, name, be, o, c, &status, &more))
		;
	free(c);
	return status;
}

/* Reads commands from a stream line by line and runs each as soon as it is
 * complete, as on a terminal.  Returns the process exit status. */
static int run_stream(const char *name, FILE *f, struct setkey_backend *be, const struct setkey_opts *o)
{
	struct setkey_parser p;
	struct setkey_cmd *c = malloc(sizeof(*c));
	char *text = calloc(1, 1), *line = NULL, *grown;
	size_t len = 0, cap = 0;
	ssize_t n;
	int status = 0;
	bool more = true, go = true;

	if (!c || !text) {
		free(c);
		free(text);
		fprintf(stderr, "setkey: out of memory\n");
		return 1;
	}
	setkey_parser_init(&p, text);
	while (go && (n = getline(&line, &cap, f)) > 0) {
		grown = realloc(text, len + (size_t)n + 1);
		if (!grown) {
			fprintf(stderr, "setkey: out of memory\n");
			status = 1;
			break;
		}
		text = grown;
		memcpy(text + len, line, (size_t)n + 1);
		len += (size_t)n;
		p.text = text;
		while (go && setkey_parser_has_statement(&p))
			go = run_next(&p, name, be, o, c, &status, &more);
	}
	/* Whatever is left: a last statement, or text missing its ';'. */
	while (go && more)
		go = run_next(&p, name, be, o, c, &status, &more);
	if (line)
		explicit_bzero(line, cap);
	free(line);
	explicit_bzero(text, len);
	free(text);
	free(c);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "keep-going", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct setkey_opts o = { .rfc_fwd = true };
	struct setkey_backend be;
	const char *file = NULL;
	bool f_dump = false, f_flush = false, f_policy = false, f_stdin = false, f_verbose = false,
	     f_hex = false;
	int f_monitor = 0, ch, rc, status;
	char *text;

	while ((ch = getopt_long(argc, argv, "acf:HnvxDFPphVrkK?", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': o.show_dead = true; break;
		case 'c': f_stdin = true; break;
		case 'f': file = optarg; break;
		case 'H': f_hex = true; break;
		case 'n': o.parse_only = true; break;
		case 'v': f_verbose = true; break;
		case 'x': f_monitor++; break;
		case 'D': f_dump = true; break;
		case 'F': f_flush = true; break;
		case 'P': f_policy = true; break;
		case 'p': break;   /* ports are always printed where they exist */
		case 'r': o.rfc_fwd = true; break;
		case 'k': o.rfc_fwd = false; break;
		case 'K': o.keep_going = true; break;
		case 'V': printf("setkey (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (optind != argc || (f_dump + f_flush + f_stdin + (file != NULL) + (f_monitor > 0)) != 1) {
		usage(stderr);
		return 1;
	}
	if (f_monitor) {
		rc = setkey_monitor(stdout, f_hex, f_monitor > 1);
		if (rc < 0)
			fprintf(stderr, "setkey: monitor: %s\n", strerror(-rc));
		return rc < 0;
	}

	if (f_stdin || (file && strcmp(file, "-") == 0)) {
		if (!o.parse_only && open_backend(&be, f_verbose) < 0)
			return 1;
		status = run_stream("(stdin)", stdin, &be, &o);
		if (!o.parse_only)
			be.close(&be);
		return status;
	}
	if (file) {
		FILE *f = fopen(file, "r");

		if (!f) {
			fprintf(stderr, "setkey: %s: %s\n", file, strerror(errno));
			return 1;
		}
		text = slurp(f);
		fclose(f);
		if (!text) {
			fprintf(stderr, "setkey: %s: cannot read\n", file);
			return 1;
		}
		if (!o.parse_only && open_backend(&be, f_verbose) < 0) {
			explicit_bzero(text, strlen(text));
			free(text);
			return 1;
		}
		status = run_text(file, text, &be, &o);
		if (!o.parse_only)
			be.close(&be);
		explicit_bzero(text, strlen(text));
		free(text);
		return status;
	}

	if (open_backend(&be, f_verbose) < 0)
		return 1;
	if (f_dump)
		rc = f_policy ? setkey_dump_spd(&be, stdout) : setkey_dump_sad(&be, &o, IPSEC_PROTO_NONE, stdout);
	else
		rc = f_policy ? be.flush_policy(&be) : be.flush_sa(&be, IPSEC_PROTO_NONE);
	fflush(stdout);
	be.close(&be);
	if (rc < 0) {
		fprintf(stderr, "setkey: %s: %s\n", f_dump ? "dump" : "flush", strerror(-rc));
		return 1;
	}
	return 0;
}
