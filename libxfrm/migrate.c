/* XFRM_MSG_MIGRATE: building the request (one XFRMA_MIGRATE array, optional
 * KMADDRESS, policy type) and decoding a request or the kernel's
 * notification (which repeats XFRMA_MIGRATE once per entry). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libxfrm/codec.h"
#include "libxfrm/handle.h"

/* The kernel caps a MIGRATE at XFRM_MAX_DEPTH entries. */
#define XFRM_MIGRATE_MAX 6

static unsigned pair_family(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family != AF_UNSPEC ? a->family : b->family;
}

static int entry_encode(struct xfrm_user_migrate *k, const struct ipsec_migrate *e)
{
	unsigned nfam = pair_family(&e->new_src, &e->new_dst);
	unsigned ofam = pair_family(&e->old_src, &e->old_dst);

	memset(k, 0, sizeof(*k));
	if (nfam != AF_INET && nfam != AF_INET6)
		return -EINVAL;
	/* Transport entries carry no old endpoints (all zero, as UMIP sends). */
	k->old_family = (uint16_t)(ofam != AF_UNSPEC ? ofam : nfam);
	k->new_family = (uint16_t)nfam;
	xfrm_addr_encode(&k->old_saddr, &e->old_src);
	xfrm_addr_encode(&k->old_daddr, &e->old_dst);
	xfrm_addr_encode(&k->new_saddr, &e->new_src);
	xfrm_addr_encode(&k->new_daddr, &e->new_dst);
	k->proto = (uint8_t)e->proto;
	k->mode = xfrm_mode_encode(e->mode);
	k->reqid = e->reqid;
	return 0;
}

static void entry_decode(struct ipsec_migrate *e, const struct xfrm_user_migrate *k)
{
	static const xfrm_address_t zero;

	memset(e, 0, sizeof(*e));
	if (memcmp(&k->old_saddr, &zero, sizeof(zero)))
		xfrm_addr_decode(&e->old_src, &k->old_saddr, k->old_family);
	if (memcmp(&k->old_daddr, &zero, sizeof(zero)))
		xfrm_addr_decode(&e->old_dst, &k->old_daddr, k->old_family);
	xfrm_addr_decode(&e->new_src, &k->new_saddr, k->new_family);
	xfrm_addr_decode(&e->new_dst, &k->new_daddr, k->new_family);
	e->proto = (enum ipsec_proto)k->proto;
	e->mode = xfrm_mode_decode(k->mode);
	e->reqid = k->reqid;
}

int xfrm_migrate_build(struct nl_msg *m, const struct ipsec_migrate_msg *mm)
{
	struct xfrm_user_migrate ents[XFRM_MIGRATE_MAX];
	struct xfrm_userpolicy_id id;
	unsigned i;
	int rc;

	if (mm->nentries == 0 || mm->nentries > XFRM_MIGRATE_MAX || mm->dir > IPSEC_DIR_FWD)
		return -EINVAL;
	memset(&id, 0, sizeof(id));
	rc = xfrm_sel_encode(&id.sel, &mm->sel);
	if (rc < 0)
		return rc;
	id.dir = (uint8_t)mm->dir;
	for (i = 0; i < mm->nentries; i++) {
		rc = entry_encode(&ents[i], &mm->entries[i]);
		if (rc < 0)
			return rc;
	}
	if (nlmsg_append(m, &id, sizeof(id), NLMSG_ALIGNTO) < 0)
		return -EMSGSIZE;
	if (mm->has_kmaddress) {
		struct xfrm_user_kmaddress km;
		unsigned fam = pair_family(&mm->kmaddress.local, &mm->kmaddress.remote);

		if (fam != AF_INET && fam != AF_INET6)
			return -EINVAL;
		memset(&km, 0, sizeof(km));
		xfrm_addr_encode(&km.local, &mm->kmaddress.local);
		xfrm_addr_encode(&km.remote, &mm->kmaddress.remote);
		km.family = (uint16_t)fam;
		if (nla_put(m, XFRMA_KMADDRESS, sizeof(km), &km) < 0)
			return -EMSGSIZE;
	}
	rc = xfrm_policy_type_put(m, mm->type);
	if (rc < 0)
		return rc;
	if (nla_put(m, XFRMA_MIGRATE, (int)(mm->nentries * sizeof(ents[0])), ents) < 0)
		return -EMSGSIZE;
	return 0;
}

int xfrm_migrate_decode(struct ipsec_migrate_msg *mm, const struct nlmsghdr *nlh, size_t len)
{
	struct xfrm_userpolicy_id id;
	struct xfrm_attrs t;
	unsigned i;
	int rc;

	memset(mm, 0, sizeof(*mm));
	if (!xfrm_msg_holds(nlh, len, sizeof(id)))
		return -EINVAL;
	memcpy(&id, nlmsg_data(nlh), sizeof(id));
	if (id.dir > XFRM_POLICY_FWD)
		return -EINVAL;
	rc = xfrm_attrs_parse(&t, nlh, sizeof(id));
	if (rc < 0)
		return rc;
	if (t.nmig == 0)
		return -EINVAL;
	xfrm_sel_decode(&mm->sel, &id.sel);
	mm->dir = (enum ipsec_dir)id.dir;
	mm->type = xfrm_policy_type_decode(&t);
	for (i = 0; i < t.nmig; i++) {
		struct xfrm_user_migrate k;

		memcpy(&k, t.mig[i], sizeof(k));
		entry_decode(&mm->entries[i], &k);
	}
	mm->nentries = (uint8_t)t.nmig;
	if (t.a[XFRMA_KMADDRESS]) {
		struct xfrm_user_kmaddress km;

		memcpy(&km, nla_data(t.a[XFRMA_KMADDRESS]), sizeof(km));
		if (km.family != AF_INET && km.family != AF_INET6)
			return -EINVAL;
		mm->has_kmaddress = true;
		xfrm_addr_decode(&mm->kmaddress.local, &km.local, km.family);
		xfrm_addr_decode(&mm->kmaddress.remote, &km.remote, km.family);
	}
	return 0;
}

int xfrm_migrate(struct xfrm_handle *h, const struct ipsec_migrate_msg *mm)
{
	char what[200], sel[160];
	struct nl_msg *m;
	int rc;

	xfrm_sel_describe(&mm->sel, sel, sizeof(sel));
	snprintf(what, sizeof(what), "migrate policy %s dir %s%s", sel, ipsec_dir_name(mm->dir),
		 mm->type == IPSEC_POLICY_SUB ? " sub" : "");
	m = nlmsg_alloc_simple(XFRM_MSG_MIGRATE, NLM_F_ACK);
	if (!m)
		return xfrm_fail(h, -ENOMEM, what);
	rc = xfrm_migrate_build(m, mm);
	if (rc < 0) {
		nlmsg_free(m);
		return xfrm_fail(h, rc, what);
	}
	rc = xfrm_transact(h, m, NULL, NULL);
	return rc < 0 ? xfrm_fail(h, rc, what) : 0;
}
