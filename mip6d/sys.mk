# Build rules of mip6d/sys/ (tunnels, routes, addresses, proxy ND, links, raw sockets) and its tests.
