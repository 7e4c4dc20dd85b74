# Einmal beheben: ein Wert oder eine Datei für mehrere offene Verlängerungen.
fix-once-also = Auch verwenden für: { $bundles }
fix-once-also-hint = Diese Verlängerungen benötigen dasselbe. Ankreuzen, um es auch dort zu speichern.
fix-once-updated = Auch gespeichert für: { $bundles }
fix-once-not-updated = Konnte nicht gespeichert werden für: { $bundles }. Bitte öffnen Sie jede davon und versuchen Sie es erneut.
