# cgi/referent/: qualimetre-referent, the referents' and admins' program
# (/referent/): campaigns and their results, the exports and the poster
# (referent.c), satisfaction campaigns and paper questionnaires
# (campaigns.c), their corrections and withdrawals (revisions.c), the
# planning of mystery campaigns (planning.c), the services of each site
# that campaigns test (services.c), the sites' own referentials
# (referentials.c), sites (admin.c), the people (people.c), the national
# view (national.c: the sites compared, an admin's page), the rhythm of the responses and
# the periods set aside (rhythm.c), the publication of results (publish.c).
# Role qualimetre_referent.
sbin_PROGRAMS += cgi/qualimetre-referent
cgi_qualimetre_referent_SOURCES = cgi/referent/main.c \
	cgi/referent/referent.c cgi/referent/referent.h \
	cgi/referent/campaigns.c cgi/referent/campaigns.h \
	cgi/referent/revisions.c cgi/referent/revisions.h \
	cgi/referent/planning.c cgi/referent/planning.h \
	cgi/referent/services.c cgi/referent/services.h \
	cgi/referent/referentials.c cgi/referent/referentials.h \
	cgi/referent/admin.c cgi/referent/admin.h \
	cgi/referent/people.c cgi/referent/people.h \
	cgi/referent/national.c cgi/referent/national.h \
	cgi/referent/site.c cgi/referent/site.h \
	cgi/referent/rhythm.c cgi/referent/rhythm.h \
	cgi/referent/publish.c cgi/referent/publish.h
REFERENT_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(STATS_I) \
	$(CAL_I) $(WEB_I) $(QUEST_I) $(RESULTS_I)
cgi_qualimetre_referent_CPPFLAGS = $(REFERENT_CPPFLAGS)
cgi_qualimetre_referent_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(GSL_CFLAGS)
cgi_qualimetre_referent_LDADD = cgi/results/libqmresults.a $(QUEST_LIBS) \
	stats/libstats.a $(FCGI_LIBS) $(PQ_LIBS) $(RESULTS_EXT_LIBS)

# The planning form's defaults and slugs.
check_PROGRAMS += tests/test-planning-defaults
TESTS += tests/test-planning-defaults
tests_test_planning_defaults_SOURCES = tests/test-planning-defaults.c \
	cgi/referent/planning.c cgi/referent/planning.h \
	cgi/referent/services.c cgi/referent/services.h \
	cgi/referent/site.c cgi/referent/site.h
tests_test_planning_defaults_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_planning_defaults_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_planning_defaults_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

# Service keys derived from their French names.
check_PROGRAMS += tests/test-services-key
TESTS += tests/test-services-key
tests_test_services_key_SOURCES = tests/test-services-key.c \
	cgi/referent/services.c cgi/referent/services.h
tests_test_services_key_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_services_key_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_services_key_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

# Targets typed in per cent, and referentials' figures in French.
check_PROGRAMS += tests/test-referentials-percent
TESTS += tests/test-referentials-percent
tests_test_referentials_percent_SOURCES = \
	tests/test-referentials-percent.c \
	cgi/referent/referentials.c cgi/referent/referentials.h
tests_test_referentials_percent_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_referentials_percent_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_referentials_percent_LDADD = cgi/results/libqmresults.a \
	$(QUEST_LIBS) stats/libstats.a $(PQ_LIBS) $(RESULTS_EXT_LIBS) \
	$(XML_LIBS) $(SODIUM_LIBS) tests/libtap.a

# The temporary passwords of the people pages.
check_PROGRAMS += tests/test-people-password
TESTS += tests/test-people-password
tests_test_people_password_SOURCES = tests/test-people-password.c \
	cgi/referent/people.c cgi/referent/people.h
tests_test_people_password_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_people_password_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_people_password_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
# The national view's rank ranges and sorts.
check_PROGRAMS += tests/test-national-order
TESTS += tests/test-national-order
tests_test_national_order_SOURCES = tests/test-national-order.c \
	cgi/referent/national.c cgi/referent/national.h
tests_test_national_order_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_national_order_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_national_order_LDADD = cgi/results/libqmresults.a \
	$(QUEST_LIBS) stats/libstats.a $(PQ_LIBS) $(RESULTS_EXT_LIBS) \
	$(XML_LIBS) $(SODIUM_LIBS) tests/libtap.a
