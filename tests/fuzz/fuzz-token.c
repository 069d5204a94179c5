/*
 * libFuzzer target: the form-token decoders of cgi/web/token.c. The input
 * is read as a token for campaign 42 under a fixed key (the seeds hold
 * tokens of that key), and as a door token (nginx's) under a fixed door
 * key; a genuine token (minted here from the input's bytes) must read
 * back, with what it says intact.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "token.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static unsigned char	key[TOKEN_KEY_LEN];
static const char	door_key[] =
    "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	memset(key, 0x5a, sizeof(key));
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct token_info	 info;
	char			*tok, fresh[TOKEN_LEN + 1];
	time_t			 at = 0;
	size_t			 i;

	if (size > 4096)
		return 0;
	tok = xmalloc(size + 1);
	memcpy(tok, data, size);
	tok[size] = '\0';
	/* Only a token of exactly TOKEN_LEN characters (to the first
	   NUL, as the programs read it) can pass. */
	if (token_read(key, 42, tok, &info) != 0 && strlen(tok) != TOKEN_LEN)
		abort();
	(void)token_check(key, -1, tok);
	/* A door token is at most TOKEN_DOOR_MAX characters, begins with
	   "d." and says a time it was made. */
	info.issued = -1;
	if (token_door_read(door_key, "/enquete/x", tok, &info) != 0 &&
	    (strlen(tok) > TOKEN_DOOR_MAX || strncmp(tok, "d.", 2) != 0 ||
	    info.issued < 0 || info.flags != 0))
		abort();
	free(tok);

	/* A genuine token, its time and flags from the input, reads back. */
	for (i = 0; i < size && i < 8; i++)
		at = (time_t)(((uint64_t)at << 8) | data[i]);
	token_issue_at(key, 42, at, size > 8 ? data[8] : 0, fresh);
	if (!token_read(key, 42, fresh, &info) || info.issued != at ||
	    info.flags != (size > 8 ? data[8] : 0u) ||
	    token_check(key, 43, fresh))
		abort();
	return 0;
}
