/* setkey -D / -DP text.  The layout (tabs, trailing spaces, the numbers in
 * brackets) is what users' eyes and scripts know from ipsec-tools. */
#include "libpfkey/setkey/output.h"
#include "libpfkey/convert.h"
#include "libpfkey/policystr.h"

#include <inttypes.h>
#include <netdb.h>
#include <string.h>

const char *setkey_fmt_time(uint64_t t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || !localtime_r(&tt, &tm) || strftime(buf, 32, "%b %e %H:%M:%S %Y", &tm) != 20)
		snprintf(buf, 32, "%20s", "");
	return buf;
}

/* setkey's name of an algorithm held under its kernel name. */
static const char *alg_name(enum pfkey_alg_kind kind, const struct ipsec_alg *a)
{
	const struct pfkey_alg_info *ai;

	if (kind == PFKEY_ALG_AEAD) {
		uint8_t ids[] = { SADB_X_EALG_AES_GCM_ICV8, SADB_X_EALG_AES_GCM_ICV12, SADB_X_EALG_AES_GCM_ICV16,
				  SADB_X_EALG_AES_CCM_ICV8, SADB_X_EALG_AES_CCM_ICV12, SADB_X_EALG_AES_CCM_ICV16,
				  SADB_X_EALG_NULL_AES_GMAC };
		size_t i;

		for (i = 0; i < sizeof(ids); i++) {
			ai = pfkey_alg_by_id(PFKEY_ALG_AEAD, ids[i]);
			if (ai && strcmp(ai->kernel, a->name) == 0 && ai->icv_bits == a->icv_bits)
				return ai->name;
		}
		return a->name;
	}
	ai = pfkey_alg_by_kernel(kind, a->name);
	return ai ? ai->name : a->name;
}

/* Key bytes in groups of 4, each group after a space, a newline every 32
 * bytes. */
static void print_key(FILE *f, const struct ipsec_alg *a)
{
	size_t n = ((size_t)a->key_bits + 7) / 8, i;

	if (n > sizeof(a->key))
		n = sizeof(a->key);
	for (i = 0; i < n; i++) {
		if (i && i % 32 == 0)
			fputc('\n', f);
		if (i % 4 == 0)
			fputc(' ', f);
		fprintf(f, "%02x", a->key[i]);
	}
	fputc('\n', f);
}

static const char *state_name(uint8_t s, char *buf, size_t len)
{
	static const char *const names[] = { "larval", "mature", "dying", "dead" };

	if (s < 4)
		return names[s];
	snprintf(buf, len, "%u", s);
	return buf;
}

void setkey_print_sa(FILE *f, const struct setkey_sa_entry *e, time_t now)
{
	const struct ipsec_sa *sa = &e->sa;
	bool natt = sa->encap_sport || sa->encap_dport;
	char s[ADDR_STRLEN], d[ADDR_STRLEN], t1[32], t2[32], num[8];
	uint64_t diff;

	fprintf(f, "%s", addr_fmt(&sa->src, s, sizeof(s)));
	if (natt)
		fprintf(f, "[%u]", sa->encap_sport);
	fprintf(f, " %s", addr_fmt(&sa->dst, d, sizeof(d)));
	if (natt)
		fprintf(f, "[%u]", sa->encap_dport);
	fprintf(f, " \n");

	fprintf(f, "\t%s mode=%s spi=%u(0x%08x) reqid=%u(0x%08x)\n",
		natt && sa->proto == IPSEC_PROTO_ESP ? "esp-udp" : ipsec_proto_name(sa->proto),
		ipsec_mode_name(sa->mode), sa->spi, sa->spi, sa->reqid, sa->reqid);
	if (natt && e->has_natt_oa)
		fprintf(f, "\tNAT OA=%s\n", addr_fmt(&e->natt_oa, s, sizeof(s)));
	if (sa->proto == IPSEC_PROTO_IPCOMP) {
		fprintf(f, "\tC: %s \n", sa->has_comp ? alg_name(PFKEY_ALG_COMP, &sa->comp) : "0");
	} else if (sa->proto == IPSEC_PROTO_ESP) {
		if (sa->has_aead && sa->aead.key_bits) {
			fprintf(f, "\tE: %s ", alg_name(PFKEY_ALG_AEAD, &sa->aead));
			print_key(f, &sa->aead);
		} else if (sa->has_enc && sa->enc.key_bits) {
			fprintf(f, "\tE: %s ", alg_name(PFKEY_ALG_ENC, &sa->enc));
			print_key(f, &sa->enc);
		}
	}
	if (sa->has_auth && sa->auth.key_bits) {
		fprintf(f, "\tA: %s ", alg_name(PFKEY_ALG_AUTH, &sa->auth));
		print_key(f, &sa->auth);
	}
	fprintf(f, "\tseq=0x%08x replay=%u flags=0x%08x state=%s \n", sa->seq, sa->replay_window,
		sa->flags, state_name(e->state, num, sizeof(num)));
	if (e->has_current) {
		diff = sa->cur.add_time && (uint64_t)now > sa->cur.add_time ? (uint64_t)now - sa->cur.add_time : 0;
		fprintf(f, "\tcreated: %s\tcurrent: %s\n", setkey_fmt_time(sa->cur.add_time, t1),
			setkey_fmt_time((uint64_t)now, t2));
		fprintf(f, "\tdiff: %" PRIu64 "(s)\thard: %" PRIu64 "(s)\tsoft: %" PRIu64 "(s)\n", diff,
			sa->hard.add_seconds, sa->soft.add_seconds);
		fprintf(f, "\tlast: %s\thard: %" PRIu64 "(s)\tsoft: %" PRIu64 "(s)\n",
			setkey_fmt_time(sa->cur.use_time, t1), sa->hard.use_seconds, sa->soft.use_seconds);
		fprintf(f, "\tcurrent: %" PRIu64 "(bytes)\thard: %" PRIu64 "(bytes)\tsoft: %" PRIu64 "(bytes)\n",
			sa->cur.bytes, sa->hard.bytes, sa->soft.bytes);
		fprintf(f, "\tallocated: %" PRIu64 "\thard: %" PRIu64 "\tsoft: %" PRIu64 "\n",
			sa->cur.packets, sa->hard.packets, sa->soft.packets);
	}
	fprintf(f, "\tsadb_seq=%u pid=%u refcnt=%u\n", e->msg_seq, e->msg_pid, e->refcnt);
}

