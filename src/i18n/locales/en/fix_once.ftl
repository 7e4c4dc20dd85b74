# Fix once: one value or upload applied to several open renewals.
fix-once-also = Also use this for: { $bundles }
fix-once-also-hint = These renewals need the same. Tick to save it to each of them too.
fix-once-updated = Also saved to: { $bundles }
fix-once-not-updated = Could not be saved to: { $bundles }. Please open each of them and try again.
