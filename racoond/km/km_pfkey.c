/* km over PF_KEY v2 (libpfkey): the kernel interface racoon's users run. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "libpfkey/convert.h"
#include "libpfkey/socket.h"
#include "racoond/km/km_impl.h"

struct kp {
	struct pfkey_sock s;
	uint8_t buf[4096];           /* requests */
};

static struct kp *kp_of(struct km *km) { return km->priv; }

static int kp_open(struct km *km)
{
	static const uint8_t satypes[] = { SADB_SATYPE_ESP, SADB_SATYPE_AH, SADB_X_SATYPE_IPCOMP };
	struct kp *kp = calloc(1, sizeof(*kp));
	unsigned ok = 0;
	size_t i;
	int rc, last = 0;

	if (!kp)
		return -ENOMEM;
	rc = pfkey_open(&kp->s);
	if (rc < 0) {
		km_set_error(km, rc, "km: socket(PF_KEY)");
		free(kp);
		return rc;
	}
	/* racoon's rule: registration fails only if it fails for all three. */
	for (i = 0; i < sizeof(satypes); i++) {
		rc = pfkey_register(&kp->s, satypes[i], NULL);
		if (rc == 0 || rc == -EEXIST)
			ok++;
		else
			last = rc;
	}
	if (!ok) {
		km_set_error(km, last, "km: SADB_REGISTER for ESP, AH and IPComp");
		pfkey_close(&kp->s);
		free(kp);
		return last;
	}
	km->priv = kp;
	km->fd = kp->s.fd;
	if (kp->s.nqueued)
		km_kick(km);
	return 0;
}

static void kp_close(struct km *km)
{
	struct kp *kp = kp_of(km);
	pfkey_close(&kp->s);
	free(kp);
	km->priv = NULL;
}

/* One message from the kernel: parse, translate, deliver. */
static void handle(struct km *km, const uint8_t *msg, size_t len)
{
	struct pfkey_msg m;
	struct km_event ev;
	int rc;

	if (pfkey_parse(msg, len, &m) < 0) {
		km->stats.bad++;
		log_warn("km: malformed PF_KEY message of %zu bytes ignored", len);
		return;
	}
	rc = km_pfkey_translate(&m, kp_of(km)->s.pid, &km->spd, &ev);
	if (rc == KM_XLATE_EVENT) {
		km_deliver(km, &ev);
	} else if (rc == KM_XLATE_IGNORE) {
		km->stats.ignored++;
	} else if (rc == -ENOENT) {
		km->stats.unknown_policy++;
		log_warn("km: ACQUIRE seq %u for policy id %u, which is not in the SPD",
			 m.hdr->sadb_msg_seq, m.policy->sadb_x_policy_id);
	} else {
		km->stats.bad++;
		log_warn("km: %s message not understood, ignored",
			 pfkey_msg_type_name(m.hdr->sadb_msg_type) ? pfkey_msg_type_name(m.hdr->sadb_msg_type) : "PF_KEY");
	}
}

static void kp_pump(struct km *km)
{
	struct kp *kp = kp_of(km);
	const uint8_t *msg;
	size_t len;
	int rc;

	while ((rc = pfkey_recv(&kp->s, &msg, &len, 0)) == 0)
		handle(km, msg, len);
	if (rc != -EAGAIN)
		log_warn("km: PF_KEY receive: %s", strerror(-rc));
}

/* After a request, broadcasts received meanwhile wait in the socket's
 * queue: have the loop deliver them. */
static int finish(struct km *km, int rc)
{
	if (kp_of(km)->s.nqueued)
		km_kick(km);
	return rc;
}

static int kp_getspi(struct km *km, struct ipsec_sa *sa, uint32_t seq)
{
	struct kp *kp = kp_of(km);
	struct pfkey_builder b;
	struct pfkey_msg reply;
	int mode = pfkey_mode(sa->mode), len, rc;
	uint8_t satype = pfkey_satype(sa->proto);

	if (!satype || mode < 0) {
		km_set_error(km, -EINVAL, "km: GETSPI: no PF_KEY number for %s mode %s",
			     ipsec_proto_name(sa->proto), ipsec_mode_name(sa->mode));
		return -EINVAL;
	}
	/* The ACQUIRE's sequence in the header lets the kernel complete the
	 * larval state it made. */
	pfkey_build_init(&b, kp->buf, sizeof(kp->buf), SADB_GETSPI, satype,
			 seq ? seq : pfkey_next_seq(&kp->s), kp->s.pid);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_SRC, &sa->src, 0, (uint8_t)addr_bits(&sa->src), PFKEY_ULPROTO_ANY);
	pfkey_add_address(&b, SADB_EXT_ADDRESS_DST, &sa->dst, 0, (uint8_t)addr_bits(&sa->dst), PFKEY_ULPROTO_ANY);
	pfkey_add_sa2(&b, (uint8_t)mode, sa->reqid, 0);
	/* A CPI is 16 bits: the kernel refuses IPComp's default range. */
	if (sa->proto == IPSEC_PROTO_IPCOMP)
		pfkey_add_spirange(&b, KM_CPI_MIN, KM_CPI_MAX);
	len = pfkey_build_finish(&b);
	if (len < 0)
		return len;
	rc = pfkey_request(&kp->s, kp->buf, (size_t)len, &reply);
	if (rc == 0 && !reply.sa)
		rc = -EBADMSG;
	if (rc < 0) {
		char s[ADDR_STRLEN], d[ADDR_STRLEN];
		km_set_error(km, rc, "km: GETSPI %s %s -> %s", ipsec_proto_name(sa->proto),
			     addr_fmt(&sa->src, s, sizeof(s)), addr_fmt(&sa->dst, d, sizeof(d)));
		return finish(km, rc);
	}
	sa->spi = ntohl(reply.sa->sadb_sa_spi);
	return finish(km, 0);
}

