/* Name tables of racoon.conf values; the numbers are the wire's (ike_ids.h). */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "racoond/conf/conf.h"
#include "racoond/conf/ike_ids.h"
#include "racoond/conf/names.h"

const struct rc_name rc_names_xchg[] = {
	{ "main", IKE_XCHG_MAIN }, { "aggressive", IKE_XCHG_AGGRESSIVE },
	{ "base", IKE_XCHG_BASE }, { NULL, 0 },
};

const struct rc_name rc_names_p1_enc[] = {
	{ "des", IKE_P1_ENC_DES }, { "idea", IKE_P1_ENC_IDEA },
	{ "blowfish", IKE_P1_ENC_BLOWFISH }, { "rc5", IKE_P1_ENC_RC5 },
	{ "3des", IKE_P1_ENC_3DES }, { "cast128", IKE_P1_ENC_CAST },
	{ "aes", IKE_P1_ENC_AES }, { "rijndael", IKE_P1_ENC_AES },
	{ "camellia", IKE_P1_ENC_CAMELLIA }, { NULL, 0 },
};

const struct rc_name rc_names_p1_hash[] = {
	{ "md5", IKE_P1_HASH_MD5 }, { "sha1", IKE_P1_HASH_SHA1 },
	{ "tiger", IKE_P1_HASH_TIGER },
	{ "sha256", IKE_P1_HASH_SHA256 }, { "sha2_256", IKE_P1_HASH_SHA256 },
	{ "sha384", IKE_P1_HASH_SHA384 }, { "sha2_384", IKE_P1_HASH_SHA384 },
	{ "sha512", IKE_P1_HASH_SHA512 }, { "sha2_512", IKE_P1_HASH_SHA512 },
	{ NULL, 0 },
};

const struct rc_name rc_names_p1_auth[] = {
	{ "pre_shared_key", IKE_P1_AUTH_PSK }, { "dsssig", IKE_P1_AUTH_DSS },
	{ "rsasig", IKE_P1_AUTH_RSASIG }, { "rsaenc", IKE_P1_AUTH_RSAENC },
	{ "rsarev", IKE_P1_AUTH_RSAREV }, { "gssapi_krb", IKE_P1_AUTH_GSSAPI_KRB },
	{ "hybrid_rsa_server", IKE_P1_AUTH_HYBRID_RSA_R },
	{ "hybrid_rsa_client", IKE_P1_AUTH_HYBRID_RSA_I },
	{ "hybrid_dss_server", IKE_P1_AUTH_HYBRID_DSS_R },
	{ "hybrid_dss_client", IKE_P1_AUTH_HYBRID_DSS_I },
	{ "xauth_psk_server", IKE_P1_AUTH_XAUTH_PSK_R },
	{ "xauth_psk_client", IKE_P1_AUTH_XAUTH_PSK_I },
	{ "xauth_rsa_server", IKE_P1_AUTH_XAUTH_RSA_R },
	{ "xauth_rsa_client", IKE_P1_AUTH_XAUTH_RSA_I },
	{ NULL, 0 },
};

const struct rc_name rc_names_dh[] = {
	{ "modp768", IKE_DH_MODP768 }, { "modp1024", IKE_DH_MODP1024 },
	{ "ec2n155", IKE_DH_EC2N155 }, { "ec2n185", IKE_DH_EC2N185 },
	{ "modp1536", IKE_DH_MODP1536 }, { "modp2048", IKE_DH_MODP2048 },
	{ "modp3072", IKE_DH_MODP3072 }, { "modp4096", IKE_DH_MODP4096 },
	{ "modp6144", IKE_DH_MODP6144 }, { "modp8192", IKE_DH_MODP8192 },
	{ NULL, 0 },
};

const struct rc_name rc_names_esp[] = {
	{ "des", IPSEC_ESP_DES }, { "3des", IPSEC_ESP_3DES },
	{ "des_iv64", IPSEC_ESP_DES_IV64 }, { "des_iv32", IPSEC_ESP_DES_IV32 },
	{ "rc5", IPSEC_ESP_RC5 }, { "rc4", IPSEC_ESP_RC4 }, { "idea", IPSEC_ESP_IDEA },
	{ "3idea", IPSEC_ESP_3IDEA }, { "cast128", IPSEC_ESP_CAST },
	{ "blowfish", IPSEC_ESP_BLOWFISH }, { "null_enc", IPSEC_ESP_NULL },
	{ "null", IPSEC_ESP_NULL }, { "twofish", IPSEC_ESP_TWOFISH },
	{ "aes", IPSEC_ESP_AES }, { "rijndael", IPSEC_ESP_AES },
	{ "camellia", IPSEC_ESP_CAMELLIA }, { NULL, 0 },
};

const struct rc_name rc_names_auth_alg[] = {
	{ "hmac_md5", IPSEC_AUTH_HMAC_MD5 }, { "hmac_sha1", IPSEC_AUTH_HMAC_SHA1 },
	{ "hmac_sha256", IPSEC_AUTH_HMAC_SHA256 }, { "hmac_sha2_256", IPSEC_AUTH_HMAC_SHA256 },
	{ "hmac_sha384", IPSEC_AUTH_HMAC_SHA384 }, { "hmac_sha2_384", IPSEC_AUTH_HMAC_SHA384 },
	{ "hmac_sha512", IPSEC_AUTH_HMAC_SHA512 }, { "hmac_sha2_512", IPSEC_AUTH_HMAC_SHA512 },
	{ "des_mac", IPSEC_AUTH_DES_MAC }, { "kpdk", IPSEC_AUTH_KPDK },
	{ "non_auth", IPSEC_AUTH_NONE }, { NULL, 0 },
};

