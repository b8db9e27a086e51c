# The VM tier is driven by scripts (test/vm/run); ship them in the tarball.
EXTRA_DIST += test/vm/README test/vm/run test/vm/run-all test/vm/mkinitramfs \
	test/vm/init test/vm/lib.sh test/vm/pfkey_open.c test/vm/scenarios
