/* IPv4 and IPv6 addresses and prefixes: parse, format, compare, match,
 * and convert to and from sockaddr. */
#ifndef COMMON_ADDR_H
#define COMMON_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* family is AF_INET, AF_INET6, or AF_UNSPEC for "no address". */
struct ip_addr {
	sa_family_t family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t bytes[16];
	} u;
};

struct ip_prefix {
	struct ip_addr addr;
	uint8_t len;        /* prefix length in bits */
};

/* Large enough for any formatted address or prefix ("ffff:...:ffff/128"). */
#define ADDR_STRLEN 52

/* The address length in bytes of a family: 4, 16, or 0 if unknown. */
size_t addr_family_len(sa_family_t family);
static inline size_t addr_len(const struct ip_addr *a) { return addr_family_len(a->family); }
static inline unsigned addr_bits(const struct ip_addr *a) { return 8 * (unsigned)addr_len(a); }

/* Parses a numeric IPv4 or IPv6 address; 0 or -EINVAL. */
int addr_parse(struct ip_addr *a, const char *s);
/* Parses "ADDR" or "ADDR/LEN"; a bare address gets the full length. */
int prefix_parse(struct ip_prefix *p, const char *s);
/* Formats into buf (ADDR_STRLEN bytes) and returns buf. AF_UNSPEC gives "(none)". */
const char *addr_fmt(const struct ip_addr *a, char *buf, size_t len);
const char *prefix_fmt(const struct ip_prefix *p, char *buf, size_t len);

void addr_from_v6(struct ip_addr *a, const struct in6_addr *in6);
void addr_from_v4(struct ip_addr *a, const struct in_addr *in4);
/* Builds from raw bytes of a family; -EINVAL on an unknown family. */
int addr_from_bytes(struct ip_addr *a, sa_family_t family, const void *bytes);
/* The unspecified address (:: or 0.0.0.0) of a family. */
void addr_any(struct ip_addr *a, sa_family_t family);
bool addr_is_any(const struct ip_addr *a);

/* Total order: family first, then bytes.  <0, 0, >0 like memcmp. */
int addr_cmp(const struct ip_addr *a, const struct ip_addr *b);
static inline bool addr_eq(const struct ip_addr *a, const struct ip_addr *b) { return addr_cmp(a, b) == 0; }
int prefix_cmp(const struct ip_prefix *a, const struct ip_prefix *b);
/* True if a lies inside p (same family, first p->len bits equal). */
bool prefix_contains(const struct ip_prefix *p, const struct ip_addr *a);
/* Clears the host bits after p->len. */
void prefix_mask(struct ip_prefix *p);

/* sockaddr conversion; port in host order.  addr_to_sockaddr returns the
 * sockaddr length or -EINVAL; addr_from_sockaddr returns 0 or -EINVAL. */
int addr_to_sockaddr(const struct ip_addr *a, uint16_t port, struct sockaddr_storage *ss);
int addr_from_sockaddr(struct ip_addr *a, uint16_t *port, const struct sockaddr *sa, socklen_t salen);

#endif
