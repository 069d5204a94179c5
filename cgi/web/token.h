/*
 * One-time form tokens: a random nonce, the time the form was served and
 * a flag, signed with the instance's key and bound to a campaign. A token
 * proves the form came from us for that campaign at that time; storing it
 * with the response (unique) makes a second send of the same form store
 * nothing.
 */
#ifndef QUALIMETRE_TOKEN_H
#define QUALIMETRE_TOKEN_H

#include <stddef.h>
#include <time.h>

/* Key size in bytes (HMAC-SHA-256). */
#define TOKEN_KEY_LEN	32
/* Length of a token: base64url, no padding, of 16 + 8 + 1 + 32 bytes. */
#define TOKEN_LEN	76

/* A token's flags. */
#define TOKEN_CONFIRMED	0x01	/* served to confirm a refused send */

/* What a valid token says of itself. */
struct token_info {
	time_t		 issued;	/* when the form was served */
	unsigned int	 flags;		/* TOKEN_* */
};

/*
 * Reads exactly TOKEN_KEY_LEN bytes from the file at path into key.
 * Returns 0, or -1 with *cause set (caller frees) when the file cannot be
 * read or has another size.
 */
int	 token_key_load(const char *path, unsigned char *key, char **cause);

/*
 * Writes a new token for campaign, issued now without flags, into out
 * (TOKEN_LEN characters and a NUL, so out must hold TOKEN_LEN + 1 bytes).
 */
void	 token_issue(const unsigned char *key, long long campaign, char *out);

/* The same, issued at the given time with the given flags. */
void	 token_issue_at(const unsigned char *key, long long campaign,
	    time_t issued, unsigned int flags, char *out);

/*
 * Returns 1 when token is well-formed and was issued with key for this
 * campaign, 0 otherwise (in constant time as to the signature).
 */
int	 token_check(const unsigned char *key, long long campaign,
	    const char *token);

/* The same, and on success fills *info with what the token says. */
int	 token_read(const unsigned char *key, long long campaign,
	    const char *token, struct token_info *info);

/*
 * Door tokens: made by nginx itself (the set-misc module) for each
 * questionnaire page it serves from its cache, so that the page is built
 * once and only its token differs. A door token is
 *   d.<seconds>.<milliseconds>.<32 hex digits>.<HMAC>
 * the time and nginx's $request_id, and the base64url HMAC-SHA-256, under
 * the door key's 64 hexadecimal characters, of
 *   "qualimetre door token v1|" path "|" seconds.milliseconds "|" hex
 * where path is the questionnaire's, "/enquete/<slug>": a door token is
 * bound to its campaign's address as a token is to its campaign.
 */
#define TOKEN_DOOR_KEY_LEN	64
/* What a page served for nginx's cache holds in place of its token,
   which nginx's sub_filter replaces with the door token. */
#define TOKEN_DOOR_PLACEHOLDER	"porte"
#define TOKEN_DOOR_MAX		128

/*
 * Reads the door key from path, the file nginx includes:
 *   set $qm_door_key "<64 hexadecimal digits>";
 * into key (TOKEN_DOOR_KEY_LEN characters and a NUL). Returns 0, or -1
 * with *cause set (caller frees).
 */
int	 token_door_key_load(const char *path,
	    char key[TOKEN_DOOR_KEY_LEN + 1], char **cause);

/*
 * Returns 1 when token is a door token made with key for path, and fills
 * *info (the time it says, no flags) when info is non-NULL; 0 otherwise.
 */
int	 token_door_read(const char *key, const char *path, const char *token,
	    struct token_info *info);

/* Writes a random UUID version 4 into out (36 characters and a NUL). */
void	 token_uuid(char *out);

#endif /* QUALIMETRE_TOKEN_H */
