# racoond/ is built in parts, each keeping its own rules.
# The program comes first so that the parts' fragments can add to it
# (racoond_racoond_SOURCES += ..., racoond_racoond_LDADD += ...).
sbin_PROGRAMS += racoond/racoond
racoond_racoond_SOURCES = racoond/main.c
racoond_racoond_LDADD = racoond/conf/libracoondconf.a common/libcommon.a $(OPENSSL_LIBS)

include racoond/conf/local.mk
include racoond/isakmp/local.mk
include racoond/crypto/local.mk
