/* Raw PF_KEY message dumps for setkey -v and -x. */
#include "libpfkey/setkey/kdebug.h"
#include "libpfkey/pfkey.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

static void print_addr_ext(FILE *f, const struct sadb_address *a)
{
	struct ip_addr ip;
	uint16_t port;
	char b[ADDR_STRLEN];

	pfkey_address_get(a, &ip, &port);
	fprintf(f, "sadb_address{ exttype=%u(%s) proto=%u prefixlen=%u addr=%s port=%u }\n",
		a->sadb_address_exttype, pfkey_ext_type_name(a->sadb_address_exttype),
		a->sadb_address_proto, a->sadb_address_prefixlen, addr_fmt(&ip, b, sizeof(b)), port);
}

static void print_lifetime(FILE *f, const struct sadb_lifetime *l)
{
	fprintf(f, "sadb_lifetime{ exttype=%u(%s) allocations=%u bytes=%" PRIu64 " addtime=%" PRIu64
		" usetime=%" PRIu64 " }\n", l->sadb_lifetime_exttype,
		pfkey_ext_type_name(l->sadb_lifetime_exttype), l->sadb_lifetime_allocations,
		(uint64_t)l->sadb_lifetime_bytes, (uint64_t)l->sadb_lifetime_addtime,
		(uint64_t)l->sadb_lifetime_usetime);
}

static void print_policy(FILE *f, const struct sadb_x_policy *p)
{
	struct pfkey_ipsecreq r;
	size_t pos = 0;

	fprintf(f, "sadb_x_policy{ type=%u dir=%u id=%u priority=%u }\n", p->sadb_x_policy_type,
		p->sadb_x_policy_dir, p->sadb_x_policy_id, p->sadb_x_policy_priority);
	while (pfkey_policy_next(p, &pos, &r)) {
		char s[ADDR_STRLEN], d[ADDR_STRLEN];

		fprintf(f, "  sadb_x_ipsecrequest{ proto=%u mode=%u level=%u reqid=%u", r.proto, r.mode,
			r.level, r.reqid);
		if (r.has_addrs)
			fprintf(f, " src=%s dst=%s", addr_fmt(&r.src, s, sizeof(s)), addr_fmt(&r.dst, d, sizeof(d)));
		fprintf(f, " }\n");
	}
}

