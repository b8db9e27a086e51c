# libcommon: event loop, timers, logging, wire reader/writer, addresses,
# neutral IPsec types, readiness notification and pid files.
noinst_LIBRARIES += common/libcommon.a
common_libcommon_a_SOURCES = \
	common/addr.c common/addr.h \
	common/evloop.c common/evloop.h \
	common/ipsec.c common/ipsec.h \
	common/log.c common/log.h \
	common/notify.c common/notify.h \
	common/pidfile.c common/pidfile.h \
	common/timer.c common/timer.h \
	common/wire.c common/wire.h

# Unit tests of libcommon.
COMMON_TEST_LDADD = common/libcommon.a $(CMOCKA_LIBS)
COMMON_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
COMMON_TESTS = \
	test/unit/common/test_log
check_PROGRAMS += $(COMMON_TESTS)
TESTS += $(COMMON_TESTS)
test_unit_common_test_log_SOURCES = test/unit/common/test_log.c
test_unit_common_test_log_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_log_LDADD = $(COMMON_TEST_LDADD)
