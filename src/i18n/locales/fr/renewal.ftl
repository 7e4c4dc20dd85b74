# La page de renouvellement, son formulaire et la page de suivi.

renewal-deadline = Date limite
renewal-progress = Progression
step-review = Vérifier
step-update = Mettre à jour
step-submit = Soumettre
step-twilio-review = Examen par Twilio
step-done = Terminé
renewal-history-link = Historique de ce bundle
back-to-bundles = Retour à mes bundles

form-choose = Choisir…
form-error-summary = { $count ->
    [one] Veuillez vérifier un point
   *[other] Veuillez vérifier { $count } points
}
rejection-title = Twilio a demandé des modifications
rejection-fix = Corrigez les informations ci-dessous ou remplacez le document, puis soumettez à nouveau.
rejection-nothing-below = La vérification automatique de Twilio ne relève plus aucun élément manquant : il n'y a donc rien à remplir sur cette page. Si les motifs ci-dessus demandent une modification impossible ici, contactez le support de votre fournisseur avant de soumettre à nouveau :
rejected-document-unnamed = Un document
rejected-document-no-reason = Twilio n'a pas accepté ce document.
renewal-unreadable-title = Nous n'avons pas pu lire les informations enregistrées de cette mise à jour
renewal-unreadable = Notre équipe d'assistance a été prévenue et va s'en occuper. Vous n'avez rien à faire ; nous vous enverrons un e-mail lorsque la mise à jour pourra reprendre.
renewal-preparing-title = Nous préparons votre mise à jour
renewal-preparing = Nous créons une copie de travail de votre bundle et demandons à Twilio ce qui doit changer précisément. Cela prend généralement une ou deux minutes — nous vous enverrons un e-mail, mais vous pouvez aussi recharger cette page dans quelques instants.
renewal-reload = Recharger
submit-title = Tout ce que Twilio demande est là
submit-lead = La vérification de Twilio n'a relevé aucun élément manquant. Soumettez la mise à jour pour examen ; Twilio répond généralement sous 24 heures ouvrées.
submit-button = Soumettre pour examen
submit-after-fix-title = Soumettez ensuite la mise à jour à nouveau
submit-after-fix-lead = La vérification automatique de Twilio ne relève aucun élément manquant, mais l'examen de Twilio n'a pas accepté ce qui est indiqué ci-dessus. Remplacez-le d'abord, puis soumettez à nouveau la mise à jour pour examen.
submit-again-title = Soumettre à nouveau la mise à jour
submit-again-lead = Une fois les motifs de Twilio ci-dessus traités, soumettez à nouveau la mise à jour pour examen. Twilio répond généralement sous 24 heures ouvrées.
submit-not-compliant = La vérification de Twilio relève encore un élément manquant : la mise à jour n'a donc pas été soumise. Consultez les sections ci-dessous.
submit-twilio-failed = Impossible de joindre Twilio : la mise à jour n'a donc pas été soumise. Veuillez réessayer dans quelques minutes.
renewal-not-evaluated = Twilio n'a pas encore vérifié ce bundle. Nous vous indiquerons ce qui est nécessaire dès que ce sera fait.
renewal-replace-before-resubmit = Avant de soumettre à nouveau, vous pouvez aussi remplacer ce que Twilio n'a pas accepté :
renewal-needs = { $count ->
    [one] Twilio a besoin d'un élément avant de pouvoir renouveler ce bundle. Renseignez ce que vous pouvez et enregistrez ; vous pouvez revenir à tout moment avant la date limite.
   *[other] Twilio a besoin de { $count } éléments avant de pouvoir renouveler ce bundle. Renseignez ce que vous pouvez et enregistrez ; vous pouvez revenir à tout moment avant la date limite.
}
twilio-says = Twilio indique :
document-was-rejected = Ce document a été refusé.
document-rejected = Twilio a refusé ce document.
document-not-accepted = Twilio n'a pas accepté ce document. Importez une copie plus lisible ou plus récente et, si nécessaire, corrigez les informations qui s'y rapportent.
section-add-details = Ajoutez vos informations
section-add-document = Ajouter : { $name }
section-details-for = Informations pour : { $name }
section-explain = Rien à remplir ici : les champs ci-dessus suffisent, ou notre équipe vous aidera — répondez simplement à l'un de nos e-mails.
upload-replacement = Importer un document de remplacement
upload-replacement-hint = Une copie plus lisible ou plus récente : PDF, JPEG ou PNG de 10 Mo maximum. Elle remplace le document refusé.
upload-document = Importer le document
upload-document-hint = Un fichier PDF, JPEG ou PNG de 10 Mo maximum.
form-which-document = Quel document ajoutez-vous ?
save-button = Enregistrer et vérifier auprès de Twilio
save-hint = L'enregistrement envoie vos modifications à Twilio, qui les vérifie à nouveau. La soumission pour examen devient possible dès que plus rien ne manque.
done-summary = Déjà fait ({ $count })
done-badge = Fait

