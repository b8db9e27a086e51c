# Build rules of mip6d/ (its unit tests and fuzz harnesses included).

# The kernel-facing system layer of mip6d keeps its own rules.
include mip6d/sys.mk
