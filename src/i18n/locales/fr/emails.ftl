# E-mails aux clients. Arguments : $bundle, $tenant, $regulation, $deadline, $days, $reason,
# $product (le nom du produit de la marque), $company (la société de l'ISV, sinon le nom du produit).

email-hello = Bonjour,
email-hello-name = Bonjour { $name },
email-thanks = Merci.
email-signature = { $company }, pour le compte de { $tenant }
email-help = Des questions ? Écrivez à
email-see-details = Voir le détail
email-details = Détails :
email-your-regulation = votre réglementation
email-soon = prochainement
email-twilio-reason = Motif indiqué par Twilio :
email-footer-why = Vous recevez cet e-mail parce que votre adresse est enregistrée pour { $tenant } dans { $product }, qui tient à jour les bundles réglementaires Twilio de { $tenant }.
email-help-page = Aide et réponses :
email-help-company = Des questions ? Contactez { $company }.
email-link-plain = Cette adresse ouvre la page une fois que vous êtes connecté ; elle ne vous connecte pas à elle seule.
email-missing-title = Ce qui manque encore :
email-missing-none = Twilio ne signale rien de manquant : veuillez vérifier les informations et les soumettre.
email-missing-line = { $requirement } : { $why }
email-missing-fields = { $why } Éléments concernés : { $fields }.

email-digest-subject = { $count ->
    [one] Action requise : 1 bundle réglementaire à mettre à jour avant le { $deadline }
   *[other] Action requise : { $count } bundles réglementaires à mettre à jour, le premier avant le { $deadline }
}
email-digest-intro = { $count ->
    [one] Twilio a modifié ses règles : un bundle réglementaire de { $tenant } doit être mis à jour avant sa date limite, faute de quoi les numéros de téléphone qui en dépendent risquent d'être affectés.
   *[other] Twilio a modifié ses règles : { $count } bundles réglementaires de { $tenant } doivent être mis à jour avant leur date limite, faute de quoi les numéros de téléphone qui en dépendent risquent d'être affectés. Voici ce qu'il faut pour chacun, en commençant par le plus urgent.
}
email-digest-deadline = Date limite : { $deadline } ({ $days })
email-digest-start = Commencer par « { $bundle } »
email-digest-open = Mettre à jour « { $bundle } »
email-digest-links = { $count ->
    [one] Chaque lien ouvre son propre bundle ; il vous est personnel et fonctionne pendant 1 jour, ou jusqu'à la fin du renouvellement de ce bundle, aussi souvent que vous l'utilisez.
   *[other] Chaque lien ouvre son propre bundle ; il vous est personnel et fonctionne pendant { $count } jours, ou jusqu'à la fin du renouvellement de ce bundle, aussi souvent que vous l'utilisez.
}

email-action-needed-title = Action requise
email-action-needed-subject = Action requise : mettez à jour les informations de conformité de { $bundle } (date limite : { $deadline })
email-action-needed-intro = Twilio a modifié les règles pour « { $regulation } ». Le bundle réglementaire « { $bundle } » de { $tenant } doit être mis à jour avant la date limite ({ $deadline }, { $days }), faute de quoi les numéros de téléphone qui en dépendent risquent d'être affectés.
email-action-needed-ask = Nous avons préparé tout ce qui pouvait l'être. Veuillez ouvrir la page ci-dessous, compléter les informations manquantes et les soumettre.
email-action-needed-button = Mettre à jour les informations

email-reminder-title = Rappel
email-reminder-subject = Rappel : mettez à jour { $bundle } ({ $days })
email-reminder-intro = Le bundle réglementaire « { $bundle } » de { $tenant } nécessite toujours des informations à jour. Date limite : { $deadline } ({ $days }).
email-reminder-ask = Veuillez les compléter et les soumettre ici :
email-reminder-button = Compléter et soumettre les informations

email-submitted-title = Soumis
email-submitted-subject = Soumis pour examen : { $bundle }
email-submitted-intro = Les informations mises à jour pour « { $bundle } » ont été soumises à Twilio. L'examen prend généralement environ un jour ouvré ; nous vous enverrons un e-mail dès que Twilio aura rendu sa décision.
email-submitted-auto-intro = Rien ne manquait dans les informations de « { $bundle } » : nous les avons donc soumises à Twilio pour vous, vous n’avez rien à faire. L’examen prend en général un jour ouvré ; nous vous écrirons dès que Twilio aura décidé.
email-submitted-follow = Suivre l'examen
email-submitted-follow-here = Suivez l'examen ici :

email-rejected-title = Modifications demandées
email-rejected-subject = Action requise : Twilio demande des modifications pour { $bundle }
email-rejected-intro = Twilio a examiné les informations pour « { $bundle } » et demande des modifications.
email-rejected-ask = Veuillez les corriger et les soumettre à nouveau avant la date limite ({ $deadline }).

email-completed-title = Terminé
email-completed-subject = C'est fait : { $bundle } est à jour
email-completed-intro = Twilio a approuvé les informations mises à jour pour « { $bundle } », qui sont désormais en place. Le bundle n'a plus de date limite et vos numéros de téléphone ne sont pas affectés. Vous n'avez plus rien à faire.

email-expired-title = Date limite dépassée
email-expired-subject = Date limite dépassée : Twilio a refusé { $bundle }
email-expired-intro = La date limite ({ $deadline }) pour mettre à jour « { $bundle } » ({ $regulation }) est passée avant que Twilio n'approuve les nouvelles informations, et Twilio a refusé le bundle. Les numéros de téléphone qui en dépendent peuvent être affectés.
email-expired-contact = Veuillez contacter l'équipe d'assistance de votre fournisseur : elle peut vous aider à recommencer.

email-link-subject = Votre lien de connexion pour { $tenant }
email-link-sign-in = Utilisez ce lien pour vous connecter à { $product } pour { $tenant } :
email-link-fresh-renewal = Voici un nouveau lien vers votre renouvellement dans { $product } pour { $tenant } :
email-link-button = Se connecter
email-link-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-link-expired-hint = S'il a expiré, vous pouvez en demander un nouveau sur la page de connexion.
email-link-not-you = Si vous n'avez pas demandé à vous connecter, vous pouvez ignorer cet e-mail : personne ne peut se connecter sans le lien.
link-lifetime-sign-in = { $count ->
    [one] Le lien ne fonctionne qu'une fois et pendant 1 minute.
   *[other] Le lien ne fonctionne qu'une fois et pendant { $count } minutes.
}
link-lifetime-renewal = { $count ->
    [one] Ce lien vous est personnel et fonctionne pendant 1 jour, ou jusqu'à la fin de ce renouvellement, quel que soit le nombre de fois où vous l'utilisez.
   *[other] Ce lien vous est personnel et fonctionne pendant { $count } jours, ou jusqu'à la fin de ce renouvellement, quel que soit le nombre de fois où vous l'utilisez.
}
