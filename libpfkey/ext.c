/* Typed access to the extensions of a parsed PF_KEY message, and the names
 * of message and extension types. */
#include "libpfkey/pfkey.h"
#include "libpfkey/sockaddr.h"

#include <string.h>
#include <sys/socket.h>

size_t pfkey_sockaddr_len(sa_family_t family)
{
	if (family == AF_INET)
		return sizeof(struct sockaddr_in);
	if (family == AF_INET6)
		return sizeof(struct sockaddr_in6);
	return 0;
}

void pfkey_sockaddr_get(const uint8_t *p, struct ip_addr *a, uint16_t *port)
{
	struct sockaddr_storage ss;
	sa_family_t fam;
	size_t salen;

	memcpy(&fam, p, sizeof(fam));
	salen = pfkey_sockaddr_len(fam);
	memset(&ss, 0, sizeof(ss));
	memset(a, 0, sizeof(*a));
	if (port)
		*port = 0;
	if (salen == 0)
		return;
	memcpy(&ss, p, salen);
	addr_from_sockaddr(a, port, (const struct sockaddr *)&ss, (socklen_t)salen);
}

void pfkey_address_get(const struct sadb_address *ext, struct ip_addr *a, uint16_t *port)
{
	pfkey_sockaddr_get((const uint8_t *)ext + sizeof(*ext), a, port);
}

const uint8_t *pfkey_key_data(const struct sadb_key *k, size_t *len)
{
	*len = ((size_t)k->sadb_key_bits + 7) / 8;
	return (const uint8_t *)k + sizeof(*k);
}

const uint8_t *pfkey_sec_ctx_data(const struct sadb_x_sec_ctx *c, size_t *len)
{
	*len = c->sadb_x_ctx_len;
	return (const uint8_t *)c + sizeof(*c);
}

void pfkey_kmaddress_get(const struct sadb_x_kmaddress *k, struct ip_addr *local, struct ip_addr *remote)
{
	const uint8_t *p = (const uint8_t *)k + sizeof(*k);
	sa_family_t fam;

	memcpy(&fam, p, sizeof(fam));
	pfkey_sockaddr_get(p, local, NULL);
	pfkey_sockaddr_get(p + pfkey_sockaddr_len(fam), remote, NULL);
}

size_t pfkey_prop_count(const struct sadb_prop *p)
{
	return ((size_t)p->sadb_prop_len * 8 - sizeof(*p)) / sizeof(struct sadb_comb);
}

const struct sadb_comb *pfkey_prop_comb(const struct sadb_prop *p, size_t i)
{
	return (const struct sadb_comb *)((const uint8_t *)p + sizeof(*p) + i * sizeof(struct sadb_comb));
}

size_t pfkey_supported_count(const struct sadb_supported *s)
{
	return ((size_t)s->sadb_supported_len * 8 - sizeof(*s)) / sizeof(struct sadb_alg);
}

const struct sadb_alg *pfkey_supported_alg(const struct sadb_supported *s, size_t i)
{
	return (const struct sadb_alg *)((const uint8_t *)s + sizeof(*s) + i * sizeof(struct sadb_alg));
}

bool pfkey_policy_next(const struct sadb_x_policy *p, size_t *pos, struct pfkey_ipsecreq *r)
{
	const uint8_t *base = (const uint8_t *)p;
	size_t len = (size_t)p->sadb_x_policy_len * 8;
	const struct sadb_x_ipsecrequest *q;

	if (*pos == 0)
		*pos = sizeof(*p);
	if (*pos + sizeof(*q) > len)
		return false;
	q = (const struct sadb_x_ipsecrequest *)(base + *pos);
	memset(r, 0, sizeof(*r));
	r->req = q;
	r->proto = q->sadb_x_ipsecrequest_proto;
	r->mode = q->sadb_x_ipsecrequest_mode;
	r->level = q->sadb_x_ipsecrequest_level;
	r->reqid = q->sadb_x_ipsecrequest_reqid;
	if (q->sadb_x_ipsecrequest_len > sizeof(*q)) {
		const uint8_t *sa = base + *pos + sizeof(*q);
		sa_family_t fam;

		memcpy(&fam, sa, sizeof(fam));
		r->has_addrs = true;
		pfkey_sockaddr_get(sa, &r->src, &r->sport);
		pfkey_sockaddr_get(sa + pfkey_sockaddr_len(fam), &r->dst, &r->dport);
	}
	*pos += q->sadb_x_ipsecrequest_len;
	return true;
}

size_t pfkey_policy_count(const struct sadb_x_policy *p)
{
	struct pfkey_ipsecreq r;
	size_t pos = 0, n = 0;

	while (pfkey_policy_next(p, &pos, &r))
		n++;
	return n;
}

