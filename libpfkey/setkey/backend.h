/* setkey's access to the kernel's SAD and SPD, in neutral types, so that
 * the same commands run over PF_KEY or XFRM netlink. */
#ifndef SETKEY_BACKEND_H
#define SETKEY_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "common/ipsec.h"

/* An SA as a dump shows it: the SA and what -D prints besides. */
struct setkey_sa_entry {
	struct ipsec_sa sa;
	uint8_t state;               /* SADB_SASTATE_* numbering */
	bool has_current;            /* lifetimes and counters known */
	bool has_natt_oa;
	struct ip_addr natt_oa;
	uint32_t msg_seq, msg_pid;   /* of the message that carried it */
	uint16_t refcnt;
};

/* A policy as a dump shows it. */
struct setkey_sp_entry {
	struct ipsec_policy pol;
	bool per_socket;             /* a socket's own policy, no selector */
	bool has_current;
	uint64_t created, lastused;  /* seconds since the epoch, 0: never */
	bool has_hard;
	uint64_t lifetime, validtime;
	uint32_t msg_seq, msg_pid;
	uint16_t refcnt;
};

typedef int (*setkey_sa_cb)(const struct setkey_sa_entry *e, void *arg);
typedef int (*setkey_sp_cb)(const struct setkey_sp_entry *e, void *arg);

/* Every operation returns 0 or a negative errno that strerror() explains
 * (the kernel's reason). */
struct setkey_backend {
	const char *name;
	void *ctx;
	/* update: replace an SA completed from a larval one (SADB_UPDATE). */
	int (*add_sa)(struct setkey_backend *be, const struct ipsec_sa *sa, bool update);
	/* Key: src, dst, proto, spi. */
	int (*delete_sa)(struct setkey_backend *be, const struct ipsec_sa *key);
	int (*get_sa)(struct setkey_backend *be, const struct ipsec_sa *key, struct setkey_sa_entry *out);
	/* proto IPSEC_PROTO_NONE: all. */
	int (*dump_sa)(struct setkey_backend *be, enum ipsec_proto proto, setkey_sa_cb cb, void *arg);
	int (*flush_sa)(struct setkey_backend *be, enum ipsec_proto proto);
	int (*add_policy)(struct setkey_backend *be, const struct ipsec_policy *p, bool update);
	/* Key: selector and direction. */
	int (*delete_policy)(struct setkey_backend *be, const struct ipsec_policy *p);
	int (*dump_policy)(struct setkey_backend *be, setkey_sp_cb cb, void *arg);
	int (*flush_policy)(struct setkey_backend *be);
	int (*migrate)(struct setkey_backend *be, const struct ipsec_migrate_msg *m);
	void (*close)(struct setkey_backend *be);
};

/* Opens the PF_KEY backend; verbose traces every message to stdout.
 * -EAFNOSUPPORT when the kernel has no PF_KEY. */
int setkey_backend_pfkey_open(struct setkey_backend *be, bool verbose);

#endif