/* Protocols whose "ports" are a type and code. */
static bool ports_are_type_code(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 || proto == IPSEC_PROTO_MH ||
	       proto == IPPROTO_GRE;
}

static void print_end(FILE *f, const struct ip_prefix *p, uint16_t port, uint8_t proto)
{
	char b[ADDR_STRLEN];

	fprintf(f, "%s", addr_fmt(&p->addr, b, sizeof(b)));
	if (p->len != addr_bits(&p->addr))
		fprintf(f, "/%u", p->len);
	if (ports_are_type_code(proto))
		return;
	if (port)
		fprintf(f, "[%u]", port);
	else
		fprintf(f, "[any]");
}

void setkey_print_sp(FILE *f, const struct setkey_sp_entry *e)
{
	const struct ipsec_policy *p = &e->pol;
	const struct ipsec_selector *sel = &p->sel;
	uint8_t proto = sel->proto ? sel->proto : IPSEC_ULPROTO_ANY;
	uint16_t type = sel->sport, code = sel->dport;
	struct protoent *pe;
	char prio[40], req[2 * ADDR_STRLEN + 64], t1[32], t2[32];
	unsigned i;

	if (e->per_socket) {
		/* A socket's own policy has no selector to show. */
		fprintf(f, "(per-socket policy) \n");
	} else {
		print_end(f, &sel->src, sel->sport, proto);
		fputc(' ', f);
		print_end(f, &sel->dst, sel->dport, proto);
		fputc(' ', f);
		pe = getprotobynumber(proto);
		if (pe)
			fprintf(f, "%s", pe->p_name);
		else
			fprintf(f, "%u", proto);
		if (proto == IPSEC_PROTO_MH && sel->has_mh_type)
			type = sel->mh_type;
		if (ports_are_type_code(proto) && (type || code))
			fprintf(f, " %u,%u", type, code);
		fputc('\n', f);
	}

	policystr_fmt_priority(p->priority, prio, sizeof(prio));
	fprintf(f, "\t%s%s%s%s %s\n", ipsec_dir_name(p->dir), e->per_socket ? "(socket)" : "",
		*prio ? " " : "", prio, ipsec_action_name(p->action));
	for (i = 0; i < p->ntmpl; i++)
		fprintf(f, "\t%s\n", policystr_fmt_request(&p->tmpl[i], req, sizeof(req)));
	if (e->has_current)
		fprintf(f, "\tcreated: %s  lastused: %s\n", setkey_fmt_time(e->created, t1),
			setkey_fmt_time(e->lastused, t2));
	if (e->has_hard)
		fprintf(f, "\tlifetime: %" PRIu64 "(s) validtime: %" PRIu64 "(s)\n", e->lifetime, e->validtime);
	fprintf(f, "\tspid=%u seq=%u pid=%u\n", p->index, e->msg_seq, e->msg_pid);
	fprintf(f, "\trefcnt=%u\n", e->refcnt);
}
