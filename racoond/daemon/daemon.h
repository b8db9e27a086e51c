/* racoond's daemon: the state around the IKE engine (event loop, kernel
 * interface, ISAKMP sockets, admin socket, pid file, signals). */
#ifndef RACOOND_DAEMON_DAEMON_H
#define RACOOND_DAEMON_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/un.h>

#include "common/addr.h"
#include "common/evloop.h"
#include "common/pidfile.h"
#include "racoond/conf/conf.h"
#include "racoond/daemon/options.h"
#include "racoond/km/km.h"

struct ike_creds;
struct ike_engine;
struct rc_conf;
struct rd;

/* One UDP socket for ISAKMP. */
struct rd_sock {
	struct rd *d;
	int fd;
	struct ev_io io;
	struct ip_addr addr;         /* bound address; the any address for a wildcard */
	uint16_t port;
	bool natt;                   /* isakmp_natt: ESP in UDP is decapsulated by the kernel */
};

/* Counters of what the daemon received (racoonctl show-stats). */
struct rd_stats {
	uint64_t isakmp_rx;          /* datagrams handed to the engine */
	uint64_t isakmp_short;       /* shorter than an ISAKMP header: dropped */
	uint64_t isakmp_no_local;    /* no destination address known: dropped */
	uint64_t isakmp_tx, isakmp_tx_errors;
	uint64_t admin_requests;
	uint64_t admin_bad;          /* malformed admin requests */
	uint64_t reloads, reload_failures;
	uint64_t acquires, expires, migrates, spd_changes, sa_deletes;
};

struct rd {
	struct rd_options opt;
	struct ev_loop loop;
	struct km *km;
	struct ike_engine *ike;
	struct rc_conf *conf;
	struct ike_creds *creds;     /* keys, certificates, CAs of conf (freed before it) */
	struct rd_sock **socks;      /* each allocated alone: the loop points at its watcher */
	size_t nsocks;
	int admin_fd;
	struct ev_io admin_io;
	char admin_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct pidfile pidfile;
	struct ev_signal sig_hup, sig_term, sig_int;
	struct rd_stats stats;
	bool stopping;
	struct rc_kernel_algs kalgs; /* the kernel's IPsec algorithms (read at start) */
	bool have_kalgs;
	unsigned backupsa_lines;     /* appended since the file was last compacted */
	bool backupsa_failing;       /* the last append failed (logged once) */
};

/* path backupsa: compacted after this many appended lines. */
#define RD_BACKUPSA_COMPACT_EVERY 256

/* The whole life of the daemon after option parsing; returns the exit
 * status. */
int rd_run(const struct rd_options *o);
/* Loads the configuration (errors printed as file:line:col on err), and
 * checks that the keys and certificates it names can be used. */
int rd_load_conf(const struct rd_options *o, struct rc_conf **out, FILE *err);
/* Re-reads the configuration; keeps the old one on error.  0 or -errno. */
int rd_reload(struct rd *d);

/* path backupsa at start: drops the lines of expired and deleted SAs, and
 * with install (-B) installs the SAs still live.  0 or -errno (logged). */
int rd_backupsa_compact(struct rd *d, bool install);

/* ISAKMP sockets (isakmp_sock.c). */
int rd_sockets_open(struct rd *d);
void rd_sockets_close(struct rd *d);
/* Sends one datagram from local (port lport) to remote.  0 or -errno. */
int rd_isakmp_send(struct rd *d, const void *buf, size_t len, const struct ip_addr *local,
		   uint16_t lport, const struct ip_addr *remote, uint16_t rport);

/* Admin socket (admin.c). */
int rd_admin_open(struct rd *d);
void rd_admin_close(struct rd *d);
/* Serves one request: reply text written to out, returns 0 or a positive
 * errno for the reply's code (the text then says why). */
int rd_admin_handle(struct rd *d, uint16_t cmd, uint16_t flags, int argc, const char **argv,
		    FILE *out);
/* One show-stats counter, as text or as a member of the JSON object. */
void rd_stat_line(FILE *out, bool json, bool *first, const char *name, uint64_t v);

/* The seam to the IKE engine (engine.c): the only places where received
 * ISAKMP datagrams, kernel events and admin requests reach it. */
/* Created before km is opened, so that the SPD dump at start reaches it. */
int rd_engine_init(struct rd *d);
void rd_engine_fini(struct rd *d);
void rd_engine_input(struct rd *d, const uint8_t *buf, size_t len, const struct ip_addr *local,
		     uint16_t lport, const struct ip_addr *remote, uint16_t rport);
void rd_engine_km_event(const struct km_event *ev, void *arg);
void rd_engine_conf_changed(struct rd *d);
/* Removes what the engine installed (SAs, generated policies): SIGTERM. */
void rd_engine_shutdown(struct rd *d);
/* racoonctl: the Phase 1 table, and the operations on it. */
int rd_engine_show_ph1(struct rd *d, bool json, FILE *out);
int rd_engine_flush_ph1(struct rd *d, FILE *out);
int rd_engine_delete_ph1(struct rd *d, const struct ip_addr *src, const struct ip_addr *dst, FILE *out);
int rd_engine_establish(struct rd *d, int argc, const char **argv, bool wait, FILE *out);
/* The engine's counters, for show-stats. */
void rd_engine_stats(struct rd *d, bool json, bool *first, FILE *out);

#endif
