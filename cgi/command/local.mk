# cgi/command/: qualimetre, the administrator's command (staff accounts,
# calendars). Role qualimetre_admin.
sbin_PROGRAMS += cgi/qualimetre
cgi_qualimetre_SOURCES = cgi/command/qualimetre.c \
	cgi/command/backup.c cgi/command/backup.h
cgi_qualimetre_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(CAL_I) $(WEB_I) \
	-DQM_SETUP='"$(sqldir)/setup"' -DQM_FORMS_DIR='"$(formsdir)"' \
	-DQM_FORM_LOADER='"$(bindir)/qualimetre-form"'
cgi_qualimetre_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS)
cgi_qualimetre_LDADD = $(WEB_LIBS) $(PQ_LIBS) $(SODIUM_LIBS) $(CSV_LIBS)
dist_man8_MANS += cgi/command/qualimetre.8
