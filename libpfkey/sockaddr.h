/* Internal: sockaddrs as PF_KEY carries them (inside address, ipsecrequest
 * and KMADDRESS extensions), possibly unaligned. */
#ifndef LIBPFKEY_SOCKADDR_H
#define LIBPFKEY_SOCKADDR_H

#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"

#define PFKEY_ALIGN8(n) (((n) + 7) & ~(size_t)7)

/* sizeof(sockaddr_in) or sizeof(sockaddr_in6) for a family; 0 otherwise. */
size_t pfkey_sockaddr_len(sa_family_t family);
/* Decodes the sockaddr at p (length already checked by the parser). */
void pfkey_sockaddr_get(const uint8_t *p, struct ip_addr *a, uint16_t *port);

#endif
