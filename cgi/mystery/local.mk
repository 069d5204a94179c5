# cgi/mystery/: qualimetre-mystery, the enquirers' program (/mystere/):
# their slots, and the grids of their mystery calls and emails; for now
# also the referent's planning of mystery campaigns (planning.c). Role
# qualimetre_mystery.
sbin_PROGRAMS += cgi/qualimetre-mystery
MYSTERY_SRC = cgi/mystery/mystery.c cgi/mystery/mystery.h \
	cgi/mystery/planning.c cgi/mystery/planning.h
cgi_qualimetre_mystery_SOURCES = cgi/mystery/main.c $(MYSTERY_SRC)
MYSTERY_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(CAL_I) \
	$(WEB_I) $(QUEST_I)
cgi_qualimetre_mystery_CPPFLAGS = $(MYSTERY_CPPFLAGS)
cgi_qualimetre_mystery_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
cgi_qualimetre_mystery_LDADD = $(QUEST_LIBS) \
	$(FCGI_LIBS) $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

# The planning form's defaults and slugs.
check_PROGRAMS += tests/test-planning-defaults
TESTS += tests/test-planning-defaults
tests_test_planning_defaults_SOURCES = tests/test-planning-defaults.c \
	cgi/mystery/planning.c cgi/mystery/planning.h
tests_test_planning_defaults_CPPFLAGS = $(MYSTERY_CPPFLAGS) \
	-I$(top_srcdir)/cgi/mystery $(TAP_I)
tests_test_planning_defaults_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_planning_defaults_LDADD = tests/libtap.a $(QUEST_LIBS) \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
