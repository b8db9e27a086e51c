# Build rules of mip6d/ (its unit tests and fuzz harnesses included).
