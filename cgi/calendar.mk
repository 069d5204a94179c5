# cgi/calendar.mk: the calendar and the slot planner (issue 4).
