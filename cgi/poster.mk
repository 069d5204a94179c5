# cgi/poster.mk (issue 5).
