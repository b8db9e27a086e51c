/* The seam between the daemon and the IKEv1 engine (racoond/ike/).
 *
 * Everything the engine needs from the outside arrives here, and only
 * here: ISAKMP datagrams (rd_engine_input), kernel events
 * (rd_engine_km_event), configuration changes and racoonctl's requests.
 * The engine answers through the ops below: datagrams go out of the
 * ISAKMP sockets, key-manager operations to km. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "common/log.h"
#include "racoond/daemon/backupsa.h"
#include "racoond/crypto/ikecrypto.h"
#include "racoond/daemon/daemon.h"
#include "racoond/ike/ike.h"
#include "racoond/conf/conf.h"
#include "racoond/isakmp/isakmp.h"

/* The engine's ops: ctx is the daemon. */

static int op_send(void *ctx, const struct ike_ep *local, const struct ike_ep *remote,
		   const uint8_t *buf, size_t len)
{
	struct rd *d = ctx;
	struct ip_addr any;
	const struct ip_addr *l = &local->addr;
	char r[ADDR_STRLEN];
	int rc;

	/* No local address chosen: the wildcard socket of the remote's
	 * family, and the kernel picks the source. */
	if (l->family == AF_UNSPEC) {
		memset(&any, 0, sizeof(any));
		any.family = remote->addr.family;
		l = &any;
	}
	if (d->opt.verbose)
		log_hexdump(LOG_LVL_DEBUG, "ISAKMP sent", buf, len);
	rc = rd_isakmp_send(d, buf, len, l, local->port, &remote->addr, remote->port);
	if (rc < 0)
		log_warn("ISAKMP: %zu bytes to %s[%u] not sent: %s", len,
			 addr_fmt(&remote->addr, r, sizeof(r)), remote->port, strerror(-rc));
	return rc;
}

static int km_result(struct rd *d, int rc)
{
	if (rc < 0)
		log_err("%s", km_last_error(d->km));
	return rc;
}

static int op_getspi(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
		     enum ipsec_proto proto, enum ipsec_mode mode, uint32_t reqid, uint32_t seq,
		     uint32_t *spi)
{
	struct rd *d = ctx;
	return km_result(d, km_getspi(d->km, src, dst, proto, mode, reqid, seq, spi));
}

/* path backupsa: one line per SA installed or deleted.  A failure is
 * logged once, not at every SA, until the file works again. */
static void backup_line(struct rd *d, const char *line, int len)
{
	const char *path = d->conf->path[RC_PATH_BACKUPSA];
	int rc = len < 0 ? len : bsa_append(path, line, (size_t)len);

	if (rc < 0) {
		if (!d->backupsa_failing)
			log_warn("backupsa %s: %s (SAs are not saved until it works again)", path,
				 strerror(-rc));
		d->backupsa_failing = true;
		return;
	}
	if (d->backupsa_failing)
		log_notice("backupsa %s: saving SAs again", path);
	d->backupsa_failing = false;
	/* Deleted and expired SAs leave the file now and then. */
	if (++d->backupsa_lines >= RD_BACKUPSA_COMPACT_EVERY)
		rd_backupsa_compact(d, false);
}

static void backup_sa(struct rd *d, const struct ipsec_sa *sa)
{
	char line[2048];

	if (!d->conf->path[RC_PATH_BACKUPSA])
		return;
	backup_line(d, line, bsa_format_sa(sa, (uint64_t)time(NULL), line, sizeof(line)));
	explicit_bzero(line, sizeof(line));
}

static int op_update_sa(void *ctx, const struct ipsec_sa *sa)
{
	struct rd *d = ctx;
	int rc = km_result(d, km_update_sa(d->km, sa));

	if (rc == 0)
		backup_sa(d, sa);
	return rc;
}

static int op_add_sa(void *ctx, const struct ipsec_sa *sa)
{
	struct rd *d = ctx;
	int rc = km_result(d, km_add_sa(d->km, sa));

	if (rc == 0)
		backup_sa(d, sa);
	return rc;
}

