# Build rules of mip6d/ (its unit tests and fuzz harnesses included).

# The configuration: flex + bison, generated into the build tree by
# explicit rules (configure finds $(FLEX) and $(BISON)).  The generated
# code is compiled in its own library with the warnings it cannot avoid
# turned off there only.
MIP6D_CONF_GEN = mip6d/conf/parse.c mip6d/conf/parse.h mip6d/conf/scan.c mip6d/conf/scan.h
BUILT_SOURCES += $(MIP6D_CONF_GEN)
CLEANFILES += $(MIP6D_CONF_GEN)
EXTRA_DIST += mip6d/conf/parse.y mip6d/conf/scan.l

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

# The mobility engine (HA, MN, IPsec planning) keeps its own rules.
include mip6d/engine.mk
