# Build rules of mip6d/daemon/ (the running daemon: glue, sockets, control) and mip6d-ctl, their tests.

# The daemon's parts, in a library so that tests link the glue.
noinst_LIBRARIES += mip6d/daemon/libmip6ddaemon.a
mip6d_daemon_libmip6ddaemon_a_CPPFLAGS = $(AM_CPPFLAGS) -DSYSCONFDIR='"$(sysconfdir)"'
mip6d_daemon_libmip6ddaemon_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_ROUTE_CFLAGS) $(LIBNL_CFLAGS)
mip6d_daemon_libmip6ddaemon_a_SOURCES = \
	mip6d/daemon/opts.c mip6d/daemon/opts.h \
	mip6d/daemon/ctlproto.c mip6d/daemon/ctlproto.h \
	mip6d/daemon/ctlsrv.c mip6d/daemon/ctlsrv.h \
	mip6d/daemon/kops.h mip6d/daemon/kops_sys.c \
	mip6d/daemon/xlate.c mip6d/daemon/xlate.h \
	mip6d/daemon/startsp.c mip6d/daemon/startsp.h \
	mip6d/daemon/reload.c mip6d/daemon/reload.h \
	mip6d/daemon/dhaad.c mip6d/daemon/dhaad.h \
	mip6d/daemon/dhaad_ha.c mip6d/daemon/dhaad_ha.h \
	mip6d/daemon/dhaad_mn.c mip6d/daemon/dhaad_mn.h \
	mip6d/daemon/haglue.c mip6d/daemon/haglue.h \
	mip6d/daemon/mnglue.c mip6d/daemon/mnglue.h \
	mip6d/daemon/mnnd.c mip6d/daemon/mnnd.h \
	mip6d/daemon/mrglue.c mip6d/daemon/mrglue.h \
	mip6d/daemon/daemon.c mip6d/daemon/daemon.h

MIP6D_DAEMON_LIBS = mip6d/daemon/libmip6ddaemon.a mip6d/libmip6dengine.a mip6d/mh/libmh.a \
	libxfrm/libxfrm.a mip6d/sys/libmip6dsys.a $(MIP6D_CONF_LIBS) \
	$(LIBNL_XFRM_LIBS) $(LIBNL_ROUTE_LIBS) $(LIBNL_LIBS)

mip6d_mip6d_LDADD += $(MIP6D_DAEMON_LIBS)

sbin_PROGRAMS += mip6d/mip6d-ctl
mip6d_mip6d_ctl_SOURCES = mip6d/ctl/mip6d-ctl.c
mip6d_mip6d_ctl_LDADD = mip6d/daemon/libmip6ddaemon.a common/libcommon.a

dist_man_MANS += man/mip6d.8

# Unit tests: options, control protocol, the glue's translations with fake kernel operations.
check_PROGRAMS += test/unit/mip6d-daemon/test_opts test/unit/mip6d-daemon/test_ctlproto \
	test/unit/mip6d-daemon/test_glue test/unit/mip6d-daemon/test_mrglue
TESTS += test/unit/mip6d-daemon/test_opts test/unit/mip6d-daemon/test_ctlproto \
	test/unit/mip6d-daemon/test_glue test/unit/mip6d-daemon/test_mrglue
test_unit_mip6d_daemon_test_opts_SOURCES = test/unit/mip6d-daemon/test_opts.c
test_unit_mip6d_daemon_test_opts_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_opts_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)
test_unit_mip6d_daemon_test_ctlproto_SOURCES = test/unit/mip6d-daemon/test_ctlproto.c
test_unit_mip6d_daemon_test_ctlproto_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_ctlproto_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)
test_unit_mip6d_daemon_test_glue_SOURCES = test/unit/mip6d-daemon/test_glue.c \
	test/unit/mip6d-daemon/fakeops.c test/unit/mip6d-daemon/fakeops.h
