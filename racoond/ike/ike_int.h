/* Internals of the IKEv1 engine shared by its files (not exported). */
#ifndef RACOOND_IKE_INT_H
#define RACOOND_IKE_INT_H

#include <openssl/x509.h>

#include "racoond/crypto/ikecrypto.h"
#include "racoond/ike/ike.h"
#include "common/ipsec.h"
#include "racoond/conf/ike_ids.h"
#include "racoond/isakmp/isakmp.h"

#define IKE_OUT_MAX 16384
#define IKE_FRAG_MTU 552
#define IKE_MAX_SPD 256
#define IKE_MAX_HINTS 64
#define IKE_MAX_BS 16
/* Half-open handles one peer (or everyone) may make us keep. */
#define IKE_MAX_PH1_NEGO 512
#define IKE_MAX_PH2_NEGO_PER_PH1 16
#define IKE_MAX_HASH 64
#define IKE_REASM_SLOTS 8

/* A message sent and kept for retransmission (or for answering a
 * retransmitted request with the same bytes). */
struct ike_xmit {
	uint8_t *buf;
	size_t len;
	unsigned left;               /* resends still allowed */
	bool timed;                  /* resent on a timer (else only on request) */
	struct timer t;
};

enum ph1_state {
	PH1_I_SENT1 = 1, PH1_R_SENT2, PH1_I_SENT3, PH1_R_SENT4, PH1_I_SENT5,
	PH1_AG_I_SENT1, PH1_AG_R_SENT2,
	PH1_ESTABLISHED,
};

struct ike_p1_choice {
	uint16_t enc, keylen, hash, group;
	uint32_t auth, lifetime;
	uint8_t trans_num;
};

struct ike_ph1 {
	struct ike_ph1 *next;
	struct ike_engine *e;
	unsigned id;
	uint8_t icookie[8], rcookie[8];
	struct ike_ep local, remote;
	const struct rc_remote *rm;
	bool initiator;
	uint8_t etype;
	enum ph1_state state;
	struct ike_p1_choice ch;
	uint8_t *sai_b;              /* initiator's SA body */
	size_t sai_len;
	struct dh_key *dh;
	uint8_t *gxi, *gxr;
	size_t gx_len;
	uint8_t *ni, *nr;
	size_t ni_len, nr_len;
	struct ike_p1_keys keys;
	uint8_t iv[IKE_MAX_BS];      /* running phase 1 IV, then the final one */
	size_t bs;
	uint8_t peer_id_type;
	uint8_t *peer_id;            /* peer's identification data */
	size_t peer_id_len;
	uint8_t *peer_idb;           /* peer's whole ID body (aggressive hash) */
	size_t peer_idb_len;
	X509 *peer_cert;
	bool peer_dpd, peer_frag;
	uint8_t *last_rx;            /* last request processed (retransmit detection) */
	size_t last_rx_len;
	struct ike_xmit tx;
	struct timer nego_t, life_t, rekey_t, dpd_t;
	uint32_t dpd_seq, dpd_acked;
	unsigned dpd_fails;
	bool dpd_waiting;
	uint64_t created;
};

enum ph2_state {
	PH2_WAIT_PH1 = 1, PH2_I_SENT1, PH2_R_SENT2,
	PH2_I_COMMIT,                /* QM3 sent, waiting for CONNECTED (commit bit) */
	PH2_ESTABLISHED,
};

/* AH, ESP and IPComp together at most (RFC 2408 4.2: AND'ed proposals). */
#define IKE_MAX_BUNDLE 3

/* One protocol of a phase 2 bundle. */
struct ike_p2_sa {
	uint8_t proto;               /* ISAKMP_PROTO_AH, _ESP or _IPCOMP */
	uint8_t trans_num, trans_id;
	uint16_t keylen, auth, encmode;
	uint32_t spi_in, spi_out;    /* IPComp: the CPIs */
	uint32_t reqid;              /* of the policy's template (0: none) */
	enum ipsec_level level;      /* of that template (initiator) */
};

/* A bundle: what the initiator asks (the outbound policy's templates, in
 * their order: innermost first), then what was agreed. */
