/* The Mobile Node's binding update list and the state machine of its home
 * registrations (RFC 6275 11.5-11.8, RFC 3963 for mobile routers).
 *
 * Inputs: movement (bul_move, bul_coa_usable, bul_home), decoded BAs
 * (bul_ba), "an SA towards the HA was installed" (bul_sa_installed), and
 * the timer queue.  Outputs, through struct bul_ops: the IPsec/kernel move
 * of the MN's endpoint (done before the BU that announces it, as UMIP
 * does), BUs to send, and events for the daemon.
 *
 * Retransmission (RFC 6275 11.8): the first wait is
 * InitialBindackTimeoutFirstReg (default 1.5 s) for a first registration
 * with this HA, InitialBindackTimeoutReReg (1 s) otherwise, doubled at
 * each retransmission up to MAX_BINDACK_TIMEOUT (32 s), then kept there.
 * Every BU uses a new sequence number.  A registration is never abandoned:
 * a rejected one is retried on the back-off (statuses that will not change
 * by themselves, such as 129, at the 32 s pace), so an HA that failed once
 * (the anchor's status 130) is asked again. */
#ifndef MIP6D_MN_BUL_H
#define MIP6D_MN_BUL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/addr.h"
#include "common/timer.h"
#include "mip6d/ha/bastatus.h"

#define BUL_MAX_BINDACK_TIMEOUT_MS 32000u   /* RFC 6275 MAX_BINDACK_TIMEOUT */
#define BUL_MIN_SEND_GAP_MS          334u   /* RFC 6275 MAX_UPDATE_RATE: 3 per second */
#define BUL_REFRESH_PERCENT           85u   /* refresh at 85% of the granted lifetime */
#define BUL_MAX_MNPS                   8u

enum bul_state {
	BUL_HOME = 0,           /* at home, no binding */
	BUL_WAIT_COA,           /* moved; the CoA is not usable yet (no OptimisticHandoff) */
	BUL_REG,                /* a registration BU is outstanding */
	BUL_BOUND,              /* accepted; waiting for the refresh time */
	BUL_RETRY,              /* rejected; the next BU waits for the back-off */
	BUL_DEREG,              /* a de-registration BU is outstanding */
};

struct bul_params {
	struct ip_addr hoa;
	struct ip_addr ha;
	const struct ip_prefix *mnps;   /* mobile router: its mobile network prefixes */
	size_t n_mnps;                  /* at most BUL_MAX_MNPS */
	bool mobile_router;             /* R flag */
	bool implicit_mode;             /* MobRtrUseExplicitMode disabled: BUs carry no
					 * prefix, the HA knows them (RFC 3963 6.1.2) */
	bool key_mgmt;                  /* K flag: UseMnHaIPsec and KeyMngMobCapability */
	bool link_local;                /* L flag */
	bool optimistic;                /* OptimisticHandoff: do not wait for DAD on a new CoA */
	uint32_t lifetime;              /* seconds asked for (MnMaxHaBindingLife) */
	uint32_t timeout_first_ms;      /* InitialBindackTimeoutFirstReg */
	uint32_t timeout_ms;            /* InitialBindackTimeoutReReg */
	uint16_t seq;                   /* the first BU's sequence number (random in the daemon) */
	uint32_t max_resends;           /* MnMaxHaConsecutiveResends: BUL_EV_NO_RESPONSE after
					 * this many unanswered BUs (0: never) */
};

/* A BU to send.  The daemon omits the Home Address option when src is the
 * HoA (at home). */
struct bul_bu {
	struct ip_addr src;             /* the CoA, or the HoA at home */
	struct ip_addr dst;             /* the HA */
	struct ip_addr hoa;
	struct ip_addr alt_coa;         /* always present in home registrations (RFC 6275 11.7.1) */
	uint16_t seq;
	uint8_t flags;                  /* BU_FLAG_* */
	uint16_t lifetime;              /* 4 s units; 0: de-registration */
	const struct ip_prefix *mnps;   /* Mobile Network Prefix options */
	size_t n_mnps;
};

/* A decoded BA. */
struct bul_ba {
	struct ip_addr src;             /* the HA */
	struct ip_addr hoa;             /* from the type 2 routing header */
	uint8_t status;
	uint8_t flags;                  /* BA_FLAG_* */
	uint16_t seq;
	uint16_t lifetime;              /* 4 s units */
	uint16_t refresh;               /* Binding Refresh Advice, 4 s units; 0: absent */
};

enum bul_event {
	BUL_EV_REGISTERED = 0,  /* accepted (status 0, or 1: send a Mobile Prefix Solicitation) */
	BUL_EV_DEREGISTERED,    /* back home and the HA's binding is gone */
	BUL_EV_REJECTED,        /* status >= 128; a retry is scheduled */
	BUL_EV_EXPIRED,         /* the granted lifetime ended before a refresh was accepted */
	BUL_EV_K_CLEARED,       /* the BA lacked K: the HA's key manager will not follow moves */
	BUL_EV_NO_NEMO,         /* accepted without R: this HA does not serve mobile routers */
	BUL_EV_NO_RESPONSE,     /* max_resends BUs unanswered (the daemon may look for
				 * another HA); the registration goes on */
};

