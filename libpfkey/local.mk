# Build rules of libpfkey/ (its unit tests and fuzz harnesses included).
