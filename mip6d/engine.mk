# Build rules of the mip6d engine: mip6d/ha/, mip6d/mn/, mip6d/ipsec/ and their tests.

# The pure protocol engines (no sockets, no netlink): the daemon links this
# library and wires its callbacks to the kernel and the MH socket.
noinst_LIBRARIES += mip6d/libmip6dengine.a
mip6d_libmip6dengine_a_SOURCES = \
	mip6d/ipsec/plan.h mip6d/ipsec/plan_int.h \
	mip6d/ipsec/policy.c mip6d/ipsec/migrate.c \
	mip6d/ha/bastatus.h mip6d/ha/bcache.h mip6d/ha/bcache.c \
	mip6d/ha/bu.h mip6d/ha/ha_int.h mip6d/ha/bu.c mip6d/ha/binding.c mip6d/ha/acl.c \
	mip6d/ha/spdiff.c mip6d/ha/spdiff.h mip6d/ha/reconf.c \
	mip6d/ha/halist.c mip6d/ha/halist.h \
	mip6d/mn/bul.h mip6d/mn/bul.c

# The engine reads the configuration structure (conf.h) and common/.
MIP6D_ENGINE_LIBS = mip6d/libmip6dengine.a $(MIP6D_CONF_LIBS)

check_PROGRAMS += test/unit/mip6d-engine/test_bcache test/unit/mip6d-engine/test_ha_bu \
	test/unit/mip6d-engine/test_bul test/unit/mip6d-engine/test_ipsec_plan
TESTS += test/unit/mip6d-engine/test_bcache test/unit/mip6d-engine/test_ha_bu \
	test/unit/mip6d-engine/test_bul test/unit/mip6d-engine/test_ipsec_plan

test_unit_mip6d_engine_test_bcache_SOURCES = test/unit/mip6d-engine/test_bcache.c
test_unit_mip6d_engine_test_bcache_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_engine_test_bcache_LDADD = $(MIP6D_ENGINE_LIBS) $(CMOCKA_LIBS)

test_unit_mip6d_engine_test_ha_bu_SOURCES = test/unit/mip6d-engine/test_ha_bu.c \
	test/unit/mip6d-engine/fixtures.h
test_unit_mip6d_engine_test_ha_bu_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_engine_test_ha_bu_LDADD = $(MIP6D_ENGINE_LIBS) $(CMOCKA_LIBS)

test_unit_mip6d_engine_test_bul_SOURCES = test/unit/mip6d-engine/test_bul.c
test_unit_mip6d_engine_test_bul_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_engine_test_bul_LDADD = $(MIP6D_ENGINE_LIBS) $(CMOCKA_LIBS)

test_unit_mip6d_engine_test_ipsec_plan_SOURCES = test/unit/mip6d-engine/test_ipsec_plan.c \
	test/unit/mip6d-engine/fixtures.h
test_unit_mip6d_engine_test_ipsec_plan_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) \
	-DCONF_FIXTURES='"$(abs_top_srcdir)/test/unit/mip6d/configs"'
test_unit_mip6d_engine_test_ipsec_plan_LDADD = $(MIP6D_ENGINE_LIBS) $(CMOCKA_LIBS)

# Bench (on demand, not in make check): BUs per second, memory per binding.
noinst_PROGRAMS += test/bench/mip6d_bcache
test_bench_mip6d_bcache_SOURCES = test/bench/mip6d_bcache.c
test_bench_mip6d_bcache_LDADD = $(MIP6D_ENGINE_LIBS)
