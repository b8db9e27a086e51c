/* ISAKMP (RFC 2408) with the IPsec DOI (RFC 2407), IKEv1 (RFC 2409),
 * NAT-T (RFC 3947 and drafts), DPD (RFC 3706) and the IKE fragmentation
 * extension: constants, parsed views and builders.
 *
 * Everything here is a pure codec: no I/O, no globals, no allocation.
 * Parsed views point into the caller's buffer.  Builders write through a
 * struct wire_wr; a builder error is sticky in the writer. */
#ifndef RACOOND_ISAKMP_H
#define RACOOND_ISAKMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/wire.h"

#define ISAKMP_HDR_LEN 28
#define ISAKMP_GEN_LEN 4
#define ISAKMP_VERSION 0x10
#define ISAKMP_COOKIE_LEN 8
/* Largest message accepted: one UDP datagram. */
#define ISAKMP_MSG_MAX 65535u
/* Most payloads in one message (outer chain). */
#define ISAKMP_MAX_PAYLOADS 64
/* Most proposals, transforms per proposal and attributes per transform. */
#define ISAKMP_MAX_PROPOSALS 64
#define ISAKMP_MAX_TRANSFORMS 64
#define ISAKMP_MAX_ATTRS 64

/* Exchange types */
enum {
	ISAKMP_ETYPE_NONE = 0,
	ISAKMP_ETYPE_BASE = 1,
	ISAKMP_ETYPE_IDENT = 2, /* main mode */
	ISAKMP_ETYPE_AUTH = 3,
	ISAKMP_ETYPE_AGG = 4,
	ISAKMP_ETYPE_INFO = 5,
	ISAKMP_ETYPE_CFG = 6,   /* transaction (mode config, xauth) */
	ISAKMP_ETYPE_QUICK = 32,
	ISAKMP_ETYPE_NEWGRP = 33,
};

/* Header flags; any other bit makes the message invalid. */
#define ISAKMP_FLAG_E 0x01
#define ISAKMP_FLAG_C 0x02
#define ISAKMP_FLAG_A 0x04
#define ISAKMP_FLAG_MASK 0x07

/* Payload types */
enum {
	ISAKMP_NP_NONE = 0,
	ISAKMP_NP_SA = 1,
	ISAKMP_NP_P = 2,
	ISAKMP_NP_T = 3,
	ISAKMP_NP_KE = 4,
	ISAKMP_NP_ID = 5,
	ISAKMP_NP_CERT = 6,
	ISAKMP_NP_CR = 7,
	ISAKMP_NP_HASH = 8,
	ISAKMP_NP_SIG = 9,
	ISAKMP_NP_NONCE = 10,
	ISAKMP_NP_N = 11,
	ISAKMP_NP_D = 12,
	ISAKMP_NP_VID = 13,
	ISAKMP_NP_ATTR = 14,
	ISAKMP_NP_NATD_BADDRAFT = 15,
	ISAKMP_NP_NATOA_BADDRAFT = 16,
	ISAKMP_NP_NATD_RFC = 20,
	ISAKMP_NP_NATOA_RFC = 21,
	ISAKMP_NP_NATD_DRAFT = 130,
	ISAKMP_NP_NATOA_DRAFT = 131,
	ISAKMP_NP_FRAG = 132,
};

/* Domain of interpretation and situation */
#define ISAKMP_DOI_ISAKMP 0
#define IPSEC_DOI 1
#define IPSEC_SIT_IDENTITY_ONLY 0x01
#define IPSEC_SIT_SECRECY 0x02
#define IPSEC_SIT_INTEGRITY 0x04

/* Protocol IDs (RFC 2407 4.4.1) */
enum {
	ISAKMP_PROTO_ISAKMP = 1,
	ISAKMP_PROTO_AH = 2,
	ISAKMP_PROTO_ESP = 3,
	ISAKMP_PROTO_IPCOMP = 4,
};

/* Transform IDs */
#define IPSEC_TRANSFORM_KEY_IKE 1
enum {
	IPSEC_AH_MD5 = 2, IPSEC_AH_SHA = 3, IPSEC_AH_DES = 4, IPSEC_AH_SHA256 = 5,
	IPSEC_AH_SHA384 = 6, IPSEC_AH_SHA512 = 7,
};
enum {
	ISAKMP_ESP_DES_IV64 = 1, ISAKMP_ESP_DES = 2, ISAKMP_ESP_3DES = 3, ISAKMP_ESP_RC5 = 4,
	ISAKMP_ESP_IDEA = 5, ISAKMP_ESP_CAST = 6, ISAKMP_ESP_BLOWFISH = 7, ISAKMP_ESP_3IDEA = 8,
	ISAKMP_ESP_DES_IV32 = 9, ISAKMP_ESP_RC4 = 10, ISAKMP_ESP_NULL = 11, ISAKMP_ESP_AES = 12,
	ISAKMP_ESP_CAMELLIA = 22, ISAKMP_ESP_TWOFISH = 253,
};
enum { ISAKMP_IPCOMP_OUI = 1, ISAKMP_IPCOMP_DEFLATE = 2, ISAKMP_IPCOMP_LZS = 3 };

