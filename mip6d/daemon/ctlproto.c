/* The control protocol: see ctlproto.h. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mip6d/daemon/ctlproto.h"

static const char *const cmd_names[] = { "status", "bc", "bul" };

const char *ctl_cmd_name(enum ctl_cmd c)
{
	return (unsigned)c < 3 ? cmd_names[c] : "?";
}

int ctl_req_format(const struct ctl_req *r, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s%s\n", ctl_cmd_name(r->cmd), r->json ? " json" : "");

	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}

int ctl_req_parse(const char *line, size_t len, struct ctl_req *r)
{
	char word[CTL_LINE_MAX + 1];
	const char *arg;
	size_t i, wl;

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len == 0 || len > CTL_LINE_MAX || memchr(line, '\0', len))
		return -EINVAL;
	memcpy(word, line, len);
	word[len] = '\0';
	arg = strchr(word, ' ');
	wl = arg ? (size_t)(arg - word) : len;
	memset(r, 0, sizeof(*r));
	for (i = 0; i < 3; i++)
		if (strlen(cmd_names[i]) == wl && !strncmp(word, cmd_names[i], wl))
			break;
	if (i == 3)
		return -EINVAL;
	r->cmd = (enum ctl_cmd)i;
	if (arg) {
		if (strcmp(arg + 1, "json"))
			return -EINVAL;
		r->json = true;
	}
	return 0;
}

void ctl_fmt_status(FILE *f, const struct ctl_status *s, bool json)
{
	if (json)
		fprintf(f, "{\"role\":\"%s\",\"pid\":%lu,\"uptime\":%" PRIu64 ",\"bindings\":%zu,"
			"\"mh_received\":%" PRIu64 ",\"mh_malformed\":%" PRIu64
			",\"mh_sent\":%" PRIu64 "}\n", s->role, s->pid, s->uptime_s, s->bindings,
			s->rx_mh, s->rx_bad, s->tx);
	else
		fprintf(f, "role %s\npid %lu\nuptime %" PRIu64 "\nbindings %zu\n"
			"mh received %" PRIu64 " malformed %" PRIu64 " sent %" PRIu64 "\n",
			s->role, s->pid, s->uptime_s, s->bindings, s->rx_mh, s->rx_bad, s->tx);
}

void ctl_fmt_begin(FILE *f, enum ctl_cmd what, bool json)
{
	if (json)
		fprintf(f, "{\"%s\":[", what == CTL_BC ? "bindings" : "bul");
}

void ctl_fmt_end(FILE *f, enum ctl_cmd what, bool json, size_t count)
{
	if (json)
		fputs("]}\n", f);
	else if (count == 0)
		fprintf(f, "%s empty\n", what == CTL_BC ? "binding cache" : "binding update list");
}

static uint64_t left_s(uint64_t expires, uint64_t now)
{
	return expires > now ? (expires - now) / 1000u : 0;
}

static void flags_str(char *out, uint8_t flags)
{
	static const struct { uint8_t bit; char c; } fl[] = {
		{ BU_FLAG_A, 'A' }, { BU_FLAG_H, 'H' }, { BU_FLAG_L, 'L' }, { BU_FLAG_K, 'K' },
		{ BU_FLAG_R, 'R' }, { BU_FLAG_P, 'P' },
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if (flags & fl[i].bit)
			out[n++] = fl[i].c;
	out[n] = '\0';
}

void ctl_fmt_bce(FILE *f, const struct bce *e, uint64_t now, bool json, bool first)
{
	char hoa[ADDR_STRLEN], coa[ADDR_STRLEN], ha[ADDR_STRLEN], fl[8], p[ADDR_STRLEN];
	const char *st = e->state == BCE_BOUND ? "registered" : "dad";
	uint64_t left = e->state == BCE_BOUND ? left_s(e->expires, now) : 0;
	unsigned i;

	addr_fmt(&e->hoa, hoa, sizeof(hoa));
	addr_fmt(&e->coa, coa, sizeof(coa));
	addr_fmt(&e->ha, ha, sizeof(ha));
	flags_str(fl, e->flags);
	if (json) {
		fprintf(f, "%s{\"hoa\":\"%s\",\"coa\":\"%s\",\"local\":\"%s\",\"status\":\"%s\","
			"\"flags\":\"%s\",\"lifetime_left\":%" PRIu64 ",\"lifetime\":%u,\"seq\":%u,"
			"\"mnp\":[", first ? "" : ",", hoa, coa, ha, st, fl, left, e->lifetime,
			e->seq);
		for (i = 0; i < e->n_mnps; i++)
			fprintf(f, "%s\"%s\"", i ? "," : "", prefix_fmt(&e->mnps[i], p, sizeof(p)));
		fputs("]}", f);
		return;
	}
	fprintf(f, "hoa %s status %s\n coa %s flags %s\n local %s\n lifetime %" PRIu64 " / %u"
		" seq %u\n", hoa, st, coa, fl[0] ? fl : "-", ha, left, e->lifetime, e->seq);
	for (i = 0; i < e->n_mnps; i++)
		fprintf(f, " MNP: %s\n", prefix_fmt(&e->mnps[i], p, sizeof(p)));
}

const char *ctl_bul_state_name(enum bul_state s)
{
	static const char *const n[] = { "home", "wait-coa", "registering", "bound", "retry",
					 "deregistering" };

	return (unsigned)s < sizeof(n) / sizeof(n[0]) ? n[s] : "?";
}

void ctl_fmt_bule(FILE *f, const struct bule *e, uint64_t now, bool json, bool first)
{
	char hoa[ADDR_STRLEN], coa[ADDR_STRLEN], ha[ADDR_STRLEN], fl[8];
	uint64_t left = e->registered ? left_s(e->expires, now) : 0;

	addr_fmt(&e->p.hoa, hoa, sizeof(hoa));
	addr_fmt(&e->coa, coa, sizeof(coa));
	addr_fmt(&e->p.ha, ha, sizeof(ha));
	flags_str(fl, e->flags);
	if (json) {
		fprintf(f, "%s{\"hoa\":\"%s\",\"coa\":\"%s\",\"ha\":\"%s\",\"state\":\"%s\","
			"\"registered\":%s,\"flags\":\"%s\",\"lifetime_left\":%" PRIu64
			",\"seq\":%u,\"resends\":%u,\"timeout_ms\":%u}", first ? "" : ",", hoa, coa,
			ha, ctl_bul_state_name(e->state), e->registered ? "true" : "false", fl, left,
			e->seq, e->resends, e->timeout);
		return;
	}
	fprintf(f, "hoa %s ha %s\n coa %s state %s%s flags %s\n lifetime left %" PRIu64
		" seq %u resends %u timeout %u ms\n", hoa, ha, coa, ctl_bul_state_name(e->state),
		e->registered ? " (registered)" : "", fl[0] ? fl : "-", left, e->seq, e->resends,
		e->timeout);
}
