# Build rules of racoond/isakmp/ (ISAKMP codec and IKEv1 crypto), its tests and fuzz harnesses.
