# Ce que le changement de réglementation de Twilio demande pour un bundle (noms de Twilio inchangés).

whats-new-title = Nouveau depuis l'approbation de votre bundle
whats-changed-title = Ce qui a changé
whats-new-unknown = Nous n'avions pas encore vu cette réglementation avant que Twilio ne fixe la date limite : nous ne pouvons donc pas dire exactement ce qui a changé. Les sections ci-dessous demandent tout ce dont Twilio a besoin aujourd'hui.
whats-new-unchanged = Twilio a fixé une date limite sans changer ce qu'il demande : les informations de ce bundle doivent seulement être vérifiées et soumises à nouveau.
whats-new-end-user-field = Une nouvelle information : { $field }
whats-new-document = Un nouveau document : { $requirement } ({ $accepted })
whats-new-accepted = { $requirement } accepte désormais aussi : { $document }
whats-new-document-fields = { $document } doit désormais indiquer : { $fields }
