/* rtnetlink listener for movement detection and DAD tracking: link up and
 * down, IPv6 addresses added and removed (with their tentative/dadfailed
 * flags), IPv6 routes added and removed.  The decoder is a pure function
 * of one netlink message; the socket part only reads and walks. */
#ifndef MIP6D_SYS_LINKMON_H
#define MIP6D_SYS_LINKMON_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

enum linkmon_type {
	LINKMON_LINK_NEW = 1,            /* new link or a change of its flags */
	LINKMON_LINK_DEL,
	LINKMON_ADDR_NEW,                /* also an update (flags, lifetimes) */
	LINKMON_ADDR_DEL,
	LINKMON_ROUTE_NEW,
	LINKMON_ROUTE_DEL,
};

struct linkmon_event {
	enum linkmon_type type;
	int ifindex;                     /* route: output interface, 0 if none */
	union {
		struct {
			char name[16];           /* "" if the message had none */
			uint32_t flags;          /* IFF_*: IFF_UP, IFF_RUNNING, IFF_LOWER_UP */
			uint8_t operstate;       /* IF_OPER_*; 0 if absent */
			uint8_t lladdr[16];
			size_t lladdr_len;
		} link;
		struct {
			struct ip_prefix pfx;    /* address and prefix length */
			uint32_t flags;          /* IFA_F_* (IFA_FLAGS when present) */
			uint8_t scope;
			uint32_t valid_lft, preferred_lft; /* 0xffffffff: forever; both 0 if absent */
		} addr;
		struct {
			struct ip_prefix dst;
			struct ip_addr gateway;  /* AF_UNSPEC if none */
			uint32_t table;
			uint32_t metric;
			uint8_t type;            /* RTN_* */
			uint8_t protocol;        /* RTPROT_* */
		} route;
	} u;
};

/* Decodes one message of at most len bytes.  0 with *ev filled;
 * -ENOMSG for a message of no interest (other types or families, netlink
 * control messages); -EINVAL for a malformed one (truncated header,
 * length fields pointing past len, missing or short required attributes). */
int linkmon_decode(const struct nlmsghdr *nh, size_t len, struct linkmon_event *ev);

typedef void linkmon_fn(const struct linkmon_event *ev, void *arg);

/* groups: the RTNLGRP_* to listen to as bits (1 << (RTNLGRP_X - 1)); 0
 * means LINK, IPV6_IFADDR and IPV6_ROUTE.  Opens a non-blocking socket
 * whose fd the event loop watches; close it with close(2). */
int linkmon_open(int *fd, uint32_t groups);
/* Reads what is queued and calls fn for each event.  Returns the number
 * of events, or -ENOBUFS when the kernel dropped messages (the caller then
 * re-reads the state it tracks), or another -errno. */
int linkmon_read(int fd, linkmon_fn *fn, void *arg);

#endif