/* Phase 1 (Oakley) attribute types (RFC 2409 appendix A) */
enum {
	OAKLEY_ATTR_ENC = 1,
	OAKLEY_ATTR_HASH = 2,
	OAKLEY_ATTR_AUTH = 3,
	OAKLEY_ATTR_GRP_DESC = 4,
	OAKLEY_ATTR_GRP_TYPE = 5,
	OAKLEY_ATTR_GRP_PI = 6,
	OAKLEY_ATTR_GRP_GEN_ONE = 7,
	OAKLEY_ATTR_GRP_GEN_TWO = 8,
	OAKLEY_ATTR_GRP_CURVE_A = 9,
	OAKLEY_ATTR_GRP_CURVE_B = 10,
	OAKLEY_ATTR_SA_LD_TYPE = 11,
	OAKLEY_ATTR_SA_LD = 12,
	OAKLEY_ATTR_PRF = 13,
	OAKLEY_ATTR_KEY_LEN = 14,
	OAKLEY_ATTR_FIELD_SIZE = 15,
	OAKLEY_ATTR_GRP_ORDER = 16,
	OAKLEY_ATTR_GSS_ID = 16384,
};
enum {
	OAKLEY_ENC_DES = 1, OAKLEY_ENC_IDEA = 2, OAKLEY_ENC_BLOWFISH = 3, OAKLEY_ENC_RC5 = 4,
	OAKLEY_ENC_3DES = 5, OAKLEY_ENC_CAST = 6, OAKLEY_ENC_AES = 7, OAKLEY_ENC_CAMELLIA = 8,
};
enum {
	OAKLEY_HASH_MD5 = 1, OAKLEY_HASH_SHA1 = 2, OAKLEY_HASH_TIGER = 3,
	OAKLEY_HASH_SHA2_256 = 4, OAKLEY_HASH_SHA2_384 = 5, OAKLEY_HASH_SHA2_512 = 6,
};
enum {
	OAKLEY_AUTH_PSK = 1, OAKLEY_AUTH_DSS = 2, OAKLEY_AUTH_RSASIG = 3,
	OAKLEY_AUTH_RSAENC = 4, OAKLEY_AUTH_RSAREV = 5,
	OAKLEY_AUTH_HYBRID_RSA_I = 64221, OAKLEY_AUTH_HYBRID_RSA_R = 64222,
	OAKLEY_AUTH_HYBRID_DSS_I = 64223, OAKLEY_AUTH_HYBRID_DSS_R = 64224,
	OAKLEY_AUTH_XAUTH_PSK_I = 65001, OAKLEY_AUTH_XAUTH_PSK_R = 65002,
	OAKLEY_AUTH_XAUTH_DSS_I = 65003, OAKLEY_AUTH_XAUTH_DSS_R = 65004,
	OAKLEY_AUTH_XAUTH_RSA_I = 65005, OAKLEY_AUTH_XAUTH_RSA_R = 65006,
	OAKLEY_AUTH_XAUTH_RSAENC_I = 65007, OAKLEY_AUTH_XAUTH_RSAENC_R = 65008,
	OAKLEY_AUTH_XAUTH_RSAREV_I = 65009, OAKLEY_AUTH_XAUTH_RSAREV_R = 65010,
};
enum { OAKLEY_GRP_TYPE_MODP = 1, OAKLEY_GRP_TYPE_ECP = 2, OAKLEY_GRP_TYPE_EC2N = 3 };
enum { OAKLEY_LIFE_SECONDS = 1, OAKLEY_LIFE_KILOBYTES = 2 };

