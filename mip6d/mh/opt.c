/* Mobility options (RFC 6275 6.2, RFC 3963 6.3): parsing with the
 * alignment and length rules, and laying them out for the builder. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mip6d/mh/mh_int.h"

bool mh_opt_align(uint8_t type, struct mh_opt_align *a)
{
	switch (type) {
	case MH_OPT_BRA:
		*a = (struct mh_opt_align){ 2, 0 };
		return true;
	case MH_OPT_ALTCOA:
		*a = (struct mh_opt_align){ 8, 6 };
		return true;
	case MH_OPT_NONCE_IDX:
		*a = (struct mh_opt_align){ 2, 0 };
		return true;
	case MH_OPT_AUTH:
		*a = (struct mh_opt_align){ 8, 2 };
		return true;
	case MH_OPT_MNP:
		*a = (struct mh_opt_align){ 8, 4 };
		return true;
	default:
		return false;
	}
}

uint32_t mh_opts_allowed(uint8_t type)
{
	switch (type) {
	case MH_BU:
		return 1u << MH_OPT_ALTCOA | 1u << MH_OPT_NONCE_IDX | 1u << MH_OPT_AUTH |
		       1u << MH_OPT_MNP;
	case MH_BA:
		return 1u << MH_OPT_BRA | 1u << MH_OPT_AUTH;
	default:
		return 0;
	}
}

/* The option data length each known option must have; 0 for "variable". */
static int opt_fixed_len(uint8_t type)
{
	switch (type) {
	case MH_OPT_BRA:
		return 2;
	case MH_OPT_ALTCOA:
		return 16;
	case MH_OPT_NONCE_IDX:
		return 4;
	case MH_OPT_MNP:
		return 18;
	default:
		return 0;
	}
}

int mh_opts_parse(struct mh_opts *o, const uint8_t *msg, size_t off, size_t end, uint8_t type)
{
	uint32_t allowed = mh_opts_allowed(type);
	bool after_auth = false;

	memset(o, 0, sizeof(*o));
	while (off < end) {
		uint8_t t = msg[off], l;
		const uint8_t *d;
		struct mh_opt_align a;
		int fixed;

		if (t == MH_OPT_PAD1) {
			off++;
			continue;
		}
		if (end - off < 2)
			return -EBADMSG;
		l = msg[off + 1];
		if ((size_t)l > end - off - 2)
			return -EBADMSG;
		d = msg + off + 2;
		if (t == MH_OPT_PADN) {
			off += 2u + l;
			continue;
		}
		/* Unknown options, and options the type does not define, are
		 * skipped (RFC 6275 6.2.1). */
		if (t > MH_OPT_MNP || !(allowed & (1u << t))) {
			if (t > MH_OPT_MNP)
				o->n_unknown++;
			else
				o->n_ignored++;
			off += 2u + l;
			continue;
		}
		/* Nothing but padding may follow the authorization data, which
		 * covers what comes before it. */
		if (after_auth)
			return -EBADMSG;
		if (mh_opt_align(t, &a) && off % a.n != a.k)
			return -EBADMSG;
		fixed = opt_fixed_len(t);
		if (fixed && l != fixed)
			return -EBADMSG;
		if (t == MH_OPT_AUTH && (l == 0 || l > MH_AUTH_MAX))
			return -EBADMSG;
		if (t == MH_OPT_MNP && d[1] > 128)
			return -EBADMSG;
		if (t != MH_OPT_MNP && (o->present & (1u << t)))
			return -EBADMSG;
		o->present |= 1u << t;
		switch (t) {
		case MH_OPT_BRA:
			o->refresh_interval = wire_get_be16(d);
			break;
		case MH_OPT_ALTCOA:
			memcpy(&o->alt_coa, d, 16);
			break;
		case MH_OPT_NONCE_IDX:
			o->home_nonce_index = wire_get_be16(d);
			o->careof_nonce_index = wire_get_be16(d + 2);
			break;
		case MH_OPT_AUTH:
			o->auth_len = l;
			memcpy(o->auth, d, l);
			after_auth = true;
			break;
		case MH_OPT_MNP:
			if (o->n_mnp == MH_MNP_MAX)
				return -ENOBUFS;
			o->mnp[o->n_mnp].plen = d[1];
			memcpy(&o->mnp[o->n_mnp].prefix, d + 2, 16);
			o->n_mnp++;
			break;
		}
		off += 2u + l;
	}
	return 0;
}

void mh_pad_to(struct wire_wr *w, size_t n, size_t k)
{
	size_t pad = (k + n - wire_wr_len(w) % n) % n;

	if (pad == 1) {
		wire_wr_u8(w, MH_OPT_PAD1);
	} else if (pad >= 2) {
		wire_wr_u8(w, MH_OPT_PADN);
		wire_wr_u8(w, (uint8_t)(pad - 2));
		wire_wr_zero(w, pad - 2);
	}
}

static void put_head(struct wire_wr *w, uint8_t type, uint8_t len)
{
	struct mh_opt_align a;

	if (mh_opt_align(type, &a))
		mh_pad_to(w, a.n, a.k);
	wire_wr_u8(w, type);
	wire_wr_u8(w, len);
}

int mh_opts_build(const struct mh_opts *o, uint8_t type, struct wire_wr *w)
{
	uint32_t known = 1u << MH_OPT_BRA | 1u << MH_OPT_ALTCOA | 1u << MH_OPT_NONCE_IDX |
			 1u << MH_OPT_AUTH | 1u << MH_OPT_MNP;
	unsigned i;

	if (o->present & ~known)
		return -EINVAL;
	if (o->present & ~mh_opts_allowed(type))
		return -EINVAL;
	if ((o->present & (1u << MH_OPT_AUTH)) && (o->auth_len == 0 || o->auth_len > MH_AUTH_MAX))
		return -EINVAL;
	if (o->present & (1u << MH_OPT_MNP)) {
		if (o->n_mnp == 0 || o->n_mnp > MH_MNP_MAX)
			return -EINVAL;
		for (i = 0; i < o->n_mnp; i++)
			if (o->mnp[i].plen > 128)
				return -EINVAL;
	}
	if (o->present & (1u << MH_OPT_BRA)) {
		put_head(w, MH_OPT_BRA, 2);
		wire_wr_be16(w, o->refresh_interval);
	}
	if (o->present & (1u << MH_OPT_ALTCOA)) {
		put_head(w, MH_OPT_ALTCOA, 16);
		wire_wr_bytes(w, &o->alt_coa, 16);
	}
	if (o->present & (1u << MH_OPT_NONCE_IDX)) {
		put_head(w, MH_OPT_NONCE_IDX, 4);
		wire_wr_be16(w, o->home_nonce_index);
		wire_wr_be16(w, o->careof_nonce_index);
	}
	if (o->present & (1u << MH_OPT_MNP)) {
		for (i = 0; i < o->n_mnp; i++) {
			put_head(w, MH_OPT_MNP, 18);
			wire_wr_u8(w, 0);
			wire_wr_u8(w, o->mnp[i].plen);
			wire_wr_bytes(w, &o->mnp[i].prefix, 16);
		}
	}
	/* Last: it authenticates what precedes it. */
	if (o->present & (1u << MH_OPT_AUTH)) {
		put_head(w, MH_OPT_AUTH, o->auth_len);
		wire_wr_bytes(w, o->auth, o->auth_len);
	}
	mh_pad_to(w, 8, 0);
	return wire_wr_ok(w) ? 0 : -ENOSPC;
}
