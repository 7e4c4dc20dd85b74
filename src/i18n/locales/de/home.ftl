# Die Startseite.

home-title = Halten Sie Ihre Telefonnummern regelkonform
home-nav-sign-in = Kundenanmeldung
home-nav-staff = Mitarbeitende
home-heading = Halten Sie Ihre Telefonnummern regelkonform – ganz ohne lästigen Papierkram.
home-lead = Wenn Twilio eine Vorschrift ändert, müssen die Angaben zu Ihren Telefonnummern bis zu einer Frist aktualisiert werden. { $product } erkennt, was aktualisiert werden muss, sagt Ihnen genau, welche Felder und Dokumente fehlen, und kümmert sich um alles Weitere.
home-sign-in-button = Mit Ihrer E-Mail-Adresse anmelden
home-how-it-works = So funktioniert es
home-step-1-title = 1. Wir erkennen es
home-step-1 = { $product } prüft täglich die Compliance-Bundles Ihrer Nummern und startet eine Erneuerung, sobald Twilio eine Frist setzt.
home-step-2-title = 2. Sie ergänzen, was fehlt
home-step-2 = Eine einzige Seite zeigt in verständlichen Worten genau, was Twilio verlangt – Ihre aktuellen Angaben sind bereits ausgefüllt.
home-step-3-title = 3. Wir erledigen den Rest
home-step-3 = Nach der Genehmigung durch Twilio überträgt { $product } die neuen Angaben auf Ihre Nummern und räumt auf. Sonst ist nichts zu tun.
