/* Names, parsing and helpers for the neutral IPsec types: see ipsec.h. */
#include "common/ipsec.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct name_map {
	int value;
	const char *name;
};

static const struct name_map proto_names[] = {
	{ IPSEC_PROTO_ESP, "esp" },
	{ IPSEC_PROTO_AH, "ah" },
	{ IPSEC_PROTO_IPCOMP, "ipcomp" },
	{ IPSEC_PROTO_ROUTING, "route2" },
	{ IPSEC_PROTO_DSTOPTS, "hao" },
	{ IPSEC_PROTO_NONE, "none" },
};

static const struct name_map mode_names[] = {
	{ IPSEC_MODE_ANY, "any" },
	{ IPSEC_MODE_TRANSPORT, "transport" },
	{ IPSEC_MODE_TUNNEL, "tunnel" },
	{ IPSEC_MODE_RO, "ro" },
	{ IPSEC_MODE_BEET, "beet" },
};

static const struct name_map dir_names[] = {
	{ IPSEC_DIR_IN, "in" },
	{ IPSEC_DIR_OUT, "out" },
	{ IPSEC_DIR_FWD, "fwd" },
};

static const struct name_map level_names[] = {
	{ IPSEC_LEVEL_REQUIRE, "require" },
	{ IPSEC_LEVEL_USE, "use" },
	{ IPSEC_LEVEL_UNIQUE, "unique" },
	{ IPSEC_LEVEL_DEFAULT, "default" },
};

static const struct name_map action_names[] = {
	{ IPSEC_ACTION_IPSEC, "ipsec" },
	{ IPSEC_ACTION_NONE, "none" },
	{ IPSEC_ACTION_DISCARD, "discard" },
};

#define LOOKUP_NAME(map, v) lookup_name(map, sizeof(map) / sizeof(map[0]), (int)(v))
#define LOOKUP_VALUE(map, s, out) lookup_value(map, sizeof(map) / sizeof(map[0]), s, out)

static const char *lookup_name(const struct name_map *m, size_t n, int v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m[i].value == v)
			return m[i].name;
	return "unknown";
}

static int lookup_value(const struct name_map *m, size_t n, const char *s, int *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i].name, s) == 0) {
			*out = m[i].value;
			return 0;
		}
	return -EINVAL;
}

const char *ipsec_proto_name(enum ipsec_proto p) { return LOOKUP_NAME(proto_names, p); }
const char *ipsec_mode_name(enum ipsec_mode m) { return LOOKUP_NAME(mode_names, m); }
const char *ipsec_dir_name(enum ipsec_dir d) { return LOOKUP_NAME(dir_names, d); }
const char *ipsec_level_name(enum ipsec_level l) { return LOOKUP_NAME(level_names, l); }
const char *ipsec_action_name(enum ipsec_action a) { return LOOKUP_NAME(action_names, a); }

int ipsec_proto_parse(const char *s, enum ipsec_proto *p)
{
	int v;
	int rc = LOOKUP_VALUE(proto_names, s, &v);

	if (rc == 0)
		*p = (enum ipsec_proto)v;
	return rc;
}

int ipsec_mode_parse(const char *s, enum ipsec_mode *m)
{
	int v;
	int rc = LOOKUP_VALUE(mode_names, s, &v);

	if (rc == 0)
		*m = (enum ipsec_mode)v;
	return rc;
}

int ipsec_dir_parse(const char *s, enum ipsec_dir *d)
{
	int v;
	int rc = LOOKUP_VALUE(dir_names, s, &v);

	if (rc == 0)
		*d = (enum ipsec_dir)v;
	return rc;
}

int ipsec_level_parse(const char *s, enum ipsec_level *l)
{
	int v;
	int rc = LOOKUP_VALUE(level_names, s, &v);

	if (rc == 0)
		*l = (enum ipsec_level)v;
	return rc;
}

static void fmt_port(char *buf, size_t len, uint16_t port)
{
	if (port)
		snprintf(buf, len, "[%u]", port);
	else
		snprintf(buf, len, "[any]");
}

const char *ipsec_selector_fmt(const struct ipsec_selector *s, char *buf, size_t len)
{
	char src[ADDR_STRLEN], dst[ADDR_STRLEN], sp[10], dp[10], proto[24];

	fmt_port(sp, sizeof(sp), s->sport);
	fmt_port(dp, sizeof(dp), s->dport);
	if (s->proto == 0 || s->proto == IPSEC_ULPROTO_ANY)
		snprintf(proto, sizeof(proto), "any");
	else if (s->has_mh_type)
		snprintf(proto, sizeof(proto), "%u type %u", s->proto, s->mh_type);
	else
		snprintf(proto, sizeof(proto), "%u", s->proto);
	snprintf(buf, len, "%s%s %s%s %s", prefix_fmt(&s->src, src, sizeof(src)), sp,
		 prefix_fmt(&s->dst, dst, sizeof(dst)), dp, proto);
	return buf;
}

void ipsec_selector_hosts(struct ipsec_selector *s, const struct ip_addr *src, const struct ip_addr *dst)
{
	memset(s, 0, sizeof(*s));
	s->src.addr = *src;
	s->src.len = (uint8_t)addr_bits(src);
	s->dst.addr = *dst;
	s->dst.len = (uint8_t)addr_bits(dst);
	s->proto = IPSEC_ULPROTO_ANY;
}

bool ipsec_selector_eq(const struct ipsec_selector *a, const struct ipsec_selector *b)
{
	return prefix_cmp(&a->src, &b->src) == 0 && prefix_cmp(&a->dst, &b->dst) == 0 &&
	       a->sport == b->sport && a->dport == b->dport && a->proto == b->proto &&
	       a->has_mh_type == b->has_mh_type && (!a->has_mh_type || a->mh_type == b->mh_type) &&
	       a->ifindex == b->ifindex;
}

void ipsec_sa_wipe(struct ipsec_sa *sa)
{
	explicit_bzero(sa->enc.key, sizeof(sa->enc.key));
	explicit_bzero(sa->auth.key, sizeof(sa->auth.key));
	explicit_bzero(sa->comp.key, sizeof(sa->comp.key));
	explicit_bzero(sa->aead.key, sizeof(sa->aead.key));
}