/* Phase 2 (IPsec DOI) attribute types (RFC 2407 4.5, RFC 3947) */
enum {
	IPSEC_ATTR_SA_LD_TYPE = 1,
	IPSEC_ATTR_SA_LD = 2,
	IPSEC_ATTR_GRP_DESC = 3,
	IPSEC_ATTR_ENC_MODE = 4,
	IPSEC_ATTR_AUTH = 5,
	IPSEC_ATTR_KEY_LEN = 6,
	IPSEC_ATTR_KEY_ROUNDS = 7,
	IPSEC_ATTR_COMP_DICT_SIZE = 8,
	IPSEC_ATTR_COMP_PRIV_ALG = 9,
};
enum { IPSEC_LIFE_SECONDS = 1, IPSEC_LIFE_KILOBYTES = 2 };
enum {
	IPSEC_ENCMODE_TUNNEL = 1,
	IPSEC_ENCMODE_TRANSPORT = 2,
	IPSEC_ENCMODE_UDP_TUNNEL_RFC = 3,
	IPSEC_ENCMODE_UDP_TRANSPORT_RFC = 4,
	IPSEC_ENCMODE_UDP_TUNNEL_DRAFT = 61443,
	IPSEC_ENCMODE_UDP_TRANSPORT_DRAFT = 61444,
};
enum {
	ISAKMP_AUTH_HMAC_MD5 = 1, ISAKMP_AUTH_HMAC_SHA1 = 2, ISAKMP_AUTH_DES_MAC = 3,
	ISAKMP_AUTH_KPDK = 4, IPSEC_AUTH_HMAC_SHA2_256 = 5, IPSEC_AUTH_HMAC_SHA2_384 = 6,
	IPSEC_AUTH_HMAC_SHA2_512 = 7,
};

/* Identification types (RFC 2407 4.6.2.1) */
enum {
	IPSEC_ID_IPV4_ADDR = 1,
	IPSEC_ID_FQDN = 2,
	IPSEC_ID_USER_FQDN = 3,
	IPSEC_ID_IPV4_ADDR_SUBNET = 4,
	IPSEC_ID_IPV6_ADDR = 5,
	IPSEC_ID_IPV6_ADDR_SUBNET = 6,
	IPSEC_ID_IPV4_ADDR_RANGE = 7,
	IPSEC_ID_IPV6_ADDR_RANGE = 8,
	IPSEC_ID_DER_ASN1_DN = 9,
	IPSEC_ID_DER_ASN1_GN = 10,
	IPSEC_ID_KEY_ID = 11,
};

/* Certificate encodings (RFC 2408 3.9) */
enum {
	ISAKMP_CERT_NONE = 0,
	ISAKMP_CERT_PKCS7 = 1,
	ISAKMP_CERT_PGP = 2,
	ISAKMP_CERT_DNS = 3,
	ISAKMP_CERT_X509SIGN = 4,
	ISAKMP_CERT_X509KE = 5,
	ISAKMP_CERT_KERBEROS = 6,
	ISAKMP_CERT_CRL = 7,
	ISAKMP_CERT_ARL = 8,
	ISAKMP_CERT_SPKI = 9,
	ISAKMP_CERT_X509ATTR = 10,
	ISAKMP_CERT_PLAINRSA = 11,
};

/* Notify message types: errors (RFC 2408 3.14.1), status (RFC 2407 4.6.3,
 * RFC 3706). */
