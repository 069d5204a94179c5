/*
 * One-time form tokens: a random nonce signed with the instance's key and
 * bound to a campaign. A token proves the form came from us for that
 * campaign; storing it with the response (unique) makes a second send of
 * the same form store nothing.
 */
#ifndef QUALIMETRE_TOKEN_H
#define QUALIMETRE_TOKEN_H

#include <stddef.h>

/* Key size in bytes (HMAC-SHA-256). */
#define TOKEN_KEY_LEN	32
/* Length of a token: base64url, no padding, of 16 + 32 bytes. */
#define TOKEN_LEN	64

/*
 * Reads exactly TOKEN_KEY_LEN bytes from the file at path into key.
 * Returns 0, or -1 with *cause set (caller frees) when the file cannot be
 * read or has another size.
 */
int	 token_key_load(const char *path, unsigned char *key, char **cause);

/*
 * Writes a new token for campaign into out (TOKEN_LEN characters and a
 * NUL, so out must hold TOKEN_LEN + 1 bytes).
 */
void	 token_issue(const unsigned char *key, long long campaign, char *out);

/*
 * Returns 1 when token is well-formed and was issued with key for this
 * campaign, 0 otherwise (in constant time as to the signature).
 */
int	 token_check(const unsigned char *key, long long campaign,
	    const char *token);

/* Writes a random UUID version 4 into out (36 characters and a NUL). */
void	 token_uuid(char *out);

#endif /* QUALIMETRE_TOKEN_H */
