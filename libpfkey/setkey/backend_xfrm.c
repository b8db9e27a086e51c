/* setkey's XFRM netlink backend, over libxfrm: the same commands on
 * kernels without PF_KEY. */
#include "libpfkey/setkey/backend.h"
#include "libpfkey/pfkey.h"
#include "libxfrm/xfrm.h"

#include <errno.h>
#include <string.h>

static struct xfrm_handle *handle_of(struct setkey_backend *be)
{
	return be->ctx;
}

static int x_add_sa(struct setkey_backend *be, const struct ipsec_sa *sa, bool update)
{
	return update ? xfrm_sa_update(handle_of(be), sa) : xfrm_sa_add(handle_of(be), sa);
}

static int x_delete_sa(struct setkey_backend *be, const struct ipsec_sa *key)
{
	return xfrm_sa_delete(handle_of(be), key);
}

/* What -D shows besides the SA: netlink has no PF_KEY message around it,
 * and lists only live states. */
static void sa_entry(const struct ipsec_sa *sa, struct setkey_sa_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->sa = *sa;
	/* Linux's PF_KEY always reports sequence 0 (sadb_x_sa2_sequence);
	 * the acquire sequence netlink shows would make the two differ. */
	e->sa.seq = 0;
	e->state = SADB_SASTATE_MATURE;
	e->has_current = true;
}

static int x_get_sa(struct setkey_backend *be, const struct ipsec_sa *key, struct setkey_sa_entry *out)
{
	struct ipsec_sa sa = *key;
	int rc = xfrm_sa_get(handle_of(be), &sa);

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		sa_entry(&sa, out);
	ipsec_sa_wipe(&sa);
	return rc;
}

struct sa_dump_ctx {
	enum ipsec_proto proto;
	setkey_sa_cb cb;
	void *arg;
};

static int sa_dump_one(const struct ipsec_sa *sa, void *arg)
{
	struct sa_dump_ctx *d = arg;
	struct setkey_sa_entry e;
	int rc;

	/* MIP6 rh/hao states have no place in setkey's view. */
	if (sa->proto != IPSEC_PROTO_ESP && sa->proto != IPSEC_PROTO_AH && sa->proto != IPSEC_PROTO_IPCOMP)
		return 0;
	if (d->proto != IPSEC_PROTO_NONE && sa->proto != d->proto)
		return 0;
	sa_entry(sa, &e);
	rc = d->cb(&e, d->arg);
	ipsec_sa_wipe(&e.sa);
	return rc;
}

static int x_dump_sa(struct setkey_backend *be, enum ipsec_proto proto, setkey_sa_cb cb, void *arg)
{
	struct sa_dump_ctx d = { .proto = proto, .cb = cb, .arg = arg };

	return xfrm_sa_dump(handle_of(be), sa_dump_one, &d);
}

static int x_flush_sa(struct setkey_backend *be, enum ipsec_proto proto)
{
	int rc;

	if (proto != IPSEC_PROTO_NONE)
		return xfrm_sa_flush(handle_of(be), proto);
	/* setkey -F flushes the IPsec SAs, not the MIP6 states. */
	rc = xfrm_sa_flush(handle_of(be), IPSEC_PROTO_ESP);
	if (rc == 0)
		rc = xfrm_sa_flush(handle_of(be), IPSEC_PROTO_AH);
	if (rc == 0)
		rc = xfrm_sa_flush(handle_of(be), IPSEC_PROTO_IPCOMP);
	return rc;
}

static int x_add_policy(struct setkey_backend *be, const struct ipsec_policy *p, bool update)
{
	return update ? xfrm_policy_update(handle_of(be), p) : xfrm_policy_add(handle_of(be), p);
}

static int x_delete_policy(struct setkey_backend *be, const struct ipsec_policy *p)
{
	struct ipsec_policy key = *p;

	/* Found by selector, direction and type, as PF_KEY does. */
	key.index = 0;
	key.type = IPSEC_POLICY_MAIN;
	return xfrm_policy_delete(handle_of(be), &key);
}

struct sp_dump_ctx {
	setkey_sp_cb cb;
	void *arg;
};

static int sp_dump_one(const struct ipsec_policy *p, void *arg)
{
	struct sp_dump_ctx *d = arg;
	struct setkey_sp_entry e;
	unsigned i;

	/* PF_KEY shows main policies only. */
	if (p->type != IPSEC_POLICY_MAIN)
		return 0;
	memset(&e, 0, sizeof(e));
	e.pol = *p;
	/* Levels as PF_KEY reports them: unique when a reqid is bound. */
	for (i = 0; i < e.pol.ntmpl; i++)
		if (e.pol.tmpl[i].level != IPSEC_LEVEL_USE)
			e.pol.tmpl[i].level = e.pol.tmpl[i].reqid ? IPSEC_LEVEL_UNIQUE : IPSEC_LEVEL_REQUIRE;
	e.per_socket = p->index % 8 >= 3;
	e.has_hard = true;
	e.lifetime = p->lifetime_hard_add;
	return d->cb(&e, d->arg);
}

static int x_dump_policy(struct setkey_backend *be, setkey_sp_cb cb, void *arg)
{
	struct sp_dump_ctx d = { .cb = cb, .arg = arg };

	return xfrm_policy_dump(handle_of(be), sp_dump_one, &d);
}

static int x_flush_policy(struct setkey_backend *be)
{
	return xfrm_policy_flush(handle_of(be), IPSEC_POLICY_MAIN);
}

static int x_migrate(struct setkey_backend *be, const struct ipsec_migrate_msg *m)
{
	return xfrm_migrate(handle_of(be), m);
}

static void x_close(struct setkey_backend *be)
{
	if (be->ctx)
		xfrm_close(handle_of(be));
	be->ctx = NULL;
}

int setkey_backend_xfrm_open(struct setkey_backend *be)
{
	struct xfrm_handle *h = xfrm_open();

	if (!h)
		return errno ? -errno : -ENOMEM;
	memset(be, 0, sizeof(*be));
	be->name = "xfrm";
	be->ctx = h;
	be->add_sa = x_add_sa;
	be->delete_sa = x_delete_sa;
	be->get_sa = x_get_sa;
	be->dump_sa = x_dump_sa;
	be->flush_sa = x_flush_sa;
	be->add_policy = x_add_policy;
	be->delete_policy = x_delete_policy;
	be->dump_policy = x_dump_policy;
	be->flush_policy = x_flush_policy;
	be->migrate = x_migrate;
	be->close = x_close;
	return 0;
}
