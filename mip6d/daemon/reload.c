/* SIGHUP reload: see reload.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/haglue.h"
#include "mip6d/daemon/mnglue.h"
#include "mip6d/daemon/reload.h"
#include "mip6d/daemon/xlate.h"
#include "mip6d/ha/spdiff.h"
#include "mip6d/ipsec/plan.h"

#define RELOAD_MN_SP_MAX 64

void mn_view_make(struct mn_view *v, const struct mip6_conf *c, const struct ip_addr *ha)
{
	v->conf = *c;
	if (!c->home_links)
		return;
	v->hl = *c->home_links;
	if (ha && ha->family == AF_INET6 && !addr_is_any(ha))
		v->hl.ha_addr = *ha;
	v->conf.home_links = &v->hl;
}

static bool prefixes_equal(const struct conf_prefix *a, const struct conf_prefix *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (prefix_cmp(&a->prefix, &b->prefix))
			return false;
	return !a && !b;
}

static bool ifaces_equal(const struct conf_iface *a, const struct conf_iface *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (strcmp(a->name, b->name) || a->if_type != b->if_type ||
		    a->preference != b->preference || a->tunnel != b->tunnel)
			return false;
	return !a && !b;
}

static bool ro_equal(const struct conf_ro_policy *a, const struct conf_ro_policy *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (!addr_eq(&a->cn, &b->cn) || a->enable != b->enable)
			return false;
	return !a && !b;
}

static bool home_links_equal(const struct conf_home_link *a, const struct conf_home_link *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (strcmp(a->ifname, b->ifname) || a->hoa_set != b->hoa_set ||
		    prefix_cmp(&a->hoa, &b->hoa) || !prefixes_equal(a->mnps, b->mnps) ||
		    !addr_eq(&a->ha_addr, &b->ha_addr) ||
		    prefix_cmp(&a->home_prefix, &b->home_prefix) ||
		    a->use_alt_coa != b->use_alt_coa || a->is_mob_rtr != b->is_mob_rtr ||
		    !ro_equal(a->ro_policies, b->ro_policies))
			return false;
	return !a && !b;
}

#define SWAP(a, b) do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } while (0)

unsigned reload_keep_fixed(struct mip6_conf *cur, struct mip6_conf *nc, reload_refuse_fn *refuse,
			   void *ctx)
{
	unsigned n = 0;
	bool moved = false;

	if (nc->node_type != cur->node_type) {
		if (refuse)
			refuse(ctx, "NodeConfig");
		nc->node_type = cur->node_type;
		n++;
	}
	if (!ifaces_equal(nc->ifaces, cur->ifaces)) {
		if (refuse)
			refuse(ctx, "Interface");
		SWAP(nc->ifaces, cur->ifaces);
		moved = true;
		n++;
	}
	if (!home_links_equal(nc->home_links, cur->home_links)) {
		if (refuse)
			refuse(ctx, "MnHomeLink");
		SWAP(nc->home_links, cur->home_links);
		moved = true;
		n++;
	}
	if (nc->use_mnha_ipsec != cur->use_mnha_ipsec) {
		if (refuse)
			refuse(ctx, "UseMnHaIPsec");
		nc->use_mnha_ipsec = cur->use_mnha_ipsec;
		n++;
	}
	if (moved) {
		/* The kept lists name their places in cur's files. */
		struct conf_file **tail = &nc->files;

		while (*tail)
			tail = &(*tail)->next;
		*tail = cur->files;
		cur->files = NULL;
	}
	return n;
}

static void diag_log(void *ctx, const char *line)
{
	(void)ctx;
	log_err("reload: %s", line);
}

static void refuse_log(void *ctx, const char *keyword)
{
	(void)ctx;
	log_warn("reload: %s changed: refused, it takes effect only at restart (running value kept)",
		 keyword);
}

/* The MN's tunnel policies (if installed) brought to the new set, then the
 * engine pointed at the new view; its parameters apply from the next BU. */
