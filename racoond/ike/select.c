/* Choosing configuration: the remote section for a peer address, the
 * sainfo for a pair of phase 2 identities and the phase 1 identity (the
 * HoA-to-identity binding of RFC 3776 through "from"), the reqid of a
 * policy, MIGRATE's address hints, and whether an ACQUIRE is already
 * answered by an established phase 2. */
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "racoond/ike/ike_int.h"

const struct rc_remote *sel_remote(const struct rc_conf *c, const struct ip_addr *remote)
{
	const struct rc_remote *anon = NULL;

	for (const struct rc_remote *r = c->remotes; r; r = r->next) {
		if (r->kind == RC_REMOTE_ANONYMOUS) {
			if (!anon)
				anon = r;
			continue;
		}
		if (r->has_address && addr_eq(&r->address, remote))
			return r;
	}
	return anon;
}

static bool said_match(const struct rc_said *s, const struct ip_prefix *p, uint8_t proto,
		       uint16_t port)
{
	switch (s->kind) {
	case RC_SAID_ANONYMOUS:
		return true;
	case RC_SAID_ADDR:
		if (s->is_range)
			return false;
		if (prefix_cmp(&s->prefix, p) != 0)
			return false;
		return (s->ulproto == 0 || s->ulproto == proto) && (s->port == 0 || s->port == port);
	default:
		return false;
	}
}

bool sel_id_match(const struct rc_id *id, uint8_t type, const uint8_t *data, size_t len,
		  const struct ip_addr *remote)
{
	switch (id->type) {
	case RC_ID_ADDRESS: {
		const struct ip_addr *want = id->addr.family != AF_UNSPEC ? &id->addr : remote;

		return (type == IPSEC_ID_IPV4_ADDR || type == IPSEC_ID_IPV6_ADDR) &&
		       len == addr_len(want) && memcmp(data, want->u.bytes, len) == 0;
	}
	case RC_ID_FQDN:
	case RC_ID_USER_FQDN:
		if (type != (id->type == RC_ID_FQDN ? IPSEC_ID_FQDN : IPSEC_ID_USER_FQDN))
			return false;
		return !id->value || (strlen(id->value) == len &&
				      strncasecmp(id->value, (const char *)data, len) == 0);
	case RC_ID_KEYID_TAG:
		return type == IPSEC_ID_KEY_ID && id->value && strlen(id->value) == len &&
		       memcmp(id->value, data, len) == 0;
	case RC_ID_ASN1DN: {
		uint8_t *der;
		size_t dlen;
		bool ok;

		if (type != IPSEC_ID_DER_ASN1_DN)
			return false;
		if (!id->value)
			return true;
		if (ike_dn_from_string(id->value, &der, &dlen) < 0)
			return false;
		ok = ike_dn_match(der, dlen, data, len) == 0;
		OPENSSL_free(der);
		return ok;
	}
	default:
		return false;
	}
}

const struct rc_sainfo *sel_sainfo(const struct rc_conf *c, const struct ip_prefix *loc,
				   uint8_t lproto, uint16_t lport, const struct ip_prefix *rem,
				   uint8_t rproto, uint16_t rport, const struct ike_ph1 *p1)
{
	for (const struct rc_sainfo *s = c->sainfos; s; s = s->next) {
		if (!said_match(&s->local, loc, lproto, lport) ||
		    !said_match(&s->remote, rem, rproto, rport))
			continue;
		if (s->has_from && (!p1 || !p1->peer_id ||
				    !sel_id_match(&s->from, p1->peer_id_type, p1->peer_id,
						  p1->peer_id_len, &p1->remote.addr)))
			continue;
		return s;
	}
	return NULL;
}

/* Same traffic for MIGRATE hints: addresses and protocol (the backends
 * may fill ports, MH type or interface differently in ACQUIRE and
 * MIGRATE). */
bool sel_same_traffic(const struct ipsec_selector *a, const struct ipsec_selector *b)
{
	uint8_t pa = a->proto == IPSEC_ULPROTO_ANY ? 0 : a->proto;
	uint8_t pb = b->proto == IPSEC_ULPROTO_ANY ? 0 : b->proto;

	return pa == pb && prefix_cmp(&a->src, &b->src) == 0 && prefix_cmp(&a->dst, &b->dst) == 0;
}

const struct ike_hint *sel_hint(const struct ike_engine *e, const struct ipsec_selector *s)
{
	for (unsigned i = 0; i < IKE_MAX_HINTS; i++)
		if (e->hints[i].used && sel_same_traffic(&e->hints[i].sel, s))
			return &e->hints[i];
	return NULL;
}

/* When both peers send traffic into the tunnel at the same time (the CN's
 * ping reaching the HA, the MN's own packets), each kernel ACQUIREs and
 * each side starts Quick Mode.  The ACQUIRE queued before the peer's
 * negotiation installed the SAs then arrives after them: negotiating again
 * would give the tunnel a second pair of SAs, of which a MIGRATE moves only
 * one (the kernel migrates the first state it finds), and the next
 * handover breaks.  An established tunnel-mode phase 2 between the same SA
 * endpoints and for the same traffic answers it, and so does one we answer
 * and which only waits for the peer's third message.  (SAs that vanish are
 * seen: SA_DELETE and EXPIRE remove their phase 2.)  Transport mode keeps
 * racoon's rule, an ACQUIRE is always negotiated: its SAs never move. */
bool sel_acquire_answered(const struct ike_engine *e, const struct km_acquire *a)
{
	const struct ipsec_policy *pol = &a->policy;
	uint8_t proto = pol->sel.proto == IPSEC_ULPROTO_ANY ? 0 : pol->sel.proto;

	if (!pol->ntmpl || pol->tmpl[0].mode != IPSEC_MODE_TUNNEL)
		return false;
	for (const struct ike_ph2 *p2 = e->ph2s; p2; p2 = p2->next)
		if ((p2->state == PH2_ESTABLISHED || (!p2->initiator && p2->state == PH2_R_SENT2)) &&
		    p2->mode == IPSEC_MODE_TUNNEL &&
		    p2->ulproto == proto &&
		    addr_eq(&p2->sa_src, &a->src) && addr_eq(&p2->sa_dst, &a->dst) &&
		    prefix_cmp(&p2->id_l, &pol->sel.src) == 0 &&
		    prefix_cmp(&p2->id_r, &pol->sel.dst) == 0)
			return true;
	return false;
}
