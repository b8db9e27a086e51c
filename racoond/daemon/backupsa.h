/* "path backupsa": every SA racoond installs is appended to a file, and
 * racoond -B installs again, at start, those that have not expired (after
 * a crash, a kill -9 or a reboot: the peer still has its side).
 *
 * The file holds keys: it is created 0600.  One line per event, fields
 * separated by spaces:
 *   sa <added> <src> <dst> <proto> <spi> <mode> <reqid> <replay> <flags>
 *      <soft-s> <hard-s> <soft-bytes> <hard-bytes> <encap-sport> <encap-dport>
 *      [enc=<alg>:<bits>:<hex>] [auth=<alg>:<bits>:<icv>:<hex>]
 *      [aead=<alg>:<bits>:<icv>:<hex>] [comp=<alg>]
 *   del <when> <dst> <proto> <spi>          (racoond deleted that SA)
 * <added>/<when> are seconds since the epoch, lifetimes seconds and bytes
 * relative to <added> (0: none), spi in hex (0x...), algorithms by their
 * kernel names ("cbc(aes)", "hmac(sha1)").  Lines starting with '#' are
 * comments.  An SA is live while <added> + <hard-s> is in the future (or
 * <hard-s> is 0) and no later "del" line names it. */
#ifndef RACOOND_DAEMON_BACKUPSA_H
#define RACOOND_DAEMON_BACKUPSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ipsec.h"

/* ---- pure line codec ---- */

/* The "sa" line of sa added at time added, with a newline.  Returns its
 * length, or -ENOBUFS. */
int bsa_format_sa(const struct ipsec_sa *sa, uint64_t added, char *buf, size_t len);
/* The "del" line.  Returns its length, or -ENOBUFS. */
int bsa_format_del(const struct ip_addr *dst, enum ipsec_proto proto, uint32_t spi, uint64_t when,
		   char *buf, size_t len);

enum bsa_line { BSA_LINE_NONE, BSA_LINE_SA, BSA_LINE_DEL };

struct bsa_entry {
	enum bsa_line type;
	uint64_t when;               /* added (sa) or deleted (del) */
	struct ipsec_sa sa;          /* del: only dst, proto and spi */
};

/* Parses one line (with or without its newline).  BSA_LINE_NONE for a
 * comment or an empty line; -EINVAL for anything malformed (unknown
 * keyword, bad address, field out of range, odd hex, key longer than
 * IPSEC_MAX_KEY, key length not matching bits, trailing garbage). */
int bsa_parse(const char *line, struct bsa_entry *e);

/* The SA as it must be installed at now: lifetimes made relative to now
 * (soft dropped when already past).  false when it has expired. */
bool bsa_live_at(const struct bsa_entry *e, uint64_t now, struct ipsec_sa *out);

/* ---- the file ---- */

/* Appends one line (created 0600 if missing).  0 or -errno. */
int bsa_append(const char *path, const char *line, size_t len);

struct bsa_stats {
	unsigned live;               /* SAs kept (and offered to the callback) */
	unsigned expired, deleted;   /* SA lines dropped */
	unsigned malformed;          /* lines dropped as not understood */
	unsigned installed, present, failed;  /* callback results (0 / > 0 / < 0) */
};

/* Called for each live SA, oldest first; returns 0 (installed), 1 (was
 * already there) or -errno. */
typedef int bsa_install_fn(const struct ipsec_sa *sa, void *arg);

/* Reads the file, rewrites it (atomically, 0600) with only the live SAs,
 * and, when install is not NULL, offers each live SA to it.  A missing
 * file is no error (nothing to do).  0 or -errno (the file is then left
 * as it was). */
int bsa_compact(const char *path, uint64_t now, bsa_install_fn *install, void *arg,
		struct bsa_stats *st);

#endif
