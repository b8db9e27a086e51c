/* racoon.conf syntax.  The actions only hand tokens to build.c, which checks
 * values and fills the configuration. */
%define api.pure full
%define api.prefix {rcy}
%define parse.error custom
%define parse.lac full
%locations
%param {yyscan_t scanner}
%parse-param {struct rc_pstate *ps}

%code top {
#include "config.h"
}

%code requires {
#include <stdint.h>
#include "racoond/conf/conf.h"
struct rc_pstate;
struct rc_said;
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code {
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "racoond/conf/build.h"
#include "racoond/conf/pstate.h"

int rcylex(RCYSTYPE *lval, RCYLTYPE *lloc, yyscan_t scanner);
char *rcyget_text(yyscan_t scanner);
static void rcyerror(RCYLTYPE *l, yyscan_t scanner, struct rc_pstate *ps, const char *msg);

#define P(l) ((struct rc_pos){ (l).first_line, (l).first_column })
}

%union {
	uint64_t num;
	char *str;
	struct rc_id *id;
	struct rc_said *said;
}

%destructor { free($$); } <str>
%destructor { rc_id_free($$); } <id>
%destructor { rc_said_free($$); } <said>

%token <str> WORD "word" STRING "quoted string" ADDR "IP address" HEXSTRING "hex string"
%token <num> NUMBER "number" PORT "[port]" PREFIX "/prefix"

%token PATH "path" INCLUDE "include" LOG "log" PRIVSEP "privsep" USER "user"
%token GROUP "group" CHROOT "chroot" PFKEY_BUFFER "pfkey_buffer" GSS_ID_ENC "gss_id_enc"
%token COMPLEX_BUNDLE "complex_bundle" PADDING "padding" RANDOMIZE "randomize"
%token RANDOMIZE_LENGTH "randomize_length" MAXIMUM_LENGTH "maximum_length"
%token EXCLUSIVE_TAIL "exclusive_tail" STRICT_CHECK "strict_check" LISTEN "listen"
%token ISAKMP "isakmp" ISAKMP_NATT "isakmp_natt" STRICT_ADDRESS "strict_address"
%token ADMINSOCK "adminsock" TIMER "timer" COUNTER "counter" INTERVAL "interval"
%token PERSEND "persend" PHASE1 "phase1" PHASE2 "phase2" NATT_KEEPALIVE "natt_keepalive"
%token REMOTE "remote" ANONYMOUS "anonymous" INHERIT "inherit"
%token REMOTE_ADDRESS "remote_address" EXCHANGE_MODE "exchange_mode" DOI "doi"
%token SITUATION "situation" MY_IDENTIFIER "my_identifier"
%token PEERS_IDENTIFIER "peers_identifier" VERIFY_IDENTIFIER "verify_identifier"
%token XAUTH_LOGIN "xauth_login" CERTIFICATE_TYPE "certificate_type"
%token PEERS_CERTFILE "peers_certfile" CA_TYPE "ca_type" VERIFY_CERT "verify_cert"
%token SEND_CERT "send_cert" SEND_CR "send_cr" MATCH_EMPTY_CR "match_empty_cr"
%token MODE_CFG "mode_cfg" WEAK_PHASE1_CHECK "weak_phase1_check" LIFETIME "lifetime"
%token NONCE_SIZE "nonce_size" DH_GROUP "dh_group" PASSIVE "passive" IKE_FRAG "ike_frag"
%token ESP_FRAG "esp_frag" SCRIPT "script" GENERATE_POLICY "generate_policy"
%token SUPPORT_PROXY "support_proxy" INITIAL_CONTACT "initial_contact"
%token NAT_TRAVERSAL "nat_traversal" DPD "dpd" DPD_DELAY "dpd_delay"
%token DPD_RETRY "dpd_retry" DPD_MAXFAIL "dpd_maxfail" REKEY "rekey"
%token PROPOSAL_CHECK "proposal_check" PH1ID "ph1id" PROPOSAL "proposal"
%token ENCRYPTION_ALGORITHM "encryption_algorithm" HASH_ALGORITHM "hash_algorithm"
%token AUTHENTICATION_METHOD "authentication_method" GSS_ID "gss_id"
%token SAINFO "sainfo" CLIENTADDR "clientaddr" ADDRESS "address" SUBNET "subnet"
%token FROM "from" PFS_GROUP "pfs_group" AUTHENTICATION_ALGORITHM "authentication_algorithm"
%token COMPRESSION_ALGORITHM "compression_algorithm" REMOTEID "remoteid"
%token NETWORK4 "network4" NETMASK4 "netmask4" POOL_SIZE "pool_size" DNS4 "dns4"
%token WINS4 "wins4" SPLIT_NETWORK "split_network" SPLIT_DNS "split_dns"
%token DEFAULT_DOMAIN "default_domain" AUTH_SOURCE "auth_source" AUTH_GROUPS "auth_groups"
%token GROUP_SOURCE "group_source" CONF_SOURCE "conf_source" ACCOUNTING "accounting"
%token BANNER "banner" AUTH_THROTTLE "auth_throttle" SAVE_PASSWD "save_passwd"
%token LDAPCFG "ldapcfg" RADIUSCFG "radiuscfg"

%type <num> opt_port opt_keylen dhgroup ulproto
%type <str> remote_inherit
%type <id> identifier
%type <said> said addrspec

%%

file:
	  %empty
	| file stmt
	;

stmt:
	  ';'
	| PATH WORD STRING ';'           { rc_set_path(ps, P(@2), $2, $3); }
	| PATH INCLUDE STRING ';'        { rc_set_path(ps, P(@2), NULL, $3); }
	| PATH SCRIPT STRING ';'         { rc_set_path(ps, P(@2), rc_strdup(ps, P(@2), "script"), $3); }
	| INCLUDE STRING ';'             { rc_include(ps, P(@2), $2); }
	| LOG WORD ';'                   { rc_set_log(ps, P(@2), $2); }
	| PRIVSEP '{' privsep_stmts '}'  { ps->conf->privsep.set = true; }
	| PFKEY_BUFFER NUMBER ';'        { rc_set_uint(ps, P(@2), $2, 0, 1u << 20, &ps->conf->pfkey_buffer, "pfkey_buffer"); }
	| GSS_ID_ENC WORD ';'            { rc_set_gss_enc(ps, P(@2), $2); }
	| COMPLEX_BUNDLE WORD ';'        { rc_set_switch(ps, P(@2), $2, &ps->conf->complex_bundle); }
	| PADDING '{' padding_stmts '}'
	| LISTEN '{' listen_stmts '}'
	| TIMER '{' timer_stmts '}'
	| remote
	| sainfo
	| MODE_CFG '{' { rc_mcfg_begin(ps, P(@1)); } mcfg_stmts '}'
	| LDAPCFG '{' generic_stmts '}'  { ps->conf->ldapcfg = rc_loc_at(ps, P(@1)); }
	| RADIUSCFG '{' generic_stmts '}' { ps->conf->radiuscfg = rc_loc_at(ps, P(@1)); }
	;

privsep_stmts: %empty | privsep_stmts privsep_stmt ;
privsep_stmt:
	  ';'
	| USER STRING ';'                { rc_privsep_id(ps, P(@2), true, $2, -1); }
	| USER NUMBER ';'                { rc_privsep_id(ps, P(@2), true, NULL, (long)$2); }
	| GROUP STRING ';'               { rc_privsep_id(ps, P(@2), false, $2, -1); }
	| GROUP NUMBER ';'               { rc_privsep_id(ps, P(@2), false, NULL, (long)$2); }
	| CHROOT STRING ';'              { rc_set_string(&ps->conf->privsep.chroot, $2); }
	;

padding_stmts: %empty | padding_stmts padding_stmt ;
padding_stmt:
	  ';'
	| RANDOMIZE WORD ';'             { rc_set_switch(ps, P(@2), $2, &ps->conf->padding.randomize); }
	| RANDOMIZE_LENGTH WORD ';'      { rc_set_switch(ps, P(@2), $2, &ps->conf->padding.randomize_length); }
	| MAXIMUM_LENGTH NUMBER ';'      { rc_set_uint(ps, P(@2), $2, 0, 255, &ps->conf->padding.maximum_length, "maximum_length"); }
	| EXCLUSIVE_TAIL WORD ';'        { rc_set_switch(ps, P(@2), $2, &ps->conf->padding.exclusive_tail); }
	| STRICT_CHECK WORD ';'          { rc_set_switch(ps, P(@2), $2, &ps->conf->padding.strict_check); }
	;

listen_stmts: %empty | listen_stmts listen_stmt ;
listen_stmt:
	  ';'
	| ISAKMP ADDR opt_port ';'       { rc_listen_add(ps, P(@2), $2, $3, false); }
	| ISAKMP_NATT ADDR opt_port ';'  { rc_listen_add(ps, P(@2), $2, $3, true); }
	| STRICT_ADDRESS ';'             { ps->conf->listen.strict_address = true; }
	| ADMINSOCK STRING STRING STRING NUMBER ';' { rc_adminsock(ps, P(@2), $2, $3, $4, $5, P(@5)); }
	| ADMINSOCK STRING ';'           { rc_adminsock(ps, P(@2), $2, NULL, NULL, 0, P(@2)); }
	| ADMINSOCK WORD ';'             { rc_adminsock_word(ps, P(@2), $2); }
	;

opt_port:
	  %empty                         { $$ = RC_NOPORT; }
	| PORT                           { $$ = $1; }
	;

timer_stmts: %empty | timer_stmts timer_stmt ;
timer_stmt:
	  ';'
	| COUNTER NUMBER ';'             { rc_set_uint(ps, P(@2), $2, 1, 1000, &ps->conf->timer.counter, "counter"); }
	| INTERVAL NUMBER WORD ';'       { rc_set_time(ps, P(@2), $2, $3, 1, &ps->conf->timer.interval, "interval"); }
	| PERSEND NUMBER ';'             { rc_set_uint(ps, P(@2), $2, 1, 100, &ps->conf->timer.persend, "persend"); }
	| PHASE1 NUMBER WORD ';'         { rc_set_time(ps, P(@2), $2, $3, 1, &ps->conf->timer.phase1, "phase1"); }
	| PHASE2 NUMBER WORD ';'         { rc_set_time(ps, P(@2), $2, $3, 1, &ps->conf->timer.phase2, "phase2"); }
	| NATT_KEEPALIVE NUMBER WORD ';' { rc_set_time(ps, P(@2), $2, $3, 0, &ps->conf->timer.natt_keepalive, "natt_keepalive"); }
	;

/* ---------------- remote ---------------- */

remote:
	  remote_head '{' remote_stmts '}' { rc_remote_end(ps); }
	| remote_head ';'                  { rc_remote_end(ps); }
	;

remote_head:
	  REMOTE STRING remote_inherit         { if (rc_remote_begin(ps, P(@2), RC_REMOTE_NAMED, $2, RC_NOPORT, $3) < 0) YYNOMEM; }
	| REMOTE ANONYMOUS opt_port remote_inherit { if (rc_remote_begin(ps, P(@2), RC_REMOTE_ANONYMOUS, NULL, $3, $4) < 0) YYNOMEM; }
	| REMOTE ADDR opt_port remote_inherit  { if (rc_remote_begin(ps, P(@2), RC_REMOTE_ADDRESS, $2, $3, $4) < 0) YYNOMEM; }
	;

remote_inherit:
	  %empty                         { $$ = NULL; }
	| INHERIT STRING                 { $$ = $2; }
	| INHERIT ANONYMOUS              { $$ = rc_strdup(ps, P(@2), "anonymous"); }
	| INHERIT ADDR opt_port          { $$ = rc_remote_addr_name(ps, P(@2), $2, $3); }
	;

remote_stmts: %empty | remote_stmts remote_stmt ;
remote_stmt:
	  ';'
	| REMOTE_ADDRESS ADDR opt_port ';'  { rc_remote_address(ps, P(@2), $2, $3); }
	| EXCHANGE_MODE { ps->remote->n_xchg = 0; } xchg_list ';'
	| DOI WORD ';'                    { rc_set_doi(ps, P(@2), $2); }
	| SITUATION WORD ';'              { rc_set_situation(ps, P(@2), $2); }
	| MY_IDENTIFIER identifier ';'    { rc_my_id(ps, $2); }
	| PEERS_IDENTIFIER identifier ';' { rc_peers_id(ps, $2); }
	| VERIFY_IDENTIFIER WORD ';'      { rc_set_switch(ps, P(@2), $2, &ps->remote->verify_identifier); }
	| XAUTH_LOGIN STRING ';'          { rc_set_string(&ps->remote->xauth_login, $2); }
	| CERTIFICATE_TYPE WORD STRING STRING ';' { rc_cert_type(ps, P(@2), $2, $3, $4); }
	| CERTIFICATE_TYPE WORD STRING ';' { rc_cert_type(ps, P(@2), $2, $3, NULL); }
	| PEERS_CERTFILE STRING ';'       { rc_peers_certfile(ps, P(@2), NULL, $2); }
	| PEERS_CERTFILE WORD STRING ';'  { rc_peers_certfile(ps, P(@2), $2, $3); }
	| PEERS_CERTFILE WORD ';'         { rc_peers_certfile(ps, P(@2), $2, NULL); }
	| CA_TYPE WORD STRING ';'         { rc_ca_type(ps, P(@2), $2, $3); }
	| VERIFY_CERT WORD ';'            { rc_set_switch(ps, P(@2), $2, &ps->remote->verify_cert); }
	| SEND_CERT WORD ';'              { rc_set_switch(ps, P(@2), $2, &ps->remote->send_cert); }
	| SEND_CR WORD ';'                { rc_set_switch(ps, P(@2), $2, &ps->remote->send_cr); }
	| MATCH_EMPTY_CR WORD ';'         { rc_set_switch(ps, P(@2), $2, &ps->remote->match_empty_cr); }
	| MODE_CFG WORD ';'               { rc_set_switch(ps, P(@2), $2, &ps->remote->mode_cfg); }
	| WEAK_PHASE1_CHECK WORD ';'      { rc_set_switch(ps, P(@2), $2, &ps->remote->weak_phase1_check); }
	| LIFETIME WORD NUMBER WORD ';'   { rc_lifetime(ps, P(@2), $2, $3, $4, &ps->remote->lifetime); }
	| NONCE_SIZE NUMBER ';'           { rc_set_uint(ps, P(@2), $2, 8, 256, &ps->remote->nonce_size, "nonce_size"); }
	| DH_GROUP dhgroup ';'            { ps->remote->dh_group = (uint16_t)$2; }
	| PASSIVE WORD ';'                { rc_set_switch(ps, P(@2), $2, &ps->remote->passive); }
	| IKE_FRAG WORD ';'               { rc_set_tristate(ps, P(@2), $2, &ps->remote->ike_frag); }
	| ESP_FRAG NUMBER ';'             { rc_set_uint(ps, P(@2), $2, 68, RC_IP_MAXPACKET, &ps->remote->esp_frag, "esp_frag"); }
	| SCRIPT STRING WORD ';'          { rc_set_script(ps, P(@3), $2, $3); }
	| GENERATE_POLICY WORD ';'        { rc_set_genpol(ps, P(@2), $2); }
	| SUPPORT_PROXY WORD ';'          { rc_set_switch(ps, P(@2), $2, &ps->remote->support_proxy); }
	| INITIAL_CONTACT WORD ';'        { rc_set_switch(ps, P(@2), $2, &ps->remote->initial_contact); }
	| NAT_TRAVERSAL WORD ';'          { rc_set_tristate(ps, P(@2), $2, &ps->remote->nat_traversal); }
	| DPD WORD ';'                    { rc_set_switch(ps, P(@2), $2, &ps->remote->dpd); }
	| DPD_DELAY NUMBER ';'            { rc_set_uint(ps, P(@2), $2, 0, 86400, &ps->remote->dpd_delay, "dpd_delay"); }
	| DPD_RETRY NUMBER ';'            { rc_set_uint(ps, P(@2), $2, 1, 86400, &ps->remote->dpd_retry, "dpd_retry"); }
	| DPD_MAXFAIL NUMBER ';'          { rc_set_uint(ps, P(@2), $2, 1, 1000, &ps->remote->dpd_maxfail, "dpd_maxfail"); }
	| REKEY WORD ';'                  { rc_set_tristate(ps, P(@2), $2, &ps->remote->rekey); }
	| PROPOSAL_CHECK WORD ';'         { rc_set_propcheck(ps, P(@2), $2); }
	| PH1ID NUMBER ';'                { rc_set_uint(ps, P(@2), $2, 0, UINT32_MAX, &ps->remote->ph1id, "ph1id"); }
	| PROPOSAL '{' { if (rc_prop_begin(ps, P(@1)) < 0) YYNOMEM; } prop_stmts '}' { rc_prop_end(ps); }
	;

/* racoon ignores commas inside remote: both spellings of a list work. */
xchg_list:
	  WORD                           { rc_xchg_add(ps, P(@1), $1); }
	| xchg_list WORD                 { rc_xchg_add(ps, P(@2), $2); }
	| xchg_list ',' WORD             { rc_xchg_add(ps, P(@3), $3); }
	;

identifier:
	  ADDRESS                        { $$ = rc_id_make(ps, P(@1), NULL, NULL, NULL, NULL, -1, RC_ID_ADDRESS); }
	| ADDRESS ADDR                   { $$ = rc_id_make(ps, P(@1), NULL, NULL, NULL, $2, -1, RC_ID_ADDRESS); }
	| ADDRESS STRING                 { $$ = rc_id_make(ps, P(@1), NULL, NULL, NULL, $2, -1, RC_ID_ADDRESS); }
	| SUBNET ADDR                    { $$ = rc_id_make(ps, P(@1), NULL, NULL, NULL, $2, -1, RC_ID_SUBNET); }
	| SUBNET ADDR PREFIX             { $$ = rc_id_make(ps, P(@1), NULL, NULL, NULL, $2, (int)$3, RC_ID_SUBNET); }
	| WORD                           { $$ = rc_id_make(ps, P(@1), $1, NULL, NULL, NULL, -1, 0); }
	| WORD STRING                    { $$ = rc_id_make(ps, P(@1), $1, NULL, $2, NULL, -1, 0); }
	| WORD WORD STRING               { $$ = rc_id_make(ps, P(@1), $1, $2, $3, NULL, -1, 0); }
	;

dhgroup:
	  WORD                           { $$ = rc_dh_word(ps, P(@1), $1); }
	| NUMBER                         { $$ = rc_dh_number(ps, P(@1), $1); }
	;

prop_stmts: %empty | prop_stmts prop_stmt ;
prop_stmt:
	  ';'
	| ENCRYPTION_ALGORITHM WORD opt_keylen ';' { rc_prop_enc(ps, P(@2), $2, $3, P(@3)); }
	| HASH_ALGORITHM WORD ';'        { rc_prop_hash(ps, P(@2), $2); }
	| AUTHENTICATION_METHOD WORD ';' { rc_prop_auth(ps, P(@2), $2); }
	| DH_GROUP dhgroup ';'           { ps->prop->dh_group = (uint16_t)$2; }
	| LIFETIME WORD NUMBER WORD ';'  { rc_lifetime(ps, P(@2), $2, $3, $4, &ps->prop->lifetime); }
	| GSS_ID STRING ';'              { rc_set_string(&ps->prop->gss_id, $2); }
	;

opt_keylen:
	  %empty                         { $$ = 0; }
	| NUMBER                         { $$ = $1; }
	;

/* ---------------- sainfo ---------------- */

sainfo:
	  SAINFO { if (rc_sainfo_begin(ps, P(@1)) < 0) YYNOMEM; } sainfo_ids sainfo_from sainfo_group semis
	  '{' sainfo_stmts '}'           { rc_sainfo_end(ps); }
	;

semis: %empty | semis ';' ;

sainfo_ids:
	  ANONYMOUS                      { rc_sainfo_ids(ps, NULL, NULL, false); }
	| ANONYMOUS CLIENTADDR           { rc_sainfo_ids(ps, NULL, NULL, true); }
	| ANONYMOUS said                 { rc_sainfo_ids(ps, NULL, $2, false); }
	| said ANONYMOUS                 { rc_sainfo_ids(ps, $1, NULL, false); }
	| said CLIENTADDR                { rc_sainfo_ids(ps, $1, NULL, true); }
	| said said                      { rc_sainfo_ids(ps, $1, $2, false); }
	;

said:
	  ADDRESS addrspec opt_port ulproto { $$ = rc_said_finish($2, false, $3, $4); }
	| SUBNET addrspec opt_port ulproto  { $$ = rc_said_finish($2, true, $3, $4); }
	| WORD STRING                    { $$ = rc_said_name(ps, P(@1), $1, $2); }
	;

addrspec:
	  ADDR                           { $$ = rc_said_addr(ps, P(@1), $1, -1, NULL); }
	| ADDR PREFIX                    { $$ = rc_said_addr(ps, P(@1), $1, (int)$2, NULL); }
	| ADDR '-' ADDR                  { $$ = rc_said_addr(ps, P(@1), $1, -1, $3); }
	;

ulproto:
	  NUMBER                         { $$ = rc_ulproto_number(ps, P(@1), $1); }
	| WORD                           { $$ = rc_ulproto_word(ps, P(@1), $1); }
	;

sainfo_from:
	  %empty
	| FROM identifier                { rc_sainfo_from(ps, $2); }
	;

sainfo_group:
	  %empty
	| GROUP STRING                   { rc_set_string(&ps->sainfo->group, $2); }
	;

sainfo_stmts: %empty | sainfo_stmts sainfo_stmt ;
sainfo_stmt:
	  ';'
	| PFS_GROUP dhgroup ';'          { ps->sainfo->pfs_group = (uint16_t)$2; }
	| LIFETIME WORD NUMBER WORD ';'  { rc_lifetime(ps, P(@2), $2, $3, $4, &ps->sainfo->lifetime); }
	| ENCRYPTION_ALGORITHM { ps->alg_class = RC_ALG_ENC; } alg_list ';'
	| AUTHENTICATION_ALGORITHM { ps->alg_class = RC_ALG_AUTH; } alg_list ';'
	| COMPRESSION_ALGORITHM { ps->alg_class = RC_ALG_COMP; } alg_list ';'
	| REMOTEID NUMBER ';'            { rc_sainfo_remoteid(ps, P(@2), $2); }
	;

alg_list:
	  WORD opt_keylen                { rc_sainfo_alg(ps, P(@1), $1, $2, P(@2)); }
	| alg_list WORD opt_keylen       { rc_sainfo_alg(ps, P(@2), $2, $3, P(@3)); }
	| alg_list ',' WORD opt_keylen   { rc_sainfo_alg(ps, P(@3), $3, $4, P(@4)); }
	;

/* ---------------- mode_cfg (server side) ---------------- */

mcfg_stmts: %empty | mcfg_stmts mcfg_stmt ;
mcfg_stmt:
	  ';'
	| NETWORK4 ADDR ';'              { rc_mcfg_addr(ps, P(@2), RC_MCFG_NETWORK4, $2); }
	| NETMASK4 ADDR ';'              { rc_mcfg_addr(ps, P(@2), RC_MCFG_NETMASK4, $2); }
	| POOL_SIZE NUMBER ';'           { rc_set_uint(ps, P(@2), $2, 1, 65535, &ps->conf->mode_cfg.pool_size, "pool_size"); }
	| DNS4 { ps->mcfg_list = RC_MCFG_DNS4; } mcfg_addrs ';'
	| WINS4 { ps->mcfg_list = RC_MCFG_WINS4; } mcfg_addrs ';'
	| SPLIT_NETWORK WORD { rc_mcfg_split(ps, P(@2), $2); $2 = NULL; } mcfg_nets ';'
	| SPLIT_NETWORK INCLUDE { ps->conf->mode_cfg.split_local_lan = false; } mcfg_nets ';'
	| SPLIT_DNS { ps->mcfg_list = RC_MCFG_SPLIT_DNS; } mcfg_strings ';'
	| DEFAULT_DOMAIN STRING ';'      { rc_set_string(&ps->conf->mode_cfg.default_domain, $2); }
	| AUTH_SOURCE WORD ';'           { rc_mcfg_word(ps, P(@2), RC_MCFG_AUTH_SOURCE, $2); }
	| AUTH_GROUPS { ps->mcfg_list = RC_MCFG_AUTH_GROUPS; } mcfg_strings ';'
	| GROUP_SOURCE WORD ';'          { rc_mcfg_word(ps, P(@2), RC_MCFG_GROUP_SOURCE, $2); }
	| CONF_SOURCE WORD ';'           { rc_mcfg_word(ps, P(@2), RC_MCFG_CONF_SOURCE, $2); }
	| ACCOUNTING WORD ';'            { rc_mcfg_word(ps, P(@2), RC_MCFG_ACCOUNTING, $2); }
	| BANNER STRING ';'              { rc_set_string(&ps->conf->mode_cfg.banner, $2); }
	| AUTH_THROTTLE NUMBER ';'       { rc_set_uint(ps, P(@2), $2, 0, 86400, &ps->conf->mode_cfg.auth_throttle, "auth_throttle"); }
	| PFS_GROUP dhgroup ';'          { ps->conf->mode_cfg.pfs_group = (uint16_t)$2; }
	| SAVE_PASSWD WORD ';'           { rc_set_switch(ps, P(@2), $2, &ps->conf->mode_cfg.save_passwd); }
	;

mcfg_addrs:
	  ADDR                           { rc_mcfg_addr(ps, P(@1), ps->mcfg_list, $1); }
	| mcfg_addrs ',' ADDR            { rc_mcfg_addr(ps, P(@3), ps->mcfg_list, $3); }
	;

mcfg_nets:
	  ADDR PREFIX                    { rc_mcfg_net(ps, P(@1), $1, $2); }
	| mcfg_nets ',' ADDR PREFIX      { rc_mcfg_net(ps, P(@3), $3, $4); }
	;

mcfg_strings:
	  STRING                         { rc_mcfg_string(ps, P(@1), $1); }
	| mcfg_strings ',' STRING        { rc_mcfg_string(ps, P(@3), $3); }
	;

/* ldapcfg / radiuscfg: read so the file parses; refused at start.  Their
 * strings may be secrets (bind_pw, RADIUS secrets): wiped before freeing. */
generic_stmts: %empty | generic_stmts generic_items ';' ;
generic_items: %empty | generic_items generic_item ;
generic_item:
	  WORD { free($1); }
	| STRING { explicit_bzero($1, strlen($1)); free($1); }
	| ADDR { free($1); }
	| NUMBER | PORT | ','
	;

%%

static void rcyerror(RCYLTYPE *l, yyscan_t scanner, struct rc_pstate *ps, const char *msg)
{
	ps->syntax_error = true;
	rc_err_at(ps, l->first_line, l->first_column, "%s", msg);
}

/* "unexpected word 'foo', expecting ';' or ..." with what the parser could
 * have taken at that point. */
/* Keywords in quotes, values by what they are. */
static const char *sym(yysymbol_kind_t k, char *buf, size_t len)
{
	const char *n = yysymbol_name(k);
	switch (k) {
	case YYSYMBOL_WORD: case YYSYMBOL_STRING: case YYSYMBOL_ADDR: case YYSYMBOL_HEXSTRING:
	case YYSYMBOL_NUMBER: case YYSYMBOL_PORT: case YYSYMBOL_PREFIX: case YYSYMBOL_YYEOF:
		return n;
	default:
		if (n[0] == '\'')
			return n;
		snprintf(buf, len, "'%s'", n);
		return buf;
	}
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct rc_pstate *ps)
{
	enum { MAXEXP = 128, SHOWN = 8 };
	yysymbol_kind_t exp[MAXEXP];
	yysymbol_kind_t la = yypcontext_token(ctx);
	const RCYLTYPE *l = yypcontext_location(ctx);
	char msg[1024], b[64];
	size_t o = 0;
	int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);

	if (la == YYSYMBOL_YYEOF) {
		o += (size_t)snprintf(msg + o, sizeof msg - o, "unexpected end of file");
	} else {
		o += (size_t)snprintf(msg + o, sizeof msg - o, "unexpected %s", sym(la, b, sizeof b));
		if (la == YYSYMBOL_WORD || la == YYSYMBOL_ADDR || la == YYSYMBOL_NUMBER ||
		    la == YYSYMBOL_HEXSTRING || la == YYSYMBOL_PORT || la == YYSYMBOL_PREFIX)
			o += (size_t)snprintf(msg + o, sizeof msg - o, " '%.64s'", rcyget_text(scanner));
	}
	for (int i = 0; i < n && i < SHOWN && o < sizeof msg; i++)
		o += (size_t)snprintf(msg + o, sizeof msg - o, "%s%s",
				      i == 0 ? ", expecting " : (i == n - 1 ? " or " : ", "),
				      sym(exp[i], b, sizeof b));
	ps->syntax_error = true;
	if (n > SHOWN && o < sizeof msg)
		snprintf(msg + o, sizeof msg - o, ", ... (%d possibilities, see racoon.conf(5))", n);
	rc_err_at(ps, l->first_line, l->first_column, "%s", msg);
	return 0;
}
