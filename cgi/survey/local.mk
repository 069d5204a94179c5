# cgi/survey/: qualimetre-survey, the public questionnaire (/enquete/),
# the legal pages (/informations/) and the published results
# (/resultats/: their charts and poster from cgi/results/, drawn from the
# published snapshots only). Role qualimetre_survey.
sbin_PROGRAMS += cgi/qualimetre-survey
cgi_qualimetre_survey_SOURCES = cgi/survey/main.c \
	cgi/survey/survey.c cgi/survey/survey.h \
	cgi/survey/info.c cgi/survey/info.h \
	cgi/survey/published.c cgi/survey/published.h
cgi_qualimetre_survey_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) \
	$(STATS_I) $(CAL_I) $(WEB_I) $(QUEST_I) $(RESULTS_I)
cgi_qualimetre_survey_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(GSL_CFLAGS)
cgi_qualimetre_survey_LDADD = cgi/results/libqmresults.a $(QUEST_LIBS) \
	stats/libstats.a $(FCGI_LIBS) $(PQ_LIBS) $(RESULTS_EXT_LIBS)

EXTRA_DIST += static/qualimetre.css static/questionnaire.js
dist_man8_MANS += cgi/survey/qualimetre-survey.8
