# Corregir una vez: un valor o un archivo para varias renovaciones abiertas.
fix-once-also = Usar también para: { $bundles }
fix-once-also-hint = Estas renovaciones necesitan lo mismo. Márquelo para guardarlo también en cada una.
fix-once-updated = También guardado en: { $bundles }
fix-once-not-updated = No se pudo guardar en: { $bundles }. Abra cada una e inténtelo de nuevo.