enum {
	ISAKMP_NTYPE_INVALID_PAYLOAD_TYPE = 1,
	ISAKMP_NTYPE_DOI_NOT_SUPPORTED = 2,
	ISAKMP_NTYPE_SITUATION_NOT_SUPPORTED = 3,
	ISAKMP_NTYPE_INVALID_COOKIE = 4,
	ISAKMP_NTYPE_INVALID_MAJOR_VERSION = 5,
	ISAKMP_NTYPE_INVALID_MINOR_VERSION = 6,
	ISAKMP_NTYPE_INVALID_EXCHANGE_TYPE = 7,
	ISAKMP_NTYPE_INVALID_FLAGS = 8,
	ISAKMP_NTYPE_INVALID_MESSAGE_ID = 9,
	ISAKMP_NTYPE_INVALID_PROTOCOL_ID = 10,
	ISAKMP_NTYPE_INVALID_SPI = 11,
	ISAKMP_NTYPE_INVALID_TRANSFORM_ID = 12,
	ISAKMP_NTYPE_ATTRIBUTES_NOT_SUPPORTED = 13,
	ISAKMP_NTYPE_NO_PROPOSAL_CHOSEN = 14,
	ISAKMP_NTYPE_BAD_PROPOSAL_SYNTAX = 15,
	ISAKMP_NTYPE_PAYLOAD_MALFORMED = 16,
	ISAKMP_NTYPE_INVALID_KEY_INFORMATION = 17,
	ISAKMP_NTYPE_INVALID_ID_INFORMATION = 18,
	ISAKMP_NTYPE_INVALID_CERT_ENCODING = 19,
	ISAKMP_NTYPE_INVALID_CERTIFICATE = 20,
	ISAKMP_NTYPE_CERT_TYPE_UNSUPPORTED = 21,
	ISAKMP_NTYPE_INVALID_CERT_AUTHORITY = 22,
	ISAKMP_NTYPE_INVALID_HASH_INFORMATION = 23,
	ISAKMP_NTYPE_AUTHENTICATION_FAILED = 24,
	ISAKMP_NTYPE_INVALID_SIGNATURE = 25,
	ISAKMP_NTYPE_ADDRESS_NOTIFICATION = 26,
	ISAKMP_NTYPE_NOTIFY_SA_LIFETIME = 27,
	ISAKMP_NTYPE_CERTIFICATE_UNAVAILABLE = 28,
	ISAKMP_NTYPE_UNSUPPORTED_EXCHANGE_TYPE = 29,
	ISAKMP_NTYPE_UNEQUAL_PAYLOAD_LENGTHS = 30,
	ISAKMP_NTYPE_CONNECTED = 16384,
	ISAKMP_NTYPE_RESPONDER_LIFETIME = 24576,
	ISAKMP_NTYPE_REPLAY_STATUS = 24577,
	ISAKMP_NTYPE_INITIAL_CONTACT = 24578,
	ISAKMP_NTYPE_R_U_THERE = 36136,
	ISAKMP_NTYPE_R_U_THERE_ACK = 36137,
};

/* Return codes used across the codec, besides 0:
 *  -EINVAL    malformed
 *  -EMSGSIZE  a length or count is out of range
 *  -ENOBUFS   the output buffer is too small
 *  -EPROTO    well-formed but violates the protocol (flags, version)
 *  -ENOTSUP   well-formed but not supported (DOI, situation) */

/* ---- header (header.c) ---- */

struct isakmp_hdr {
	uint8_t icookie[ISAKMP_COOKIE_LEN];
	uint8_t rcookie[ISAKMP_COOKIE_LEN];
	uint8_t np;
	uint8_t version;
	uint8_t etype;
	uint8_t flags;
	uint32_t msgid;
	uint32_t len;
};

/* Parses the fixed header of a datagram of len bytes: version major 1,
 * only E/C/A flags, header length equal to len and at most ISAKMP_MSG_MAX.
 * On port 4500 the caller strips the 4-byte non-ESP marker first. */
int isakmp_hdr_parse(const uint8_t *buf, size_t len, struct isakmp_hdr *h);
/* Writes a header; its length field is fixed by isakmp_msg_end(). */
void isakmp_hdr_write(struct wire_wr *w, const struct isakmp_hdr *h);
const char *isakmp_etype_name(uint8_t etype);
const char *isakmp_np_name(uint8_t np);

/* ---- payload chain (chain.c) ---- */

/* One payload: type and a view of its body (after the generic header). */
struct isakmp_pl {
	uint8_t type;
	const uint8_t *body;
	size_t len;
};

struct isakmp_msg {
	struct isakmp_hdr hdr;
	size_t npl;
	struct isakmp_pl pl[ISAKMP_MAX_PAYLOADS];
};

/* Walks a payload chain starting with type first over buf[0..len).  Each
 * payload must be at least the generic header long, reserved byte zero, fit
 * inside the buffer, at most max payloads.  *used gets the chain's byte
 * length; when tail_ok is false the chain must fill the buffer exactly
 * (otherwise trailing bytes are left for the padding check). */
int isakmp_chain_parse(uint8_t first, const uint8_t *buf, size_t len, bool tail_ok,
		       struct isakmp_pl *pl, size_t max, size_t *npl, size_t *used);

/* Parses a whole datagram.  A message with the E flag has only its header
 * parsed (npl = 0): decrypt the body, then call isakmp_msg_parse_body(). */
int isakmp_msg_parse(const uint8_t *buf, size_t len, struct isakmp_msg *m);

/* Padding rules of racoon.conf's padding {} section. */
struct isakmp_padding {
	bool randomize;         /* padding bytes are random (else zero) */
	bool randomize_length;  /* add a random number of extra blocks */
	uint32_t maximum_length;/* most extra blocks when randomizing the length */
	bool exclusive_tail;    /* last byte = padding length not counting itself */
	bool strict_check;      /* check the announced padding length on receipt */
};
/* racoon's defaults: on, off, 20, on, off. */
void isakmp_padding_default(struct isakmp_padding *p);

