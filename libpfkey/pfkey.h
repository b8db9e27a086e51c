/* PF_KEY v2 (RFC 2367) with the Linux/KAME extensions: a pure codec.
 *
 * Parsing never copies: pfkey_parse() checks a whole message (lengths,
 * 8-byte alignment, per-extension structure, duplicates, unknown types) and
 * fills a struct pfkey_msg whose pointers point into the caller's buffer.
 * The kernel structs are packed, so the pointers need no alignment.
 *
 * Building writes into a caller's buffer: pfkey_build_init(), then one
 * pfkey_add_*() per extension, then pfkey_build_finish() which sets
 * sadb_msg_len and reports the first error (overflow, duplicate, bad
 * argument).  Every extension is padded to 8 bytes. */
#ifndef LIBPFKEY_PFKEY_H
#define LIBPFKEY_PFKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/pfkeyv2.h>

#include "common/addr.h"
#include "common/wire.h"

/* The KAME numbers of linux/ipsec.h, renamed: that header's enumerators
 * clash with the neutral names of common/ipsec.h. */
enum { PFKEY_MODE_ANY = 0, PFKEY_MODE_TRANSPORT = 1, PFKEY_MODE_TUNNEL = 2, PFKEY_MODE_BEET = 3 };
enum { PFKEY_DIR_ANY = 0, PFKEY_DIR_INBOUND = 1, PFKEY_DIR_OUTBOUND = 2, PFKEY_DIR_FWD = 3 };
/* Linux SPD dumps: per-socket policies (policy id % 8 >= 3). */
enum { PFKEY_DIR_SOCKET_IN = 4, PFKEY_DIR_SOCKET_OUT = 5, PFKEY_DIR_SOCKET_FWD = 6 };
enum {
	PFKEY_POLICY_DISCARD = 0, PFKEY_POLICY_NONE = 1, PFKEY_POLICY_IPSEC = 2,
	PFKEY_POLICY_ENTRUST = 3, PFKEY_POLICY_BYPASS = 4,
};
enum { PFKEY_LEVEL_DEFAULT = 0, PFKEY_LEVEL_USE = 1, PFKEY_LEVEL_REQUIRE = 2, PFKEY_LEVEL_UNIQUE = 3 };
#define PFKEY_ULPROTO_ANY 255
/* Reqids up to this value were chosen by the user (unique:N). */
#define PFKEY_MANUAL_REQID_MAX 0x3fff
/* setkey's policy priorities (Linux: lower value wins). */
#define PFKEY_PRIORITY_HIGH    0x40000000u
#define PFKEY_PRIORITY_DEFAULT 0x80000000u
#define PFKEY_PRIORITY_LOW     0xC0000000u

/* Highest extension type this codec knows (SADB_X_EXT_FILTER). */
#define PFKEY_EXT_MAX 26
/* Largest PF_KEY message (sadb_msg_len is 16 bits of 8-byte units). */
#define PFKEY_MSG_MAX (0xffff * 8)

/* A parsed message: one pointer per extension type, NULL when absent. */
struct pfkey_msg {
	const struct sadb_msg *hdr;
	size_t len;                                 /* bytes */
	union {
		const struct sadb_ext *ext[PFKEY_EXT_MAX + 1];
		struct {
			const void *ext_reserved;
			const struct sadb_sa *sa;
			const struct sadb_lifetime *lft_current, *lft_hard, *lft_soft;
			const struct sadb_address *src, *dst, *proxy;
			const struct sadb_key *key_auth, *key_encrypt;
			const struct sadb_ident *ident_src, *ident_dst;
			const struct sadb_sens *sensitivity;
			const struct sadb_prop *proposal;
			const struct sadb_supported *supported_auth, *supported_encrypt;
			const struct sadb_spirange *spirange;
			const struct sadb_x_kmprivate *kmprivate;
			const struct sadb_x_policy *policy;
			const struct sadb_x_sa2 *sa2;
			const struct sadb_x_nat_t_type *nat_t_type;
			const struct sadb_x_nat_t_port *nat_t_sport, *nat_t_dport;
			const struct sadb_address *nat_t_oa;
			const struct sadb_x_sec_ctx *sec_ctx;
			const struct sadb_x_kmaddress *kmaddress;
			const struct sadb_x_filter *filter;
		};
	};
};

/* Checks and indexes a message of len bytes.  0, or -EINVAL (malformed),
 * -EMSGSIZE (length fields disagree with len), -EPROTONOSUPPORT (version). */
int pfkey_parse(const void *buf, size_t len, struct pfkey_msg *m);

/* Names for diagnostics ("SADB_X_MIGRATE", "SADB_X_EXT_KMADDRESS"); NULL if
 * unknown. */
const char *pfkey_msg_type_name(unsigned type);
const char *pfkey_ext_type_name(unsigned type);

/* Reads an address extension (ADDRESS_SRC/DST/PROXY, NAT_T_OA). */
void pfkey_address_get(const struct sadb_address *ext, struct ip_addr *a, uint16_t *port);
/* Key bytes of a key extension, and their count (key_bits / 8, rounded up). */
const uint8_t *pfkey_key_data(const struct sadb_key *k, size_t *len);
/* The security context string of a SEC_CTX extension. */
const uint8_t *pfkey_sec_ctx_data(const struct sadb_x_sec_ctx *c, size_t *len);
/* The two addresses of a KMADDRESS extension. */
void pfkey_kmaddress_get(const struct sadb_x_kmaddress *k, struct ip_addr *local, struct ip_addr *remote);
/* The number of sadb_comb / sadb_alg entries following a PROPOSAL /
 * SUPPORTED header, and the i-th one. */
