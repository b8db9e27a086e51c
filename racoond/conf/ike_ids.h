/* Identifiers the configuration stores for algorithms, groups and modes.
 *
 * They are the numbers the wire uses, so the proposal builder maps nothing:
 *  - phase 1 (RFC 2409 appendix A, Oakley attribute values): encryption
 *    algorithm, hash algorithm, authentication method, group description;
 *    hybrid (draft-ietf-ipsec-isakmp-hybrid-auth) and XAUTH
 *    (draft-beaulieu-ike-xauth) methods use their private-range numbers;
 *  - phase 2 (IPsec DOI, RFC 2407): ESP transform identifiers, the
 *    "authentication algorithm" SA attribute, IPCOMP transform identifiers;
 *  - exchange types (RFC 2408 section 3.1) and DOI / situation (RFC 2407).
 * The name tables (names.c) give the racoon.conf spelling of each. */
#ifndef RACOOND_CONF_IKE_IDS_H
#define RACOOND_CONF_IKE_IDS_H

#include <stdint.h>

/* Exchange types (ISAKMP header). */
enum ike_exchange {
	IKE_XCHG_BASE = 1,
	IKE_XCHG_MAIN = 2,            /* identity protection */
	IKE_XCHG_AGGRESSIVE = 4,
};

#define IKE_DOI_IPSEC 1
#define IKE_SIT_IDENTITY_ONLY 1
#define IKE_SIT_SECRECY 2
#define IKE_SIT_INTEGRITY 4

/* Phase 1 encryption algorithm attribute (class 1). */
enum ike_p1_enc {
	IKE_P1_ENC_DES = 1,
	IKE_P1_ENC_IDEA = 2,
	IKE_P1_ENC_BLOWFISH = 3,
	IKE_P1_ENC_RC5 = 4,
	IKE_P1_ENC_3DES = 5,
	IKE_P1_ENC_CAST = 6,
	IKE_P1_ENC_AES = 7,
	IKE_P1_ENC_CAMELLIA = 8,
};

/* Phase 1 hash algorithm attribute (class 2). */
enum ike_p1_hash {
	IKE_P1_HASH_MD5 = 1,
	IKE_P1_HASH_SHA1 = 2,
	IKE_P1_HASH_TIGER = 3,
	IKE_P1_HASH_SHA256 = 4,
	IKE_P1_HASH_SHA384 = 5,
	IKE_P1_HASH_SHA512 = 6,
};

/* Phase 1 authentication method attribute (class 3). */
enum ike_p1_auth {
	IKE_P1_AUTH_PSK = 1,
	IKE_P1_AUTH_DSS = 2,
	IKE_P1_AUTH_RSASIG = 3,
	IKE_P1_AUTH_RSAENC = 4,
	IKE_P1_AUTH_RSAREV = 5,
	IKE_P1_AUTH_HYBRID_RSA_I = 64221,   /* hybrid_rsa_client */
	IKE_P1_AUTH_HYBRID_RSA_R = 64222,   /* hybrid_rsa_server */
	IKE_P1_AUTH_HYBRID_DSS_I = 64223,   /* hybrid_dss_client */
	IKE_P1_AUTH_HYBRID_DSS_R = 64224,   /* hybrid_dss_server */
	IKE_P1_AUTH_XAUTH_PSK_I = 65001,    /* xauth_psk_client */
	IKE_P1_AUTH_XAUTH_PSK_R = 65002,    /* xauth_psk_server */
	IKE_P1_AUTH_XAUTH_RSA_I = 65005,    /* xauth_rsa_client */
	IKE_P1_AUTH_XAUTH_RSA_R = 65006,    /* xauth_rsa_server */
	/* gssapi_krb goes on the wire as 65001 too; kept apart here by a
	 * value outside the 16-bit attribute range. */
	IKE_P1_AUTH_GSSAPI_KRB = 0x10000 + 65001,
};

/* Group description (class 4): MODP groups of RFC 2409 and RFC 3526. */
enum ike_dh_group {
	IKE_DH_NONE = 0,
	IKE_DH_MODP768 = 1,
	IKE_DH_MODP1024 = 2,
	IKE_DH_EC2N155 = 3,           /* named by racoon, never implemented */
	IKE_DH_EC2N185 = 4,
	IKE_DH_MODP1536 = 5,
	IKE_DH_MODP2048 = 14,
	IKE_DH_MODP3072 = 15,
	IKE_DH_MODP4096 = 16,
	IKE_DH_MODP6144 = 17,
	IKE_DH_MODP8192 = 18,
};

/* Phase 2 ESP transform identifiers (RFC 2407 4.4.4). */
enum ipsec_esp_id {
	IPSEC_ESP_DES_IV64 = 1,
	IPSEC_ESP_DES = 2,
	IPSEC_ESP_3DES = 3,
	IPSEC_ESP_RC5 = 4,
	IPSEC_ESP_IDEA = 5,
	IPSEC_ESP_CAST = 6,
	IPSEC_ESP_BLOWFISH = 7,
	IPSEC_ESP_3IDEA = 8,
	IPSEC_ESP_DES_IV32 = 9,
	IPSEC_ESP_RC4 = 10,
	IPSEC_ESP_NULL = 11,
	IPSEC_ESP_AES = 12,
	IPSEC_ESP_CAMELLIA = 22,
	IPSEC_ESP_TWOFISH = 253,
};

/* Phase 2 "authentication algorithm" SA attribute (RFC 2407 4.5).
 * non_auth (no authentication) is 0: it has no attribute value. */
enum ipsec_auth_alg {
	IPSEC_AUTH_NONE = 0,
	IPSEC_AUTH_HMAC_MD5 = 1,
	IPSEC_AUTH_HMAC_SHA1 = 2,
	IPSEC_AUTH_DES_MAC = 3,
	IPSEC_AUTH_KPDK = 4,
	IPSEC_AUTH_HMAC_SHA256 = 5,
	IPSEC_AUTH_HMAC_SHA384 = 6,
	IPSEC_AUTH_HMAC_SHA512 = 7,
};

/* IPCOMP transform identifiers (RFC 2407 4.4.5). */
enum ipsec_ipcomp_id {
	IPSEC_IPCOMP_OUI = 1,
	IPSEC_IPCOMP_DEFLATE = 2,
	IPSEC_IPCOMP_LZS = 3,
};

#endif
