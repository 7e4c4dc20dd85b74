# Corriger une fois : une valeur ou un fichier pour plusieurs renouvellements ouverts.
fix-once-also = Utiliser aussi pour : { $bundles }
fix-once-also-hint = Ces renouvellements demandent la même chose. Cochez pour l'enregistrer aussi dans chacun.
fix-once-updated = Également enregistré pour : { $bundles }
fix-once-not-updated = Impossible d'enregistrer pour : { $bundles }. Ouvrez chacun d'eux et réessayez.
