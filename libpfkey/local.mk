# Build rules of libpfkey/ (PF_KEY codec, socket layer, policy strings), of
# setkey, and of their unit tests, fuzz harnesses and bench.

noinst_LIBRARIES += libpfkey/libpfkey.a
libpfkey_libpfkey_a_SOURCES = \
	libpfkey/pfkey.h libpfkey/sockaddr.h \
	libpfkey/parse.c libpfkey/build.c libpfkey/ext.c \
	libpfkey/convert.h libpfkey/convert.c libpfkey/alg.c \
	libpfkey/policystr.h libpfkey/policystr.c \
	libpfkey/socket.h libpfkey/socket.c

# setkey: the command language, output and execution live in a library so
# that unit tests and fuzzers link them without main().
noinst_LIBRARIES += libpfkey/setkey/libsetkey.a
libpfkey_setkey_libsetkey_a_SOURCES = \
	libpfkey/setkey/backend.h libpfkey/setkey/backend_pfkey.c \
	libpfkey/setkey/cmd.h libpfkey/setkey/parse.c \
	libpfkey/setkey/exec.h libpfkey/setkey/exec.c \
	libpfkey/setkey/output.h libpfkey/setkey/output.c \
	libpfkey/setkey/kdebug.h libpfkey/setkey/kdebug.c \
	libpfkey/setkey/monitor.h libpfkey/setkey/monitor.c

sbin_PROGRAMS += libpfkey/setkey/setkey
libpfkey_setkey_setkey_SOURCES = libpfkey/setkey/main.c
libpfkey_setkey_setkey_LDADD = libpfkey/setkey/libsetkey.a libpfkey/libpfkey.a common/libcommon.a

dist_man_MANS += man/setkey.8

# Unit tests.
PFKEY_TEST_LIBS = libpfkey/libpfkey.a common/libcommon.a $(CMOCKA_LIBS)
SETKEY_TEST_LIBS = libpfkey/setkey/libsetkey.a $(PFKEY_TEST_LIBS)
PFKEY_TESTS = \
	test/unit/libpfkey/test_codec test/unit/libpfkey/test_convert \
	test/unit/libpfkey/test_policystr test/unit/libpfkey/test_socket \
	test/unit/libpfkey/test_setkey_parse test/unit/libpfkey/test_setkey_output \
	test/unit/libpfkey/test_setkey_exec
check_PROGRAMS += $(PFKEY_TESTS)
TESTS += $(PFKEY_TESTS)
test_unit_libpfkey_test_codec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_codec_LDADD = $(PFKEY_TEST_LIBS)
test_unit_libpfkey_test_convert_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_convert_LDADD = $(PFKEY_TEST_LIBS)
test_unit_libpfkey_test_policystr_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_policystr_LDADD = $(PFKEY_TEST_LIBS)
test_unit_libpfkey_test_socket_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -pthread
test_unit_libpfkey_test_socket_LDADD = $(PFKEY_TEST_LIBS) -lpthread
test_unit_libpfkey_test_setkey_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_parse_LDADD = $(SETKEY_TEST_LIBS)
test_unit_libpfkey_test_setkey_output_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_output_LDADD = $(SETKEY_TEST_LIBS)
test_unit_libpfkey_test_setkey_exec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_exec_LDADD = $(SETKEY_TEST_LIBS)

# libFuzzer harnesses (configure --enable-fuzz, CC=clang).
if FUZZ
noinst_PROGRAMS += test/fuzz/libpfkey_parse test/fuzz/libpfkey_setkey_cmd
test_fuzz_libpfkey_parse_SOURCES = test/fuzz/libpfkey_parse.c
test_fuzz_libpfkey_parse_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
test_fuzz_libpfkey_parse_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
test_fuzz_libpfkey_parse_LDADD = libpfkey/setkey/libsetkey.a libpfkey/libpfkey.a common/libcommon.a
test_fuzz_libpfkey_setkey_cmd_SOURCES = test/fuzz/libpfkey_setkey_cmd.c
test_fuzz_libpfkey_setkey_cmd_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
test_fuzz_libpfkey_setkey_cmd_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
test_fuzz_libpfkey_setkey_cmd_LDADD = libpfkey/setkey/libsetkey.a libpfkey/libpfkey.a common/libcommon.a
endif

# PF_KEY parse/build rates; run by hand, not a test.
noinst_PROGRAMS += test/bench/pfkey_parse
test_bench_pfkey_parse_SOURCES = test/bench/pfkey_parse.c
test_bench_pfkey_parse_LDADD = libpfkey/libpfkey.a common/libcommon.a

EXTRA_DIST += \
	test/vm/scenarios/pfkey_sa_spd.sh test/vm/scenarios/pfkey_protocols.sh \
	test/vm/scenarios/pfkey_xfrm_interop.sh test/vm/scenarios/setkey_migrate.sh \
	test/vm/scenarios/pfkey_dump_large.sh \
	test/fuzz/corpus/libpfkey_parse test/fuzz/corpus/libpfkey_setkey_cmd
