# Build rules of libxfrm/ (its unit tests and fuzz harnesses included).
