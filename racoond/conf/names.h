/* racoon.conf spellings of the identifiers of ike_ids.h and of the other
 * enumerations of conf.h.  The first name of a value is the one printed. */
#ifndef RACOOND_CONF_NAMES_H
#define RACOOND_CONF_NAMES_H

#include <stdbool.h>
#include <stdint.h>

struct rc_name {
	const char *name;
	unsigned value;
};

/* Tables end with a NULL name. */
extern const struct rc_name rc_names_xchg[], rc_names_p1_enc[], rc_names_p1_hash[],
	rc_names_p1_auth[], rc_names_dh[], rc_names_esp[], rc_names_auth_alg[],
	rc_names_ipcomp[], rc_names_ulproto[], rc_names_log[], rc_names_path[],
	rc_names_idtype[], rc_names_prop_check[], rc_names_script[], rc_names_time_unit[];

/* 0 and *v set, or -ENOENT. */
int rc_name_lookup(const struct rc_name *t, const char *s, unsigned *v);
/* NULL if the value has no name. */
const char *rc_name_of(const struct rc_name *t, unsigned v);

/* Key lengths (bits) an algorithm accepts when one is written; 0 = none. */
bool rc_p1_keylen_ok(unsigned enc, unsigned keylen);
bool rc_esp_keylen_ok(unsigned esp, unsigned keylen);

/* True for the groups racoond computes (MODP 1, 2, 5, 14-18). */
bool rc_dh_known(unsigned group);

#endif
