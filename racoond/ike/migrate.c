/* MIGRATE with KMADDRESS (draft-ebalard-mext-pfkey-enhanced-migrate, as
 * racoon's pk_recvmigrate): the phase 1 SA moves to the KMADDRESS pair
 * (ports kept, nothing sent to the peer), phase 2 records follow (their
 * IKE endpoints and, in tunnel mode, their SA endpoints), and the pair is
 * remembered for the policy so that the next ACQUIRE negotiates from the
 * new address when nothing could be moved (re-bootstrap).  Only transport
 * policies leave such a hint: a tunnel policy's ACQUIRE names its own
 * endpoints, which the kernel moved with it, and a hint could only go
 * stale (a tunnel MIGRATE the kernel refused, on a larval state, is never
 * broadcast; the HA then replaces the policy and its ACQUIRE names the new
 * CoA, which a hint from the handover before overrode). */
#include <errno.h>
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static void store_hint(struct ike_engine *e, const struct ipsec_migrate_msg *m)
{
	struct ike_hint *free_slot = NULL;

	for (unsigned i = 0; i < IKE_MAX_HINTS; i++) {
		struct ike_hint *h = &e->hints[i];

		if (h->used && sel_same_traffic(&h->sel, &m->sel)) {
			h->km = m->kmaddress;
			return;
		}
		if (!h->used && !free_slot)
			free_slot = h;
	}
	if (!free_slot)
		free_slot = &e->hints[0];
	free_slot->used = true;
	free_slot->sel = m->sel;
	free_slot->km = m->kmaddress;
}

/* The IKE addresses in use before this MIGRATE (racoon's order: an earlier
 * hint, the tunnel endpoints, the selector). */
static void old_ike(const struct ike_engine *e, const struct ipsec_migrate_msg *m,
		    struct ip_addr *loc, struct ip_addr *rem)
{
	const struct ike_hint *h = sel_hint(e, &m->sel);
	bool out = m->dir == IPSEC_DIR_OUT;

	if (h) {
		*loc = h->km.local;
		*rem = h->km.remote;
	} else if (m->nentries && m->entries[0].mode == IPSEC_MODE_TUNNEL) {
		*loc = out ? m->entries[0].old_src : m->entries[0].old_dst;
		*rem = out ? m->entries[0].old_dst : m->entries[0].old_src;
	} else {
		*loc = out ? m->sel.src.addr : m->sel.dst.addr;
		*rem = out ? m->sel.dst.addr : m->sel.src.addr;
	}
}

static void move_ph1(struct ike_ph1 *p1, const struct ipsec_kmaddress *km)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	p1->local.addr = km->local;
	p1->remote.addr = km->remote;
	log_info("ISAKMP-SA %u moved to %s <-> %s", p1->id, addr_fmt(&km->local, a, sizeof(a)),
		 addr_fmt(&km->remote, b, sizeof(b)));
}

/* An initiator's phase 1 caught mid-negotiation starts again from the new
 * address, taking its waiting phase 2 along. */
static void restart(struct ike_engine *e, struct ike_ph1 *old)
{
	struct ike_ph1 *p1 = ph1_new(e, old->rm, &old->local, &old->remote, true, old->etype);

	if (!p1)
		return;
	if ((p1->etype == ISAKMP_ETYPE_AGG ? ag_start(p1) : mm_start(p1)) < 0) {
		ph1_free(p1);
		return;
	}
	for (struct ike_ph2 *p2 = e->ph2s; p2; p2 = p2->next)
		if (p2->ph1 == old && p2->state == PH2_WAIT_PH1)
			p2->ph1 = p1;
	ph1_delete(old, false);
}

static bool sel_is_ph2(const struct ike_ph2 *p2, const struct ipsec_migrate_msg *m)
{
	if (p2->has_sel && sel_same_traffic(&p2->sel, &m->sel))
		return true;
	if (m->dir == IPSEC_DIR_OUT)
		return prefix_cmp(&p2->id_l, &m->sel.src) == 0 &&
		       prefix_cmp(&p2->id_r, &m->sel.dst) == 0;
	return prefix_cmp(&p2->id_l, &m->sel.dst) == 0 && prefix_cmp(&p2->id_r, &m->sel.src) == 0;
}

/* Would the tunnel's endpoint that changes (old -> km) land inside the
 * traffic selector of its own side? */
