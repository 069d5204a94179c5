# etc/ and static/: what an installed Qualimètre needs beside its programs
# and data (make install, the Debian package): the static files nginx
# serves, the nginx site, the systemd units, the programs' shared
# environment, and examples for PostgreSQL's authentication.

# static/ in $(pkgdatadir)/static, which the nginx site's /static/ names.
# static/dsfr/ is not in git: ./start copies it from npm's @gouvfr/dsfr.
# It is installed when present (install-dsfr), and the package's build
# requires it (debian/rules), so that no npm runs at build time.
staticdir = $(pkgdatadir)/static
dist_static_DATA = static/qualimetre.css static/questionnaire.js
erreursdir = $(staticdir)/erreurs
dist_erreurs_DATA = static/erreurs/404.html static/erreurs/413.html \
	static/erreurs/429.html static/erreurs/50x.html

# The environment every program's unit reads; a conffile in the package.
qmconfdir = $(sysconfdir)/qualimetre
dist_qmconf_DATA = etc/qualimetre.conf

# PostgreSQL's side of "one program, one user, one role"; the nightly
# backup and purge as example units (qualimetre backup, qualimetre purge).
exampledir = $(docdir)/examples
dist_example_DATA = etc/postgresql/pg_ident.conf.example \
	etc/postgresql/pg_hba.conf.example \
	etc/systemd/qualimetre-backup.service etc/systemd/qualimetre-backup.timer \
	etc/systemd/qualimetre-purge.service etc/systemd/qualimetre-purge.timer
dist_doc_DATA = README.md

# The nginx site: etc/nginx-site.conf.example with the installed static/.
nginxsitedir = $(sysconfdir)/nginx/sites-available
nginxsite_DATA = etc/nginx/qualimetre
EXTRA_DIST += etc/nginx-site.conf.example
CLEANFILES += etc/nginx/qualimetre

# The systemd units: a socket and a service per FastCGI program, made
# from one template each.
QM_UNITS = etc/systemd/qualimetre-survey.socket \
	etc/systemd/qualimetre-survey.service \
	etc/systemd/qualimetre-mystery.socket \
	etc/systemd/qualimetre-mystery.service \
	etc/systemd/qualimetre-referent.socket \
	etc/systemd/qualimetre-referent.service
EXTRA_DIST += etc/systemd/qualimetre.service.in etc/systemd/qualimetre.socket.in
CLEANFILES += $(QM_UNITS)
if HAVE_SYSTEMD
systemdsystemunit_DATA = $(QM_UNITS)
else
noinst_DATA = $(QM_UNITS)
endif

qm_edit = sed -e 's|@sbindir[@]|$(sbindir)|g' \
	-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@formsdir[@]|$(formsdir)|g' \
	-e 's|@docdir[@]|$(docdir)|g' \
	-e 's|@staticdir[@]|$(staticdir)|g'

$(QM_UNITS): $(srcdir)/etc/systemd/qualimetre.service.in \
    $(srcdir)/etc/systemd/qualimetre.socket.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc/systemd && \
	unit=`basename $@` && name=$${unit#qualimetre-} && \
	kind=$${name##*.} && name=$${name%.*} && args= && \
	if test "$$name" = survey; then \
		args=" --door-key $(sysconfdir)/qualimetre/door-token.conf"; fi && \
	$(qm_edit) -e "s|@NAME[@]|$$name|g" -e "s|@ARGS[@]|$$args|g" \
	    $(srcdir)/etc/systemd/qualimetre.$$kind.in > $@.tmp && \
	mv $@.tmp $@

etc/nginx/qualimetre: $(srcdir)/etc/nginx-site.conf.example Makefile
	$(AM_V_GEN)$(MKDIR_P) etc/nginx && \
	sed -e 's|/usr/local/share/qualimetre/static/|$(staticdir)/|' \
	    -e 's|/etc/qualimetre/door-token.conf|$(sysconfdir)/qualimetre/door-token.conf|' \
	    $(srcdir)/etc/nginx-site.conf.example > $@.tmp && \
	mv $@.tmp $@

install-dsfr:
	if test -f $(srcdir)/static/dsfr/qualimetre-dsfr.min.css; then \
		$(MKDIR_P) '$(DESTDIR)$(staticdir)' && \
		cp -R $(srcdir)/static/dsfr '$(DESTDIR)$(staticdir)/' && \
		rm -f '$(DESTDIR)$(staticdir)/dsfr/.version' && \
		chmod -R u+w,go+rX,go-w '$(DESTDIR)$(staticdir)/dsfr'; \
	else \
		echo "warning: static/dsfr/ is missing (./start makes it): the pages will have no DSFR"; \
	fi
uninstall-dsfr:
	rm -rf '$(DESTDIR)$(staticdir)/dsfr'

install-data-local: install-sql install-dsfr
uninstall-local: uninstall-sql uninstall-dsfr
.PHONY: install-sql uninstall-sql install-dsfr uninstall-dsfr
