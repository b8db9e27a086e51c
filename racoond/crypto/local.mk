# Build rules of racoond/crypto/ (IKEv1 crypto on OpenSSL 3), its tests.
# OPENSSL_NO_DEPRECATED proves that only the EVP/OSSL_PARAM APIs are used.
IKECRYPTO_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS) -DOPENSSL_API_COMPAT=30000 \
	-DOPENSSL_NO_DEPRECATED

noinst_LIBRARIES += racoond/crypto/libikecrypto.a
racoond_crypto_libikecrypto_a_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
racoond_crypto_libikecrypto_a_SOURCES = \
	racoond/crypto/ikecrypto.h \
	racoond/crypto/secret.c \
	racoond/crypto/dh.c \
	racoond/crypto/prf.c \
	racoond/crypto/skeyid.c \
	racoond/crypto/iv.c \
	racoond/crypto/hash.c \
	racoond/crypto/keymat.c \
	racoond/crypto/cipher.c \
	racoond/crypto/rsa.c \
	racoond/crypto/x509.c \
	racoond/crypto/dn.c \
	racoond/crypto/warmup.c

IKECRYPTO_TEST_LDADD = racoond/crypto/libikecrypto.a common/libcommon.a \
	$(OPENSSL_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += test/unit/racoond-crypto/test_kat test/unit/racoond-crypto/test_crypto \
	test/unit/racoond-crypto/test_x509 test/unit/racoond-crypto/rsasig \
	test/unit/racoond-crypto/test_exchange
TESTS += test/unit/racoond-crypto/test_kat test/unit/racoond-crypto/test_crypto \
	test/unit/racoond-crypto/test_exchange \
	test/unit/racoond-crypto/test_x509.sh test/unit/racoond-crypto/rsa_interop.sh
EXTRA_DIST += test/unit/racoond-crypto/fixtures.txt test/unit/racoond-crypto/gen_fixtures.py \
	test/unit/racoond-crypto/test_x509.sh test/unit/racoond-crypto/rsa_interop.sh \
	test/unit/racoond-crypto/mkcerts.sh

test_unit_racoond_crypto_test_kat_SOURCES = test/unit/racoond-crypto/test_kat.c
test_unit_racoond_crypto_test_kat_CPPFLAGS = $(IKECRYPTO_CPPFLAGS) \
	-DFIXTURES='"$(abs_top_srcdir)/test/unit/racoond-crypto/fixtures.txt"'
test_unit_racoond_crypto_test_kat_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_crypto_test_kat_LDADD = $(IKECRYPTO_TEST_LDADD)

test_unit_racoond_crypto_test_crypto_SOURCES = test/unit/racoond-crypto/test_crypto.c
test_unit_racoond_crypto_test_crypto_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
test_unit_racoond_crypto_test_crypto_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_crypto_test_crypto_LDADD = $(IKECRYPTO_TEST_LDADD)

# Codec and crypto together.
test_unit_racoond_crypto_test_exchange_SOURCES = test/unit/racoond-crypto/test_exchange.c
test_unit_racoond_crypto_test_exchange_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
test_unit_racoond_crypto_test_exchange_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_crypto_test_exchange_LDADD = racoond/crypto/libikecrypto.a \
	racoond/isakmp/libisakmp.a $(IKECRYPTO_TEST_LDADD)

test_unit_racoond_crypto_test_x509_SOURCES = test/unit/racoond-crypto/test_x509.c
test_unit_racoond_crypto_test_x509_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
test_unit_racoond_crypto_test_x509_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_crypto_test_x509_LDADD = $(IKECRYPTO_TEST_LDADD)

test_unit_racoond_crypto_rsasig_SOURCES = test/unit/racoond-crypto/rsasig.c
test_unit_racoond_crypto_rsasig_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
test_unit_racoond_crypto_rsasig_LDADD = racoond/crypto/libikecrypto.a common/libcommon.a \
	$(OPENSSL_LIBS)

EXTRA_DIST += test/fuzz/corpus/racoond_isakmp_cert

if FUZZ
# DER certificates and names, DN strings; racoond/crypto compiled in for
# coverage.
noinst_PROGRAMS += test/fuzz/racoond_isakmp_cert
test_fuzz_racoond_isakmp_cert_SOURCES = test/fuzz/racoond_isakmp_cert.c \
	$(racoond_crypto_libikecrypto_a_SOURCES)
test_fuzz_racoond_isakmp_cert_CPPFLAGS = $(IKECRYPTO_CPPFLAGS)
test_fuzz_racoond_isakmp_cert_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer,address,undefined
test_fuzz_racoond_isakmp_cert_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
test_fuzz_racoond_isakmp_cert_LDADD = common/libcommon.a $(OPENSSL_LIBS)
endif
