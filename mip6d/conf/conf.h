/* The mip6d configuration: the plain structure the parser builds from
 * mip6d.conf (UMIP's language), its defaults, checks and printer.
 *
 * Everything is plain C: scalars, fixed-size names, singly linked lists kept
 * in file order.  Addresses are struct ip_addr / ip_prefix (IPv6 only).
 * Every list element carries the place it was written (conf_loc) so later
 * stages can name it in their messages. */
#ifndef MIP6D_CONF_CONF_H
#define MIP6D_CONF_CONF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/addr.h"

/* A place in a configuration file; file points into conf->files. */
struct conf_loc {
	const char *file;
	int line;
	int col;
};

enum node_type {
	NODE_CN = 0,
	NODE_HA,
	NODE_MN,
};

/* Maxima, in seconds (the BU lifetime field is in 4 s units). */
#define CONF_MAX_BINDING_LIFE    262140u   /* 0xffff << 2 */
#define CONF_MAX_CN_BINDING_LIFE 420u      /* RFC 6275 MAX_RR_BINDING_LIFETIME */
#define CONF_MAX_IF_PREFERENCE   10u

/* BA status for DefaultBindingAclPolicy deny / BindingAclPolicy ... deny. */
#define CONF_ACL_DENY_STATUS     129u      /* administratively prohibited */

struct conf_prefix {
	struct conf_prefix *next;
	struct ip_prefix prefix;
	struct conf_loc loc;
};

/* Interface "name" [{ IfType; MnIfPreference; Tunnel; }] */
struct conf_iface {
	struct conf_iface *next;
	char name[IF_NAMESIZE];
	enum node_type if_type;         /* IfType; NodeConfig when not written */
	bool if_type_set;
	unsigned preference;            /* MnIfPreference, 0..10, 0 = unused */
	bool tunnel;
	struct conf_loc loc;
};

/* CnBindingPolicySet { peer_hoa [local] BOOL; } */
struct conf_cn_policy {
	struct conf_cn_policy *next;
	struct ip_addr peer_hoa;
	struct ip_addr local;           /* AF_UNSPEC: any local address */
	bool allow;
	struct conf_loc loc;
};

/* BindingAclPolicy hoa [(mnp, ...)] BOOL|NUMBER; */
struct conf_acl {
	struct conf_acl *next;
	struct ip_addr hoa;
	struct conf_prefix *mnps;
	unsigned status;                /* BA status: 0 allow, 129 deny, or as written */
	struct conf_loc loc;
};

/* MnRoPolicy [cn] BOOL; */
struct conf_ro_policy {
	struct conf_ro_policy *next;
	struct ip_addr cn;              /* AF_UNSPEC: every correspondent */
	bool enable;
	struct conf_loc loc;
};

/* MnHomeLink "ifname" { ... } */
struct conf_home_link {
	struct conf_home_link *next;
	char ifname[IF_NAMESIZE];
	struct ip_prefix hoa;           /* HomeAddress addr/len */
	bool hoa_set;
	struct conf_prefix *mnps;       /* HomeAddress ... (mnp, ...) */
	struct ip_addr ha_addr;         /* HomeAgentAddress; :: means DHAAD */
	struct ip_prefix home_prefix;   /* HomePrefix; the HoA masked to its length
					 * when not written */
	bool home_prefix_set;
	bool use_alt_coa;
	bool is_mob_rtr;
	struct conf_ro_policy *ro_policies;
	struct conf_loc loc;
};

enum ipsec_pol_type {
	IPSEC_POL_HOME_REG_BINDING = 0,
	IPSEC_POL_MH,
	IPSEC_POL_MOB_PFX_DISC,
	IPSEC_POL_ICMP,
	IPSEC_POL_ANY,
	IPSEC_POL_TUNNEL_HOME_TESTING,
	IPSEC_POL_TUNNEL_MH,
	IPSEC_POL_TUNNEL_PAYLOAD,
	IPSEC_POL_TYPE_COUNT
};

/* Protocols of an IPsecPolicy line, a bit mask. */
#define CONF_IPSEC_ESP    0x1u
#define CONF_IPSEC_AH     0x2u
#define CONF_IPSEC_IPCOMP 0x4u

struct conf_ipsec_policy {
	struct conf_ipsec_policy *next;
	enum ipsec_pol_type type;
	unsigned protos;                /* IPSEC_PROTO_* */
	unsigned n_reqids;              /* 0, 1 or 2 as written */
	uint32_t reqid_toha;            /* MN -> HA */
	uint32_t reqid_tomn;            /* HA -> MN */
	bool allow;                     /* the trailing action; block if false */
	bool action_set;                /* the action was written */
	struct conf_loc loc;
};

