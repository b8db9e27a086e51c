/* What the kernel's IPsec can do, for rc_conf_check_kernel(): with PF_KEY
 * the SUPPORTED extensions of the SADB_REGISTER reply (as racoon reads
 * them), with XFRM the algorithms of /proc/crypto and those the kernel can
 * load as modules (modules.alias).  The translations from the kernel's
 * words are pure, the queries read the kernel. */
#ifndef RACOOND_DAEMON_KERNEL_ALGS_H
#define RACOOND_DAEMON_KERNEL_ALGS_H

#include "racoond/conf/conf.h"
#include "racoond/km/km.h"

struct pfkey_msg;

/* From a parsed SADB_REGISTER reply.  IPComp is not in PF_KEY's answer:
 * deflate and lzs are taken as present (racoon does not check them
 * either). */
void rd_kalgs_from_pfkey(const struct pfkey_msg *reply, struct rc_kernel_algs *k);
/* From the text of /proc/crypto and of modules.alias (NULL: none).  An
 * algorithm is present when /proc/crypto lists it (or its inner cipher or
 * hash, which the kernel wraps in cbc() or hmac() on demand) or when a
 * module provides it ("alias crypto-NAME"). */
void rd_kalgs_from_crypto(const char *proc_crypto, const char *modules_alias,
			  struct rc_kernel_algs *k);

/* Asks the kernel through backend (PF_KEY: a REGISTER on a socket of its
 * own; XFRM: the files above).  0 or -errno (the kernel could not be
 * asked: nothing is known). */
int rd_kernel_algs(enum km_backend backend, struct rc_kernel_algs *k);

#endif
