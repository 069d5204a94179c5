# cgi/survey/: qualimetre-survey, the public questionnaire (/enquete/)
# and the legal pages (/informations/). Role qualimetre_survey.
sbin_PROGRAMS += cgi/qualimetre-survey
cgi_qualimetre_survey_SOURCES = cgi/survey/main.c \
	cgi/survey/survey.c cgi/survey/survey.h \
	cgi/survey/info.c cgi/survey/info.h
cgi_qualimetre_survey_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) \
	$(CAL_I) $(WEB_I) $(QUEST_I)
cgi_qualimetre_survey_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
cgi_qualimetre_survey_LDADD = $(QUEST_LIBS) \
	$(FCGI_LIBS) $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

EXTRA_DIST += static/qualimetre.css static/questionnaire.js
dist_man8_MANS += cgi/survey/qualimetre-survey.8
