/* Secret buffers: wiped before their memory is released. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "racoond/crypto/ikecrypto.h"

struct secret *secret_new(size_t len)
{
	struct secret *s = calloc(1, sizeof(*s) + len);

	if (s)
		s->len = len;
	return s;
}

struct secret *secret_dup(const void *p, size_t len)
{
	struct secret *s = secret_new(len);

	if (s && len)
		memcpy(s->data, p, len);
	return s;
}

void secret_free(struct secret *s)
{
	if (!s)
		return;
	OPENSSL_cleanse(s->data, s->len);
	free(s);
}
