# Build rules of man/ (its unit tests and fuzz harnesses included).