/* Parses the decrypted body of m (plain, plen bytes, a multiple of bs).
 * Bytes after the chain are padding.  With strict_check the last byte
 * must announce exactly that many padding bytes (minus one with
 * exclusive_tail); otherwise padding is skipped unchecked. */
int isakmp_msg_parse_body(struct isakmp_msg *m, const uint8_t *plain, size_t plen, size_t bs,
			  const struct isakmp_padding *pad);

/* Padding to append to a body of len bytes for block size bs: 1 to bs
 * bytes up to the next block, plus (rnd % (maximum_length + 1) + 1) extra
 * blocks when randomize_length is set.  rnd is a random number from the
 * caller. */
size_t isakmp_pad_len(const struct isakmp_padding *p, size_t len, size_t bs, uint32_t rnd);
/* Writes padlen (>= 1) bytes of padding: zeros, or the bytes of rnd
 * (padlen random bytes from the caller) with randomize; the last byte is
 * the padding length (minus one with exclusive_tail). */
void isakmp_pad_write(struct wire_wr *w, const struct isakmp_padding *p, size_t padlen,
		      const uint8_t *rnd);

/* Finds the n-th (0-based) payload of a type; NULL if absent. */
const struct isakmp_pl *isakmp_msg_find(const struct isakmp_msg *m, uint8_t type, size_t n);
size_t isakmp_msg_count(const struct isakmp_msg *m, uint8_t type);

/* ---- builders (chain.c) ---- */

/* A chain being written: prev_np points at the next-payload byte of the
 * last item (the header's np for the outer chain), NULL before the first
 * item of a nested chain. */
struct isakmp_chain {
	struct wire_wr *w;
	uint8_t *prev_np;
	uint8_t *msg_start;
};

/* Writes the header and opens the outer chain. */
void isakmp_msg_begin(struct isakmp_chain *c, struct wire_wr *w, const struct isakmp_hdr *h);
/* Fixes the header length; returns the message length or -ENOBUFS. */
int isakmp_msg_end(struct isakmp_chain *c);
/* Opens a payload (links it from the previous item, writes the generic
 * header with a length to be fixed); returns its start for isakmp_pl_end. */
uint8_t *isakmp_pl_begin(struct isakmp_chain *c, uint8_t type);
void isakmp_pl_end(struct isakmp_chain *c, uint8_t *start);
/* A payload whose body is one opaque blob: KE, HASH, SIG, NONCE, VID,
 * NAT-D (any of its numbers). */
void isakmp_pl_blob(struct isakmp_chain *c, uint8_t type, const void *data, size_t len);

/* ---- simple payloads (payload.c) ---- */

/* Body length limits checked by isakmp_blob_check(). */
#define ISAKMP_NONCE_MIN 8
#define ISAKMP_NONCE_MAX 256
/* Checks the body of an opaque payload: KE, HASH, SIG, VID and NAT-D
 * non-empty, NONCE 8 to 256 bytes. */
int isakmp_blob_check(const struct isakmp_pl *pl);

/* ---- SA, proposal, transform, attributes (sa.c) ---- */

struct isakmp_sa {
	uint32_t doi;
	uint32_t sit;
	const uint8_t *props;   /* proposal chain */
	size_t props_len;
};
struct isakmp_prop {
	uint8_t num;
	uint8_t proto;
	uint8_t spi_size;
	uint8_t ntrans;
	const uint8_t *spi;
	const uint8_t *trans;   /* transform chain */
	size_t trans_len;
};
struct isakmp_trans {
	uint8_t num;
	uint8_t id;
	const uint8_t *attrs;
	size_t attrs_len;
};
struct isakmp_attr {
	uint16_t type;          /* without the AF bit */
	bool tv;                /* basic (TV) form */
	uint16_t tv_value;
	const uint8_t *value;   /* TLV value */
	size_t len;
};
/* Iteration over an already validated SA (isakmp_sa_parse checked the
 * whole structure, so the iterators cannot fail). */
struct isakmp_iter {
	struct wire_rd r;
};

/* Parses and validates an SA payload body: IPsec DOI with the
 * identity-only situation, proposal and transform chains with consistent
 * payload types, lengths, counts and attribute encodings. */
