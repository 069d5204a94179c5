# cgi/command/: qualimetre, the administrator's command (staff accounts,
# calendars). Role qualimetre_admin.
sbin_PROGRAMS += cgi/qualimetre
cgi_qualimetre_SOURCES = cgi/command/qualimetre.c \
	cgi/command/backup.c cgi/command/backup.h
cgi_qualimetre_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(CAL_I) $(WEB_I)
cgi_qualimetre_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS)
cgi_qualimetre_LDADD = $(WEB_LIBS) $(PQ_LIBS) $(SODIUM_LIBS) $(CSV_LIBS)
# qualimetre purge on a schedule: an example unit and timer.
EXTRA_DIST += etc/systemd/qualimetre-purge.service \
	etc/systemd/qualimetre-purge.timer
