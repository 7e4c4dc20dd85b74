# Die Seite einer abgelehnten Übergabe aus dem Portal des Anbieters.

handoff-refused-title = Mit diesem Link können Sie sich nicht anmelden
handoff-refused-gone = Der Link ist abgelaufen oder wurde bereits verwendet. Jeder Link funktioniert nur einmal und nur wenige Minuten lang.
handoff-refused-invalid = Dieser Link ist für diesen Dienst nicht gültig.
handoff-refused-next = Kehren Sie zu dem Portal zurück, von dem Sie kamen, und öffnen Sie die Compliance erneut, oder
handoff-refused-sign-in = melden Sie sich mit Ihrer E-Mail-Adresse an.
