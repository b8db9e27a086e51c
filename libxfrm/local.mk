# Build rules of libxfrm/ (its unit tests, netns driver, fuzz harness and
# benchmark included).
noinst_LIBRARIES += libxfrm/libxfrm.a
libxfrm_libxfrm_a_SOURCES = \
	libxfrm/xfrm.h \
	libxfrm/codec.c libxfrm/codec.h \
	libxfrm/handle.c libxfrm/handle.h \
	libxfrm/policy.c \
	libxfrm/state.c \
	libxfrm/migrate.c \
	libxfrm/events.c
libxfrm_libxfrm_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
LIBXFRM_LDADD = libxfrm/libxfrm.a common/libcommon.a $(LIBNL_LIBS)

# Driver of the netns and vm scripts (test/netns/libxfrm/*.sh, test/vm/scenarios/libxfrm_*.sh).
noinst_PROGRAMS += test/netns/libxfrm/xfrm_driver
test_netns_libxfrm_xfrm_driver_SOURCES = test/netns/libxfrm/xfrm_driver.c
test_netns_libxfrm_xfrm_driver_LDADD = $(LIBXFRM_LDADD)

check_PROGRAMS += test/unit/libxfrm/test_events
TESTS += test/unit/libxfrm/test_events
test_unit_libxfrm_test_events_SOURCES = test/unit/libxfrm/test_events.c
test_unit_libxfrm_test_events_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libxfrm_test_events_LDADD = $(LIBXFRM_LDADD) $(CMOCKA_LIBS)

if FUZZ
noinst_PROGRAMS += test/fuzz/libxfrm_events
test_fuzz_libxfrm_events_SOURCES = test/fuzz/libxfrm_events.c
test_fuzz_libxfrm_events_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
test_fuzz_libxfrm_events_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
test_fuzz_libxfrm_events_LDADD = $(LIBXFRM_LDADD)
endif

# Benchmark (figures, not a test): test/bench/libxfrm_migrate.sh runs it.
noinst_PROGRAMS += test/bench/libxfrm_migrate
test_bench_libxfrm_migrate_SOURCES = test/bench/libxfrm_migrate.c
test_bench_libxfrm_migrate_LDADD = $(LIBXFRM_LDADD)

EXTRA_DIST += \
	test/netns/libxfrm/helpers.bash \
	test/netns/libxfrm/policy.sh \
	test/netns/libxfrm/migrate.sh \
	test/netns/libxfrm/state.sh \
	test/vm/scenarios/libxfrm_states.sh \
	test/vm/scenarios/libxfrm_migrate_sa.sh \
	test/bench/libxfrm_migrate.sh \
	test/fuzz/corpus/libxfrm_events
