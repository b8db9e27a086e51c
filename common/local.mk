# libcommon: event loop, timers, logging, wire reader/writer, addresses,
# neutral IPsec types, readiness notification and pid files.
noinst_LIBRARIES += common/libcommon.a
common_libcommon_a_SOURCES = \
	common/addr.c common/addr.h \
	common/csum.c common/csum.h \
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
	test/unit/common/test_addr \
	test/unit/common/test_evloop \
	test/unit/common/test_ipsec \
	test/unit/common/test_log \
	test/unit/common/test_notify \
	test/unit/common/test_pidfile \
	test/unit/common/test_timer \
	test/unit/common/test_wire
check_PROGRAMS += $(COMMON_TESTS)
TESTS += $(COMMON_TESTS)
test_unit_common_test_addr_SOURCES = test/unit/common/test_addr.c
test_unit_common_test_addr_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_addr_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_evloop_SOURCES = test/unit/common/test_evloop.c
test_unit_common_test_evloop_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_evloop_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_ipsec_SOURCES = test/unit/common/test_ipsec.c
test_unit_common_test_ipsec_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_ipsec_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_log_SOURCES = test/unit/common/test_log.c
test_unit_common_test_log_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_log_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_notify_SOURCES = test/unit/common/test_notify.c
test_unit_common_test_notify_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_notify_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_pidfile_SOURCES = test/unit/common/test_pidfile.c
test_unit_common_test_pidfile_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_pidfile_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_timer_SOURCES = test/unit/common/test_timer.c
test_unit_common_test_timer_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_timer_LDADD = $(COMMON_TEST_LDADD)
test_unit_common_test_wire_SOURCES = test/unit/common/test_wire.c
test_unit_common_test_wire_CFLAGS = $(COMMON_TEST_CFLAGS)
test_unit_common_test_wire_LDADD = $(COMMON_TEST_LDADD)

# Timer figures (arm, cancel, expire rates); run by hand, not a test.
noinst_PROGRAMS += test/bench/common_timers
test_bench_common_timers_SOURCES = test/bench/common_timers.c
test_bench_common_timers_LDADD = common/libcommon.a
