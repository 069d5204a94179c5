/*
 * qualimetre backup and restore: the database in one file, through
 * PostgreSQL's own pg_dump and pg_restore (custom format), never a copy
 * of the cluster's files.
 */
#ifndef QUALIMETRE_BACKUP_H
#define QUALIMETRE_BACKUP_H

/*
 * Writes the database dsn names to path, as pg_dump's custom format,
 * readable by its owner alone (it holds the responses). The file appears
 * whole or not at all: written beside path, read back by pg_restore,
 * synced, then renamed. dsn's role must read every row (the role
 * qualimetre_backup: pg_read_all_data, BYPASSRLS). Prints what it wrote;
 * returns 0, or 1 after printing why.
 */
int	 backup_write(const char *dsn, const char *path);

/*
 * Restores the backup at path into a new database called dbname on the
 * cluster that dsn (a superuser, on any database of it: postgres) reaches,
 * in one transaction: a database that exists already is never touched,
 * and a failed restore leaves none. The cluster must have Qualimètre's
 * roles (qualimetre setup, or sql/migrate on any database of it). Prints
 * what it did; returns 0, or 1 after printing why.
 */
int	 backup_restore(const char *dsn, const char *dbname, const char *path);

#endif /* QUALIMETRE_BACKUP_H */
