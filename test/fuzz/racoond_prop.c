/* libFuzzer harness of the phase 2 proposal choice: an arbitrary SA
 * payload body into the responder's choice (without a policy, and against
 * an inbound policy asking IPComp at level use and ESP), the initiator's
 * check of an answer to an IPComp+ESP offer, and the refusal's SPI. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "racoond/ike/ike_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_sainfo si;
	struct ipsec_policy pol;
	struct ike_p2_choice ch, want;
	struct isakmp_pl pl = { ISAKMP_NP_SA, data, size };
	uint8_t proto;
	bool nl;

	memset(&si, 0, sizeof(si));
	si.lifetime = 3600;
	si.enc[0].id = IPSEC_ESP_AES;
	si.enc[1].id = IPSEC_ESP_3DES;
	si.n_enc = 2;
	si.auth[0].id = IPSEC_AUTH_HMAC_SHA1;
	si.auth[1].id = IPSEC_AUTH_HMAC_SHA256;
	si.n_auth = 2;
	si.comp[0].id = IPSEC_IPCOMP_DEFLATE;
	si.n_comp = 1;
	memset(&pol, 0, sizeof(pol));
	pol.dir = IPSEC_DIR_IN;
	pol.ntmpl = 2;
	pol.tmpl[0].proto = IPSEC_PROTO_IPCOMP;
	pol.tmpl[0].level = IPSEC_LEVEL_USE;
	pol.tmpl[1].proto = IPSEC_PROTO_ESP;
	memset(&want, 0, sizeof(want));
	want.n = 2;
	want.sa[0].proto = ISAKMP_PROTO_IPCOMP;
	want.sa[0].encmode = IPSEC_ENCMODE_TRANSPORT;
	want.sa[0].spi_in = 0x1234;
	want.sa[1].proto = ISAKMP_PROTO_ESP;
	want.sa[1].encmode = IPSEC_ENCMODE_TRANSPORT;
	want.sa[1].spi_in = 0x12345678;

	if (prop_p2_select(&si, RC_PC_STRICT, &pl, NULL, &ch, &nl) == 0 &&
	    (ch.n == 0 || ch.n > IKE_MAX_BUNDLE))
		__builtin_trap();
	prop_p2_select(&si, RC_PC_CLAIM, &pl, &pol, &ch, &nl);
	si.pfs_group = 2;
	prop_p2_select(&si, RC_PC_EXACT, &pl, &pol, &ch, &nl);
	if (prop_p2_check(&si, &want, &pl, &ch) == 0 &&
	    (ch.n != 2 || ch.sa[0].spi_out == 0 || ch.sa[0].spi_out > 0xffff))
		__builtin_trap();
	prop_p2_first_spi(&pl, &proto);
	return 0;
}
