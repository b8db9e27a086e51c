/* The mobile router's part of the MN glue: see mrglue.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/log.h"
#include "mip6d/daemon/mrglue.h"

int mrg_rules(const struct conf_home_link *hl, struct sys_rule *out, size_t max, size_t *n)
{
	*n = 0;
	for (const struct conf_prefix *p = hl->mnps; p; p = p->next) {
		struct ip_prefix pfx = p->prefix;

		if (*n + 2 > max)
			return -ENOSPC;
		prefix_mask(&pfx);
		sys_rule_init(&out[*n], MRG_RULE_PRIO_TO_MNP, SYS_RULE_LOOKUP, MRG_RT_TABLE_MAIN);
		out[(*n)++].dst = pfx;
		sys_rule_init(&out[*n], MRG_RULE_PRIO_FROM_MNP, SYS_RULE_LOOKUP, SYS_RT_TABLE_MIP6);
		out[(*n)++].src = pfx;
	}
	return 0;
}

/* accept_ra 1 -> 2 on the MN's interfaces, then forwarding on. */
static void forwarding_on(struct mrg *r, const struct mip6_conf *conf)
{
	int v, e;

	for (const struct conf_iface *i = conf->ifaces; i; i = i->next) {
		if (sys_sysctl_get(r->sysctl.root, SYS_SYSCTL_CONF, i->name, "accept_ra", &v) < 0 ||
		    v != 1)
			continue;
		e = sys_sysctl_set_save(&r->sysctl, SYS_SYSCTL_CONF, i->name, "accept_ra", 2);
		if (e < 0)
			log_warn("%s: accept_ra 2: %s", i->name, strerror(-e));
	}
	e = sys_sysctl_set_save(&r->sysctl, SYS_SYSCTL_CONF, "all", "forwarding", 1);
	if (e < 0)
		log_err("mobile router: forwarding not enabled: %s", strerror(-e));
}

void mrg_start(struct mrg *r, const struct mip6_conf *conf, const struct conf_home_link *hl,
	       const struct dk_ops *ops, void *k, const char *sysctl_root)
{
	struct sys_rule rules[MRG_MAX_RULES];
	size_t n = 0;
	int e;

	memset(r, 0, sizeof(*r));
	sys_sysctl_saved_init(&r->sysctl, sysctl_root);
	if (!hl || !hl->is_mob_rtr)
		return;
	r->on = true;
	forwarding_on(r, conf);
	if (mrg_rules(hl, rules, MRG_MAX_RULES, &n) < 0)
		log_warn("mobile router: only %d mobile network prefixes routed",
			 MRG_MAX_RULES / 2);
	for (size_t i = 0; i < n; i++) {
		char b[ADDR_STRLEN];
		const struct ip_prefix *p = rules[i].src.addr.family ? &rules[i].src : &rules[i].dst;

		e = ops->rule_add(k, &rules[i]);
		if (e == 0)
			r->rules[r->n_rules++] = rules[i];
		else if (e != -EEXIST)
			log_warn("mobile router: rule prio %u for %s: %s", rules[i].prio,
				 prefix_fmt(p, b, sizeof(b)), strerror(-e));
	}
	log_info("mobile router: forwarding for %zu mobile network prefixes", n / 2);
}

void mrg_stop(struct mrg *r, const struct dk_ops *ops, void *k)
{
	while (r->n_rules > 0)
		ops->rule_del(k, &r->rules[--r->n_rules]);
	if (r->on && sys_sysctl_restore(&r->sysctl) < 0)
		log_warn("mobile router: forwarding settings not all restored");
	r->on = false;
}
