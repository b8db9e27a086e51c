# Build rules of libpfkey/ (its unit tests and fuzz harnesses included).
noinst_LIBRARIES += libpfkey/libpfkey.a
libpfkey_libpfkey_a_SOURCES = \
	libpfkey/pfkey.h libpfkey/sockaddr.h \
	libpfkey/parse.c libpfkey/build.c libpfkey/ext.c \
	libpfkey/convert.h libpfkey/convert.c libpfkey/alg.c \
	libpfkey/policystr.h libpfkey/policystr.c \
	libpfkey/socket.h libpfkey/socket.c

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

# setkey: the command language, output and execution live in a library so
# that unit tests link them without main().
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

SETKEY_TEST_LIBS = libpfkey/setkey/libsetkey.a $(PFKEY_TEST_LIBS)
check_PROGRAMS += test/unit/libpfkey/test_setkey_parse
TESTS += test/unit/libpfkey/test_setkey_parse
test_unit_libpfkey_test_setkey_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_parse_LDADD = $(SETKEY_TEST_LIBS)

check_PROGRAMS += test/unit/libpfkey/test_setkey_output
TESTS += test/unit/libpfkey/test_setkey_output
test_unit_libpfkey_test_setkey_output_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_output_LDADD = $(SETKEY_TEST_LIBS)

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

dist_man_MANS += man/setkey.8

check_PROGRAMS += test/unit/libpfkey/test_socket
TESTS += test/unit/libpfkey/test_socket
test_unit_libpfkey_test_socket_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -pthread
test_unit_libpfkey_test_socket_LDADD = $(PFKEY_TEST_LIBS) -lpthread

check_PROGRAMS += test/unit/libpfkey/test_setkey_exec
TESTS += test/unit/libpfkey/test_setkey_exec
test_unit_libpfkey_test_setkey_exec_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_libpfkey_test_setkey_exec_LDADD = $(SETKEY_TEST_LIBS)
