/* Site codes: what one may be, and how addresses write it. */
#include "config.h"

#include <string.h>

#include "site.h"

int
site_code_valid(const char *code)
{
	size_t	n;

	if (code == NULL || code[0] == '\0' || code[0] == '-')
		return 0;
	n = strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	return code[n] == '\0' && n <= SITE_CODE_MAX;
}

int
site_code_lower(const char *code, char out[SITE_CODE_MAX + 1])
{
	size_t	i;

	out[0] = '\0';
	if (!site_code_valid(code))
		return -1;
	for (i = 0; code[i] != '\0'; i++)
		out[i] = code[i] >= 'A' && code[i] <= 'Z' ?
		    code[i] - 'A' + 'a' : code[i];
	out[i] = '\0';
	return 0;
}