static int op_delete_sa(void *ctx, const struct ip_addr *src, const struct ip_addr *dst,
			enum ipsec_proto proto, uint32_t spi)
{
	struct rd *d = ctx;
	int rc = km_delete_sa(d->km, src, dst, proto, spi);

	/* Not to be installed again by -B. */
	if ((rc == 0 || rc == -ENOENT || rc == -ESRCH) && d->conf->path[RC_PATH_BACKUPSA]) {
		char line[256];

		backup_line(d, line, bsa_format_del(dst, proto, spi, (uint64_t)time(NULL), line,
						    sizeof(line)));
	}
	/* Already gone (expired, flushed by hand): nothing left to do. */
	if (rc == -ENOENT || rc == -ESRCH)
		return 0;
	return km_result(d, rc);
}

static int op_spd_add(void *ctx, const struct ipsec_policy *p)
{
	struct rd *d = ctx;
	return km_result(d, km_spd_add(d->km, p));
}

static int op_spd_delete(void *ctx, const struct ipsec_policy *p)
{
	struct rd *d = ctx;
	int rc = km_spd_delete(d->km, p);

	if (rc == -ENOENT)
		return 0;
	return km_result(d, rc);
}

static const struct ike_ops rd_ike_ops = {
	.send = op_send,
	.getspi = op_getspi,
	.update_sa = op_update_sa,
	.add_sa = op_add_sa,
	.delete_sa = op_delete_sa,
	.spd_add = op_spd_add,
	.spd_delete = op_spd_delete,
};

int rd_engine_init(struct rd *d)
{
	unsigned char seed[16];
	int rc = ike_engine_new(&d->ike, ev_loop_timers(&d->loop), d->conf, d->creds,
				&rd_ike_ops, d);

	if (rc < 0) {
		log_err("IKE engine: %s", strerror(-rc));
		return rc;
	}
	/* OpenSSL's random generator is set up on first use, which takes
	 * about a second on a slow machine: at start, not in the first
	 * negotiation. */
	if (RAND_bytes(seed, sizeof(seed)) != 1)
		log_warn("IKE engine: the random generator is not ready yet");
	OPENSSL_cleanse(seed, sizeof(seed));
	/* Likewise OpenSSL's first use of each algorithm: at start, not in
	 * the first negotiation (a mobile node's bootstrap). */
	if (ike_crypto_warmup() < 0)
		log_warn("IKE engine: some of OpenSSL's IKE algorithms did not work at start");
	return 0;
}

void rd_engine_fini(struct rd *d)
{
	ike_engine_free(d->ike);
	d->ike = NULL;
}

void rd_engine_input(struct rd *d, const uint8_t *buf, size_t len, const struct ip_addr *local,
		     uint16_t lport, const struct ip_addr *remote, uint16_t rport)
{
	struct ike_ep l = { .addr = *local, .port = lport }, r = { .addr = *remote, .port = rport };
	char ls[ADDR_STRLEN], rs[ADDR_STRLEN];
	int rc;

	log_debug("ISAKMP: %zu bytes %s[%u] -> %s[%u]", len, addr_fmt(remote, rs, sizeof(rs)), rport,
		  addr_fmt(local, ls, sizeof(ls)), lport);
	rc = ike_input(d->ike, buf, len, &l, &r);
	if (rc < 0)
		log_debug("ISAKMP: datagram from %s[%u] dropped: %s", rs, rport, strerror(-rc));
}

static void log_policy(const char *what, const struct ipsec_policy *p)
{
	char sel[160], s[ADDR_STRLEN], t[ADDR_STRLEN];
	unsigned i;

	log_debug("km: %s %s dir %s index %u action %s", what,
		  ipsec_selector_fmt(&p->sel, sel, sizeof(sel)), ipsec_dir_name(p->dir), p->index,
		  ipsec_action_name(p->action));
	for (i = 0; i < p->ntmpl; i++)
		log_debug("km:   tmpl %s %s %s -> %s reqid %u level %s", ipsec_proto_name(p->tmpl[i].proto),
			  ipsec_mode_name(p->tmpl[i].mode), addr_fmt(&p->tmpl[i].src, s, sizeof(s)),
			  addr_fmt(&p->tmpl[i].dst, t, sizeof(t)), p->tmpl[i].reqid,
			  ipsec_level_name(p->tmpl[i].level));
}