test_unit_mip6d_daemon_test_glue_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_glue_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)
test_unit_mip6d_daemon_test_mrglue_SOURCES = test/unit/mip6d-daemon/test_mrglue.c \
	test/unit/mip6d-daemon/fakeops.c test/unit/mip6d-daemon/fakeops.h
test_unit_mip6d_daemon_test_mrglue_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_mrglue_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += test/unit/mip6d-daemon/test_reload
TESTS += test/unit/mip6d-daemon/test_reload
test_unit_mip6d_daemon_test_reload_SOURCES = test/unit/mip6d-daemon/test_reload.c \
	test/unit/mip6d-daemon/fakeops.c test/unit/mip6d-daemon/fakeops.h
test_unit_mip6d_daemon_test_reload_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_reload_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += test/unit/mip6d-daemon/test_dhaad
TESTS += test/unit/mip6d-daemon/test_dhaad
test_unit_mip6d_daemon_test_dhaad_SOURCES = test/unit/mip6d-daemon/test_dhaad.c
test_unit_mip6d_daemon_test_dhaad_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
test_unit_mip6d_daemon_test_dhaad_LDADD = $(MIP6D_DAEMON_LIBS) $(CMOCKA_LIBS)

# The netns driver: the HA glue fed with BUs on the host kernel, which has
# XFRM and MIGRATE but no ip6tnl and no MIP6 (those two are stood in for).
noinst_PROGRAMS += test/netns/mip6d/ha_feed
test_netns_mip6d_ha_feed_SOURCES = test/netns/mip6d/ha_feed.c
test_netns_mip6d_ha_feed_CPPFLAGS = $(AM_CPPFLAGS) $(LIBNL_CFLAGS)
test_netns_mip6d_ha_feed_LDADD = $(MIP6D_DAEMON_LIBS)

EXTRA_DIST += test/fuzz/corpus/mip6d_dhaad
EXTRA_DIST += mip6d/daemon/NOTES.md test/netns/mip6d test/vm/scenarios/mip6d_handover.sh \
	test/vm/scenarios/mip6d_failures.sh test/vm/scenarios/mip6d_topology.bash \
	test/vm/scenarios/mip6d_dhaad.sh test/vm/scenarios/mip6d_reload.sh \
	test/vm/scenarios/mip6d_nemo.sh test/vm/scenarios/mip6d_pfkey.bash \
	test/bench/mip6d_vm_handover.sh test/bench/mip6d_vm_handover.scenario \
	test/bench/mip6d_racoond_vm.sh

# Router Advertisements for the scenarios (as radvd in the anchor's testbed).
noinst_PROGRAMS += test/netns/mip6d/ra_send
test_netns_mip6d_ra_send_SOURCES = test/netns/mip6d/ra_send.c
test_netns_mip6d_ra_send_LDADD = mip6d/mh/libmh.a $(MIP6D_SYS_LIBS)

# libFuzzer harness of the control request parser (CC=clang ../configure --enable-fuzz).
if FUZZ
noinst_PROGRAMS += test/unit/mip6d-daemon/fuzz_ctlproto
test_unit_mip6d_daemon_fuzz_ctlproto_SOURCES = test/unit/mip6d-daemon/fuzz_ctlproto.c
test_unit_mip6d_daemon_fuzz_ctlproto_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_unit_mip6d_daemon_fuzz_ctlproto_LDADD = mip6d/daemon/libmip6ddaemon.a common/libcommon.a

# DHAAD, MPS and RA input (Home Agents List), built where the fuzz tier looks.
noinst_PROGRAMS += test/fuzz/mip6d_dhaad
test_fuzz_mip6d_dhaad_SOURCES = test/unit/mip6d-daemon/fuzz_dhaad.c
test_fuzz_mip6d_dhaad_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
test_fuzz_mip6d_dhaad_LDADD = mip6d/daemon/libmip6ddaemon.a mip6d/libmip6dengine.a \
	mip6d/mh/libmh.a common/libcommon.a
endif
