# Build rules of mip6d/sys/ (tunnels, routes, addresses, proxy ND, links, raw sockets) and its tests.
noinst_LIBRARIES += mip6d/sys/libmip6dsys.a
mip6d_sys_libmip6dsys_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_ROUTE_CFLAGS) $(LIBNL_CFLAGS)
mip6d_sys_libmip6dsys_a_SOURCES = \
	mip6d/sys/addr.c mip6d/sys/addr.h \
	mip6d/sys/icmp6.c mip6d/sys/icmp6.h \
	mip6d/sys/linkmon.c mip6d/sys/linkmon.h \
	mip6d/sys/llns.c mip6d/sys/llns.h \
	mip6d/sys/mhcmsg.c mip6d/sys/mhcmsg.h \
	mip6d/sys/mhsock.c mip6d/sys/mhsock.h \
	mip6d/sys/neigh.c mip6d/sys/neigh.h \
	mip6d/sys/ndmsg.c mip6d/sys/ndmsg.h \
	mip6d/sys/nl.c mip6d/sys/nl.h \
	mip6d/sys/proxynd.c mip6d/sys/proxynd.h \
	mip6d/sys/route.c mip6d/sys/route.h \
	mip6d/sys/rsol.c mip6d/sys/rsol.h \
	mip6d/sys/sysctl.c mip6d/sys/sysctl.h \
	mip6d/sys/tunnel.c mip6d/sys/tunnel.h \
	mip6d/mn/movedet.c mip6d/mn/movedet.h
# mip6d/mn/movedet.c (the MN's movement detection from RAs, pure) is built
# here beside the RA socket it serves; it uses only mip6d/mh/nd.h's types.
# What a program linking libmip6dsys.a needs after it.
MIP6D_SYS_LIBS = mip6d/sys/libmip6dsys.a common/libcommon.a $(LIBNL_ROUTE_LIBS) $(LIBNL_LIBS)

# Unit tests: the pure parts (netlink event decoding, MH and ND wire data, sysctl save/restore).
MIP6D_SYS_TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
MIP6D_SYS_TEST_LDADD = $(MIP6D_SYS_LIBS) $(CMOCKA_LIBS)
MIP6D_SYS_TESTS = \
	test/unit/mip6d-sys/test_linkmon \
	test/unit/mip6d-sys/test_mhcmsg \
	test/unit/mip6d-sys/test_ndmsg \
	test/unit/mip6d-sys/test_rsol \
	test/unit/mip6d-sys/test_llns \
	test/unit/mip6d-sys/test_sysctl \
	test/unit/mip6d-mn/test_movedet
check_PROGRAMS += $(MIP6D_SYS_TESTS)
TESTS += $(MIP6D_SYS_TESTS)
test_unit_mip6d_sys_test_linkmon_SOURCES = test/unit/mip6d-sys/test_linkmon.c
test_unit_mip6d_sys_test_linkmon_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_linkmon_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_sys_test_mhcmsg_SOURCES = test/unit/mip6d-sys/test_mhcmsg.c
test_unit_mip6d_sys_test_mhcmsg_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_mhcmsg_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_sys_test_ndmsg_SOURCES = test/unit/mip6d-sys/test_ndmsg.c
test_unit_mip6d_sys_test_ndmsg_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_ndmsg_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_sys_test_llns_SOURCES = test/unit/mip6d-sys/test_llns.c
test_unit_mip6d_sys_test_llns_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_llns_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_sys_test_rsol_SOURCES = test/unit/mip6d-sys/test_rsol.c
test_unit_mip6d_sys_test_rsol_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_rsol_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_mn_test_movedet_SOURCES = test/unit/mip6d-mn/test_movedet.c
test_unit_mip6d_mn_test_movedet_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_mn_test_movedet_LDADD = $(MIP6D_SYS_TEST_LDADD)
test_unit_mip6d_sys_test_sysctl_SOURCES = test/unit/mip6d-sys/test_sysctl.c
test_unit_mip6d_sys_test_sysctl_CFLAGS = $(MIP6D_SYS_TEST_CFLAGS)
test_unit_mip6d_sys_test_sysctl_LDADD = $(MIP6D_SYS_TEST_LDADD)

# The driver that netns and vm scripts use to exercise each module on a real kernel.
noinst_PROGRAMS += test/netns/mip6d-sys/sysdrv
test_netns_mip6d_sys_sysdrv_SOURCES = test/netns/mip6d-sys/sysdrv.c
test_netns_mip6d_sys_sysdrv_CFLAGS = $(AM_CFLAGS) $(LIBNL_ROUTE_CFLAGS) $(LIBNL_CFLAGS)
test_netns_mip6d_sys_sysdrv_LDADD = $(MIP6D_SYS_LIBS)

EXTRA_DIST += mip6d/sys/NOTES.md test/netns/mip6d-sys test/vm/scenarios/mip6d_sys.sh

# libFuzzer harnesses of the decoders (CC=clang ../configure --enable-fuzz).
# Built under test/fuzz/ where the fuzz tier looks; their sources stay here.
if FUZZ
noinst_PROGRAMS += test/fuzz/mip6d_sys_linkmon test/fuzz/mip6d_sys_ndmsg
test_fuzz_mip6d_sys_linkmon_SOURCES = test/unit/mip6d-sys/fuzz_linkmon.c
test_fuzz_mip6d_sys_linkmon_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_mip6d_sys_linkmon_LDADD = mip6d/sys/libmip6dsys.a common/libcommon.a
test_fuzz_mip6d_sys_ndmsg_SOURCES = test/unit/mip6d-sys/fuzz_ndmsg.c
test_fuzz_mip6d_sys_ndmsg_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_mip6d_sys_ndmsg_LDADD = mip6d/sys/libmip6dsys.a common/libcommon.a
endif
