/* The words of mip6d.conf and the tokens they stand for. */
#ifndef MIP6D_CONF_KEYWORDS_H
#define MIP6D_CONF_KEYWORDS_H

struct conf_keyword {
	const char *name;
	int token;
	int value;              /* BOOL, NODETYPE, POLTYPE, PROTO: the value */
};

/* Case-sensitive, as UMIP's scanner. NULL if the word is no keyword. */
const struct conf_keyword *conf_keyword_find(const char *word);

#endif
