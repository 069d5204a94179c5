# stats/: the statistics library and qualimetre-stats (issue 3).
