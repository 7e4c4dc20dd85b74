# Corregir datos ya aceptados, y la revisión antes de enviar.
correct-title = Corregir un dato ya aceptado
correct-lead = La comprobación de Twilio acepta estos datos. Si alguno es incorrecto (una errata en un nombre, un teléfono antiguo), corríjalo aquí: al guardar se envía a Twilio y se comprueba de nuevo.
correct-end-user-summary = Los datos de la empresa o de la persona.
correct-document-summary = Los datos de este documento.
correct-button = Guardar correcciones y comprobar con Twilio
correct-hint = Solo se envían los datos que cambie.
review-and-submit-button = Revisar y enviar
review-title = Revisar antes de enviar
review-back = Volver a la actualización
review-lead = Esto es todo lo que se enviará a Twilio para su revisión. Compruebe cada dato; use Editar para corregir lo que haga falta.
review-missing-title = { $count ->
    [one] La comprobación de Twilio aún echa en falta una cosa
   *[other] La comprobación de Twilio aún echa en falta { $count } cosas
}
review-missing-then = Complételas en la página de la actualización; podrá enviar cuando no falte nada.
review-needs-attention = Requiere atención
review-edit = Editar
review-nothing-yet = Aún no hay nada.
review-shown-above = Lo cumple lo que se muestra arriba: { $names }.
review-not-given = Sin indicar
review-files = Archivos
review-file-at-twilio = Twilio ya tiene un archivo { $type }.
review-other-group = También se envía a Twilio
review-end-user = Datos
review-submit-confirm = Al enviar, confirma que estos datos son correctos.
review-rejected = La revisión de Twilio no aceptó este documento.
