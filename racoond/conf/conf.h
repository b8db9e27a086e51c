/* The parsed racoon.conf: plain structs the daemon reads, and the calls that
 * load, check and print them.  Everything a file can say is here, with the
 * defaults of racoon's code already filled in (see racoon.conf(5)). */
#ifndef RACOOND_CONF_CONF_H
#define RACOOND_CONF_CONF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/addr.h"
#include "racoond/conf/ike_ids.h"

#define RC_DEFAULT_CONF      "/etc/racoon/racoon.conf"
#define RC_DEFAULT_PIDFILE   "racoon.pid"          /* relative: under RC_VARRUN */
#define RC_VARRUN            "/var/run"
#define RC_DEFAULT_ADMINSOCK "/var/racoon/racoon.sock"
#define RC_ISAKMP_PORT       500
#define RC_NATT_PORT         4500
#define RC_IP_MAXPACKET      65535

/* Where something was written, for messages.  file points into the
 * configuration's list of file names (rc_conf.files). */
struct rc_loc {
	const char *file;
	unsigned line, col;
};

enum rc_log_level {
	RC_LOG_ERROR, RC_LOG_WARNING, RC_LOG_NOTIFY, RC_LOG_INFO, RC_LOG_DEBUG, RC_LOG_DEBUG2,
};

enum rc_path_type {
	RC_PATH_INCLUDE, RC_PATH_PSK, RC_PATH_CERT, RC_PATH_SCRIPT, RC_PATH_BACKUPSA,
	RC_PATH_PIDFILE, RC_PATH_COUNT,
};

enum rc_gss_enc { RC_GSS_UTF16LE, RC_GSS_LATIN1 };

/* -------- identifiers (my_identifier, peers_identifier, sainfo from) -------- */

enum rc_idtype {
	RC_ID_ADDRESS, RC_ID_FQDN, RC_ID_USER_FQDN, RC_ID_KEYID, RC_ID_KEYID_TAG,
	RC_ID_ASN1DN, RC_ID_SUBNET,
};

/* One relative distinguished name of an asn1dn string: "type=value".  A value
 * written "*" is a wildcard: any value of that attribute type matches. */
struct rc_rdn {
	char *type;
	char *value;                 /* unescaped */
	bool wildcard;
};

struct rc_id {
	enum rc_idtype type;
	/* The string as written (fqdn, user_fqdn, keyid file or tag, asn1dn),
	 * NULL when omitted (address: the local address; asn1dn: the subject
	 * of the certificate). */
	char *value;
	struct ip_addr addr;         /* address / subnet, AF_UNSPEC if omitted */
	uint8_t prefixlen;           /* subnet */
	struct rc_rdn *rdns;         /* asn1dn with a value, parsed */
	unsigned n_rdns;
	struct rc_loc loc;
	struct rc_id *next;
};

/* -------- top-level sections -------- */

struct rc_privsep {
	bool set;
	char *user;                  /* by name, or NULL */
	long uid;                    /* by number, -1 if not */
	char *group;
	long gid;
	char *chroot;
};

struct rc_padding {
	bool randomize, randomize_length, exclusive_tail, strict_check;
	unsigned maximum_length;
};

struct rc_listen_addr {
	struct ip_addr addr;
	uint16_t port;
	bool natt;                   /* isakmp_natt */
	struct rc_listen_addr *next;
};

struct rc_listen {
	struct rc_listen_addr *addrs;   /* none: every local address, port 500 */
	bool strict_address;
	bool adminsock_disabled;
	char *adminsock_path;
	char *adminsock_owner, *adminsock_group;
	unsigned adminsock_mode;
};

/* All in seconds. */
struct rc_timer {
	unsigned counter, interval, persend, phase1, phase2, natt_keepalive;
};

/* -------- remote (phase 1) -------- */

enum rc_remote_kind { RC_REMOTE_NAMED, RC_REMOTE_ADDRESS, RC_REMOTE_ANONYMOUS };
enum rc_cert_type { RC_CERT_NONE, RC_CERT_X509, RC_CERT_PLAIN_RSA };
enum rc_peer_cert { RC_PEERCERT_RECEIVED, RC_PEERCERT_X509, RC_PEERCERT_PLAIN_RSA, RC_PEERCERT_DNSSEC };
enum rc_tristate { RC_OFF, RC_ON, RC_FORCE };   /* ike_frag, nat_traversal, rekey */
enum rc_gen_policy { RC_GENPOL_OFF, RC_GENPOL_ON, RC_GENPOL_UNIQUE };
enum rc_prop_check { RC_PC_OBEY, RC_PC_STRICT, RC_PC_CLAIM, RC_PC_EXACT };
enum rc_script { RC_SCRIPT_PHASE1_UP, RC_SCRIPT_PHASE1_DOWN, RC_SCRIPT_PHASE1_DEAD, RC_SCRIPT_COUNT };