size_t pfkey_prop_count(const struct sadb_prop *p);
const struct sadb_comb *pfkey_prop_comb(const struct sadb_prop *p, size_t i);
size_t pfkey_supported_count(const struct sadb_supported *s);
const struct sadb_alg *pfkey_supported_alg(const struct sadb_supported *s, size_t i);

/* One ipsecrequest of an X_POLICY extension, decoded. */
struct pfkey_ipsecreq {
	const struct sadb_x_ipsecrequest *req;
	uint16_t proto;                 /* IPPROTO_ESP, ... */
	uint8_t mode;                   /* PFKEY_MODE_* */
	uint8_t level;                  /* PFKEY_LEVEL_* */
	uint32_t reqid;
	bool has_addrs;
	struct ip_addr src, dst;
	uint16_t sport, dport;
};

/* Walks the requests of a (parsed, hence valid) policy extension: *pos
 * starts at 0; returns true and fills *r while requests remain. */
bool pfkey_policy_next(const struct sadb_x_policy *p, size_t *pos, struct pfkey_ipsecreq *r);
size_t pfkey_policy_count(const struct sadb_x_policy *p);

/* Builder. */
struct pfkey_builder {
	struct wire_wr w;
	uint8_t *policy;                /* open X_POLICY extension, or NULL */
	uint32_t present;               /* bit per extension type already added */
	int err;                        /* first error (negative errno) */
};

void pfkey_build_init(struct pfkey_builder *b, void *buf, size_t cap, uint8_t type,
		      uint8_t satype, uint32_t seq, uint32_t pid);
/* Sets sadb_msg_errno (error reports such as a failed ACQUIRE). */
void pfkey_build_errno(struct pfkey_builder *b, uint8_t err);
/* Finishes: writes sadb_msg_len; returns the message length or a negative
 * errno (-ENOSPC on overflow, -EINVAL on a bad or duplicate extension). */
int pfkey_build_finish(struct pfkey_builder *b);

/* spi in host order. */
void pfkey_add_sa(struct pfkey_builder *b, uint32_t spi, uint8_t replay, uint8_t state,
		  uint8_t auth, uint8_t encrypt, uint32_t flags);
void pfkey_add_lifetime(struct pfkey_builder *b, uint16_t exttype, uint32_t allocations,
			uint64_t bytes, uint64_t addtime, uint64_t usetime);
/* exttype: ADDRESS_SRC/DST/PROXY or NAT_T_OA; port in host order. */
void pfkey_add_address(struct pfkey_builder *b, uint16_t exttype, const struct ip_addr *a,
		       uint16_t port, uint8_t prefixlen, uint8_t proto);
void pfkey_add_key(struct pfkey_builder *b, uint16_t exttype, const void *key, uint16_t bits);
/* id: NUL-terminated identity string or NULL. */
void pfkey_add_ident(struct pfkey_builder *b, uint16_t exttype, uint16_t type, uint64_t id,
		     const char *str);
/* sens and integ: bitmaps of sens_len and integ_len 64-bit words. */
void pfkey_add_sens(struct pfkey_builder *b, uint32_t dpd, uint8_t sens_level,
		    const uint64_t *sens, uint8_t sens_len, uint8_t integ_level,
		    const uint64_t *integ, uint8_t integ_len);
void pfkey_add_prop(struct pfkey_builder *b, uint8_t replay, const struct sadb_comb *combs, size_t n);
void pfkey_add_supported(struct pfkey_builder *b, uint16_t exttype, const struct sadb_alg *algs, size_t n);
void pfkey_add_spirange(struct pfkey_builder *b, uint32_t min, uint32_t max);
void pfkey_add_kmprivate(struct pfkey_builder *b);
void pfkey_add_sa2(struct pfkey_builder *b, uint8_t mode, uint32_t reqid, uint32_t sequence);
/* X_POLICY: open, add requests, close. */
void pfkey_policy_begin(struct pfkey_builder *b, uint16_t type, uint8_t dir, uint32_t id,
			uint32_t priority);
/* src and dst NULL: no address pair (transport mode). */
void pfkey_policy_add_req(struct pfkey_builder *b, uint16_t proto, uint8_t mode, uint8_t level,
			  uint32_t reqid, const struct ip_addr *src, uint16_t sport,
			  const struct ip_addr *dst, uint16_t dport);
void pfkey_policy_end(struct pfkey_builder *b);
void pfkey_add_nat_t_type(struct pfkey_builder *b, uint8_t type);
/* exttype: SADB_X_EXT_NAT_T_SPORT or DPORT; port in host order. */
void pfkey_add_nat_t_port(struct pfkey_builder *b, uint16_t exttype, uint16_t port);
void pfkey_add_sec_ctx(struct pfkey_builder *b, uint8_t alg, uint8_t doi, const void *ctx, uint16_t len);
void pfkey_add_kmaddress(struct pfkey_builder *b, const struct ip_addr *local, const struct ip_addr *remote);
void pfkey_add_filter(struct pfkey_builder *b, const struct ip_addr *saddr, uint8_t splen,
		      const struct ip_addr *daddr, uint8_t dplen);

#endif
