# Build rules of mip6d/daemon/ (the running daemon: glue, sockets, control) and mip6d-ctl, their tests.