int isakmp_sa_parse(const struct isakmp_pl *pl, struct isakmp_sa *sa);
void isakmp_sa_props(const struct isakmp_sa *sa, struct isakmp_iter *it);
bool isakmp_next_prop(struct isakmp_iter *it, struct isakmp_prop *p);
void isakmp_prop_trans(const struct isakmp_prop *p, struct isakmp_iter *it);
bool isakmp_next_trans(struct isakmp_iter *it, struct isakmp_trans *t);
void isakmp_trans_attrs(const struct isakmp_trans *t, struct isakmp_iter *it);
bool isakmp_next_attr(struct isakmp_iter *it, struct isakmp_attr *a);
/* The value of an attribute as an integer: TV, or TLV of 1 to 8 bytes
 * whose value fits in 32 bits (leading zero bytes allowed). */
int isakmp_attr_u32(const struct isakmp_attr *a, uint32_t *v);

/* Decoded phase 1 transform. */
struct isakmp_p1_attrs {
	uint16_t enc, hash, auth, group, prf;
	uint16_t grp_type;
	uint32_t life_sec, life_kb;
	uint16_t keylen;        /* bits, 0 if absent */
	const uint8_t *gss_id;
	size_t gss_id_len;
};
/* Decodes phase 1 attributes: each at most once (life pairs aside), life
 * duration preceded by its type, enc/hash/auth/group all present, group
 * given only by description (private groups are refused). */
int isakmp_p1_decode(const struct isakmp_trans *t, struct isakmp_p1_attrs *a);

/* Decoded phase 2 (IPsec DOI) transform. */
struct isakmp_p2_attrs {
	uint16_t encmode;
	uint16_t auth;
	uint16_t group;
	uint16_t keylen;
	uint16_t key_rounds;
	uint16_t comp_dict;
	uint32_t life_sec, life_kb;
	bool has_encmode, has_auth;
};
int isakmp_p2_decode(const struct isakmp_trans *t, struct isakmp_p2_attrs *a);

/* SA builders. */
struct isakmp_sa_bld {
	struct isakmp_chain *outer;
	uint8_t *start;
	struct isakmp_chain props;
};
struct isakmp_prop_bld {
	struct isakmp_sa_bld *sa;
	uint8_t *start;
	uint8_t *ntrans;
	struct isakmp_chain trans;
};
struct isakmp_trans_bld {
	struct isakmp_prop_bld *prop;
	uint8_t *start;
};
void isakmp_sa_begin(struct isakmp_sa_bld *b, struct isakmp_chain *c, uint32_t doi, uint32_t sit);
void isakmp_sa_end(struct isakmp_sa_bld *b);
void isakmp_prop_begin(struct isakmp_prop_bld *p, struct isakmp_sa_bld *b, uint8_t num,
		       uint8_t proto, const void *spi, uint8_t spi_size);
void isakmp_prop_end(struct isakmp_prop_bld *p);
void isakmp_trans_begin(struct isakmp_trans_bld *t, struct isakmp_prop_bld *p, uint8_t num,
			uint8_t id);
void isakmp_trans_end(struct isakmp_trans_bld *t);
void isakmp_attr_tv(struct wire_wr *w, uint16_t type, uint16_t value);
void isakmp_attr_tlv(struct wire_wr *w, uint16_t type, const void *value, uint16_t len);
/* A 32-bit value in TLV form (racoon's form for life durations). */
void isakmp_attr_tlv32(struct wire_wr *w, uint16_t type, uint32_t value);

/* ---- identification (id.c) ---- */

struct isakmp_id {
	uint8_t type;
	uint8_t proto;          /* phase 2: IP protocol, 0 = any */
	uint16_t port;          /* phase 2: port, 0 = any */
	const uint8_t *data;
	size_t len;
};
/* Checks the data length of each type: 4/16 for addresses, 8/32 for
 * subnets and ranges, non-empty for names and key ids. */
int isakmp_id_parse(const struct isakmp_pl *pl, struct isakmp_id *id);
void isakmp_id_write(struct isakmp_chain *c, const struct isakmp_id *id);
/* Phase 1 form (RFC 2407 4.6.2): protocol and port both 0, or UDP with
 * port 0, 500 or 4500; the subnet and range types belong to phase 2.
 * Returns 0 or -EPROTO. */
int isakmp_id_check_phase1(const struct isakmp_id *id);
/* Address identities as prefixes: *_ADDR gives a full-length prefix,
 * *_SUBNET needs a contiguous mask; *_RANGE is refused (-ENOTSUP). */
int isakmp_id_to_prefix(const struct isakmp_id *id, struct ip_prefix *p);
/* The bounds of a range identity (or of an address/subnet). */
int isakmp_id_to_range(const struct isakmp_id *id, struct ip_addr *lo, struct ip_addr *hi);
/* Fills id from a prefix: ADDR when full length, SUBNET otherwise; buf
 * (32 bytes) holds the data. */
