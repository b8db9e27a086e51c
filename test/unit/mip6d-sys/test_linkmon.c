/* linkmon_decode on rtnetlink messages built here: links, addresses and
 * routes decoded field by field, and every class of malformed message
 * (truncated, bad lengths, missing or short attributes) refused. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>

#include "mip6d/sys/linkmon.h"

/* A message under construction, aligned like the kernel's. */
struct nlb {
	union {
		struct nlmsghdr h;
		uint8_t b[1024];
	} u;
};

static void *nlb_init(struct nlb *m, uint16_t type, size_t fixed)
{
	memset(m, 0, sizeof(*m));
	m->u.h.nlmsg_type = type;
	m->u.h.nlmsg_len = (uint32_t)NLMSG_LENGTH(fixed);
	return NLMSG_DATA(&m->u.h);
}

/* Appends an attribute (padding the previous end first). */
static void nlb_attr(struct nlb *m, uint16_t type, const void *data, size_t len)
{
	size_t off = NLMSG_ALIGN(m->u.h.nlmsg_len);
	struct rtattr *rta = (struct rtattr *)(m->u.b + off);

	assert_true(off + RTA_LENGTH(len) <= sizeof(m->u.b));
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	m->u.h.nlmsg_len = (uint32_t)(off + RTA_LENGTH(len));
}

static void nlb_u32(struct nlb *m, uint16_t type, uint32_t v)
{
	nlb_attr(m, type, &v, sizeof(v));
}

static void nlb_v6(struct nlb *m, uint16_t type, const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	nlb_attr(m, type, a.u.bytes, 16);
}

static int decode(struct nlb *m, struct linkmon_event *ev)
{
	return linkmon_decode(&m->u.h, m->u.h.nlmsg_len, ev);
}

static void assert_addr(const struct ip_addr *a, const char *s)
{
	struct ip_addr want;

	assert_int_equal(addr_parse(&want, s), 0);
	assert_true(addr_eq(a, &want));
}

static void build_link(struct nlb *m, uint16_t type)
{
	struct ifinfomsg *ifi = nlb_init(m, type, sizeof(*ifi));
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x42 };
	uint8_t oper = IF_OPER_UP;

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = 7;
	ifi->ifi_flags = IFF_UP | IFF_RUNNING | IFF_LOWER_UP;
	nlb_attr(m, IFLA_ADDRESS, mac, sizeof(mac));
	nlb_attr(m, IFLA_IFNAME, "eth1", 5);
	nlb_attr(m, IFLA_OPERSTATE, &oper, 1);
}

static void test_link_new(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_link(&m, RTM_NEWLINK);
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_LINK_NEW);
	assert_int_equal(ev.ifindex, 7);
	assert_string_equal(ev.u.link.name, "eth1");
	assert_int_equal(ev.u.link.flags, IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	assert_int_equal(ev.u.link.operstate, IF_OPER_UP);
	assert_int_equal(ev.u.link.lladdr_len, 6);
	assert_int_equal(ev.u.link.lladdr[5], 0x42);
}

static void test_link_del_down_no_attrs(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_DELLINK, sizeof(*ifi));

	(void)state;
	ifi->ifi_index = 3;
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_LINK_DEL);
	assert_int_equal(ev.ifindex, 3);
	assert_string_equal(ev.u.link.name, "");
	assert_int_equal(ev.u.link.flags & IFF_UP, 0);
	assert_int_equal(ev.u.link.lladdr_len, 0);
}

static void test_link_other_family(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));

	(void)state;
	ifi->ifi_family = AF_INET6;      /* RTNLGRP_IPV6_IFINFO's kind */
	assert_int_equal(decode(&m, &ev), -ENOMSG);
}

