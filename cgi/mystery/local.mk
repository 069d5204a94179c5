# cgi/mystery/: qualimetre-mystery, the enquirers' program (/mystere/):
# their slots, and the grids of their mystery calls and emails. Role
# qualimetre_mystery.
sbin_PROGRAMS += cgi/qualimetre-mystery
cgi_qualimetre_mystery_SOURCES = cgi/mystery/main.c \
	cgi/mystery/mystery.c cgi/mystery/mystery.h
cgi_qualimetre_mystery_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) \
	$(CAL_I) $(WEB_I) $(QUEST_I)
cgi_qualimetre_mystery_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
cgi_qualimetre_mystery_LDADD = $(QUEST_LIBS) \
	$(FCGI_LIBS) $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
dist_man8_MANS += cgi/mystery/qualimetre-mystery.8
