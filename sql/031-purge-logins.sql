-- qualimetre purge deletes the login forms past their expiry and the
-- failed-login counts a day old and no longer locking (sql/027): a
-- failure older than a day no longer counts (the count starts again),
-- so those rows only keep what was tried, from where.
GRANT SELECT, DELETE ON qualimetre.login_form TO qualimetre_admin;
