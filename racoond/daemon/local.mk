# Build rules of racoond/daemon/ (main loop, sockets, admin socket) and racoonctl, their tests.

racoond_racoond_SOURCES += \
	racoond/daemon/daemon.h racoond/daemon/daemon.c \
	racoond/daemon/options.h racoond/daemon/options.c \
	racoond/daemon/isakmp_sock.c \
	racoond/daemon/admin_proto.h racoond/daemon/admin_proto.c racoond/daemon/admin.c \
	racoond/daemon/engine.c \
	racoond/daemon/backupsa.h racoond/daemon/backupsa.c \
	racoond/daemon/kernel_algs.h racoond/daemon/kernel_algs.c
racoond_racoond_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS)
# libcommon again after the libraries that use it (static link order).
racoond_racoond_LDADD += racoond/ike/libike.a racoond/isakmp/libisakmp.a \
	racoond/crypto/libikecrypto.a racoond/conf/libracoondconf.a \
	$(RACOOND_KM_LDADD) libpfkey/setkey/libsetkey.a libpfkey/libpfkey.a \
	common/libcommon.a $(OPENSSL_LIBS)

sbin_PROGRAMS += racoond/ctl/racoonctl
racoond_ctl_racoonctl_SOURCES = racoond/ctl/racoonctl.c \
	racoond/daemon/admin_proto.h racoond/daemon/admin_proto.c

dist_man_MANS += man/racoond.8 man/racoonctl.8

# Unit tests: the admin protocol codec and the command line.
check_PROGRAMS += test/unit/racoond-daemon/test_daemon
TESTS += test/unit/racoond-daemon/test_daemon
test_unit_racoond_daemon_test_daemon_SOURCES = test/unit/racoond-daemon/test_daemon.c \
	racoond/daemon/admin_proto.c racoond/daemon/options.c
test_unit_racoond_daemon_test_daemon_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_daemon_test_daemon_LDADD = $(CMOCKA_LIBS)

# path backupsa: the line codec and the file.
check_PROGRAMS += test/unit/racoond-daemon/test_backupsa
TESTS += test/unit/racoond-daemon/test_backupsa
test_unit_racoond_daemon_test_backupsa_SOURCES = test/unit/racoond-daemon/test_backupsa.c \
	racoond/daemon/backupsa.c
test_unit_racoond_daemon_test_backupsa_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_daemon_test_backupsa_LDADD = common/libcommon.a $(CMOCKA_LIBS)

# The kernel's algorithms: PF_KEY REGISTER reply and /proc/crypto.
check_PROGRAMS += test/unit/racoond-daemon/test_kernel_algs
TESTS += test/unit/racoond-daemon/test_kernel_algs
test_unit_racoond_daemon_test_kernel_algs_SOURCES = test/unit/racoond-daemon/test_kernel_algs.c \
	racoond/daemon/kernel_algs.c
test_unit_racoond_daemon_test_kernel_algs_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
test_unit_racoond_daemon_test_kernel_algs_LDADD = libpfkey/libpfkey.a common/libcommon.a $(CMOCKA_LIBS)

# Bench (figures, not a test): the IKE engine alone, both sides in one
# process (test/bench/racoond_engine.c says how to run it).
noinst_PROGRAMS += test/bench/racoond_engine
test_bench_racoond_engine_SOURCES = test/bench/racoond_engine.c \
	test/unit/racoond-ike/harness.c test/unit/racoond-ike/harness.h
test_bench_racoond_engine_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS)
test_bench_racoond_engine_LDADD = racoond/ike/libike.a racoond/isakmp/libisakmp.a \
	racoond/crypto/libikecrypto.a racoond/conf/libracoondconf.a common/libcommon.a $(OPENSSL_LIBS)

# Driver of km for the netns and vm scripts: one km call per command.
noinst_PROGRAMS += test/netns/racoond/kmdrv
test_netns_racoond_kmdrv_SOURCES = test/netns/racoond/kmdrv.c
test_netns_racoond_kmdrv_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
test_netns_racoond_kmdrv_LDADD = $(RACOOND_KM_LDADD)

EXTRA_DIST += test/netns/racoond/daemon.sh test/netns/racoond/kernel_algs.sh test/vm/scenarios/racoond_km.sh \
	test/vm/scenarios/racoond_pair.sh test/vm/scenarios/racoond_backupsa.sh test/vm/scenarios/racoond_kernel_algs.sh test/vm/scenarios/interop_racoond_charon.sh

EXTRA_DIST += test/fuzz/corpus/racoond_backupsa

if FUZZ
# Lines of a "path backupsa" file.
noinst_PROGRAMS += test/fuzz/racoond_backupsa
test_fuzz_racoond_backupsa_SOURCES = test/fuzz/racoond_backupsa.c racoond/daemon/backupsa.c
test_fuzz_racoond_backupsa_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_racoond_backupsa_LDADD = common/libcommon.a
endif
