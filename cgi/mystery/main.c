/* qualimetre-mystery: the enquirers' FastCGI program (/mystere/). */
#include "config.h"

#include "form.h"
#include "mystery.h"
#include "serve.h"

static void *
create(const struct serve_config *sc)
{
	return mystery_create(sc->dsn, sc->schema, sc->key, sc->public_url);
}

static void
handle(void *ctx, struct req *r, struct resp *p)
{
	mystery_handle(ctx, r, p);
}

static void
destroy(void *ctx)
{
	mystery_free(ctx);
}

int
main(int argc, char *argv[])
{
	static const struct serve_app app = {
		"qualimetre-mystery", create, handle, destroy
	};

	form_init();
	return serve_main(argc, argv, &app);
}
