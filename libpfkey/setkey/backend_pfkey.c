/* setkey's PF_KEY backend. */
#include "libpfkey/setkey/backend.h"
#include "libpfkey/setkey/kdebug.h"
#include "libpfkey/convert.h"
#include "libpfkey/socket.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Large enough for any message setkey builds. */
#define MSG_BUF 4096

static struct pfkey_sock *sock_of(struct setkey_backend *be)
{
	return be->ctx;
}

static void trace(bool sent, const void *msg, size_t len, void *arg)
{
	(void)arg;
	printf("%s\n", sent ? "sent:" : "received:");
	kdebug_print(stdout, msg, len);
	fflush(stdout);
}

static int pk_add_sa(struct setkey_backend *be, const struct ipsec_sa *sa, bool update)
{
	struct pfkey_sock *s = sock_of(be);
	uint8_t buf[MSG_BUF];
	int len, rc;

	len = pfkey_build_sa(update ? SADB_UPDATE : SADB_ADD, pfkey_next_seq(s), s->pid, sa, buf, sizeof(buf));
	if (len < 0)
		return len;
	rc = pfkey_request(s, buf, (size_t)len, NULL);
	explicit_bzero(buf, sizeof(buf));
	return rc;
}

static int pk_delete_sa(struct setkey_backend *be, const struct ipsec_sa *key)
{
	struct pfkey_sock *s = sock_of(be);
	uint8_t buf[MSG_BUF];
	int len;

	len = pfkey_build_sa(SADB_DELETE, pfkey_next_seq(s), s->pid, key, buf, sizeof(buf));
	if (len < 0)
		return len;
	return pfkey_request(s, buf, (size_t)len, NULL);
}

static void sa_entry_from_msg(const struct pfkey_msg *m, struct setkey_sa_entry *e)
{
	e->state = m->sa->sadb_sa_state;
	e->has_current = m->lft_current != NULL;
	if (m->nat_t_oa) {
		e->has_natt_oa = true;
		pfkey_address_get(m->nat_t_oa, &e->natt_oa, NULL);
	}
	e->msg_seq = m->hdr->sadb_msg_seq;
	e->msg_pid = m->hdr->sadb_msg_pid;
	e->refcnt = m->hdr->sadb_msg_reserved;
}

static int pk_get_sa(struct setkey_backend *be, const struct ipsec_sa *key, struct setkey_sa_entry *out)
{
	struct pfkey_sock *s = sock_of(be);
	uint8_t buf[MSG_BUF];
	struct pfkey_msg m;
	int len, rc;

	memset(out, 0, sizeof(*out));
	len = pfkey_build_sa(SADB_GET, pfkey_next_seq(s), s->pid, key, buf, sizeof(buf));
	if (len < 0)
		return len;
	rc = pfkey_request(s, buf, (size_t)len, &m);
	if (rc < 0)
		return rc;
	rc = pfkey_msg_to_sa(&m, &out->sa);
	if (rc < 0)
		return -EBADMSG;
	sa_entry_from_msg(&m, out);
	return 0;
}

struct dump_ctx {
	setkey_sa_cb sa_cb;
	setkey_sp_cb sp_cb;
	void *arg;
};

static int sa_dump_one(const struct pfkey_msg *m, void *arg)
{
	struct dump_ctx *d = arg;
	struct setkey_sa_entry e;
	int rc;

	memset(&e, 0, sizeof(e));
	if (pfkey_msg_to_sa(m, &e.sa) < 0)
		return 0;   /* not an SA: nothing to show */
	sa_entry_from_msg(m, &e);
	rc = d->sa_cb(&e, d->arg);
	ipsec_sa_wipe(&e.sa);
	return rc;
}

static int pk_dump_sa(struct setkey_backend *be, enum ipsec_proto proto, setkey_sa_cb cb, void *arg)
{
	struct dump_ctx d = { .sa_cb = cb, .arg = arg };

	return pfkey_dump(sock_of(be), SADB_DUMP, pfkey_satype(proto), sa_dump_one, &d);
}

static int pk_flush_sa(struct setkey_backend *be, enum ipsec_proto proto)
{
	return pfkey_flush(sock_of(be), SADB_FLUSH, pfkey_satype(proto));
}

