# libcommon: event loop, timers, logging, wire reader/writer, addresses,
# neutral IPsec types, readiness notification and pid files.
noinst_LIBRARIES += common/libcommon.a
common_libcommon_a_SOURCES = \
	common/addr.c common/addr.h \
	common/ipsec.c common/ipsec.h \
	common/log.h \
	common/wire.c common/wire.h
