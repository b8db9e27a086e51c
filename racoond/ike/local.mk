# Build rules of racoond/ike/ (the IKEv1 exchanges and their tables), its tests.
IKE_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS) -DOPENSSL_API_COMPAT=30000 \
	-DOPENSSL_NO_DEPRECATED

noinst_LIBRARIES += racoond/ike/libike.a
racoond_ike_libike_a_CPPFLAGS = $(IKE_CPPFLAGS)
racoond_ike_libike_a_SOURCES = \
	racoond/ike/ike.h \
	racoond/ike/ike_int.h \
	racoond/ike/engine.c \
	racoond/ike/msg.c \
	racoond/ike/ph1.c \
	racoond/ike/ph2.c \
	racoond/ike/main_mode.c \
	racoond/ike/aggressive.c \
	racoond/ike/quick.c \
	racoond/ike/info.c \
	racoond/ike/dpd.c \
	racoond/ike/proposal.c \
	racoond/ike/auth.c \
	racoond/ike/creds.c racoond/ike/creds.h \
	racoond/ike/select.c \
	racoond/ike/spd.c \
	racoond/ike/migrate.c

IKE_LIBS = racoond/ike/libike.a racoond/isakmp/libisakmp.a racoond/crypto/libikecrypto.a \
	racoond/conf/libracoondconf.a common/libcommon.a $(OPENSSL_LIBS)

check_PROGRAMS += test/unit/racoond-ike/test_ike
TESTS += test/unit/racoond-ike/test_ike
test_unit_racoond_ike_test_ike_SOURCES = test/unit/racoond-ike/test_ike.c \
	test/unit/racoond-ike/harness.c test/unit/racoond-ike/harness.h
test_unit_racoond_ike_test_ike_CPPFLAGS = $(IKE_CPPFLAGS) \
	-DMKCERTS='"$(abs_top_srcdir)/test/unit/racoond-crypto/mkcerts.sh"'
test_unit_racoond_ike_test_ike_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_ike_test_ike_LDADD = $(IKE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += test/unit/racoond-ike/test_bundle
TESTS += test/unit/racoond-ike/test_bundle
test_unit_racoond_ike_test_bundle_SOURCES = test/unit/racoond-ike/test_bundle.c \
	test/unit/racoond-ike/harness.c test/unit/racoond-ike/harness.h
test_unit_racoond_ike_test_bundle_CPPFLAGS = $(IKE_CPPFLAGS)
test_unit_racoond_ike_test_bundle_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_ike_test_bundle_LDADD = $(IKE_LIBS) $(CMOCKA_LIBS)

EXTRA_DIST += test/fuzz/corpus/racoond_ike test/fuzz/corpus/racoond_prop

if FUZZ
# Arbitrary datagrams into a responder, and into engines mid-negotiation.
noinst_PROGRAMS += test/fuzz/racoond_ike
test_fuzz_racoond_ike_SOURCES = test/fuzz/racoond_ike.c test/unit/racoond-ike/harness.c \
	test/unit/racoond-ike/harness.h
test_fuzz_racoond_ike_CPPFLAGS = $(IKE_CPPFLAGS)
test_fuzz_racoond_ike_CFLAGS = $(AM_CFLAGS)
test_fuzz_racoond_ike_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_racoond_ike_LDADD = $(IKE_LIBS)
# Arbitrary SA payloads into the phase 2 proposal choice (bundles).
noinst_PROGRAMS += test/fuzz/racoond_prop
test_fuzz_racoond_prop_SOURCES = test/fuzz/racoond_prop.c
test_fuzz_racoond_prop_CPPFLAGS = $(IKE_CPPFLAGS)
test_fuzz_racoond_prop_CFLAGS = $(AM_CFLAGS)
test_fuzz_racoond_prop_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_racoond_prop_LDADD = $(IKE_LIBS)
endif