struct bule;

struct bul_ops {
	/* Moves the IPsec/kernel endpoint of the binding from `from` to
	 * `to` (mip6_ipsec_plan_move; from AF_UNSPEC: nothing installed, to ==
	 * HoA: back home).  Called before the BU.  On failure the BU goes out
	 * anyway (it is protected by the HoA <-> HA transport SA, which does not
	 * move) and the move is retried before the next BU. */
	int (*move)(void *ctx, struct bule *e, const struct ip_addr *from, const struct ip_addr *to);
	void (*send_bu)(void *ctx, struct bule *e, const struct bul_bu *bu);
	/* status: the BA's (REGISTERED, REJECTED), else 0.  May be NULL. */
	void (*event)(void *ctx, struct bule *e, enum bul_event ev, unsigned status);
};

struct bul;

struct bule {
	struct bule *next;
	struct bul *bul;
	struct timer timer;
	struct bul_params p;            /* p.mnps points to mnps below */
	struct ip_prefix mnps[BUL_MAX_MNPS];
	enum bul_state state;
	struct ip_addr coa;             /* current CoA; the HoA at home */
	struct ip_addr installed;       /* the endpoint the IPsec side carries (AF_UNSPEC: none) */
	bool move_pending;              /* the last move failed: retry before the next BU */
	bool first_reg;                 /* no registration accepted by this HA yet */
	bool registered;                /* the HA holds our binding (per the last BA) */
	bool deferred;                  /* the timer stands for a rate-limited send */
	bool sa_retry;                  /* sent for a new SA: the next one at the rate limit */
	uint8_t flags;                  /* of our BUs */
	uint16_t next_seq;
	uint16_t seq;                   /* of the last BU sent */
	uint16_t lifetime_sent;         /* units, of the last BU sent */
	uint32_t timeout;               /* current back-off, ms */
	uint32_t resends;               /* BUs sent since the last accepted BA */
	uint32_t unanswered;            /* BUs sent since the last BA of any status */
	uint64_t last_sent;             /* ms */
	uint64_t retry_at;              /* when the next BU is due (REG, RETRY, DEREG) */
	uint64_t expires;               /* end of the granted lifetime (registered) */
	uint64_t ha_deadline;           /* no binding of ours can live at the HA past this */
};

struct bul {
	struct bule *head;
	struct timerq *tq;
	const struct bul_ops *ops;
	void *ctx;
};

/* 0 or -EINVAL (ops->move or ops->send_bu missing). */
int bul_init(struct bul *b, struct timerq *tq, const struct bul_ops *ops, void *ctx);
/* Frees every entry (timers cancelled; nothing sent). */
void bul_destroy(struct bul *b);

/* Adds a home registration entry, at home (BUL_HOME).  0, -EEXIST for the
 * same (HoA, HA), -EINVAL, -ENOMEM. */
int bul_add(struct bul *b, const struct bul_params *p, struct bule **out);
void bul_del(struct bule *e);
struct bule *bul_find(const struct bul *b, const struct ip_addr *hoa, const struct ip_addr *ha);

/* The lifetime (seconds) asked for in the next BUs: MnMaxHaBindingLife
 * capped by the CoA's and the HoA's remaining valid lifetimes. */
void bul_set_lifetime(struct bule *e, uint32_t seconds);

/* Movement to coa (the HoA: bul_home).  usable: the CoA passed DAD (or
 * needs none).  A BU is sent at once when the CoA is usable or
 * OptimisticHandoff is on; a move to the CoA already registered or being
 * registered sends nothing. */
void bul_move(struct bule *e, const struct ip_addr *coa, bool usable);
/* coa finished DAD: sends the BU that waited for it. */
void bul_coa_usable(struct bule *e, const struct ip_addr *coa);
/* Back on the home link: de-registration (lifetime 0, CoA = HoA, sent
 * from the HoA, which the MN must not probe with DAD: the HA defends it
 * until the binding is gone). */
void bul_home(struct bule *e);

/* A BA.  0 when it was used; -ENOENT (no entry for its HoA and HA),
 * -EALREADY (no BU outstanding), -ESTALE (not the sequence number of the
 * last BU) when ignored. */
int bul_ba(struct bul *b, const struct bul_ba *ba);

/* An SA protecting the traffic to ha was installed: every BU outstanding
 * towards it is sent again now (rate limited) rather than at the end of its
 * back-off; the ACQUIRE its predecessor triggered lost that one.  That BU
 * may still be lost: an IKEv1 initiator installs its SAs before the
 * responder (who waits for Quick Mode's third message), so it is repeated
 * once at the rate limit, then the back-off starts from the initial wait.
 * Returns the number of entries concerned. */
unsigned bul_sa_installed(struct bul *b, const struct ip_addr *ha);

#endif