int isakmp_id_from_prefix(struct isakmp_id *id, const struct ip_prefix *p, uint8_t proto,
			  uint16_t port, uint8_t buf[32]);
const char *isakmp_id_type_name(uint8_t type);

/* ---- CERT and CR (cert.c) ---- */

struct isakmp_cert {
	uint8_t enc;
	const uint8_t *data;
	size_t len;
};
/* CERT needs data; CR may be empty (any CA). */
int isakmp_cert_parse(const struct isakmp_pl *pl, struct isakmp_cert *c);
int isakmp_cr_parse(const struct isakmp_pl *pl, struct isakmp_cert *c);
void isakmp_cert_write(struct isakmp_chain *c, uint8_t type, const struct isakmp_cert *cert);

/* ---- NOTIFY (notify.c) ---- */

struct isakmp_notify {
	uint32_t doi;
	uint8_t proto;
	uint8_t spi_size;
	uint16_t type;
	const uint8_t *spi;
	const uint8_t *data;
	size_t len;
};
int isakmp_notify_parse(const struct isakmp_pl *pl, struct isakmp_notify *n);
void isakmp_notify_write(struct isakmp_chain *c, const struct isakmp_notify *n);
const char *isakmp_notify_name(uint16_t type);
/* True for error types (1..16383). */
static inline bool isakmp_notify_is_error(uint16_t t) { return t > 0 && t < 16384; }
/* DPD (RFC 3706) R-U-THERE / ACK: SPI = the 16-byte cookie pair, data = a
 * 32-bit sequence number. */
int isakmp_dpd_parse(const struct isakmp_notify *n, const struct isakmp_hdr *h, uint32_t *seq);

/* ---- DELETE (delete.c) ---- */

struct isakmp_delete {
	uint32_t doi;
	uint8_t proto;
	uint8_t spi_size;
	uint16_t nspi;
	const uint8_t *spis;
};
/* SPI size 16 for ISAKMP, 4 for AH/ESP, 2 or 4 for IPComp; the length must
 * be exactly the SPIs. */
int isakmp_delete_parse(const struct isakmp_pl *pl, struct isakmp_delete *d);
void isakmp_delete_write(struct isakmp_chain *c, const struct isakmp_delete *d);
static inline const uint8_t *isakmp_delete_spi(const struct isakmp_delete *d, size_t i)
{
	return d->spis + i * d->spi_size;
}

/* ---- NAT-T (natt.c) ---- */

static inline bool isakmp_np_is_natd(uint8_t np)
{
	return np == ISAKMP_NP_NATD_RFC || np == ISAKMP_NP_NATD_DRAFT || np == ISAKMP_NP_NATD_BADDRAFT;
}
static inline bool isakmp_np_is_natoa(uint8_t np)
{
	return np == ISAKMP_NP_NATOA_RFC || np == ISAKMP_NP_NATOA_DRAFT ||
	       np == ISAKMP_NP_NATOA_BADDRAFT;
}
/* NAT-OA: ID type (IPv4 or IPv6 address), three reserved zero bytes, the
 * address. */
int isakmp_natoa_parse(const struct isakmp_pl *pl, struct ip_addr *a);
void isakmp_natoa_write(struct isakmp_chain *c, uint8_t type, const struct ip_addr *a);

/* ---- vendor IDs (vid.c) ---- */

enum isakmp_vid {
	ISAKMP_VID_UNKNOWN = 0,
	ISAKMP_VID_NATT_RFC,    /* MD5("RFC 3947") */
	ISAKMP_VID_NATT_00,     /* MD5("draft-ietf-ipsec-nat-t-ike-00") ... */
	ISAKMP_VID_NATT_01,
	ISAKMP_VID_NATT_02,
	ISAKMP_VID_NATT_02N,    /* ... "-02\n" */
	ISAKMP_VID_NATT_03,
	ISAKMP_VID_NATT_04,
	ISAKMP_VID_NATT_05,
	ISAKMP_VID_NATT_06,
	ISAKMP_VID_NATT_07,
	ISAKMP_VID_NATT_08,
	ISAKMP_VID_DPD,         /* RFC 3706 */
	ISAKMP_VID_FRAG,        /* MD5("FRAGMENTATION") + capability flags */
	ISAKMP_VID_XAUTH,       /* first 8 bytes of MD5 of the xauth-06 draft name */
	ISAKMP_VID_UNITY,       /* MD5("CISCO-UNITY"), last two bytes = version */
	ISAKMP_VID_COUNT
};
extern const uint8_t isakmp_vid_rfc3947[16];
extern const uint8_t isakmp_vid_dpd[16];
extern const uint8_t isakmp_vid_frag[16];
/* Recognises a VID body.  frag_caps (may be NULL) gets the fragmentation
 * capability flags (0 when the peer sent none). */
