/* libFuzzer harness of what the HA and the MN do with DHAAD / MPS / RA
 * input from the network: the bytes as a Router Advertisement into the
 * Home Agents List, as a message the HA answers, and as a Reply the MN
 * reads.  An answer the HA gives must build, and a Reply it builds must
 * be read back by the MN with the same first home agent. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6d/daemon/dhaad.h"
#include "mip6d/ha/halist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ip_addr ad(const char *s)
{
	struct ip_addr a;

	if (addr_parse(&a, s) < 0)
		abort();
	return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct halist l;
	struct hal_stats hs = { 0 };
	struct dhaad_stats st = { 0 };
	struct dhaad_home home;
	struct ip_prefix me = { .addr = ad("2001:db8:ffff::1000"), .len = 64 };
	struct ip_addr src = ad("2001:db8:1::5"), ll = ad("fe80::2"), rs, rd, ha, ha2;
	struct mip_icmp rep;
	struct nd_ra ra;
	struct in6_addr out[8];
	uint8_t buf[1280];
	int n;

	halist_init(&l);
	halist_add_self(&l, &me.addr);
	if (dhaad_home_of(&home, &me, 86400, 14400) < 0)
		abort();
	if (nd_ra_parse(&ra, data, size) == 0)
		halist_ra(&l, &ll, &ra, 1000, &hs);
	if (halist_reply(&l, &home.prefix, 2000, false, out, 8) > 8)
		abort();
	if (dhaad_answer(data, size, &src, &home.anycast, &l, &home, 1, true, 2000, &rep, &rs,
			 &rd, &st) == 0) {
		n = mip_icmp_build(&rep, &rs.u.v6, &rd.u.v6, buf, sizeof(buf));
		if (n < 0)
			abort();
		if (rep.type == ICMP6_DHAAD_REPLY && rep.n_addr &&
		    dhaad_take_reply(buf, (size_t)n, rep.id, &ha, &st) == 0) {
			memset(&ha2, 0, sizeof(ha2));
			ha2.family = AF_INET6;
			ha2.u.v6 = rep.addr[0];
			if (!addr_eq(&ha, &ha2))
				abort();
		}
	}
	dhaad_take_reply(data, size, 1, &ha, &st);
	return 0;
}