save-done-compliant = Enregistré. La vérification de Twilio n'a relevé aucun élément manquant : vous pouvez maintenant soumettre pour examen.
save-done-still-missing = Enregistré. Twilio a vérifié vos modifications ; ce qui requiert encore votre attention est indiqué ci-dessous.
save-not-editable = Cette mise à jour ne peut pas être modifiée pour le moment. Rechargez la page pour voir où elle en est.
save-twilio-failed = Impossible de joindre Twilio : rien n'a été enregistré. Tout ce que vous avez saisi est toujours là ; veuillez réessayer dans quelques minutes.
save-too-large-title = Les fichiers sont trop volumineux
save-too-large = L'ensemble de ce que vous envoyez en une fois doit rester sous { $total } Mo, et chaque document sous { $each } Mo. Revenez en arrière, choisissez des fichiers plus petits (ou moins de fichiers à la fois) et enregistrez à nouveau.
save-unreadable-title = Le formulaire n'a pas pu être lu
save-unreadable = Votre navigateur a envoyé le formulaire de manière incomplète. Revenez en arrière et enregistrez à nouveau.
form-nothing-changed = Rien n'a été modifié. Remplissez au moins l'une des sections ci-dessous, puis enregistrez.
form-choose-file-again = Veuillez choisir à nouveau le fichier : les fichiers ne sont pas conservés lorsqu'un autre élément de la page doit être corrigé.
form-choose-document = Choisissez le document que vous ajoutez
form-choose-file = Choisissez le fichier à importer (PDF, JPEG ou PNG)
upload-empty = Le fichier est vide. Choisissez à nouveau le fichier
upload-too-large = Le fichier dépasse { $count } Mo. Choisissez un fichier plus petit
upload-unknown-type = Le fichier doit être au format PDF, JPEG ou PNG

field-error-required = Renseignez le champ « { $label } »
field-error-control-character = Ce champ contient un caractère de contrôle invisible (NUL) qui ne peut pas être enregistré. Supprimez-le et réessayez.
field-error-too-long = « { $label } » ne doit pas dépasser { $max } caractères
field-error-address-sids = Saisissez des SID d'adresse au format AD suivi de 32 lettres et chiffres (0-9, a-f) ; non valide : { $bad }
field-error-choice = Choisissez l'une des options pour « { $label } »
field-error-email = Saisissez une adresse e-mail au format nom@exemple.com
field-error-phone = Saisissez un numéro de téléphone au format international, par exemple +33612345678
field-error-format = « { $label } » n'est pas au format attendu
field-error-url = Saisissez le champ « { $label } » sous forme d'adresse web, par exemple https://www.exemple.fr
field-error-date = Saisissez le champ « { $label } » sous forme de date réelle : jour, mois et année
field-error-date-future = Le champ « { $label } » ne peut pas être une date future
field-url-hint = Votre site web public ou votre page sur un réseau social, par exemple https://www.exemple.fr.
field-phone-hint = Au format international, commençant par + et l'indicatif du pays, par exemple +33612345678.
field-address-sids-label = SID d'adresse
field-address-sids-hint = Le SID de chaque adresse (AD suivi de 32 lettres et chiffres), tel qu'il apparaît dans votre console Twilio, rubrique Addresses. Séparez-les par des virgules s'il y en a plusieurs.

failure-end-user-missing = { $whose ->
    [individual] Nous n'avons pas encore vos informations personnelles. Veuillez les renseigner ci-dessous.
   *[other] Nous n'avons pas encore les informations sur votre entreprise. Veuillez les renseigner ci-dessous.
}
failure-end-user-field-missing = { $whose ->
    [individual] Certaines de vos informations personnelles sont manquantes ou incomplètes.
   *[other] Certaines informations sur votre entreprise sont manquantes ou incomplètes.
}
failure-document-missing = Twilio a besoin d'un document : { $document }. Veuillez l'ajouter ci-dessous.
failure-document-field-missing = Certaines informations du document « { $document } » sont manquantes ou ne correspondent pas exactement { $whose ->
    [individual] à vos informations personnelles
   *[other] aux informations sur votre entreprise
}. Saisissez-les exactement comme elles figurent sur le document.
failure-document-field-mismatch = Les informations du document « { $document } » ne correspondent pas { $whose ->
    [individual] à vos informations personnelles
   *[other] aux informations sur votre entreprise
}. Elles doivent être strictement identiques.
failure-address-missing = Twilio a besoin de l'adresse figurant sur le document « { $document } », en tant qu'adresse enregistrée dans votre compte Twilio.
failure-not-met = Cette exigence n'est pas encore remplie.