struct rc_ph1_proposal {
	uint16_t enc;                /* enum ike_p1_enc */
	uint16_t keylen;             /* bits, 0 = the algorithm's default */
	uint16_t hash;               /* enum ike_p1_hash */
	uint32_t auth;               /* enum ike_p1_auth */
	uint16_t dh_group;           /* enum ike_dh_group */
	uint32_t lifetime;           /* seconds */
	char *gss_id;
	bool invalid;                /* while loading: a value here was refused */
	struct rc_loc loc;
	struct rc_ph1_proposal *next;
};

#define RC_MAX_XCHG 3

struct rc_remote {
	enum rc_remote_kind kind;
	char *name;                  /* named: as written; address: the address; anonymous: "anonymous" */
	char *inherit;               /* parent's name, or NULL */
	bool has_address;            /* header address or remote_address */
	struct ip_addr address;
	uint16_t port;               /* 0 = any (racoon: [500] when written) */

	uint8_t xchg[RC_MAX_XCHG];   /* enum ike_exchange, first = initiator's */
	unsigned n_xchg;
	uint32_t doi, situation;
	struct rc_id my_id;
	struct rc_id *peers_ids;
	bool verify_identifier;
	char *xauth_login;

	enum rc_cert_type cert_type;
	char *cert_file, *key_file;  /* as written; see rc_conf_path() */
	enum rc_peer_cert peers_cert_type;
	char *peers_certfile;
	bool ca_x509;
	char *ca_file;
	bool verify_cert, send_cert, send_cr, match_empty_cr, mode_cfg, weak_phase1_check;

	uint32_t lifetime;           /* default of its proposals, seconds */
	unsigned nonce_size;
	uint16_t dh_group;           /* 0 = from the proposals */
	bool passive;
	enum rc_tristate ike_frag;
	unsigned esp_frag;
	char *script[RC_SCRIPT_COUNT];
	enum rc_gen_policy generate_policy;
	bool support_proxy, initial_contact;
	enum rc_tristate nat_traversal;
	bool dpd;
	unsigned dpd_delay, dpd_retry, dpd_maxfail;
	enum rc_tristate rekey;
	enum rc_prop_check proposal_check;
	unsigned ph1id;

	struct rc_ph1_proposal *proposals;
	bool invalid;                /* while loading: a value here was refused */
	struct rc_loc loc;
	/* Where the file names were written, for file checks. */
	struct rc_loc cert_loc, peers_cert_loc, ca_loc, script_loc[RC_SCRIPT_COUNT];
	struct rc_remote *next;
};

/* -------- sainfo (phase 2) -------- */

enum rc_said_kind { RC_SAID_ANONYMOUS, RC_SAID_CLIENTADDR, RC_SAID_ADDR, RC_SAID_NAME };

struct rc_said {
	enum rc_said_kind kind;
	/* RC_SAID_ADDR */
	bool subnet_kw;              /* written "subnet" rather than "address" */
	struct ip_prefix prefix;
	bool is_range;
	struct ip_addr range_end;
	uint16_t port;               /* 0 = any */
	uint8_t ulproto;             /* 0 = any (as in an IKE ID payload) */
	/* RC_SAID_NAME */
	enum rc_idtype idtype;
	char *value;
};

struct rc_alg {
	uint16_t id;                 /* ipsec_esp_id / ipsec_auth_alg / ipsec_ipcomp_id */
	uint16_t keylen;             /* bits, 0 = default (encryption only) */
};

#define RC_MAX_ALGS 16

struct rc_sainfo {
	struct rc_said local, remote;
	bool has_from;
	struct rc_id from;
	char *group;
	uint16_t pfs_group;          /* 0 = no PFS required */
	uint32_t lifetime;           /* seconds */
	struct rc_alg enc[RC_MAX_ALGS];
	unsigned n_enc;
	struct rc_alg auth[RC_MAX_ALGS];
	unsigned n_auth;
	struct rc_alg comp[RC_MAX_ALGS];
	unsigned n_comp;
	bool has_remoteid;
	unsigned remoteid;
	bool invalid;                /* while loading: a value here was refused */
	struct rc_loc loc;
	struct rc_sainfo *next;
};

/* -------- mode_cfg (server side; parsed, refused at start) -------- */

#define RC_MAX_MCFG_ADDRS 8

