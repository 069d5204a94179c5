/* qualimetre-survey: the public questionnaire's FastCGI program. */
#include "config.h"

#include "form.h"
#include "serve.h"
#include "survey.h"

static void *
create(const struct serve_config *sc)
{
	struct survey	*sv;

	sv = survey_create(sc->dsn, sc->schema, sc->key, sc->door_key,
	    sc->public_url);
	survey_warm(sv);
	return sv;
}

static void
handle(void *ctx, struct req *r, struct resp *p)
{
	survey_handle(ctx, r, p);
}

static void
destroy(void *ctx)
{
	survey_free(ctx);
}

int
main(int argc, char *argv[])
{
	static const struct serve_app app = {
		"qualimetre-survey", create, handle, destroy
	};

	form_init();
	return serve_main(argc, argv, &app);
}