static void log_migrate(const struct ipsec_migrate_msg *m)
{
	char sel[160], a[ADDR_STRLEN], b[ADDR_STRLEN], c[ADDR_STRLEN], e[ADDR_STRLEN];
	unsigned i;

	log_debug("km: MIGRATE %s dir %s entries %u", ipsec_selector_fmt(&m->sel, sel, sizeof(sel)),
		  ipsec_dir_name(m->dir), m->nentries);
	if (m->has_kmaddress)
		log_debug("km:   kmaddress local %s remote %s", addr_fmt(&m->kmaddress.local, a, sizeof(a)),
			  addr_fmt(&m->kmaddress.remote, b, sizeof(b)));
	else
		log_debug("km:   no kmaddress");
	for (i = 0; i < m->nentries; i++) {
		const struct ipsec_migrate *x = &m->entries[i];
		log_debug("km:   [%u] %s %s reqid %u old %s -> %s new %s -> %s", i,
			  ipsec_proto_name(x->proto), ipsec_mode_name(x->mode), x->reqid,
			  addr_fmt(&x->old_src, a, sizeof(a)), addr_fmt(&x->old_dst, b, sizeof(b)),
			  addr_fmt(&x->new_src, c, sizeof(c)), addr_fmt(&x->new_dst, e, sizeof(e)));
	}
}

static void log_sa(const char *what, const struct ipsec_sa *sa)
{
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	log_debug("km: %s %s %s -> %s spi 0x%08x reqid %u mode %s", what, ipsec_proto_name(sa->proto),
		  addr_fmt(&sa->src, s, sizeof(s)), addr_fmt(&sa->dst, t, sizeof(t)), sa->spi,
		  sa->reqid, ipsec_mode_name(sa->mode));
}

void rd_engine_km_event(const struct km_event *ev, void *arg)
{
	struct rd *d = arg;
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	int rc;

	switch (ev->type) {
	case KM_EV_ACQUIRE:
		d->stats.acquires++;
		log_debug("km: ACQUIRE seq %u %s -> %s policy index %u", ev->u.acquire.seq,
			  addr_fmt(&ev->u.acquire.src, s, sizeof(s)),
			  addr_fmt(&ev->u.acquire.dst, t, sizeof(t)), ev->u.acquire.policy.index);
		log_policy("ACQUIRE policy", &ev->u.acquire.policy);
		break;
	case KM_EV_EXPIRE:
		d->stats.expires++;
		log_sa(ev->u.expire.hard ? "EXPIRE hard" : "EXPIRE soft", &ev->u.expire.sa);
		break;
	case KM_EV_MIGRATE:
		d->stats.migrates++;
		log_migrate(&ev->u.migrate);
		break;
	case KM_EV_SPD_ADD:
		d->stats.spd_changes++;
		log_policy("SPD_ADD", &ev->u.policy);
		break;
	case KM_EV_SPD_DELETE:
		d->stats.spd_changes++;
		log_policy("SPD_DELETE", &ev->u.policy);
		break;
	case KM_EV_SA_DELETE:
		d->stats.sa_deletes++;
		log_sa("SA_DELETE", &ev->u.sa);
		break;
	}
	if (!d->ike)
		return;
	rc = ike_km_event(d->ike, ev);
	if (rc < 0 && ev->type == KM_EV_ACQUIRE)
		log_info("ACQUIRE %s -> %s: no negotiation started: %s",
			 addr_fmt(&ev->u.acquire.src, s, sizeof(s)),
			 addr_fmt(&ev->u.acquire.dst, t, sizeof(t)), strerror(-rc));
}

void rd_engine_conf_changed(struct rd *d)
{
	int rc = ike_engine_reload(d->ike, d->conf, d->creds);

	if (rc < 0)
		log_err("IKE engine: reload: %s", strerror(-rc));
}

void rd_engine_shutdown(struct rd *d)
{
	ike_engine_flush(d->ike);
}

