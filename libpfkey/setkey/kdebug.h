/* A readable dump of raw PF_KEY messages (setkey -v and -x), one line per
 * header and per extension, in the spirit of KAME's kdebug output. */
#ifndef SETKEY_KDEBUG_H
#define SETKEY_KDEBUG_H

#include <stddef.h>
#include <stdio.h>

/* Malformed messages are reported as such, with the parser's reason. */
void kdebug_print(FILE *f, const void *msg, size_t len);
/* Hex dump, 16 bytes a line (setkey -x -H). */
void kdebug_hexdump(FILE *f, const void *msg, size_t len);

#endif
