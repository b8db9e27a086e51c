/* The defaults of mip6d.conf: UMIP 1.0's conf_default(). */
#include "config.h"

#include <string.h>

#include "mip6d/conf/conf.h"

void conf_init(struct mip6_conf *c)
{
	memset(c, 0, sizeof(*c));

	c->node_type = NODE_CN;
	c->debug_level = 0;
	c->do_route_opt_cn = true;
	c->use_mnha_ipsec = true;
	c->keymng_mob_capability = false;

	c->ha_max_binding_life = CONF_MAX_BINDING_LIFE;
	c->send_mob_pfx_advs = true;
	c->send_unsol_mob_pfx_advs = true;
	c->min_mob_pfx_adv_interval = 600;
	c->max_mob_pfx_adv_interval = 86400;
	c->default_acl_status = 0;

	c->mn_max_ha_binding_life = CONF_MAX_BINDING_LIFE;
	c->mn_max_cn_binding_life = CONF_MAX_CN_BINDING_LIFE;
	c->mn_max_ha_consecutive_resends = 5;
	c->mn_max_cn_consecutive_resends = 0;
	c->send_mob_pfx_sols = true;
	c->do_route_opt_mn = true;
	c->mob_rtr_use_explicit_mode = true;
	c->iface_initial_init_delay_ms = 2000;
	c->mn_router_probes = 0;
	c->mn_router_probe_timeout_ms = 0;
	c->initial_bindack_timeout_first_reg_ms = 1500;
	c->initial_bindack_timeout_rereg_ms = 1000;
	c->initial_solicit_timer_ms = 3000;
}
