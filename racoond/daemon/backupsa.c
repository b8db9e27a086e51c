/* "path backupsa": the line codec and the file (see backupsa.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "racoond/daemon/backupsa.h"

#define BSA_LINE_MAX 2048
#define BSA_MAX_TOKENS 24
#define BSA_HEADER "# racoond backupsa: installed SAs with their keys; keep this file private\n"

/* ---- formatting ---- */

struct out {
	char *p;
	size_t len, off;
	bool full;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p + o->off, o->len - o->off, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->off)
		o->full = true;
	else
		o->off += (size_t)n;
}

static void put_hex(struct out *o, const uint8_t *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(o, "%02x", k[i]);
}

static void put_alg(struct out *o, const char *tag, const struct ipsec_alg *a, bool icv)
{
	put(o, " %s=%s:%u", tag, a->name, a->key_bits);
	if (icv)
		put(o, ":%u", a->icv_bits);
	put(o, ":");
	put_hex(o, a->key, a->key_bits / 8);
}

static int finish(struct out *o)
{
	put(o, "\n");
	if (o->full) {
		explicit_bzero(o->p, o->len);
		return -ENOBUFS;
	}
	return (int)o->off;
}

int bsa_format_sa(const struct ipsec_sa *sa, uint64_t added, char *buf, size_t len)
{
	struct out o = { buf, len, 0, len == 0 };
	char s[ADDR_STRLEN], d[ADDR_STRLEN];

	put(&o, "sa %" PRIu64 " %s %s %s 0x%08x %s %u %u %u %" PRIu64 " %" PRIu64 " %" PRIu64
		" %" PRIu64 " %u %u", added, addr_fmt(&sa->src, s, sizeof(s)),
	    addr_fmt(&sa->dst, d, sizeof(d)), ipsec_proto_name(sa->proto), sa->spi,
	    ipsec_mode_name(sa->mode), sa->reqid, sa->replay_window, sa->flags,
	    sa->soft.add_seconds, sa->hard.add_seconds, sa->soft.bytes, sa->hard.bytes,
	    sa->encap_sport, sa->encap_dport);
	if (sa->has_enc)
		put_alg(&o, "enc", &sa->enc, false);
	if (sa->has_auth)
		put_alg(&o, "auth", &sa->auth, true);
	if (sa->has_aead)
		put_alg(&o, "aead", &sa->aead, true);
	if (sa->has_comp)
		put(&o, " comp=%s", sa->comp.name);
	return finish(&o);
}

int bsa_format_del(const struct ip_addr *dst, enum ipsec_proto proto, uint32_t spi, uint64_t when,
		   char *buf, size_t len)
{
	struct out o = { buf, len, 0, len == 0 };
	char d[ADDR_STRLEN];

	put(&o, "del %" PRIu64 " %s %s 0x%08x", when, addr_fmt(dst, d, sizeof(d)),
	    ipsec_proto_name(proto), spi);
	return finish(&o);
}

/* ---- parsing ---- */

static int num(const char *s, int base, uint64_t max, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, base);
	if (errno || *end || *v > max)
		return -EINVAL;
	return 0;
}

static int spi_of(const char *s, uint32_t *spi)
{
	uint64_t v;

	if (strncmp(s, "0x", 2) != 0 || num(s + 2, 16, UINT32_MAX, &v) < 0)
		return -EINVAL;
	*spi = (uint32_t)v;
	return 0;
}

