# Build rules of racoond/conf/ (racoon.conf parser), its tests and fuzz harness.