static void mn_reconf(struct mng *m, const struct mip6_conf *view, struct reload_result *res)
{
	struct ipsec_policy *old, *nw;
	const struct ipsec_policy *put[RELOAD_MN_SP_MAX], *del[RELOAD_MN_SP_MAX];
	struct mip6_ipsec_binding b = m->ib;
	struct bule *e = m->e;
	size_t n_old = 0, n_new = 0, np = 0, nd = 0;

	b.set = view->use_mnha_ipsec ?
		mip6_ipsec_find_set(view->ipsec_sets, &m->ib.ha, &m->ib.hoa) : NULL;
	old = calloc(RELOAD_MN_SP_MAX, sizeof(*old));
	nw = calloc(RELOAD_MN_SP_MAX, sizeof(*nw));
	if (old && nw && e && e->installed.family != AF_UNSPEC && !addr_eq(&e->installed, &b.hoa) &&
	    mip6_ipsec_tunnel_policies(&b, &e->installed, nw, RELOAD_MN_SP_MAX, &n_new) == 0) {
		if (mip6_ipsec_tunnel_policies(&m->ib, &e->installed, old, RELOAD_MN_SP_MAX,
					       &n_old) < 0)
			n_old = 0;
		sp_diff(old, n_old, nw, n_new, put, &np, del, &nd);
		for (size_t i = 0; i < np; i++)
			if (m->ops->sp_update(m->k, put[i]) < 0)
				res->bind_failed++;
			else
				res->bind_put++;
		for (size_t i = 0; i < nd; i++) {
			int r = m->ops->sp_delete(m->k, del[i]);

			if (r < 0 && r != -ENOENT)
				res->bind_failed++;
			else
				res->bind_del++;
		}
	}
	free(old);
	free(nw);
	m->ib.set = b.set;
	m->conf = view;
	m->hl = view->home_links;
	if (!e)
		return;
	e->p.lifetime = view->mn_max_ha_binding_life;
	e->p.timeout_first_ms = view->initial_bindack_timeout_first_reg_ms;
	e->p.timeout_ms = view->initial_bindack_timeout_rereg_ms;
	e->p.max_resends = view->mn_max_ha_consecutive_resends;
	e->p.optimistic = view->optimistic_handoff;
	e->p.key_mgmt = view->use_mnha_ipsec && view->keymng_mob_capability;
	if (e->p.key_mgmt)
		e->flags |= BU_FLAG_K;
	else
		e->flags &= (uint8_t)~BU_FLAG_K;
}

int reload_run(struct mip6_conf *cur, const char *path, long debug, int role,
	       struct reload_target *t, struct reload_result *res)
{
	struct conf_opts co = { .diag = diag_log };
	struct mip6_conf *nc;
	struct ha_reconf hr;
	int r;

	memset(res, 0, sizeof(*res));
	memset(&hr, 0, sizeof(hr));
	nc = malloc(sizeof(*nc));
	if (!nc)
		return -ENOMEM;
	conf_init(nc);
	r = conf_load_file(nc, path, &co);
	if (r == 0) {
		if (debug >= 0)
			nc->debug_level = (unsigned)debug;
		if (role >= 0)
			nc->node_type = (enum node_type)role;
		if (conf_check_system(nc, &co) > 0)
			r = -EINVAL;
	}
	if (r < 0) {
		log_err("reload: %s not valid, keeping the running configuration", path);
		r = -EINVAL;
		goto out;
	}
	res->refused = reload_keep_fixed(cur, nc, refuse_log, NULL);
	if (t->ha) {
		r = ha_reconf_prepare(&hr, nc);
		if (r < 0)
			goto fail;
	}
	r = startsp_reload(t->ssp, t->ops, t->k, nc, &res->sp_put, &res->sp_del);
	if (r < 0) {
		ha_reconf_abort(&hr);
		goto fail;
	}
	/* From here on nothing fails.  cur takes the new contents (the
	 * engines hold cur's address); nc keeps the old ones alive until
	 * every engine has let go of them. */
	SWAP(*cur, *nc);
	if (t->ha) {
		ha_reconf_commit(&t->ha->ha, &hr, cur);
		res->bind_put += hr.put;
		res->bind_del += hr.del;
		res->bind_failed += hr.failed;
	}
	if (t->mn_view) {
		mn_view_make(t->mn_view, cur, t->mn_ha);
		/* mn_reconf reads the engine's old set, still alive in nc. */
		if (t->mn)
			mn_reconf(t->mn, &t->mn_view->conf, res);
	}
	r = 0;
	goto out;
fail:
	log_err("reload: IPsec policies not applied (%s), keeping the running configuration",
		strerror(-r));
	/* nc holds cur's kept lists: give them back. */
	reload_keep_fixed(nc, cur, NULL, NULL);
out:
	conf_free(nc);
	free(nc);
	return r;
}
