# La página de inicio.

home-title = Mantenga sus números de teléfono en regla
home-nav-sign-in = Acceso de clientes
home-nav-staff = Personal
home-heading = Mantenga sus números de teléfono en regla, sin perseguir papeleo.
home-lead = Cuando Twilio cambia una normativa, la información asociada a sus números de teléfono debe actualizarse antes de una fecha límite. { $product } detecta lo que hay que actualizar, le indica exactamente qué campos y documentos faltan y se ocupa de todo lo demás.
home-sign-in-button = Iniciar sesión con su correo electrónico
home-how-it-works = Cómo funciona
home-step-1-title = 1. Lo detectamos
home-step-1 = { $product } revisa a diario los paquetes de cumplimiento de sus números y abre una renovación en cuanto Twilio fija una fecha límite.
home-step-2-title = 2. Usted completa lo que falta
home-step-2 = Una sola página indica exactamente lo que pide Twilio, con palabras sencillas y con sus datos actuales ya rellenados.
home-step-3-title = 3. Nosotros terminamos el trabajo
home-step-3 = Cuando Twilio lo aprueba, { $product } traslada la nueva información a sus números y lo deja todo en orden. No tiene que hacer nada más.