static int sa_request(struct km *km, uint8_t type, const struct ipsec_sa *sa, struct ipsec_sa *out)
{
	struct kp *kp = kp_of(km);
	struct pfkey_msg reply;
	int len, rc;

	len = pfkey_build_sa(type, pfkey_next_seq(&kp->s), kp->s.pid, sa, kp->buf, sizeof(kp->buf));
	if (len < 0) {
		rc = len;
	} else {
		rc = pfkey_request(&kp->s, kp->buf, (size_t)len, &reply);
		if (rc == 0 && out)
			rc = pfkey_msg_to_sa(&reply, out) < 0 ? -EBADMSG : 0;
	}
	explicit_bzero(kp->buf, sizeof(kp->buf));
	if (rc < 0) {
		char d[ADDR_STRLEN];
		km_set_error(km, rc, "km: %s %s spi 0x%08x dst %s", pfkey_msg_type_name(type),
			     ipsec_proto_name(sa->proto), sa->spi, addr_fmt(&sa->dst, d, sizeof(d)));
	}
	return finish(km, rc);
}

static int kp_update(struct km *km, const struct ipsec_sa *sa) { return sa_request(km, SADB_UPDATE, sa, NULL); }
static int kp_add(struct km *km, const struct ipsec_sa *sa) { return sa_request(km, SADB_ADD, sa, NULL); }
static int kp_delete(struct km *km, const struct ipsec_sa *key) { return sa_request(km, SADB_DELETE, key, NULL); }

static int kp_get(struct km *km, struct ipsec_sa *io)
{
	struct ipsec_sa key = *io;
	int rc = sa_request(km, SADB_GET, &key, io);
	if (rc < 0)
		*io = key;
	return rc;
}

struct sa_walk {
	km_sa_fn *cb;
	void *arg;
};

static int sa_dump_cb(const struct pfkey_msg *m, void *arg)
{
	struct sa_walk *w = arg;
	struct ipsec_sa sa;
	int rc;

	if (pfkey_msg_to_sa(m, &sa) < 0)
		return 0;
	rc = w->cb(&sa, w->arg);
	ipsec_sa_wipe(&sa);
	return rc;
}

static int kp_sa_dump(struct km *km, enum ipsec_proto proto, km_sa_fn *cb, void *arg)
{
	struct sa_walk w = { cb, arg };
	int rc = pfkey_dump(&kp_of(km)->s, SADB_DUMP, proto ? pfkey_satype(proto) : 0, sa_dump_cb, &w);
	if (rc < 0)
		km_set_error(km, rc, "km: SADB_DUMP");
	return finish(km, rc);
}

static int kp_sa_flush(struct km *km, enum ipsec_proto proto)
{
	int rc = pfkey_flush(&kp_of(km)->s, SADB_FLUSH, pfkey_satype(proto));
	if (rc < 0)
		km_set_error(km, rc, "km: SADB_FLUSH %s", ipsec_proto_name(proto));
	return finish(km, rc);
}

static int spd_dump_cb(const struct pfkey_msg *m, void *arg)
{
	struct km *km = arg;
	struct km_event ev;
	int rc = km_pfkey_translate(m, 0, &km->spd, &ev);

	if (rc == KM_XLATE_EVENT) {
		km_deliver(km, &ev);
	} else if (rc < 0) {
		km->stats.bad++;
	}
	return 0;
}

static int kp_spd_dump(struct km *km)
{
	int rc = pfkey_dump(&kp_of(km)->s, SADB_X_SPDDUMP, 0, spd_dump_cb, km);
	if (rc < 0)
		km_set_error(km, rc, "km: SADB_X_SPDDUMP");
	return finish(km, rc);
}

static int spd_request(struct km *km, uint8_t type, const struct ipsec_policy *p)
{
	struct kp *kp = kp_of(km);
	struct pfkey_msg reply;
	struct km_event ev;
	int len, rc;

	len = pfkey_build_policy(type, pfkey_next_seq(&kp->s), kp->s.pid, p, kp->buf, sizeof(kp->buf));
	rc = len < 0 ? len : pfkey_request(&kp->s, kp->buf, (size_t)len, &reply);
	if (rc < 0) {
		char sel[160];
		km_set_error(km, rc, "km: %s %s dir %s", pfkey_msg_type_name(type),
			     ipsec_selector_fmt(&p->sel, sel, sizeof(sel)), ipsec_dir_name(p->dir));
		return finish(km, rc);
	}
	/* XFRM reports our own policy changes as events; so does this backend. */
	if (km_pfkey_translate(&reply, 0, &km->spd, &ev) == KM_XLATE_EVENT)
		km_post(km, &ev);
	return finish(km, 0);
}

static int kp_spd_add(struct km *km, const struct ipsec_policy *p) { return spd_request(km, SADB_X_SPDADD, p); }
static int kp_spd_delete(struct km *km, const struct ipsec_policy *p) { return spd_request(km, SADB_X_SPDDELETE, p); }

const struct km_ops km_pfkey_ops = {
	.open = kp_open,
	.close = kp_close,
	.getspi = kp_getspi,
	.update_sa = kp_update,
	.add_sa = kp_add,
	.delete_sa = kp_delete,
	.get_sa = kp_get,
	.sa_dump = kp_sa_dump,
	.sa_flush = kp_sa_flush,
	.spd_dump = kp_spd_dump,
	.spd_add = kp_spd_add,
	.spd_delete = kp_spd_delete,
	.pump = kp_pump,
};
