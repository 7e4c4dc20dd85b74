# Corriger des valeurs déjà acceptées, et la relecture avant l'envoi.
correct-title = Corriger une valeur déjà acceptée
correct-lead = La vérification de Twilio accepte ces valeurs. Si l'une d'elles est fausse (une faute de frappe dans un nom, un ancien numéro), corrigez-la ici : l'enregistrement l'envoie à Twilio et la fait vérifier de nouveau.
correct-end-user-summary = Les informations sur l'entreprise ou la personne.
correct-document-summary = Les informations de ce document.
correct-button = Enregistrer les corrections et vérifier avec Twilio
correct-hint = Seules les valeurs modifiées sont envoyées.
review-and-submit-button = Relire et envoyer
review-title = Relire avant d'envoyer
review-back = Retour à la mise à jour
review-lead = Voici tout ce qui sera envoyé à Twilio pour examen. Vérifiez chaque valeur ; utilisez Modifier pour corriger.
review-missing-title = { $count ->
    [one] La vérification de Twilio constate encore un manque
   *[other] La vérification de Twilio constate encore { $count } manques
}
review-missing-then = Complétez-les sur la page de la mise à jour ; vous pourrez envoyer dès que rien ne manque.
review-needs-attention = À compléter
review-edit = Modifier
review-nothing-yet = Rien pour l'instant.
review-shown-above = Satisfait par ce qui est affiché plus haut : { $names }.
review-not-given = Non renseigné
review-files = Fichiers
review-file-at-twilio = Twilio a déjà un fichier { $type }.
review-other-group = Également envoyé à Twilio
review-end-user = Informations
review-submit-confirm = En envoyant, vous confirmez que ces informations sont exactes.
review-rejected = L'examen de Twilio n'a pas accepté ce document.
