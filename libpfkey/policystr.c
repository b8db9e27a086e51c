/* setkey's policy language: parse and format.  See policystr.h. */
#include "libpfkey/policystr.h"
#include "libpfkey/pfkey.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REQID_INPUT 32767

struct lexer {
	const char *s;
	size_t pos;                  /* start of the current token */
	size_t end;                  /* one past it */
};

/* Advances to the next whitespace-separated token; false at the end. */
static bool next_token(struct lexer *lx)
{
	size_t i = lx->end;

	while (lx->s[i] && isspace((unsigned char)lx->s[i]))
		i++;
	lx->pos = i;
	while (lx->s[i] && !isspace((unsigned char)lx->s[i]))
		i++;
	lx->end = i;
	return lx->end > lx->pos;
}

static bool tok_is(const struct lexer *lx, const char *word)
{
	size_t n = strlen(word);

	return lx->end - lx->pos == n && strncmp(lx->s + lx->pos, word, n) == 0;
}

static int fail(struct policystr_error *err, size_t pos, const char *msg)
{
	err->pos = pos;
	err->msg = msg;
	return -EINVAL;
}

/* Parses an unsigned decimal number spanning [p, p+n) exactly. */
static bool parse_uint(const char *p, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return false;
		v = v * 10 + (uint64_t)(p[i] - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

/* "low|def|high" with an optional "+N"/"-N" attached or as separate tokens. */
static int parse_priority(struct lexer *lx, uint32_t *prio, struct policystr_error *err)
{
	static const struct { const char *name; uint32_t base; } bases[] = {
		{ "low", PFKEY_PRIORITY_LOW }, { "def", PFKEY_PRIORITY_DEFAULT },
		{ "high", PFKEY_PRIORITY_HIGH },
	};
	const char *t;
	size_t n, i, blen = 0;
	uint32_t base = 0;
	uint64_t off;
	int sign = 0;

	if (!next_token(lx))
		return fail(err, lx->pos, "priority expected after prio");
	t = lx->s + lx->pos;
	n = lx->end - lx->pos;
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		size_t l = strlen(bases[i].name);

		if (n >= l && strncmp(t, bases[i].name, l) == 0 && (n == l || t[l] == '+' || t[l] == '-')) {
			base = bases[i].base;
			blen = l;
			break;
		}
	}
	if (!blen) {
		/* a bare signed offset from the default */
		if (*t == '+' || *t == '-') {
			sign = *t == '-' ? -1 : 1;
			t++;
			n--;
		} else {
			sign = 1;
		}
		if (!parse_uint(t, n, 0x80000000u, &off))
			return fail(err, lx->pos, "bad priority");
		*prio = sign > 0 ? PFKEY_PRIORITY_DEFAULT - (uint32_t)off : PFKEY_PRIORITY_DEFAULT + (uint32_t)off;
		if (sign < 0 && off > 0x7fffffffu)
			return fail(err, lx->pos, "priority out of range");
		return 0;
	}
	*prio = base;
	t += blen;
	n -= blen;
	if (n == 0) {
		/* maybe "def + 10" in separate tokens */
		size_t save_pos = lx->pos, save_end = lx->end;

		if (next_token(lx) && (tok_is(lx, "+") || tok_is(lx, "-"))) {
			sign = lx->s[lx->pos] == '+' ? 1 : -1;
			if (!next_token(lx))
				return fail(err, lx->pos, "priority offset expected");
			t = lx->s + lx->pos;
			n = lx->end - lx->pos;
		} else if (lx->end > lx->pos && (lx->s[lx->pos] == '+' || lx->s[lx->pos] == '-')) {
			sign = lx->s[lx->pos] == '+' ? 1 : -1;
			t = lx->s + lx->pos + 1;
			n = lx->end - lx->pos - 1;
		} else {
			lx->pos = save_pos;
			lx->end = save_end;
			return 0;
		}
	} else {
		sign = *t == '+' ? 1 : -1;
		t++;
		n--;
	}
	if (!parse_uint(t, n, 0x3fffffffu, &off))
		return fail(err, lx->pos, "bad priority offset");
	*prio = sign > 0 ? base - (uint32_t)off : base + (uint32_t)off;
	return 0;
}

static int parse_addr_span(const char *p, size_t n, struct ip_addr *a)
{
	char tmp[ADDR_STRLEN];

	if (n == 0 || n >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	return addr_parse(a, tmp);
}

/* PROTO/MODE/[SRC-DST]/[LEVEL] */
static int parse_request(const struct lexer *lx, struct ipsec_template *t, struct policystr_error *err)
{
	const char *s = lx->s + lx->pos, *end = lx->s + lx->end;
	const char *f[4];
	size_t fl[4];
	int nf = 0;
	const char *p = s;
	char word[16];

	memset(t, 0, sizeof(*t));
	while (nf < 4) {
		const char *slash = memchr(p, '/', (size_t)(end - p));

		f[nf] = p;
		fl[nf] = slash ? (size_t)(slash - p) : (size_t)(end - p);
		nf++;
		if (!slash)
			break;
		p = slash + 1;
	}
	if (nf < 3 || (nf == 4 && f[3] + fl[3] != end))
		return fail(err, lx->pos, "request must be proto/mode/src-dst/level");

	if (fl[0] >= sizeof(word))
		return fail(err, lx->pos, "unknown protocol");
	memcpy(word, f[0], fl[0]);
	word[fl[0]] = '\0';
	if (strcmp(word, "esp") == 0)
		t->proto = IPSEC_PROTO_ESP;
	else if (strcmp(word, "ah") == 0)
		t->proto = IPSEC_PROTO_AH;
	else if (strcmp(word, "ipcomp") == 0)
		t->proto = IPSEC_PROTO_IPCOMP;
	else
		return fail(err, lx->pos, "unknown protocol (esp, ah, ipcomp)");

	if (fl[1] >= sizeof(word))
		return fail(err, (size_t)(f[1] - lx->s), "unknown mode");
	memcpy(word, f[1], fl[1]);
	word[fl[1]] = '\0';
	if (strcmp(word, "transport") == 0)
		t->mode = IPSEC_MODE_TRANSPORT;
	else if (strcmp(word, "tunnel") == 0)
		t->mode = IPSEC_MODE_TUNNEL;
	else if (strcmp(word, "beet") == 0)
		t->mode = IPSEC_MODE_BEET;
	else
		return fail(err, (size_t)(f[1] - lx->s), "unknown mode (transport, tunnel, beet)");

	if (fl[2]) {
		const char *dash = memchr(f[2], '-', fl[2]);

		if (!dash)
			return fail(err, (size_t)(f[2] - lx->s), "endpoints must be SRC-DST");
		if (memchr(f[2], '[', fl[2]))
			return fail(err, (size_t)(f[2] - lx->s), "ports in tunnel endpoints are not supported");
		if (parse_addr_span(f[2], (size_t)(dash - f[2]), &t->src) < 0)
			return fail(err, (size_t)(f[2] - lx->s), "bad tunnel source address");
		if (parse_addr_span(dash + 1, (size_t)(f[2] + fl[2] - dash - 1), &t->dst) < 0)
			return fail(err, (size_t)(dash + 1 - lx->s), "bad tunnel destination address");
		if (t->src.family != t->dst.family)
			return fail(err, (size_t)(f[2] - lx->s), "tunnel endpoints of different families");
	} else if (t->mode == IPSEC_MODE_TUNNEL) {
		return fail(err, (size_t)(f[2] - lx->s), "tunnel mode needs SRC-DST endpoints");
	}

	t->level = IPSEC_LEVEL_DEFAULT;
	if (nf == 4 && fl[3]) {
		size_t pos = (size_t)(f[3] - lx->s);

		if (fl[3] == 7 && strncmp(f[3], "default", 7) == 0)
			t->level = IPSEC_LEVEL_DEFAULT;
		else if (fl[3] == 3 && strncmp(f[3], "use", 3) == 0)
			t->level = IPSEC_LEVEL_USE;
		else if (fl[3] == 7 && strncmp(f[3], "require", 7) == 0)
			t->level = IPSEC_LEVEL_REQUIRE;
		else if (fl[3] >= 6 && strncmp(f[3], "unique", 6) == 0) {
			t->level = IPSEC_LEVEL_UNIQUE;
			if (fl[3] > 6) {
				uint64_t v;

				if (f[3][6] != ':' || !parse_uint(f[3] + 7, fl[3] - 7, MAX_REQID_INPUT, &v) || v == 0)
					return fail(err, pos, "bad reqid in unique:N (1..32767)");
				t->reqid = (uint32_t)v;
			}
		} else {
			return fail(err, pos, "unknown level (default, use, require, unique[:N])");
		}
	}
	return 0;
}

int policystr_parse(const char *s, struct ipsec_policy *p, struct policystr_error *err)
{
	struct lexer lx = { .s = s, .pos = 0, .end = 0 };
	/* Without "prio", setkey has always asked for the default priority. */
	uint32_t prio = PFKEY_PRIORITY_DEFAULT;
	int rc;

	if (!next_token(&lx))
		return fail(err, lx.pos, "direction expected (in, out, fwd)");
	if (tok_is(&lx, "in"))
		p->dir = IPSEC_DIR_IN;
	else if (tok_is(&lx, "out"))
		p->dir = IPSEC_DIR_OUT;
	else if (tok_is(&lx, "fwd"))
		p->dir = IPSEC_DIR_FWD;
	else
		return fail(err, lx.pos, "unknown direction (in, out, fwd)");

	if (!next_token(&lx))
		return fail(err, lx.pos, "action expected (discard, none, ipsec)");
	if (tok_is(&lx, "prio") || tok_is(&lx, "priority")) {
		rc = parse_priority(&lx, &prio, err);
		if (rc < 0)
			return rc;
		if (!next_token(&lx))
			return fail(err, lx.pos, "action expected (discard, none, ipsec)");
	}
	p->priority = prio;
	p->ntmpl = 0;
	if (tok_is(&lx, "discard"))
		p->action = IPSEC_ACTION_DISCARD;
	else if (tok_is(&lx, "none"))
		p->action = IPSEC_ACTION_NONE;
	else if (tok_is(&lx, "ipsec"))
		p->action = IPSEC_ACTION_IPSEC;
	else if (tok_is(&lx, "entrust") || tok_is(&lx, "bypass"))
		return fail(err, lx.pos, "entrust and bypass are not supported by Linux");
	else
		return fail(err, lx.pos, "unknown action (discard, none, ipsec)");

	while (next_token(&lx)) {
		if (p->action != IPSEC_ACTION_IPSEC)
			return fail(err, lx.pos, "requests are only allowed after ipsec");
		if (p->ntmpl == IPSEC_MAX_TEMPLATES)
			return fail(err, lx.pos, "too many requests");
		rc = parse_request(&lx, &p->tmpl[p->ntmpl], err);
		if (rc < 0)
			return rc;
		p->ntmpl++;
	}
	return 0;
}

const char *policystr_fmt_priority(uint32_t prio, char *buf, size_t len)
{
	const char *name;
	int64_t off;

	if (prio == 0) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	/* The nearest of the three named priorities, as setkey prints it. */
	if (prio < PFKEY_PRIORITY_DEFAULT / 4 * 3) {
		name = "high";
		off = (int64_t)PFKEY_PRIORITY_HIGH - prio;
	} else if (prio <= PFKEY_PRIORITY_DEFAULT / 4 * 5) {
		name = "def";
		off = (int64_t)PFKEY_PRIORITY_DEFAULT - prio;
	} else {
		name = "low";
		off = (int64_t)PFKEY_PRIORITY_LOW - prio;
	}
	if (off == 0)
		snprintf(buf, len, "prio %s", name);
	else
		snprintf(buf, len, "prio %s %c %" PRId64, name, off > 0 ? '+' : '-', off > 0 ? off : -off);
	return buf;
}

static const char *level_text(enum ipsec_level l)
{
	switch (l) {
	case IPSEC_LEVEL_USE: return "use";
	case IPSEC_LEVEL_REQUIRE: return "require";
	case IPSEC_LEVEL_UNIQUE: return "unique";
	default: return "default";
	}
}

const char *policystr_fmt_request(const struct ipsec_template *t, char *buf, size_t len)
{
	char ends[2 * ADDR_STRLEN + 2] = "", s[ADDR_STRLEN], d[ADDR_STRLEN], lvl[24];

	if (t->src.family != AF_UNSPEC)
		snprintf(ends, sizeof(ends), "%s-%s", addr_fmt(&t->src, s, sizeof(s)),
			 addr_fmt(&t->dst, d, sizeof(d)));
	if (t->level == IPSEC_LEVEL_UNIQUE && t->reqid)
		snprintf(lvl, sizeof(lvl), "unique%c%u", t->reqid > PFKEY_MANUAL_REQID_MAX ? '#' : ':', t->reqid);
	else
		snprintf(lvl, sizeof(lvl), "%s", level_text(t->level));
	snprintf(buf, len, "%s/%s/%s/%s", ipsec_proto_name(t->proto), ipsec_mode_name(t->mode), ends, lvl);
	return buf;
}

int policystr_fmt(const struct ipsec_policy *p, char *buf, size_t len)
{
	char prio[40], req[2 * ADDR_STRLEN + 64];
	size_t used;
	unsigned i;
	int n;

	policystr_fmt_priority(p->priority, prio, sizeof(prio));
	n = snprintf(buf, len, "%s%s%s %s", ipsec_dir_name(p->dir), *prio ? " " : "", prio,
		     ipsec_action_name(p->action));
	for (i = 0; i < p->ntmpl && n >= 0; i++) {
		int m;

		used = (size_t)n < len ? (size_t)n : len;
		m = snprintf(buf + used, len - used, " %s", policystr_fmt_request(&p->tmpl[i], req, sizeof(req)));
		n += m;
	}
	return n;
}
