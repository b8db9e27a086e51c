/* Dead Peer Detection (RFC 3706): R-U-THERE every dpd_delay seconds once
 * the peer announced DPD, a retry every dpd_retry seconds while no ACK
 * comes, the peer declared dead after dpd_maxfail unanswered ones (its
 * phase 1 and phase 2 SAs are then removed). */
#include <string.h>

#include "common/log.h"
#include "racoond/ike/ike_int.h"

static void send_ruthere(struct ike_ph1 *p1)
{
	uint8_t spi[16], seq[4];

	memcpy(spi, p1->icookie, 8);
	memcpy(spi + 8, p1->rcookie, 8);
	p1->dpd_seq++;
	wire_put_be32(seq, p1->dpd_seq);
	info_send_notify(p1, ISAKMP_NTYPE_R_U_THERE, ISAKMP_PROTO_ISAKMP, spi, 16, seq, 4);
}

static void dead(struct ike_ph1 *p1)
{
	struct ike_engine *e = p1->e;
	char buf[ADDR_STRLEN];

	e->st.dpd_dead++;
	log_notice("DPD: peer %s is dead", addr_fmt(&p1->remote.addr, buf, sizeof(buf)));
	for (struct ike_ph2 *p2 = e->ph2s, *n; p2; p2 = n) {
		n = p2->next;
		if (p2->ph1 == p1)
			ph2_delete(p2, false);
	}
	ph1_delete(p1, false);
}

static void dpd_cb(struct timer *t, void *arg)
{
	struct ike_ph1 *p1 = arg;
	const struct rc_remote *rm = p1->rm;

	(void)t;
	if (p1->dpd_waiting) {
		if (++p1->dpd_fails >= (rm->dpd_maxfail ? rm->dpd_maxfail : 5)) {
			dead(p1);
			return;
		}
	}
	p1->dpd_waiting = true;
	send_ruthere(p1);
	timer_arm_in(p1->e->tq, &p1->dpd_t, (uint64_t)(rm->dpd_retry ? rm->dpd_retry : 5) * 1000);
}

void dpd_start(struct ike_ph1 *p1)
{
	if (!p1->rm->dpd || !p1->peer_dpd || p1->rm->dpd_delay == 0)
		return;
	p1->dpd_seq = ike_random32() & 0x0fff;
	p1->dpd_acked = p1->dpd_seq;
	timer_init(&p1->dpd_t, dpd_cb, p1);
	timer_arm_in(p1->e->tq, &p1->dpd_t, (uint64_t)p1->rm->dpd_delay * 1000);
}

void dpd_notify(struct ike_ph1 *p1, const struct isakmp_notify *n, const struct isakmp_hdr *h)
{
	uint32_t seq;
	struct isakmp_hdr ph = *h;

	/* The SPI names this phase 1, whatever the message header says. */
	memcpy(ph.icookie, p1->icookie, 8);
	memcpy(ph.rcookie, p1->rcookie, 8);
	if (isakmp_dpd_parse(n, &ph, &seq) < 0) {
		p1->e->st.malformed++;
		return;
	}
	if (n->type == ISAKMP_NTYPE_R_U_THERE) {
		uint8_t spi[16], s[4];

		memcpy(spi, p1->icookie, 8);
		memcpy(spi + 8, p1->rcookie, 8);
		wire_put_be32(s, seq);
		info_send_notify(p1, ISAKMP_NTYPE_R_U_THERE_ACK, ISAKMP_PROTO_ISAKMP, spi, 16, s, 4);
		return;
	}
	if (seq <= p1->dpd_acked || seq > p1->dpd_seq)
		return;
	p1->dpd_acked = seq;
	p1->dpd_fails = 0;
	if (p1->dpd_waiting) {
		p1->dpd_waiting = false;
		timer_arm_in(p1->e->tq, &p1->dpd_t, (uint64_t)p1->rm->dpd_delay * 1000);
	}
}
