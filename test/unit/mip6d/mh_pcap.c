/* Writes a pcap (raw IPv6) of messages built by mip6d's codec, for an
 * independent dissector (tshark) to decode: see mh_tshark.sh for the
 * fields it must find.  Usage: mh_pcap FILE */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/mh/ext.h"
#include "mip6d/mh/icmp.h"
#include "mip6d/mh/mh.h"
#include "mip6d/mh/nd.h"

#define LINKTYPE_RAW 101

static FILE *out;

static struct in6_addr in6(const char *s)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(1);
	}
	return a;
}

static void put32(uint32_t v)
{
	fwrite(&v, 4, 1, out);
}

static void put16(uint16_t v)
{
	fwrite(&v, 2, 1, out);
}

/* One IPv6 packet: header, then payload (extension headers included). */
static void packet(uint8_t nh, uint8_t hops, const struct in6_addr *src,
		   const struct in6_addr *dst, const uint8_t *payload, int len)
{
	static uint32_t t;
	uint8_t ip[40] = { 0x60 };

	if (len < 0) {
		fprintf(stderr, "a builder failed: %d\n", len);
		exit(1);
	}
	ip[4] = (uint8_t)(len >> 8);
	ip[5] = (uint8_t)len;
	ip[6] = nh;
	ip[7] = hops;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	put32(++t);
	put32(0);
	put32((uint32_t)len + 40);
	put32((uint32_t)len + 40);
	fwrite(ip, 1, 40, out);
	fwrite(payload, 1, (size_t)len, out);
}

static void mh_packet(const struct mh_msg *m, const struct in6_addr *src,
		      const struct in6_addr *dst)
{
	uint8_t buf[MH_MAX_LEN];

	packet(IPPROTO_MH, 64, src, dst, buf, mh_build(m, src, dst, buf, sizeof(buf)));
}

static void icmp_packet(const struct mip_icmp *m, const struct in6_addr *src,
			const struct in6_addr *dst)
{
	uint8_t buf[2048];

	packet(IPPROTO_ICMPV6, 64, src, dst, buf, mip_icmp_build(m, src, dst, buf, sizeof(buf)));
}