static void print_ext(FILE *f, const struct pfkey_msg *m, unsigned t)
{
	const struct sadb_ext *e = m->ext[t];
	char l[ADDR_STRLEN], r[ADDR_STRLEN];

	switch (t) {
	case SADB_EXT_SA:
		fprintf(f, "sadb_sa{ spi=0x%08x replay=%u state=%u auth=%u encrypt=%u flags=0x%08x }\n",
			ntohl(m->sa->sadb_sa_spi), m->sa->sadb_sa_replay, m->sa->sadb_sa_state,
			m->sa->sadb_sa_auth, m->sa->sadb_sa_encrypt, m->sa->sadb_sa_flags);
		break;
	case SADB_EXT_LIFETIME_CURRENT:
	case SADB_EXT_LIFETIME_HARD:
	case SADB_EXT_LIFETIME_SOFT:
		print_lifetime(f, (const struct sadb_lifetime *)e);
		break;
	case SADB_EXT_ADDRESS_SRC:
	case SADB_EXT_ADDRESS_DST:
	case SADB_EXT_ADDRESS_PROXY:
	case SADB_X_EXT_NAT_T_OA:
		print_addr_ext(f, (const struct sadb_address *)e);
		break;
	case SADB_EXT_KEY_AUTH:
	case SADB_EXT_KEY_ENCRYPT:
		/* Key bytes stay out of logs. */
		fprintf(f, "sadb_key{ exttype=%u(%s) bits=%u }\n", t, pfkey_ext_type_name(t),
			((const struct sadb_key *)e)->sadb_key_bits);
		break;
	case SADB_X_EXT_POLICY:
		print_policy(f, m->policy);
		break;
	case SADB_X_EXT_SA2:
		fprintf(f, "sadb_x_sa2{ mode=%u reqid=%u sequence=%u }\n", m->sa2->sadb_x_sa2_mode,
			m->sa2->sadb_x_sa2_reqid, m->sa2->sadb_x_sa2_sequence);
		break;
	case SADB_X_EXT_NAT_T_TYPE:
		fprintf(f, "sadb_x_nat_t_type{ type=%u }\n", m->nat_t_type->sadb_x_nat_t_type_type);
		break;
	case SADB_X_EXT_NAT_T_SPORT:
	case SADB_X_EXT_NAT_T_DPORT:
		fprintf(f, "sadb_x_nat_t_port{ exttype=%u(%s) port=%u }\n", t, pfkey_ext_type_name(t),
			ntohs(((const struct sadb_x_nat_t_port *)e)->sadb_x_nat_t_port_port));
		break;
	case SADB_X_EXT_KMADDRESS: {
		struct ip_addr la, ra;

		pfkey_kmaddress_get(m->kmaddress, &la, &ra);
		fprintf(f, "sadb_x_kmaddress{ reserved=0x%08x }\n  local=%s remote=%s\n",
			m->kmaddress->sadb_x_kmaddress_reserved, addr_fmt(&la, l, sizeof(l)),
			addr_fmt(&ra, r, sizeof(r)));
		break;
	}
	case SADB_EXT_SPIRANGE:
		fprintf(f, "sadb_spirange{ min=0x%08x max=0x%08x }\n", m->spirange->sadb_spirange_min,
			m->spirange->sadb_spirange_max);
		break;
	case SADB_EXT_PROPOSAL:
		fprintf(f, "sadb_prop{ replay=%u combs=%zu }\n", m->proposal->sadb_prop_replay,
			pfkey_prop_count(m->proposal));
		break;
	case SADB_EXT_SUPPORTED_AUTH:
	case SADB_EXT_SUPPORTED_ENCRYPT:
		fprintf(f, "sadb_supported{ exttype=%u(%s) algs=%zu }\n", t, pfkey_ext_type_name(t),
			pfkey_supported_count((const struct sadb_supported *)e));
		break;
	default:
		fprintf(f, "sadb_ext{ len=%u type=%u(%s) }\n", e->sadb_ext_len, t, pfkey_ext_type_name(t));
		break;
	}
}

void kdebug_print(FILE *f, const void *msg, size_t len)
{
	const struct sadb_msg *h = msg;
	struct pfkey_msg m;
	const char *name;
	unsigned t;
	int rc;

	if (len < sizeof(*h)) {
		fprintf(f, "short PF_KEY message (%zu bytes)\n", len);
		return;
	}
	name = pfkey_msg_type_name(h->sadb_msg_type);
	fprintf(f, "sadb_msg{ version=%u type=%u(%s) errno=%u satype=%u\n  len=%u reserved=%u seq=%u pid=%u\n}\n",
		h->sadb_msg_version, h->sadb_msg_type, name ? name : "?", h->sadb_msg_errno,
		h->sadb_msg_satype, h->sadb_msg_len, h->sadb_msg_reserved, h->sadb_msg_seq, h->sadb_msg_pid);
	rc = pfkey_parse(msg, len, &m);
	if (rc < 0) {
		fprintf(f, "malformed: %s\n", strerror(-rc));
		return;
	}
	for (t = 1; t <= PFKEY_EXT_MAX; t++)
		if (m.ext[t])
			print_ext(f, &m, t);
}

void kdebug_hexdump(FILE *f, const void *msg, size_t len)
{
	const uint8_t *p = msg;
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(f, "%02x%s", p[i], (i % 16 == 15 || i + 1 == len) ? "\n" : (i % 4 == 3 ? "  " : " "));
}
