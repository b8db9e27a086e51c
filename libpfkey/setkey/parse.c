/* setkey's command language: a small hand-written scanner splits one
 * statement into tokens (with line and column), then a recursive-descent
 * parser turns them into a struct setkey_cmd.  See setkey(8). */
#include "libpfkey/setkey/cmd.h"
#include "libpfkey/convert.h"
#include "libpfkey/policystr.h"

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 128

struct token {
	const char *s;
	size_t len;
	unsigned line, col;
	bool quoted;
};

struct stmt {
	struct token t[MAX_TOKENS];
	size_t n;
	size_t i;                    /* next token to consume */
	unsigned end_line, end_col;  /* where the ';' is */
	struct setkey_error *err;
};

static const char *const cmd_names[] = {
	[SK_ADD] = "add", [SK_GET] = "get", [SK_DELETE] = "delete", [SK_DELETEALL] = "deleteall",
	[SK_FLUSH] = "flush", [SK_DUMP] = "dump", [SK_SPDADD] = "spdadd", [SK_SPDUPDATE] = "spdupdate",
	[SK_SPDDELETE] = "spddelete", [SK_SPDFLUSH] = "spdflush", [SK_SPDDUMP] = "spddump",
	[SK_MIGRATE] = "migrate", [SK_EXIT] = "exit",
};

const char *setkey_cmd_name(enum setkey_cmd_type t)
{
	return cmd_names[t];
}

void setkey_parser_init(struct setkey_parser *p, const char *text)
{
	p->text = text;
	p->pos = 0;
	p->line = 1;
	p->col = 1;
}

bool setkey_parser_has_statement(const struct setkey_parser *p)
{
	const char *start = p->text + p->pos, *c = start;
	bool quoted = false;

	for (; *c; c++) {
		if (quoted) {
			quoted = *c != '"';
		} else if (*c == '"') {
			quoted = true;
		} else if (*c == '#' && (c == start || isspace((unsigned char)c[-1]) || c[-1] == ';')) {
			/* a comment, as the scanner sees one: at the start of a token */
			while (c[1] && c[1] != '\n')
				c++;
		} else if (*c == ';') {
			return true;
		}
	}
	return false;
}

static void advance(struct setkey_parser *p)
{
	if (p->text[p->pos] == '\n') {
		p->line++;
		p->col = 1;
	} else {
		p->col++;
	}
	p->pos++;
}