void rd_engine_stats(struct rd *d, bool json, bool *first, FILE *out)
{
	const struct ike_stats *s = ike_engine_stats(d->ike);
	static const struct {
		const char *name;
		size_t off;
	} f[] = {
#define F(x) { "ike_" #x, offsetof(struct ike_stats, x) }
		F(rx), F(tx), F(malformed), F(unknown_cookie), F(unexpected), F(unprotected_info),
		F(bad_hash), F(bad_auth), F(no_proposal), F(no_config), F(passive_refused),
		F(retransmits_answered), F(resends), F(timeouts), F(notifies_rx),
		F(ph1_established), F(ph2_established), F(kernel_errors), F(dpd_dead), F(too_many),
#undef F
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		uint64_t v;
		memcpy(&v, (const uint8_t *)s + f[i].off, sizeof(v));
		rd_stat_line(out, json, first, f[i].name, v);
	}
}

/* show-sa isakmp: racoon's layout (Destination, Cookies, Created) with
 * what racoon's -l adds (Source first, state, side, exchange). */

struct ph1_print {
	FILE *out;
	bool json;
	unsigned n;
	uint64_t now_ms;
	time_t now;
};

static const char *xchg_name(uint8_t x)
{
	switch (x) {
	case ISAKMP_ETYPE_IDENT:
		return "main";
	case ISAKMP_ETYPE_AGG:
		return "aggressive";
	default:
		return "other";
	}
}

static void cookies_fmt(const struct ike_ph1_info *i, char *buf, size_t len)
{
	size_t k, o = 0;

	for (k = 0; k < 8; k++)
		o += (size_t)snprintf(buf + o, len - o, "%02x", i->icookie[k]);
	buf[o++] = ':';
	for (k = 0; k < 8; k++)
		o += (size_t)snprintf(buf + o, len - o, "%02x", i->rcookie[k]);
}

static void print_ph1(const struct ike_ph1_info *i, void *arg)
{
	struct ph1_print *p = arg;
	char l[ADDR_STRLEN], r[ADDR_STRLEN], ls[ADDR_STRLEN + 8], rs[ADDR_STRLEN + 8];
	char ck[40], when[32];
	uint64_t age = p->now_ms > i->created_ms ? p->now_ms - i->created_ms : 0;
	time_t created = p->now - (time_t)(age / 1000);
	struct tm tm;

	localtime_r(&created, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %T", &tm);
	cookies_fmt(i, ck, sizeof(ck));
	addr_fmt(&i->local.addr, l, sizeof(l));
	addr_fmt(&i->remote.addr, r, sizeof(r));
	if (p->json) {
		fprintf(p->out,
			"%s{\"id\":%u,\"src\":\"%s\",\"sport\":%u,\"dst\":\"%s\",\"dport\":%u,"
			"\"cookies\":\"%s\",\"state\":\"%s\",\"side\":\"%s\",\"exchange\":\"%s\","
			"\"created\":\"%s\"}",
			p->n ? ",\n " : "", i->id, l, i->local.port, r, i->remote.port, ck,
			i->established ? "established" : "negotiating", i->initiator ? "I" : "R",
			xchg_name(i->exchange), when);
	} else {
		snprintf(ls, sizeof(ls), "%s.%u", l, i->local.port);
		snprintf(rs, sizeof(rs), "%s.%u", r, i->remote.port);
		fprintf(p->out, "%-35s %-35s %-33s %-3s %s %-10s %s\n", ls, rs, ck,
			i->established ? "EST" : "NEG", i->initiator ? "I" : "R",
			xchg_name(i->exchange), when);
	}
	p->n++;
}

int rd_engine_show_ph1(struct rd *d, bool json, FILE *out)
{
	struct ph1_print p = { .out = out, .json = json, .now = time(NULL),
			       .now_ms = timerq_now(ev_loop_timers(&d->loop)) };

	if (json)
		fputs("[", out);
	else
		fprintf(out, "%-35s %-35s %-33s %-3s %s %-10s %s\n", "Source", "Destination", "Cookies",
			"ST", "S", "E", "Created");
	ike_ph1_foreach(d->ike, print_ph1, &p);
	if (json)
		fputs("]\n", out);
	return 0;
}

/* The ids of the Phase 1 SAs between two addresses (any, when NULL). */
struct ph1_pick {
	const struct ip_addr *src, *dst;
	unsigned *ids;
	size_t n, cap;
};

static void pick_ph1(const struct ike_ph1_info *i, void *arg)
{
	struct ph1_pick *k = arg;

	if (k->src && (!addr_eq(&i->local.addr, k->src) || !addr_eq(&i->remote.addr, k->dst)))
		return;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 8;
		unsigned *v = realloc(k->ids, cap * sizeof(*v));
		if (!v)
			return;
		k->ids = v;
		k->cap = cap;
	}
	k->ids[k->n++] = i->id;
}

