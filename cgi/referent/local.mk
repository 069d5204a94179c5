# cgi/referent/: qualimetre-referent, the referents' and admins' program
# (/referent/): campaigns and their results, paper questionnaires, the
# exports and the poster (referent.c, campaigns.c), sites, people and the
# national view (admin.c: the pages of the admin role). Role
# qualimetre_referent.
sbin_PROGRAMS += cgi/qualimetre-referent
cgi_qualimetre_referent_SOURCES = cgi/referent/main.c \
	cgi/referent/referent.c cgi/referent/referent.h \
	cgi/referent/campaigns.c cgi/referent/campaigns.h \
	cgi/referent/admin.c cgi/referent/admin.h
cgi_qualimetre_referent_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) \
	$(STATS_I) $(CAL_I) $(WEB_I) $(QUEST_I) $(RESULTS_I)
cgi_qualimetre_referent_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(GSL_CFLAGS)
cgi_qualimetre_referent_LDADD = cgi/results/libqmresults.a $(QUEST_LIBS) \
	stats/libstats.a $(FCGI_LIBS) $(PQ_LIBS) $(RESULTS_EXT_LIBS)
