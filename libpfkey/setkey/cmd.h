/* setkey's command language: one statement at a time, each ending in ';'.
 * Errors carry the line and column of the offending token. */
#ifndef SETKEY_CMD_H
#define SETKEY_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "common/ipsec.h"

enum setkey_cmd_type {
	SK_ADD, SK_GET, SK_DELETE, SK_DELETEALL, SK_FLUSH, SK_DUMP,
	SK_SPDADD, SK_SPDUPDATE, SK_SPDDELETE, SK_SPDFLUSH, SK_SPDDUMP,
	SK_MIGRATE, SK_EXIT,
};

struct setkey_cmd {
	enum setkey_cmd_type type;
	unsigned line, col;          /* of the command's first token */
	struct ipsec_sa sa;          /* add, get, delete, deleteall (no spi) */
	enum ipsec_proto proto;      /* flush, dump: IPSEC_PROTO_NONE for all */
	struct ipsec_policy pol;     /* spdadd, spdupdate, spddelete */
	struct ipsec_migrate_msg mig;
};

struct setkey_parser {
	const char *text;            /* NUL-terminated input */
	size_t pos;
	unsigned line, col;          /* of text[pos], from 1 */
};

struct setkey_error {
	unsigned line, col;
	char msg[192];
};

void setkey_parser_init(struct setkey_parser *p, const char *text);
/* True if the text after the parser's position holds a whole statement (a
 * ';' outside strings and comments), so that commands typed on a terminal
 * run as soon as they are complete.  The text may grow between calls
 * (update p->text if it moved). */
bool setkey_parser_has_statement(const struct setkey_parser *p);
/* 1: *cmd holds the next statement; 0: end of input; -EINVAL: syntax error
 * described in *err, after which parsing resumes past the next ';'. */
int setkey_parse_next(struct setkey_parser *p, struct setkey_cmd *cmd, struct setkey_error *err);
const char *setkey_cmd_name(enum setkey_cmd_type t);

#endif
