# Build rules of mip6d/ (its unit tests and fuzz harnesses included).

# The configuration: flex + bison, generated into the build tree by
# explicit rules (configure finds $(FLEX) and $(BISON)).  The generated
# code is compiled in its own library with the warnings it cannot avoid
# turned off there only.
MIP6D_CONF_GEN = mip6d/conf/parse.c mip6d/conf/parse.h mip6d/conf/scan.c mip6d/conf/scan.h
BUILT_SOURCES += $(MIP6D_CONF_GEN)
CLEANFILES += $(MIP6D_CONF_GEN)
EXTRA_DIST += mip6d/conf/parse.y mip6d/conf/scan.l mip6d/NOTES.md

mip6d/conf/parse.c mip6d/conf/parse.h: $(top_srcdir)/mip6d/conf/parse.y
	$(AM_V_GEN)$(MKDIR_P) mip6d/conf && \
	$(BISON) -Wall -Werror -o mip6d/conf/parse.c --defines=mip6d/conf/parse.h \
		$(top_srcdir)/mip6d/conf/parse.y

mip6d/conf/scan.c mip6d/conf/scan.h: $(top_srcdir)/mip6d/conf/scan.l
	$(AM_V_GEN)$(MKDIR_P) mip6d/conf && \
	$(FLEX) -o mip6d/conf/scan.c --header-file=mip6d/conf/scan.h \
		$(top_srcdir)/mip6d/conf/scan.l

noinst_LIBRARIES += mip6d/conf/libmip6dconfgen.a
nodist_mip6d_conf_libmip6dconfgen_a_SOURCES = mip6d/conf/parse.c mip6d/conf/scan.c
mip6d_conf_libmip6dconfgen_a_SOURCES =
mip6d_conf_libmip6dconfgen_a_CFLAGS = $(AM_CFLAGS) -Wno-sign-compare -Wno-unused-function \
	-Wno-missing-prototypes -Wno-unused-but-set-variable -Wno-unused-parameter

noinst_LIBRARIES += mip6d/conf/libmip6dconf.a
mip6d_conf_libmip6dconf_a_SOURCES = \
	mip6d/conf/conf.h mip6d/conf/conf_int.h \
	mip6d/conf/keywords.c mip6d/conf/keywords.h \
	mip6d/conf/defaults.c mip6d/conf/load.c mip6d/conf/check.c mip6d/conf/show.c

# Link order: the configuration library first, then the generated code.
MIP6D_CONF_LIBS = mip6d/conf/libmip6dconf.a mip6d/conf/libmip6dconfgen.a \
	mip6d/conf/libmip6dconf.a common/libcommon.a

# The Mobility Header codec and the ICMPv6 / ND / extension header pieces.
noinst_LIBRARIES += mip6d/mh/libmh.a
mip6d_mh_libmh_a_SOURCES = \
	mip6d/mh/mh.h mip6d/mh/mh_int.h mip6d/mh/msg.c mip6d/mh/opt.c mip6d/mh/checksum.c \
	mip6d/mh/ext.c mip6d/mh/ext.h mip6d/mh/icmp.c mip6d/mh/icmp.h mip6d/mh/nd.c mip6d/mh/nd.h
MIP6D_MH_LIBS = mip6d/mh/libmh.a common/libcommon.a

sbin_PROGRAMS += mip6d/mip6d
mip6d_mip6d_SOURCES = mip6d/main.c
mip6d_mip6d_CPPFLAGS = $(AM_CPPFLAGS) -DSYSCONFDIR='"$(sysconfdir)"'
mip6d_mip6d_LDADD = $(MIP6D_CONF_LIBS)

# Unit tests
check_PROGRAMS += test/unit/mip6d/test_conf
TESTS += test/unit/mip6d/test_conf
test_unit_mip6d_test_conf_SOURCES = test/unit/mip6d/test_conf.c
test_unit_mip6d_test_conf_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) \
	-DCONF_FIXTURES='"$(abs_top_srcdir)/test/unit/mip6d/configs"'
test_unit_mip6d_test_conf_LDADD = $(MIP6D_CONF_LIBS) $(CMOCKA_LIBS)
EXTRA_DIST += test/unit/mip6d/configs
TESTS += test/unit/mip6d/cli.sh
EXTRA_DIST += test/unit/mip6d/cli.sh

check_PROGRAMS += test/unit/mip6d/test_mh
TESTS += test/unit/mip6d/test_mh
test_unit_mip6d_test_mh_SOURCES = test/unit/mip6d/test_mh.c
test_unit_mip6d_test_mh_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_test_mh_LDADD = $(MIP6D_MH_LIBS) $(CMOCKA_LIBS)

# The codec against an independent dissector: mh_pcap writes messages,
# mh_tshark.sh has tshark decode them.
check_PROGRAMS += test/unit/mip6d/mh_pcap
test_unit_mip6d_mh_pcap_SOURCES = test/unit/mip6d/mh_pcap.c
test_unit_mip6d_mh_pcap_LDADD = $(MIP6D_MH_LIBS)
TESTS += test/unit/mip6d/mh_tshark.sh
EXTRA_DIST += test/unit/mip6d/mh_tshark.sh

# libFuzzer harnesses (CC=clang ./configure --enable-fuzz).  The code under
# test is compiled into each harness with coverage instrumentation.
if FUZZ
MIP6D_FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer

noinst_LIBRARIES += mip6d/conf/libmip6dconfgen_fuzz.a
nodist_mip6d_conf_libmip6dconfgen_fuzz_a_SOURCES = mip6d/conf/parse.c mip6d/conf/scan.c
mip6d_conf_libmip6dconfgen_fuzz_a_SOURCES =
mip6d_conf_libmip6dconfgen_fuzz_a_CFLAGS = $(mip6d_conf_libmip6dconfgen_a_CFLAGS) \
	-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

noinst_PROGRAMS += test/fuzz/mip6d_conf
test_fuzz_mip6d_conf_SOURCES = test/fuzz/mip6d_conf.c $(mip6d_conf_libmip6dconf_a_SOURCES)
test_fuzz_mip6d_conf_CFLAGS = $(AM_CFLAGS) $(MIP6D_FUZZ_FLAGS)
test_fuzz_mip6d_conf_LDFLAGS = $(AM_LDFLAGS) $(MIP6D_FUZZ_FLAGS)
test_fuzz_mip6d_conf_LDADD = mip6d/conf/libmip6dconfgen_fuzz.a common/libcommon.a

noinst_PROGRAMS += test/fuzz/mip6d_mh
test_fuzz_mip6d_mh_SOURCES = test/fuzz/mip6d_mh.c $(mip6d_mh_libmh_a_SOURCES)
test_fuzz_mip6d_mh_CFLAGS = $(AM_CFLAGS) $(MIP6D_FUZZ_FLAGS)
test_fuzz_mip6d_mh_LDFLAGS = $(AM_LDFLAGS) $(MIP6D_FUZZ_FLAGS)
test_fuzz_mip6d_mh_LDADD = common/libcommon.a
endif
EXTRA_DIST += test/fuzz/corpus/mip6d_conf test/fuzz/corpus/mip6d_mh

dist_man_MANS += man/mip6d.conf.5

# The mobility engine (HA, MN, IPsec planning) keeps its own rules.
include mip6d/engine.mk

# The kernel-facing system layer of mip6d keeps its own rules.
include mip6d/sys.mk

# The running daemon and its control tool.
include mip6d/daemon/local.mk