status-submitted-title = Soumis à Twilio
status-in-review-title = Twilio examine votre mise à jour
status-submitted-on = Vous avez soumis la mise à jour le { $when }.
status-submitted-auto-on = Rien ne manquait : la mise à jour a été soumise pour vous le { $when }.
status-next-title = Et ensuite ?
status-next-1 = L'équipe conformité de Twilio vérifie les informations et les documents. Cela prend généralement environ 24 heures ouvrées, parfois un peu plus.
status-next-2 = Si Twilio donne son approbation, nous transférons les nouvelles informations sur vos numéros de téléphone et faisons le ménage. Vous n'avez rien d'autre à faire.
status-next-3 = Si Twilio demande des modifications, nous vous enverrons un e-mail et cette page indiquera précisément ce qu'il faut corriger.
status-numbers-keep-working = Vos numéros de téléphone continuent de fonctionner pendant l'examen.
status-rejected-documents = Documents refusés par Twilio
status-fix-title = Comment corriger
status-fix-1 = Ouvrez la mise à jour et remplacez chaque document refusé par une copie plus lisible ou plus récente.
status-fix-2 = Corrigez les informations signalées par Twilio. Elles doivent correspondre exactement à vos documents.
status-fix-3 = Enregistrez, puis soumettez à nouveau pour examen.
status-waiting = Twilio a besoin de certaines informations de votre part avant la date limite.
status-approved = Twilio a approuvé votre mise à jour. Nous transférons les nouvelles informations sur vos numéros de téléphone ; l'opération se termine d'elle-même en quelques minutes.
status-completed-title = Tout est terminé
status-completed-since = Votre bundle est à jour depuis le { $when }. Twilio ne lui impose plus de date limite et vos numéros de téléphone restent en service.
status-completed = Votre bundle est à jour. Twilio ne lui impose plus de date limite et vos numéros de téléphone restent en service.
status-completed-nothing-else = Vous n'avez rien d'autre à faire. Nous vous enverrons un e-mail si Twilio demande un jour d'autres informations.
status-expired-title = La date limite est dépassée
status-expired-on = La mise à jour n'a pas été approuvée avant le { $deadline } : Twilio a donc marqué le bundle comme refusé. Les numéros de téléphone qui en dépendent risquent de cesser de fonctionner ou de ne pas pouvoir être renouvelés.
status-expired = La mise à jour n'a pas été approuvée avant la date limite : Twilio a donc marqué le bundle comme refusé. Les numéros de téléphone qui en dépendent risquent de cesser de fonctionner ou de ne pas pouvoir être renouvelés.
status-expired-what-now = Que faire maintenant
status-expired-contact = Contactez sans attendre l'équipe d'assistance de votre fournisseur : elle peut ouvrir un nouveau bundle avec vous et y transférer vos numéros.
status-email-support = Écrire à { $email }
status-reply-to-email = Répondez à l'un des e-mails que nous vous avons envoyés au sujet de ce bundle.
status-cancelled-title = Cette mise à jour a été annulée
status-cancelled = Votre fournisseur a annulé cette mise à jour : vous n'avez donc rien à faire ici.
status-questions = Des questions ? Écrivez à
status-on-it-title = Nous nous en occupons
status-on-it = Un point doit être examiné par notre équipe avant que cette mise à jour puisse se poursuivre. Vous n'avez rien à faire : nous vous enverrons un e-mail dès qu'elle reprendra.
status-in-a-hurry = C'est urgent ? Écrivez à

checks-title = Vérifications de Twilio
checks-none = Twilio n'a pas encore vérifié cette mise à jour.
checks-lead = À chaque modification de vos informations, Twilio les a vérifiées au regard de ses règles. Les plus récentes en premier.
check-nothing-missing = Rien ne manque
check-something-needed = Il manque encore quelque chose
check-when-prepared = Lors de la préparation de la mise à jour
check-after-save = { $who ->
    [you] Après l'enregistrement de vos modifications
    [support] Après l'enregistrement de modifications par notre équipe d'assistance
    [user] Après l'enregistrement de modifications par { $user }
   *[other] Après l'enregistrement de modifications par nos soins
}
check-again = Vérifié à nouveau { $who ->
    [you] par vous
    [support] par notre équipe d'assistance
    [user] par { $user }
   *[other] par nos soins
}
check-after-rejection = Après la demande de modifications issue de l'examen de Twilio
check-by = { $who ->
    [you] par vous
    [support] par notre équipe d'assistance
    [user] par { $user }
   *[other] par nos soins
}
evidence-lead = Un relevé de tout ce qui a été fait dans cette mise à jour :
evidence-pdf = téléchargez-le en PDF
evidence-json = ou en JSON

change-verdict = Résultat : { $old } → { $new }
change-now-passes = { $requirement } : désormais conforme
change-now-fails = { $requirement } : désormais non conforme
change-end-user-added = End-User { $name } ajouté
change-value = { $field } : « { $old } » → « { $new } »
change-document-added = Document « { $name } » ({ $type }) ajouté
change-document-removed = Document « { $name } » ({ $type }) supprimé

numbers-at-risk = { $count ->
    [one] Ce numéro de téléphone cessera de fonctionner le { $date } si ce bundle n'est pas mis à jour.
   *[other] Ces { $count } numéros de téléphone cesseront de fonctionner le { $date } si ce bundle n'est pas mis à jour.
}
numbers-show = { $count ->
    [one] Afficher le numéro
   *[other] Afficher les { $count } numéros
}
status-provisional-title = Twilio a approuvé provisoirement votre mise à jour
status-provisional-explained = Vos numéros de téléphone continuent de fonctionner en attendant. Twilio doit encore donner son approbation définitive ; dès qu'elle arrive, nous mettons les nouvelles informations en place. Vous n'avez rien à faire.
