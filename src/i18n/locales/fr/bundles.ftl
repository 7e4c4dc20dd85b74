# La liste des bundles et l'historique d'un bundle.

bundles-lead = Chaque bundle regroupe les informations sur l'entreprise dont Twilio a besoin pour maintenir vos numéros de téléphone en service.
bundles-need-attention = { $count ->
    [one] L'un d'eux requiert votre attention.
   *[other] { $count } d'entre eux requièrent votre attention.
}
bundles-find = Rechercher un bundle
bundles-find-placeholder = Nom, SID BU… ou pays
bundles-search = Rechercher
bundles-show-all = Tout afficher
bundles-no-match = Aucun bundle ne correspond à « { $query } »
bundles-no-match-hint = Essayez une partie du nom du bundle, son SID (BU…) ou le pays.
bundles-page-empty = Cette page est vide
bundles-first-page = Retour à la première page
bundles-nothing-title = Rien à faire
bundles-nothing = Vous n'avez encore aucun bundle réglementaire chez nous. Lorsque Twilio demandera des informations à jour sur vos numéros de téléphone, elles apparaîtront ici et nous vous enverrons un e-mail.
bundles-update-by = À mettre à jour avant le
bundles-no-deadline = Aucune date limite
bundles-for = pour { $name }
bundles-view = Voir
bundles-history = Historique
bundles-of = de { $name }
bundles-pages = Pages de bundles
bundles-range = Bundles { $first }–{ $last } sur { $total }
bundles-unnamed = Bundle sans nom
pager-previous = Précédent
pager-next = Suivant
pager-page = Page { $page } sur { $pages }

history-title = Historique — { $name }
history-heading = Historique de { $name }
history-none-title = Aucune mise à jour pour l'instant
history-none = Twilio n'a jamais demandé d'informations à jour pour ce bundle.
history-region = Historique
history-caption = Mises à jour de ce bundle, les plus récentes en premier
history-started = Début
history-deadline = Date limite
history-submitted = Soumise
history-finished = Fin
history-outcome = Résultat

bundles-ready-to-submit = Prêt à soumettre
bundles-review-and-submit = Vérifier et soumettre
bundles-rejected-explained = Twilio a rejeté ce bundle et il n'y a plus de date limite à respecter : il ne peut plus être mis à jour ici. Les numéros de téléphone qui en dépendent risquent de cesser de fonctionner ou de ne pas pouvoir être renouvelés.
bundles-rejected-contact = Pour ouvrir un nouveau bundle et y transférer vos numéros, contactez le support de votre fournisseur :
bundles-rejected-contact-provider = Pour ouvrir un nouveau bundle et y transférer vos numéros, contactez le support de votre fournisseur (répondez à l'un des e-mails que nous vous avons envoyés au sujet de ce bundle).
link-signed-in = Vous êtes déjà connecté(e) : vous n'avez pas besoin de ce lien.
link-continue-to-bundles = Continuer vers Mes bundles

bundles-numbers = { $count ->
    [one] 1 numéro de téléphone utilise ce bundle
   *[other] { $count } numéros de téléphone utilisent ce bundle
}
bundles-rejected-reason = Motif de Twilio : { $reason }
bundles-test-bundle = Il s'agit d'un bundle de test Twilio : Twilio rejette tous les bundles de test, il n'est donc jamais renouvelé. Vous n'avez rien à faire ; si ses numéros de téléphone comptent, demandez à l'équipe support de votre fournisseur de créer un vrai bundle.
