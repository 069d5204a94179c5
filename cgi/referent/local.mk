# cgi/referent/: qualimetre-referent, the referents' and admins' program
# (/referent/), one module a part:
#   referent.c	campaigns and their results, the exports and the poster
#   campaigns.c	satisfaction campaigns and paper questionnaires
#   revisions.c	their corrections and withdrawals
#   lifecycle.c	a campaign edited, cancelled, archived, restored
#   slots.c	a mystery campaign's slots moved or handed over
#   planning.c	the planning of mystery campaigns
#   services.c	the services of each site that campaigns test
#   referentials.c	the sites' own referentials
#   admin.c	sites
#   people.c	the people
#   national.c	the national view: the sites compared, an admin's page
#   together.c	a group's sites side by side
#   rhythm.c	the rhythm of the responses and the periods set aside
#   selfassess.c	the self-assessment
#   actions.c	the action plan
#   progress.c	a campaign's progress, its planner, its printable questionnaire
#   report.c	the annual report (bilan annuel)
#   indicators.c	the label's quality indicators: dashboard, entry, targets
#   comments.c	a campaign's free-text comments, their themes, those hidden
#   publish.c	the publication of a campaign's results
# Role qualimetre_referent.
sbin_PROGRAMS += cgi/qualimetre-referent
cgi_qualimetre_referent_SOURCES = cgi/referent/main.c \
	cgi/referent/referent.c cgi/referent/referent.h \
	cgi/referent/campaigns.c cgi/referent/campaigns.h \
	cgi/referent/lifecycle.c cgi/referent/lifecycle.h \
	cgi/referent/slots.c cgi/referent/slots.h \
	cgi/referent/revisions.c cgi/referent/revisions.h \
	cgi/referent/planning.c cgi/referent/planning.h \
	cgi/referent/services.c cgi/referent/services.h \
	cgi/referent/referentials.c cgi/referent/referentials.h \
	cgi/referent/admin.c cgi/referent/admin.h \
	cgi/referent/people.c cgi/referent/people.h \
	cgi/referent/national.c cgi/referent/national.h \
	cgi/referent/together.c cgi/referent/together.h \
	cgi/referent/indicators.c cgi/referent/indicators.h \
	cgi/referent/rhythm.c cgi/referent/rhythm.h \
	cgi/referent/selfassess.c cgi/referent/selfassess.h \
	cgi/referent/actions.c cgi/referent/actions.h \
	cgi/referent/progress.c cgi/referent/progress.h \
	cgi/referent/report.c cgi/referent/report.h \
	cgi/referent/comments.c cgi/referent/comments.h \
	cgi/referent/publish.c cgi/referent/publish.h
REFERENT_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(STATS_I) \
	$(CAL_I) $(WEB_I) $(QUEST_I) $(RESULTS_I)
cgi_qualimetre_referent_CPPFLAGS = $(REFERENT_CPPFLAGS)
cgi_qualimetre_referent_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(GSL_CFLAGS)
cgi_qualimetre_referent_LDADD = cgi/results/libqmresults.a $(QUEST_LIBS) \
	stats/libstats.a $(FCGI_LIBS) $(PQ_LIBS) $(RESULTS_EXT_LIBS)
dist_man8_MANS += cgi/referent/qualimetre-referent.8

# The planning form's defaults and slugs.
check_PROGRAMS += tests/test-planning-defaults
TESTS += tests/test-planning-defaults
tests_test_planning_defaults_SOURCES = tests/test-planning-defaults.c \
	cgi/referent/planning.c cgi/referent/planning.h \
	cgi/referent/services.c cgi/referent/services.h
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

# Sites together: a group's pooled counts and its chi-square test.
check_PROGRAMS += tests/test-together-pool
TESTS += tests/test-together-pool
tests_test_together_pool_SOURCES = tests/test-together-pool.c \
	cgi/referent/together.c cgi/referent/together.h \
	cgi/referent/national.c cgi/referent/national.h
tests_test_together_pool_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_together_pool_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_together_pool_LDADD = cgi/results/libqmresults.a \
	$(QUEST_LIBS) stats/libstats.a $(PQ_LIBS) $(RESULTS_EXT_LIBS) \
	$(XML_LIBS) $(SODIUM_LIBS) tests/libtap.a
# The self-assessment's semesters and the due date of a gap's action.
check_PROGRAMS += tests/test-selfassess-semester
TESTS += tests/test-selfassess-semester
tests_test_selfassess_semester_SOURCES = tests/test-selfassess-semester.c \
	cgi/referent/selfassess.c cgi/referent/selfassess.h
tests_test_selfassess_semester_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_selfassess_semester_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_selfassess_semester_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
# The answers a comment came with, summarised on the comments page.
check_PROGRAMS += tests/test-comments-summary
TESTS += tests/test-comments-summary
tests_test_comments_summary_SOURCES = tests/test-comments-summary.c \
	cgi/referent/comments.c cgi/referent/comments.h
tests_test_comments_summary_CPPFLAGS = $(REFERENT_CPPFLAGS) \
	-I$(top_srcdir)/cgi/referent $(TAP_I)
tests_test_comments_summary_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_comments_summary_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
