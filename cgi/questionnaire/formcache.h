/*
 * Form definitions as the programs use them: loaded from the database
 * and parsed once per process, the first time a campaign needs one.
 */
#ifndef QUALIMETRE_FORMCACHE_H
#define QUALIMETRE_FORMCACHE_H

struct db;
struct form;
struct formcache;

/*
 * Makes a cache that reads definitions through db (registering its
 * statement there; db must outlive it) and validates them against the
 * schema at schema_path. The caller frees it with formcache_free().
 */
struct formcache	*formcache_create(struct db *db,
			    const char *schema_path);

/* Frees the cache and every form in it; NULL does nothing. */
void			 formcache_free(struct formcache *);

/*
 * Returns the parsed form with this id, loading it on first use; NULL
 * when the database is unavailable or the stored definition does not
 * load (both logged). The form belongs to the cache.
 */
const struct form	*formcache_get(struct formcache *, long long id);

#endif /* QUALIMETRE_FORMCACHE_H */
