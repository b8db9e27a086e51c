# Build rules of racoond/ike/ (the IKEv1 exchanges and their tables), its tests.
