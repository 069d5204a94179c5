/*
 * mint-tokens: prints N fresh form tokens for a campaign, signed with an
 * instance's key, one a line, so that a load test can send N distinct
 * submissions without fetching N pages first. A benchmark tool only: it
 * reads the instance's secret key.
 *
 * usage: mint-tokens KEYFILE CAMPAIGN_ID N
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "token.h"

int
main(int argc, char *argv[])
{
	unsigned char	 key[TOKEN_KEY_LEN];
	char		 t[TOKEN_LEN + 1], *cause = NULL, *end;
	long long	 campaign, n, i;

	if (argc != 4) {
		fprintf(stderr, "usage: mint-tokens KEYFILE CAMPAIGN_ID N\n");
		return 2;
	}
	campaign = strtoll(argv[2], &end, 10);
	if (*end != '\0' || campaign <= 0) {
		fprintf(stderr, "mint-tokens: bad campaign id\n");
		return 2;
	}
	n = strtoll(argv[3], &end, 10);
	if (*end != '\0' || n <= 0 || n > 10000000) {
		fprintf(stderr, "mint-tokens: N must be from 1 to 10000000\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
	if (token_key_load(argv[1], key, &cause) == -1) {
		fprintf(stderr, "mint-tokens: %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		token_issue(key, campaign, t);
		puts(t);
	}
	return 0;
}
