# Le cadre de chaque page client, les dates, les comptes à rebours et les états de renouvellement.

skip-to-content = Aller au contenu principal
nav-main = Principale
nav-my-bundles = Mes bundles
nav-sign-out = Se déconnecter
footer-default = { $product } tient à jour auprès de Twilio les informations de conformité de vos numéros de téléphone.
footer-help = Aide
language-switcher = Langue

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day } { $month } { $year }
date-time = { $date }, { $time } { $zone }

countdown-left = { $count ->
    [one] 1 jour restant
   *[other] { $count } jours restants
}
countdown-today = Échéance aujourd'hui
countdown-overdue = { $count ->
    [one] 1 jour de retard
   *[other] { $count } jours de retard
}

state-detected = Mise à jour nécessaire
state-copy-created = En préparation
state-collecting = En attente de vos informations
state-submitted = Soumis
state-in-review = En cours d'examen chez Twilio
state-rejected = Modifications demandées
state-approved = Approuvé
state-finishing = Finalisation en cours
state-completed = Terminé
state-expired = Expiré
state-cancelled = Annulé
state-needs-attention = Action requise

bundle-status-draft = Brouillon
bundle-status-pending-review = Soumis à Twilio
bundle-status-in-review = En cours d'examen chez Twilio
bundle-status-twilio-approved = Approuvé par Twilio
bundle-status-twilio-rejected = Refusé par Twilio
bundle-status-provisionally-approved = Approuvé provisoirement
bundle-status-unknown = Inconnu

numbers-mobile = Numéros mobiles
numbers-local = Numéros locaux
numbers-national = Numéros nationaux
numbers-toll-free = Numéros gratuits
numbers-any = Numéros de téléphone
regulation-in-country = { $numbers } { $where }
regulation-for-business = { $regulation }, pour une entreprise
regulation-for-individual = { $regulation }, pour un particulier

action-fix-and-resubmit = Corriger et soumettre à nouveau
action-update-information = Mettre à jour les informations

error-prefix = Erreur :
optional = (facultatif)

submit-by-note = À soumettre avant le { $date } — Twilio a besoin d'environ { $count ->
    [one] un jour ouvré
   *[other] { $count } jours ouvrés
} pour l'examiner.
submit-by-passed = À soumettre au plus vite : la date conseillée, le { $date }, est passée, et Twilio a besoin d'environ { $count ->
    [one] un jour ouvré
   *[other] { $count } jours ouvrés
} pour l'examiner.
