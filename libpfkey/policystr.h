/* The policy language of setkey's -P (ipsec_set_policy syntax):
 *
 *   DIR [PRIORITY] ACTION [REQUEST ...]
 *   DIR      in | out | fwd
 *   PRIORITY prio|priority N            (N: offset from the default; + is stronger)
 *          | prio|priority low|def|high [+|- N]
 *   ACTION   discard | none | ipsec      (entrust and bypass: not on Linux)
 *   REQUEST  PROTO/MODE/[SRC-DST]/[LEVEL]
 *            PROTO esp|ah|ipcomp, MODE transport|tunnel|beet,
 *            LEVEL default|use|require|unique|unique:N
 *
 * Priorities are the kernel's numbers: low 0xC0000000, def 0x80000000,
 * high 0x40000000; "+ N" subtracts N (a lower number wins on Linux).  A
 * policy without PRIORITY gets def, as ipsec-tools' setkey sends it. */
#ifndef LIBPFKEY_POLICYSTR_H
#define LIBPFKEY_POLICYSTR_H

#include <stddef.h>

#include "common/ipsec.h"

struct policystr_error {
	size_t pos;                  /* byte offset of the offending token */
	const char *msg;             /* static text */
};

/* Parses s into p's dir, priority, action and templates (the selector and
 * the rest of *p are left alone).  0 or -EINVAL with *err filled. */
int policystr_parse(const char *s, struct ipsec_policy *p, struct policystr_error *err);

/* "prio def + 10", "prio low", or "" when priority is 0. */
const char *policystr_fmt_priority(uint32_t priority, char *buf, size_t len);
/* One request as setkey -DP prints it: "esp/tunnel/A-B/unique:5"; a
 * reqid above the manual range prints as "unique#N". */
const char *policystr_fmt_request(const struct ipsec_template *t, char *buf, size_t len);
/* The whole policy on one line, in the language policystr_parse() reads.
 * Returns the length snprintf would have written. */
int policystr_fmt(const struct ipsec_policy *p, char *buf, size_t len);

#endif
