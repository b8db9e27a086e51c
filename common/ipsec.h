/* Neutral IPsec types shared by both daemons and both kernel libraries.
 * The kernel backends (libxfrm, libpfkey) translate to and from these; the
 * daemons' engines never see a kernel struct. */
#ifndef COMMON_IPSEC_H
#define COMMON_IPSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

/* Upper-layer protocol numbers used in selectors. */
#define IPSEC_ULPROTO_ANY 255        /* as PF_KEY's IPSEC_ULPROTO_ANY */
#define IPSEC_PROTO_MH    135        /* Mobility Header */

enum ipsec_proto {
	IPSEC_PROTO_NONE = 0,
	IPSEC_PROTO_ESP = 50,
	IPSEC_PROTO_AH = 51,
	IPSEC_PROTO_IPCOMP = 108,
	IPSEC_PROTO_ROUTING = 43,    /* MIP6 Type 2 routing header state ("rh") */
	IPSEC_PROTO_DSTOPTS = 60,    /* MIP6 Home Address option state ("hao") */
};

enum ipsec_mode {
	IPSEC_MODE_ANY = 0,          /* as the kernel: transport is 0 there, see backends */
	IPSEC_MODE_TRANSPORT,
	IPSEC_MODE_TUNNEL,
	IPSEC_MODE_RO,               /* route optimisation (MIP6) */
	IPSEC_MODE_BEET,
};

enum ipsec_dir {
	IPSEC_DIR_IN = 0,
	IPSEC_DIR_OUT = 1,
	IPSEC_DIR_FWD = 2,
};

enum ipsec_action {
	IPSEC_ACTION_IPSEC = 0,      /* apply the templates */
	IPSEC_ACTION_NONE,           /* bypass */
	IPSEC_ACTION_DISCARD,        /* block */
};

enum ipsec_level {
	IPSEC_LEVEL_REQUIRE = 0,
	IPSEC_LEVEL_USE,             /* optional: template may be missing */
	IPSEC_LEVEL_UNIQUE,          /* require, with a dedicated SA (reqid) */
	IPSEC_LEVEL_DEFAULT,
};

enum ipsec_policy_type {
	IPSEC_POLICY_MAIN = 0,
	IPSEC_POLICY_SUB = 1,
};

/* A traffic selector.  Ports are host order; 0 means any.  For the Mobility
 * Header (proto 135) the MH type travels in the source port's place, as the
 * kernel encodes it, and is kept separately here for clarity. */
struct ipsec_selector {
	struct ip_prefix src;
	struct ip_prefix dst;
	uint16_t sport;
	uint16_t dport;
	uint8_t proto;               /* IPSEC_ULPROTO_ANY or 0 for any */
	bool has_mh_type;
	uint8_t mh_type;
	int ifindex;                 /* 0: any interface */
};

struct ipsec_template {
	enum ipsec_proto proto;
	enum ipsec_mode mode;
	struct ip_addr src;          /* tunnel endpoints; AF_UNSPEC in transport mode */
	struct ip_addr dst;
	uint32_t reqid;              /* 0: none */
	uint32_t spi;                /* 0: any */
	enum ipsec_level level;
};

#define IPSEC_MAX_TEMPLATES 4

struct ipsec_policy {
	struct ipsec_selector sel;
	enum ipsec_dir dir;
	enum ipsec_action action;
	enum ipsec_policy_type type;
	uint32_t priority;
	uint32_t index;              /* kernel's policy id, 0 when unknown */
	uint8_t ntmpl;
	struct ipsec_template tmpl[IPSEC_MAX_TEMPLATES];
	/* soft and hard lifetimes (seconds, 0: none) */
	uint64_t lifetime_soft_add, lifetime_hard_add;
};

#define IPSEC_MAX_KEY 64             /* bytes; enough for AES-256 + 4-byte salt and sha512 */
#define IPSEC_ALG_NAME 64

