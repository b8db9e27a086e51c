/* Addresses and prefixes: see addr.h. */
#include "common/addr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t addr_family_len(sa_family_t family)
{
	switch (family) {
	case AF_INET:
		return 4;
	case AF_INET6:
		return 16;
	default:
		return 0;
	}
}

int addr_parse(struct ip_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET6, s, &a->u.v6) == 1) {
		a->family = AF_INET6;
		return 0;
	}
	if (inet_pton(AF_INET, s, &a->u.v4) == 1) {
		a->family = AF_INET;
		return 0;
	}
	return -EINVAL;
}

int prefix_parse(struct ip_prefix *p, const char *s)
{
	char buf[ADDR_STRLEN];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	char *end;
	unsigned long len;

	memset(p, 0, sizeof(*p));
	if (alen >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (addr_parse(&p->addr, buf) < 0)
		return -EINVAL;
	if (!slash) {
		p->len = (uint8_t)addr_bits(&p->addr);
		return 0;
	}
	if (slash[1] < '0' || slash[1] > '9')
		return -EINVAL;
	errno = 0;
	len = strtoul(slash + 1, &end, 10);
	if (errno || *end != '\0' || len > addr_bits(&p->addr))
		return -EINVAL;
	p->len = (uint8_t)len;
	return 0;
}

const char *addr_fmt(const struct ip_addr *a, char *buf, size_t len)
{
	if (a->family != AF_INET && a->family != AF_INET6) {
		snprintf(buf, len, "(none)");
		return buf;
	}
	if (!inet_ntop(a->family, a->u.bytes, buf, (socklen_t)len))
		snprintf(buf, len, "(invalid)");
	return buf;
}

const char *prefix_fmt(const struct ip_prefix *p, char *buf, size_t len)
{
	char a[ADDR_STRLEN];

	snprintf(buf, len, "%s/%u", addr_fmt(&p->addr, a, sizeof(a)), p->len);
	return buf;
}

void addr_from_v6(struct ip_addr *a, const struct in6_addr *in6)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	a->u.v6 = *in6;
}

void addr_from_v4(struct ip_addr *a, const struct in_addr *in4)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	a->u.v4 = *in4;
}

int addr_from_bytes(struct ip_addr *a, sa_family_t family, const void *bytes)
{
	size_t n = addr_family_len(family);

	memset(a, 0, sizeof(*a));
	if (!n)
		return -EINVAL;
	a->family = family;
	memcpy(a->u.bytes, bytes, n);
	return 0;
}

void addr_any(struct ip_addr *a, sa_family_t family)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
}

bool addr_is_any(const struct ip_addr *a)
{
	static const uint8_t zero[16];
	size_t n = addr_len(a);

	return n == 0 || memcmp(a->u.bytes, zero, n) == 0;
}

int addr_cmp(const struct ip_addr *a, const struct ip_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->u.bytes, b->u.bytes, addr_len(a));
}

int prefix_cmp(const struct ip_prefix *a, const struct ip_prefix *b)
{
	int c = addr_cmp(&a->addr, &b->addr);

	if (c)
		return c;
	return (int)a->len - (int)b->len;
}

bool prefix_contains(const struct ip_prefix *p, const struct ip_addr *a)
{
	unsigned full, rest;

	if (p->addr.family != a->family || p->len > addr_bits(a))
		return false;
	full = p->len / 8;
	rest = p->len % 8;
	if (memcmp(p->addr.u.bytes, a->u.bytes, full))
		return false;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));

		if ((p->addr.u.bytes[full] ^ a->u.bytes[full]) & mask)
			return false;
	}
	return true;
}

void prefix_mask(struct ip_prefix *p)
{
	unsigned bits = addr_bits(&p->addr);
	unsigned i;

	for (i = p->len; i < bits; i++)
		p->addr.u.bytes[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
}

int addr_to_sockaddr(const struct ip_addr *a, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		s6->sin6_addr = a->u.v6;
		return sizeof(*s6);
	}
	if (a->family == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		s4->sin_addr = a->u.v4;
		return sizeof(*s4);
	}
	return -EINVAL;
}

int addr_from_sockaddr(struct ip_addr *a, uint16_t *port, const struct sockaddr *sa, socklen_t salen)
{
	/* the family itself must lie inside salen before it is read */
	if (salen < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family == AF_INET6 && salen >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;

		addr_from_v6(a, &s6->sin6_addr);
		if (port)
			*port = ntohs(s6->sin6_port);
		return 0;
	}
	if (sa->sa_family == AF_INET && salen >= (socklen_t)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;

		addr_from_v4(a, &s4->sin_addr);
		if (port)
			*port = ntohs(s4->sin_port);
		return 0;
	}
	return -EINVAL;
}