struct ike_p2_choice {
	struct ike_p2_sa sa[IKE_MAX_BUNDLE];
	uint8_t n;
	uint8_t prop_num;
	uint16_t group;
	uint32_t lifetime;
};

struct ike_ph2 {
	struct ike_ph2 *next;
	struct ike_engine *e;
	unsigned id;
	struct ike_ph1 *ph1;
	unsigned nego_ph1;           /* id of the phase 1 it was negotiated over */
	uint32_t msgid;
	bool initiator;
	enum ph2_state state;
	/* Selectors from our point of view: local, remote. */
	struct ip_prefix id_l, id_r;
	uint8_t ulproto;
	uint16_t lport, rport;
	bool send_ids;
	struct ip_addr sa_src, sa_dst;   /* SA endpoints: local, remote */
	enum ipsec_mode mode;
	uint32_t reqid, seq;
	const struct rc_sainfo *si;
	struct ike_p2_choice ch;
	uint32_t spi_in, spi_out;    /* of the bundle's main SA (ESP, else AH, else IPComp) */
	uint8_t *ni, *nr;
	size_t ni_len, nr_len;
	struct dh_key *dh;
	uint8_t *gx_peer;
	size_t gx_len;
	uint8_t iv[IKE_MAX_BS];
	uint8_t *last_rx;
	size_t last_rx_len;
	struct ike_xmit tx;
	struct timer nego_t, life_t;
	bool rekeyed;
	bool commit;                 /* the peer set the commit bit */
	struct ipsec_selector sel;       /* the policy's (initiator), for rekey */
	bool has_sel;
	bool gen_policy;             /* responder: install policies from the IDs */
	struct ipsec_policy *gen;    /* those installed (out, in, fwd), removed with us */
	uint8_t n_gen;
};

/* A MIGRATE's KMADDRESS remembered for a policy selector: the IKE
 * endpoints the next ACQUIRE for it uses. */
struct ike_hint {
	bool used;
	struct ipsec_selector sel;
	struct ipsec_kmaddress km;
};

struct ike_engine {
	struct timerq *tq;
	const struct rc_conf *conf;
	struct ike_creds *creds;     /* of conf, NULL when none were loaded */
	const struct ike_ops *ops;
	void *ctx;
	struct ike_stats st;
	struct ike_ph1 *ph1s;
	struct ike_ph2 *ph2s;
	unsigned next_id;
	struct ipsec_policy spd[IKE_MAX_SPD];
	unsigned n_spd;
	struct ike_hint hints[IKE_MAX_HINTS];
	struct isakmp_padding pad;
	/* Fragmented messages being reassembled, one per sender: peers
	 * negotiating at once interleave their fragments. */
	struct isakmp_reasm *reasm;  /* IKE_REASM_SLOTS of them */
	unsigned reasm_next;         /* the slot a new message takes when all are busy */
	uint8_t out[IKE_OUT_MAX];
	uint16_t frag_id;
	uint32_t next_reqid;         /* generate_policy unique */
};

/* ---- msg.c: building, encryption, sending, retransmission ---- */
struct ike_out {
	struct wire_wr w;
	struct isakmp_chain c;
	uint8_t *hash_at;            /* HASH(1)/(2) body to fill */
	size_t hash_len;
	uint8_t *rest;               /* start of the hashed rest */
};
void out_begin(struct ike_engine *e, struct ike_out *o, const uint8_t *ic, const uint8_t *rc,
	       uint8_t etype, uint8_t flags, uint32_t msgid);
/* Opens the hash payload that comes first in quick mode and informational. */
void out_hash_slot(struct ike_out *o, size_t hlen);
int out_finish_plain(struct ike_out *o);
/* Pads and encrypts with ph1's key and iv (updated), returns the length. */
int out_finish_enc(struct ike_engine *e, struct ike_out *o, struct ike_ph1 *p1, uint8_t *iv);
/* Decrypts buf (header + body) with a copy of iv into plain (len bytes)
 * and parses the body into m; *iv_next gets the IV to continue with. */
