# cgi/: the FastCGI programs and the web layer they share.
# libqmutil comes last on link lines: every other library uses it.
noinst_LIBRARIES += cgi/libqmutil.a cgi/libqmweb.a
cgi_libqmutil_a_SOURCES = cgi/util.c cgi/util.h cgi/buf.c cgi/buf.h
cgi_libqmweb_a_SOURCES = cgi/html.c cgi/html.h \
	cgi/http.c cgi/http.h \
	cgi/token.c cgi/token.h \
	cgi/db.c cgi/db.h \
	cgi/valid.c cgi/valid.h \
	cgi/answers.c cgi/answers.h \
	cgi/formcache.c cgi/formcache.h \
	cgi/page.c cgi/page.h \
	cgi/info.c cgi/info.h \
	cgi/supervise.c cgi/supervise.h \
	cgi/serve.c cgi/serve.h \
	cgi/staff.c cgi/staff.h \
	cgi/survey-handle.c cgi/survey-handle.h \
	cgi/mystery-handle.c cgi/mystery-handle.h \
	cgi/planning.c cgi/planning.h \
	cgi/referent-campaigns.c cgi/referent-campaigns.h
cgi_libqmweb_a_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS) \
	$(XML_CFLAGS) $(FCGI_CFLAGS)

sbin_PROGRAMS += cgi/qualimetre-survey
cgi_qualimetre_survey_SOURCES = cgi/survey.c
cgi_qualimetre_survey_CFLAGS = $(AM_CFLAGS) $(FCGI_CFLAGS) $(PQ_CFLAGS) \
	$(SODIUM_CFLAGS) $(XML_CFLAGS)
cgi_qualimetre_survey_LDADD = cgi/libqmweb.a forms/libqmform.a \
	cgi/libqmcal.a cgi/libqmutil.a \
	$(FCGI_LIBS) $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

sbin_PROGRAMS += cgi/qualimetre-mystery
cgi_qualimetre_mystery_SOURCES = cgi/mystery.c
cgi_qualimetre_mystery_CFLAGS = $(cgi_qualimetre_survey_CFLAGS)
cgi_qualimetre_mystery_LDADD = $(cgi_qualimetre_survey_LDADD)

sbin_PROGRAMS += cgi/qualimetre-referent
cgi_qualimetre_referent_SOURCES = cgi/referent.c cgi/referent-handle.c \
	cgi/referent-handle.h cgi/referent-admin.c cgi/referent-admin.h
cgi_qualimetre_referent_CFLAGS = $(cgi_qualimetre_survey_CFLAGS) \
	-I$(top_srcdir)/stats
cgi_qualimetre_referent_LDADD = cgi/libqmresults.a cgi/libqmposter.a \
	cgi/libqmexport.a $(cgi_qualimetre_survey_LDADD) stats/libstats.a \
	$(CAIRO_LIBS) $(QRENCODE_LIBS) $(GSL_LIBS) -lm

EXTRA_DIST += static/qualimetre.css static/questionnaire.js

sbin_PROGRAMS += cgi/qualimetre
cgi_qualimetre_SOURCES = cgi/admin.c
cgi_qualimetre_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS)
cgi_qualimetre_LDADD = cgi/libqmweb.a forms/libqmform.a cgi/libqmcal.a \
	cgi/libqmutil.a \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