static bool into_own_selector(const struct ike_ph2 *p2, const struct ip_addr *oloc,
			      const struct ip_addr *orem, const struct ipsec_kmaddress *km)
{
	return (!addr_eq(oloc, &km->local) && prefix_contains(&p2->id_l, &km->local)) ||
	       (!addr_eq(orem, &km->remote) && prefix_contains(&p2->id_r, &km->remote));
}

int migrate_event(struct ike_engine *e, const struct ipsec_migrate_msg *m)
{
	const struct ipsec_kmaddress *km = &m->kmaddress;
	struct ip_addr oloc, orem;
	struct ike_ph1 *moved[16];
	unsigned nmoved = 0;

	if (!m->has_kmaddress || km->local.family != km->remote.family ||
	    km->local.family == AF_UNSPEC)
		return 0;
	old_ike(e, m, &oloc, &orem);
	if (!m->nentries || m->entries[0].mode != IPSEC_MODE_TUNNEL)
		store_hint(e, m);
	for (struct ike_ph1 *p1 = e->ph1s; p1; p1 = p1->next) {
		if (addr_eq(&p1->local.addr, &oloc) && addr_eq(&p1->remote.addr, &orem) &&
		    nmoved < 16) {
			move_ph1(p1, km);
			moved[nmoved++] = p1;
		}
	}
	/* A tunnel between the IKE endpoints (the CoA is both in Mobile IPv6)
	 * follows its phase 1 even where no tunnel MIGRATE comes for it: a
	 * negotiation still running, or one whose MIGRATE the kernel refused;
	 * otherwise it would install its SAs at the old CoA.  Not to an
	 * address its own traffic selector holds: back home the IKE address is
	 * the HoA, and the tunnel's policies are deleted, not moved.  A Quick
	 * Mode message still unanswered went to the old address: it is sent
	 * again now, not at the next resend (10 s with racoon's timers). */
	for (struct ike_ph2 *p2 = e->ph2s; p2; p2 = p2->next) {
		bool of_moved = false;

		for (unsigned i = 0; i < nmoved; i++)
			of_moved |= p2->ph1 == moved[i];
		if (!of_moved)
			continue;
		if (p2->mode == IPSEC_MODE_TUNNEL && addr_eq(&p2->sa_src, &oloc) &&
		    addr_eq(&p2->sa_dst, &orem) && !into_own_selector(p2, &oloc, &orem, km)) {
			p2->sa_src = km->local;
			p2->sa_dst = km->remote;
		}
		if (p2->initiator && (p2->state == PH2_I_SENT1 || p2->state == PH2_I_COMMIT))
			xmit_resend(e, p2->ph1, &p2->tx);
	}
	for (struct ike_ph2 *p2 = e->ph2s; p2; p2 = p2->next) {
		if (p2->ph1 && sel_is_ph2(p2, m) && !(addr_eq(&p2->ph1->local.addr, &km->local) &&
						      addr_eq(&p2->ph1->remote.addr, &km->remote))) {
			move_ph1(p2->ph1, km);
			if (nmoved < 16)
				moved[nmoved++] = p2->ph1;
		}
		if (p2->mode != IPSEC_MODE_TUNNEL)
			continue;
		for (unsigned i = 0; i < m->nentries && i < IPSEC_MAX_MIGRATE; i++) {
			const struct ipsec_migrate *en = &m->entries[i];

			if (en->mode != IPSEC_MODE_TUNNEL)
				continue;
			if (addr_eq(&p2->sa_src, &en->old_src) && addr_eq(&p2->sa_dst, &en->old_dst)) {
				p2->sa_src = en->new_src;
				p2->sa_dst = en->new_dst;
			} else if (addr_eq(&p2->sa_src, &en->old_dst) &&
				   addr_eq(&p2->sa_dst, &en->old_src)) {
				p2->sa_src = en->new_dst;
				p2->sa_dst = en->new_src;
			}
		}
	}
	for (unsigned i = 0; i < nmoved; i++) {
		struct ike_ph1 *p1 = moved[i];
		bool dup = false;

		for (unsigned j = 0; j < i; j++)
			dup |= moved[j] == p1;
		if (!dup && p1->initiator && p1->state != PH1_ESTABLISHED && !p1->rm->passive)
			restart(e, p1);
	}
	return 0;
}