static int pk_add_policy(struct setkey_backend *be, const struct ipsec_policy *p, bool update)
{
	struct pfkey_sock *s = sock_of(be);
	uint8_t buf[MSG_BUF];
	int len;

	len = pfkey_build_policy(update ? SADB_X_SPDUPDATE : SADB_X_SPDADD, pfkey_next_seq(s), s->pid,
				 p, buf, sizeof(buf));
	if (len < 0)
		return len;
	return pfkey_request(s, buf, (size_t)len, NULL);
}

static int pk_delete_policy(struct setkey_backend *be, const struct ipsec_policy *p)
{
	struct pfkey_sock *s = sock_of(be);
	struct ipsec_policy key = *p;
	uint8_t buf[MSG_BUF];
	int len;

	/* The kernel finds the policy by selector and direction. */
	key.ntmpl = 0;
	key.action = IPSEC_ACTION_IPSEC;
	len = pfkey_build_policy(SADB_X_SPDDELETE, pfkey_next_seq(s), s->pid, &key, buf, sizeof(buf));
	if (len < 0)
		return len;
	return pfkey_request(s, buf, (size_t)len, NULL);
}

static int sp_dump_one(const struct pfkey_msg *m, void *arg)
{
	struct dump_ctx *d = arg;
	struct setkey_sp_entry e;

	memset(&e, 0, sizeof(e));
	if (pfkey_msg_to_policy(m, &e.pol) < 0)
		return 0;
	e.per_socket = pfkey_policy_is_socket(m->policy);
	if (m->lft_current) {
		e.has_current = true;
		e.created = m->lft_current->sadb_lifetime_addtime;
		e.lastused = m->lft_current->sadb_lifetime_usetime;
	}
	if (m->lft_hard) {
		e.has_hard = true;
		e.lifetime = m->lft_hard->sadb_lifetime_addtime;
		e.validtime = m->lft_hard->sadb_lifetime_usetime;
	}
	e.msg_seq = m->hdr->sadb_msg_seq;
	e.msg_pid = m->hdr->sadb_msg_pid;
	e.refcnt = m->hdr->sadb_msg_reserved;
	return d->sp_cb(&e, d->arg);
}

static int pk_dump_policy(struct setkey_backend *be, setkey_sp_cb cb, void *arg)
{
	struct dump_ctx d = { .sp_cb = cb, .arg = arg };

	return pfkey_dump(sock_of(be), SADB_X_SPDDUMP, 0, sp_dump_one, &d);
}

static int pk_flush_policy(struct setkey_backend *be)
{
	return pfkey_flush(sock_of(be), SADB_X_SPDFLUSH, 0);
}

static int pk_migrate(struct setkey_backend *be, const struct ipsec_migrate_msg *mig)
{
	struct pfkey_sock *s = sock_of(be);
	uint8_t buf[MSG_BUF];
	int len;

	len = pfkey_build_migrate(pfkey_next_seq(s), s->pid, mig, buf, sizeof(buf));
	if (len < 0)
		return len;
	return pfkey_request_noreply(s, buf, (size_t)len);
}

static void pk_close(struct setkey_backend *be)
{
	struct pfkey_sock *s = sock_of(be);

	if (s) {
		pfkey_close(s);
		free(s);
	}
	be->ctx = NULL;
}

int setkey_backend_pfkey_open(struct setkey_backend *be, bool verbose)
{
	struct pfkey_sock *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ENOMEM;
	rc = pfkey_open(s);
	if (rc < 0) {
		free(s);
		return rc;
	}
	if (verbose)
		s->trace = trace;
	memset(be, 0, sizeof(*be));
	be->name = "pfkey";
	be->ctx = s;
	be->add_sa = pk_add_sa;
	be->delete_sa = pk_delete_sa;
	be->get_sa = pk_get_sa;
	be->dump_sa = pk_dump_sa;
	be->flush_sa = pk_flush_sa;
	be->add_policy = pk_add_policy;
	be->delete_policy = pk_delete_policy;
	be->dump_policy = pk_dump_policy;
	be->flush_policy = pk_flush_policy;
	be->migrate = pk_migrate;
	be->close = pk_close;
	return 0;
}