/* Deletes the picked Phase 1 SAs; returns how many went. */
static size_t delete_picked(struct rd *d, struct ph1_pick *k)
{
	size_t i, n = 0;

	ike_ph1_foreach(d->ike, pick_ph1, k);
	for (i = 0; i < k->n; i++)
		if (ike_delete_ph1(d->ike, k->ids[i]) == 0)
			n++;
	free(k->ids);
	return n;
}

int rd_engine_flush_ph1(struct rd *d, FILE *out)
{
	struct ph1_pick k = { 0 };
	size_t n = delete_picked(d, &k);

	fprintf(out, "%zu ISAKMP-SAs flushed\n", n);
	log_notice("admin: %zu ISAKMP-SAs flushed", n);
	return 0;
}

int rd_engine_delete_ph1(struct rd *d, const struct ip_addr *src, const struct ip_addr *dst, FILE *out)
{
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	struct ph1_pick k = { .src = src, .dst = dst };
	size_t n = delete_picked(d, &k);

	addr_fmt(src, s, sizeof(s));
	addr_fmt(dst, t, sizeof(t));
	if (!n) {
		fprintf(out, "no ISAKMP-SA between %s and %s\n", s, t);
		return ENOENT;
	}
	fprintf(out, "%zu ISAKMP-SA between %s and %s deleted\n", n, s, t);
	log_notice("admin: ISAKMP-SA %s <-> %s deleted", s, t);
	return 0;
}

/* establish-sa isakmp [inet|inet6] SRC DST */
int rd_engine_establish(struct rd *d, int argc, const char **argv, bool wait, FILE *out)
{
	struct ike_ep l = { .port = RC_ISAKMP_PORT }, r = { .port = RC_ISAKMP_PORT };
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	int i = 1, rc;

	if (strcmp(argv[0], "isakmp") != 0) {
		fputs("establish-sa esp|ah: not supported; traffic matching a policy starts Phase 2\n",
		      out);
		return EOPNOTSUPP;
	}
	if (argc > 1 && (strcmp(argv[1], "inet") == 0 || strcmp(argv[1], "inet6") == 0))
		i++;
	if (argc - i != 2 || addr_parse(&l.addr, argv[i]) < 0 || addr_parse(&r.addr, argv[i + 1]) < 0 ||
	    l.addr.family != r.addr.family) {
		fputs("establish-sa isakmp: two addresses of one family expected\n", out);
		return EINVAL;
	}
	addr_fmt(&l.addr, s, sizeof(s));
	addr_fmt(&r.addr, t, sizeof(t));
	rc = ike_establish(d->ike, &l, &r);
	if (rc == -ENOENT) {
		fprintf(out, "establish-sa: no remote section for %s\n", t);
		return ENOENT;
	}
	if (rc == -EALREADY) {
		fprintf(out, "establish-sa: an ISAKMP-SA with %s exists or is being negotiated\n", t);
		return EALREADY;
	}
	if (rc < 0) {
		fprintf(out, "establish-sa: %s\n", strerror(-rc));
		return -rc;
	}
	log_notice("admin: Phase 1 negotiation %s -> %s started", s, t);
	fprintf(out, "Phase 1 negotiation %s -> %s started%s\n", s, t,
		wait ? " (not waited for: see show-sa isakmp)" : "");
	return 0;
}