static void test_link_name_unterminated(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));

	(void)state;
	ifi->ifi_index = 1;
	nlb_attr(&m, IFLA_IFNAME, "eth1", 4);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_link_name_too_long(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));

	(void)state;
	ifi->ifi_index = 1;
	nlb_attr(&m, IFLA_IFNAME, "abcdefghijklmnopq", 18);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_link_short_operstate_and_long_lladdr(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));
	uint8_t big[20] = { 0 };

	(void)state;
	ifi->ifi_index = 1;
	nlb_attr(&m, IFLA_OPERSTATE, "", 0);
	assert_int_equal(decode(&m, &ev), -EINVAL);
	ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));
	nlb_attr(&m, IFLA_ADDRESS, big, sizeof(big));
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void build_addr(struct nlb *m, uint16_t type)
{
	struct ifaddrmsg *ifa = nlb_init(m, type, sizeof(*ifa));
	struct ifa_cacheinfo ci = { .ifa_prefered = 200, .ifa_valid = 300 };

	ifa->ifa_family = AF_INET6;
	ifa->ifa_prefixlen = 64;
	ifa->ifa_flags = IFA_F_TENTATIVE;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = 5;
	nlb_v6(m, IFA_ADDRESS, "2001:db8:1::1");
	nlb_attr(m, IFA_CACHEINFO, &ci, sizeof(ci));
}

static void test_addr_new(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_ADDR_NEW);
	assert_int_equal(ev.ifindex, 5);
	assert_addr(&ev.u.addr.pfx.addr, "2001:db8:1::1");
	assert_int_equal(ev.u.addr.pfx.len, 64);
	assert_int_equal(ev.u.addr.flags, IFA_F_TENTATIVE);
	assert_int_equal(ev.u.addr.valid_lft, 300);
	assert_int_equal(ev.u.addr.preferred_lft, 200);
}

static void test_addr_flags_attr_wins(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_addr(&m, RTM_DELADDR);
	nlb_u32(&m, IFA_FLAGS, IFA_F_NODAD | IFA_F_HOMEADDRESS | IFA_F_NOPREFIXROUTE);
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_ADDR_DEL);
	assert_int_equal(ev.u.addr.flags, IFA_F_NODAD | IFA_F_HOMEADDRESS | IFA_F_NOPREFIXROUTE);
}

static void test_addr_local_wins(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	nlb_v6(&m, IFA_LOCAL, "2001:db8:1::2");
	assert_int_equal(decode(&m, &ev), 0);
	assert_addr(&ev.u.addr.pfx.addr, "2001:db8:1::2");
}

static void test_addr_v4(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifaddrmsg *ifa = nlb_init(&m, RTM_NEWADDR, sizeof(*ifa));
	static const uint8_t v4[4] = { 192, 0, 2, 1 };

	(void)state;
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 24;
	nlb_attr(&m, IFA_LOCAL, v4, 4);
	assert_int_equal(decode(&m, &ev), 0);
	assert_addr(&ev.u.addr.pfx.addr, "192.0.2.1");
	assert_int_equal(ev.u.addr.pfx.len, 24);
}

