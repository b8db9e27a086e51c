# Build rules of libpfkey/ (its unit tests and fuzz harnesses included).
noinst_LIBRARIES += libpfkey/libpfkey.a
libpfkey_libpfkey_a_SOURCES = \
	libpfkey/pfkey.h libpfkey/sockaddr.h \
	libpfkey/parse.c libpfkey/build.c libpfkey/ext.c \
	libpfkey/convert.h libpfkey/convert.c libpfkey/alg.c \
	libpfkey/policystr.h libpfkey/policystr.c

PFKEY_TEST_LIBS = libpfkey/libpfkey.a common/libcommon.a $(CMOCKA_LIBS)
check_PROGRAMS += test/unit/libpfkey/test_codec
TESTS += test/unit/libpfkey/test_codec
test_unit_libpfkey_test_codec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_codec_LDADD = $(PFKEY_TEST_LIBS)

check_PROGRAMS += test/unit/libpfkey/test_policystr
TESTS += test/unit/libpfkey/test_policystr
test_unit_libpfkey_test_policystr_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_policystr_LDADD = $(PFKEY_TEST_LIBS)

check_PROGRAMS += test/unit/libpfkey/test_convert
TESTS += test/unit/libpfkey/test_convert
test_unit_libpfkey_test_convert_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_convert_LDADD = $(PFKEY_TEST_LIBS)