int main(int argc, char **argv)
{
	struct in6_addr hoa = in6("2001:db8:ffff::1"), ha = in6("2001:db8:ffff::1000");
	struct in6_addr coa = in6("2001:db8:1::100"), cn = in6("2001:db8:ffff::2");
	struct in6_addr ha_any = in6("2001:db8:ffff::fdff:ffff:ffff:fffe");
	struct mh_msg m;
	struct mip_icmp im;
	struct nd_ra ra;
	uint8_t buf[MH_MAX_LEN + 64];
	int n, k;

	if (argc != 2) {
		fprintf(stderr, "usage: mh_pcap FILE\n");
		return 2;
	}
	out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	put32(0xa1b2c3d4);
	put16(2);
	put16(4);
	put32(0);
	put32(0);
	put32(65535);
	put32(LINKTYPE_RAW);

	/* 1: BU from the CoA with a Home Address option and an Alternate
	 * CoA; the checksum uses the home address (RFC 6275 6.3). */
	memset(&m, 0, sizeof(m));
	m.type = MH_BU;
	m.u.bu.seq = 0x1234;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_K;
	m.u.bu.lifetime = 16;
	m.opts.present = 1u << MH_OPT_ALTCOA;
	m.opts.alt_coa = coa;
	n = hao_dstopt_build(buf, sizeof(buf), IPPROTO_MH, &hoa);
	k = mh_build(&m, &hoa, &ha, buf + n, sizeof(buf) - (size_t)n);
	packet(IPPROTO_DSTOPTS, 64, &coa, &ha, buf, k < 0 ? k : n + k);

	/* 2: BA to the CoA through a Type 2 Routing Header, with a Binding
	 * Refresh Advice; the checksum uses the final destination, the HoA. */
	memset(&m, 0, sizeof(m));
	m.type = MH_BA;
	m.u.ba.flags = MH_BA_F_K;
	m.u.ba.seq = 0x1234;
	m.u.ba.lifetime = 16;
	m.opts.present = 1u << MH_OPT_BRA;
	m.opts.refresh_interval = 15;
	n = rh2_build(buf, sizeof(buf), IPPROTO_MH, &hoa);
	k = mh_build(&m, &ha, &hoa, buf + n, sizeof(buf) - (size_t)n);
	packet(IPPROTO_ROUTING, 64, &ha, &coa, buf, k < 0 ? k : n + k);

	/* 3-8: the other messages. */
	memset(&m, 0, sizeof(m));
	m.type = MH_BRR;
	mh_packet(&m, &cn, &hoa);
	m.type = MH_HOTI;
	memcpy(m.u.ti.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	mh_packet(&m, &hoa, &cn);
	m.type = MH_COTI;
	mh_packet(&m, &coa, &cn);
	memset(&m, 0, sizeof(m));
	m.type = MH_HOT;
	m.u.t.nonce_index = 0x0102;
	memcpy(m.u.t.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	memcpy(m.u.t.token, "\x11\x12\x13\x14\x15\x16\x17\x18", 8);
	mh_packet(&m, &cn, &hoa);
	m.type = MH_COT;
	mh_packet(&m, &cn, &coa);
	memset(&m, 0, sizeof(m));
	m.type = MH_BE;
	m.u.be.status = MH_BE_UNKNOWN_MH_TYPE;
	m.u.be.hoa = hoa;
	mh_packet(&m, &cn, &coa);

	/* 9: NEMO BU with nonce indices, two Mobile Network Prefixes and the
	 * authorization data last. */
	memset(&m, 0, sizeof(m));
	m.type = MH_BU;
	m.u.bu.seq = 7;
	m.u.bu.flags = MH_BU_F_A | MH_BU_F_H | MH_BU_F_R;
	m.u.bu.lifetime = 100;
	m.opts.present = 1u << MH_OPT_NONCE_IDX | 1u << MH_OPT_MNP | 1u << MH_OPT_AUTH;
	m.opts.home_nonce_index = 3;
	m.opts.careof_nonce_index = 4;
	m.opts.n_mnp = 2;
	m.opts.mnp[0] = (struct mh_mnp){ 64, in6("2001:db8:aaaa:1::") };
	m.opts.mnp[1] = (struct mh_mnp){ 48, in6("2001:db8:bbbb::") };
	m.opts.auth_len = 12;
	memset(m.opts.auth, 0x5a, 12);
	mh_packet(&m, &coa, &ha);

	/* 10-13: DHAAD and mobile prefix discovery. */
	memset(&im, 0, sizeof(im));
	im.type = ICMP6_DHAAD_REQUEST;
	im.id = 0x4242;
	im.flags = DHAAD_F_R;
	icmp_packet(&im, &coa, &ha_any);
	im.type = ICMP6_DHAAD_REPLY;
	im.n_addr = 2;
	im.addr[0] = ha;
	im.addr[1] = in6("2001:db8:ffff::1001");
	icmp_packet(&im, &ha, &coa);
	memset(&im, 0, sizeof(im));
	im.type = ICMP6_MPS;
	im.id = 0x0707;
	icmp_packet(&im, &hoa, &ha);
	im.type = ICMP6_MPA;
	im.flags = MPA_F_O;
	im.opts.n_prefix = 1;
	im.opts.prefix[0] = (struct nd_prefix){ 64, ND_PFX_F_L | ND_PFX_F_A | ND_PFX_F_R, 86400,
						14400, ha };
	icmp_packet(&im, &ha, &hoa);

	/* 14: a home agent's Router Advertisement. */
	memset(&ra, 0, sizeof(ra));
	ra.cur_hop_limit = 64;
	ra.flags = ND_RA_F_H;
	ra.router_lifetime = 1800;
	ra.opts.n_prefix = 1;
	ra.opts.prefix[0] = im.opts.prefix[0];
	ra.opts.has_adv_interval = true;
	ra.opts.adv_interval_ms = 1500;
	ra.opts.has_ha_info = true;
	ra.opts.ha_preference = 10;
	ra.opts.ha_lifetime = 1800;
	{
		struct in6_addr ll = in6("fe80::1"), all = in6("ff02::1");

		packet(IPPROTO_ICMPV6, 255, &ll, &all, buf,
		       nd_ra_build(&ra, &ll, &all, buf, sizeof(buf)));
	}
	return fclose(out) == 0 ? 0 : 1;
}
