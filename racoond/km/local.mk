# Build rules of racoond/km/ (kernel key-manager backends), its tests.
