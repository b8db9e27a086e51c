/* From tokens to configuration: the grammar's actions (private to
 * racoond/conf/).  Every char * argument is taken over (freed or stored);
 * a bad value is reported at its position and the statement ignored, so
 * one run reports every bad value. */
#ifndef RACOOND_CONF_BUILD_H
#define RACOOND_CONF_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "racoond/conf/conf.h"
#include "racoond/conf/pstate.h"

struct rc_pos {
	int line, col;
};

#define RC_NOPORT 0x10000u       /* opt_port when no [port] was written */

enum rc_alg_class { RC_ALG_ENC, RC_ALG_AUTH, RC_ALG_COMP };
enum rc_mcfg_item {
	RC_MCFG_NETWORK4, RC_MCFG_NETMASK4, RC_MCFG_DNS4, RC_MCFG_WINS4, RC_MCFG_SPLIT_DNS,
	RC_MCFG_AUTH_GROUPS, RC_MCFG_AUTH_SOURCE, RC_MCFG_GROUP_SOURCE, RC_MCFG_CONF_SOURCE,
	RC_MCFG_ACCOUNTING,
};

struct rc_loc rc_loc_at(struct rc_pstate *ps, struct rc_pos p);
char *rc_strdup(struct rc_pstate *ps, struct rc_pos p, const char *s);

void rc_set_string(char **dst, char *v);
void rc_set_switch(struct rc_pstate *ps, struct rc_pos p, char *w, bool *dst);
void rc_set_uint(struct rc_pstate *ps, struct rc_pos p, uint64_t v, uint64_t min, uint64_t max,
		 unsigned *dst, const char *what);
/* n unit, in seconds, at least min. */
void rc_set_time(struct rc_pstate *ps, struct rc_pos p, uint64_t n, char *unit, unsigned min,
		 unsigned *dst, const char *what);
/* "lifetime time N unit" (kind = "time"); byte lifetimes are refused. */
void rc_lifetime(struct rc_pstate *ps, struct rc_pos p, char *kind, uint64_t n, char *unit,
		 uint32_t *dst);

void rc_set_path(struct rc_pstate *ps, struct rc_pos p, char *type, char *value);
void rc_include(struct rc_pstate *ps, struct rc_pos p, char *pattern);
void rc_set_log(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_set_gss_enc(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_privsep_id(struct rc_pstate *ps, struct rc_pos p, bool user, char *name, long id);
void rc_listen_add(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port, bool natt);
void rc_adminsock(struct rc_pstate *ps, struct rc_pos p, char *path, char *owner, char *group,
		  uint64_t mode, struct rc_pos mode_pos);
void rc_adminsock_word(struct rc_pstate *ps, struct rc_pos p, char *w);

/* remote: what takes the header's name or address: */
/* The begin calls return 0 or -ENOMEM (the parse then stops). */
int rc_remote_begin(struct rc_pstate *ps, struct rc_pos p, enum rc_remote_kind kind,
		    char *name, uint64_t port, char *inherit);
void rc_remote_end(struct rc_pstate *ps);
char *rc_remote_addr_name(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port);
void rc_remote_address(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t port);
void rc_xchg_add(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_set_doi(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_set_situation(struct rc_pstate *ps, struct rc_pos p, char *w);
/* type: an id type word, or NULL with fixed (address / subnet); sub:
 * "file" / "tag" of keyid; addr: address text; prefix -1 if none. */
struct rc_id *rc_id_make(struct rc_pstate *ps, struct rc_pos p, char *type, char *sub,
			 char *value, char *addr, int prefix, enum rc_idtype fixed);
void rc_my_id(struct rc_pstate *ps, struct rc_id *id);
void rc_peers_id(struct rc_pstate *ps, struct rc_id *id);
void rc_cert_type(struct rc_pstate *ps, struct rc_pos p, char *type, char *cert, char *key);
void rc_peers_certfile(struct rc_pstate *ps, struct rc_pos p, char *type, char *file);
void rc_ca_type(struct rc_pstate *ps, struct rc_pos p, char *type, char *file);
void rc_set_tristate(struct rc_pstate *ps, struct rc_pos p, char *w, enum rc_tristate *dst);
void rc_set_genpol(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_set_propcheck(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_set_script(struct rc_pstate *ps, struct rc_pos p, char *path, char *event);
/* DH group by name or number; 0 after an error. */
uint64_t rc_dh_word(struct rc_pstate *ps, struct rc_pos p, char *w);
uint64_t rc_dh_number(struct rc_pstate *ps, struct rc_pos p, uint64_t n);

int rc_prop_begin(struct rc_pstate *ps, struct rc_pos p);
void rc_prop_end(struct rc_pstate *ps);
void rc_prop_enc(struct rc_pstate *ps, struct rc_pos p, char *w, uint64_t keylen, struct rc_pos kp);
void rc_prop_hash(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_prop_auth(struct rc_pstate *ps, struct rc_pos p, char *w);

int rc_sainfo_begin(struct rc_pstate *ps, struct rc_pos p);
/* NULL = anonymous; clientaddr applies to the remote side. */
void rc_sainfo_ids(struct rc_pstate *ps, struct rc_said *local, struct rc_said *remote,
		   bool clientaddr);
void rc_sainfo_from(struct rc_pstate *ps, struct rc_id *id);
void rc_sainfo_end(struct rc_pstate *ps);
struct rc_said *rc_said_addr(struct rc_pstate *ps, struct rc_pos p, char *addr, int prefix,
			     char *end);
struct rc_said *rc_said_finish(struct rc_said *s, bool subnet_kw, uint64_t port, uint64_t ulproto);
struct rc_said *rc_said_name(struct rc_pstate *ps, struct rc_pos p, char *type, char *value);
void rc_said_free(struct rc_said *s);
uint64_t rc_ulproto_word(struct rc_pstate *ps, struct rc_pos p, char *w);
uint64_t rc_ulproto_number(struct rc_pstate *ps, struct rc_pos p, uint64_t n);
void rc_sainfo_alg(struct rc_pstate *ps, struct rc_pos p, char *w, uint64_t keylen, struct rc_pos kp);
void rc_sainfo_remoteid(struct rc_pstate *ps, struct rc_pos p, uint64_t n);

void rc_mcfg_begin(struct rc_pstate *ps, struct rc_pos p);
void rc_mcfg_addr(struct rc_pstate *ps, struct rc_pos p, int which, char *addr);
void rc_mcfg_net(struct rc_pstate *ps, struct rc_pos p, char *addr, uint64_t prefix);
void rc_mcfg_split(struct rc_pstate *ps, struct rc_pos p, char *w);
void rc_mcfg_string(struct rc_pstate *ps, struct rc_pos p, char *s);
void rc_mcfg_word(struct rc_pstate *ps, struct rc_pos p, int which, char *w);

#endif
