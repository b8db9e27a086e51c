/* libFuzzer harness: ISAKMP message parser, every payload decoder, the
 * required-payload check, the padded-body parser and fragment reassembly.
 * The first input byte picks nothing; the datagram is the whole input. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/isakmp/isakmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode_payloads(const struct isakmp_msg *m)
{
	for (size_t i = 0; i < m->npl; i++) {
		const struct isakmp_pl *pl = &m->pl[i];
		struct isakmp_sa sa;
		struct isakmp_id id;
		struct isakmp_cert c;
		struct isakmp_notify n;
		struct isakmp_delete d;
		struct ip_addr a, lo, hi;
		struct ip_prefix p;
		uint32_t seq;

		switch (pl->type) {
		case ISAKMP_NP_SA:
			if (isakmp_sa_parse(pl, &sa) == 0) {
				struct isakmp_iter pi, ti, ai;
				struct isakmp_prop pr;
				struct isakmp_trans t;
				struct isakmp_attr at;
				struct isakmp_p1_attrs p1;
				struct isakmp_p2_attrs p2;
				uint32_t v;

				isakmp_sa_props(&sa, &pi);
				while (isakmp_next_prop(&pi, &pr)) {
					isakmp_prop_trans(&pr, &ti);
					while (isakmp_next_trans(&ti, &t)) {
						isakmp_p1_decode(&t, &p1);
						isakmp_p2_decode(&t, &p2);
						isakmp_trans_attrs(&t, &ai);
						while (isakmp_next_attr(&ai, &at))
							isakmp_attr_u32(&at, &v);
					}
				}
			}
			break;
		case ISAKMP_NP_ID:
			if (isakmp_id_parse(pl, &id) == 0) {
				isakmp_id_to_prefix(&id, &p);
				isakmp_id_to_range(&id, &lo, &hi);
			}
			break;
		case ISAKMP_NP_CERT:
			isakmp_cert_parse(pl, &c);
			break;
		case ISAKMP_NP_CR:
			isakmp_cr_parse(pl, &c);
			break;
		case ISAKMP_NP_N:
			if (isakmp_notify_parse(pl, &n) == 0)
				isakmp_dpd_parse(&n, &m->hdr, &seq);
			break;
		case ISAKMP_NP_D:
			isakmp_delete_parse(pl, &d);
			break;
		case ISAKMP_NP_NATOA_RFC:
		case ISAKMP_NP_NATOA_DRAFT:
		case ISAKMP_NP_NATOA_BADDRAFT:
			isakmp_natoa_parse(pl, &a);
			break;
		case ISAKMP_NP_VID:
			isakmp_vid_classify(pl->body, pl->len, &seq);
			break;
		default:
			isakmp_blob_check(pl);
			break;
		}
	}
	for (unsigned k = 1; k <= 6; k++)
		isakmp_validate(m, k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct isakmp_reasm *r;
	static uint8_t out[ISAKMP_FRAG_MAX_TOTAL];
	struct isakmp_msg m;
	struct isakmp_hdr h;
	struct isakmp_frag f;
	struct isakmp_padding pad;

	if (!r) {
		r = malloc(sizeof(*r));
		if (!r)
			abort();
		isakmp_reasm_init(r, 16384);
	}
	if (isakmp_msg_parse(data, size, &m) == 0) {
		if (m.hdr.flags & ISAKMP_FLAG_E) {
			/* Treat the body as already decrypted with 8-byte blocks. */
			size_t blen = (size - ISAKMP_HDR_LEN) & ~(size_t)7;

			isakmp_padding_default(&pad);
			pad.strict_check = size & 1;
			if (blen && isakmp_msg_parse_body(&m, data + ISAKMP_HDR_LEN, blen, 8, &pad) == 0)
				decode_payloads(&m);
		} else {
			decode_payloads(&m);
		}
	}
	/* Fragments accumulate across inputs, as they would from a peer. */
	if (isakmp_frag_parse(data, size, &h, &f) == 0) {
		int n = isakmp_reasm_add(r, &h, &f, out, sizeof(out));

		if (n == -ESRCH) {
			isakmp_reasm_reset(r);
		} else if (n > 0 && isakmp_msg_parse(out, (size_t)n, &m) == 0) {
			decode_payloads(&m);
		}
	}
	return 0;
}
