# Inicio de sesión mediante un enlace enviado por correo electrónico.

email-address = Correo electrónico
error-summary-title = Hay un problema
login-title = Iniciar sesión
login-signed-out = Ha cerrado la sesión.
login-lead = Introduzca su correo electrónico y le enviaremos un enlace para iniciar sesión. No necesita contraseña.
login-goes-to-renewal = Después de iniciar sesión, irá directamente a la actualización que estaba abriendo.
login-email-hint = La dirección que utiliza su proveedor para contactarle sobre sus números de teléfono.
login-submit = Enviarme un enlace de acceso
login-small-print = Los enlaces funcionan una sola vez y durante poco tiempo. Si ya no tiene acceso a su dirección, contacte con su proveedor.
login-error-empty = Introduzca su correo electrónico
login-error-too-long = Una dirección de correo electrónico tiene como máximo 254 caracteres
login-error-invalid = Introduzca un correo electrónico como nombre@ejemplo.com

check-email-title = Revise su correo electrónico
check-email-sent-to = Si { $email } corresponde a una cuenta, le hemos enviado un enlace de acceso.
check-email-sent = Si la dirección que ha introducido corresponde a una cuenta, le hemos enviado un enlace de acceso.
check-email-once = El enlace funciona una sola vez y solo durante unos minutos. Ábralo en este dispositivo para continuar.
check-email-nothing-arrived = ¿No ha recibido nada tras unos minutos? Revise la carpeta de correo no deseado o
check-email-ask-again = solicite un nuevo enlace.

link-continue-title = Continuar con el inicio de sesión
link-continue-for = Este enlace inicia la sesión de { $email }.
link-continue-button = Continuar
link-continue-not-you = ¿No es usted? Cierre esta página: no ocurrirá nada hasta que pulse Continuar.

link-expired-title = Este enlace de acceso ya no funciona
link-expired-renewal = Por su seguridad, el enlace a esta renovación ha caducado o se ha revocado.
link-expired-fresh-offer = Podemos enviar un enlace nuevo a la dirección a la que se envió. Abre la misma renovación.
link-expired-fresh-button = Enviarme un enlace nuevo
link-expired-used = El enlace ya se ha utilizado. Cada enlace permite iniciar sesión una sola vez.
link-expired-expired = El enlace ha caducado o está incompleto. Por su seguridad, los enlaces solo funcionan durante unos minutos.
link-expired-new-offer = Podemos enviarle uno nuevo ahora mismo.
link-expired-new-button = Enviarme un enlace nuevo
