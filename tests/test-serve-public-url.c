/* The service's public address: a scheme, a host, an optional port. */
#include "config.h"

#include <string.h>

#include "serve.h"
#include "tap.h"

int
main(void)
{
	static const char *const good[] = {
		"http://127.0.0.1:8080", "https://enquetes.example.gouv.fr",
		"https://a-b.example:443", "http://localhost",
	};
	static const char *const bad[] = {
		"", "127.0.0.1:8080", "ftp://example.org", "http://",
		"http://:8080", "https://example.org/", "https://example.org/x",
		"https://exa mple.org", "https://example.org:", "http://h:123456",
		"https://example.org:80a", "https://user@example.org",
		"https://example.org?x=1", "http://example.org#x",
	};
	char	out[40];
	size_t	i;
	int	ok;

	tap_plan(5);
	for (ok = 1, i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!serve_public_url_ok(good[i])) {
			tap_diag("refused: %s", good[i]);
			ok = 0;
		}
	tap_ok(ok, "a scheme, a host and an optional port are taken");
	for (ok = 1, i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (serve_public_url_ok(bad[i])) {
			tap_diag("taken: \"%s\"", bad[i]);
			ok = 0;
		}
	tap_ok(ok, "no path, no credentials, no bad port, no other scheme");
	tap_ok(serve_questionnaire_url("https://ex.gouv.fr", "enquete-2026",
	    out, sizeof(out)) == 0 &&
	    strcmp(out, "https://ex.gouv.fr/enquete/enquete-2026") == 0,
	    "a questionnaire's address: the public one, /enquete/, its name");
	tap_ok(serve_questionnaire_url(NULL, "enquete-2026", out,
	    sizeof(out)) == -1, "none without a public address");
	tap_ok(serve_questionnaire_url("https://ex.gouv.fr",
	    "un-nom-bien-trop-long-pour-la-place", out, sizeof(out)) == -1,
	    "none that would be cut short");
	return tap_done();
}
