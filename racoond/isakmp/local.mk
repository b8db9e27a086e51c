# Build rules of racoond/isakmp/ (ISAKMP codec), its tests and fuzz harness.
noinst_LIBRARIES += racoond/isakmp/libisakmp.a
racoond_isakmp_libisakmp_a_SOURCES = \
	racoond/isakmp/isakmp.h \
	racoond/isakmp/header.c \
	racoond/isakmp/chain.c \
	racoond/isakmp/payload.c \
	racoond/isakmp/sa.c \
	racoond/isakmp/id.c \
	racoond/isakmp/cert.c \
	racoond/isakmp/notify.c \
	racoond/isakmp/delete.c \
	racoond/isakmp/natt.c \
	racoond/isakmp/vid.c \
	racoond/isakmp/frag.c \
	racoond/isakmp/validate.c

ISAKMP_TEST_LDADD = racoond/isakmp/libisakmp.a common/libcommon.a $(CMOCKA_LIBS)

check_PROGRAMS += test/unit/racoond-isakmp/test_codec test/unit/racoond-isakmp/test_frag
TESTS += test/unit/racoond-isakmp/test_codec test/unit/racoond-isakmp/test_frag
test_unit_racoond_isakmp_test_codec_SOURCES = test/unit/racoond-isakmp/test_codec.c
test_unit_racoond_isakmp_test_codec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_isakmp_test_codec_LDADD = $(ISAKMP_TEST_LDADD)
test_unit_racoond_isakmp_test_frag_SOURCES = test/unit/racoond-isakmp/test_frag.c
test_unit_racoond_isakmp_test_frag_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_isakmp_test_frag_LDADD = $(ISAKMP_TEST_LDADD)

EXTRA_DIST += test/fuzz/corpus/racoond_isakmp

if FUZZ
# The codec is compiled into the harness so that libFuzzer's coverage
# instrumentation reaches it.
noinst_PROGRAMS += test/fuzz/racoond_isakmp
test_fuzz_racoond_isakmp_SOURCES = test/fuzz/racoond_isakmp.c \
	$(racoond_isakmp_libisakmp_a_SOURCES)
test_fuzz_racoond_isakmp_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer,address,undefined
test_fuzz_racoond_isakmp_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
test_fuzz_racoond_isakmp_LDADD = common/libcommon.a
endif