int msg_decrypt(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *iv, const uint8_t *buf,
		size_t len, uint8_t *plain, struct isakmp_msg *m, uint8_t *iv_next);
/* The hashed rest of a parsed protected message: after its first (HASH)
 * payload to the end of the chain. */
void msg_rest(const struct isakmp_msg *m, const uint8_t **rest, size_t *len);
int ike_send_raw(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len);
/* Sends e->out's len bytes and keeps them in x (timed: resend on timer). */
int xmit_start(struct ike_engine *e, struct ike_ph1 *p1, struct ike_xmit *x, size_t len,
	       bool timed, timer_fn *fn, void *arg);
void xmit_clear(struct ike_xmit *x);
/* Resends (timer): false when the budget is spent. */
bool xmit_resend(struct ike_engine *e, struct ike_ph1 *p1, struct ike_xmit *x);
bool rx_is_dup(uint8_t *last, size_t last_len, const uint8_t *buf, size_t len);
int rx_remember(uint8_t **last, size_t *last_len, const uint8_t *buf, size_t len);
uint32_t ike_random32(void);
int ike_random(void *p, size_t len);
uint8_t *ike_memdup(const void *p, size_t len);

/* ---- ph1.c ---- */
struct ike_ph1 *ph1_new(struct ike_engine *e, const struct rc_remote *rm, const struct ike_ep *local,
			const struct ike_ep *remote, bool initiator, uint8_t etype);
void ph1_free(struct ike_ph1 *p1);
/* Removes it: its phase 2 handles still negotiating go too. */
void ph1_delete(struct ike_ph1 *p1, bool tell_peer);
struct ike_ph1 *ph1_by_cookies(struct ike_engine *e, const uint8_t *ic, const uint8_t *rc);
struct ike_ph1 *ph1_by_icookie(struct ike_engine *e, const uint8_t *ic, const struct ike_ep *remote);
struct ike_ph1 *ph1_by_remote(struct ike_engine *e, const struct ip_addr *remote, bool established);
/* After the exchange ends: timers, INITIAL-CONTACT, DPD, waiting phase 2. */
void ph1_established(struct ike_ph1 *p1);
void ph1_arm_nego(struct ike_ph1 *p1);
void ph1_resend_cb(struct timer *t, void *arg);
/* Derives SKEYID and friends from gxy and the nonces. */
int ph1_keys(struct ike_ph1 *p1, const struct secret *gxy);

/* ---- main_mode.c, aggressive.c ---- */
void ph1_vids_seen(struct ike_ph1 *p1, const struct isakmp_msg *m);
/* A responder's answer to the first message of Main or Aggressive Mode:
 * picks a proposal of rm (NO-PROPOSAL-CHOSEN when none fits) and opens the
 * handle, keeping the SA payload's body that the hashes cover.  0 or -errno. */
int ph1_accept_offer(struct ike_engine *e, const struct rc_remote *rm, const struct isakmp_msg *m,
		     const struct ike_ep *local, const struct ike_ep *remote, uint8_t etype,
		     struct ike_ph1 **out);
void ph1_vids_write(const struct ike_ph1 *p1, struct isakmp_chain *c);
int ph1_own_ke_nonce(struct ike_ph1 *p1);
int ph1_peer_ke_nonce(struct ike_ph1 *p1, const struct isakmp_msg *m);
int ph1_derive(struct ike_ph1 *p1);
int mm_start(struct ike_ph1 *p1);
int mm_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_msg *m0);
int mm_respond1(struct ike_engine *e, const uint8_t *buf, size_t len, const struct isakmp_msg *m,
		const struct ike_ep *local, const struct ike_ep *remote);
int ag_start(struct ike_ph1 *p1);
int ag_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_msg *m0);
int ag_respond1(struct ike_engine *e, const uint8_t *buf, size_t len, const struct isakmp_msg *m,
		const struct ike_ep *local, const struct ike_ep *remote);

