# Build rules of racoond/km/ (kernel key-manager backends), its tests.

noinst_LIBRARIES += racoond/km/libracoondkm.a
racoond_km_libracoondkm_a_SOURCES = \
	racoond/km/km.h racoond/km/km_impl.h racoond/km/km.c \
	racoond/km/spd_cache.c \
	racoond/km/pfkey_event.c racoond/km/km_pfkey.c \
	racoond/km/xfrm_event.c racoond/km/km_xfrm.c
racoond_km_libracoondkm_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)

# What a program needs to link km (both backends).
RACOOND_KM_LDADD = racoond/km/libracoondkm.a libxfrm/libxfrm.a libpfkey/libpfkey.a \
	common/libcommon.a $(LIBNL_LIBS)

# Unit tests: PF_KEY and XFRM messages -> km events, the SPD cache.
check_PROGRAMS += test/unit/racoond-km/test_km_events
TESTS += test/unit/racoond-km/test_km_events
test_unit_racoond_km_test_km_events_SOURCES = test/unit/racoond-km/test_km_events.c
test_unit_racoond_km_test_km_events_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(LIBNL_CFLAGS)
test_unit_racoond_km_test_km_events_LDADD = $(RACOOND_KM_LDADD) $(CMOCKA_LIBS)
