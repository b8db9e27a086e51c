/* Mobility Header control messages.  The Type 2 Routing Header is laid
 * out by hand: glibc's inet6_rth_* know only type 0.  The HAO uses
 * inet6_opt_*, whose 8-byte data alignment gives the option its 8n+6
 * position (RFC 6275 6.3) when building. */
#include "config.h"

#include <errno.h>
#include <netinet/ip6.h>
#include <string.h>

#include "common/wire.h"
#include "common/csum.h"
#include "mip6d/sys/mhcmsg.h"

static struct cmsghdr *put_cmsg(struct msghdr *mh, struct cmsghdr *prev, int type,
				const void *data, size_t len)
{
	struct cmsghdr *c = prev ? CMSG_NXTHDR(mh, prev) : CMSG_FIRSTHDR(mh);

	if (!c)
		return NULL;
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return c;
}

static int build_rth2(uint8_t out[SYS_MH_RTH2_LEN], const struct in6_addr *a)
{
	memset(out, 0, SYS_MH_RTH2_LEN);
	out[0] = 0;                      /* next header: the kernel fills it */
	out[1] = 2;                      /* length in 8-byte units, first excluded */
	out[2] = 2;                      /* routing type 2 */
	out[3] = 1;                      /* segments left */
	memcpy(out + 8, a, 16);
	return 0;
}

static int build_hao(uint8_t out[SYS_MH_HAO_HDR_LEN], const struct in6_addr *a)
{
	struct in6_addr copy = *a;
	void *data;
	int off;

	memset(out, 0, SYS_MH_HAO_HDR_LEN);
	off = inet6_opt_init(out, SYS_MH_HAO_HDR_LEN);
	if (off < 0)
		return -EINVAL;
	off = inet6_opt_append(out, SYS_MH_HAO_HDR_LEN, off, SYS_MH_OPT_HAO, 16, 8, &data);
	if (off < 0)
		return -EINVAL;
	inet6_opt_set_val(data, 0, &copy, 16);
	off = inet6_opt_finish(out, SYS_MH_HAO_HDR_LEN, off);
	return off == SYS_MH_HAO_HDR_LEN ? 0 : -EINVAL;
}

int sys_mh_cmsg_build(uint8_t *ctl, size_t cap, const struct sys_mh_send *s, size_t *used)
{
	struct msghdr mh = { .msg_control = ctl, .msg_controllen = cap };
	struct in6_pktinfo pi;
	struct cmsghdr *c;
	size_t need = CMSG_SPACE(sizeof(pi));
	uint8_t ext[SYS_MH_RTH2_LEN > SYS_MH_HAO_HDR_LEN ? SYS_MH_RTH2_LEN : SYS_MH_HAO_HDR_LEN];

	if ((s->src.family != AF_UNSPEC && s->src.family != AF_INET6) ||
	    (s->rth2.family != AF_UNSPEC && s->rth2.family != AF_INET6) ||
	    (s->hao.family != AF_UNSPEC && s->hao.family != AF_INET6))
		return -EINVAL;
	if (s->rth2.family == AF_INET6)
		need += CMSG_SPACE(SYS_MH_RTH2_LEN);
	if (s->hao.family == AF_INET6)
		need += CMSG_SPACE(SYS_MH_HAO_HDR_LEN);
	if (cap < need)
		return -ENOSPC;
	memset(ctl, 0, need);
	mh.msg_controllen = need;

	memset(&pi, 0, sizeof(pi));
	if (s->src.family == AF_INET6)
		pi.ipi6_addr = s->src.u.v6;
	pi.ipi6_ifindex = (unsigned)(s->ifindex > 0 ? s->ifindex : 0);
	c = put_cmsg(&mh, NULL, IPV6_PKTINFO, &pi, sizeof(pi));
	if (c && s->rth2.family == AF_INET6) {
		if (s->dst.family != AF_INET6)
			return -EINVAL;
		build_rth2(ext, &s->dst.u.v6);
		c = put_cmsg(&mh, c, IPV6_RTHDR, ext, SYS_MH_RTH2_LEN);
	}
	if (c && s->hao.family == AF_INET6) {
		if (build_hao(ext, &s->hao.u.v6) < 0)
			return -EINVAL;
		c = put_cmsg(&mh, c, IPV6_DSTOPTS, ext, SYS_MH_HAO_HDR_LEN);
	}
	if (!c)
		return -ENOSPC;
	*used = need;
	return 0;
}

int sys_mh_checksum_set(uint8_t *msg, size_t len, const struct sys_mh_send *s)
{
	const struct ip_addr *src = s->hao.family != AF_UNSPEC ? &s->hao : &s->src;
	const struct ip_addr *dst = s->rth2.family != AF_UNSPEC ? &s->rth2 : &s->dst;

	if (len < 6 || src->family != AF_INET6 || dst->family != AF_INET6)
		return -EINVAL;
	msg[4] = msg[5] = 0;
	wire_put_be16(msg + 4, inet6_checksum(&src->u.v6, &dst->u.v6, 135, msg, len));
	return 0;
}

/* The HAO of a Destination Options header; 0, -ENOENT or -EINVAL.  The
 * options are walked here rather than with inet6_opt_next, which does not
 * tell a malformed option from the end of the header. */
static int find_hao(const uint8_t *ext, size_t len, struct in6_addr *out)
{
	size_t p = 2;

	if (len < 8 || (size_t)(ext[1] + 1) * 8 != len)
		return -EINVAL;
	while (p < len) {
		size_t olen;

		if (ext[p] == 0) {               /* Pad1 */
			p++;
			continue;
		}
		if (p + 2 > len || p + 2 + ext[p + 1] > len)
			return -EINVAL;
		olen = ext[p + 1];
		if (ext[p] == SYS_MH_OPT_HAO) {
			if (olen != 16)
				return -EINVAL;
			memcpy(out, ext + p + 2, 16);
			return 0;
		}
		p += 2 + olen;
	}
	return -ENOENT;
}

int sys_mh_cmsg_parse(const struct msghdr *mh, struct sys_mh_info *info)
{
	int bad = 0;

	info->ifindex = 0;
	info->has_hao = info->has_rth2 = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR((struct msghdr *)mh, c)) {
		size_t dlen;

		if (c->cmsg_level != IPPROTO_IPV6 || c->cmsg_len < CMSG_LEN(0))
			continue;
		dlen = c->cmsg_len - CMSG_LEN(0);
		if (c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			if (dlen < sizeof(pi)) {
				bad = 1;
				continue;
			}
			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			addr_from_v6(&info->dst, &pi.ipi6_addr);
			info->ifindex = (int)pi.ipi6_ifindex;
		} else if (c->cmsg_type == IPV6_DSTOPTS) {
			struct in6_addr a;
			int r = find_hao(CMSG_DATA(c), dlen, &a);

			if (r == 0 && !info->has_hao) {
				addr_from_v6(&info->hao, &a);
				info->has_hao = 1;
			} else if (r == -EINVAL) {
				bad = 1;
			}
		} else if (c->cmsg_type == IPV6_RTHDR) {
			const uint8_t *r = CMSG_DATA(c);

			if (dlen < 8 || (size_t)(r[1] + 1) * 8 != dlen) {
				bad = 1;
				continue;
			}
			if (r[2] != 2)
				continue;
			if (r[1] != 2) {
				bad = 1;
				continue;
			}
			addr_from_v6(&info->rth2, (const struct in6_addr *)(const void *)(r + 8));
			info->has_rth2 = 1;
		}
	}
	return bad ? -EINVAL : 0;
}