/* ---- auth.c ---- */
/* Our ID payload body (type, proto 0, port 0, data) into buf. */
int auth_my_id(struct ike_ph1 *p1, uint8_t *buf, size_t cap, size_t *len);
/* Checks the peer's ID (payload pl) against peers_identifier and keeps it. */
int auth_peer_id(struct ike_ph1 *p1, const struct isakmp_pl *pl);
/* The PSK for this phase 1 (by peer identity, then address). */
struct secret *auth_psk(struct ike_ph1 *p1);
int auth_psk_lookup(const char *path, const char *ident, struct secret **out);
bool auth_is_sig(const struct ike_ph1 *p1);
/* Writes [CERT] and SIG or HASH for our side. */
int auth_write(struct ike_ph1 *p1, struct isakmp_chain *c, const uint8_t *idb, size_t idlen);
/* Checks the peer's HASH or SIG (and CERT) over its ID body. */
int auth_verify(struct ike_ph1 *p1, const struct isakmp_msg *m, const uint8_t *idb, size_t idlen);
/* A CR payload for our CA when send_cr and a CA is configured. */
void auth_write_cr(struct ike_ph1 *p1, struct isakmp_chain *c);

/* ---- proposal.c ---- */
void prop_p1_write(struct isakmp_chain *c, const struct rc_remote *rm);
void prop_p1_write_choice(struct isakmp_chain *c, const struct ike_p1_choice *ch);
int prop_p1_select(const struct rc_remote *rm, const struct isakmp_pl *sa, bool responder,
		   struct ike_p1_choice *ch);
/* Initiator: one proposal number with a proposal per protocol of want
 * (its spi_in and encmode), transforms from the sainfo.  -ENOENT when the
 * sainfo has no transform for one of them (AH with non_auth only). */
int prop_p2_write(struct isakmp_chain *c, const struct rc_sainfo *si,
		  const struct ike_p2_choice *want, uint16_t pfs);
/* Responder: the chosen proposal number, one transform per protocol. */
void prop_p2_write_choice(struct isakmp_chain *c, const struct ike_p2_choice *ch);
/* The first ESP or AH proposal's protocol and SPI (0 if none), to name a
 * refusal. */
uint32_t prop_p2_first_spi(const struct isakmp_pl *sa, uint8_t *proto);
/* Responder: picks a proposal number of the initiator's SA whose
 * protocols all fit the sainfo and, when pol (our inbound policy for the
 * IDs) is given, its templates: each template's protocol present unless
 * its level is use, nothing else.  ch gets the protocols in the
 * initiator's order with their SPIs in spi_out.  *notify_life set when
 * RESPONDER-LIFETIME must be sent.  -ENOENT: nothing fits, -EINVAL: not
 * an IPsec SA payload. */
int prop_p2_select(const struct rc_sainfo *si, enum rc_prop_check pc, const struct isakmp_pl *sa,
		   const struct ipsec_policy *pol, struct ike_p2_choice *ch, bool *notify_life);
/* Initiator: checks the responder's answer is one of ours: its first
 * proposal number (what follows is ignored), exactly want's protocols,
 * each with one of our transforms in
 * want's mode and our PFS group.  ch gets want's order and SPIs plus the
 * responder's SPIs. */
int prop_p2_check(const struct rc_sainfo *si, const struct ike_p2_choice *want,
		  const struct isakmp_pl *sa, struct ike_p2_choice *ch);
/* Kernel algorithms of one negotiated SA into sa (names, sizes; no keys);
 * *enc_len and *auth_len: key bytes to take from KEYMAT, in that order. */
int prop_p2_kernel(const struct ike_p2_sa *s, struct ipsec_sa *sa, size_t *enc_len,
		   size_t *auth_len);
/* ISAKMP and kernel numbers of the three protocols (0 / NONE otherwise). */
uint8_t prop_isakmp_proto(enum ipsec_proto p);
enum ipsec_proto prop_kernel_proto(uint8_t isakmp_proto);

/* ---- spd.c: phase 2 and the SPD ---- */
/* The outbound policy of the SPD cache for this selector, or NULL. */
const struct ipsec_policy *spd_out_policy(const struct ike_engine *e,
					  const struct ipsec_selector *sel);
