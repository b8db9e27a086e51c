/* Shared between the Mobility Header message and option code; private
 * to mip6d/mh/. */
#ifndef MIP6D_MH_MH_INT_H
#define MIP6D_MH_MH_INT_H

#include "common/wire.h"
#include "mip6d/mh/mh.h"

/* Parses the options in msg[off, end) of a message of the given type;
 * offsets are from the start of the Mobility Header. */
int mh_opts_parse(struct mh_opts *o, const uint8_t *msg, size_t off, size_t end, uint8_t type);
/* Appends the options o->present asks for, each at its alignment, then
 * pads the message to a multiple of 8 octets.  w starts at the header. */
int mh_opts_build(const struct mh_opts *o, uint8_t type, struct wire_wr *w);
/* Writes Pad1/PadN so that the next octet's offset is k modulo n. */
void mh_pad_to(struct wire_wr *w, size_t n, size_t k);

#endif
