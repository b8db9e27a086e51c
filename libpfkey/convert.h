/* Conversion between PF_KEY messages and the neutral types of
 * common/ipsec.h, and the algorithm names PF_KEY users know. */
#ifndef LIBPFKEY_CONVERT_H
#define LIBPFKEY_CONVERT_H

#include "common/ipsec.h"
#include "libpfkey/pfkey.h"

enum pfkey_alg_kind {
	PFKEY_ALG_ENC,
	PFKEY_ALG_AUTH,
	PFKEY_ALG_COMP,
	PFKEY_ALG_AEAD,                 /* an ESP "encryption" id that also authenticates */
};

struct pfkey_alg_info {
	enum pfkey_alg_kind kind;
	uint8_t id;                     /* SADB_EALG_*, SADB_AALG_*, SADB_X_CALG_* */
	const char *name;               /* setkey's name: "aes-cbc", "hmac-sha1" */
	const char *kernel;             /* Linux crypto name: "cbc(aes)" */
	uint16_t icv_bits;              /* AEAD only */
};

/* Look-ups; NULL when unknown.  by_name also accepts setkey's aliases
 * (rijndael-cbc, hmac-sha2-256, ...).  PFKEY_ALG_ENC look-ups also find
 * AEAD entries, which share the encryption id space. */
const struct pfkey_alg_info *pfkey_alg_by_name(enum pfkey_alg_kind kind, const char *name);
const struct pfkey_alg_info *pfkey_alg_by_id(enum pfkey_alg_kind kind, uint8_t id);
const struct pfkey_alg_info *pfkey_alg_by_kernel(enum pfkey_alg_kind kind, const char *kernel);

/* SADB_SATYPE_* of a protocol, 0 if PF_KEY has none; and back
 * (IPSEC_PROTO_NONE if unknown). */
uint8_t pfkey_satype(enum ipsec_proto p);
enum ipsec_proto pfkey_proto(uint8_t satype);
/* PF_KEY mode numbers (IPSEC_MODE_* of linux/ipsec.h); -EINVAL for modes
 * PF_KEY cannot express (route optimisation). */
int pfkey_mode(enum ipsec_mode m);
enum ipsec_mode pfkey_mode_neutral(uint8_t mode);
uint8_t pfkey_level(enum ipsec_level l);
enum ipsec_level pfkey_level_neutral(uint8_t level);

/* SA messages.  ADD/UPDATE carry everything (keys, lifetimes, SA2, NAT-T);
 * GET/DELETE only the SA id (spi, src, dst); DEL-ALL style DELETE without
 * spi is not PF_KEY.  Return the length or a negative errno. */
int pfkey_build_sa(uint8_t type, uint32_t seq, uint32_t pid, const struct ipsec_sa *sa,
		   void *buf, size_t cap);
/* Fills *sa from a message carrying an SA (GET/DUMP reply, ADD/UPDATE
 * echo, EXPIRE).  -EINVAL if SA or an address is missing. */
int pfkey_msg_to_sa(const struct pfkey_msg *m, struct ipsec_sa *sa);

/* SPD messages (X_SPDADD, X_SPDUPDATE, X_SPDDELETE, X_SPDGET).  A
 * per-socket policy of a dump converts with its socket's direction; tell
 * it by pfkey_policy_is_socket(). */
int pfkey_build_policy(uint8_t type, uint32_t seq, uint32_t pid, const struct ipsec_policy *p,
		       void *buf, size_t cap);
int pfkey_msg_to_policy(const struct pfkey_msg *m, struct ipsec_policy *p);
static inline bool pfkey_policy_is_socket(const struct sadb_x_policy *x)
{
	return x->sadb_x_policy_id % 8 >= 3;
}

/* X_MIGRATE with KMADDRESS when has_kmaddress. */
int pfkey_build_migrate(uint32_t seq, uint32_t pid, const struct ipsec_migrate_msg *mig,
			void *buf, size_t cap);
int pfkey_msg_to_migrate(const struct pfkey_msg *m, struct ipsec_migrate_msg *mig);

#endif
