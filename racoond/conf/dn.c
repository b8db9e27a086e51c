/* asn1dn strings: "C=FR, O=Org, CN=*" into relative distinguished names.
 * RFC 4514 string form: RDNs separated by ',' (';' and '+' accepted too),
 * escapes \, \+ \" \\ \< \> \; \= \# \<space> and \hh; a value written as a
 * lone unescaped '*' is a wildcard for that attribute. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/pstate.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads one attribute value from *sp up to an unescaped separator. */
static int dn_value(const char **sp, char **out, bool *wild, const char **why)
{
	const char *s = *sp;
	size_t cap = strlen(s) + 1, n = 0, keep = 0;
	char *v = malloc(cap);
	bool escaped_any = false;

	if (!v) {
		*why = "out of memory";
		return -ENOMEM;
	}
	while (*s == ' ')
		s++;
	while (*s && *s != ',' && *s != ';' && *s != '+') {
		if (*s == '\\') {
			s++;
			if (hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
				v[n++] = (char)(hexval(s[0]) * 16 + hexval(s[1]));
				s += 2;
			} else if (*s && strchr(",+\"\\<>;=# *", *s)) {
				v[n++] = *s++;
			} else {
				free(v);
				*why = "bad escape (use \\, \\+ \\\" \\\\ \\< \\> \\; \\= \\# or \\hh)";
				return -EINVAL;
			}
			keep = n;
			escaped_any = true;
		} else if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && s[1])
					s++;
				v[n++] = *s++;
			}
			if (*s != '"') {
				free(v);
				*why = "unterminated quoted value";
				return -EINVAL;
			}
			s++;
			keep = n;
			escaped_any = true;
		} else {
			v[n++] = *s++;
			if (v[n - 1] != ' ')
				keep = n;
		}
	}
	v[keep] = '\0';
	*wild = !escaped_any && strcmp(v, "*") == 0;
	*sp = s;
	*out = v;
	if (keep == 0) {
		free(v);
		*out = NULL;
		*why = "empty attribute value";
		return -EINVAL;
	}
	return 0;
}

int rc_dn_parse(struct rc_id *id, const char **why)
{
	const char *s = id->value;
	struct rc_rdn *rdns = NULL;
	unsigned n = 0;

	for (;;) {
		const char *t;
		struct rc_rdn *grown;
		struct rc_rdn r = { 0 };

		while (*s == ' ')
			s++;
		t = s;
		while (isalnum((unsigned char)*s) || *s == '.' || *s == '-')
			s++;
		if (s == t) {
			*why = n == 0 && !*s ? "empty DN" : "expected an attribute type (C, O, OU, CN, emailAddress...)";
			goto fail;
		}
		r.type = strndup(t, (size_t)(s - t));
		while (*s == ' ')
			s++;
		if (!r.type || *s != '=') {
			free(r.type);
			*why = "expected '=' after the attribute type";
			goto fail;
		}
		s++;
		if (dn_value(&s, &r.value, &r.wildcard, why) < 0) {
			free(r.type);
			goto fail;
		}
		grown = realloc(rdns, (n + 1) * sizeof *rdns);
		if (!grown) {
			free(r.type);
			free(r.value);
			*why = "out of memory";
			goto fail;
		}
		rdns = grown;
		rdns[n++] = r;
		if (!*s)
			break;
		s++;                         /* the separator */
	}
	id->rdns = rdns;
	id->n_rdns = n;
	return 0;
fail:
	for (unsigned i = 0; i < n; i++) {
		free(rdns[i].type);
		free(rdns[i].value);
	}
	free(rdns);
	return -EINVAL;
}
