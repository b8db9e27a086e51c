/* setkey command execution. */
#include "libpfkey/setkey/exec.h"
#include "libpfkey/setkey/output.h"
#include "libpfkey/pfkey.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sad_print {
	FILE *out;
	bool show_dead;
	unsigned n;
};

static int print_sa_cb(const struct setkey_sa_entry *e, void *arg)
{
	struct sad_print *p = arg;

	if (e->state == SADB_SASTATE_DEAD && !p->show_dead)
		return 0;
	setkey_print_sa(p->out, e, time(NULL));
	p->n++;
	return 0;
}

int setkey_dump_sad(struct setkey_backend *be, const struct setkey_opts *o, enum ipsec_proto proto, FILE *out)
{
	struct sad_print p = { .out = out, .show_dead = o->show_dead, .n = 0 };
	int rc = be->dump_sa(be, proto, print_sa_cb, &p);

	if (rc == 0 && p.n == 0)
		fprintf(out, "No SAD entries.\n");
	return rc;
}

static int print_sp_cb(const struct setkey_sp_entry *e, void *arg)
{
	struct sad_print *p = arg;

	setkey_print_sp(p->out, e);
	p->n++;
	return 0;
}

int setkey_dump_spd(struct setkey_backend *be, FILE *out)
{
	struct sad_print p = { .out = out, .n = 0 };
	int rc = be->dump_policy(be, print_sp_cb, &p);

	if (rc == 0 && p.n == 0)
		fprintf(out, "No SPD entries.\n");
	return rc;
}

/* deleteall: the SAs from src to dst of a protocol, found by a dump. */
struct match_list {
	const struct ipsec_sa *key;
	struct ipsec_sa *found;
	size_t n, cap;
	int err;
};

static int collect_cb(const struct setkey_sa_entry *e, void *arg)
{
	struct match_list *m = arg;
	struct ipsec_sa *grown;

	if (!addr_eq(&e->sa.src, &m->key->src) || !addr_eq(&e->sa.dst, &m->key->dst))
		return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 8;

		grown = realloc(m->found, cap * sizeof(*grown));
		if (!grown) {
			m->err = -ENOMEM;
			return -ENOMEM;
		}
		m->found = grown;
		m->cap = cap;
	}
	/* Only the SA's identity is kept: no key material. */
	memset(&m->found[m->n], 0, sizeof(m->found[m->n]));
	m->found[m->n].src = e->sa.src;
	m->found[m->n].dst = e->sa.dst;
	m->found[m->n].proto = e->sa.proto;
	m->found[m->n].spi = e->sa.spi;
	m->n++;
	return 0;
}

static int delete_all(struct setkey_backend *be, const struct ipsec_sa *key)
{
	struct match_list m = { .key = key };
	size_t i;
	int rc;

	rc = be->dump_sa(be, key->proto, collect_cb, &m);
	for (i = 0; rc == 0 && i < m.n; i++)
		rc = be->delete_sa(be, &m.found[i]);
	free(m.found);
	return rc;
}

/* RFC 4301 semantics on Linux: an inbound policy also needs its forward
 * twin for tunnelled traffic that is routed on. */
static int spd_apply(struct setkey_backend *be, const struct setkey_opts *o, const struct setkey_cmd *c)
{
	struct ipsec_policy fwd;
	int rc;

	if (c->type == SK_SPDDELETE)
		rc = be->delete_policy(be, &c->pol);
	else
		rc = be->add_policy(be, &c->pol, c->type == SK_SPDUPDATE);
	if (rc < 0 || !o->rfc_fwd || c->pol.dir != IPSEC_DIR_IN)
		return rc;
	fwd = c->pol;
	fwd.dir = IPSEC_DIR_FWD;
	if (c->type == SK_SPDDELETE)
		return be->delete_policy(be, &fwd);
	return be->add_policy(be, &fwd, c->type == SK_SPDUPDATE);
}

int setkey_exec(struct setkey_backend *be, const struct setkey_opts *o, const struct setkey_cmd *c, FILE *out)
{
	struct setkey_sa_entry e;
	int rc;

	switch (c->type) {
	case SK_ADD:
		return be->add_sa(be, &c->sa, false);
	case SK_GET:
		rc = be->get_sa(be, &c->sa, &e);
		if (rc == 0)
			setkey_print_sa(out, &e, time(NULL));
		ipsec_sa_wipe(&e.sa);
		return rc;
	case SK_DELETE:
		return be->delete_sa(be, &c->sa);
	case SK_DELETEALL:
		return delete_all(be, &c->sa);
	case SK_FLUSH:
		return be->flush_sa(be, c->proto);
	case SK_DUMP:
		return setkey_dump_sad(be, o, c->proto, out);
	case SK_SPDADD:
	case SK_SPDUPDATE:
	case SK_SPDDELETE:
		return spd_apply(be, o, c);
	case SK_SPDFLUSH:
		return be->flush_policy(be);
	case SK_SPDDUMP:
		return setkey_dump_spd(be, out);
	case SK_MIGRATE:
		return be->migrate(be, &c->mig);
	case SK_EXIT:
		return 0;
	}
	return -EINVAL;
}
