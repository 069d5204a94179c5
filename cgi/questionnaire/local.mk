# cgi/questionnaire/: a form definition (forms/) on the web: rendered as
# an accessible questionnaire, a submission validated against it, its
# answers turned into rows, and the form cache of the workers.
noinst_LIBRARIES += cgi/questionnaire/libqmquest.a
cgi_questionnaire_libqmquest_a_SOURCES = \
	cgi/questionnaire/render.c cgi/questionnaire/render.h \
	cgi/questionnaire/valid.c cgi/questionnaire/valid.h \
	cgi/questionnaire/answers.c cgi/questionnaire/answers.h \
	cgi/questionnaire/formcache.c cgi/questionnaire/formcache.h \
	cgi/questionnaire/referential.c cgi/questionnaire/referential.h
cgi_questionnaire_libqmquest_a_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) \
	$(FORMS_I) $(CAL_I) $(WEB_I)
cgi_questionnaire_libqmquest_a_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
QUEST_LIBS = cgi/questionnaire/libqmquest.a cgi/web/libqmweb.a \
	forms/libqmform.a cgi/calendar/libqmcal.a common/libqmcommon.a

QUEST_TESTS = tests/test-valid-answers tests/test-render-questionnaire \
	tests/test-formcache-held
check_PROGRAMS += $(QUEST_TESTS)
TESTS += $(QUEST_TESTS)
QUEST_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(CAL_I) \
	$(WEB_I) $(QUEST_I) $(TAP_I)
QUEST_TEST_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(XML_CFLAGS) $(SODIUM_CFLAGS)
QUEST_TEST_LDADD = tests/libtap.a $(QUEST_LIBS) $(PQ_LIBS) $(XML_LIBS) \
	$(SODIUM_LIBS)
tests_test_valid_answers_CPPFLAGS = $(QUEST_TEST_CPPFLAGS)
tests_test_valid_answers_CFLAGS = $(QUEST_TEST_CFLAGS)
tests_test_valid_answers_LDADD = $(QUEST_TEST_LDADD)
tests_test_render_questionnaire_CPPFLAGS = $(QUEST_TEST_CPPFLAGS)

tests_test_render_questionnaire_CFLAGS = $(QUEST_TEST_CFLAGS)
tests_test_render_questionnaire_LDADD = $(QUEST_TEST_LDADD)
tests_test_formcache_held_CPPFLAGS = $(QUEST_TEST_CPPFLAGS)
tests_test_formcache_held_CFLAGS = $(QUEST_TEST_CFLAGS)
tests_test_formcache_held_LDADD = $(QUEST_TEST_LDADD)
EXTRA_DIST += tests/data/forms/kinds.xml
