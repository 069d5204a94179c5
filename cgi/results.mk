# cgi/results.mk (issue 5).