/* IPsecPolicySet { HomeAgentAddress; HomeAddress...; IPsecPolicy...; } */
struct conf_ipsec_set {
	struct conf_ipsec_set *next;
	struct ip_addr ha_addr;
	struct conf_prefix *hoas;
	struct conf_ipsec_policy *policies;
	struct conf_loc loc;
};

struct conf_file {
	struct conf_file *next;
	char name[];
};

/* Times written as decimals are kept in milliseconds. */
struct mip6_conf {
	/* common */
	enum node_type node_type;
	unsigned debug_level;
	char *debug_log_file;           /* NULL: stderr */
	bool do_route_opt_cn;
	struct conf_cn_policy *cn_policies;
	bool non_volatile_bcache;
	struct conf_iface *ifaces;
	char *movement_module;          /* NULL: internal */
	char *policy_module;            /* NULL: built-in */
	bool use_mnha_ipsec;
	bool keymng_mob_capability;
	struct conf_ipsec_set *ipsec_sets;

	/* home agent */
	unsigned ha_max_binding_life;
	bool send_mob_pfx_advs;
	bool send_unsol_mob_pfx_advs;
	unsigned min_mob_pfx_adv_interval;
	unsigned max_mob_pfx_adv_interval;
	bool ha_accept_mob_rtr;
	struct conf_prefix *ha_served_prefixes;
	unsigned default_acl_status;    /* 0 allow, 129 deny, or as written */
	struct conf_acl *acls;

	/* mobile node */
	struct conf_home_link *home_links;
	unsigned mn_max_ha_binding_life;
	unsigned mn_max_cn_binding_life;
	bool mn_discard_ha_param_prob;
	bool mn_reset_dhaad_at_home;
	bool mn_flush_all_at_home;
	unsigned mn_max_ha_consecutive_resends;
	unsigned mn_max_cn_consecutive_resends;
	bool send_mob_pfx_sols;
	bool do_route_opt_mn;
	bool mn_use_all_interfaces;
	bool mob_rtr_use_explicit_mode;
	bool use_cn_bu_ack;
	unsigned iface_initial_init_delay_ms;
	unsigned mn_router_probes;
	unsigned mn_router_probe_timeout_ms;
	unsigned initial_bindack_timeout_first_reg_ms;
	unsigned initial_bindack_timeout_rereg_ms;
	unsigned initial_solicit_timer_ms;
	bool optimistic_handoff;
	bool no_home_return;

	/* the files read, for conf_loc.file */
	struct conf_file *files;
};

/* Receives one finished diagnostic line ("file:line:col: error: ..."). */
typedef void conf_diag_fn(void *ctx, const char *line);

struct conf_opts {
	conf_diag_fn *diag;             /* NULL: print to stderr */
	void *diag_ctx;
	/* Prefixed to absolute include patterns (checking a tree that will
	 * be installed elsewhere; the tests use it).  NULL: none. */
	const char *include_root;
};

/* The defaults of UMIP 1.0 (conf_default() there). */
void conf_init(struct mip6_conf *c);
void conf_free(struct mip6_conf *c);

/* Parses a file, then runs the semantic checks.  Every problem found is
 * reported through opts->diag.  Returns 0, -EINVAL when errors were
 * reported (c then holds what could be parsed; free it either way), the
 * negative errno of a file that cannot be opened (reported too), or
 * -ENOMEM. */
int conf_load_file(struct mip6_conf *c, const char *path, const struct conf_opts *opts);
/* The same for text in memory; name is used in messages. */
int conf_load_string(struct mip6_conf *c, const char *text, size_t len, const char *name,
		     const struct conf_opts *opts);

/* Checks against this machine: the interfaces an HA serves and every
 * MnHomeLink interface must exist.  Returns the number of errors. */
int conf_check_system(const struct mip6_conf *c, const struct conf_opts *opts);

/* Prints the effective configuration, defaults included, in mip6d.conf
 * syntax; parsing the output gives the same configuration. */
int conf_show(const struct mip6_conf *c, FILE *out);
/* Compares two configurations field by field (locations ignored). */
bool conf_equal(const struct mip6_conf *a, const struct mip6_conf *b);

const char *node_type_name(enum node_type t);
const char *ipsec_pol_type_name(enum ipsec_pol_type t);

#endif