enum isakmp_vid isakmp_vid_classify(const uint8_t *body, size_t len, uint32_t *frag_caps);
/* Writes a VID payload as racoon sends it: the fragmentation VID with its
 * 4 capability bytes, XAUTH as 8 bytes, CISCO-UNITY version 1.0. */
void isakmp_vid_write(struct isakmp_chain *c, enum isakmp_vid v, uint32_t frag_caps);
const char *isakmp_vid_name(enum isakmp_vid v);

/* ---- IKE fragmentation (frag.c) ---- */

#define ISAKMP_FRAG_HDR_LEN 8   /* generic header + id, index, flags */
#define ISAKMP_FRAG_LAST 0x01
#define ISAKMP_FRAG_MAX_COUNT 64     /* most fragments of one message */
#define ISAKMP_FRAG_MAX_TOTAL 65535u /* most reassembled bytes */
/* Capability flags after the fragmentation VID. */
#define ISAKMP_FRAG_CAP_MAIN_AGG 0x80000000u
#define ISAKMP_FRAG_CAP_BASE 0x40000000u

struct isakmp_frag {
	uint16_t id;
	uint8_t index;          /* 1-based */
	uint8_t flags;
	const uint8_t *data;
	size_t len;
};
/* Parses a fragment datagram: a header with np 132 (E flag ignored: the
 * fragment itself is clear) and exactly one fragment payload with at least
 * one byte of data, index 1 to ISAKMP_FRAG_MAX_COUNT and only the LAST flag. */
int isakmp_frag_parse(const uint8_t *buf, size_t len, struct isakmp_hdr *h,
		      struct isakmp_frag *f);
/* Number of fragments of msglen bytes for a packet size of mtu. */
size_t isakmp_frag_count(size_t msglen, size_t mtu);
/* Writes fragment index (1-based) of msg, a whole ISAKMP message, as a
 * packet of at most mtu bytes: msg's header with np 132 and its own
 * length (racoon keeps the flags), then one fragment payload.  Returns the
 * packet length or -errno. */
int isakmp_frag_build(struct wire_wr *w, const uint8_t *msg, size_t msglen, size_t mtu,
		      uint16_t frag_id, uint8_t index);

/* Reassembly of one fragmented message, keyed by cookies and fragment id.
 * Fragments are copied in (their packets are transient).  Duplicates of
 * a fragment with the same bytes are ignored (retransmission); a second
 * last fragment, an index beyond the last or beyond ISAKMP_FRAG_MAX_COUNT,
 * a duplicate index with other bytes, or too many bytes are refused. */
struct isakmp_reasm {
	bool active;
	uint8_t icookie[ISAKMP_COOKIE_LEN];
	uint8_t rcookie[ISAKMP_COOKIE_LEN];
	uint16_t id;
	uint8_t last;           /* index of the last fragment, 0 if unseen */
	uint8_t count;          /* fragments held */
	uint64_t have;          /* bit i-1 set when index i is held */
	size_t used;
	size_t max_total;
	struct { uint16_t off, len; } slot[ISAKMP_FRAG_MAX_COUNT];
	uint8_t data[ISAKMP_FRAG_MAX_TOTAL];
};
/* max_total: most bytes reassembled (at most ISAKMP_FRAG_MAX_TOTAL). */
void isakmp_reasm_init(struct isakmp_reasm *r, size_t max_total);
void isakmp_reasm_reset(struct isakmp_reasm *r);
/* Adds a fragment of message h.  Returns -EAGAIN while incomplete, the
 * length of the reassembled message (written into out, outcap bytes) when
 * complete (the buffer is then reset), -ESRCH when the cookies do not
 * match the message being reassembled, or another -errno. */
int isakmp_reasm_add(struct isakmp_reasm *r, const struct isakmp_hdr *h,
		     const struct isakmp_frag *f, uint8_t *out, size_t outcap);

/* ---- required payloads (validate.c) ---- */

/* Checks that a parsed (decrypted) message carries what its exchange and
 * position require and nothing twice that must be unique: e.g. aggressive
 * mode's first message needs SA, KE, NONCE and ID; quick mode needs HASH
 * first.  Returns 0 or -EBADMSG. */
int isakmp_validate(const struct isakmp_msg *m, unsigned msgno);

#endif
