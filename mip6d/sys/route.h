/* IPv6 routes and policy routing rules.
 *
 * UMIP's layout, which the daemon reproduces with these calls:
 *   HA: rule prio 1005 "from all lookup 252"; in table 252 the HoA/128
 *       (and any mobile network prefix) through the binding's tunnel.
 *   MN: rule prio 1001 "from HoA lookup 252", with "default dev TUNNEL" in
 *       table 252 while registered; rule prio 1003 "from HoA blackhole"
 *       while not registered. */
#ifndef MIP6D_SYS_ROUTE_H
#define MIP6D_SYS_ROUTE_H

#include <stdint.h>

#include "common/addr.h"

struct nl_sock;

#define SYS_RT_TABLE_MIP6 252            /* UMIP's table */
#define SYS_RULE_PRIO_MN_HOA 1001
#define SYS_RULE_PRIO_MN_BLOCK 1003
#define SYS_RULE_PRIO_HA 1005

struct sys_route {
	struct ip_prefix dst;            /* family AF_INET6; len 0 for default */
	struct ip_prefix src;            /* source prefix (subtrees); family AF_UNSPEC: none */
	struct ip_addr gateway;          /* AF_UNSPEC: on-link / device route */
	struct ip_addr prefsrc;          /* preferred source; AF_UNSPEC: none */
	int oif;                         /* output interface; 0: none */
	uint32_t table;                  /* 0: main */
	uint32_t metric;                 /* RTA_PRIORITY; 0: kernel default */
	uint8_t type;                    /* RTN_*; 0: RTN_UNICAST */
	uint8_t protocol;                /* RTPROT_*; 0: RTPROT_BOOT */
};

/* Initialises r as a unicast route to dst in the main table. */
void sys_route_init(struct sys_route *r, const struct ip_prefix *dst);
/* Adds r; with replace, an existing route with the same key is replaced
 * instead of failing with -EEXIST. */
int sys_route_add(struct nl_sock *sk, const struct sys_route *r, int replace);
/* Deletes the route matching r's key (dst, table, metric and, when set,
 * oif and gateway); -ESRCH or -ENOENT when there is none. */
int sys_route_del(struct nl_sock *sk, const struct sys_route *r);

enum sys_rule_action {
	SYS_RULE_LOOKUP = 1,             /* FR_ACT_TO_TBL */
	SYS_RULE_BLACKHOLE = 6,          /* FR_ACT_BLACKHOLE */
	SYS_RULE_PROHIBIT = 8,           /* FR_ACT_PROHIBIT */
};

struct sys_rule {
	uint32_t prio;
	enum sys_rule_action action;
	uint32_t table;                  /* for SYS_RULE_LOOKUP */
	struct ip_prefix src, dst;       /* family AF_UNSPEC: any */
	char iif[16];                    /* "" : any */
	char oif[16];
};

void sys_rule_init(struct sys_rule *r, uint32_t prio, enum sys_rule_action action,
		   uint32_t table);
int sys_rule_add(struct nl_sock *sk, const struct sys_rule *r);
int sys_rule_del(struct nl_sock *sk, const struct sys_rule *r);

#endif