struct ipsec_alg {
	char name[IPSEC_ALG_NAME];   /* kernel crypto name: "cbc(aes)", "hmac(sha1)", "deflate" */
	uint16_t key_bits;
	uint16_t icv_bits;           /* AEAD ICV, or truncated auth length; 0: default */
	uint8_t key[IPSEC_MAX_KEY];
};

struct ipsec_lifetime {
	uint64_t bytes;              /* 0: unlimited */
	uint64_t packets;
	uint64_t add_seconds;
	uint64_t use_seconds;
};

struct ipsec_counters {
	uint64_t bytes;
	uint64_t packets;
	uint64_t add_time;           /* seconds since the epoch */
	uint64_t use_time;
};

struct ipsec_sa {
	struct ip_addr src;
	struct ip_addr dst;
	uint32_t spi;                /* host order */
	enum ipsec_proto proto;
	enum ipsec_mode mode;
	uint32_t reqid;
	uint32_t seq;
	uint8_t replay_window;
	uint32_t flags;
	bool has_enc, has_auth, has_comp, has_aead;
	struct ipsec_alg enc, auth, comp, aead;
	struct ipsec_lifetime soft, hard;
	struct ipsec_counters cur;
	struct ip_addr coaddr;       /* MIP6 rh/hao states: the care-of address */
	struct ipsec_selector sel;   /* optional selector bound to the SA */
	/* NAT-T: UDP encapsulation ports, host order; 0 when not encapsulated */
	uint16_t encap_sport, encap_dport;
};

/* One (old -> new) endpoint move of a MIGRATE. */
struct ipsec_migrate {
	struct ip_addr old_src, old_dst;
	struct ip_addr new_src, new_dst;
	enum ipsec_proto proto;
	enum ipsec_mode mode;
	uint32_t reqid;
};

/* The addresses IKE must use after a MIGRATE (XFRMA_KMADDRESS,
 * SADB_X_EXT_KMADDRESS). */
struct ipsec_kmaddress {
	struct ip_addr local;
	struct ip_addr remote;
};

#define IPSEC_MAX_MIGRATE 8

/* A whole MIGRATE request or notification for one policy. */
struct ipsec_migrate_msg {
	struct ipsec_selector sel;
	enum ipsec_dir dir;
	enum ipsec_policy_type type;
	uint8_t nentries;
	struct ipsec_migrate entries[IPSEC_MAX_MIGRATE];
	bool has_kmaddress;
	struct ipsec_kmaddress kmaddress;
};

/* Names as users read them (setkey, ip xfrm): "esp", "tunnel", "out", ... */
const char *ipsec_proto_name(enum ipsec_proto p);
const char *ipsec_mode_name(enum ipsec_mode m);
const char *ipsec_dir_name(enum ipsec_dir d);
const char *ipsec_level_name(enum ipsec_level l);
const char *ipsec_action_name(enum ipsec_action a);
/* Reverse look-ups; 0 or -EINVAL. */
int ipsec_proto_parse(const char *s, enum ipsec_proto *p);
int ipsec_mode_parse(const char *s, enum ipsec_mode *m);
int ipsec_dir_parse(const char *s, enum ipsec_dir *d);
int ipsec_level_parse(const char *s, enum ipsec_level *l);

/* Formats a selector as "SRC[PORT] DST[PORT] PROTO" into buf; returns buf. */
const char *ipsec_selector_fmt(const struct ipsec_selector *s, char *buf, size_t len);
/* Fills a selector matching one host pair, any protocol. */
void ipsec_selector_hosts(struct ipsec_selector *s, const struct ip_addr *src, const struct ip_addr *dst);
bool ipsec_selector_eq(const struct ipsec_selector *a, const struct ipsec_selector *b);

/* Wipes key material (OPENSSL_cleanse-grade: not optimised away). */
void ipsec_sa_wipe(struct ipsec_sa *sa);

#endif
