# racoond/ is built in parts, each keeping its own rules.
include racoond/conf/local.mk
include racoond/isakmp/local.mk
include racoond/crypto/local.mk
