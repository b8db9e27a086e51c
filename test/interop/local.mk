# The interop harness is scripts sourced by VM scenarios
# (test/vm/scenarios/interop_*.sh); ship them in the tarball.
EXTRA_DIST += test/interop/README test/interop/mkcerts.sh test/interop/common.sh \
	test/interop/charon.sh test/interop/racoon_conf.sh test/interop/racoond.sh \
	test/interop/keys
