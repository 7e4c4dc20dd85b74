//! Outgoing email: the dev outbox, and real SMTP delivery to a sink.

use recomply::email::{Email, Mailer};
use recomply::secret::SecretString;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::TestDatabase;

fn sample() -> Email {
    Email {
        tenant_id: None,
        renewal_id: None,
        kind: "staff_alert",
        to: "support@example.com".into(),
        subject: "Renewal needs attention".into(),
        text: "Open https://app.example/admin".into(),
        html: "<p>Open <a href=\"https://app.example/admin\">the admin</a></p>".into(),
    }
}

/// A minimal SMTP server that accepts one message and hands back its DATA.
async fn smtp_sink() -> (String, tokio::sync::oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let (done, received) = tokio::sync::oneshot::channel();
    let mut done = Some(done);
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
        let mut data = String::new();
        let mut in_data = false;
        while let Some(line) = lines.next_line().await.unwrap() {
            if in_data {
                if line == "." {
                    in_data = false;
                    write.write_all(b"250 queued\r\n").await.unwrap();
                    // A pooled client keeps the connection open: hand the message over now.
                    if let Some(done) = done.take() {
                        let _ = done.send(std::mem::take(&mut data));
                    }
                } else {
                    data.push_str(&line);
                    data.push('\n');
                }
                continue;
            }
            let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 sink\r\n",
                "DATA" => {
                    in_data = true;
                    b"354 go ahead\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                }
                _ => b"250 ok\r\n",
            };
            write.write_all(reply).await.unwrap();
        }
    });
    (url, received)
}

#[tokio::test]
async fn without_smtp_an_email_is_kept_in_the_dev_outbox() {
    let db = TestDatabase::create().await;
    let mailer = Mailer::new(None, "recomply <no-reply@example.com>").unwrap();

    mailer.send(&db.pool, &sample()).await.unwrap();

    let (status, subject): (String, String) =
        sqlx::query_as("select status, subject from email_outbox")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(status, "outbox");
    assert_eq!(subject, "Renewal needs attention");
}

#[tokio::test]
async fn with_smtp_an_email_is_delivered_and_marked_sent() {
    let db = TestDatabase::create().await;
    let (url, sink) = smtp_sink().await;
    let mailer = Mailer::new(
        Some(&SecretString::from(url)),
        "recomply <no-reply@example.com>",
    )
    .unwrap();

    mailer.send(&db.pool, &sample()).await.unwrap();

    let data = sink.await.unwrap();
    assert!(data.contains("Subject: Renewal needs attention"));
    assert!(data.contains("https://app.example/admin"));
    let status: String = sqlx::query_scalar("select status from email_outbox")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(status, "sent");
}

/// An SMTP server that accepts any number of connections and messages, refusing the first
/// `RCPT TO` for each address in `refuse_once` with a transient 450.
#[derive(Clone, Default)]
pub struct SmtpSink {
    state: std::sync::Arc<std::sync::Mutex<SinkState>>,
}

#[derive(Default)]
struct SinkState {
    refuse_once: Vec<String>,
    delivered: Vec<(Vec<String>, String)>,
}

impl SmtpSink {
    /// Starts the sink; returns it and its `smtp://` URL.
    pub async fn start(refuse_once: &[&str]) -> (Self, String) {
        let sink = Self::default();
        sink.state.lock().unwrap().refuse_once =
            refuse_once.iter().map(|s| s.to_string()).collect();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let accepting = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(accepting.clone().serve(stream));
            }
        });
        (sink, url)
    }

    /// Recipients of every accepted message, one entry per recipient.
    pub fn delivered_to(&self) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state
            .delivered
            .iter()
            .flat_map(|(to, _)| to.clone())
            .collect()
    }

    async fn serve(self, stream: tokio::net::TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
        let (mut recipients, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    let message = (std::mem::take(&mut recipients), std::mem::take(&mut data));
                    self.state.lock().unwrap().delivered.push(message);
                    let _ = write.write_all(b"250 queued\r\n").await;
                } else {
                    data.push_str(&line);
                    data.push('\n');
                }
                continue;
            }
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("RCPT TO:") {
                let address = line[8..].trim().trim_matches(['<', '>']).to_owned();
                let mut state = self.state.lock().unwrap();
                match state.refuse_once.iter().position(|a| *a == address) {
                    Some(i) => {
                        state.refuse_once.remove(i);
                        b"450 mailbox busy, try again later\r\n"
                    }
                    None => {
                        recipients.push(address);
                        b"250 ok\r\n"
                    }
                }
            } else if upper.starts_with("MAIL") || upper.starts_with("RSET") {
                recipients.clear();
                b"250 ok\r\n"
            } else if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250 sink\r\n"
            } else if upper.starts_with("DATA") {
                in_data = true;
                b"354 go ahead\r\n"
            } else if upper.starts_with("QUIT") {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
