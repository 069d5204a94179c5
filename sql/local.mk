# sql/: migrations applied in order by sql/migrate, and the demo data.
# Installed in $(pkgdatadir)/sql: every migration (install-sql below
# takes them all, so that a new one needs no line here but EXTRA_DIST's),
# sql/migrate and sql/setup (qualimetre setup); the demo data is not.
sqldir = $(pkgdatadir)/sql
dist_sql_SCRIPTS = sql/migrate sql/setup
EXTRA_DIST += sql/demo.sql sql/demo-history.sql \
	sql/001-schema.sql \
	sql/002-roles.sql \
	sql/003-staff.sql \
	sql/004-calendar.sql \
	sql/005-mystery.sql \
	sql/006-mystery-entries.sql \
	sql/007-planning.sql \
	sql/008-referent.sql \
	sql/009-referent-campaigns.sql \
	sql/010-referent-admin.sql \
	sql/011-ascension-bridge.sql \
	sql/012-planning-to-referent.sql \
	sql/013-recording-window.sql \
	sql/014-submission-checks.sql \
	sql/015-site-services.sql \
	sql/016-referentials.sql \
	sql/017-paper-revisions.sql \
	sql/018-school-zones.sql \
	sql/019-referential-frozen.sql \
	sql/022-campaign-target-rate.sql \
	sql/023-response-lang.sql \
	sql/024-people-pages.sql \
	sql/027-session-identity.sql \
	sql/029-purge.sql \
	sql/030-backup-role.sql \
	sql/031-purge-logins.sql \
	sql/032-campaign-lifecycle.sql \
	sql/033-comments.sql \
	sql/034-publication.sql \
	sql/035-indicators.sql \
	sql/036-selfassess-actions.sql \
	sql/039-site-parent.sql \
	sql/040-site-parent-edit.sql \
	sql/041-mystery-period.sql \
	sql/042-mystery-archive.sql \
	sql/043-answer-counts.sql

install-sql:
	$(MKDIR_P) '$(DESTDIR)$(sqldir)'
	for f in $(srcdir)/sql/[0-9][0-9][0-9]-*.sql; do \
		$(INSTALL_DATA) "$$f" '$(DESTDIR)$(sqldir)' || exit 1; \
	done
uninstall-sql:
	for f in $(srcdir)/sql/[0-9][0-9][0-9]-*.sql; do \
		rm -f '$(DESTDIR)$(sqldir)'/`basename "$$f"`; \
	done