static const char *const msg_names[SADB_MAX + 1] = {
	[SADB_GETSPI] = "SADB_GETSPI", [SADB_UPDATE] = "SADB_UPDATE", [SADB_ADD] = "SADB_ADD",
	[SADB_DELETE] = "SADB_DELETE", [SADB_GET] = "SADB_GET", [SADB_ACQUIRE] = "SADB_ACQUIRE",
	[SADB_REGISTER] = "SADB_REGISTER", [SADB_EXPIRE] = "SADB_EXPIRE",
	[SADB_FLUSH] = "SADB_FLUSH", [SADB_DUMP] = "SADB_DUMP",
	[SADB_X_PROMISC] = "SADB_X_PROMISC", [SADB_X_PCHANGE] = "SADB_X_PCHANGE",
	[SADB_X_SPDUPDATE] = "SADB_X_SPDUPDATE", [SADB_X_SPDADD] = "SADB_X_SPDADD",
	[SADB_X_SPDDELETE] = "SADB_X_SPDDELETE", [SADB_X_SPDGET] = "SADB_X_SPDGET",
	[SADB_X_SPDACQUIRE] = "SADB_X_SPDACQUIRE", [SADB_X_SPDDUMP] = "SADB_X_SPDDUMP",
	[SADB_X_SPDFLUSH] = "SADB_X_SPDFLUSH", [SADB_X_SPDSETIDX] = "SADB_X_SPDSETIDX",
	[SADB_X_SPDEXPIRE] = "SADB_X_SPDEXPIRE", [SADB_X_SPDDELETE2] = "SADB_X_SPDDELETE2",
	[SADB_X_NAT_T_NEW_MAPPING] = "SADB_X_NAT_T_NEW_MAPPING", [SADB_X_MIGRATE] = "SADB_X_MIGRATE",
};

static const char *const ext_names[PFKEY_EXT_MAX + 1] = {
	[SADB_EXT_SA] = "SADB_EXT_SA", [SADB_EXT_LIFETIME_CURRENT] = "SADB_EXT_LIFETIME_CURRENT",
	[SADB_EXT_LIFETIME_HARD] = "SADB_EXT_LIFETIME_HARD",
	[SADB_EXT_LIFETIME_SOFT] = "SADB_EXT_LIFETIME_SOFT",
	[SADB_EXT_ADDRESS_SRC] = "SADB_EXT_ADDRESS_SRC", [SADB_EXT_ADDRESS_DST] = "SADB_EXT_ADDRESS_DST",
	[SADB_EXT_ADDRESS_PROXY] = "SADB_EXT_ADDRESS_PROXY", [SADB_EXT_KEY_AUTH] = "SADB_EXT_KEY_AUTH",
	[SADB_EXT_KEY_ENCRYPT] = "SADB_EXT_KEY_ENCRYPT",
	[SADB_EXT_IDENTITY_SRC] = "SADB_EXT_IDENTITY_SRC", [SADB_EXT_IDENTITY_DST] = "SADB_EXT_IDENTITY_DST",
	[SADB_EXT_SENSITIVITY] = "SADB_EXT_SENSITIVITY", [SADB_EXT_PROPOSAL] = "SADB_EXT_PROPOSAL",
	[SADB_EXT_SUPPORTED_AUTH] = "SADB_EXT_SUPPORTED_AUTH",
	[SADB_EXT_SUPPORTED_ENCRYPT] = "SADB_EXT_SUPPORTED_ENCRYPT",
	[SADB_EXT_SPIRANGE] = "SADB_EXT_SPIRANGE", [SADB_X_EXT_KMPRIVATE] = "SADB_X_EXT_KMPRIVATE",
	[SADB_X_EXT_POLICY] = "SADB_X_EXT_POLICY", [SADB_X_EXT_SA2] = "SADB_X_EXT_SA2",
	[SADB_X_EXT_NAT_T_TYPE] = "SADB_X_EXT_NAT_T_TYPE", [SADB_X_EXT_NAT_T_SPORT] = "SADB_X_EXT_NAT_T_SPORT",
	[SADB_X_EXT_NAT_T_DPORT] = "SADB_X_EXT_NAT_T_DPORT", [SADB_X_EXT_NAT_T_OA] = "SADB_X_EXT_NAT_T_OA",
	[SADB_X_EXT_SEC_CTX] = "SADB_X_EXT_SEC_CTX", [SADB_X_EXT_KMADDRESS] = "SADB_X_EXT_KMADDRESS",
	[SADB_X_EXT_FILTER] = "SADB_X_EXT_FILTER",
};

const char *pfkey_msg_type_name(unsigned type)
{
	return type <= SADB_MAX ? msg_names[type] : NULL;
}

const char *pfkey_ext_type_name(unsigned type)
{
	return type <= PFKEY_EXT_MAX ? ext_names[type] : NULL;
}
