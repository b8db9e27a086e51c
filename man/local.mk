# Manual pages that no single folder owns.  mip6d-ctl is described in mip6d(8).
dist_man_MANS += man/mip6d-ctl.8
