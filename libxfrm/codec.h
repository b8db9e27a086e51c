/* Private to libxfrm: conversions between the neutral IPsec types and the
 * kernel's XFRM structures and attributes.  Pure: no I/O, no allocation. */
#ifndef LIBXFRM_CODEC_H
#define LIBXFRM_CODEC_H

#include <linux/xfrm.h>
#include <netlink/msg.h>

#include "common/ipsec.h"

/* The attributes of one message, each checked for its minimum length.
 * XFRMA_MIGRATE may repeat (the kernel's notifications) or hold an array
 * (requests): every entry is collected in order. */
struct xfrm_attrs {
	const struct nlattr *a[XFRMA_MAX + 1];
	const void *mig[IPSEC_MAX_MIGRATE];     /* each a struct xfrm_user_migrate */
	unsigned nmig;
};

/* Parses the attributes after a fixed header of hdrlen bytes; the caller
 * has checked that nlh holds that header.  -EINVAL on a truncated or short
 * attribute, or more MIGRATE entries than fit. */
int xfrm_attrs_parse(struct xfrm_attrs *t, const struct nlmsghdr *nlh, size_t hdrlen);
/* True if nlh->nlmsg_len is sane for a buffer of len bytes and holds a
 * fixed header of hdrlen bytes. */
bool xfrm_msg_holds(const struct nlmsghdr *nlh, size_t len, size_t hdrlen);

/* Addresses: AF_UNSPEC encodes as all-zero; an unknown family decodes as
 * AF_UNSPEC. */
void xfrm_addr_encode(xfrm_address_t *x, const struct ip_addr *a);
void xfrm_addr_decode(struct ip_addr *a, const xfrm_address_t *x, unsigned family);

int xfrm_sel_encode(struct xfrm_selector *ks, const struct ipsec_selector *s);
void xfrm_sel_decode(struct ipsec_selector *s, const struct xfrm_selector *ks);

uint8_t xfrm_mode_encode(enum ipsec_mode m);
enum ipsec_mode xfrm_mode_decode(uint8_t m);

void xfrm_tmpl_encode(struct xfrm_user_tmpl *kt, const struct ipsec_template *t, unsigned sel_family);
void xfrm_tmpl_decode(struct ipsec_template *t, const struct xfrm_user_tmpl *kt);

/* Limits of 0 (neutral "none") become XFRM_INF and back. */
uint64_t xfrm_limit_encode(uint64_t v);
uint64_t xfrm_limit_decode(uint64_t v);

/* Policies: body, templates and type; decode from a userpolicy_info and the
 * message's attributes (t may be NULL: no templates, type MAIN). */
int xfrm_policy_info_encode(struct xfrm_userpolicy_info *pi, const struct ipsec_policy *p);
int xfrm_policy_put_attrs(struct nl_msg *m, const struct ipsec_policy *p);
int xfrm_policy_decode(struct ipsec_policy *p, const struct xfrm_userpolicy_info *pi, const struct xfrm_attrs *t);
int xfrm_policy_type_put(struct nl_msg *m, enum ipsec_policy_type type);
enum ipsec_policy_type xfrm_policy_type_decode(const struct xfrm_attrs *t);

/* States. */
int xfrm_sa_info_encode(struct xfrm_usersa_info *si, const struct ipsec_sa *sa);
int xfrm_sa_put_attrs(struct nl_msg *m, const struct ipsec_sa *sa);
int xfrm_sa_decode(struct ipsec_sa *sa, const struct xfrm_usersa_info *si, const struct xfrm_attrs *t);

/* MIGRATE: the whole request, and the decoder of a request or notification. */
int xfrm_migrate_build(struct nl_msg *m, const struct ipsec_migrate_msg *mm);
int xfrm_migrate_decode(struct ipsec_migrate_msg *mm, const struct nlmsghdr *nlh, size_t len);

#endif
