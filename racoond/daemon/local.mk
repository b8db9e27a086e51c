# Build rules of racoond/daemon/ (main loop, sockets, admin socket) and racoonctl, their tests.