static int proto_of(const char *s, enum ipsec_proto *p)
{
	if (ipsec_proto_parse(s, p) < 0)
		return -EINVAL;
	return *p == IPSEC_PROTO_ESP || *p == IPSEC_PROTO_AH || *p == IPSEC_PROTO_IPCOMP ? 0 : -EINVAL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "name" then ":"-separated fields; the name is a kernel algorithm name,
 * the key may be empty (null encryption). */
static int alg_of(char *v, struct ipsec_alg *a, bool icv, bool key)
{
	char *f[4];
	unsigned n = 0, want = key ? 3u + icv : 1u;
	uint64_t bits = 0, icvb = 0;
	size_t hl;

	for (char *p = v; p; ) {
		char *c = strchr(p, ':');

		if (n == 4)
			return -EINVAL;
		f[n++] = p;
		if (c)
			*c++ = '\0';
		p = c;
	}
	if (n != want || !*f[0] || strlen(f[0]) >= sizeof(a->name))
		return -EINVAL;
	for (const char *c = f[0]; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || strchr("()-_.", *c)))
			return -EINVAL;
	memset(a, 0, sizeof(*a));
	strcpy(a->name, f[0]);
	if (!key)
		return 0;
	if (num(f[1], 10, IPSEC_MAX_KEY * 8, &bits) < 0 || bits % 8 ||
	    (icv && num(f[2], 10, UINT16_MAX, &icvb) < 0))
		return -EINVAL;
	a->key_bits = (uint16_t)bits;
	a->icv_bits = (uint16_t)icvb;
	hl = strlen(f[n - 1]);
	if (hl != bits / 4)
		return -EINVAL;
	for (size_t i = 0; i < hl / 2; i++) {
		int hi = hexval(f[n - 1][2 * i]), lo = hexval(f[n - 1][2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		a->key[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static int parse_sa(char **t, unsigned n, struct bsa_entry *e)
{
	struct ipsec_sa *sa = &e->sa;
	uint64_t v[13];
	/* Positions of the numeric fields after "sa", and their limits. */
	static const struct { unsigned at; int base; uint64_t max; } nf[] = {
		{ 1, 10, UINT64_MAX }, { 7, 10, UINT32_MAX }, { 8, 10, UINT8_MAX },
		{ 9, 10, UINT32_MAX }, { 10, 10, UINT64_MAX }, { 11, 10, UINT64_MAX },
		{ 12, 10, UINT64_MAX }, { 13, 10, UINT64_MAX }, { 14, 10, UINT16_MAX },
		{ 15, 10, UINT16_MAX },
	};

	if (n < 16)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(nf) / sizeof(nf[0]); i++)
		if (num(t[nf[i].at], nf[i].base, nf[i].max, &v[i]) < 0)
			return -EINVAL;
	if (addr_parse(&sa->src, t[2]) < 0 || addr_parse(&sa->dst, t[3]) < 0 ||
	    sa->src.family != sa->dst.family || proto_of(t[4], &sa->proto) < 0 ||
	    spi_of(t[5], &sa->spi) < 0 || ipsec_mode_parse(t[6], &sa->mode) < 0)
		return -EINVAL;
	e->when = v[0];
	sa->reqid = (uint32_t)v[1];
	sa->replay_window = (uint8_t)v[2];
	sa->flags = (uint32_t)v[3];
	sa->soft.add_seconds = v[4];
	sa->hard.add_seconds = v[5];
	sa->soft.bytes = v[6];
	sa->hard.bytes = v[7];
	sa->encap_sport = (uint16_t)v[8];
	sa->encap_dport = (uint16_t)v[9];
	for (unsigned i = 16; i < n; i++) {
		char *val = strchr(t[i], '=');
		bool *has;
		int r;

		if (!val)
			return -EINVAL;
		*val++ = '\0';
		if (strcmp(t[i], "enc") == 0) {
			has = &sa->has_enc;
			r = *has ? -EINVAL : alg_of(val, &sa->enc, false, true);
		} else if (strcmp(t[i], "auth") == 0) {
			has = &sa->has_auth;
			r = *has ? -EINVAL : alg_of(val, &sa->auth, true, true);
		} else if (strcmp(t[i], "aead") == 0) {
			has = &sa->has_aead;
			r = *has ? -EINVAL : alg_of(val, &sa->aead, true, true);
		} else if (strcmp(t[i], "comp") == 0) {
			has = &sa->has_comp;
			r = *has ? -EINVAL : alg_of(val, &sa->comp, false, false);
		} else {
			return -EINVAL;
		}
		if (r < 0)
			return r;
		*has = true;
	}
	return BSA_LINE_SA;
}

static int parse_del(char **t, unsigned n, struct bsa_entry *e)
{
	if (n != 5 || num(t[1], 10, UINT64_MAX, &e->when) < 0 || addr_parse(&e->sa.dst, t[2]) < 0 ||
	    proto_of(t[3], &e->sa.proto) < 0 || spi_of(t[4], &e->sa.spi) < 0)
		return -EINVAL;
	return BSA_LINE_DEL;
}

int bsa_parse(const char *line, struct bsa_entry *e)
{
	char buf[BSA_LINE_MAX], *t[BSA_MAX_TOKENS], *save = NULL;
	size_t len = strlen(line);
	unsigned n = 0;
	int r;

	memset(e, 0, sizeof(*e));
	if (len && line[len - 1] == '\n')
		len--;
	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, line, len);
	buf[len] = '\0';
	for (char *p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
		if (n == BSA_MAX_TOKENS) {
			explicit_bzero(buf, sizeof(buf));
			return -EINVAL;
		}
		t[n++] = p;
	}
	if (n == 0 || t[0][0] == '#')
		r = BSA_LINE_NONE;
	else if (strcmp(t[0], "sa") == 0)
		r = parse_sa(t, n, e);
	else if (strcmp(t[0], "del") == 0)
		r = parse_del(t, n, e);
	else
		r = -EINVAL;
	explicit_bzero(buf, sizeof(buf));
	if (r < 0)
		explicit_bzero(e, sizeof(*e));
	else
		e->type = (enum bsa_line)r;
	return r;
}

bool bsa_live_at(const struct bsa_entry *e, uint64_t now, struct ipsec_sa *out)
{
	uint64_t hard = e->sa.hard.add_seconds, soft = e->sa.soft.add_seconds;

	if (e->type != BSA_LINE_SA || (hard && e->when + hard <= now))
		return false;
	*out = e->sa;
	out->hard.add_seconds = hard ? e->when + hard - now : 0;
	out->soft.add_seconds = soft && e->when + soft > now ? e->when + soft - now : 0;
	return true;
}

/* ---- the file ---- */

int bsa_append(const char *path, const char *line, size_t len)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	ssize_t n;
	int rc = 0;

	if (fd < 0)
		return -errno;
	/* One write: a line is never interleaved with another. */
	n = write(fd, line, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

struct entries {
	struct bsa_entry *v;
	size_t n, cap;
};

static void entries_free(struct entries *es)
{
	if (es->v)
		explicit_bzero(es->v, es->cap * sizeof(*es->v));
	free(es->v);
}

/* Adds an SA line, or applies a "del" line to the SAs before it. */
static int entries_take(struct entries *es, const struct bsa_entry *e, struct bsa_stats *st)
{
	if (e->type == BSA_LINE_DEL) {
		for (size_t i = 0; i < es->n; i++) {
			struct ipsec_sa *s = &es->v[i].sa;

			if (es->v[i].type == BSA_LINE_SA && s->spi == e->sa.spi &&
			    s->proto == e->sa.proto && addr_eq(&s->dst, &e->sa.dst)) {
				es->v[i].type = BSA_LINE_NONE;
				st->deleted++;
			}
		}
		return 0;
	}
	if (es->n == es->cap) {
		size_t cap = es->cap ? 2 * es->cap : 16;
		struct bsa_entry *v = calloc(cap, sizeof(*v));

		if (!v)
			return -ENOMEM;
		if (es->n)
			memcpy(v, es->v, es->n * sizeof(*v));
		entries_free(es);
		es->v = v;
		es->cap = cap;
	}
	es->v[es->n++] = *e;
	return 0;
}

/* The whole file in one buffer (no stdio buffer keeps keys), wiped by
 * the caller.  -EFBIG beyond BSA_FILE_MAX. */
#define BSA_FILE_MAX (16 * 1024 * 1024)

static int slurp(int fd, char **out, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_size < 0 || st.st_size >= BSA_FILE_MAX)
		return -EFBIG;
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = -errno;

			explicit_bzero(buf, cap);
			free(buf);
			return e;
		}
		if (r == 0 || (n += (size_t)r) == cap - 1)
			break;
	}
	buf[n] = '\0';
	*out = buf;
	*len = cap;
	return 0;
}

static int read_entries(int fd, struct entries *es, struct bsa_stats *st)
{
	char *buf = NULL, *save = NULL;
	size_t cap = 0;
	struct bsa_entry e;
	int rc = slurp(fd, &buf, &cap);

	if (rc < 0)
		return rc;
	for (char *l = strtok_r(buf, "\n", &save); rc == 0 && l; l = strtok_r(NULL, "\n", &save)) {
		int r = bsa_parse(l, &e);

		if (r < 0)
			st->malformed++;
		else if (r != BSA_LINE_NONE)
			rc = entries_take(es, &e, st);
		explicit_bzero(&e, sizeof(e));
	}
	explicit_bzero(buf, cap);
	free(buf);
	return rc;
}

/* Writes the live SAs to path.tmp and renames it over path. */
static int rewrite(const char *path, const struct entries *es, uint64_t now)
{
	char tmp[4096], line[BSA_LINE_MAX];
	struct ipsec_sa sa;
	FILE *f;
	int fd, rc = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return -ENAMETOOLONG;
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f) {
		rc = -errno;
		close(fd);
		unlink(tmp);
		return rc;
	}
	/* Unbuffered: the keys go from line, which is wiped, to the file. */
	setvbuf(f, NULL, _IONBF, 0);
	fputs(BSA_HEADER, f);
	for (size_t i = 0; i < es->n; i++) {
		int n;

		if (es->v[i].type != BSA_LINE_SA || !bsa_live_at(&es->v[i], now, &sa))
			continue;
		n = bsa_format_sa(&es->v[i].sa, es->v[i].when, line, sizeof(line));
		if (n > 0)
			fwrite(line, 1, (size_t)n, f);
	}
	explicit_bzero(line, sizeof(line));
	explicit_bzero(&sa, sizeof(sa));
	if (fflush(f) != 0 || fsync(fd) < 0)
		rc = -errno;
	if (fclose(f) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int bsa_compact(const char *path, uint64_t now, bsa_install_fn *install, void *arg,
		struct bsa_stats *st)
{
	struct entries es = { 0 };
	struct ipsec_sa sa;
	int fd, rc;

	memset(st, 0, sizeof(*st));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	rc = read_entries(fd, &es, st);
	close(fd);
	if (rc == 0) {
		for (size_t i = 0; i < es.n; i++) {
			if (es.v[i].type != BSA_LINE_SA)
				continue;
			if (bsa_live_at(&es.v[i], now, &sa))
				st->live++;
			else
				st->expired++;
		}
		rc = rewrite(path, &es, now);
	}
	for (size_t i = 0; rc == 0 && install && i < es.n; i++) {
		if (es.v[i].type != BSA_LINE_SA || !bsa_live_at(&es.v[i], now, &sa))
			continue;
		int r = install(&sa, arg);

		if (r == 0)
			st->installed++;
		else if (r > 0)
			st->present++;
		else
			st->failed++;
	}
	explicit_bzero(&sa, sizeof(sa));
	entries_free(&es);
	return rc;
}
