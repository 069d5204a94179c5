# cgi/: the FastCGI programs and the web layer they share.
noinst_LIBRARIES += cgi/libqmweb.a
cgi_libqmweb_a_SOURCES = cgi/util.c cgi/util.h