struct rc_mode_cfg {
	bool set;
	struct rc_loc loc;
	struct ip_addr network4, netmask4;
	unsigned pool_size;
	struct ip_addr dns4[RC_MAX_MCFG_ADDRS];
	unsigned n_dns4;
	struct ip_addr wins4[RC_MAX_MCFG_ADDRS];
	unsigned n_wins4;
	struct ip_prefix split_network[RC_MAX_MCFG_ADDRS];
	unsigned n_split_network;
	bool split_local_lan;        /* split_network local_lan, else include */
	char *split_dns[RC_MAX_MCFG_ADDRS];
	unsigned n_split_dns;
	char *default_domain;
	char *auth_source, *group_source, *conf_source, *accounting;
	char *auth_groups[RC_MAX_MCFG_ADDRS];
	unsigned n_auth_groups;
	char *banner;
	unsigned auth_throttle;
	uint16_t pfs_group;
	bool save_passwd;
};

struct rc_conf {
	char *path[RC_PATH_COUNT];
	enum rc_log_level log;
	bool log_set;                /* written in the file (-d adds to it) */
	struct rc_privsep privsep;
	unsigned pfkey_buffer;       /* KiB, 0 = the system's default */
	enum rc_gss_enc gss_id_enc;
	bool complex_bundle;
	struct rc_padding padding;
	struct rc_listen listen;
	struct rc_timer timer;
	struct rc_remote *remotes;   /* in file order */
	struct rc_sainfo *sainfos;   /* in file order */
	struct rc_mode_cfg mode_cfg;
	struct rc_loc ldapcfg, radiuscfg;   /* where written, line 0 if not */

	/* Names of every file read, for rc_loc.file. */
	char **files;
	unsigned n_files;
};

/* -------- diagnostics -------- */

enum rc_severity { RC_SEV_ERROR, RC_SEV_WARNING };

struct rc_diag {
	enum rc_severity sev;
	char *file;                  /* NULL: not about a place in a file */
	unsigned line, col;
	char *msg;
	struct rc_diag *next;
};

struct rc_diags {
	struct rc_diag *head, *tail;
	unsigned n_errors, n_warnings;
};

/* "file:line:col: error: msg" per diagnostic, in order. */
void rc_diags_print(const struct rc_diags *d, FILE *out);
void rc_diags_free(struct rc_diags *d);

/* -------- loading -------- */

enum {
	RC_LOAD_CHECK_FILES = 1 << 0,   /* certificate, key, CA, PSK files must be readable */
	RC_LOAD_NO_INCLUDE = 1 << 1,    /* "include" is an error (fuzzing, strings) */
};

struct rc_load_opts {
	unsigned flags;
	/* Prefix put before absolute include paths: lets a configuration
	 * written for /etc/racoon be read from another tree.  NULL = none. */
	const char *root;
};

/* Parses a file (and what it includes), fills in defaults, runs the semantic
 * checks.  On success (*out set, return 0) warnings may be in diags; on
 * failure returns -EINVAL (errors in diags) or another negative errno, and
 * *out is NULL. */
int rc_conf_load_file(const char *path, const struct rc_load_opts *opts,
		      struct rc_conf **out, struct rc_diags *diags);
/* The same on text in memory; name is used in messages. */
int rc_conf_load_buffer(const char *text, size_t len, const char *name,
			const struct rc_load_opts *opts, struct rc_conf **out,
			struct rc_diags *diags);
void rc_conf_free(struct rc_conf *c);

/* Algorithm and feature support on this machine: what OpenSSL can compute,
 * what racoond implements.  One error per unsupported choice; 0 or -EINVAL. */
int rc_conf_check_support(const struct rc_conf *c, struct rc_diags *diags);

/* What the kernel's IPsec can do, in the IPsec DOI numbers of ike_ids.h
 * (the daemon fills it from SADB_REGISTER or XFRM and translates the
 * kernel's own numbering).  Key lengths in bits; 0/0 = no key length. */
struct rc_kernel_alg {
	bool present;
	uint16_t min_bits, max_bits;
};

struct rc_kernel_algs {
	struct rc_kernel_alg esp[256];       /* by enum ipsec_esp_id */
	struct rc_kernel_alg auth[8];        /* by enum ipsec_auth_alg */
	struct rc_kernel_alg ipcomp[4];      /* by enum ipsec_ipcomp_id */
};

/* One error per sainfo algorithm (or key length) the kernel lacks; 0 or
 * -EINVAL.  Called when the daemon starts. */
int rc_conf_check_kernel(const struct rc_conf *c, const struct rc_kernel_algs *k,
			 struct rc_diags *diags);

/* Resolves a name against a "path" directory (certificate, script, include,
 * pre_shared_key...): absolute names are returned as is.  buf gets the
 * result; 0 or -ENAMETOOLONG. */
int rc_conf_path(const struct rc_conf *c, enum rc_path_type t, const char *name,
		 char *buf, size_t len);

/* Writes the effective configuration, defaults included, as racoon.conf text
 * that loads back to the same configuration. */
int rc_conf_print(const struct rc_conf *c, FILE *out);

#endif