/* The inbound policy for a responder's IDs (local, remote), or NULL. */
const struct ipsec_policy *spd_in_policy(const struct ike_engine *e, const struct ike_ph2 *p2);
/* Initiator: the bundle a policy's templates ask for.  -ENOTSUP for a
 * template no IKE negotiates, -EINVAL for none or a repeated protocol. */
int spd_bundle(const struct ipsec_policy *pol, struct ike_p2_choice *want);
/* generate_policy: installs out, in (and fwd in tunnel mode) for p2's IDs
 * and bundle; they go when p2 does (or pass to a phase 2 for the same
 * IDs, a rekey). */
int spd_generate(struct ike_ph2 *p2);
/* generate_policy unique: a reqid of its own for p2's SAs and policies
 * (before the SPIs are asked for). */
void spd_gen_reqid(struct ike_ph2 *p2);
void spd_release(struct ike_ph2 *p2);

/* ---- select.c ---- */
const struct rc_remote *sel_remote(const struct rc_conf *c, const struct ip_addr *remote);
const struct rc_sainfo *sel_sainfo(const struct rc_conf *c, const struct ip_prefix *loc,
				   uint8_t lproto, uint16_t lport, const struct ip_prefix *rem,
				   uint8_t rproto, uint16_t rport, const struct ike_ph1 *p1);
/* Does an rc_id describe the identity (type, data)? */
bool sel_id_match(const struct rc_id *id, uint8_t type, const uint8_t *data, size_t len,
		  const struct ip_addr *remote);
bool sel_same_traffic(const struct ipsec_selector *a, const struct ipsec_selector *b);
const struct ike_hint *sel_hint(const struct ike_engine *e, const struct ipsec_selector *s);
/* An established tunnel-mode phase 2 (or one we answer, waiting for QM3)
 * already carries the traffic of this ACQUIRE (it was queued before that
 * phase 2's SAs went in). */
bool sel_acquire_answered(const struct ike_engine *e, const struct km_acquire *a);

/* ---- ph2.c, quick.c ---- */
struct ike_ph2 *ph2_new(struct ike_engine *e, struct ike_ph1 *p1, bool initiator);
void ph2_free(struct ike_ph2 *p2);
/* Removes the SAs from the kernel (if installed), optionally tells the peer. */
void ph2_delete(struct ike_ph2 *p2, bool tell_peer);
struct ike_ph2 *ph2_by_msgid(struct ike_engine *e, struct ike_ph1 *p1, uint32_t msgid);
struct ike_ph2 *ph2_by_spi(struct ike_engine *e, uint32_t spi, bool outbound);
/* p2's main SPIs and mode from its bundle (ch). */
void ph2_sync_spis(struct ike_ph2 *p2);
/* Reserves the inbound SPIs (IPComp: CPIs) the bundle still lacks. */
int ph2_getspis(struct ike_ph2 *p2, uint32_t seq);
int ph2_install(struct ike_ph2 *p2, const struct secret *gxy);
int qm_start(struct ike_ph2 *p2);
int qm_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	     const struct isakmp_hdr *h);
/* Starts phase 2 for an ACQUIRE (or a rekey). */
int acquire(struct ike_engine *e, const struct km_acquire *a);

/* ---- info.c, dpd.c ---- */
int info_input(struct ike_engine *e, struct ike_ph1 *p1, const uint8_t *buf, size_t len,
	       const struct isakmp_msg *m0);
int info_send_notify(struct ike_ph1 *p1, uint16_t type, uint8_t proto, const void *spi,
		     uint8_t spi_size, const void *data, size_t dlen);
int info_send_delete(struct ike_ph1 *p1, uint8_t proto, const void *spi, uint8_t spi_size);
/* An unprotected notify (phase 1 errors before keys exist). */
int info_send_plain_notify(struct ike_engine *e, const struct isakmp_hdr *h,
			   const struct ike_ep *local, const struct ike_ep *remote, uint16_t type);
void dpd_start(struct ike_ph1 *p1);
void dpd_notify(struct ike_ph1 *p1, const struct isakmp_notify *n, const struct isakmp_hdr *h);

/* ---- migrate.c ---- */
int migrate_event(struct ike_engine *e, const struct ipsec_migrate_msg *m);

#endif
