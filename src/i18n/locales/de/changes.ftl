# Was die Regeländerung von Twilio für ein Bundle verlangt (Twilios Bezeichnungen bleiben unverändert).

whats-new-title = Neu seit der Genehmigung Ihres Bundles
whats-changed-title = Was sich geändert hat
whats-new-unknown = Wir kannten diese Regelung noch nicht, bevor Twilio die Frist gesetzt hat, und können daher nicht genau sagen, was sich geändert hat. Die Abschnitte unten fragen alles ab, was Twilio jetzt benötigt.
whats-new-unchanged = Twilio hat eine Frist gesetzt, ohne seine Anforderungen zu ändern: Die Angaben zu diesem Bundle müssen nur geprüft und erneut eingereicht werden.
whats-new-end-user-field = Eine neue Angabe: { $field }
whats-new-document = Ein neues Dokument: { $requirement } ({ $accepted })
whats-new-accepted = { $requirement } akzeptiert jetzt auch: { $document }
whats-new-document-fields = { $document } muss jetzt enthalten: { $fields }
