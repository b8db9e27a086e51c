/* Binding Update / Acknowledgement constants shared by the Home Agent and
 * the Mobile Node engines: status values (RFC 6275 6.1.8, RFC 3963 6.6),
 * flags, sequence number comparison. */
#ifndef MIP6D_HA_BASTATUS_H
#define MIP6D_HA_BASTATUS_H

#include <stdbool.h>
#include <stdint.h>

enum ba_status {
	BAS_ACCEPTED = 0,
	BAS_ACCEPTED_PD = 1,            /* accepted, prefix discovery necessary */
	BAS_UNSPECIFIED = 128,
	BAS_PROHIBITED = 129,           /* administratively prohibited */
	BAS_INSUFFICIENT = 130,         /* insufficient resources */
	BAS_HOMEREG_NOT_SUPP = 131,     /* home registration not supported */
	BAS_NOT_HOME_SUBNET = 132,
	BAS_NOT_HA_FOR_MN = 133,        /* not home agent for this mobile node */
	BAS_DAD_FAILED = 134,
	BAS_SEQ_OUT_OF_WINDOW = 135,
	BAS_EXPIRED_HOME_NONCE = 136,
	BAS_EXPIRED_COA_NONCE = 137,
	BAS_EXPIRED_NONCES = 138,
	BAS_REG_TYPE_CHANGE = 139,      /* registration type change disallowed */
	BAS_MR_NOT_PERMITTED = 140,     /* mobile router operation not permitted */
	BAS_INVALID_PREFIX = 141,
	BAS_PREFIX_NOT_AUTH = 142,      /* not authorized for prefix */
	BAS_FWD_SETUP_FAILED = 143,     /* forwarding setup failed (prefixes missing) */
};

/* BU flags, wire bit positions of the flags byte (RFC 6275 6.1.7, RFC
 * 3963 4.1, RFC 5213 8.1 for P). */
#define BU_FLAG_A 0x80u
#define BU_FLAG_H 0x40u
#define BU_FLAG_L 0x20u
#define BU_FLAG_K 0x10u
#define BU_FLAG_R 0x04u  /* NEMO: mobile router (RFC 3963) */
#define BU_FLAG_P 0x02u  /* proxy registration (RFC 5213) */

/* BA flags (RFC 6275 6.1.8, RFC 3963 4.2). */
#define BA_FLAG_K 0x80u
#define BA_FLAG_R 0x40u

static inline bool ba_status_accepted(unsigned s) { return s < 128; }

/* Sequence numbers are compared modulo 2^16 (RFC 6275 9.5.1): a is newer
 * than b when it lies in the 32767 values after b. */
static inline bool mip6_seq_after(uint16_t a, uint16_t b)
{
	uint16_t d = (uint16_t)(a - b);

	return d != 0 && d < 32768u;
}

#endif
