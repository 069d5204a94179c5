/* Signed one-time form tokens and random identifiers (libsodium). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "token.h"
#include "xmalloc.h"

/* A token is nonce | issued (8 bytes, big-endian seconds) | flags | MAC,
   the MAC covering the context, the campaign and all that precedes it. */
#define NONCE_LEN	16
#define TIME_LEN	8
#define SIGNED_LEN	(NONCE_LEN + TIME_LEN + 1)
#define MAC_LEN		crypto_auth_hmacsha256_BYTES
#define RAW_LEN		(SIGNED_LEN + MAC_LEN)
_Static_assert((RAW_LEN * 4 + 2) / 3 == TOKEN_LEN, "TOKEN_LEN is wrong");

/* Domain separation: a token of this kind is never valid as another,
   nor as a token of the earlier layout (v1, without a time). */
static const char token_context[] = "qualimetre form token v2";

int
token_key_load(const char *path, unsigned char *key, char **cause)
{
	unsigned char	extra;
	ssize_t		n;
	int		fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, key, TOKEN_KEY_LEN);
	if (n != TOKEN_KEY_LEN || read(fd, &extra, 1) != 0) {
		xasprintf(cause, "%s: the key must be exactly %d bytes",
		    path, TOKEN_KEY_LEN);
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

static void
put_be64(unsigned char *p, uint64_t v)
{
	int	i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_be64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

/* The MAC of the signed part of raw, written at raw + SIGNED_LEN or mac. */
static void
token_mac(const unsigned char *key, long long campaign,
    const unsigned char *raw, unsigned char *mac)
{
	crypto_auth_hmacsha256_state	st;
	unsigned char			id[8];

	put_be64(id, (uint64_t)campaign);
	crypto_auth_hmacsha256_init(&st, key, TOKEN_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)token_context,
	    sizeof(token_context));
	crypto_auth_hmacsha256_update(&st, id, sizeof(id));
	crypto_auth_hmacsha256_update(&st, raw, SIGNED_LEN);
	crypto_auth_hmacsha256_final(&st, mac);
}

void
token_issue_at(const unsigned char *key, long long campaign, time_t issued,
    unsigned int flags, char *out)
{
	unsigned char	raw[RAW_LEN];

	randombytes_buf(raw, NONCE_LEN);
	put_be64(raw + NONCE_LEN, (uint64_t)(int64_t)issued);
	raw[NONCE_LEN + TIME_LEN] = (unsigned char)(flags & 0xff);
	token_mac(key, campaign, raw, raw + SIGNED_LEN);
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, RAW_LEN,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
token_issue(const unsigned char *key, long long campaign, char *out)
{
	token_issue_at(key, campaign, time(NULL), 0, out);
}

int
token_read(const unsigned char *key, long long campaign, const char *token,
    struct token_info *info)
{
	unsigned char	raw[RAW_LEN], mac[MAC_LEN];
	size_t		rawlen;
	const char	*end;

	if (strlen(token) != TOKEN_LEN)
		return 0;
	if (sodium_base642bin(raw, sizeof(raw), token, TOKEN_LEN, NULL,
	    &rawlen, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    rawlen != RAW_LEN || *end != '\0')
		return 0;
	token_mac(key, campaign, raw, mac);
	if (sodium_memcmp(mac, raw + SIGNED_LEN, MAC_LEN) != 0)
		return 0;
	if (info != NULL) {
		info->issued = (time_t)(int64_t)get_be64(raw + NONCE_LEN);
		info->flags = raw[NONCE_LEN + TIME_LEN];
	}
	return 1;
}

int
token_check(const unsigned char *key, long long campaign, const char *token)
{
	return token_read(key, campaign, token, NULL);
}

int
token_door_key_load(const char *path, char key[TOKEN_DOOR_KEY_LEN + 1],
    char **cause)
{
	static const char	 head[] = "set $qm_door_key \"";
	char			 text[256];
	ssize_t			 n;
	int			 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	if (n <= 0 || strncmp(text, head, sizeof(head) - 1) != 0 ||
	    strspn(text + sizeof(head) - 1, "0123456789abcdef") !=
	    TOKEN_DOOR_KEY_LEN || strncmp(text + sizeof(head) - 1 +
	    TOKEN_DOOR_KEY_LEN, "\";", 2) != 0) {
		xasprintf(cause, "%s: not a door key (set $qm_door_key "
		    "\"<%d hexadecimal digits>\";)", path, TOKEN_DOOR_KEY_LEN);
		goto out;
	}
	memcpy(key, text + sizeof(head) - 1, TOKEN_DOOR_KEY_LEN);
	key[TOKEN_DOOR_KEY_LEN] = '\0';
	rc = 0;
out:
	sodium_memzero(text, sizeof(text));
	close(fd);
	return rc;
}

/* Length of the run of characters of set at s, 0 if longer than max. */
static size_t
span_max(const char *s, const char *set, size_t max)
{
	size_t	n = strspn(s, set);

	return n > max ? 0 : n;
}

int
token_door_read(const char *key, const char *path, const char *token,
    struct token_info *info)
{
	static const char		 context[] = "qualimetre door token v1|";
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[MAC_LEN], given[MAC_LEN];
	const char			*t, *stamp, *hex, *b64;
	size_t				 secs, rawlen;
	long long			 issued = 0;

	if (strlen(token) > TOKEN_DOOR_MAX || strncmp(token, "d.", 2) != 0)
		return 0;
	stamp = token + 2;
	if ((secs = span_max(stamp, "0123456789", 12)) == 0 ||
	    stamp[secs] != '.' || span_max(stamp + secs + 1, "0123456789",
	    3) != 3 || stamp[secs + 4] != '.')
		return 0;
	hex = stamp + secs + 5;
	if (span_max(hex, "0123456789abcdef", 32) != 32 || hex[32] != '.')
		return 0;
	b64 = hex + 33;
	if (sodium_base642bin(given, sizeof(given), b64, strlen(b64), NULL,
	    &rawlen, &t, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    rawlen != MAC_LEN || *t != '\0')
		return 0;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key,
	    strlen(key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)context,
	    sizeof(context) - 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)path,
	    strlen(path));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"|", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)stamp,
	    secs + 4);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"|", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)hex, 32);
	crypto_auth_hmacsha256_final(&st, mac);
	if (sodium_memcmp(mac, given, MAC_LEN) != 0)
		return 0;
	if (info != NULL) {
		for (t = stamp; t < stamp + secs; t++)
			issued = issued * 10 + (*t - '0');
		info->issued = (time_t)issued;
		info->flags = 0;
	}
	return 1;
}

void
token_uuid(char *out)
{
	unsigned char	u[16];

	randombytes_buf(u, sizeof(u));
	u[6] = (u[6] & 0x0f) | 0x40;	/* version 4 */
	u[8] = (u[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
	    u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}
