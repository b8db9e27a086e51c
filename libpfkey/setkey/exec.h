/* Executing parsed setkey commands against a backend. */
#ifndef SETKEY_EXEC_H
#define SETKEY_EXEC_H

#include <stdbool.h>
#include <stdio.h>

#include "libpfkey/setkey/backend.h"
#include "libpfkey/setkey/cmd.h"

struct setkey_opts {
	bool show_dead;              /* -a */
	bool rfc_fwd;                /* -r (default) / -k: "in" policies get a "fwd" copy */
	bool keep_going;             /* -K: go on after a failed command */
	bool parse_only;             /* -n */
};

/* Runs one command; output on out.  0 or the backend's negative errno. */
int setkey_exec(struct setkey_backend *be, const struct setkey_opts *o, const struct setkey_cmd *c, FILE *out);
int setkey_dump_sad(struct setkey_backend *be, const struct setkey_opts *o, enum ipsec_proto proto, FILE *out);
int setkey_dump_spd(struct setkey_backend *be, FILE *out);

#endif
