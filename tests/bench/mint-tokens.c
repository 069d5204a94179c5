/*
 * mint-tokens: prints N fresh form tokens for a campaign, signed with an
 * instance's key, one a line, so that a load test can send N distinct
 * submissions without fetching N pages first, and so that the tests can
 * send a questionnaire as if its page had been served AGE seconds ago
 * (default 600: neither too fast nor too late). A test and benchmark tool
 * only: it reads the instance's secret key.
 *
 * usage: mint-tokens KEYFILE CAMPAIGN_ID N [AGE]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sodium.h>

#include "token.h"

int
main(int argc, char *argv[])
{
	unsigned char	 key[TOKEN_KEY_LEN];
	char		 t[TOKEN_LEN + 1], *cause = NULL, *end;
	long long	 campaign, n, i, age = 600;

	if (argc != 4 && argc != 5) {
		fprintf(stderr,
		    "usage: mint-tokens KEYFILE CAMPAIGN_ID N [AGE]\n");
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
	if (argc == 5) {
		age = strtoll(argv[4], &end, 10);
		if (*end != '\0' || age < -86400 || age > 30LL * 86400) {
			fprintf(stderr, "mint-tokens: AGE must be seconds, "
			    "from -86400 to 2592000\n");
			return 2;
		}
	}
	if (sodium_init() < 0)
		return 1;
	if (token_key_load(argv[1], key, &cause) == -1) {
		fprintf(stderr, "mint-tokens: %s\n", cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		token_issue_at(key, campaign, time(NULL) - (time_t)age, 0, t);
		puts(t);
	}
	return 0;
}