static void test_addr_missing_address(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifaddrmsg *ifa = nlb_init(&m, RTM_NEWADDR, sizeof(*ifa));

	(void)state;
	ifa->ifa_family = AF_INET6;
	ifa->ifa_prefixlen = 64;
	nlb_u32(&m, IFA_FLAGS, 0);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_addr_wrong_size_address(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifaddrmsg *ifa = nlb_init(&m, RTM_NEWADDR, sizeof(*ifa));
	static const uint8_t v4[4] = { 192, 0, 2, 1 };

	(void)state;
	ifa->ifa_family = AF_INET6;
	nlb_attr(&m, IFA_ADDRESS, v4, 4);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_addr_bad_prefixlen(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	((struct ifaddrmsg *)NLMSG_DATA(&m.u.h))->ifa_prefixlen = 129;
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_addr_other_family(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	((struct ifaddrmsg *)NLMSG_DATA(&m.u.h))->ifa_family = AF_PACKET;
	assert_int_equal(decode(&m, &ev), -ENOMSG);
}

static void test_addr_short_flags_and_cacheinfo(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	uint16_t two = 0;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	nlb_attr(&m, IFA_FLAGS, &two, sizeof(two));
	assert_int_equal(decode(&m, &ev), -EINVAL);
	{
		struct ifaddrmsg *ifa = nlb_init(&m, RTM_NEWADDR, sizeof(*ifa));
		uint8_t shortci[8] = { 0 };

		ifa->ifa_family = AF_INET6;
		nlb_v6(&m, IFA_ADDRESS, "2001:db8::1");
		nlb_attr(&m, IFA_CACHEINFO, shortci, sizeof(shortci));
		assert_int_equal(decode(&m, &ev), -EINVAL);
	}
}

static void build_route(struct nlb *m, uint16_t type)
{
	struct rtmsg *rtm = nlb_init(m, type, sizeof(*rtm));

	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = 64;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_protocol = RTPROT_STATIC;
	nlb_v6(m, RTA_DST, "2001:db8:5::");
	nlb_v6(m, RTA_GATEWAY, "fe80::1");
	nlb_u32(m, RTA_OIF, 4);
	nlb_u32(m, RTA_PRIORITY, 77);
	nlb_u32(m, RTA_TABLE, 252);
}

static void test_route_new(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_route(&m, RTM_NEWROUTE);
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_ROUTE_NEW);
	assert_int_equal(ev.ifindex, 4);
	assert_addr(&ev.u.route.dst.addr, "2001:db8:5::");
	assert_int_equal(ev.u.route.dst.len, 64);
	assert_addr(&ev.u.route.gateway, "fe80::1");
	assert_int_equal(ev.u.route.table, 252);
	assert_int_equal(ev.u.route.metric, 77);
	assert_int_equal(ev.u.route.type, RTN_UNICAST);
	assert_int_equal(ev.u.route.protocol, RTPROT_STATIC);
}

static void test_route_default_del(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct rtmsg *rtm = nlb_init(&m, RTM_DELROUTE, sizeof(*rtm));

	(void)state;
	rtm->rtm_family = AF_INET6;
	rtm->rtm_table = RT_TABLE_MAIN;
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.type, LINKMON_ROUTE_DEL);
	assert_true(addr_is_any(&ev.u.route.dst.addr));
	assert_int_equal(ev.u.route.dst.len, 0);
	assert_int_equal(ev.u.route.table, RT_TABLE_MAIN);
	assert_int_equal(ev.u.route.gateway.family, AF_UNSPEC);
	assert_int_equal(ev.ifindex, 0);
}

static void test_route_missing_dst(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct rtmsg *rtm = nlb_init(&m, RTM_NEWROUTE, sizeof(*rtm));

	(void)state;
	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = 64;
	nlb_u32(&m, RTA_OIF, 2);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_route_bad_attrs(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct rtmsg *rtm;
	uint16_t two = 1;

	(void)state;
	rtm = nlb_init(&m, RTM_NEWROUTE, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	nlb_attr(&m, RTA_OIF, &two, sizeof(two));
	assert_int_equal(decode(&m, &ev), -EINVAL);
	rtm = nlb_init(&m, RTM_NEWROUTE, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	nlb_attr(&m, RTA_GATEWAY, "\x0a\x00\x00\x01", 4);
	assert_int_equal(decode(&m, &ev), -EINVAL);
	rtm = nlb_init(&m, RTM_NEWROUTE, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = 129;
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_route_v4_ignored(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_route(&m, RTM_NEWROUTE);
	((struct rtmsg *)NLMSG_DATA(&m.u.h))->rtm_family = AF_INET;
	assert_int_equal(decode(&m, &ev), -ENOMSG);
}

static void test_other_types_ignored(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	nlb_init(&m, NLMSG_DONE, sizeof(int));
	assert_int_equal(decode(&m, &ev), -ENOMSG);
	nlb_init(&m, RTM_NEWNEIGH, 12);
	assert_int_equal(decode(&m, &ev), -ENOMSG);
}

static void test_truncated_header(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	build_link(&m, RTM_NEWLINK);
	assert_int_equal(linkmon_decode(&m.u.h, sizeof(struct nlmsghdr) - 1, &ev), -EINVAL);
	/* nlmsg_len says more than the buffer holds. */
	assert_int_equal(linkmon_decode(&m.u.h, m.u.h.nlmsg_len - 1, &ev), -EINVAL);
	/* nlmsg_len below the header size. */
	m.u.h.nlmsg_len = 8;
	assert_int_equal(linkmon_decode(&m.u.h, sizeof(m.u.b), &ev), -EINVAL);
}

static void test_truncated_body(void **state)
{
	struct nlb m;
	struct linkmon_event ev;

	(void)state;
	nlb_init(&m, RTM_NEWLINK, sizeof(struct ifinfomsg) - 1);
	assert_int_equal(decode(&m, &ev), -EINVAL);
	nlb_init(&m, RTM_NEWADDR, sizeof(struct ifaddrmsg) - 1);
	assert_int_equal(decode(&m, &ev), -EINVAL);
	nlb_init(&m, RTM_DELROUTE, sizeof(struct rtmsg) - 1);
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_attr_overruns_message(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct rtattr *last;

	(void)state;
	build_addr(&m, RTM_NEWADDR);
	last = (struct rtattr *)(m.u.b + NLMSG_ALIGN(m.u.h.nlmsg_len));
	nlb_u32(&m, IFA_FLAGS, 0);
	last->rta_len += 8;              /* claims bytes past the message */
	assert_int_equal(decode(&m, &ev), -EINVAL);
	/* Cut the message inside the attribute header. */
	build_addr(&m, RTM_NEWADDR);
	nlb_u32(&m, IFA_FLAGS, 0);
	m.u.h.nlmsg_len -= 6;
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_attr_len_below_header(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct rtattr *last;

	(void)state;
	build_link(&m, RTM_NEWLINK);
	last = (struct rtattr *)(m.u.b + NLMSG_ALIGN(m.u.h.nlmsg_len));
	nlb_u32(&m, IFLA_MTU, 1500);
	last->rta_len = 2;
	assert_int_equal(decode(&m, &ev), -EINVAL);
}

static void test_unpadded_last_attr_and_unknown_types(void **state)
{
	struct nlb m;
	struct linkmon_event ev;
	struct ifinfomsg *ifi = nlb_init(&m, RTM_NEWLINK, sizeof(*ifi));
	uint8_t oper = IF_OPER_DOWN;

	(void)state;
	ifi->ifi_index = 9;
	nlb_u32(&m, 200, 1);             /* an attribute type past those read */
	nlb_attr(&m, IFLA_OPERSTATE, &oper, 1);  /* message ends unpadded */
	assert_int_equal(m.u.h.nlmsg_len % 4, 1);
	assert_int_equal(decode(&m, &ev), 0);
	assert_int_equal(ev.u.link.operstate, IF_OPER_DOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_new),
		cmocka_unit_test(test_link_del_down_no_attrs),
		cmocka_unit_test(test_link_other_family),
		cmocka_unit_test(test_link_name_unterminated),
		cmocka_unit_test(test_link_name_too_long),
		cmocka_unit_test(test_link_short_operstate_and_long_lladdr),
		cmocka_unit_test(test_addr_new),
		cmocka_unit_test(test_addr_flags_attr_wins),
		cmocka_unit_test(test_addr_local_wins),
		cmocka_unit_test(test_addr_v4),
		cmocka_unit_test(test_addr_missing_address),
		cmocka_unit_test(test_addr_wrong_size_address),
		cmocka_unit_test(test_addr_bad_prefixlen),
		cmocka_unit_test(test_addr_other_family),
		cmocka_unit_test(test_addr_short_flags_and_cacheinfo),
		cmocka_unit_test(test_route_new),
		cmocka_unit_test(test_route_default_del),
		cmocka_unit_test(test_route_missing_dst),
		cmocka_unit_test(test_route_bad_attrs),
		cmocka_unit_test(test_route_v4_ignored),
		cmocka_unit_test(test_other_types_ignored),
		cmocka_unit_test(test_truncated_header),
		cmocka_unit_test(test_truncated_body),
		cmocka_unit_test(test_attr_overruns_message),
		cmocka_unit_test(test_attr_len_below_header),
		cmocka_unit_test(test_unpadded_last_attr_and_unknown_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
