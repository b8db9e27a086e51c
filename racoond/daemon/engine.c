/* The seam between the daemon and the IKEv1 engine (racoond/ike/).
 *
 * Everything the engine needs from the outside arrives here, and only
 * here: ISAKMP datagrams (rd_engine_input), kernel events
 * (rd_engine_km_event), configuration changes and racoonctl's requests.
 * The engine is not part of this build yet, so these functions log what
 * they are given and answer racoonctl honestly: there is no Phase 1 SA,
 * and nothing can be negotiated. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "racoond/daemon/daemon.h"

int rd_engine_init(struct rd *d)
{
	(void)d;
	log_notice("IKE engine not built in: kernel events and ISAKMP datagrams are logged only");
	return 0;
}

void rd_engine_fini(struct rd *d)
{
	(void)d;
}

void rd_engine_input(struct rd *d, const uint8_t *buf, size_t len, const struct ip_addr *local,
		     uint16_t lport, const struct ip_addr *remote, uint16_t rport)
{
	char l[ADDR_STRLEN], r[ADDR_STRLEN];
	(void)d;
	(void)buf;
	log_debug("ISAKMP: %zu bytes %s[%u] -> %s[%u]", len, addr_fmt(remote, r, sizeof(r)), rport,
		  addr_fmt(local, l, sizeof(l)), lport);
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
}

void rd_engine_conf_changed(struct rd *d)
{
	(void)d;
}

void rd_engine_shutdown(struct rd *d)
{
	/* Nothing was negotiated, so nothing was installed. */
	(void)d;
}

int rd_engine_show_ph1(struct rd *d, bool json, FILE *out)
{
	(void)d;
	if (json)
		fputs("[]\n", out);
	else
		fprintf(out, "%-35s %-33s %s\n", "Destination", "Cookies", "Created");
	return 0;
}

int rd_engine_flush_ph1(struct rd *d, FILE *out)
{
	(void)d;
	fputs("0 ISAKMP-SAs flushed\n", out);
	return 0;
}

int rd_engine_delete_ph1(struct rd *d, const struct ip_addr *src, const struct ip_addr *dst, FILE *out)
{
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	(void)d;
	fprintf(out, "no ISAKMP-SA between %s and %s\n", addr_fmt(src, s, sizeof(s)),
		addr_fmt(dst, t, sizeof(t)));
	return ENOENT;
}

int rd_engine_establish(struct rd *d, int argc, const char **argv, bool wait, FILE *out)
{
	(void)d;
	(void)argc;
	(void)argv;
	(void)wait;
	fputs("establish-sa: this racoond has no IKE engine; nothing can be negotiated\n", out);
	return EOPNOTSUPP;
}
