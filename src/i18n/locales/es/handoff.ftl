# La página de un traspaso rechazado desde el portal del proveedor.

handoff-refused-title = Este enlace no le permite iniciar sesión
handoff-refused-gone = El enlace ha caducado o ya se ha utilizado. Cada enlace funciona una sola vez, durante unos minutos.
handoff-refused-invalid = Este enlace no es válido para este servicio.
handoff-refused-next = Vuelva al portal del que procede y abra de nuevo el cumplimiento normativo, o
handoff-refused-sign-in = inicie sesión con su dirección de correo electrónico.
