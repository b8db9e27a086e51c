/* The IPv6 extension headers of Mobile IPv6 (RFC 6275 6.3, 6.4): the Type 2
 * Routing Header and the Home Address destination option. */
#ifndef MIP6D_MH_EXT_H
#define MIP6D_MH_EXT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define RH2_TYPE 2
#define RH2_LEN 24
#define HAO_OPT_TYPE 201                /* 0xc9: skip if unknown, may not change */
#define HAO_DSTOPT_LEN 24

struct rh2 {
	uint8_t next_header;
	uint8_t segments_left;
	struct in6_addr hoa;
};

/* A Type 2 Routing Header carrying hoa (segments left 1).  Returns
 * RH2_LEN or -ENOSPC. */
int rh2_build(uint8_t *buf, size_t cap, uint8_t next_header, const struct in6_addr *hoa);
/* Returns the header length, or -EBADMSG (not type 2, Hdr Ext Len other
 * than 2, segments left above 1, truncated). */
int rh2_parse(struct rh2 *rh, const uint8_t *buf, size_t len);

/* A Destination Options header holding only the Home Address option, at
 * its 8n+6 alignment.  Returns HAO_DSTOPT_LEN or -ENOSPC. */
int hao_dstopt_build(uint8_t *buf, size_t cap, uint8_t next_header, const struct in6_addr *hoa);
/* Finds the Home Address option in a Destination Options header.  Returns
 * the header length, -ENOENT if the header has none, -EBADMSG if the
 * header is malformed (options past its end, HAO length not 16, HAO
 * misaligned or repeated). */
int hao_dstopt_parse(const uint8_t *buf, size_t len, uint8_t *next_header,
		     struct in6_addr *hoa);

#endif
