# La lista de paquetes y el historial de un paquete.

bundles-lead = Cada paquete contiene la información de la empresa que Twilio necesita para mantener sus números de teléfono en servicio.
bundles-need-attention = { $count ->
    [one] Uno de ellos requiere su atención.
   *[other] { $count } de ellos requieren su atención.
}
bundles-find = Buscar un paquete
bundles-find-placeholder = Nombre, SID BU… o país
bundles-search = Buscar
bundles-show-all = Mostrar todos
bundles-no-match = Ningún paquete coincide con «{ $query }»
bundles-no-match-hint = Pruebe con parte del nombre del paquete, su SID (BU…) o el país.
bundles-page-empty = Esta página está vacía
bundles-first-page = Volver a la primera página
bundles-nothing-title = Nada que hacer
bundles-nothing = Todavía no tiene ningún paquete regulatorio con nosotros. Cuando Twilio solicite información actualizada sobre sus números de teléfono, aparecerá aquí y le avisaremos por correo electrónico.
bundles-update-by = Actualizar antes del
bundles-no-deadline = Sin fecha límite
bundles-for = para { $name }
bundles-view = Ver
bundles-history = Historial
bundles-of = de { $name }
bundles-pages = Páginas de paquetes
bundles-range = Paquetes { $first }–{ $last } de { $total }
bundles-unnamed = Paquete sin nombre
pager-previous = Anterior
pager-next = Siguiente
pager-page = Página { $page } de { $pages }

history-title = Historial — { $name }
history-heading = Historial de { $name }
history-none-title = Aún no hay actualizaciones
history-none = Twilio nunca ha solicitado información actualizada para este paquete.
history-region = Historial
history-caption = Actualizaciones de este paquete, de la más reciente a la más antigua
history-started = Inicio
history-deadline = Fecha límite
history-submitted = Enviada
history-finished = Finalización
history-outcome = Resultado

bundles-ready-to-submit = Listo para enviar
bundles-review-and-submit = Revisar y enviar
bundles-rejected-explained = Twilio rechazó este paquete y ya no queda ninguna fecha límite que cumplir: ya no se puede actualizar aquí. Los números de teléfono que dependen de él pueden dejar de funcionar o no poder renovarse.
bundles-rejected-contact = Para abrir un nuevo paquete y trasladar a él sus números, póngase en contacto con el soporte de su proveedor:
bundles-rejected-contact-provider = Para abrir un nuevo paquete y trasladar a él sus números, póngase en contacto con el soporte de su proveedor (responda a cualquiera de los correos que le enviamos sobre este paquete).
link-signed-in = Ya ha iniciado sesión, así que no necesita este enlace.
link-continue-to-bundles = Continuar a Mis paquetes

bundles-numbers = { $count ->
    [one] 1 número de teléfono usa este bundle
   *[other] { $count } números de teléfono usan este bundle
}
bundles-rejected-reason = Motivo de Twilio: { $reason }
bundles-test-bundle = Este es un bundle de prueba de Twilio: Twilio rechaza todos los bundles de prueba, así que nunca se renueva. No tiene que hacer nada; si sus números de teléfono le importan, pida al equipo de soporte de su proveedor que cree un bundle real.
