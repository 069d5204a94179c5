# cgi/export.mk (issue 5).