const struct rc_name rc_names_ipcomp[] = {
	{ "deflate", IPSEC_IPCOMP_DEFLATE }, { "oui", IPSEC_IPCOMP_OUI },
	{ "lzs", IPSEC_IPCOMP_LZS }, { NULL, 0 },
};

/* "any" is 0, as the protocol field of an IKE ID payload says it. */
const struct rc_name rc_names_ulproto[] = {
	{ "any", 0 }, { "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "gre", 47 },
	{ "esp", 50 }, { "ah", 51 }, { "icmp6", 58 }, { "ipv6-icmp", 58 },
	{ "ipcomp", 108 }, { "mh", 135 }, { "ipv6-mh", 135 }, { NULL, 0 },
};

const struct rc_name rc_names_log[] = {
	{ "error", RC_LOG_ERROR }, { "warning", RC_LOG_WARNING },
	{ "notify", RC_LOG_NOTIFY }, { "info", RC_LOG_INFO },
	{ "notice", RC_LOG_NOTIFY }, { "debug", RC_LOG_DEBUG },
	{ "debug2", RC_LOG_DEBUG2 }, { NULL, 0 },
};

const struct rc_name rc_names_path[] = {
	{ "include", RC_PATH_INCLUDE }, { "pre_shared_key", RC_PATH_PSK },
	{ "certificate", RC_PATH_CERT }, { "certificates", RC_PATH_CERT },
	{ "script", RC_PATH_SCRIPT }, { "backupsa", RC_PATH_BACKUPSA },
	{ "pidfile", RC_PATH_PIDFILE }, { NULL, 0 },
};

const struct rc_name rc_names_idtype[] = {
	{ "address", RC_ID_ADDRESS }, { "fqdn", RC_ID_FQDN },
	{ "user_fqdn", RC_ID_USER_FQDN }, { "keyid", RC_ID_KEYID },
	{ "asn1dn", RC_ID_ASN1DN }, { "subnet", RC_ID_SUBNET }, { NULL, 0 },
};

const struct rc_name rc_names_prop_check[] = {
	{ "obey", RC_PC_OBEY }, { "strict", RC_PC_STRICT }, { "claim", RC_PC_CLAIM },
	{ "exact", RC_PC_EXACT }, { NULL, 0 },
};

const struct rc_name rc_names_script[] = {
	{ "phase1_up", RC_SCRIPT_PHASE1_UP }, { "phase1_down", RC_SCRIPT_PHASE1_DOWN },
	{ "phase1_dead", RC_SCRIPT_PHASE1_DEAD }, { NULL, 0 },
};

/* Multipliers to seconds. */
const struct rc_name rc_names_time_unit[] = {
	{ "sec", 1 }, { "secs", 1 }, { "second", 1 }, { "seconds", 1 },
	{ "min", 60 }, { "mins", 60 }, { "minute", 60 }, { "minutes", 60 },
	{ "hour", 3600 }, { "hours", 3600 }, { NULL, 0 },
};

int rc_name_lookup(const struct rc_name *t, const char *s, unsigned *v)
{
	for (; t->name; t++) {
		if (strcmp(t->name, s) == 0) {
			*v = t->value;
			return 0;
		}
	}
	return -ENOENT;
}

const char *rc_name_of(const struct rc_name *t, unsigned v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	return NULL;
}

static bool keylen_in(unsigned k, unsigned lo, unsigned hi, unsigned step)
{
	return k >= lo && k <= hi && (k - lo) % step == 0;
}

bool rc_p1_keylen_ok(unsigned enc, unsigned k)
{
	switch (enc) {
	case IKE_P1_ENC_AES:
	case IKE_P1_ENC_CAMELLIA:
		return k == 128 || k == 192 || k == 256;
	case IKE_P1_ENC_BLOWFISH:
		return keylen_in(k, 40, 448, 8);
	case IKE_P1_ENC_CAST:
		return keylen_in(k, 40, 128, 8);
	case IKE_P1_ENC_RC5:
		return keylen_in(k, 40, 2040, 8);
	default:
		return false;        /* fixed key length: none may be written */
	}
}

bool rc_esp_keylen_ok(unsigned esp, unsigned k)
{
	switch (esp) {
	case IPSEC_ESP_AES:
	case IPSEC_ESP_CAMELLIA:
	case IPSEC_ESP_TWOFISH:
		return k == 128 || k == 192 || k == 256;
	case IPSEC_ESP_BLOWFISH:
		return keylen_in(k, 40, 448, 8);
	case IPSEC_ESP_CAST:
		return keylen_in(k, 40, 128, 8);
	case IPSEC_ESP_RC5:
		return keylen_in(k, 40, 2040, 8);
	default:
		return false;
	}
}

bool rc_dh_known(unsigned g)
{
	return g == 1 || g == 2 || g == 5 || (g >= 14 && g <= 18);
}
