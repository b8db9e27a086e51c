/* Readable lines for XFRM netlink events: setkey -x on kernels without
 * PF_KEY (or with --backend=xfrm). */
#ifndef SETKEY_XFRM_EVENTS_H
#define SETKEY_XFRM_EVENTS_H

#include <stdio.h>

#include "libxfrm/xfrm.h"

/* One event, as "xfrm <name> ..." followed by indented detail lines.  Key
 * material is never printed. */
void setkey_print_xfrm_event(FILE *f, const struct xfrm_event *ev);

#endif
