/* Mobility Header codec (RFC 6275 section 6.1-6.2, RFC 3963 NEMO, the
 * RFC 5213 flags that share the BU/BA types).
 *
 * Pure functions: no I/O, no allocation, no globals.  The parser refuses
 * every malformed message without reading past the buffer; the builder
 * never emits one (it lays out options at their alignment and pads the
 * message to a multiple of 8 octets). */
#ifndef MIP6D_MH_MH_H
#define MIP6D_MH_MH_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/csum.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

enum mh_type {
	MH_BRR = 0,             /* Binding Refresh Request */
	MH_HOTI = 1,            /* Home Test Init */
	MH_COTI = 2,            /* Care-of Test Init */
	MH_HOT = 3,             /* Home Test */
	MH_COT = 4,             /* Care-of Test */
	MH_BU = 5,              /* Binding Update */
	MH_BA = 6,              /* Binding Acknowledgement */
	MH_BE = 7,              /* Binding Error */
	MH_TYPE_COUNT
};

/* Binding Update flags, in the 16-bit field after the sequence number. */
#define MH_BU_F_A 0x8000u       /* acknowledge */
#define MH_BU_F_H 0x4000u       /* home registration */
#define MH_BU_F_L 0x2000u       /* link-local address compatibility */
#define MH_BU_F_K 0x1000u       /* key management mobility capability */
#define MH_BU_F_M 0x0800u       /* MAP registration (RFC 5380) */
#define MH_BU_F_R 0x0400u       /* mobile router (RFC 3963) */
#define MH_BU_F_P 0x0200u       /* proxy registration (RFC 5213) */
#define MH_BU_FLAGS (MH_BU_F_A | MH_BU_F_H | MH_BU_F_L | MH_BU_F_K | MH_BU_F_M | \
		     MH_BU_F_R | MH_BU_F_P)

/* Binding Acknowledgement flags, the octet after the status. */
#define MH_BA_F_K 0x80u
#define MH_BA_F_R 0x40u         /* RFC 3963 */
#define MH_BA_F_P 0x20u         /* RFC 5213 */
#define MH_BA_FLAGS (MH_BA_F_K | MH_BA_F_R | MH_BA_F_P)

/* Binding Acknowledgement status (RFC 6275 6.1.8, RFC 3963 6.2). */
enum mh_ba_status {
	MH_BA_ACCEPTED = 0,
	MH_BA_ACCEPTED_PD = 1,          /* prefix discovery necessary */
	MH_BA_UNSPECIFIED = 128,
	MH_BA_PROHIBITED = 129,
	MH_BA_INSUFFICIENT = 130,
	MH_BA_HOME_REG_NOT_SUPP = 131,
	MH_BA_NOT_HOME_SUBNET = 132,
	MH_BA_NOT_HA_FOR_MN = 133,
	MH_BA_DAD_FAILED = 134,
	MH_BA_SEQ_OUT_OF_WINDOW = 135,
	MH_BA_EXPIRED_HOME_NONCE = 136,
	MH_BA_EXPIRED_COA_NONCE = 137,
	MH_BA_EXPIRED_NONCES = 138,
	MH_BA_REG_TYPE_CHANGE = 139,
	MH_BA_MR_OP_NOT_PERMITTED = 140,
	MH_BA_INVALID_PREFIX = 141,
	MH_BA_NOT_AUTH_FOR_PREFIX = 142,
	MH_BA_FWD_SETUP_FAILED = 143,
};

/* Binding Error status (RFC 6275 6.1.9). */
enum mh_be_status {
	MH_BE_UNKNOWN_HAO = 1,          /* no binding for the Home Address option */
	MH_BE_UNKNOWN_MH_TYPE = 2,      /* unrecognised MH type */
};

enum mh_opt_type {
	MH_OPT_PAD1 = 0,
	MH_OPT_PADN = 1,
	MH_OPT_BRA = 2,                 /* Binding Refresh Advice */
	MH_OPT_ALTCOA = 3,              /* Alternate Care-of Address */
	MH_OPT_NONCE_IDX = 4,           /* Nonce Indices */
	MH_OPT_AUTH = 5,                /* Binding Authorization Data */
	MH_OPT_MNP = 6,                 /* Mobile Network Prefix (RFC 3963) */
};