static int error_at(struct setkey_error *err, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int error_at(struct setkey_error *err, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Skips to just after the next ';' (error recovery). */
static void skip_statement(struct setkey_parser *p)
{
	bool quoted = false;

	while (p->text[p->pos]) {
		char c = p->text[p->pos];

		advance(p);
		if (c == '"')
			quoted = !quoted;
		else if (c == ';' && !quoted)
			return;
	}
}

/* Reads the tokens of one statement.  1: got one, 0: end of input. */
static int scan_statement(struct setkey_parser *p, struct stmt *st)
{
	st->n = 0;
	for (;;) {
		char c = p->text[p->pos];
		struct token *t;

		if (c == '\0') {
			if (st->n == 0)
				return 0;
			return error_at(st->err, p->line, p->col, "unexpected end of input: missing ';'");
		}
		if (isspace((unsigned char)c)) {
			advance(p);
			continue;
		}
		if (c == '#') {
			while (p->text[p->pos] && p->text[p->pos] != '\n')
				advance(p);
			continue;
		}
		if (c == ';') {
			st->end_line = p->line;
			st->end_col = p->col;
			advance(p);
			return 1;
		}
		if (st->n == MAX_TOKENS)
			return error_at(st->err, p->line, p->col, "statement too long");
		t = &st->t[st->n++];
		t->line = p->line;
		t->col = p->col;
		t->quoted = c == '"';
		if (t->quoted) {
			advance(p);
			t->s = p->text + p->pos;
			while (p->text[p->pos] && p->text[p->pos] != '"')
				advance(p);
			if (!p->text[p->pos])
				return error_at(st->err, t->line, t->col, "unterminated string");
			t->len = (size_t)(p->text + p->pos - t->s);
			advance(p);
		} else {
			t->s = p->text + p->pos;
			while (p->text[p->pos] && !isspace((unsigned char)p->text[p->pos]) &&
			       p->text[p->pos] != ';' && p->text[p->pos] != '"')
				advance(p);
			t->len = (size_t)(p->text + p->pos - t->s);
		}
	}
}

/* ---- token helpers ---- */

static struct token *peek(struct stmt *st)
{
	return st->i < st->n ? &st->t[st->i] : NULL;
}

static bool is(const struct token *t, const char *w)
{
	return t && !t->quoted && t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

static int expected(struct stmt *st, const char *what)
{
	struct token *t = peek(st);

	if (!t)
		return error_at(st->err, st->end_line, st->end_col, "%s expected before ';'", what);
	return error_at(st->err, t->line, t->col, "%s expected, not '%.*s'", what, (int)t->len, t->s);
}

static struct token *take(struct stmt *st, const char *what)
{
	struct token *t = peek(st);

	if (!t) {
		expected(st, what);
		return NULL;
	}
	st->i++;
	return t;
}

static void tok_copy(const struct token *t, char *buf, size_t len)
{
	size_t n = t->len < len - 1 ? t->len : len - 1;

	memcpy(buf, t->s, n);
	buf[n] = '\0';
}

/* Decimal or 0x-hexadecimal, up to max. */
static bool parse_number(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	char buf[32], *end;
	unsigned long long v;

	if (n == 0 || n >= sizeof(buf) || !isdigit((unsigned char)s[0]))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoull(buf, &end, 0);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

static int take_number(struct stmt *st, const char *what, uint64_t max, uint64_t *out)
{
	struct token *t = take(st, what);

	if (!t)
		return -EINVAL;
	if (t->quoted || !parse_number(t->s, t->len, max, out))
		return error_at(st->err, t->line, t->col, "bad %s '%.*s' (0..%llu)", what, (int)t->len, t->s,
				(unsigned long long)max);
	return 0;
}

/* ---- addresses ---- */

/* "ADDR[/PLEN][[PORT|any]]"; with_prefix false refuses the /PLEN part. */
static int parse_endpoint(struct stmt *st, const struct token *t, bool with_prefix, struct ip_prefix *pfx,
			  uint16_t *port, bool *has_port)
{
	char buf[96], *br, *slash;

	*port = 0;
	*has_port = false;
	if (t->quoted || t->len >= sizeof(buf))
		return error_at(st->err, t->line, t->col, "bad address '%.*s'", (int)t->len, t->s);
	tok_copy(t, buf, sizeof(buf));
	br = strchr(buf, '[');
	if (br) {
		char *close = strchr(br, ']');
		uint64_t v;

		if (!close || close[1])
			return error_at(st->err, t->line, t->col + (unsigned)(br - buf), "bad port: ']' expected");
		*close = '\0';
		if (strcmp(br + 1, "any") == 0) {
			v = 0;
		} else if (!parse_number(br + 1, strlen(br + 1), 65535, &v)) {
			return error_at(st->err, t->line, t->col + (unsigned)(br - buf) + 1, "bad port '%s'", br + 1);
		}
		*port = (uint16_t)v;
		*has_port = true;
		*br = '\0';
	}
	slash = strchr(buf, '/');
	if (slash && !with_prefix)
		return error_at(st->err, t->line, t->col + (unsigned)(slash - buf), "a prefix length is not allowed here");
	if (prefix_parse(pfx, buf) < 0)
		return error_at(st->err, t->line, t->col, "bad address '%s' (numeric IPv4 or IPv6)", buf);
	return 0;
}

static int take_host(struct stmt *st, const char *what, struct ip_addr *a, uint16_t *port, bool *has_port)
{
	struct token *t = take(st, what);
	struct ip_prefix p;
	int rc;

	if (!t)
		return -EINVAL;
	rc = parse_endpoint(st, t, false, &p, port, has_port);
	if (rc == 0)
		*a = p.addr;
	return rc;
}

/* "A-B" of two numeric addresses. */
static int parse_pair(struct stmt *st, const struct token *t, size_t off, size_t len,
		      struct ip_addr *a, struct ip_addr *b)
{
	char buf[2 * ADDR_STRLEN], *dash;

	if (len >= sizeof(buf))
		return error_at(st->err, t->line, t->col + (unsigned)off, "bad address pair");
	memcpy(buf, t->s + off, len);
	buf[len] = '\0';
	dash = strchr(buf, '-');
	if (!dash)
		return error_at(st->err, t->line, t->col + (unsigned)off, "address pair SRC-DST expected");
	*dash = '\0';
	if (addr_parse(a, buf) < 0)
		return error_at(st->err, t->line, t->col + (unsigned)off, "bad address '%s'", buf);
	if (addr_parse(b, dash + 1) < 0)
		return error_at(st->err, t->line, t->col + (unsigned)(off + (size_t)(dash + 1 - buf)),
				"bad address '%s'", dash + 1);
	if (a->family != b->family)
		return error_at(st->err, t->line, t->col + (unsigned)off, "addresses of different families");
	return 0;
}

/* [-4|-6|-n]... before the addresses. */
static void take_family_opts(struct stmt *st, sa_family_t *fam)
{
	struct token *t;

	*fam = AF_UNSPEC;
	while ((t = peek(st)) && (is(t, "-4") || is(t, "-6") || is(t, "-n"))) {
		if (is(t, "-4"))
			*fam = AF_INET;
		else if (is(t, "-6"))
			*fam = AF_INET6;
		st->i++;
	}
}

static int check_family(struct stmt *st, const struct token *t, sa_family_t want,
			const struct ip_addr *a, const struct ip_addr *b)
{
	if (a->family != b->family)
		return error_at(st->err, t->line, t->col, "source and destination of different families");
	if (want != AF_UNSPEC && a->family != want)
		return error_at(st->err, t->line, t->col, "address family does not match -%c",
				want == AF_INET ? '4' : '6');
	return 0;
}

/* ---- SA commands ---- */

static int take_sa_proto(struct stmt *st, struct ipsec_sa *sa, bool *natt)
{
	struct token *t = take(st, "protocol (esp, ah, ipcomp, esp-udp)");

	*natt = false;
	if (!t)
		return -EINVAL;
	if (is(t, "esp"))
		sa->proto = IPSEC_PROTO_ESP;
	else if (is(t, "ah"))
		sa->proto = IPSEC_PROTO_AH;
	else if (is(t, "ipcomp"))
		sa->proto = IPSEC_PROTO_IPCOMP;
	else if (is(t, "esp-udp")) {
		sa->proto = IPSEC_PROTO_ESP;
		*natt = true;
	} else if (is(t, "esp-old") || is(t, "ah-old") || is(t, "tcp"))
		return error_at(st->err, t->line, t->col, "protocol '%.*s' is not supported by Linux",
				(int)t->len, t->s);
	else
		return error_at(st->err, t->line, t->col, "unknown protocol '%.*s' (esp, ah, ipcomp, esp-udp)",
				(int)t->len, t->s);
	return 0;
}

/* SRC DST PROTO [SPI] shared by add, get, delete, deleteall. */
static int take_sa_id(struct stmt *st, struct ipsec_sa *sa, bool want_spi, bool *natt)
{
	uint16_t sport, dport;
	bool hs, hd;
	sa_family_t fam;
	struct token *first;
	uint64_t spi;
	int rc;

	take_family_opts(st, &fam);
	first = peek(st);
	if ((rc = take_host(st, "source address", &sa->src, &sport, &hs)) < 0 ||
	    (rc = take_host(st, "destination address", &sa->dst, &dport, &hd)) < 0)
		return rc;
	if ((rc = check_family(st, first, fam, &sa->src, &sa->dst)) < 0)
		return rc;
	if ((rc = take_sa_proto(st, sa, natt)) < 0)
		return rc;
	if (*natt) {
		sa->encap_sport = hs && sport ? sport : 4500;
		sa->encap_dport = hd && dport ? dport : 4500;
	}
	if (want_spi) {
		struct token *t = peek(st);

		if ((rc = take_number(st, "SPI", 0xffffffffu, &spi)) < 0)
			return rc;
		if (spi == 0)
			return error_at(st->err, t->line, t->col, "SPI 0 is reserved");
		sa->spi = (uint32_t)spi;
	}
	return 0;
}

/* KEY: "string" or 0xHEX. */
static int take_key(struct stmt *st, struct ipsec_alg *a)
{
	struct token *t = take(st, "key (\"string\" or 0xHEX)");
	size_t i, n;

	if (!t)
		return -EINVAL;
	if (t->quoted) {
		if (t->len > sizeof(a->key))
			return error_at(st->err, t->line, t->col, "key longer than %zu bytes", sizeof(a->key));
		memcpy(a->key, t->s, t->len);
		a->key_bits = (uint16_t)(t->len * 8);
		return 0;
	}
	if (t->len < 3 || t->s[0] != '0' || (t->s[1] != 'x' && t->s[1] != 'X'))
		return error_at(st->err, t->line, t->col, "key must be \"string\" or 0xHEX");
	n = t->len - 2;
	if (n % 2)
		return error_at(st->err, t->line, t->col, "odd number of hex digits in key");
	if (n / 2 > sizeof(a->key))
		return error_at(st->err, t->line, t->col, "key longer than %zu bytes", sizeof(a->key));
	for (i = 0; i < n; i += 2) {
		char hx[3] = { t->s[2 + i], t->s[3 + i], 0 };

		if (!isxdigit((unsigned char)hx[0]) || !isxdigit((unsigned char)hx[1]))
			return error_at(st->err, t->line, t->col + 2 + (unsigned)i, "bad hex digit in key");
		a->key[i / 2] = (uint8_t)strtoul(hx, NULL, 16);
	}
	a->key_bits = (uint16_t)(n / 2 * 8);
	return 0;
}

static bool next_is_key(struct stmt *st)
{
	struct token *t = peek(st);

	return t && (t->quoted || (t->len > 2 && t->s[0] == '0' && (t->s[1] == 'x' || t->s[1] == 'X')));
}

static int take_alg(struct stmt *st, enum pfkey_alg_kind kind, const struct pfkey_alg_info **out)
{
	static const char *const what[] = { "encryption algorithm", "authentication algorithm",
					    "compression algorithm", "encryption algorithm" };
	struct token *t = take(st, what[kind]);
	char name[40];

	if (!t)
		return -EINVAL;
	tok_copy(t, name, sizeof(name));
	*out = pfkey_alg_by_name(kind, name);
	if (!*out)
		return error_at(st->err, t->line, t->col, "unknown %s '%s'", what[kind], name);
	return 0;
}

static int parse_add(struct stmt *st, struct setkey_cmd *c)
{
	struct ipsec_sa *sa = &c->sa;
	const struct pfkey_alg_info *ai;
	struct token *t;
	bool natt;
	uint64_t v;
	int rc;

	if ((rc = take_sa_id(st, sa, true, &natt)) < 0)
		return rc;
	sa->mode = IPSEC_MODE_ANY;
	while ((t = peek(st))) {
		st->i++;
		if (is(t, "-m")) {
			struct token *m = take(st, "mode (transport, tunnel, any)");

			if (!m)
				return -EINVAL;
			if (is(m, "transport"))
				sa->mode = IPSEC_MODE_TRANSPORT;
			else if (is(m, "tunnel"))
				sa->mode = IPSEC_MODE_TUNNEL;
			else if (is(m, "any"))
				sa->mode = IPSEC_MODE_ANY;
			else if (is(m, "beet"))
				sa->mode = IPSEC_MODE_BEET;
			else
				return error_at(st->err, m->line, m->col, "unknown mode '%.*s'", (int)m->len, m->s);
		} else if (is(t, "-r")) {
			if ((rc = take_number(st, "replay window", 255, &v)) < 0)
				return rc;
			sa->replay_window = (uint8_t)v;
		} else if (is(t, "-u")) {
			if ((rc = take_number(st, "reqid", 0xffffffffu, &v)) < 0)
				return rc;
			sa->reqid = (uint32_t)v;
		} else if (is(t, "-f")) {
			struct token *f = take(st, "padding option");

			/* KAME padding options: Linux has no equivalent, accepted as no-ops. */
			if (!f)
				return -EINVAL;
			if (!is(f, "zero-pad") && !is(f, "random-pad") && !is(f, "seq-pad") && !is(f, "nocyclic-seq"))
				return error_at(st->err, f->line, f->col, "unknown -f option '%.*s'", (int)f->len, f->s);
		} else if (is(t, "-lh") || is(t, "-ls") || is(t, "-bh") || is(t, "-bs")) {
			if ((rc = take_number(st, "lifetime", UINT64_MAX, &v)) < 0)
				return rc;
			if (t->s[1] == 'l')
				(t->s[2] == 'h' ? &sa->hard : &sa->soft)->add_seconds = v;
			else
				(t->s[2] == 'h' ? &sa->hard : &sa->soft)->bytes = v;
		} else if (is(t, "-E")) {
			if (sa->proto != IPSEC_PROTO_ESP)
				return error_at(st->err, t->line, t->col, "-E is only for esp");
			if ((rc = take_alg(st, PFKEY_ALG_ENC, &ai)) < 0)
				return rc;
			if (ai->kind == PFKEY_ALG_AEAD) {
				sa->has_aead = true;
				snprintf(sa->aead.name, sizeof(sa->aead.name), "%s", ai->kernel);
				sa->aead.icv_bits = ai->icv_bits;
				rc = take_key(st, &sa->aead);
			} else {
				sa->has_enc = true;
				snprintf(sa->enc.name, sizeof(sa->enc.name), "%s", ai->kernel);
				rc = ai->id == SADB_EALG_NULL && !next_is_key(st) ? 0 : take_key(st, &sa->enc);
			}
			if (rc < 0)
				return rc;
		} else if (is(t, "-A")) {
			if (sa->proto == IPSEC_PROTO_IPCOMP)
				return error_at(st->err, t->line, t->col, "-A is not for ipcomp");
			if ((rc = take_alg(st, PFKEY_ALG_AUTH, &ai)) < 0)
				return rc;
			sa->has_auth = true;
			snprintf(sa->auth.name, sizeof(sa->auth.name), "%s", ai->kernel);
			rc = ai->id == SADB_X_AALG_NULL && !next_is_key(st) ? 0 : take_key(st, &sa->auth);
			if (rc < 0)
				return rc;
		} else if (is(t, "-C")) {
			if (sa->proto != IPSEC_PROTO_IPCOMP)
				return error_at(st->err, t->line, t->col, "-C is only for ipcomp");
			if ((rc = take_alg(st, PFKEY_ALG_COMP, &ai)) < 0)
				return rc;
			sa->has_comp = true;
			snprintf(sa->comp.name, sizeof(sa->comp.name), "%s", ai->kernel);
			if (is(peek(st), "-R"))
				st->i++;   /* the CPI is always used as given on Linux */
		} else if (is(t, "-ctx")) {
			return error_at(st->err, t->line, t->col, "security contexts (-ctx) are not supported");
		} else {
			return error_at(st->err, t->line, t->col, "unknown option '%.*s'", (int)t->len, t->s);
		}
	}
	if (sa->proto == IPSEC_PROTO_ESP && !sa->has_enc && !sa->has_aead)
		return error_at(st->err, st->end_line, st->end_col, "esp needs an encryption algorithm (-E)");
	if (sa->proto == IPSEC_PROTO_AH && !sa->has_auth)
		return error_at(st->err, st->end_line, st->end_col, "ah needs an authentication algorithm (-A)");
	if (sa->proto == IPSEC_PROTO_IPCOMP && !sa->has_comp)
		return error_at(st->err, st->end_line, st->end_col, "ipcomp needs a compression algorithm (-C)");
	return 0;
}

static int expect_end(struct stmt *st)
{
	struct token *t = peek(st);

	if (t)
		return error_at(st->err, t->line, t->col, "';' expected, not '%.*s'", (int)t->len, t->s);
	return 0;
}

static int take_opt_proto(struct stmt *st, enum ipsec_proto *p)
{
	struct token *t = peek(st);

	*p = IPSEC_PROTO_NONE;
	if (!t)
		return 0;
	st->i++;
	if (is(t, "esp") || is(t, "esp-udp"))
		*p = IPSEC_PROTO_ESP;
	else if (is(t, "ah"))
		*p = IPSEC_PROTO_AH;
	else if (is(t, "ipcomp"))
		*p = IPSEC_PROTO_IPCOMP;
	else
		return error_at(st->err, t->line, t->col, "unknown protocol '%.*s' (esp, ah, ipcomp)",
				(int)t->len, t->s);
	return expect_end(st);
}

/* ---- SPD commands ---- */

static int parse_upperspec(struct stmt *st, struct ipsec_selector *sel)
{
	struct token *t = take(st, "upper-layer protocol");
	char name[40];
	uint64_t v;

	if (!t)
		return -EINVAL;
	tok_copy(t, name, sizeof(name));
	if (strcmp(name, "any") == 0)
		sel->proto = IPSEC_ULPROTO_ANY;
	else if (strcmp(name, "icmp6") == 0)
		sel->proto = IPPROTO_ICMPV6;
	else if (strcmp(name, "ip4") == 0)
		sel->proto = IPPROTO_IPIP;
	else if (strcmp(name, "mh") == 0)
		sel->proto = IPSEC_PROTO_MH;
	else if (parse_number(t->s, t->len, 255, &v))
		sel->proto = (uint8_t)v;
	else {
		struct protoent *pe = getprotobyname(name);

		if (!pe || pe->p_proto < 0 || pe->p_proto > 255)
			return error_at(st->err, t->line, t->col, "unknown upper-layer protocol '%s'", name);
		sel->proto = (uint8_t)pe->p_proto;
	}
	/* ICMP, ICMPv6 and MH take "type[,code]"; GRE a key (as a number). */
	t = peek(st);
	if (t && !t->quoted && t->len && isdigit((unsigned char)t->s[0]) &&
	    (sel->proto == IPPROTO_ICMP || sel->proto == IPPROTO_ICMPV6 || sel->proto == IPSEC_PROTO_MH)) {
		const char *comma = memchr(t->s, ',', t->len);
		size_t tl = comma ? (size_t)(comma - t->s) : t->len;
		uint64_t type, code = 0;

		if (!parse_number(t->s, tl, 255, &type) ||
		    (comma && !parse_number(comma + 1, t->len - tl - 1, 255, &code)))
			return error_at(st->err, t->line, t->col, "bad type,code '%.*s'", (int)t->len, t->s);
		st->i++;
		if (sel->proto == IPSEC_PROTO_MH) {
			sel->has_mh_type = true;
			sel->mh_type = (uint8_t)type;
		} else {
			sel->sport = (uint16_t)type;
			sel->dport = (uint16_t)code;
		}
	}
	return 0;
}

/* [-46n] SRC_RANGE DST_RANGE UPPERSPEC */
static int parse_selector(struct stmt *st, struct ipsec_selector *sel)
{
	struct token *ts, *td;
	sa_family_t fam;
	bool hs, hd;
	int rc;

	memset(sel, 0, sizeof(*sel));
	take_family_opts(st, &fam);
	ts = take(st, "source range");
	if (!ts)
		return -EINVAL;
	if ((rc = parse_endpoint(st, ts, true, &sel->src, &sel->sport, &hs)) < 0)
		return rc;
	td = take(st, "destination range");
	if (!td)
		return -EINVAL;
	if ((rc = parse_endpoint(st, td, true, &sel->dst, &sel->dport, &hd)) < 0)
		return rc;
	if ((rc = check_family(st, ts, fam, &sel->src.addr, &sel->dst.addr)) < 0)
		return rc;
	prefix_mask(&sel->src);
	prefix_mask(&sel->dst);
	return parse_upperspec(st, sel);
}

/* Joins the remaining tokens with single spaces for the policy parser, and
 * maps an error offset back to its token. */
static int parse_policy_tokens(struct stmt *st, struct ipsec_policy *p, bool dir_only)
{
	char text[1024];
	size_t start[MAX_TOKENS], len = 0, first = st->i, k;
	struct policystr_error perr = { 0, NULL };
	struct token *t;

	t = peek(st);
	if (!is(t, "-P"))
		return expected(st, "-P");
	st->i++;
	first = st->i;
	if (first == st->n)
		return expected(st, "policy direction");
	for (k = first; k < st->n; k++) {
		t = &st->t[k];
		if (len + t->len + 2 > sizeof(text))
			return error_at(st->err, t->line, t->col, "policy too long");
		start[k] = len;
		memcpy(text + len, t->s, t->len);
		len += t->len;
		text[len++] = ' ';
	}
	text[len ? len - 1 : 0] = '\0';
	st->i = st->n;
	if (dir_only && st->n - first == 1) {
		enum ipsec_dir d;
		int rc = ipsec_dir_parse(text, &d);

		if (rc < 0)
			return error_at(st->err, st->t[first].line, st->t[first].col,
					"unknown direction '%s' (in, out, fwd)", text);
		p->dir = d;
		return 0;
	}
	if (policystr_parse(text, p, &perr) == 0)
		return 0;
	for (k = st->n; k-- > first;) {
		if (start[k] <= perr.pos) {
			size_t off = perr.pos - start[k];

			if (off > st->t[k].len)
				off = st->t[k].len;
			return error_at(st->err, st->t[k].line, st->t[k].col + (unsigned)off, "%s", perr.msg);
		}
	}
	return error_at(st->err, st->end_line, st->end_col, "%s", perr.msg);
}

static int parse_spd(struct stmt *st, struct setkey_cmd *c, bool dir_only)
{
	int rc = parse_selector(st, &c->pol.sel);

	if (rc < 0)
		return rc;
	return parse_policy_tokens(st, &c->pol, dir_only);
}

/* migrate SRC_RANGE DST_RANGE UPPERSPEC -P DIR (PROTO/MODE/OLDSRC-OLDDST/LEVEL NEWSRC-NEWDST)...
 *         [kmaddress LOCAL REMOTE] ; */
static int parse_migrate(struct stmt *st, struct setkey_cmd *c)
{
	struct ipsec_migrate_msg *m = &c->mig;
	struct token *t;
	int rc;

	if ((rc = parse_selector(st, &m->sel)) < 0)
		return rc;
	if (!is(peek(st), "-P"))
		return expected(st, "-P");
	st->i++;
	t = take(st, "direction (in, out, fwd)");
	if (!t)
		return -EINVAL;
	{
		char d[8];
		enum ipsec_dir dir;

		tok_copy(t, d, sizeof(d));
		if (ipsec_dir_parse(d, &dir) < 0)
			return error_at(st->err, t->line, t->col, "unknown direction '%.*s' (in, out, fwd)",
					(int)t->len, t->s);
		m->dir = dir;
	}
	m->type = IPSEC_POLICY_MAIN;
	while ((t = peek(st)) && !is(t, "kmaddress")) {
		struct ipsec_policy tmp;
		struct policystr_error perr = { 0, NULL };
		struct ipsec_migrate *e;
		struct token *nt;
		char text[2 * ADDR_STRLEN + 64];
		const char *lvl;
		static const char prefix[] = "out ipsec ";

		st->i++;
		if (m->nentries == IPSEC_MAX_MIGRATE)
			return error_at(st->err, t->line, t->col, "too many migrate requests");
		if (t->len + sizeof(prefix) + 8 > sizeof(text))
			return error_at(st->err, t->line, t->col, "request too long");
		/* The request is a policy request; a bare reqid number may stand in
		 * for its level ("esp/tunnel/A-B/5" = ".../unique:5"). */
		snprintf(text, sizeof(text), "%s%.*s", prefix, (int)t->len, t->s);
		lvl = strrchr(text, '/');
		if (lvl && lvl[1] && strspn(lvl + 1, "0123456789") == strlen(lvl + 1)) {
			char num[16];
			size_t at = (size_t)(lvl + 1 - text);

			if (strlen(lvl + 1) >= sizeof(num))
				return error_at(st->err, t->line, t->col, "bad reqid");
			memcpy(num, lvl + 1, strlen(lvl + 1) + 1);
			snprintf(text + at, sizeof(text) - at, "unique:%s", num);
		}
		memset(&tmp, 0, sizeof(tmp));
		if (policystr_parse(text, &tmp, &perr) < 0) {
			size_t off = perr.pos >= sizeof(prefix) - 1 ? perr.pos - (sizeof(prefix) - 1) : 0;

			return error_at(st->err, t->line, t->col + (unsigned)(off < t->len ? off : t->len), "%s", perr.msg);
		}
		if (tmp.ntmpl != 1)
			return error_at(st->err, t->line, t->col, "one request expected");
		if (tmp.tmpl[0].src.family == AF_UNSPEC)
			return error_at(st->err, t->line, t->col, "migrate needs the old SRC-DST pair, even in transport mode");
		e = &m->entries[m->nentries++];
		e->proto = tmp.tmpl[0].proto;
		e->mode = tmp.tmpl[0].mode;
		e->reqid = tmp.tmpl[0].reqid;
		e->old_src = tmp.tmpl[0].src;
		e->old_dst = tmp.tmpl[0].dst;
		nt = take(st, "new SRC-DST pair");
		if (!nt)
			return -EINVAL;
		if ((rc = parse_pair(st, nt, 0, nt->len, &e->new_src, &e->new_dst)) < 0)
			return rc;
	}
	if (m->nentries == 0)
		return expected(st, "migrate request PROTO/MODE/OLDSRC-OLDDST/LEVEL");
	if (is(peek(st), "kmaddress")) {
		uint16_t port;
		bool hp;

		t = peek(st);
		st->i++;
		if ((rc = take_host(st, "kmaddress local address", &m->kmaddress.local, &port, &hp)) < 0 ||
		    (rc = take_host(st, "kmaddress remote address", &m->kmaddress.remote, &port, &hp)) < 0)
			return rc;
		if (m->kmaddress.local.family != m->kmaddress.remote.family)
			return error_at(st->err, t->line, t->col, "kmaddress of different families");
		m->has_kmaddress = true;
	}
	return expect_end(st);
}

static int parse_statement(struct stmt *st, struct setkey_cmd *c)
{
	struct token *t = take(st, "command");
	bool natt;
	int rc;

	if (!t)
		return -EINVAL;
	c->line = t->line;
	c->col = t->col;
	if (is(t, "add")) {
		c->type = SK_ADD;
		return parse_add(st, c);
	}
	if (is(t, "get") || is(t, "delete")) {
		c->type = is(t, "get") ? SK_GET : SK_DELETE;
		if ((rc = take_sa_id(st, &c->sa, true, &natt)) < 0)
			return rc;
		return expect_end(st);
	}
	if (is(t, "deleteall")) {
		c->type = SK_DELETEALL;
		if ((rc = take_sa_id(st, &c->sa, false, &natt)) < 0)
			return rc;
		return expect_end(st);
	}
	if (is(t, "flush") || is(t, "dump")) {
		c->type = is(t, "flush") ? SK_FLUSH : SK_DUMP;
		return take_opt_proto(st, &c->proto);
	}
	if (is(t, "spdadd") || is(t, "spdupdate")) {
		c->type = is(t, "spdadd") ? SK_SPDADD : SK_SPDUPDATE;
		if (is(peek(st), "tagged"))
			return error_at(st->err, peek(st)->line, peek(st)->col, "tagged policies are not supported by Linux");
		return parse_spd(st, c, false);
	}
	if (is(t, "spddelete")) {
		c->type = SK_SPDDELETE;
		return parse_spd(st, c, true);
	}
	if (is(t, "spdflush") || is(t, "spddump")) {
		c->type = is(t, "spdflush") ? SK_SPDFLUSH : SK_SPDDUMP;
		return expect_end(st);
	}
	if (is(t, "migrate")) {
		c->type = SK_MIGRATE;
		return parse_migrate(st, c);
	}
	if (is(t, "exit") || is(t, "quit") || is(t, "bye")) {
		c->type = SK_EXIT;
		return expect_end(st);
	}
	return error_at(st->err, t->line, t->col, "unknown command '%.*s'", (int)t->len, t->s);
}

int setkey_parse_next(struct setkey_parser *p, struct setkey_cmd *cmd, struct setkey_error *err)
{
	struct stmt *st = calloc(1, sizeof(*st));
	int rc;

	if (!st)
		return error_at(err, p->line, p->col, "out of memory");
	st->err = err;
	memset(cmd, 0, sizeof(*cmd));
	rc = scan_statement(p, st);
	if (rc == 1) {
		rc = parse_statement(st, cmd);
		rc = rc < 0 ? rc : 1;
	} else if (rc < 0) {
		skip_statement(p);
	}
	free(st);
	if (rc < 0)
		ipsec_sa_wipe(&cmd->sa);
	return rc;
}
