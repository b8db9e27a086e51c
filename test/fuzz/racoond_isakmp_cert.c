/* libFuzzer harness: what racoond does with CERT, CR and ID payload
 * contents: DER certificates, DER names (format, match), and DN strings
 * from configuration.  The first byte selects the decoder. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/crypto/ikecrypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ignore(uint8_t type, const uint8_t *d, size_t len, void *arg)
{
	(void)type;
	(void)d;
	(void)len;
	(void)arg;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[1024];

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0: {
		X509 *c;

		if (ike_cert_from_der(data + 1, size - 1, &c) == 0) {
			uint8_t *s;
			size_t sl;

			ike_cert_altnames(c, ignore, NULL);
			if (ike_cert_subject_der(c, &s, &sl) == 0) {
				ike_dn_to_string(s, sl, buf, sizeof(buf));
				ike_dn_match(s, sl, s, sl);
				OPENSSL_free(s);
			}
			X509_free(c);
		}
		break;
	}
	case 1: {
		/* Two DER names: pattern and name, split at the second byte. */
		size_t cut = size > 2 ? data[1] % (size - 1) : 0;
		const uint8_t *a = data + 2, *b;
		size_t al, bl;

		if (size < 2)
			break;
		al = cut < size - 2 ? cut : size - 2;
		b = a + al;
		bl = size - 2 - al;
		ike_dn_match(a, al, b, bl);
		ike_dn_to_string(a, al, buf, sizeof(buf));
		break;
	}
	default: {
		char *s = malloc(size);
		uint8_t *der;
		size_t len;

		if (!s)
			abort();
		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		if (ike_dn_from_string(s, &der, &len) == 0) {
			if (ike_dn_to_string(der, len, buf, sizeof(buf)) == 0) {
				uint8_t *der2;
				size_t len2;

				/* What we print we must read back to the same name. */
				if (ike_dn_from_string(buf, &der2, &len2) != 0 ||
				    ike_dn_match(der, len, der2, len2) != 0)
					abort();
				OPENSSL_free(der2);
			}
			OPENSSL_free(der);
		}
		free(s);
		break;
	}
	}
	return 0;
}