#define MH_AUTH_MAX 32          /* authenticator octets kept (RR uses 12) */
#define MH_MNP_MAX 16           /* Mobile Network Prefix options kept */
#define MH_HDR_LEN 6            /* proto, len, type, reserved, checksum */
#define MH_MAX_LEN 2048         /* (255 + 1) * 8 */

struct mh_mnp {
	uint8_t plen;
	struct in6_addr prefix;
};

/* The options of a message.  present has bit (1 << MH_OPT_x) for each
 * option found (parse) or to emit (build). */
struct mh_opts {
	uint32_t present;
	uint16_t refresh_interval;      /* BRA, in 4 s units */
	struct in6_addr alt_coa;
	uint16_t home_nonce_index;
	uint16_t careof_nonce_index;
	uint8_t auth_len;
	uint8_t auth[MH_AUTH_MAX];
	uint8_t n_mnp;
	struct mh_mnp mnp[MH_MNP_MAX];
	uint8_t n_unknown;              /* parse: unknown options skipped */
	uint8_t n_ignored;              /* parse: options not valid for the type */
};

#define MH_COOKIE_LEN 8
#define MH_TOKEN_LEN 8

struct mh_msg {
	uint8_t type;                   /* enum mh_type, or as received */
	uint8_t payload_proto;          /* parse: as received; build: IPPROTO_NONE */
	uint16_t checksum;              /* parse: as received */
	union {
		struct { uint8_t cookie[MH_COOKIE_LEN]; } ti;   /* HoTI, CoTI */
		struct {                                        /* HoT, CoT */
			uint16_t nonce_index;
			uint8_t cookie[MH_COOKIE_LEN];
			uint8_t token[MH_TOKEN_LEN];
		} t;
		struct {
			uint16_t seq;
			uint16_t flags;         /* MH_BU_F_*; parse drops reserved bits */
			uint16_t lifetime;      /* 4 s units */
		} bu;
		struct {
			uint8_t status;
			uint8_t flags;          /* MH_BA_F_*; parse drops reserved bits */
			uint16_t seq;
			uint16_t lifetime;      /* 4 s units */
		} ba;
		struct {
			uint8_t status;
			struct in6_addr hoa;
		} be;
	} u;
	struct mh_opts opts;
};

/* Parses one Mobility Header of len octets (as read from an IPPROTO_MH
 * socket).  Returns the message's length ((Header Len + 1) * 8), or:
 *   -EBADMSG          malformed: too short for its type, Header Len past
 *                     the buffer, an option running past the message, a
 *                     misaligned option, a wrong option length, an option
 *                     repeated or following the authorization data;
 *   -EPROTONOSUPPORT  unknown MH type (m->type holds it: answer with a
 *                     Binding Error, status MH_BE_UNKNOWN_MH_TYPE);
 *   -ENOBUFS          more Mobile Network Prefix options than MH_MNP_MAX.
 * The checksum is not verified here (see mh_checksum_ok). */
int mh_parse(struct mh_msg *m, const uint8_t *buf, size_t len);

/* Builds m into buf.  With src and dst, fills the checksum; without (the
 * kernel computes it on an IPPROTO_MH raw socket) leaves it 0.  Returns the
 * length, -EINVAL for a message that cannot be expressed (unknown type,
 * option not defined for the type, bad option value), or -ENOSPC. */
int mh_build(const struct mh_msg *m, const struct in6_addr *src, const struct in6_addr *dst,
	     uint8_t *buf, size_t cap);

/* Which options a message type may carry (bit 1 << MH_OPT_x). */
uint32_t mh_opts_allowed(uint8_t type);
const char *mh_type_name(uint8_t type);

bool mh_checksum_ok(const struct in6_addr *src, const struct in6_addr *dst, const uint8_t *buf,
		    size_t len);

/* Options: alignment (RFC 6275 6.2: an option of requirement xn+y starts
 * at an offset from the start of the header that is y modulo x). */
struct mh_opt_align {
	uint8_t n, k;
};
bool mh_opt_align(uint8_t type, struct mh_opt_align *a);

#endif
