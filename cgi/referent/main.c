/* qualimetre-referent: the referents' FastCGI program (/referent/). */
#include "config.h"

#include "form.h"
#include "referent.h"
#include "serve.h"

static void *
create(const struct serve_config *sc)
{
	return referent_create(sc->dsn, sc->schema, sc->key, sc->public_url);
}

static void
handle(void *ctx, struct req *r, struct resp *p)
{
	referent_handle(ctx, r, p);
}

static void
destroy(void *ctx)
{
	referent_free(ctx);
}

int
main(int argc, char *argv[])
{
	static const struct serve_app app = {
		"qualimetre-referent", create, handle, destroy
	};

	form_init();
	return serve_main(argc, argv, &app);
}
