# Build rules of racoond/crypto/ (IKEv1 crypto on OpenSSL 3), its tests.
