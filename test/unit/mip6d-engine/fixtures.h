/* Helpers shared by the engine's unit tests (included after cmocka.h). */
#ifndef TEST_MIP6D_ENGINE_FIXTURES_H
#define TEST_MIP6D_ENGINE_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "mip6d/conf/conf.h"

static inline struct ip_addr A(const char *s)
{
	struct ip_addr a;

	assert_int_equal(addr_parse(&a, s), 0);
	return a;
}

static inline struct ip_prefix P(const char *s)
{
	struct ip_prefix p;

	assert_int_equal(prefix_parse(&p, s), 0);
	return p;
}

static inline void assert_addr(const struct ip_addr *a, const char *s)
{
	char buf[ADDR_STRLEN];

	if (!s) {
		assert_int_equal(a->family, AF_UNSPEC);
		return;
	}
	assert_string_equal(addr_fmt(a, buf, sizeof(buf)), s);
}

static inline void assert_prefix(const struct ip_prefix *p, const char *s)
{
	char buf[ADDR_STRLEN];

	assert_string_equal(prefix_fmt(p, buf, sizeof(buf)), s);
}

static inline void fixture_diag(void *ctx, const char *line)
{
	(void)ctx;
	fputs(line, stderr);
}

/* Parses configuration text; the test fails on any diagnostic. */
static inline void load_text(struct mip6_conf *c, const char *text)
{
	struct conf_opts o = { .diag = fixture_diag };

	conf_init(c);
	assert_int_equal(conf_load_string(c, text, strlen(text), "test", &o), 0);
}

#endif
