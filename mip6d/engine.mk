# Build rules of the mip6d engine: mip6d/ha/, mip6d/mn/, mip6d/ipsec/ and their tests.
